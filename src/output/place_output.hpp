#pragma once
// Places as `silkroute places` and GET /places list them: country, kind, population and
// whether and where each joins the network.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "places/place.hpp"

namespace silkroute::output {

// {id, name, country, kind, population, location, source (network or gazetteer), match
// (exact or near), joins: {node: true} | {terminal, terminal_id, great_circle_km, road_km} |
// {reason}}.
nlohmann::ordered_json place_json(const Network& net, const Place& place, double circuity_factor = 0);
std::string places_table(const Network& net, const std::vector<Place>& places, double circuity_factor);
std::string places_csv(const Network& net, const std::vector<Place>& places, double circuity_factor);
// "node", "road to Shanghai (CHN), 342 km", or "no: <reason>".
std::string joins_text(const Network& net, const Place& place, double circuity_factor);

}  // namespace silkroute::output
