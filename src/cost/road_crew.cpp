#include "cost/road_crew.hpp"

#include <cmath>
#include <limits>

namespace silkroute {

namespace {

const TimeModel::RoadCrewRule* rule_for(const TimeModel& tm, const std::string& from_country, const std::string& to_country) {
  const auto from = tm.country_region.find(from_country);
  const auto to = tm.country_region.find(to_country);
  if (from == tm.country_region.end() || to == tm.country_region.end()) return nullptr;
  const auto it = tm.road_crew_rule.find(TimeModel::region_pair_key(from->second, to->second));
  return it == tm.road_crew_rule.end() ? nullptr : &it->second;
}

}  // namespace

RoadCrew road_crew_for(const TimeModel& tm, const std::string& from_country, const std::string& to_country,
                       double great_circle_km) {
  // A domestic trip is driven by one driver: the rules are for international express services.
  if (from_country == to_country) return RoadCrew::single;
  const auto* rule = rule_for(tm, from_country, to_country);
  return rule && great_circle_km >= rule->min_km ? rule->crew : RoadCrew::single;
}

std::pair<double, RoadCrew> road_crew_threshold(const TimeModel& tm, const std::string& from_country,
                                                const std::string& to_country) {
  const auto* rule = from_country == to_country ? nullptr : rule_for(tm, from_country, to_country);
  if (!rule || rule->crew == RoadCrew::single) return {std::numeric_limits<double>::infinity(), RoadCrew::single};
  return {rule->min_km, rule->crew};
}

std::string road_crew_reason(const TimeModel& tm, const std::string& from_country, const std::string& to_country,
                             double great_circle_km) {
  if (from_country == to_country) return "domestic trip";
  const auto from = tm.country_region.find(from_country);
  const auto to = tm.country_region.find(to_country);
  if (from == tm.country_region.end() || to == tm.country_region.end()) return "no time-model region for an end";
  const auto pair = std::string(enum_name(from->second)) + " to " + std::string(enum_name(to->second));
  const auto* rule = rule_for(tm, from_country, to_country);
  if (!rule) return "no rule for " + pair;
  const auto min_km = std::to_string(static_cast<long long>(std::lround(rule->min_km)));
  if (great_circle_km < rule->min_km) return "road_crews.csv: " + pair + ", ends under " + min_km + " km apart";
  return "road_crews.csv: " + pair + ", ends " + min_km + " km or more apart";
}

std::optional<RoadCrew> parse_road_crew(const std::string& text) { return enum_parse<RoadCrew>(text); }

}  // namespace silkroute
