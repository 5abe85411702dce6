#pragma once
// The first- or last-mile road leg that joins a place which is not a node (a gazetteer city,
// coordinates) to a terminal of the network. Its time, cost and CO2 come from this one
// function, so a richer time model (drivers' hours, road classes) replaces its inside only.

#include <string>

#include "cost/cost_model.hpp"

namespace silkroute {

// What is particular to joins (data/bri/access.csv); the rest is the road mode's.
struct AccessParams {
  double circuity_factor = 0;      // road km per great-circle km
  double max_great_circle_km = 0;  // farther terminals do not join a place
  int candidate_terminals = 0;     // the search starts (or ends) at this many nearest terminals
  std::string gazetteer_path;      // places.csv, resolved against the dataset folder; empty: none
  // UN/LOCODE transport locations (transport_locations.csv), read only when a name is not a
  // populated place's; empty: none.
  std::string transport_gazetteer_path;
  std::string source;
};

// Reads access.csv of a dataset folder; nullopt when the dataset has none (places then must
// be nodes). A bad file throws io::DatasetError naming file, line and field.
std::optional<AccessParams> read_access_params(const std::string& dataset_dir);

struct AccessLegCost {
  Metrics running;   // the drive: distance_km is road km; time_h includes rest_h
  double rest_h = 0;  // drivers' rest on the way
  Metrics handling;  // loading the truck at the place (or unloading it there)
  Metrics total() const {
    Metrics m = running;
    m += handling;
    return m;
  }
};

// The road leg between a place and a terminal great_circle_km apart, under the cost model's
// cargo class and scenario: road km = great circle x circuity; rate and CO2 of the road
// mode (scenario mode overrides of the road's speed and rate are not applied yet);
// the road mode's handling at the place's end.
// With a structured time model the drive takes the road speed and drivers' rest of the
// terminal's country (`country`, ISO3) as a network road link there would.
AccessLegCost access_leg_cost(const CostModel& cost, const AccessParams& params, double great_circle_km,
                              const std::string& country = "");

}  // namespace silkroute
