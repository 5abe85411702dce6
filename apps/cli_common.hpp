#pragma once
// Small helpers shared by the subcommands of the silkroute command line.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "engine/requests.hpp"
#include "network/network.hpp"

namespace silkroute::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitNoRoute = 3;

// SILKROUTE_NETWORK, else the embedded Belt and Road network.
std::string default_network_dir();
Network load_network(const std::string& dir_or_empty);

// "a,b" "c" -> {a, b, c}
std::vector<std::string> split_list(const std::vector<std::string>& raw);

// The route request's options (places, cargo, objective, alternatives, scenario, year,
// carbon price, avoid), bound straight into the request: its defaults are the request's.
void add_route_request_options(CLI::App* cmd, RouteRequest& request);

// Parses the command line and runs the first runner that claims it (a runner returns -1
// when its command was not chosen), turning errors into messages and exit codes: 2 for bad
// input, 1 for an internal error. Also checks that standard output was written.
int run_command_line(CLI::App& app, int argc, char** argv, const std::vector<std::function<int()>>& runners);

// The commands that need heavy libraries live in their own programs next to silkroute, so
// that every other command starts in milliseconds: import and export (GDAL) in
// silkroute-gis, serve (cpp-httplib, OpenSSL) in silkroute-serve. These add them to
// silkroute's help and hand them over.
void add_helper_command_placeholders(CLI::App& app);
// When argv names such a command, replaces this process with its program (never returns
// then); otherwise returns.
void exec_helper_command_if_chosen(int argc, char** argv);
// The folder of the running program (where its helper programs and modules are).
std::filesystem::path program_dir(const char* argv0);

// Writes text to a file through a temporary (an existing file only with force), or to
// stdout when path is empty or "-".
void write_output(const std::string& text, const std::string& path, bool force);

}  // namespace silkroute::app
