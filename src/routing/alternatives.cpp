#include "routing/alternatives.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "routing/indexed_heap.hpp"
#include "routing/route_builder.hpp"

namespace silkroute {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Incoming edges per state (the topology stores outgoing ones): the backward search needs them.
struct Incoming {
  std::vector<std::int32_t> first;  // size states + 1
  std::vector<EdgeIndex> edges;
};

Incoming incoming_edges(const Topology& t) {
  Incoming in;
  const auto n = t.state_count();
  in.first.assign(n + 1, 0);
  for (const auto& e : t.edges) ++in.first[e.to + 1];
  for (std::size_t s = 0; s < n; ++s) in.first[s + 1] += in.first[s];
  in.edges.resize(t.edge_count());
  auto fill = in.first;
  for (EdgeIndex e = 0; e < static_cast<EdgeIndex>(t.edge_count()); ++e) in.edges[fill[t.edges[e].to]++] = e;
  return in;
}

// Weight of a path as the router costs it: loading (and a train's assembly at the origin, as the
// router and the route builder count it), edges, unloading; no penalties.
double path_weight(const Topology& t, const Metric& m, const StatePath& p) {
  double w = m.state_origin_weight[p.first_state];
  StateIndex last = p.first_state;
  for (auto e : p.edges) {
    w += m.edge_weight[e];
    last = t.edges[e].to;
  }
  return w + m.state_handling_weight[last];
}


// The two trees of the via-node method: best weight from the origin to every state (the
// router's rule: no carrier change at the origin), and from every state to the destination
// (ending on a link into it, then unloading).
struct ViaTrees {
  std::vector<double> from_origin;
  std::vector<EdgeIndex> parent;  // last edge of the best route from the origin
  std::vector<double> to_destination;
  std::vector<EdgeIndex> next;    // first edge of the best route to the destination
  std::vector<char> last;         // that edge arrives at the destination: the route ends there
};

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

  for (StateIndex s : t.states_of(from))
    if (m.state_origin_weight[s] != kClosed) relax(v.from_origin, s, m.state_origin_weight[s]);
  while (!heap.empty()) {
    const auto [s, d] = heap.pop();
    const bool at_origin = t.state_node[s] == from;
    for (auto e = t.first_edge[s]; e < t.first_edge[s + 1]; ++e) {
      const auto& edge = t.edges[e];
      if (m.edge_weight[e] == kClosed || (at_origin && !is_link_edge(edge.kind))) continue;
      if (relax(v.from_origin, edge.to, d + m.edge_weight[e])) v.parent[edge.to] = e;
    }
  }

  const auto in = incoming_edges(t);
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
    for (auto i = in.first[d]; i < in.first[d + 1]; ++i) {
      const auto e = in.edges[i];
      if (is_link_edge(t.edges[e].kind) && m.edge_weight[e] != kClosed) relax_in(e, m.state_handling_weight[d], true);
    }
  }
  while (!heap.empty()) {
    const auto [s, d] = heap.pop();
    for (auto i = in.first[s]; i < in.first[s + 1]; ++i) {
      const auto e = in.edges[i];
      if (m.edge_weight[e] != kClosed) relax_in(e, d, false);
    }
  }
  return v;
}

// The route through state `via`: best from the origin to it, then best from it on. Empty when
// the two halves meet twice (a loop is no route).
std::optional<StatePath> via_path(const Topology& t, const ViaTrees& v, StateIndex via) {
  StatePath p;
  StateIndex s = via;
  std::vector<StateIndex> seen{s};
  while (v.parent[s] >= 0) {
    p.edges.push_back(v.parent[s]);
    s = t.edge_from[v.parent[s]];
    seen.push_back(s);
  }
  p.first_state = s;
  std::reverse(p.edges.begin(), p.edges.end());
  s = via;
  while (v.next[s] >= 0) {
    p.edges.push_back(v.next[s]);
    const bool last = v.last[s];
    s = t.edges[v.next[s]].to;
    seen.push_back(s);
    if (last) break;
  }
  if (p.edges.empty()) return std::nullopt;
  std::sort(seen.begin(), seen.end());
  if (std::adjacent_find(seen.begin(), seen.end()) != seen.end()) return std::nullopt;
  p.weight = v.from_origin[via] + v.to_destination[via];
  return p;
}

// Penalty method: each search finds the best route with the links of earlier finds made
// dearer. Its finds are only candidates: the admissibility tests judge them.
std::vector<StatePath> penalty_candidates(const Network& net, const Topology& t, const Metric& m, NodeIndex from,
                                          NodeIndex to, const StatePath& best, int searches) {
  std::vector<StatePath> out;
  std::vector<double> penalty(net.links.size(), 1.0);
  auto penalize = [&](const StatePath& p) {
    for (auto e : p.edges)
      if (is_link_edge(t.edges[e].kind)) penalty[t.edges[e].ref] *= 2.0;
  };
  penalize(best);
  for (int i = 0; i < searches; ++i) {
    auto p = shortest_path(t, m, from, to, {.link_penalty = &penalty});
    if (!p) break;
    penalize(*p);
    p->weight = path_weight(t, m, *p);
    out.push_back(std::move(*p));
  }
  return out;
}

}  // namespace

