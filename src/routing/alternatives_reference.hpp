#pragma once
// The admissible-alternatives method of routing/alternatives.hpp written plainly: every via
// state's path built, every penalty search a full Dijkstra over the state graph, every
// local-optimality window searched. Slow, and kept for that: it is the oracle the tests hold
// find_alternatives to (same routes, same order) and the baseline the benchmarks compare with.

#include <vector>

#include "routing/alternatives.hpp"

namespace silkroute {

std::vector<Route> find_alternatives_reference(const Network& net, const Topology& topology, const Metric& metric,
                                               NodeIndex from, NodeIndex to, const StatePath& best,
                                               const Route& best_route, const AlternativeOptions& options);

}  // namespace silkroute
