#pragma once
// The analysis subcommands: scenarios, compare, criticality, impact.

#include <CLI/CLI.hpp>
#include <functional>

namespace silkroute::app {

// Registers the subcommands on `app`; the returned function runs whichever was chosen and
// returns its exit code, or -1 if none of them was.
std::function<int()> add_analysis_commands(CLI::App& app);

}  // namespace silkroute::app
