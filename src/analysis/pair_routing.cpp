#include "analysis/pair_routing.hpp"

#include <map>

#include "cost/pair_rules.hpp"
#include "routing/route_builder.hpp"
#include "routing/router.hpp"
#include "routing/shortest_path.hpp"

namespace silkroute {

Scenario restricted_to_modes(const Scenario& scenario, const std::set<Mode>& modes) {
  Scenario s = scenario;
  if (modes.empty()) return s;
  for (auto m : kAllModes)
    if (!modes.count(m)) s.closed.modes.insert(m);
  return s;
}

std::map<PairGroup, std::vector<std::size_t>> pair_groups(const Network& net, const std::vector<OdPair>& pairs,
                                                         const std::vector<std::size_t>* which) {
  std::map<PairGroup, std::vector<std::size_t>> groups;
  auto add = [&](std::size_t i) { groups[{pairs[i].modes, pair_rules(net, pairs[i].from, pairs[i].to)}].push_back(i); };
  if (which)
    for (auto i : *which) add(i);
  else
    for (std::size_t i = 0; i < pairs.size(); ++i) add(i);
  return groups;
}

Scenario group_scenario(const Scenario& scenario, const PairGroup& group) {
  return with_pair_rules(restricted_to_modes(scenario, group.modes), group.rules);
}

void route_pairs_on(const Network& net, const std::shared_ptr<const Topology>& topology,
                    const std::shared_ptr<const Metric>& metric, const std::vector<OdPair>& pairs,
                    const std::vector<std::size_t>& which, std::vector<std::optional<Route>>& out, unsigned threads,
                    const std::vector<double>* weights) {
  std::map<NodeIndex, std::vector<std::size_t>> by_origin;
  for (auto i : which) by_origin[pairs[i].from].push_back(i);
  std::vector<const std::vector<std::size_t>*> tasks;
  std::vector<NodeIndex> origins;
  for (const auto& [origin, list] : by_origin) {
    origins.push_back(origin);
    tasks.push_back(&list);
  }
  parallel_for(tasks.size(), threads, [&](std::size_t t) {
    const ShortestPathTree tree(topology, metric, origins[t], {.weights = weights});
    for (auto i : *tasks[t]) {
      out[i].reset();
      if (auto path = tree.path_to(pairs[i].to)) out[i] = build_route(net, *topology, *metric, *path);
    }
  });
}

std::vector<std::optional<Route>> route_pairs(const Network& net, RoutingCache& cache, const Scenario& scenario,
                                              const std::vector<OdPair>& pairs, const PairRoutingOptions& options) {
  std::vector<std::optional<Route>> out(pairs.size());
  const auto& cargo = cargo_for(net, options.cargo);
  const auto topology = cache.topology(net);
  for (const auto& [group, which] : pair_groups(net, pairs)) {
    const CostModel cost(net, cargo, options.objective, group_scenario(scenario, group));
    route_pairs_on(net, topology, cache.metric(net, cost), pairs, which, out, options.threads);
  }
  return out;
}

}  // namespace silkroute
