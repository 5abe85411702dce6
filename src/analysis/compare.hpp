#pragma once
// Two scenarios side by side over many pairs: per-pair changes in time, cost and CO2, and
// aggregates overall, per country and per corridor (weighted when the pairs carry weights).

#include <optional>
#include <string>
#include <vector>

#include "analysis/pair_routing.hpp"

namespace silkroute {

struct PairChange {
  OdPair pair;
  std::optional<Route> a;
  std::optional<Route> b;

  bool both() const { return a && b; }
  double time_change_h() const { return b->total.time_h - a->total.time_h; }
  double time_change_pct() const { return 100.0 * time_change_h() / a->total.time_h; }
  double cost_change_pct() const { return 100.0 * (b->total.cost_usd - a->total.cost_usd) / a->total.cost_usd; }
  double co2_change_pct() const { return a->total.co2_kg > 0 ? 100.0 * (b->total.co2_kg - a->total.co2_kg) / a->total.co2_kg : 0; }
};

// Means are over pairs routed in both scenarios, weighted by the pairs' weights.
struct ChangeStats {
  int pairs = 0;
  int both_routed = 0;
  int newly_connected = 0;  // no route in A, a route in B
  int cut_off = 0;          // a route in A, none in B
  double weight = 0;        // of the pairs routed in both
  double time_change_h = 0;
  double time_change_pct = 0;
  double cost_change_pct = 0;
  double co2_change_pct = 0;
  double faster_share = 0;  // share of weight more than an hour faster in B
  double slower_share = 0;
};

struct Quantiles {
  double p10 = 0, p25 = 0, p50 = 0, p75 = 0, p90 = 0;
};

struct Comparison {
  std::string scenario_a;
  std::string scenario_b;
  std::string cargo;
  Objective objective = Objective::generalized;
  bool weighted = false;  // pairs carry weights other than 1
  std::vector<PairChange> pairs;
  ChangeStats overall;
  Quantiles time_change_h;  // unweighted, over pairs routed in both
  std::vector<std::pair<std::string, ChangeStats>> by_country;   // ISO3, by weight then name
  std::vector<std::pair<std::string, ChangeStats>> by_corridor;  // corridors the routes use in A or B
};

Comparison compare_scenarios(const Network& net, RoutingCache& cache, const Scenario& a, const Scenario& b, const std::vector<OdPair>& pairs,
                             const PairRoutingOptions& options);

// Aggregates a subset of pair changes (used for the overall, country and corridor rows).
ChangeStats summarize(const std::vector<const PairChange*>& changes);

}  // namespace silkroute
