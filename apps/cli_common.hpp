#pragma once
// Small helpers shared by the subcommands of the silkroute command line.

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

// Writes text to a file through a temporary (an existing file only with force), or to
// stdout when path is empty or "-".
void write_output(const std::string& text, const std::string& path, bool force);

}  // namespace silkroute::app