double shared_fraction(const Network& net, const Route& candidate, const Route& kept) {
  std::set<LinkIndex> kept_links;
  for (auto l : kept.links()) kept_links.insert(l);
  double shared = 0, total = 0;
  for (auto l : candidate.links()) {
    total += net.links[l].length_km;
    if (kept_links.count(l)) shared += net.links[l].length_km;
  }
  return total > 0 ? shared / total : 1.0;
}

std::string corridor_sequence(const Network&, const Route& route) {
  std::vector<std::string> parts;
  for (const auto& leg : route.legs) {
    std::string part(mode_name(leg.carrier.mode));
    part += ":";
    for (std::size_t i = 0; i < leg.corridors.size(); ++i) part += (i ? "," : "") + leg.corridors[i];
    if (parts.empty() || parts.back() != part) parts.push_back(part);
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " | ") + p;
  std::string via;
  for (const auto& p : route.passages) via += (via.empty() ? "" : ",") + p.chokepoint;
  if (!via.empty()) out += " | via " + via;
  return out;
}

bool locally_optimal(const Topology& t, const Metric& m, const StatePath& path, double window, double tolerance) {
  const auto n = static_cast<StateIndex>(t.state_count());
  std::vector<StateIndex> states{path.first_state};
  std::vector<double> prefix{0.0};
  for (auto e : path.edges) {
    states.push_back(t.edges[e].to);
    prefix.push_back(prefix.back() + m.edge_weight[e]);
  }
  std::vector<double> dist(n, kInf);
  std::vector<StateIndex> touched;
  IndexedHeap<double> heap(n);
  // Windows start at anchors about window/8 apart: a local detour shorter than a window
  // lies inside one that starts at an anchor, and a part with a detour is no best route.
  const double step = window / 8;
  double next_anchor = 0;
  for (std::size_t i = 0; i + 1 < states.size(); ++i) {
    if (prefix[i] < next_anchor) continue;
    next_anchor = prefix[i] + step;
    for (auto s : touched) dist[s] = kInf;
    touched.clear();
    heap.clear();
    dist[states[i]] = 0;
    touched.push_back(states[i]);
    heap.push(states[i], 0);
    while (!heap.empty()) {
      const auto [s, d] = heap.pop();
      if (d > window) break;
      for (auto e = t.first_edge[s]; e < t.first_edge[s + 1]; ++e) {
        const double w = m.edge_weight[e];
        if (w == kClosed) continue;
        const auto to = t.edges[e].to;
        if (d + w >= dist[to]) continue;
        if (dist[to] == kInf) touched.push_back(to);
        dist[to] = d + w;
        if (heap.contains(to)) heap.decrease_key(to, d + w);
        else heap.push(to, d + w);
      }
    }
    for (std::size_t j = i + 1; j < states.size(); ++j) {
      const double part = prefix[j] - prefix[i];
      if (part > window) break;
      if (part > (1 + tolerance) * dist[states[j]] + 1e-9 * (1 + part)) return false;
    }
  }
  return true;
}

std::vector<Route> find_alternatives(const Network& net, const Topology& t, const Metric& m, NodeIndex from,
                                     NodeIndex to, const StatePath& best, const Route& best_route,
                                     const AlternativeOptions& o) {
  std::vector<Route> out;
  if (o.wanted <= 0) return out;
  const double best_w = path_weight(t, m, best);
  const double bound = o.max_detour * best_w * (1 + 1e-12);

  // Candidates: every via state within the bound, then the penalty method's finds.
  std::vector<StatePath> candidates;
  {
    const auto trees = grow_trees(t, m, from, to);
    std::vector<std::pair<double, StateIndex>> vias;
    for (StateIndex s = 0; s < static_cast<StateIndex>(t.state_count()); ++s) {
      const auto node = t.state_node[s];
      const double w = trees.from_origin[s] + trees.to_destination[s];
      if (node != from && node != to && w <= bound) vias.emplace_back(w, s);
    }
    std::sort(vias.begin(), vias.end());
    std::set<std::vector<EdgeIndex>> seen{best.edges};
    for (const auto& [w, s] : vias)
      if (auto p = via_path(t, trees, s); p && seen.insert(p->edges).second) candidates.push_back(std::move(*p));
    for (auto& p : penalty_candidates(net, t, m, from, to, best, 8 * o.wanted))
      if (p.weight <= bound && seen.insert(p.edges).second) candidates.push_back(std::move(p));
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const StatePath& a, const StatePath& b) { return a.weight < b.weight; });

  std::vector<const Route*> kept{&best_route};
  std::set<std::string> labels{best_route.label};
  std::set<std::string> sequences{corridor_sequence(net, best_route)};
  const double window = o.local_window * best_w;
  for (const auto& c : candidates) {
    if (static_cast<int>(out.size()) >= o.wanted) break;
    auto route = build_route(net, t, m, c);
    if (labels.count(route.label)) continue;
    const auto sequence = corridor_sequence(net, route);
    if (sequences.count(sequence)) continue;
    bool distinct = true;
    for (const auto* k : kept) distinct = distinct && shared_fraction(net, route, *k) <= o.max_shared_fraction;
    if (!distinct || !locally_optimal(t, m, c, window, o.local_tolerance)) continue;
    labels.insert(route.label);
    sequences.insert(sequence);
    out.push_back(std::move(route));
    kept.clear();
    kept.push_back(&best_route);
    for (const auto& r : out) kept.push_back(&r);
  }
  return out;
}

}  // namespace silkroute
