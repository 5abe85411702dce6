#pragma once
// silkroute serve: the HTTP API and the web page in one process.
#include <CLI/CLI.hpp>
#include <functional>

namespace silkroute::app {
// Registers `serve`; the returned function runs it if chosen (exit code) or returns -1.
std::function<int()> add_serve_command(CLI::App& app);
}
