#include "analysis/criticality.hpp"
#include "network/names.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "routing/router.hpp"

namespace silkroute {

namespace {

struct Candidate {
  CriticalElement element;
  std::vector<std::size_t> pairs;  // indices of pairs whose best route uses it
};

Candidate candidate(ElementKind kind, std::string id, std::string name, std::vector<std::size_t> pairs) {
  Candidate c;
  c.element.kind = kind;
  c.element.id = std::move(id);
  c.element.name = std::move(name);
  c.pairs = std::move(pairs);
  return c;
}

std::string node_name(const Network& net, NodeIndex n) {
  const auto& node = net.nodes[n];
  return node.name + (node.country.empty() ? "" : " (" + node.country + ")");
}

}  // namespace

std::vector<EdgeIndex> edges_of_element(const Network& net, const Topology& t, ElementKind kind, const std::string& id) {
  std::vector<EdgeIndex> out;
  auto add_link = [&](LinkIndex l) {
    const auto edges = t.edges_of_link(l);
    out.insert(out.end(), edges.begin(), edges.end());
  };
  switch (kind) {
    case ElementKind::link:
      if (auto l = net.link_by_id(id)) add_link(*l);
      break;
    case ElementKind::node:
      if (auto n = net.node_by_id(id))
        for (EdgeIndex e = 0; e < static_cast<EdgeIndex>(t.edge_count()); ++e)
          if (t.state_node[t.edge_from[e]] == *n || t.state_node[t.edges[e].to] == *n) out.push_back(e);
      break;
    case ElementKind::border:
      for (LinkIndex l = 0; l < static_cast<LinkIndex>(net.links.size()); ++l) {
        const auto& link = net.links[l];
        const auto& a = net.nodes[link.from].country;
        const auto& b = net.nodes[link.to].country;
        if (mode_stops_at_borders(link.mode) && !a.empty() && !b.empty() && a != b) {
          const auto pair = country_pair(a, b);
          if (pair.first + "-" + pair.second == id) add_link(l);
        }
      }
      break;
    case ElementKind::chokepoint:
      for (LinkIndex l = 0; l < static_cast<LinkIndex>(net.links.size()); ++l)
        if (net.links[l].chokepoint == id) add_link(l);
      break;
  }
  return out;
}

namespace {

// The elements the base routes use, each with the pairs that use it: only those pairs can
// change when it fails. Also fills the result's demand totals.
std::vector<Candidate> elements_in_use(const Network& net, const std::vector<OdPair>& pairs,
                                       const std::vector<std::optional<Route>>& base, CriticalityResult& result) {
  std::map<LinkIndex, std::vector<std::size_t>> by_link;
  std::map<NodeIndex, std::vector<std::size_t>> by_node;
  std::map<CountryPair, std::vector<std::size_t>> by_border;
  std::map<std::string, std::vector<std::size_t>> by_chokepoint;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (!base[i]) continue;
    ++result.pairs_routed;
    result.demand_weight += pairs[i].weight;
    result.base_cost_usd += pairs[i].weight * base[i]->generalized_cost_usd;
    std::set<NodeIndex> nodes;
    for (const auto& leg : base[i]->legs) nodes.insert(leg.nodes.begin(), leg.nodes.end());
    // Failing an endpoint cuts its own flows by definition; only transit counts.
    nodes.erase(pairs[i].from);
    nodes.erase(pairs[i].to);
    for (auto n : nodes) by_node[n].push_back(i);
    const auto route_links = base[i]->links();
    for (auto l : std::set<LinkIndex>(route_links.begin(), route_links.end())) by_link[l].push_back(i);
    std::set<CountryPair> borders;
    for (const auto& c : base[i]->crossings) borders.insert(country_pair(c.cost.from_country, c.cost.to_country));
    for (const auto& b : borders) by_border[b].push_back(i);
    std::set<std::string> chokepoints;
    for (const auto& p : base[i]->passages) chokepoints.insert(p.chokepoint);
    for (const auto& c : chokepoints) by_chokepoint[c].push_back(i);
  }

