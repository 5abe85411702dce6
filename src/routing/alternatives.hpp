#pragma once
// Alternative routes that mean something: genuinely different ways a planner would weigh
// against the best one, never a variant made only by the search (a detour north of Scotland
// because the Channel links were penalized, the same corridor by another border post).
//
// Candidates come from two generators: via-node concatenations (the best route from the
// origin to a node joined to the best route from that node to the destination, as in
// Abraham, Delling, Goldberg and Werneck, "Alternative routes in road networks", ACM JEA
// 18, 2013) and the penalty method (earlier finds made dearer, Bader et al. 2011). Every
// candidate, whoever made it, must then be admissible:
//   - bounded stretch: its objective weight is at most max_detour x the best route's;
//   - limited sharing: at most max_shared_fraction of its length on a route already kept. A
//     near tie (objective within near_tie x the best's) that passes another sequence of countries
//     than a kept route may share up to max_shared_other_countries with it: the model cannot
//     tell such routes apart (its cross-validated median time error is 12-13%), and which border
//     a route takes is what an analyst weighs (Chongqing-Duisburg by Malaszewicze, 1% slower
//     than by Klaipeda and the Kiel ferry, shares Chongqing to Minsk with it, 84% of its length);
//   - local optimality: every stretch of it up to local_window x the best route's weight is
//     itself a best route, within local_tolerance (no local detours: the test that removes
//     penalty artefacts);
//   - not a repeat: neither its label nor its corridor sequence (corridors by mode in travel
//     order, with the chokepoints passed) equals a kept route's;
//   - no absurd mode chain (routing/mode_chain.hpp): not landed and shipped again, no long
//     truck bridge, no leg back toward the origin.
// Admissible candidates are taken cheapest first.

#include <string>
#include <vector>

#include "routing/metric.hpp"
#include "routing/route.hpp"
#include "routing/shortest_path.hpp"

namespace silkroute {

// How much longer than the best an alternative may be, as a ratio of the objective (time,
// cost, CO2 or generalized cost). 2 keeps the sea against rail on China-Europe (1.6-1.95 times
// the rail time in the survey of docs/cli.md, "Alternatives") and drops what costs more, which
// on that survey was mostly absurd; ask more to see the Cape against rail or surface against air.
inline constexpr double kDefaultMaxDetour = 2.0;

struct AlternativeOptions {
  int wanted = 3;                     // alternatives besides the best
  double max_detour = kDefaultMaxDetour;  // objective weight / best route's, >= 1
  double max_shared_fraction = 0.5;   // of the candidate's length, on any kept route
  double max_shared_other_countries = 0.9;  // the same for a near tie, on a kept route through other countries
  double near_tie = 1.05;             // objective weight / best route's, at most, for a near tie
  double local_window = 0.25;         // share of the best route's weight a local check spans
  double local_tolerance = 0.05;      // a window may cost this much more than its best route
};

// The alternatives to `best` (not included), cheapest first.
std::vector<Route> find_alternatives(const Network& net, const Topology& topology, const Metric& metric,
                                     NodeIndex from, NodeIndex to, const StatePath& best, const Route& best_route,
                                     const AlternativeOptions& options);

// Corridors by mode in travel order, with the chokepoints passed: what tells two ways apart
// for an analyst ("rail:cre_west,europe | sea:maritime_silk_road | via suez").
std::string corridor_sequence(const Network& net, const Route& route);

// Whether every part of `path` whose weight is at most `window` is a best route between its
// ends, within `tolerance` (a part may cost up to (1 + tolerance) x its best).
bool locally_optimal(const Topology& topology, const Metric& metric, const StatePath& path, double window,
                     double tolerance);

// Share of `candidate`'s length that runs on links of `kept` (0 to 1).
double shared_fraction(const Network& net, const Route& candidate, const Route& kept);

// The limited-sharing test of one candidate against one kept route: at most max_shared_fraction
// of its length on the kept route's links, or, for a near tie (`near_tie`: its objective weight
// within options.near_tie x the best's), at most max_shared_other_countries where the two pass
// different sequences of countries (Route::countries).
bool shares_little(const Network& net, const Route& candidate, const Route& kept, bool near_tie,
                   const AlternativeOptions& options);

}  // namespace silkroute
