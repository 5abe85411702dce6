#pragma once
// `silkroute sweep`: many scenarios on Dask distributed. The runner is Python (Dask is a
// Python library), so this command hands over to `python3 -m silkroute.sweep`, which drives
// the same engine through the Python module (python/silkroute/sweep.py, docs/sweeps.md).

#include <CLI/CLI.hpp>

namespace silkroute::app {

// Lists `sweep` in silkroute's help.
void add_sweep_command_placeholder(CLI::App& app);
// When argv[1] is "sweep", replaces this process with the Python runner (never returns then).
void exec_sweep_command_if_chosen(int argc, char** argv);

}  // namespace silkroute::app
