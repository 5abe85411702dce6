#pragma once
// Coordinates typed as a place: "32.06,118.79". People and the command line write latitude
// first (as maps print them); the HTTP API, like GeoJSON and OSRM, longitude first. One
// parser, the order a parameter, so both front ends check the same way.

#include <optional>
#include <string>

#include "geo/great_circle.hpp"

namespace silkroute {

enum class CoordinateOrder { lat_lon, lon_lat };

// nullopt when the text is not two numbers separated by a comma (then it is a name);
// std::invalid_argument naming `field` when it is two numbers but not a position (a latitude
// outside -90..90, a longitude outside -180..180, not finite).
std::optional<geo::LonLat> parse_coordinates(const std::string& text, CoordinateOrder order, const std::string& field);

// "32.0600,118.7900" in the given order, 4 decimals (about 10 m).
std::string format_coordinates(geo::LonLat position, CoordinateOrder order);

}  // namespace silkroute
