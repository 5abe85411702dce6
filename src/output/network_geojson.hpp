#pragma once
// The network as GeoJSON: links as LineStrings and places as Points, with the attributes
// and sources of the dataset and a `colour` that styles them the way the web map does
// (rail by gauge, then by mode). Used by GET /network and `silkroute export network`.

#include <array>
#include <nlohmann/json.hpp>
#include <set>

#include "network/network.hpp"
#include "scenario/scenario.hpp"

namespace silkroute::output {

struct NetworkFilter {
  std::array<double, 4> bbox = {-180, -90, 180, 90};  // min lon, min lat, max lon, max lat
  std::set<Mode> modes;                               // empty: all
  int year = kLatestYear;
  bool waypoints = false;                             // sea waypoints as points too
};

nlohmann::ordered_json links_geojson(const Network& net, const NetworkFilter& filter);
nlohmann::ordered_json nodes_geojson(const Network& net, const NetworkFilter& filter);
std::string link_colour(const Link& link);

}  // namespace silkroute::output
