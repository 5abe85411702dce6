#pragma once
// Which rail service carries a trip (docs/time-model.md, "Rail services"): express block
// trains or ordinary intermodal trains, decided by the regions of the trip's two ends
// (rail_services.csv), so that no pair or link has a parameter of its own.

#include <optional>
#include <string>

#include "network/time_model.hpp"

namespace silkroute {

// The service rail_services.csv gives a trip from `from_country` to `to_country` (ISO3):
// the row for the regions of its ends; express where no row says otherwise or a country has
// no region.
RailService rail_service_for(const TimeModel& tm, const std::string& from_country, const std::string& to_country);

// Why: "rail_services.csv: europe to europe", or "no rule for china to europe" when express
// is the default.
std::string rail_service_reason(const TimeModel& tm, const std::string& from_country, const std::string& to_country);

// "express" or "intermodal"; nullopt for anything else.
std::optional<RailService> parse_rail_service(const std::string& text);

}  // namespace silkroute
