#include "analysis/compare.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "routing/router.hpp"

namespace silkroute {

Mode main_mode(const Route& route) {
  std::map<Mode, double> km;
  for (const auto& leg : route.legs) km[leg.carrier.mode] += leg.metrics.distance_km;
  Mode best = route.legs.empty() ? Mode::road : route.legs.front().carrier.mode;
  for (const auto& [m, d] : km)
    if (d > km[best]) best = m;
  return best;
}

TimeDecomposition PairChange::decomposition() const {
  TimeDecomposition d;
  if (!both()) return d;
  if (!b_on_modes_of_a) {
    d.mode_switch_h = time_change_h();
    return d;
  }
  const auto& same = *b_on_modes_of_a;
  d.borders_h = same.time.border_h - a->time.border_h;
  d.network_h = (same.total.time_h - a->total.time_h) - d.borders_h;
  d.mode_switch_h = b->total.time_h - same.total.time_h;
  return d;
}

ChangeStats summarize(const std::vector<const PairChange*>& changes) {
  ChangeStats s;
  s.pairs = static_cast<int>(changes.size());
  double w_sum = 0, time_h = 0, time_pct = 0, cost_pct = 0, co2_pct = 0, faster = 0, slower = 0, switched = 0;
  TimeDecomposition parts;
  bool any_weight = false;
  for (const auto* c : changes) any_weight = any_weight || c->pair.weight > 0;
  for (const auto* c : changes) {
    if (!c->a && c->b) ++s.newly_connected;
    if (c->a && !c->b) ++s.cut_off;
    if (!c->both()) continue;
    ++s.both_routed;
    // Unweighted pairs (all weights 0) count equally rather than vanish.
    const double w = any_weight ? c->pair.weight : 1.0;
    w_sum += w;
    time_h += w * c->time_change_h();
    time_pct += w * c->time_change_pct();
    cost_pct += w * c->cost_change_pct();
    co2_pct += w * c->co2_change_pct();
    if (c->time_change_h() < -1.0) faster += w;
    if (c->time_change_h() > 1.0) slower += w;
    const auto d = c->decomposition();
    parts.network_h += w * d.network_h;
    parts.borders_h += w * d.borders_h;
    parts.mode_switch_h += w * d.mode_switch_h;
    if (c->mode_switch()) {
      ++s.mode_switched;
      switched += w;
    }
  }
  s.weight = any_weight ? w_sum : 0;
  if (w_sum > 0) {
    s.time_change_h = time_h / w_sum;
    s.time_change_pct = time_pct / w_sum;
    s.cost_change_pct = cost_pct / w_sum;
    s.co2_change_pct = co2_pct / w_sum;
    s.faster_share = faster / w_sum;
    s.slower_share = slower / w_sum;
    s.mode_switch_share = switched / w_sum;
    s.time_change_parts = {parts.network_h / w_sum, parts.borders_h / w_sum, parts.mode_switch_h / w_sum};
  }
  return s;
}

namespace {

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double pos = q * (v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - lo) * (v[hi] - v[lo]);
}

}  // namespace

Comparison compare_scenarios(const Network& net, RoutingCache& cache, const Scenario& a, const Scenario& b, const std::vector<OdPair>& pairs,
                             const PairRoutingOptions& options) {
  Comparison c;
  c.scenario_a = a.name;
  c.scenario_b = b.name;
  c.cargo = cargo_for(net, options.cargo).id;
  c.objective = options.objective;
  auto routes_a = route_pairs(net, cache, a, pairs, options);
  auto routes_b = route_pairs(net, cache, b, pairs, options);
  // Pairs whose main mode changed, routed once more: in B, on the modes A's route used less
  // B's main mode (what B offers without the switch).
  std::vector<OdPair> on_modes_of_a;
  std::vector<std::size_t> which;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (!routes_a[i] || !routes_b[i]) continue;
    const auto switched_to = main_mode(*routes_b[i]);
    if (main_mode(*routes_a[i]) == switched_to) continue;
    std::set<Mode> modes_a;
    for (const auto& leg : routes_a[i]->legs) modes_a.insert(leg.carrier.mode);
    modes_a.erase(switched_to);
    auto p = pairs[i];
    p.modes = modes_a;
    on_modes_of_a.push_back(p);
    which.push_back(i);
  }
  auto routes_b_on_a = route_pairs(net, cache, b, on_modes_of_a, options);
  c.pairs.reserve(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    c.pairs.push_back(PairChange{pairs[i], std::move(routes_a[i]), std::move(routes_b[i]), std::nullopt});
    if (c.pairs.back().both()) c.pairs.back().b_on_modes_of_a = c.pairs.back().b;
  }
  for (std::size_t k = 0; k < which.size(); ++k) c.pairs[which[k]].b_on_modes_of_a = std::move(routes_b_on_a[k]);
  for (const auto& p : pairs) c.weighted = c.weighted || p.weight != 1.0;

  std::vector<const PairChange*> all;
  std::map<std::string, std::vector<const PairChange*>> countries, corridors;
  std::vector<double> time_changes;
  for (const auto& pc : c.pairs) {
    all.push_back(&pc);
    std::set<std::string> in_countries{net.nodes[pc.pair.from].country, net.nodes[pc.pair.to].country};
    for (const auto& country : in_countries)
      if (!country.empty()) countries[country].push_back(&pc);
    std::set<std::string> used;
    for (const auto* r : {pc.a ? &*pc.a : nullptr, pc.b ? &*pc.b : nullptr})
      if (r) used.insert(r->corridors.begin(), r->corridors.end());
    for (const auto& k : used) corridors[k].push_back(&pc);
    if (pc.both()) time_changes.push_back(pc.time_change_h());
  }
  c.overall = summarize(all);
  c.time_change_h = {quantile(time_changes, 0.1), quantile(time_changes, 0.25), quantile(time_changes, 0.5),
                     quantile(time_changes, 0.75), quantile(time_changes, 0.9)};
  for (const auto& [k, v] : countries) c.by_country.emplace_back(k, summarize(v));
  for (const auto& [k, v] : corridors) c.by_corridor.emplace_back(k, summarize(v));
  // Largest changes (gains or losses) first: what an analyst scans for.
  auto by_change = [](const auto& x, const auto& y) {
    const double dx = std::fabs(x.second.time_change_pct), dy = std::fabs(y.second.time_change_pct);
    if (dx != dy) return dx > dy;
    return x.first < y.first;
  };
  std::sort(c.by_country.begin(), c.by_country.end(), by_change);
  std::sort(c.by_corridor.begin(), c.by_corridor.end(), by_change);
  return c;
}

}  // namespace silkroute
