#include "geo/great_circle.hpp"

#include <algorithm>

#include <cmath>

namespace silkroute::geo {

namespace {
constexpr double kPi = 3.14159265358979323846;
double radians(double deg) { return deg * kPi / 180.0; }
}  // namespace

double great_circle_km(LonLat a, LonLat b) {
  const double dlat = radians(b.lat - a.lat);
  const double dlon = radians(b.lon - a.lon);
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(radians(a.lat)) * std::cos(radians(b.lat)) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

bool valid_lon(double lon) { return std::isfinite(lon) && lon >= -180.0 && lon <= 180.0; }
bool valid_lat(double lat) { return std::isfinite(lat) && lat >= -90.0 && lat <= 90.0; }

double polyline_km(const std::vector<LonLat>& points, std::size_t from, std::size_t to) {
  if (points.empty()) return 0;
  to = std::min(to, points.size() - 1);
  double km = 0;
  for (std::size_t i = from + 1; i <= to; ++i) km += great_circle_km(points[i - 1], points[i]);
  return km;
}

}  // namespace silkroute::geo
