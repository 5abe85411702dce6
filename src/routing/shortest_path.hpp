#pragma once
// Dijkstra on the state graph from every state of the origin node to every state of the
// destination node, with loading and unloading handling at the two ends.

#include <optional>
#include <vector>

#include "routing/state_graph.hpp"

namespace silkroute {

struct StatePath {
  StateIndex first_state = -1;
  std::vector<std::int32_t> edges;  // indices into StateGraph::edges, in travel order
  double weight = 0;
};

// link_penalty (optional, one factor per link) multiplies link-edge weights; the
// alternatives search uses it to push later searches off routes already found.
std::optional<StatePath> shortest_path(const StateGraph& graph, const CostModel& cost, NodeIndex from, NodeIndex to,
                                       const std::vector<double>* link_penalty = nullptr);

}  // namespace silkroute
