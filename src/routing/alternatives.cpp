#include "routing/alternatives.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <stdexcept>
#include <utility>

#include "routing/indexed_heap.hpp"
#include "routing/mode_chain.hpp"
#include "routing/via_trees.hpp"
#include "routing/route_builder.hpp"

namespace silkroute {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Share of the length of `links` (a route's links in travel order) on links where `on_kept`
// holds: shared_fraction() and the selection's test on a candidate's path, summed in the
// same order so both give the same figure.
template <typename OnKept>
double shared_fraction_of(const Network& net, const std::vector<LinkIndex>& links, OnKept on_kept) {
  double shared = 0, total = 0;
  for (auto l : links) {
    total += net.links[l].length_km;
    if (on_kept(l)) shared += net.links[l].length_km;
  }
  return total > 0 ? shared / total : 1.0;
}

// The links of a state path in travel order: the links of the route build_route() makes of it.
void path_links(const Topology& t, const StatePath& p, std::vector<LinkIndex>& out) {
  out.clear();
  for (auto e : p.edges)
    if (is_link_edge(t.edges[e].kind)) out.push_back(t.edges[e].ref);
}

// The penalty method's search: the router's one-to-one search (same rules: loading at the
// origin, no carrier change there, ending on a link into the destination) with the links of
// earlier finds made dearer, directed at the destination by the unpenalized weights to it.
// Penalties only raise weights, so those weights never overestimate what is left (a consistent
// A* potential) and the search finds the route the plain one finds, after settling only the
// states that can still beat it instead of the whole graph.
//
// It runs 8 times per alternative asked, so the graph it needs is laid out once per query as
// flat arrays: each state's open edges in the topology's order (link edges, then carrier
// changes, which the origin's states lose), without the edges into states that cannot reach the
// destination (unless the edge ends the route there), each with its penalized weight kept up
// to date as links are penalized, not multiplied per relaxation. Buffers live across searches.
class PenaltySearch {
 public:
  PenaltySearch(const Network& net, const Topology& t, const Metric& m, NodeIndex from, NodeIndex to,
                const std::vector<double>& to_destination)
      : t_(t), m_(m), from_(from), to_(to), potential_(to_destination), penalty_(net.links.size(), 1.0) {
    exact_.assign(t.state_count(), kInf);
    const auto n = t.state_count();
    dist_.assign(n, kInf);
    parent_.assign(n, -1);
    target_weight_.assign(n, kInf);
    heap_.reset(static_cast<StateIndex>(n));
    for (StateIndex s : t.states_of(to))
      if (m.state_handling_weight[s] != kClosed) target_weight_[s] = m.end_weight(t, s, from);
    first_.resize(n + 1);
    first_change_.resize(n);
    flat_of_.assign(t.edge_count(), -1);
    // Sized once: grown by doubling, each copy would touch fresh pages (a page fault costs more
    // than the copy on a virtual machine).
    head_.reserve(t.edge_count());
    weight_.reserve(t.edge_count());
    edge_.reserve(t.edge_count());
    for (StateIndex s = 0; s < static_cast<StateIndex>(n); ++s) {
      first_[s] = static_cast<std::int32_t>(head_.size());
      first_change_[s] = -1;
      const bool at_origin = t.state_node[s] == from;
      for (auto e = t.first_edge[s]; e < t.first_edge[s + 1]; ++e) {
        const auto& edge = t.edges[e];
        const bool link = is_link_edge(edge.kind);
        // Two ranges keep the search's edge order only because build_topology lists every link
        // edge of a state before its carrier changes.
        if (link && first_change_[s] >= 0) throw std::logic_error("PenaltySearch: a link edge after a carrier change");
        if (!link && first_change_[s] < 0) first_change_[s] = static_cast<std::int32_t>(head_.size());
        const double w = m.edge_weight[e];
        if (w == kClosed || (!link && at_origin)) continue;
        if (potential_[edge.to] == kInf && !(link && target_weight_[edge.to] != kInf)) continue;
        flat_of_[e] = static_cast<std::int32_t>(head_.size());
        head_.push_back(edge.to);
        weight_.push_back(w);
        edge_.push_back(e);
      }
      if (first_change_[s] < 0) first_change_[s] = static_cast<std::int32_t>(head_.size());
    }
    first_[n] = static_cast<std::int32_t>(head_.size());
  }

  // Makes the links of `p` dearer (twice as dear per time a link is passed).
  void penalize(const StatePath& p) {
    for (auto e : p.edges) {
      const auto& edge = t_.edges[e];
      if (!is_link_edge(edge.kind)) continue;
      penalty_[edge.ref] *= 2.0;
      for (auto le : t_.edges_of_link(edge.ref))
        if (le >= 0 && flat_of_[le] >= 0) weight_[flat_of_[le]] = m_.edge_weight[le] * penalty_[edge.ref];
    }
  }

  // The exact penalized weights to the destination under today's penalties: a potential
  // for every later search (penalties only grow).
  void refresh() {
    if (in_first_.empty()) {
      const auto n = t_.state_count();
      in_first_.assign(n + 1, 0);
      tail_.resize(head_.size());
      for (StateIndex s = 0; s < static_cast<StateIndex>(n); ++s)
        for (auto e = first_[s]; e < first_[s + 1]; ++e) { tail_[e] = s; ++in_first_[head_[e] + 1]; }
      for (std::size_t i = 0; i < n; ++i) in_first_[i + 1] += in_first_[i];
      in_edge_.resize(head_.size());
      auto fill = in_first_;
      for (std::int32_t e = 0; e < static_cast<std::int32_t>(head_.size()); ++e) in_edge_[fill[head_[e]]++] = e;
    }
    std::fill(exact_.begin(), exact_.end(), kInf);
    heap_.clear();
    auto relax = [&](StateIndex u, double d) {
      if (!(d < exact_[u])) return;
      exact_[u] = d;
      if (heap_.contains(u)) heap_.decrease_key(u, d);
      else heap_.push(u, d);
    };
    for (StateIndex s = 0; s < static_cast<StateIndex>(t_.state_count()); ++s)
      for (auto e = first_[s]; e < first_change_[s]; ++e)
        if (target_weight_[head_[e]] != kInf) relax(s, target_weight_[head_[e]] + weight_[e]);
    while (!heap_.empty()) {
      const auto [v, d] = heap_.pop();
      for (auto i = in_first_[v]; i < in_first_[v + 1]; ++i) relax(tail_[in_edge_[i]], d + weight_[in_edge_[i]]);
    }
    potential_.swap(exact_);
  }

  // States the last run() settled.
  std::size_t settled() const { return settled_; }

  std::optional<StatePath> run() {
    settled_ = 0;
    for (auto s : touched_) {
      dist_[s] = kInf;
      parent_[s] = -1;
    }
    touched_.clear();
    heap_.clear();
    // A label within this factor of the best arrival is still expanded: keys and weights are
    // sums in another order, and a rounding difference must not cut the route the plain
    // search would find.
    constexpr double kSlack = 1 + 1e-12;
    double best = kInf, bound = kInf;  // bound = best * kSlack
    std::int32_t best_edge = -1;
    for (StateIndex through : t_.states_of(from_)) {
      const auto s = m_.origin_state(t_, through);
      const double w = m_.origin_weight(s, to_);
      if (w == kClosed || w >= dist_[s] || potential_[s] == kInf) continue;
      label(s, w, -1);
    }
    const StateIndex* head = head_.data();
    const double* weight = weight_.data();
    const double* potential = potential_.data();
    const double* target = target_weight_.data();
    double* dist = dist_.data();
    std::int32_t* parent = parent_.data();
    // Whether an edge from `s` (weight d) that gives the same weight as `edge` comes first in the
    // plain search's order.
    auto first_in_plain_order = [&](StateIndex s, double d, std::int32_t edge) {
      if (edge < 0) return false;
      const StateIndex p = t_.edge_from[edge_[edge]];
      return d < dist[p] || (d == dist[p] && s < p);
    };
    auto relax = [&](StateIndex s, double d, std::int32_t e, StateIndex to, double nd) {
      const double pot = potential[to];
      if (pot == kInf) return;
      if (nd < dist[to]) {
        if (nd + pot <= bound) label(to, nd, e);
      } else if (nd == dist[to] && nd > d && first_in_plain_order(s, d, parent[to])) {
        parent[to] = e;
      }
    };
    while (!heap_.empty()) {
      const auto [s, key] = heap_.pop();
      if (key > bound) break;
      ++settled_;
      const double d = dist[s];
      const auto change = first_change_[s];
      for (auto e = first_[s]; e < change; ++e) {
        const auto to = head[e];
        const double nd = d + weight[e];
        if (target[to] != kInf) {
          const double total = nd + target[to];
          if (total < best || (total == best && first_in_plain_order(s, d, best_edge))) {
            best = total;
            bound = best * kSlack;
            best_edge = e;
          }
        }
        relax(s, d, e, to, nd);
      }
      for (auto e = change; e < first_[s + 1]; ++e) relax(s, d, e, head[e], d + weight[e]);
    }
    if (best_edge < 0) return std::nullopt;
    StatePath path;
    path.weight = best;
    path.edges.push_back(edge_[best_edge]);
    StateIndex s = t_.edge_from[edge_[best_edge]];
    while (parent_[s] >= 0) {
      path.edges.push_back(edge_[parent_[s]]);
      s = t_.edge_from[edge_[parent_[s]]];
    }
    path.first_state = s;
    std::reverse(path.edges.begin(), path.edges.end());
    return path;
  }

 private:
  void label(StateIndex s, double d, std::int32_t parent) {
    if (dist_[s] == kInf) touched_.push_back(s);
    dist_[s] = d;
    parent_[s] = parent;
    const double key = d + potential_[s];
    if (heap_.contains(s)) heap_.decrease_key(s, key);
    else heap_.push(s, key);
  }

  const Topology& t_;
  const Metric& m_;
  NodeIndex from_;
  NodeIndex to_;
  std::vector<double> potential_;
  std::vector<double> penalty_;
  std::vector<double> exact_;  // per link: the factor on its weight
  // The flat graph: per state its edges [first_, first_change_) (links) and
  // [first_change_, first_ + 1) (carrier changes); per edge its head, penalized weight and
  // topology edge; per topology edge its place here (-1: left out).
  std::vector<std::int32_t> first_;
  std::vector<std::int32_t> first_change_;
  std::vector<StateIndex> head_;
  std::vector<double> weight_;
  std::vector<EdgeIndex> edge_;
  std::vector<std::int32_t> flat_of_;
  std::vector<std::int32_t> in_first_, in_edge_;
  std::vector<StateIndex> tail_;
  std::vector<double> dist_;
  std::vector<std::int32_t> parent_;  // flat edge into each state, -1 at the origin
  std::vector<double> target_weight_;
  std::vector<StateIndex> touched_;
  IndexedHeap<double> heap_;
  std::size_t settled_ = 0;
};

// Penalty method: each search finds the best route with the links of earlier finds made
// dearer. Its finds are only candidates: the admissibility tests judge them.
std::vector<StatePath> penalty_candidates(const Network& net, const Topology& t, const Metric& m, NodeIndex from,
                                          NodeIndex to, const ViaTrees& trees, const StatePath& best, int searches) {
  std::vector<StatePath> out;
  PenaltySearch search(net, t, m, from, to, trees.to_destination);
  search.penalize(best);
  // Later rounds see penalties the unpenalized potential knows nothing of and settle most of
  // the graph; a refreshed potential keeps them directed but costs a backward search over the
  // whole graph. So refresh once the searches since the last refresh have settled as many
  // states as the graph has (what a refresh costs): on 8 corridor pairs this does as well as
  // or better than refreshing every 4 rounds, and short routes, whose searches stay small,
  // refresh late or never (docs/performance.md, "Alternatives").
  std::size_t settled_since_refresh = 0;
  for (int i = 0; i < searches; ++i) {
    if (settled_since_refresh >= t.state_count()) {
      search.refresh();
      settled_since_refresh = 0;
    }
    auto p = search.run();
    settled_since_refresh += search.settled();
    if (!p) break;
    search.penalize(*p);
    p->weight = path_weight(t, m, *p);
    out.push_back(std::move(*p));
  }
  return out;
}

// locally_optimal() with the same answers for less: a window whose every part the trees
// already prove near-best (the part's weight within the tolerance of a lower bound of its
// best, from_origin[b] - from_origin[a] or to_destination[a] - to_destination[b]) needs no
// search, and the search of the others stops at the heaviest part the bounds left open. On a
// via path only the windows around the via state are searched.
class LocalCheck {
 public:
  LocalCheck(const Topology& t, const Metric& m, const ViaTrees& trees, double window, double tolerance)
      : t_(t), m_(m), trees_(trees), window_(window), tolerance_(tolerance) {
    dist_.assign(t.state_count(), kInf);
    heap_.reset(static_cast<StateIndex>(t.state_count()));
  }

  bool passes(const StatePath& path) {
    states_.assign(1, path.first_state);
    prefix_.assign(1, 0.0);
    for (auto e : path.edges) {
      states_.push_back(t_.edges[e].to);
      prefix_.push_back(prefix_.back() + m_.edge_weight[e]);
    }
    // The anchors of locally_optimal(): windows start about window/8 apart.
    const double step = window_ / 8;
    double next_anchor = 0;
    for (std::size_t i = 0; i + 1 < states_.size(); ++i) {
      if (prefix_[i] < next_anchor) continue;
      next_anchor = prefix_[i] + step;
      double radius = -1;  // the heaviest part the bounds cannot settle
      for (std::size_t j = i + 1; j < states_.size(); ++j) {
        const double part = prefix_[j] - prefix_[i];
        if (part > window_) break;
        if (!(part <= (1 + tolerance_) * lower_bound(states_[i], states_[j]) + 1e-9 * (1 + part))) radius = part;
      }
      if (radius < 0) continue;
      search(states_[i], radius);
      for (std::size_t j = i + 1; j < states_.size(); ++j) {
        const double part = prefix_[j] - prefix_[i];
        if (part > window_) break;
        if (part > (1 + tolerance_) * dist_[states_[j]] + 1e-9 * (1 + part)) return false;
      }
    }
    return true;
  }

 private:
  // A lower bound of the best weight from a to b, less a margin for the rounding of the sums
  // (0 when the trees give none).
  double lower_bound(StateIndex a, StateIndex b) const {
    double bound = 0;
    const auto& f = trees_.from_origin;
    const auto& g = trees_.to_destination;
    if (trees_.forward_bounds && f[a] != kInf && f[b] != kInf)
      bound = std::max(bound, f[b] - f[a] - 1e-12 * (f[a] + f[b]));
    if (trees_.backward_bounds && g[a] != kInf && g[b] != kInf)
      bound = std::max(bound, g[a] - g[b] - 1e-12 * (g[a] + g[b]));
    return bound;
  }

  // Best weights from `source`, exact for every state within `radius` (a part no heavier than
  // its own best weight cannot fail the test, so nothing beyond it is needed).
  void search(StateIndex source, double radius) {
    for (auto s : touched_) dist_[s] = kInf;
    touched_.clear();
    heap_.clear();
    dist_[source] = 0;
    touched_.push_back(source);
    heap_.push(source, 0);
    while (!heap_.empty()) {
      const auto [s, d] = heap_.pop();
      if (d > radius) break;
      for (auto e = t_.first_edge[s]; e < t_.first_edge[s + 1]; ++e) {
        const double w = m_.edge_weight[e];
        if (w == kClosed) continue;
        const auto to = t_.edges[e].to;
        if (d + w >= dist_[to]) continue;
        if (dist_[to] == kInf) touched_.push_back(to);
        dist_[to] = d + w;
        if (heap_.contains(to)) heap_.decrease_key(to, d + w);
        else heap_.push(to, d + w);
      }
    }
  }

  const Topology& t_;
  const Metric& m_;
  const ViaTrees& trees_;
  double window_;
  double tolerance_;
  std::vector<double> dist_;
  std::vector<StateIndex> touched_;
  IndexedHeap<double> heap_;
  std::vector<StateIndex> states_;
  std::vector<double> prefix_;
};

}  // namespace

double shared_fraction(const Network& net, const Route& candidate, const Route& kept) {
  auto kept_links = kept.links();
  std::sort(kept_links.begin(), kept_links.end());
  return shared_fraction_of(net, candidate.links(),
                            [&](LinkIndex l) { return std::binary_search(kept_links.begin(), kept_links.end(), l); });
}

bool shares_little(const Network& net, const Route& candidate, const Route& kept, bool near_tie,
                   const AlternativeOptions& o) {
  const double share = shared_fraction(net, candidate, kept);
  if (share <= o.max_shared_fraction) return true;
  return near_tie && share <= o.max_shared_other_countries && candidate.countries != kept.countries;
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
  const auto trees = grow_trees(t, m, from, to);
  std::vector<std::uint32_t> mark(t.state_count(), 0);
  std::uint32_t stamp = 0;

  // Candidates, cheapest first (ties: via paths first, in state order, then the penalty
  // method's finds in the order found): every via state within the bound, each path once and
  // never the best route, then the penalty finds that are neither. Via paths are built only
  // as the selection reaches them.
  std::vector<std::pair<double, StateIndex>> vias;
  for (StateIndex s = 0; s < static_cast<StateIndex>(t.state_count()); ++s) {
    const auto node = t.state_node[s];
    const double w = trees.from_origin[s] + trees.to_destination[s];
    if (node != from && node != to && w <= bound) vias.emplace_back(w, s);
  }
  std::sort(vias.begin(), vias.end());
  std::vector<StatePath> finds;
  {
    std::set<std::vector<EdgeIndex>> found{best.edges};
    for (auto& p : penalty_candidates(net, t, m, from, to, trees, best, 8 * o.wanted)) {
      if (p.weight > bound || !found.insert(p.edges).second) continue;
      // A via path equals a find only through one of the find's own states.
      bool via_repeat = false;
      if (!has_loop(t, p, mark, stamp))
        for (std::size_t k = 1; k <= p.edges.size() && !via_repeat; ++k) {
          const auto s = t.edges[p.edges[k - 1]].to;
          const auto node = t.state_node[s];
          if (node == from || node == to || !(trees.from_origin[s] + trees.to_destination[s] <= bound)) continue;
          via_repeat = via_path_is(t, trees, s, p, k);
        }
      if (!via_repeat) finds.push_back(std::move(p));
    }
  }
  std::stable_sort(finds.begin(), finds.end(), [](const StatePath& a, const StatePath& b) { return a.weight < b.weight; });

  std::set<std::vector<EdgeIndex>> seen{best.edges};
  std::size_t next_via = 0, next_find = 0;
  std::optional<StatePath> via;  // the next via candidate, built
  auto next_candidate = [&]() -> std::optional<StatePath> {
    while (!via && next_via < vias.size()) {
      via = via_path(t, trees, vias[next_via++].second, mark, stamp);
      if (via && !seen.insert(via->edges).second) via.reset();
    }
    if (via && (next_find == finds.size() || via->weight <= finds[next_find].weight)) return std::exchange(via, {});
    if (next_find < finds.size()) return std::move(finds[next_find++]);
    return std::nullopt;
  };

  // The tests have no side effects until a candidate is taken, so their order does not change
  // the answer: the sharing test runs first, on the candidate's path (it refuses most
  // candidates, about 54 of 62 on Chongqing-Duisburg), and only candidates that pass it are
  // built into routes for the label, corridor and mode-chain tests.
  std::vector<std::vector<char>> kept_links;  // per kept route: whether each link is on it
  std::vector<std::vector<std::string>> kept_countries;  // per kept route: Route::countries
  auto keep_links = [&](const Route& r) {
    auto& on = kept_links.emplace_back(net.links.size(), 0);
    for (auto l : r.links()) on[l] = 1;
    kept_countries.push_back(r.countries);
  };
  keep_links(best_route);
  std::vector<LinkIndex> links;
  std::vector<std::size_t> near;
  std::set<std::string> labels{best_route.label};
  std::set<std::string> sequences{corridor_sequence(net, best_route)};
  LocalCheck local(t, m, trees, o.local_window * best_w, o.local_tolerance);
  while (static_cast<int>(out.size()) < o.wanted) {
    const auto c = next_candidate();
    if (!c) break;
    path_links(t, *c, links);
    // Sharing more than max_shared_fraction with a kept route is allowed only to a near tie, up
    // to max_shared_other_countries, and only if the two pass different countries: known once
    // the route is built.
    bool distinct = true;
    near.clear();
    const bool near_tie = c->weight <= o.near_tie * best_w * (1 + 1e-12);
    for (std::size_t k = 0; k < kept_links.size() && distinct; ++k) {
      const auto& on = kept_links[k];
      const double share = shared_fraction_of(net, links, [&](LinkIndex l) { return on[l] != 0; });
      if (share <= o.max_shared_fraction) continue;
      if (near_tie && share <= o.max_shared_other_countries) near.push_back(k);
      else distinct = false;
    }
    if (!distinct) continue;
    auto route = build_route(net, t, m, *c);
    if (std::any_of(near.begin(), near.end(), [&](std::size_t k) { return kept_countries[k] == route.countries; }))
      continue;
    if (labels.count(route.label)) continue;
    const auto sequence = corridor_sequence(net, route);
    if (sequences.count(sequence)) continue;
    if (!absurd_mode_chain(net, route, best_route).empty()) continue;
    if (!local.passes(*c)) continue;
    labels.insert(route.label);
    sequences.insert(sequence);
    keep_links(route);
    out.push_back(std::move(route));
  }
  return out;
}

}  // namespace silkroute
