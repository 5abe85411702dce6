#pragma once
// Route answers as a terminal table, JSON and GeoJSON (docs/cli.md describes the shapes).

#include <nlohmann/json.hpp>
#include <string>

#include "routing/router.hpp"

namespace silkroute::output {

struct RouteContext {
  const Network& net;
  const CargoClass& cargo;
  Objective objective;
  const Scenario& scenario;
  NodeIndex from;
  NodeIndex to;
  std::vector<std::string> avoid;
};

std::string route_table(const RouteContext& ctx, const RouteAnswer& answer);
nlohmann::ordered_json route_json(const RouteContext& ctx, const RouteAnswer& answer);
nlohmann::ordered_json route_geojson(const RouteContext& ctx, const RouteAnswer& answer);

// Rounds for output so the same inputs print the same bytes.
double round_to(double value, int decimals);

}  // namespace silkroute::output
