#include "analysis/criticality.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "routing/router.hpp"

namespace silkroute {

std::string_view element_kind_name(ElementKind kind) {
  switch (kind) {
    case ElementKind::link: return "link";
    case ElementKind::node: return "node";
    case ElementKind::border: return "border";
    case ElementKind::chokepoint: return "chokepoint";
  }
  return "?";
}

namespace {

struct Candidate {
  CriticalElement element;
  std::vector<std::size_t> pairs;  // indices of pairs whose best route uses it
  Scenario failed;
};

std::string node_name(const Network& net, NodeIndex n) {
  const auto& node = net.nodes[n];
  return node.name + (node.country.empty() ? "" : " (" + node.country + ")");
}

}  // namespace

CriticalityResult criticality(const Network& net, const Scenario& scenario, const std::vector<OdPair>& pairs,
                              const PairRoutingOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  CriticalityResult result;
  result.scenario = scenario.name;
  result.cargo = cargo_for(net, options.cargo).id;
  result.objective = options.objective;
  result.pairs = static_cast<int>(pairs.size());
  const auto base = route_pairs(net, scenario, pairs, options);

  // Which pairs use which element.
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
    std::set<LinkIndex> links;
    for (auto l : base[i]->links()) links.insert(l);
    for (auto l : links) by_link[l].push_back(i);
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
    if (link.mode == Mode::sea && link.chokepoint.empty()) continue;
    Candidate c{{ElementKind::link, link.id,
                 net.nodes[link.from].name + " - " + net.nodes[link.to].name + " (" + std::string(mode_name(link.mode)) + ")"},
                list, scenario};
    c.failed.closed.links.insert(l);
    candidates.push_back(std::move(c));
  }
  for (const auto& [n, list] : by_node) {
    // Sea waypoints are points on open water, not places that can fail.
    if (net.nodes[n].kind == NodeKind::waypoint) continue;
    Candidate c{{ElementKind::node, net.nodes[n].id, node_name(net, n)}, list, scenario};
    c.failed.closed.nodes.insert(n);
    candidates.push_back(std::move(c));
  }
  for (const auto& [b, list] : by_border) {
    Candidate c{{ElementKind::border, b.first + "-" + b.second, "border " + b.first + "-" + b.second}, list, scenario};
    c.failed.closed.borders.insert(b);
    candidates.push_back(std::move(c));
  }
  for (const auto& [k, list] : by_chokepoint) {
    Candidate c{{ElementKind::chokepoint, k, "chokepoint " + k}, list, scenario};
    c.failed.closed.chokepoints.insert(k);
    candidates.push_back(std::move(c));
  }

  // Failures are independent: spread them over the cores, each routing its own pairs.
  PairRoutingOptions inner = options;
  inner.threads = 1;
  parallel_for(candidates.size(), options.threads, [&](std::size_t k) {
    auto& cand = candidates[k];
    std::vector<OdPair> subset;
    for (auto i : cand.pairs) subset.push_back(pairs[i]);
    const auto rerouted = route_pairs(net, cand.failed, subset, inner);
    auto& e = cand.element;
    e.pairs_affected = static_cast<int>(subset.size());
    double worst = -1, delay_weighted = 0, moved_weight = 0;
    for (std::size_t j = 0; j < subset.size(); ++j) {
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
    for (std::size_t j = 0; j < subset.size(); ++j)
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
