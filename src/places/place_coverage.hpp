#pragma once
// Whether the places an analyst names first are in the network: every national capital of a
// country the gazetteer covers (Europe, Asia with the Middle East, Africa) or the network has,
// and every city of a million people or more, is a node or joins it by a first or last mile
// within a sane distance. `silkroute info --coverage` shows it by region; a test asserts it.

#include <string>
#include <vector>

#include "places/place_resolver.hpp"

namespace silkroute {

struct PlaceCoverageRule {
  long long min_population = 1'000'000;
  // A join farther than this (great circle) is a day's drive or more (about 380 road km at
  // access.csv's circuity 1.26): such a place is not served by the network, only reachable.
  double max_join_km = 300;
};

#define SILKROUTE_COVERAGE_STATUSES(X) X(node, "node") X(joins, "joins") X(too_far, "too far") X(no_join, "no join")
SILKROUTE_ENUM(CoverageStatus, unsigned char, SILKROUTE_COVERAGE_STATUSES)

struct PlaceCoverage {
  std::size_t place = 0;  // index into the gazetteer
  CoverageStatus status = CoverageStatus::no_join;
  NodeIndex terminal = kNoNode;  // the node itself, or the nearest terminal it joins at
  double great_circle_km = 0;    // to that terminal (0 for a node)
  std::string region;            // regions.csv's region of its country; "(no region)" when none
  std::string reason;            // why it does not join (no_join)
};

// The capitals and large cities of the gazetteer, each with whether and where it joins, in
// gazetteer order. Empty when the dataset has no gazetteer.
std::vector<PlaceCoverage> capital_and_city_coverage(const Network& net, const PlaceResolver& resolver,
                                                     const PlaceCoverageRule& rule = {});

}  // namespace silkroute
