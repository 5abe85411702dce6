#pragma once
// Dijkstra on the state graph, with loading at the origin and unloading at the destination.
// A route ends on a link into the destination: arriving by rail and then "transferring" to
// a truck at the destination only to unload it is not a route. The one-to-one search and
// the one-to-many tree follow exactly this rule, so their answers agree.

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

// Every best route from one origin: one search, then a path to any destination.
class ShortestPathTree {
 public:
  ShortestPathTree(const StateGraph& graph, const CostModel& cost, NodeIndex from);
  // The best route to `to` (same rule and weight as shortest_path), or nullopt if unreachable.
  std::optional<StatePath> path_to(NodeIndex to) const;
  // Its weight alone, without building the path (infinity if unreachable).
  double weight_to(NodeIndex to) const;

 private:
  StateIndex best_arrival(NodeIndex to) const;

  const StateGraph& graph_;
  const CostModel& cost_;
  NodeIndex from_;
  std::vector<double> dist_;
  std::vector<std::int32_t> parent_edge_;
  std::vector<StateIndex> parent_state_;
  // Best arrival at each state over a link edge (the only way a route may end there).
  std::vector<double> arrival_;
  std::vector<std::int32_t> arrival_edge_;
  std::vector<StateIndex> arrival_from_;
};

}  // namespace silkroute
