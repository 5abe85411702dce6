#pragma once
// A place as a request names it, resolved: a network node, a gazetteer city or town, or
// coordinates. A place that is not a node joins the network by road at its candidate
// terminals (nearest first); the route search starts or ends at all of them at once.

#include <string>
#include <vector>

#include "network/network.hpp"
#include "util/enum_names.hpp"

namespace silkroute {

#define SILKROUTE_PLACE_KINDS(X) X(node, "node") X(gazetteer, "gazetteer") X(coordinates, "coordinates")
SILKROUTE_ENUM(PlaceKind, unsigned char, SILKROUTE_PLACE_KINDS)
inline std::string_view place_kind_name(PlaceKind kind) { return enum_name(kind); }

// A terminal where a place can join: a node with road access, great_circle_km away.
struct AccessTerminal {
  NodeIndex node = kNoNode;
  double great_circle_km = 0;
};

struct Place {
  PlaceKind kind = PlaceKind::node;
  NodeIndex node = kNoNode;  // the node itself (kind node)
  std::string id;            // node or gazetteer id; empty for coordinates
  std::string name;          // "Nanjing", or "32.0600,118.7900" for coordinates
  std::string country;       // ISO3; for coordinates, the nearest gazetteer place's
  std::string what;          // node kind, or the gazetteer's capital/city, or "coordinates"
  geo::LonLat position;
  long long population = -1;  // -1: not known
  std::string asked;          // the text as given
  std::string match;          // how it was taken ("name", "id", "most populous of 2 places named ...")
  std::vector<AccessTerminal> terminals;  // kind gazetteer/coordinates: where it may join, nearest first
  std::string no_join_reason;             // set when terminals is empty

  bool is_node() const { return kind == PlaceKind::node; }
};

}  // namespace silkroute
