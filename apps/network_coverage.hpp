#pragma once
#include <string>

#include "network/network.hpp"

namespace silkroute::app {
// What a network covers, by time-model region (regions.csv beside the dataset, when present) and
// by mode: places by kind, air hubs, and line length. `silkroute info --coverage`; docs/coverage.md.
std::string network_coverage(const Network& net);
}  // namespace silkroute::app
