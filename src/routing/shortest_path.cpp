#include "routing/shortest_path.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>

namespace silkroute {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

bool is_link(EdgeKind kind) { return kind == EdgeKind::link_forward || kind == EdgeKind::link_backward; }

// Walks parents back from `last` (reached over `last_edge` from `before`) to an origin state.
StatePath trace(const std::vector<std::int32_t>& parent_edge, const std::vector<StateIndex>& parent_state,
                StateIndex before, std::int32_t last_edge, double weight) {
  StatePath path;
  path.weight = weight;
  path.edges.push_back(last_edge);
  StateIndex s = before;
  while (parent_edge[s] >= 0) {
    path.edges.push_back(parent_edge[s]);
    s = parent_state[s];
  }
  path.first_state = s;
  std::reverse(path.edges.begin(), path.edges.end());
  return path;
}

}  // namespace

std::optional<StatePath> shortest_path(const StateGraph& g, const CostModel& cost, NodeIndex from, NodeIndex to,
                                       const std::vector<double>* link_penalty) {
  const auto n = static_cast<StateIndex>(g.state_count());
  std::vector<double> dist(n, kInf);
  std::vector<std::int32_t> parent_edge(n, -1);
  std::vector<StateIndex> parent_state(n, -1);
  using Entry = std::pair<double, StateIndex>;  // ties broken by state index: deterministic
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;

  for (StateIndex s : g.states_of_node[from]) {
    dist[s] = cost.weight(cost.handling_cost(g.state_carrier[s].mode));
    heap.emplace(dist[s], s);
  }
  double best = kInf;
  StateIndex best_before = -1;
  std::int32_t best_edge = -1;
  while (!heap.empty()) {
    auto [d, s] = heap.top();
    heap.pop();
    if (d > dist[s]) continue;
    if (d >= best) break;  // unloading costs nothing negative: no later arrival can win
    for (auto e = g.first_edge[s]; e < g.first_edge[s + 1]; ++e) {
      const auto& edge = g.edges[e];
      double w = g.edge_weight[e];
      const bool link = is_link(edge.kind);
      if (link_penalty && link) w *= (*link_penalty)[edge.ref];
      const double nd = d + w;
      if (link && g.state_node[edge.to] == to) {
        const double total = nd + cost.weight(cost.handling_cost(g.state_carrier[edge.to].mode));
        if (total < best) {
          best = total;
          best_before = s;
          best_edge = e;
        }
      }
      if (nd < dist[edge.to]) {
        dist[edge.to] = nd;
        parent_edge[edge.to] = e;
        parent_state[edge.to] = s;
        heap.emplace(nd, edge.to);
      }
    }
  }
  if (best == kInf) return std::nullopt;
  return trace(parent_edge, parent_state, best_before, best_edge, best);
}

ShortestPathTree::ShortestPathTree(const StateGraph& g, const CostModel& cost, NodeIndex from)
    : graph_(g), cost_(cost), from_(from) {
  const auto n = static_cast<StateIndex>(g.state_count());
  dist_.assign(n, kInf);
  parent_edge_.assign(n, -1);
  parent_state_.assign(n, -1);
  arrival_.assign(n, kInf);
  arrival_edge_.assign(n, -1);
  arrival_from_.assign(n, -1);
  using Entry = std::pair<double, StateIndex>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  for (StateIndex s : g.states_of_node[from]) {
    dist_[s] = cost.weight(cost.handling_cost(g.state_carrier[s].mode));
    heap.emplace(dist_[s], s);
  }
  while (!heap.empty()) {
    auto [d, s] = heap.top();
    heap.pop();
    if (d > dist_[s]) continue;
    for (auto e = g.first_edge[s]; e < g.first_edge[s + 1]; ++e) {
      const auto& edge = g.edges[e];
      const double nd = d + g.edge_weight[e];
      if (is_link(edge.kind) && nd < arrival_[edge.to]) {
        arrival_[edge.to] = nd;
        arrival_edge_[edge.to] = e;
        arrival_from_[edge.to] = s;
      }
      if (nd < dist_[edge.to]) {
        dist_[edge.to] = nd;
        parent_edge_[edge.to] = e;
        parent_state_[edge.to] = s;
        heap.emplace(nd, edge.to);
      }
    }
  }
}

StateIndex ShortestPathTree::best_arrival(NodeIndex to) const {
  if (to == from_) return -1;
  StateIndex best = -1;
  double best_w = kInf;
  for (StateIndex s : graph_.states_of_node[to]) {
    if (arrival_[s] == kInf) continue;
    const double w = arrival_[s] + cost_.weight(cost_.handling_cost(graph_.state_carrier[s].mode));
    if (w < best_w) {
      best_w = w;
      best = s;
    }
  }
  return best;
}

double ShortestPathTree::weight_to(NodeIndex to) const {
  const auto s = best_arrival(to);
  return s < 0 ? kInf : arrival_[s] + cost_.weight(cost_.handling_cost(graph_.state_carrier[s].mode));
}

std::optional<StatePath> ShortestPathTree::path_to(NodeIndex to) const {
  const auto s = best_arrival(to);
  if (s < 0) return std::nullopt;
  return trace(parent_edge_, parent_state_, arrival_from_[s], arrival_edge_[s], weight_to(to));
}

}  // namespace silkroute
