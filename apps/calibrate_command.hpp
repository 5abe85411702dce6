#pragma once
// `silkroute calibrate`: the model against published transit times and distances, and with
// --fit the global fit of the time model with k-fold cross-validation (docs/calibration.md).

#include <CLI/CLI.hpp>
#include <functional>

namespace silkroute::app {

// Adds the command; the returned runner returns -1 when another command was chosen.
std::function<int()> add_calibrate_command(CLI::App& app);

}  // namespace silkroute::app
