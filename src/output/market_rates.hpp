#pragma once
// Market freight rates beside operating costs: a scenario's [[market_rates]] matched to the
// parts of a route that run the lane (a run of legs of the lane's mode from its first node
// to its last). Routing never sees them; outputs show both, each named for what it is.

#include <string>
#include <vector>

#include "routing/route.hpp"
#include "scenario/scenario.hpp"

namespace silkroute::output {

// What every cost column is, said once for outputs and docs.
inline constexpr const char* kCostBasis =
    "operating cost per TEU from sourced unit rates (data/bri/SOURCES.md), not a market freight rate";

struct LaneRate {
  const MarketRate* rate = nullptr;
  std::size_t first_leg = 0, last_leg = 0;  // legs [first, last] of the route run the lane
  double operating_cost_usd = 0;            // the model's operating cost of those legs
};

std::vector<LaneRate> market_rates_on(const Network& net, const Scenario& scenario, const Route& route);

}  // namespace silkroute::output
