#include "routing/via_trees.hpp"

#include <algorithm>
#include <limits>

#include "routing/indexed_heap.hpp"

namespace silkroute {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

double path_weight(const Topology& t, const Metric& m, const StatePath& p) {
  StateIndex last = p.first_state;
  for (auto e : p.edges) last = t.edges[e].to;
  double w = m.origin_weight(p.first_state, t.state_node[last]);
  for (auto e : p.edges) w += m.edge_weight[e];
  return w + m.end_weight(t, last, t.state_node[p.first_state]);
}

ViaTrees grow_trees(const Topology& t, const Metric& m, NodeIndex from, NodeIndex to) {
  const auto n = static_cast<StateIndex>(t.state_count());
  ViaTrees v;
  v.from_origin.assign(n, kInf);
  v.parent.assign(n, -1);
  v.to_destination.assign(n, kInf);
  v.next.assign(n, -1);
  v.last.assign(n, 0);
  IndexedHeap<double> heap(n);
  auto relax = [&](std::vector<double>& dist, StateIndex s, double d) {
    if (d >= dist[s]) return false;
    dist[s] = d;
    if (heap.contains(s)) heap.decrease_key(s, d);
    else heap.push(s, d);
    return true;
  };

  for (StateIndex through : t.states_of(from))
    if (const auto s = m.origin_state(t, through); m.state_origin_weight[s] != kClosed)
      relax(v.from_origin, s, m.origin_weight(s, to));
  while (!heap.empty()) {
    const auto [s, d] = heap.pop();
    const bool at_origin = t.state_node[s] == from;
    for (auto e = t.first_edge[s]; e < t.first_edge[s + 1]; ++e) {
      const auto& edge = t.edges[e];
      if (m.edge_weight[e] == kClosed || (at_origin && !is_link_edge(edge.kind))) continue;
      if (relax(v.from_origin, edge.to, d + m.edge_weight[e])) v.parent[edge.to] = e;
    }
  }

  auto relax_in = [&](EdgeIndex e, double d, bool last) {
    const auto u = t.edge_from[e];
    if (!is_link_edge(t.edges[e].kind) && t.state_node[u] == from) return;
    if (relax(v.to_destination, u, d + m.edge_weight[e])) {
      v.next[u] = e;
      v.last[u] = last;
    }
  };
  for (StateIndex d : t.states_of(to)) {
    if (m.state_handling_weight[d] == kClosed) continue;
    for (auto e : t.edges_into(d))
      if (is_link_edge(t.edges[e].kind) && m.edge_weight[e] != kClosed) relax_in(e, m.end_weight(t, d, from), true);
  }
  while (!heap.empty()) {
    const auto [s, d] = heap.pop();
    for (auto e : t.edges_into(s))
      if (m.edge_weight[e] != kClosed) relax_in(e, d, false);
  }

  // Every edge the trees relaxed holds the inequality; check the ones they left out.
  v.forward_bounds = v.backward_bounds = true;
  for (StateIndex u : t.states_of(from))
    for (auto e = t.first_edge[u]; e < t.first_edge[u + 1]; ++e) {
      const double w = m.edge_weight[e];
      if (is_link_edge(t.edges[e].kind) || w == kClosed) continue;
      const auto x = t.edges[e].to;
      if (v.from_origin[u] + w < v.from_origin[x]) v.forward_bounds = false;
      if (w + v.to_destination[x] < v.to_destination[u]) v.backward_bounds = false;
    }
  return v;
}

std::optional<StatePath> via_path(const Topology& t, const ViaTrees& v, StateIndex via, std::vector<std::uint32_t>& mark,
                                  std::uint32_t& stamp) {
  ++stamp;
  bool loop = false;
  auto visit = [&](StateIndex s) {
    loop = loop || mark[s] == stamp;
    mark[s] = stamp;
  };
  StatePath p;
  // Sized once: the selection builds hundreds of these.
  std::size_t length = 0;
  for (StateIndex x = via; v.parent[x] >= 0; x = t.edge_from[v.parent[x]]) ++length;
  for (StateIndex x = via; v.next[x] >= 0 && length <= t.state_count(); x = t.edges[v.next[x]].to) {
    ++length;
    if (v.last[x]) break;
  }
  p.edges.reserve(length);
  StateIndex s = via;
  visit(s);
  while (v.parent[s] >= 0) {
    p.edges.push_back(v.parent[s]);
    s = t.edge_from[v.parent[s]];
    visit(s);
  }
  p.first_state = s;
  std::reverse(p.edges.begin(), p.edges.end());
  s = via;
  while (v.next[s] >= 0) {
    p.edges.push_back(v.next[s]);
    const bool last = v.last[s];
    s = t.edges[v.next[s]].to;
    visit(s);
    if (last) break;
  }
  if (p.edges.empty() || loop) return std::nullopt;
  p.weight = v.from_origin[via] + v.to_destination[via];
  return p;
}

bool has_loop(const Topology& t, const StatePath& p, std::vector<std::uint32_t>& mark, std::uint32_t& stamp) {
  ++stamp;
  mark[p.first_state] = stamp;
  for (auto e : p.edges) {
    const auto s = t.edges[e].to;
    if (mark[s] == stamp) return true;
    mark[s] = stamp;
  }
  return false;
}

bool via_path_is(const Topology& t, const ViaTrees& v, StateIndex via, const StatePath& p, std::size_t k) {
  StateIndex s = via;
  std::size_t i = k;
  while (v.parent[s] >= 0) {
    if (i == 0 || p.edges[i - 1] != v.parent[s]) return false;
    s = t.edge_from[v.parent[s]];
    --i;
  }
  if (i != 0 || s != p.first_state) return false;
  s = via;
  std::size_t j = k;
  while (v.next[s] >= 0) {
    if (j == p.edges.size() || p.edges[j] != v.next[s]) return false;
    const bool last = v.last[s];
    s = t.edges[v.next[s]].to;
    ++j;
    if (last) break;
  }
  return j == p.edges.size() && !p.edges.empty();
}

}  // namespace silkroute
