#include "places/coordinates.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace silkroute {

namespace {

// A plain decimal number: optional sign, digits, optional fraction. No exponent, no "inf",
// no "nan": what strtod would also take is not what a person types as a coordinate.
bool plain_number(const std::string& s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  }
  return digits > 0 && i == s.size();
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

bool looks_numeric(const std::string& s) {
  // Something a person meant as a number ("1e5", "nan", "inf", "12.3.4"): digits, signs, dots, e.
  if (s.empty()) return false;
  for (char c : s)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'))
      return s == "nan" || s == "NaN" || s == "inf" || s == "-inf" || s == "infinity";
  return true;
}

}  // namespace

std::optional<geo::LonLat> parse_coordinates(const std::string& text, CoordinateOrder order, const std::string& field) {
  const auto comma = text.find(',');
  if (comma == std::string::npos || text.find(',', comma + 1) != std::string::npos) return std::nullopt;
  const auto a = trim(text.substr(0, comma));
  const auto b = trim(text.substr(comma + 1));
  if (!looks_numeric(a) || !looks_numeric(b)) return std::nullopt;
  const std::string what = order == CoordinateOrder::lat_lon ? "latitude,longitude" : "longitude,latitude";
  if (!plain_number(a) || !plain_number(b))
    throw std::invalid_argument(field + ": coordinates '" + text + "': expected " + what +
                                " as two decimal numbers (e.g. " +
                                (order == CoordinateOrder::lat_lon ? "32.06,118.79" : "118.79,32.06") + ")");
  const double first = std::stod(a);
  const double second = std::stod(b);
  const double lat = order == CoordinateOrder::lat_lon ? first : second;
  const double lon = order == CoordinateOrder::lat_lon ? second : first;
  if (!std::isfinite(lat) || lat < -90 || lat > 90)
    throw std::invalid_argument(field + ": coordinates '" + text + "' (" + what + "): latitude must be -90 to 90, got " + (order == CoordinateOrder::lat_lon ? a : b));
  if (!std::isfinite(lon) || lon < -180 || lon > 180)
    throw std::invalid_argument(field + ": coordinates '" + text + "' (" + what + "): longitude must be -180 to 180, got " + (order == CoordinateOrder::lat_lon ? b : a));
  return geo::LonLat{lon, lat};
}

std::string format_coordinates(geo::LonLat p, CoordinateOrder order) {
  char buf[64];
  if (order == CoordinateOrder::lat_lon) std::snprintf(buf, sizeof buf, "%.4f,%.4f", p.lat, p.lon);
  else std::snprintf(buf, sizeof buf, "%.4f,%.4f", p.lon, p.lat);
  return buf;
}

}  // namespace silkroute
