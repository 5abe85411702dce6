#pragma once
#include "routing/route.hpp"
#include "routing/shortest_path.hpp"

namespace silkroute {

// Turns a path in the state graph into a Route with legs, stops, crossings and totals.
Route build_route(const Network& net, const StateGraph& graph, const CostModel& cost, const StatePath& path);

}  // namespace silkroute
