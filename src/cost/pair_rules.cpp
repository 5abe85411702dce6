#include "cost/pair_rules.hpp"

#include "cost/rail_service.hpp"
#include "cost/road_crew.hpp"
#include "geo/great_circle.hpp"

namespace silkroute {

PairRules pair_rules(const TimeModel& tm, const std::string& from_country, const std::string& to_country,
                     double great_circle_km) {
  return {rail_service_for(tm, from_country, to_country), road_crew_for(tm, from_country, to_country, great_circle_km)};
}

CountryPairRules country_pair_rules(const TimeModel& tm, const std::string& from_country, const std::string& to_country) {
  const auto [from_km, crew] = road_crew_threshold(tm, from_country, to_country);
  return {rail_service_for(tm, from_country, to_country), from_km, crew};
}

PairRules pair_rules(const Network& net, NodeIndex from, NodeIndex to) {
  const auto& a = net.nodes[from];
  const auto& b = net.nodes[to];
  return pair_rules(net.time_model, a.country, b.country, geo::great_circle_km(a.position, b.position));
}

Scenario with_pair_rules(Scenario scenario, const PairRules& rules) {
  if (rules.rail_service != RailService::express) scenario.rail_service = rules.rail_service;
  if (rules.road_crew != RoadCrew::single) scenario.road_crew = rules.road_crew;
  return scenario;
}

}  // namespace silkroute
