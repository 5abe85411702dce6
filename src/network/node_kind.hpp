#pragma once
// Kinds of network nodes, from one list (name as in nodes.csv).

#include <cstdint>
#include <optional>
#include <string>

#include "util/enum_names.hpp"

namespace silkroute {

#define SILKROUTE_NODE_KINDS(X)         \
  X(city, "city")                       \
  X(seaport, "seaport")                 \
  X(dryport, "dryport")                 \
  X(rail_terminal, "rail_terminal")     \
  X(border_station, "border_station")   \
  X(airport, "airport")                 \
  X(waypoint, "waypoint")               \
  X(chokepoint, "chokepoint")
SILKROUTE_ENUM(NodeKind, unsigned char, SILKROUTE_NODE_KINDS)

inline std::string_view node_kind_name(NodeKind kind) { return enum_name(kind); }
inline std::optional<NodeKind> parse_node_kind(std::string_view text) { return enum_parse<NodeKind>(text); }
inline std::string node_kind_names() { return enum_list<NodeKind>(); }

// A set of node kinds as bits, for per-mode rules.
using NodeKindSet = std::uint32_t;
template <typename... Kinds>
constexpr NodeKindSet node_kinds(Kinds... kinds) {
  return ((NodeKindSet{1} << static_cast<unsigned>(kinds)) | ... | 0u);
}
inline constexpr NodeKindSet kAllNodeKinds = ~NodeKindSet{0};
constexpr bool contains(NodeKindSet set, NodeKind kind) { return (set >> static_cast<unsigned>(kind)) & 1u; }

}  // namespace silkroute
