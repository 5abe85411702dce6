#pragma once
// Transport modes and "carriers": a mode plus, for rail, the track gauge.
// A train cannot leave its gauge without a gauge-change facility, so routing
// tracks the carrier, not just the mode.

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace silkroute {

enum class Mode : unsigned char { rail, road, sea, ferry, air, iww };
inline constexpr int kModeCount = 6;
inline constexpr std::array<Mode, kModeCount> kAllModes = {Mode::rail, Mode::road, Mode::sea,
                                                            Mode::ferry, Mode::air, Mode::iww};

std::string_view mode_name(Mode mode);
std::optional<Mode> parse_mode(std::string_view text);
// The list of mode names, for error messages: "rail, road, sea, ferry, air, iww".
std::string mode_names();

// Border rules apply to modes that stop at a land or short-sea frontier; deep-sea and air
// cargo clears customs in the port or airport handling instead (see docs/dataset.md).
bool mode_stops_at_borders(Mode mode);

struct Carrier {
  Mode mode = Mode::rail;
  int gauge_mm = 0;  // 0 for every mode but rail
  friend bool operator==(const Carrier&, const Carrier&) = default;
};

// "rail 1520 mm", "sea".
std::string carrier_name(Carrier carrier);

// A transfer names the carriers it joins; "rail" alone matches any gauge.
struct CarrierPattern {
  Mode mode = Mode::rail;
  int gauge_mm = 0;  // 0 = any gauge
  bool matches(Carrier carrier) const {
    return carrier.mode == mode && (gauge_mm == 0 || carrier.gauge_mm == gauge_mm);
  }
};

// "rail", "rail:1520": the text parse_carrier_pattern reads.
std::string carrier_pattern_name(CarrierPattern pattern);

// Parses "rail", "rail:1520", "sea". Returns nullopt on anything else.
std::optional<CarrierPattern> parse_carrier_pattern(std::string_view text);

}  // namespace silkroute