  std::vector<Candidate> candidates;
  for (const auto& [l, list] : by_link) {
    const auto& link = net.links[l];
    // Open water does not fail: straits fail as chokepoints, ports as nodes.
    if (mode_traits(link.mode).open_water && link.chokepoint.empty()) continue;
    candidates.push_back(candidate(ElementKind::link, link.id,
                                   net.nodes[link.from].name + " - " + net.nodes[link.to].name + " (" +
                                       std::string(mode_name(link.mode)) + ")",
                                   list));
  }
  for (const auto& [n, list] : by_node) {
    // Sea waypoints are points on open water, not places that can fail.
    if (net.nodes[n].kind == NodeKind::waypoint) continue;
    candidates.push_back(candidate(ElementKind::node, net.nodes[n].id, node_name(net, n), list));
  }
  for (const auto& [b, list] : by_border)
    candidates.push_back(candidate(ElementKind::border, b.first + "-" + b.second, "border " + border_name(net, b.first, b.second), list));
  for (const auto& [k, list] : by_chokepoint) candidates.push_back(candidate(ElementKind::chokepoint, k, chokepoint_name(k), list));
  return candidates;
}

}  // namespace

CriticalityResult criticality(const Network& net, RoutingCache& cache, const Scenario& scenario,
                              const std::vector<OdPair>& pairs, const PairRoutingOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  CriticalityResult result;
  result.scenario = scenario.name;
  result.cargo = cargo_for(net, options.cargo).id;
  result.objective = options.objective;
  result.pairs = static_cast<int>(pairs.size());
  const auto base = route_pairs(net, cache, scenario, pairs, options);
  // The metric each pair was routed on (one per mode set and rules of its ends), reused under every failure.
  const auto topology = cache.topology(net);
  const auto& cargo = cargo_for(net, options.cargo);
  std::map<PairGroup, std::shared_ptr<const Metric>> metric_of_group;
  for (const auto& [group, which] : pair_groups(net, pairs))
    metric_of_group[group] = cache.metric(net, CostModel(net, cargo, options.objective, group_scenario(scenario, group)));
  auto candidates = elements_in_use(net, pairs, base, result);

  // Failures are independent: spread them over the cores, each routing its own pairs on the
  // base metrics with the element's edges masked.
  parallel_for(candidates.size(), options.threads, [&](std::size_t k) {
    auto& cand = candidates[k];
    const auto closed = edges_of_element(net, *topology, cand.element.kind, cand.element.id);
    std::vector<std::optional<Route>> routes(pairs.size());
    for (const auto& [group, which] : pair_groups(net, pairs, &cand.pairs)) {
      const auto& metric = metric_of_group.at(group);
      const auto weights = metric->weights_without(closed);
      route_pairs_on(net, topology, metric, pairs, which, routes, 1, &weights);
    }
    std::vector<std::optional<Route>> rerouted;
    for (auto i : cand.pairs) rerouted.push_back(std::move(routes[i]));
    auto& e = cand.element;
    e.pairs_affected = static_cast<int>(cand.pairs.size());
    double worst = -1, delay_weighted = 0, moved_weight = 0;
    for (std::size_t j = 0; j < cand.pairs.size(); ++j) {
      const auto i = cand.pairs[j];
      const double w = pairs[i].weight;
      e.affected_weight += w;
      double impact;
      std::string label;
      if (!rerouted[j]) {
        e.cut_off_weight += w;
        impact = w * base[i]->generalized_cost_usd;
        label = "no route";
      } else {
        const double extra = w * (rerouted[j]->generalized_cost_usd - base[i]->generalized_cost_usd);
        e.extra_cost_usd += extra;
        delay_weighted += w * (rerouted[j]->total.time_h - base[i]->total.time_h);
        moved_weight += w;
        impact = extra;
        label = rerouted[j]->label;
      }
      if (impact > worst) {
        worst = impact;
        e.example_pair = net.nodes[pairs[i].from].name + " - " + net.nodes[pairs[i].to].name;
        e.moves_to = label;
      }
    }
    if (moved_weight > 0) e.extra_time_h_per_unit = delay_weighted / moved_weight;
    e.score_usd = e.extra_cost_usd;
    for (std::size_t j = 0; j < cand.pairs.size(); ++j)
      if (!rerouted[j]) e.score_usd += pairs[cand.pairs[j]].weight * base[cand.pairs[j]]->generalized_cost_usd;
  });

  for (auto& c : candidates) {
    result.pairs_recomputed += static_cast<long long>(c.pairs.size());
    result.elements.push_back(std::move(c.element));
  }
  result.elements_tested = static_cast<int>(result.elements.size());
  std::sort(result.elements.begin(), result.elements.end(), [](const auto& a, const auto& b) {
    if (a.score_usd != b.score_usd) return a.score_usd > b.score_usd;
    return a.id < b.id;
  });
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace silkroute
