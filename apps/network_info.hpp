#pragma once
#include <string>

#include "network/network.hpp"

namespace silkroute::app {
// A readable summary of a network: what it covers, by kind, mode, corridor and year.
std::string network_info(const Network& net);
}  // namespace silkroute::app
