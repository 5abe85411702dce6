#pragma once
// silkroute export: the network, routes and criticality results as GeoJSON or GeoPackage.
#include <CLI/CLI.hpp>
#include <functional>

namespace silkroute::app {
std::function<int()> add_export_command(CLI::App& app);
}
