#pragma once
// Best routes for many origin-destination pairs under one scenario: one metric per mode set
// over the network's one topology, one shortest-path tree per origin, origins in parallel.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analysis/od_pairs.hpp"
#include "cost/pair_rules.hpp"
#include "routing/route.hpp"
#include "routing/routing_cache.hpp"
#include "scenario/scenario.hpp"
#include "util/parallel.hpp"

namespace silkroute {

struct PairRoutingOptions {
  std::string cargo;                            // empty: the dataset's first cargo class
  Objective objective = Objective::generalized;  // what shippers minimize by default
  unsigned threads = 0;                         // 0: all cores
};

// One result per input pair, in input order; nullopt where no route exists.
std::vector<std::optional<Route>> route_pairs(const Network& net, RoutingCache& cache, const Scenario& scenario,
                                              const std::vector<OdPair>& pairs, const PairRoutingOptions& options);

// Routes the pairs listed in `which` on one topology and metric (optionally with masked
// weights), writing out[i] for each i in which. Origins are spread over `threads` threads.
void route_pairs_on(const Network& net, const std::shared_ptr<const Topology>& topology,
                    const std::shared_ptr<const Metric>& metric, const std::vector<OdPair>& pairs,
                    const std::vector<std::size_t>& which, std::vector<std::optional<Route>>& out, unsigned threads,
                    const std::vector<double>* weights = nullptr);

// The scenario with every mode outside `modes` closed (modes empty: unchanged).
Scenario restricted_to_modes(const Scenario& scenario, const std::set<Mode>& modes);

// Pairs that are routed on one metric: the same modes allowed and the same rules of their ends
// (rail service, road crew), so each pair is the route the route command gives it.
struct PairGroup {
  std::set<Mode> modes;
  PairRules rules;
  auto operator<=>(const PairGroup&) const = default;
};
// The groups of `pairs` (of those listed in `which`, where given), each with its pairs' indices.
std::map<PairGroup, std::vector<std::size_t>> pair_groups(const Network& net, const std::vector<OdPair>& pairs,
                                                         const std::vector<std::size_t>* which = nullptr);
// The scenario a group's pairs are routed under.
Scenario group_scenario(const Scenario& scenario, const PairGroup& group);


}  // namespace silkroute
