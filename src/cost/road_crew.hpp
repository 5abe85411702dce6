#pragma once
// Which crew drives a road trip: one driver or a double-manned crew, by the time-model regions
// of its ends, whether it crosses a border and how far apart its ends are (road_crews.csv), so
// that no pair or link has a crew of its own (docs/time-model.md, "Road crews").

#include <optional>
#include <utility>
#include <string>

#include "network/network.hpp"

namespace silkroute {

// The crew road_crews.csv gives a trip between two nodes (or places) in countries `from_country`
// and `to_country` (ISO3) whose ends are `great_circle_km` apart: the rule of their regions when
// the countries differ and the ends are at least the rule's min_km apart; one driver otherwise.
RoadCrew road_crew_for(const TimeModel& tm, const std::string& from_country, const std::string& to_country,
                       double great_circle_km);

// The least distance between the ends from which road_crews.csv's rule for the two countries
// applies (infinity where none does, or the trip is domestic), and the crew it gives.
std::pair<double, RoadCrew> road_crew_threshold(const TimeModel& tm, const std::string& from_country,
                                                const std::string& to_country);

// Why: "road_crews.csv: china to cis, cross-border over 1,000 km", "domestic trip", ...
std::string road_crew_reason(const TimeModel& tm, const std::string& from_country, const std::string& to_country,
                             double great_circle_km);

// "single" or "team"; nullopt otherwise.
std::optional<RoadCrew> parse_road_crew(const std::string& text);

}  // namespace silkroute
