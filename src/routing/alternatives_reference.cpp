#include "routing/alternatives_reference.hpp"

#include <algorithm>
#include <set>

#include "routing/mode_chain.hpp"
#include "routing/route_builder.hpp"
#include "routing/via_trees.hpp"

namespace silkroute {

namespace {

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

std::vector<Route> find_alternatives_reference(const Network& net, const Topology& t, const Metric& m, NodeIndex from,
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
    std::vector<std::uint32_t> mark(t.state_count(), 0);
    std::uint32_t stamp = 0;
    for (const auto& [w, s] : vias)
      if (auto p = via_path(t, trees, s, mark, stamp); p && seen.insert(p->edges).second) candidates.push_back(std::move(*p));
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
    if (!absurd_mode_chain(net, route, best_route).empty()) continue;
    bool distinct = true;
    const bool near_tie = c.weight <= o.near_tie * best_w * (1 + 1e-12);
    for (const auto* k : kept) distinct = distinct && shares_little(net, route, *k, near_tie, o);
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
