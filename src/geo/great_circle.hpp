#pragma once
#include <cstddef>
#include <vector>
// Coordinates and great-circle distance on a spherical Earth.

namespace silkroute::geo {

struct LonLat {
  double lon = 0.0;
  double lat = 0.0;
  friend bool operator==(const LonLat&, const LonLat&) = default;
};

// Mean Earth radius (IUGG), the usual choice for haversine distances.
inline constexpr double kEarthRadiusKm = 6371.0088;
inline constexpr double kKmPerNauticalMile = 1.852;

// Haversine distance in km; accurate to ~0.5% against the ellipsoid, enough for network lengths.
double great_circle_km(LonLat a, LonLat b);

// Length along points[from..to] (inclusive), segment by segment; to = npos means the last point.
double polyline_km(const std::vector<LonLat>& points, std::size_t from = 0, std::size_t to = static_cast<std::size_t>(-1));

bool valid_lon(double lon);
bool valid_lat(double lat);

}  // namespace silkroute::geo
