#pragma once
// The rules a trip's two ends choose for it: the rail service (rail_services.csv) and who
// drives its trucks (road_crews.csv). The route command, the calibration, the matrix and the
// pair analyses (compare, criticality) all route a pair under its ends' rules, so a matrix cell
// or a compared pair is the route the route command gives for it.

#include <compare>
#include <string>

#include "network/network.hpp"
#include "scenario/scenario.hpp"

namespace silkroute {

struct PairRules {
  RailService rail_service = RailService::express;
  RoadCrew road_crew = RoadCrew::single;
  auto operator<=>(const PairRules&) const = default;
};

// The rules for ends in `from_country` and `to_country` (ISO3), `great_circle_km` apart.
PairRules pair_rules(const TimeModel& tm, const std::string& from_country, const std::string& to_country,
                     double great_circle_km);
// The rules for a trip between two network nodes.
PairRules pair_rules(const Network& net, NodeIndex from, NodeIndex to);

// The rules for ends in two given countries as a function of the distance between the ends:
// what a matrix looks up once per pair of countries instead of once per cell.
struct CountryPairRules {
  RailService rail_service = RailService::express;
  double crew_from_km = 0;  // ends this far apart or more get `far_crew`, nearer ones one driver
  RoadCrew far_crew = RoadCrew::single;
  PairRules at(double great_circle_km) const {
    return {rail_service, great_circle_km >= crew_from_km ? far_crew : RoadCrew::single};
  }
};
CountryPairRules country_pair_rules(const TimeModel& tm, const std::string& from_country, const std::string& to_country);

// `scenario` with the rules applied where they differ from the unset defaults (express, one
// driver), so that the default's metrics and scenario hashes stay shared.
Scenario with_pair_rules(Scenario scenario, const PairRules& rules);

}  // namespace silkroute
