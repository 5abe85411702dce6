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

// While one lives, route_json and route_geojson on this thread keep full precision instead
// of rounding for people (0.1 h, 1 USD).
class ExactNumbers {
 public:
  ExactNumbers();
  ~ExactNumbers();
  ExactNumbers(const ExactNumbers&) = delete;
  ExactNumbers& operator=(const ExactNumbers&) = delete;

 private:
  bool previous_;
};

std::string route_table(const RouteContext& ctx, const RouteAnswer& answer);
nlohmann::ordered_json route_json(const RouteContext& ctx, const RouteAnswer& answer);
nlohmann::ordered_json route_geojson(const RouteContext& ctx, const RouteAnswer& answer);

// Rounds for output so the same inputs print the same bytes.
double round_to(double value, int decimals);

}  // namespace silkroute::output
