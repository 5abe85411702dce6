#include "network/mode.hpp"

#include <charconv>

namespace silkroute {

std::string carrier_name(Carrier carrier) {
  std::string out(mode_name(carrier.mode));
  if (mode_traits(carrier.mode).has_gauge && carrier.gauge_mm > 0) {
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string temporaries.
    out += ' ';
    out += std::to_string(carrier.gauge_mm);
    out += " mm";
  }
  return out;
}

std::string carrier_pattern_name(CarrierPattern pattern) {
  std::string out(mode_name(pattern.mode));
  if (pattern.gauge_mm > 0) {
    out += ':';  // piece by piece: GCC 12 warns falsely (-Wrestrict) on "x" + temporary
    out += std::to_string(pattern.gauge_mm);
  }
  return out;
}

std::optional<CarrierPattern> parse_carrier_pattern(std::string_view text) {
  const auto colon = text.find(':');
  auto mode = parse_mode(text.substr(0, colon));
  if (!mode) return std::nullopt;
  CarrierPattern p{*mode, 0};
  if (colon == std::string_view::npos) return p;
  if (!mode_traits(*mode).has_gauge) return std::nullopt;
  const auto digits = text.substr(colon + 1);
  int gauge = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), gauge);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || gauge < 500 || gauge > 2000) return std::nullopt;
  p.gauge_mm = gauge;
  return p;
}

}  // namespace silkroute
