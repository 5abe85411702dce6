#pragma once
// `silkroute validate DIR`: the loader's hard errors, then the validation report (lengths far
// from their geometry, nodes with no link, parts of the network cut off, duplicate places,
// roads across the open sea) as an aligned table or JSON. Exit 0 when there is no error.

#include <CLI/CLI.hpp>
#include <functional>

namespace silkroute::app {

// Adds the command; the returned runner returns -1 when another command was chosen.
std::function<int()> add_validate_command(CLI::App& app);

}  // namespace silkroute::app
