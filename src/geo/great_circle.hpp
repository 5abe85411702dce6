#pragma once
// Coordinates and great-circle distance on a spherical Earth.

namespace silkroute::geo {

struct LonLat {
  double lon = 0.0;
  double lat = 0.0;
};

// Mean Earth radius (IUGG), the usual choice for haversine distances.
inline constexpr double kEarthRadiusKm = 6371.0088;
inline constexpr double kKmPerNauticalMile = 1.852;

// Haversine distance in km; accurate to ~0.5% against the ellipsoid, enough for network lengths.
double great_circle_km(LonLat a, LonLat b);

bool valid_lon(double lon);
bool valid_lat(double lat);

}  // namespace silkroute::geo
