#pragma once
// Best routes for many origin-destination pairs under one scenario: one metric per mode set
// over the network's one topology, one shortest-path tree per origin, origins in parallel.

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analysis/od_pairs.hpp"
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


}  // namespace silkroute
