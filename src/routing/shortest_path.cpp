#include "routing/shortest_path.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>

namespace silkroute {

std::optional<StatePath> shortest_path(const StateGraph& g, const CostModel& cost, NodeIndex from, NodeIndex to,
                                       const std::vector<double>* link_penalty) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const auto n = static_cast<StateIndex>(g.state_count());
  const StateIndex sink = n;  // virtual: "unloaded at the destination"
  std::vector<double> dist(n + 1, kInf);
  std::vector<std::int32_t> parent_edge(n + 1, -1);
  std::vector<StateIndex> parent_state(n + 1, -1);
  using Entry = std::pair<double, StateIndex>;  // ties broken by state index: deterministic
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;

  for (StateIndex s : g.states_of_node[from]) {
    const double w = cost.weight(cost.handling_cost(g.state_carrier[s].mode));
    if (w < dist[s]) {
      dist[s] = w;
      heap.emplace(w, s);
    }
  }
  while (!heap.empty()) {
    auto [d, s] = heap.top();
    heap.pop();
    if (d > dist[s]) continue;
    if (s == sink) break;
    if (g.state_node[s] == to) {
      const double w = d + cost.weight(cost.handling_cost(g.state_carrier[s].mode));
      if (w < dist[sink]) {
        dist[sink] = w;
        parent_state[sink] = s;
        heap.emplace(w, sink);
      }
      continue;  // a route ends where it first reaches the destination
    }
    for (auto e = g.first_edge[s]; e < g.first_edge[s + 1]; ++e) {
      const auto& edge = g.edges[e];
      double w = g.edge_weight[e];
      if (link_penalty && (edge.kind == EdgeKind::link_forward || edge.kind == EdgeKind::link_backward))
        w *= (*link_penalty)[edge.ref];
      const double nd = d + w;
      if (nd < dist[edge.to]) {
        dist[edge.to] = nd;
        parent_edge[edge.to] = e;
        parent_state[edge.to] = s;
        heap.emplace(nd, edge.to);
      }
    }
  }
  if (dist[sink] == kInf) return std::nullopt;

  StatePath path;
  path.weight = dist[sink];
  StateIndex s = parent_state[sink];
  while (parent_edge[s] >= 0) {
    path.edges.push_back(parent_edge[s]);
    s = parent_state[s];
  }
  path.first_state = s;
  std::reverse(path.edges.begin(), path.edges.end());
  return path;
}

}  // namespace silkroute
