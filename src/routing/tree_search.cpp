#include "routing/tree_search.hpp"

#include "routing/route_builder.hpp"
#include "routing/shortest_path.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace silkroute {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}

TreeGraph::TreeGraph(std::shared_ptr<const Topology> topology, std::shared_ptr<const Metric> metric)
    : topology_(std::move(topology)), metric_(std::move(metric)) {
  const auto& t = *topology_;
  const auto& m = *metric_;
  const auto n = t.state_count();
  if (m.edge_weight.size() != t.edge_count()) throw std::logic_error("TreeGraph: the metric is not of this topology");
  // Breadth-first numbering over the edges (every link runs both ways), each unreached state
  // starting a new sweep in topology order.
  rank_.assign(n, -1);
  state_.reserve(n);
  for (StateIndex root = 0; root < static_cast<StateIndex>(n); ++root) {
    if (rank_[root] >= 0) continue;
    rank_[root] = static_cast<StateIndex>(state_.size());
    state_.push_back(root);
    for (auto next = state_.size() - 1; next < state_.size(); ++next)
      for (auto e = t.first_edge[state_[next]]; e < t.first_edge[state_[next] + 1]; ++e) {
        const auto to = t.edges[e].to;
        if (rank_[to] >= 0) continue;
        rank_[to] = static_cast<StateIndex>(state_.size());
        state_.push_back(to);
      }
  }
  node_.resize(n);
  first_.assign(n + 1, 0);
  first_change_.assign(n, 0);
  head_.reserve(t.edge_count());
  weight_.reserve(t.edge_count());
  carried_.reserve(t.edge_count());
  for (StateIndex r = 0; r < static_cast<StateIndex>(n); ++r) {
    const auto s = state_[r];
    node_[r] = t.state_node[s];
    first_[r] = static_cast<std::int32_t>(head_.size());
    first_change_[r] = -1;
    for (auto e = t.first_edge[s]; e < t.first_edge[s + 1]; ++e) {
      const bool link = is_link_edge(t.edges[e].kind);
      // Splitting a state's edges into two ranges keeps the search's order only because
      // build_topology lists every link edge of a state before its carrier changes.
      if (link && first_change_[r] >= 0) throw std::logic_error("TreeGraph: a link edge after a carrier change");
      if (!link && first_change_[r] < 0) first_change_[r] = static_cast<std::int32_t>(head_.size());
      if (m.edge_weight[e] == kClosed) continue;  // relaxes nothing in the search either
      head_.push_back(rank_[t.edges[e].to]);
      weight_.push_back(m.edge_weight[e]);
      carried_.push_back({m.edge_metrics[e], r});
    }
    if (first_change_[r] < 0) first_change_[r] = static_cast<std::int32_t>(head_.size());
  }
  first_[n] = static_cast<std::int32_t>(head_.size());
}

TreeSearch::TreeSearch(const TreeGraph& graph) : graph_(graph) {
  const auto n = graph.topology().state_count();
  dist_.resize(n);
  parent_.resize(n);
  arrival_.resize(n);
  arrival_edge_.resize(n);
  figures_.resize(n);
  settled_.reserve(n);
  heap_.reset(static_cast<StateIndex>(n));
}

void TreeSearch::grow(NodeIndex from) {
  const auto& t = graph_.topology();
  const auto& m = graph_.metric();
  const auto& g = graph_;
  from_ = from;
  std::fill(dist_.begin(), dist_.end(), kInf);
  std::fill(arrival_.begin(), arrival_.end(), kInf);
  std::fill(parent_.begin(), parent_.end(), -1);
  std::fill(arrival_edge_.begin(), arrival_edge_.end(), -1);
  settled_.clear();
  heap_.clear();
  for (StateIndex through : t.states_of(from)) {
    const auto origin = m.origin_state(t, through);
    const double w = m.origin_weight(origin, kNoNode);
    const auto s = g.rank_[origin];
    if (w == kClosed || w >= dist_[s]) continue;
    dist_[s] = w;
    heap_.push(s, w);
  }
  const auto* head = g.head_.data();
  const auto* weight = g.weight_.data();
  double* dist = dist_.data();
  double* arrival = arrival_.data();
  auto relax = [&](StateIndex s, double d) {
    if (heap_.contains(s)) heap_.decrease_key(s, d);
    else heap_.push(s, d);
  };
  while (!heap_.empty()) {
    const auto [s, d] = heap_.pop();
    settled_.push_back(s);
    const auto change = g.first_change_[s];
    for (auto e = g.first_[s]; e < change; ++e) {
      const auto to = head[e];
      const double nd = d + weight[e];
      // dist <= arrival always, so a better distance is a better arrival too.
      if (!(nd < arrival[to])) continue;
      arrival[to] = nd;
      arrival_edge_[to] = e;
      if (nd < dist[to]) {
        dist[to] = nd;
        parent_[to] = e;
        relax(to, nd);
      }
    }
    if (g.node_[s] == from) continue;  // no carrier change at the origin
    for (auto e = change; e < g.first_[s + 1]; ++e) {
      const auto to = head[e];
      const double nd = d + weight[e];
      if (nd < dist[to]) {
        dist[to] = nd;
        parent_[to] = e;
        relax(to, nd);
      }
    }
  }
  // Figures down the tree as ShortestPathTree carries them (same additions, same order).
  for (const auto s : settled_) {
    const auto p = parent_[s];
    auto& f = figures_[s];
    if (p < 0) {
      f = m.state_handling[g.state_[s]];
      f += m.state_dispatch[g.state_[s]];
      if (m.transshipped(g.state_[s], kNoNode)) f += m.state_transship[g.state_[s]];
    } else {
      const auto& edge = g.carried_[p];
      f = figures_[edge.tail];
      f += edge.figures;
    }
  }
}

StateIndex TreeSearch::best_arrival(NodeIndex to) const {
  return best_end_state(graph_.topology(), graph_.metric(), [&](StateIndex s) { return arrival_[graph_.rank_[s]]; }, from_, to);
}

// A destination tree_may_exempt_start names is answered by the single search, as
// ShortestPathTree answers it (the tree's best start state may not be the route's).
std::optional<StatePath> TreeSearch::single_search(NodeIndex to) const {
  return shortest_path(graph_.topology(), graph_.metric(), from_, to);
}

double TreeSearch::weight_to(NodeIndex to) const {
  if (tree_may_exempt_start(graph_.topology(), graph_.metric(), from_, to)) {
    const auto path = single_search(to);
    return path ? path->weight : kInf;
  }
  const auto s = best_arrival(to);
  if (s < 0) return kInf;
  return arrival_[graph_.rank_[s]] + graph_.metric().end_weight(graph_.topology(), s, from_);
}

std::optional<Metrics> TreeSearch::figures_to(NodeIndex to) const {
  const auto& m = graph_.metric();
  if (tree_may_exempt_start(graph_.topology(), m, from_, to)) {
    const auto path = single_search(to);
    if (!path) return std::nullopt;
    return path_metrics(graph_.topology(), m, *path);
  }
  const auto s = best_arrival(to);
  if (s < 0) return std::nullopt;
  const auto& edge = graph_.carried_[arrival_edge_[graph_.rank_[s]]];
  Metrics f = figures_[edge.tail];
  f += edge.figures;
  f += m.state_handling[s];
  f += m.clearance(graph_.topology(), s, from_);
  if (m.transshipped(s, from_)) f += m.state_transship[s];
  return f;
}

}  // namespace silkroute
