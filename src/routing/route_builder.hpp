#pragma once
#include "routing/metric.hpp"
#include "routing/route.hpp"
#include "routing/shortest_path.hpp"

namespace silkroute {

// Turns a path into a Route with legs, stops, crossings and totals, read from the metric the
// path was found on (one costing path: the search weight and the reported figures agree).
Route build_route(const Network& net, const Topology& topology, const Metric& metric, const StatePath& path);

// The same with a first and/or last mile by road (places that are not nodes): the access leg
// replaces loading at the first terminal, the egress leg unloading at the last, when the
// truck goes on as the network's road carrier there. When road is avoided as a line-haul mode
// the box is loaded at the terminal after the access leg (and unloaded before the egress
// leg), as at a route's origin (destination) node.
struct RouteEnds {
  std::optional<AccessLeg> access;
  std::optional<AccessLeg> egress;
  bool loaded_after_access = false;
  bool unloaded_before_egress = false;
};
Route build_route(const Network& net, const Topology& topology, const Metric& metric, const StatePath& path,
                  const RouteEnds& ends);

// A route's totals straight from its edges (what build_route sums through legs, stops and
// crossings), without building the route: loading, every edge, unloading.
Metrics path_metrics(const Topology& topology, const Metric& metric, const StatePath& path);

}  // namespace silkroute
