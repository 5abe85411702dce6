#pragma once
// silkroute assign: static user-equilibrium traffic assignment on TNTP networks.
#include <CLI/CLI.hpp>
#include <functional>

namespace silkroute::app {
// Returns the runner: -1 when the subcommand was not chosen, else the exit code.
std::function<int()> add_assign_command(CLI::App& app);
}
