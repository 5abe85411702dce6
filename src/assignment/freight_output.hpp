#pragma once
// What a freight assignment shows: flow, capacity, utilization and delay per capacity-bound
// element (terminal, border station, gauge change, ferry, port, line, border) and flow per
// link; TEU by main mode per demand lane. As rows (for Python), a terminal table, CSV and JSON.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "assignment/freight_assignment.hpp"

namespace silkroute::assignment {

struct FreightRow {
  std::string element;  // link, node, transfer, border (capacities.csv's element column)
  std::string id;
  std::string name;
  std::string kind;  // line, ferry, port, terminal, border station, gauge change, transfer, border; sea, rail... for plain links
  double flow_teu_per_year = 0;
  double capacity_teu_per_year = 0;  // NaN: no capacity in the data
  double utilization = 0;            // NaN without a capacity
  double delay_h = 0;                // mean wait or extra running time at the final flows
};

// Capacity elements first (most utilized first), then every other link that carries flow
// (most flow first); ties by id.
std::vector<FreightRow> freight_rows(const Network& net, const FreightResult& result);

struct LaneModeRow {
  std::string lane;
  double demand_teu_per_year = 0;
  std::array<double, kMainModeCount> mode_teu{};
};
std::vector<LaneModeRow> lane_mode_rows(const FreightResult& result);

// TEU by main mode per cargo class over the pairs of the given lanes (all when empty), in the
// order the classes first appear in the demand.
struct CargoModeRow {
  std::string cargo;
  double demand_teu_per_year = 0;
  std::array<double, kMainModeCount> mode_teu{};
};
std::vector<CargoModeRow> cargo_mode_rows(const FreightResult& result, const std::vector<std::string>& lanes = {});

std::string freight_table(const Network& net, const FreightResult& result, const std::string& scenario_name, int top);
std::string freight_csv(const std::vector<FreightRow>& rows);
std::string freight_json(const Network& net, const FreightResult& result, const std::string& scenario_name);
// The rows as a GeoJSON FeatureCollection (for silkroute-gis export freight): a link as its
// line, a terminal, port or carrier change as its node's point, a border as the links that
// cross it; properties as in the CSV.
nlohmann::ordered_json freight_geojson(const Network& net, const FreightResult& result);
// A row's geometry by its element and id (as freight_geojson draws it).
nlohmann::ordered_json freight_row_geometry(const Network& net, const std::string& element, const std::string& id);

}  // namespace silkroute::assignment
