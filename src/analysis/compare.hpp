#pragma once
// Two scenarios side by side over many pairs: per-pair changes in time, cost and CO2, and
// aggregates overall, per country and per corridor (weighted when the pairs carry weights).

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analysis/pair_routing.hpp"

namespace silkroute {

// Where a pair's change in time comes from, in hours (B less A); the three parts sum to the
// change. Where B's route goes by another main mode than A's (a mode switch), the pair is
// routed a third time: in B, on the modes A's route used less B's main mode ("B on A's
// modes"); otherwise B's route is that route.
//   network_h:    that route against A's, less its border time: new lines, terminals and
//                 services on the same modes, or closures (any change to running, waits, transfers);
//   borders_h:    its border time against A's: agreements, customs unions, other crossings;
//   mode_switch_h: B's best against it: what changing mode gains (positive when shippers
//                 take a slower, cheaper mode under a cost objective).
// Where A's modes no longer connect the pair in B, the whole change is the switch.
struct TimeDecomposition {
  double network_h = 0;
  double borders_h = 0;
  double mode_switch_h = 0;
  double total_h() const { return network_h + borders_h + mode_switch_h; }
};

// The mode carrying the most of a route's length: what a pair "goes by".
Mode main_mode(const Route& route);

struct PairChange {
  OdPair pair;
  std::optional<Route> a;
  std::optional<Route> b;
  std::optional<Route> b_on_modes_of_a;  // best in B on A's modes (see TimeDecomposition)

  // B's route goes by another main mode than A's.
  bool mode_switch() const { return both() && main_mode(*a) != main_mode(*b); }
  TimeDecomposition decomposition() const;

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
  int mode_switched = 0;    // pairs routed in both whose main modes differ
  double mode_switch_share = 0;   // their share of the weight
  TimeDecomposition time_change_parts;  // weighted means; they sum to time_change_h
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
