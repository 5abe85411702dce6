#pragma once
// One typed request per service, as OSRM has RouteParameters and TableParameters: every
// front end (the command line, the HTTP API, Python) fills the same struct, and the Engine
// parses and checks it in one place. Defaults live here and nowhere else.

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "analysis/trade_impact.hpp"
#include "places/coordinates.hpp"
#include "routing/alternatives.hpp"

namespace silkroute {

// A scenario as a request names it: nothing (today), a bundled name or a .toml path, or
// the text of a scenario file.
struct ScenarioSpec {
  std::string name;
  std::string toml;
  std::string source = "<scenario>";  // names inline TOML in messages

  bool empty() const { return name.empty() && toml.empty(); }
};

inline constexpr int kMaxAlternatives = 20;
inline constexpr int kDefaultAlternatives = 3;
// kDefaultMaxDetour (routing/alternatives.hpp): how much longer than the best an alternative
// may be, as a ratio of the objective.
inline constexpr double kMaxMaxDetour = 10.0;

struct RouteRequest {
  std::string from;                   // name, alternative name, UN/LOCODE or id: exact match only;
  std::string to;                     // a gazetteer place or coordinates join by road
  CoordinateOrder coordinate_order = CoordinateOrder::lat_lon;  // the HTTP API: lon_lat
  std::string cargo;                  // cargo class id; empty: the dataset's first (general container)
  std::string objective = "time";     // time, cost, co2 or generalized
  int alternatives = kDefaultAlternatives;  // routes wanted besides the best, 0..kMaxAlternatives
  double max_detour = kDefaultMaxDetour;    // alternative / best on the objective, 1..kMaxMaxDetour
  ScenarioSpec scenario;
  std::optional<int> year;                     // refines the scenario's year
  std::optional<int> month;                    // 1-12: that month's seasonal closures apply (winter passes)
  std::string rail_service;                    // express or intermodal; empty: rail_services.csv decides
  std::string road_crew;                       // single or team; empty: road_crews.csv decides
  std::optional<double> carbon_price_usd_per_t;  // refines the scenario's carbon price
  std::vector<std::string> avoid;              // countries, chokepoints, modes, link ids, places
};

// Which origin-destination pairs an analysis runs on. With nothing chosen: the network's
// demand table.
struct PairsSpec {
  std::vector<std::tuple<std::string, std::string, double>> pairs;  // origin, destination, weight
  std::string pairs_file;        // CSV: origin,destination[,weight|teu_per_year][,modes]
  std::vector<std::string> places;  // every pair among them
  std::string all_kind;          // every pair among the places of one kind
  std::string weights_file;      // weights by country pair
  std::vector<std::string> modes;  // only these modes, for every pair
};

struct MatrixRequest {
  std::vector<std::string> origins;
  std::vector<std::string> destinations;
  std::string metric = "time";  // time, cost, co2, distance or generalized
  std::string objective;        // what routes minimize; empty: the metric (time for distance)
  std::string cargo;
  ScenarioSpec scenario;
  unsigned threads = 0;  // 0: all cores
};

struct CompareRequest {
  ScenarioSpec a;
  ScenarioSpec b;
  PairsSpec pairs;
  std::string cargo;
  std::string objective = "generalized";  // what shippers minimize
  unsigned threads = 0;
};

struct ImpactRequest {
  CompareRequest compare;
  double elasticity = kDefaultTradeElasticity;
};

struct CriticalityRequest {
  ScenarioSpec scenario;
  PairsSpec pairs;
  std::string cargo;
  std::string objective = "generalized";
  unsigned threads = 0;
};

}  // namespace silkroute
