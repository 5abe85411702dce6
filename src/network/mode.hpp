#pragma once
// Transport modes and "carriers": a mode plus, for rail, the track gauge. A train cannot
// leave its gauge without a gauge-change facility, so routing tracks the carrier, not just
// the mode.
//
// Every mode is one line of SILKROUTE_MODES with everything the rest of the engine asks
// about it (Valhalla registers a costing in one place the same way): its name in data and
// options, whether it stops at land borders, whether it has a gauge, whether it runs on
// open water (which fails only at its chokepoints), whether route labels name its crossings,
// its colour on maps, and the node kinds where it may start or end. Its default speed, rate,
// CO2 and handling are data (modes.csv), required for every mode the links use.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "network/node_kind.hpp"
#include "util/enum_names.hpp"

namespace silkroute {

// clang-format off
//  id     name     borders gauge  water  crossing colour     node kinds it may start or end at
#define SILKROUTE_MODES(X)                                                                           \
  X(rail,  "rail",  true,   true,  false, false,   "#1f5fbf", node_kinds(NodeKind::city, NodeKind::seaport, NodeKind::dryport, NodeKind::rail_terminal, NodeKind::border_station)) \
  X(road,  "road",  true,   false, false, false,   "#7f6a4f", kAllNodeKinds & ~node_kinds(NodeKind::waypoint, NodeKind::chokepoint)) \
  X(sea,   "sea",   false,  false, true,  false,   "#5a9bd4", node_kinds(NodeKind::seaport, NodeKind::waypoint, NodeKind::chokepoint)) \
  X(ferry, "ferry", true,   false, false, true,    "#9b59b6", node_kinds(NodeKind::seaport, NodeKind::waypoint, NodeKind::chokepoint)) \
  X(air,   "air",   false,  false, false, false,   "#95a5a6", node_kinds(NodeKind::airport, NodeKind::city)) \
  X(iww,   "iww",   true,   false, false, false,   "#2e86c1", node_kinds(NodeKind::seaport, NodeKind::dryport, NodeKind::city, NodeKind::waypoint))
// clang-format on
SILKROUTE_ENUM(Mode, unsigned char, SILKROUTE_MODES)

struct ModeTraits {
  Mode mode;
  std::string_view name;
  // Border rules apply to modes that stop at a land or short-sea frontier; deep-sea and air
  // cargo clears customs in the port or airport handling instead (see docs/dataset.md).
  bool stops_at_borders;
  bool has_gauge;
  bool open_water;      // its links fail only where they pass a chokepoint (criticality)
  bool names_crossing;  // route labels name each crossing ("Kuryk-Baku")
  std::string_view colour;
  NodeKindSet node_kinds;  // where a link of this mode may start or end
};

#define SILKROUTE_MODE_TRAITS(id, name, borders, gauge, water, crossing, colour, kinds) \
  ModeTraits{Mode::id, name, borders, gauge, water, crossing, colour, kinds},
inline constexpr std::array kModeTraits{SILKROUTE_MODES(SILKROUTE_MODE_TRAITS)};
#undef SILKROUTE_MODE_TRAITS

inline constexpr int kModeCount = static_cast<int>(kModeTraits.size());
inline constexpr const auto& kAllModes = EnumNames<Mode>::values;

constexpr const ModeTraits& mode_traits(Mode mode) { return kModeTraits[static_cast<std::size_t>(mode)]; }
inline std::string_view mode_name(Mode mode) { return enum_name(mode); }
inline std::optional<Mode> parse_mode(std::string_view text) { return enum_parse<Mode>(text); }
// The list of mode names, for error messages: "rail, road, sea, ferry, air, iww".
inline std::string mode_names() { return enum_list<Mode>(); }
inline bool mode_stops_at_borders(Mode mode) { return mode_traits(mode).stops_at_borders; }

struct Carrier {
  Mode mode = Mode::rail;
  int gauge_mm = 0;  // 0 for every mode without a gauge
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
  friend bool operator==(const CarrierPattern&, const CarrierPattern&) = default;
};

// "rail", "rail:1520": the text parse_carrier_pattern reads.
std::string carrier_pattern_name(CarrierPattern pattern);

// Parses "rail", "rail:1520", "sea". Returns nullopt on anything else.
std::optional<CarrierPattern> parse_carrier_pattern(std::string_view text);

}  // namespace silkroute
