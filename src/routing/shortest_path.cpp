#include "routing/shortest_path.hpp"

#include <algorithm>
#include <limits>

#include "routing/indexed_heap.hpp"

namespace silkroute {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The search itself. With a target it stops once no open label can beat the best arrival
// (unloading never costs a negative amount); without one it labels every reachable state.
// Returns the best arrival edge at the target (-1 if none or no target).
EdgeIndex search(const Topology& t, const Metric& m, NodeIndex from, NodeIndex target, const SearchOptions& options,
                 ShortestPathTree::Labels& labels, double& best_weight) {
  const auto n = t.state_count();
  const auto& weights = options.weights ? *options.weights : m.edge_weight;
  labels.dist.assign(n, kInf);
  labels.parent_edge.assign(n, -1);
  labels.arrival.assign(n, kInf);
  labels.arrival_edge.assign(n, -1);
  IndexedHeap<double> heap(static_cast<StateIndex>(n));
  auto relax = [&](StateIndex s, double d) {
    if (heap.contains(s)) heap.decrease_key(s, d);
    else heap.push(s, d);
  };
  for (StateIndex s : t.states_of(from)) {
    const double w = m.state_origin_weight[s];
    if (w == kClosed) continue;
    labels.dist[s] = w;
    relax(s, w);
  }
  best_weight = kInf;
  EdgeIndex best_edge = -1;
  while (!heap.empty()) {
    const auto [s, d] = heap.pop();
    if (target != kNoNode && d >= best_weight) break;
    const bool at_origin = t.state_node[s] == from;
    for (auto e = t.first_edge[s]; e < t.first_edge[s + 1]; ++e) {
      const auto& edge = t.edges[e];
      double w = weights[e];
      if (w == kClosed) continue;
      const bool link = is_link_edge(edge.kind);
      if (!link && at_origin) continue;
      if (link && options.link_penalty) w *= (*options.link_penalty)[edge.ref];
      const double nd = d + w;
      if (link && nd < labels.arrival[edge.to]) {
        labels.arrival[edge.to] = nd;
        labels.arrival_edge[edge.to] = e;
        if (t.state_node[edge.to] == target) {
          const double total = nd + m.state_handling_weight[edge.to];
          if (total < best_weight) {
            best_weight = total;
            best_edge = e;
          }
        }
      }
      if (nd < labels.dist[edge.to]) {
        labels.dist[edge.to] = nd;
        labels.parent_edge[edge.to] = e;
        relax(edge.to, nd);
      }
    }
  }
  return best_edge;
}

// Walks parents back from the last edge to an origin state.
StatePath trace(const Topology& t, const ShortestPathTree::Labels& labels, EdgeIndex last_edge, double weight) {
  StatePath path;
  path.weight = weight;
  path.edges.push_back(last_edge);
  StateIndex s = t.edge_from[last_edge];
  while (labels.parent_edge[s] >= 0) {
    path.edges.push_back(labels.parent_edge[s]);
    s = t.edge_from[labels.parent_edge[s]];
  }
  path.first_state = s;
  std::reverse(path.edges.begin(), path.edges.end());
  return path;
}

}  // namespace

std::optional<StatePath> shortest_path(const Topology& t, const Metric& m, NodeIndex from, NodeIndex to,
                                       const SearchOptions& options) {
  if (from == to) return std::nullopt;
  ShortestPathTree::Labels labels;
  double best = kInf;
  const auto last = search(t, m, from, to, options, labels, best);
  if (last < 0) return std::nullopt;
  return trace(t, labels, last, best);
}

ShortestPathTree::ShortestPathTree(std::shared_ptr<const Topology> topology, std::shared_ptr<const Metric> metric,
                                   NodeIndex from, const SearchOptions& options)
    : topology_(std::move(topology)), metric_(std::move(metric)), from_(from) {
  double unused = kInf;
  search(*topology_, *metric_, from, kNoNode, options, labels_, unused);
}

StateIndex ShortestPathTree::best_arrival(NodeIndex to) const {
  if (to == from_) return -1;
  StateIndex best = -1;
  double best_w = kInf;
  for (StateIndex s : topology_->states_of(to)) {
    if (labels_.arrival[s] == kInf) continue;
    const double w = labels_.arrival[s] + metric_->state_handling_weight[s];
    if (w < best_w) {
      best_w = w;
      best = s;
    }
  }
  return best;
}

double ShortestPathTree::weight_to(NodeIndex to) const {
  const auto s = best_arrival(to);
  return s < 0 ? kInf : labels_.arrival[s] + metric_->state_handling_weight[s];
}

std::optional<StatePath> ShortestPathTree::path_to(NodeIndex to) const {
  const auto s = best_arrival(to);
  if (s < 0) return std::nullopt;
  return trace(*topology_, labels_, labels_.arrival_edge[s], weight_to(to));
}

}  // namespace silkroute
