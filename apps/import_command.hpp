#pragma once
// silkroute import: datasets built from GIS layers and public networks.
#include <CLI/CLI.hpp>
#include <functional>

namespace silkroute::app {
std::function<int()> add_import_command(CLI::App& app);
}
