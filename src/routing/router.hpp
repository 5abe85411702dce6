#pragma once
// The routing entry point: best route for an objective, genuinely different alternatives,
// and, when there is no route, the reason.

#include <string>
#include <vector>

#include "cost/access_leg.hpp"
#include "places/place.hpp"
#include "routing/alternatives.hpp"
#include "routing/route.hpp"
#include "routing/routing_cache.hpp"
#include "scenario/scenario.hpp"

namespace silkroute {

struct RouteQuery {
  NodeIndex from = kNoNode;
  NodeIndex to = kNoNode;
  std::string cargo;  // empty: the first cargo class of the dataset
  Objective objective = Objective::time;
  int alternatives = 3;  // routes wanted besides the best
  // An alternative is kept only if at most this share of its length runs on links of a
  // route already kept: another corridor or mode chain, not one link swapped.
  double max_shared_fraction = 0.5;
  // A place that is not a node: from (to) is kNoNode, and the search starts (ends) at these
  // terminals at once, each weighted by its road leg (cost/access_leg.hpp) under `access`.
  std::vector<AccessTerminal> from_terminals;
  std::vector<AccessTerminal> to_terminals;
  const AccessParams* access = nullptr;
  // An alternative's objective weight is at most this times the best route's.
  double max_detour = kDefaultMaxDetour;
};

struct RouteAnswer {
  std::vector<Route> routes;   // best first, then alternatives by objective
  std::string no_route_reason;  // set when routes is empty
};

RouteAnswer find_routes(const Network& net, RoutingCache& cache, const Scenario& scenario, const RouteQuery& query);

// Why there is no route (closures, the year, a missing gauge-change or transfer facility,
// or no connection at all). Meant for people; names the elements at fault.
std::string explain_no_route(const Network& net, RoutingCache& cache, const Scenario& scenario, const CargoClass& cargo,
                             Objective objective, NodeIndex from, NodeIndex to);

// The cargo class a query names (the first one when empty); throws std::invalid_argument
// listing the known classes.
const CargoClass& cargo_for(const Network& net, const std::string& id);

}  // namespace silkroute
