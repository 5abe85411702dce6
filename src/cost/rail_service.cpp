#include "cost/rail_service.hpp"

namespace silkroute {

RailService rail_service_for(const TimeModel& tm, const std::string& from_country, const std::string& to_country) {
  const auto from = tm.country_region.find(from_country);
  const auto to = tm.country_region.find(to_country);
  if (from == tm.country_region.end() || to == tm.country_region.end()) return RailService::express;
  const auto rule = tm.rail_service_rule.find(TimeModel::region_pair_key(from->second, to->second));
  return rule == tm.rail_service_rule.end() ? RailService::express : rule->second;
}

std::string rail_service_reason(const TimeModel& tm, const std::string& from_country, const std::string& to_country) {
  const auto from = tm.country_region.find(from_country);
  const auto to = tm.country_region.find(to_country);
  if (from == tm.country_region.end() || to == tm.country_region.end()) return "no time-model region for an end";
  const auto pair = std::string(enum_name(from->second)) + " to " + std::string(enum_name(to->second));
  return tm.rail_service_rule.count(TimeModel::region_pair_key(from->second, to->second)) ? "rail_services.csv: " + pair
                                                                                          : "no rule for " + pair;
}

std::optional<RailService> parse_rail_service(const std::string& text) { return enum_parse<RailService>(text); }

}  // namespace silkroute
