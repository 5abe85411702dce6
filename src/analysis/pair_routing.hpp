#pragma once
// Best routes for many origin-destination pairs under one scenario: one state graph per
// mode set, one shortest-path tree per origin, origins spread over all cores.

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analysis/od_pairs.hpp"
#include "routing/route.hpp"
#include "scenario/scenario.hpp"

namespace silkroute {

struct PairRoutingOptions {
  std::string cargo;                            // empty: the dataset's first cargo class
  Objective objective = Objective::generalized;  // what shippers minimize by default
  unsigned threads = 0;                         // 0: all cores
};

// One result per input pair, in input order; nullopt where no route exists.
std::vector<std::optional<Route>> route_pairs(const Network& net, const Scenario& scenario,
                                              const std::vector<OdPair>& pairs, const PairRoutingOptions& options);

// The scenario with every mode outside `modes` closed (modes empty: unchanged).
Scenario restricted_to_modes(const Scenario& scenario, const std::set<Mode>& modes);

// Runs f(i) for i in [0, n) on up to `threads` threads (0: all cores).
void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& f);

}  // namespace silkroute
