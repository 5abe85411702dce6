#pragma once
// Reuses state graphs between queries: building one is most of a route query on a large
// network (9 ms for 14,000 nodes), and a server or a notebook asks many questions under
// the same scenario. The key is everything that shapes the graph: the network's identity
// (new at each Network::finalize), the cargo class, the objective and a fingerprint of
// every scenario field.

#include <memory>
#include <string>

#include "routing/state_graph.hpp"

namespace silkroute {

// Every field of the scenario that changes costs or what is open, as text.
std::string scenario_fingerprint(const Scenario& scenario);

// The graph for this cost model, built once and kept (a few, least recently used dropped).
std::shared_ptr<const StateGraph> cached_state_graph(const Network& net, const CostModel& cost);

// Drops every cached graph (benchmarks that time a rebuild; tests).
void clear_state_graph_cache();

}  // namespace silkroute
