#include "routing/shortest_path.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "routing/indexed_heap.hpp"
#include "routing/route_builder.hpp"

namespace silkroute {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Ties between equal labels, broken the same whatever order the heap pops equal keys in (the
// alternatives' directed penalty search reproduces it, routing/alternatives.cpp): of two edges
// giving the same weight, the one whose tail has the smaller label, then the smaller state
// index; from the same tail, the earlier edge (edges are scanned in order, so it is kept).
bool settles_first(const Topology& t, const ShortestPathTree::Labels& labels, StateIndex s, EdgeIndex edge) {
  if (edge < 0) return false;
  const StateIndex p = t.edge_from[edge];
  return labels.dist[s] < labels.dist[p] || (labels.dist[s] == labels.dist[p] && s < p);
}

// The search itself. With targets it stops once no open label can beat the best arrival
// (ends never weigh a negative amount); without them it labels every reachable state.
// Returns the best edge into a target (-1 if none or no targets).
EdgeIndex search(const Topology& t, const Metric& m, const PathEnds& ends, const SearchOptions& options,
                 ShortestPathTree::Labels& labels, double& best_weight, bool record_settled = false) {
  const auto n = t.state_count();
  const std::span<const double> weights = options.weights ? std::span<const double>(*options.weights) : m.edge_weight.span();
  labels.dist.assign(n, kInf);
  labels.settled.clear();
  labels.parent_edge.assign(n, -1);
  labels.arrival.assign(n, kInf);
  labels.arrival_edge.assign(n, -1);
  IndexedHeap<double> heap(static_cast<StateIndex>(n));
  auto relax = [&](StateIndex s, double d) {
    if (heap.contains(s)) heap.decrease_key(s, d);
    else heap.push(s, d);
  };
  // Per state: the weight of ending there (infinity: not a target).
  std::vector<double> target_weight;
  if (!ends.targets.empty()) {
    target_weight.assign(n, kInf);
    for (const auto& e : ends.targets)
      if (e.weight != kClosed) target_weight[e.state] = std::min(target_weight[e.state], e.weight);
  }
  // At an origin node no carrier changes, however the search comes back to it.
  std::vector<char> fixed_carrier;
  if (!ends.sources_joined) {
    fixed_carrier.assign(n, 0);
    for (const auto& src : ends.sources)
      for (StateIndex s : t.states_of(t.state_node[src.state])) fixed_carrier[s] = 1;
  }
  // A box loaded at a place's terminal leaves it by a link (the label still its seed).
  std::vector<char> loaded_source;
  for (const auto& src : ends.sources) {
    if (src.loaded && ends.sources_joined) {
      if (loaded_source.empty()) loaded_source.assign(n, 0);
      loaded_source[src.state] = 1;
    }
    if (src.weight == kClosed || src.weight >= labels.dist[src.state]) continue;
    labels.dist[src.state] = src.weight;
    relax(src.state, src.weight);
  }
  const bool has_target = !ends.targets.empty();
  best_weight = kInf;
  EdgeIndex best_edge = -1;
  while (!heap.empty()) {
    const auto [s, d] = heap.pop();
    if (has_target && d >= best_weight) break;
    if (record_settled) labels.settled.push_back(s);
    const bool at_origin = (!fixed_carrier.empty() && fixed_carrier[s]) ||
                           (!loaded_source.empty() && loaded_source[s] && labels.parent_edge[s] < 0);
    // A last mile may follow a carrier change made right after a link (rail in, truck out).
    const bool after_link = labels.parent_edge[s] >= 0 && is_link_edge(t.edges[labels.parent_edge[s]].kind);
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
      }
      if (has_target && target_weight[edge.to] != kInf && (link || (ends.targets_joined && after_link))) {
        const double total = nd + target_weight[edge.to];
        if (total < best_weight || (total == best_weight && settles_first(t, labels, s, best_edge))) {
          best_weight = total;
          best_edge = e;
        }
      }
      if (nd < labels.dist[edge.to]) {
        labels.dist[edge.to] = nd;
        labels.parent_edge[edge.to] = e;
        relax(edge.to, nd);
      } else if (nd == labels.dist[edge.to] && nd > d && settles_first(t, labels, s, labels.parent_edge[edge.to])) {
        // (An edge that adds nothing, its weight lost to rounding against a large penalized
        // label, never takes over a tie: it could close a cycle of parents.)
        labels.parent_edge[edge.to] = e;
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

PathEnds node_ends(const Topology& t, const Metric& m, NodeIndex from, NodeIndex to) {
  PathEnds ends;
  if (from != kNoNode)
    for (StateIndex through : t.states_of(from)) {
      const auto s = m.origin_state(t, through);
      ends.sources.push_back({s, m.origin_weight(s, to)});
    }
  if (to != kNoNode)
    for (StateIndex s : t.states_of(to)) ends.targets.push_back({s, m.end_weight(t, s, from)});
  return ends;
}

std::optional<StatePath> shortest_path(const Topology& t, const Metric& m, const PathEnds& ends,
                                       const SearchOptions& options) {
  ShortestPathTree::Labels labels;
  double best = kInf;
  const auto last = search(t, m, ends, options, labels, best);
  if (last < 0) return std::nullopt;
  auto path = trace(t, labels, last, best);
  const auto end_state = t.edges[last].to;
  for (std::size_t i = 0; i < ends.sources.size(); ++i)
    if (ends.sources[i].state == path.first_state) path.source = static_cast<int>(i);
  double end_best = kInf;
  for (std::size_t i = 0; i < ends.targets.size(); ++i)
    if (ends.targets[i].state == end_state && ends.targets[i].weight < end_best) {
      end_best = ends.targets[i].weight;
      path.target = static_cast<int>(i);
    }
  return path;
}

std::optional<StatePath> shortest_path(const Topology& t, const Metric& m, NodeIndex from, NodeIndex to,
                                       const SearchOptions& options) {
  if (from == to) return std::nullopt;
  return shortest_path(t, m, node_ends(t, m, from, to), options);
}

ShortestPathTree::ShortestPathTree(std::shared_ptr<const Topology> topology, std::shared_ptr<const Metric> metric,
                                   NodeIndex from, const SearchOptions& options, bool with_figures)
    : topology_(std::move(topology)), metric_(std::move(metric)), from_(from) {
  // Kept for the single searches of a feeder port's tree (copies: the tree outlives the
  // caller's vectors); no other origin makes one.
  bool feeder = false;
  if (!metric_->state_feeder_hub.empty())
    for (StateIndex s : topology_->states_of(from)) feeder = feeder || metric_->state_feeder_hub[s] != kNoNode;
  if (feeder) {
    if (options.weights) weights_ = *options.weights;
    if (options.link_penalty) link_penalty_ = *options.link_penalty;
    options_ = {options.weights ? &weights_ : nullptr, options.link_penalty ? &link_penalty_ : nullptr};
  }
  double unused = kInf;
  search(*topology_, *metric_, node_ends(*topology_, *metric_, from, kNoNode), options, labels_, unused, with_figures);
  if (!with_figures) return;
  // Figures down the tree in settle order (a parent's tail is settled before its head), each
  // the parent's plus the edge's: the same additions, in the same order, as path_metrics
  // makes along the traced path, so a matrix cell equals the route's total exactly.
  const auto& t = *topology_;
  const auto& m = *metric_;
  labels_.figures.resize(t.state_count());
  for (const auto s : labels_.settled) {
    const auto parent = labels_.parent_edge[s];
    auto& f = labels_.figures[s];
    if (parent < 0) {
      f = m.state_handling[s];
      f += m.state_dispatch[s];
      // Grown towards every destination: a feeder port's transshipment is charged from the
      // start (destinations it may not apply to are answered by a single search).
      if (m.transshipped(s, kNoNode)) f += m.state_transship[s];
    } else {
      f = labels_.figures[t.edge_from[parent]];
      f += m.edge_metrics[parent];
    }
  }
}

bool tree_may_exempt_start(const Topology& t, const Metric& m, NodeIndex from, NodeIndex to) {
  if (to == kNoNode || m.state_feeder_hub.empty()) return false;
  for (StateIndex s : t.states_of(from))
    if (m.state_feeder_hub[s] == to || (m.state_direct_regions[s] & m.node_region_bit[to]) != 0) return true;
  return false;
}

StateIndex ShortestPathTree::best_arrival(NodeIndex to) const {
  return best_end_state(*topology_, *metric_, [&](StateIndex s) { return labels_.arrival[s]; }, from_, to);
}

// A destination whose route may not make the transshipment the tree charged at the start (a
// feeder port's own hub, or a region its direct services come from): a tree grown towards
// every destination cannot know which start state such a route would leave from (charged, the
// port's sea states may lose to its rail or road ones), so the answer is the single search's.
std::optional<StatePath> ShortestPathTree::single_search(NodeIndex to) const {
  return shortest_path(*topology_, *metric_, from_, to, options_);
}

double ShortestPathTree::weight_to(NodeIndex to) const {
  if (tree_may_exempt_start(*topology_, *metric_, from_, to)) {
    const auto path = single_search(to);
    return path ? path->weight : kInf;
  }
  const auto s = best_arrival(to);
  if (s < 0) return kInf;
  return labels_.arrival[s] + metric_->end_weight(*topology_, s, from_);
}

std::optional<Metrics> ShortestPathTree::figures_to(NodeIndex to) const {
  if (labels_.figures.empty()) throw std::logic_error("ShortestPathTree::figures_to: the tree was built without figures");
  if (tree_may_exempt_start(*topology_, *metric_, from_, to)) {
    const auto path = single_search(to);
    if (!path) return std::nullopt;
    return path_metrics(*topology_, *metric_, *path);
  }
  const auto s = best_arrival(to);
  if (s < 0) return std::nullopt;
  const auto last = labels_.arrival_edge[s];
  Metrics f = labels_.figures[topology_->edge_from[last]];
  f += metric_->edge_metrics[last];
  f += metric_->state_handling[s];
  f += metric_->clearance(*topology_, s, from_);
  if (metric_->transshipped(s, from_)) f += metric_->state_transship[s];
  return f;
}

std::optional<StatePath> ShortestPathTree::path_to(NodeIndex to) const {
  if (tree_may_exempt_start(*topology_, *metric_, from_, to)) return single_search(to);
  const auto s = best_arrival(to);
  if (s < 0) return std::nullopt;
  return trace(*topology_, labels_, labels_.arrival_edge[s], weight_to(to));
}

}  // namespace silkroute
