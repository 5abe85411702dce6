#pragma once
// Two freight assignments side by side (silkroute assign --compare A B, GET /assign?compare=,
// Network.compare_freight, export freight --compare): per element the flow, utilization and
// delay in both and the change from A to B, and per lane the TEU by main mode in both. What a
// scenario does to the corridors reads from it: which elements fill up, which empty, where
// the cargo goes instead.

#include <array>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "assignment/freight_assignment.hpp"

namespace silkroute::assignment {

struct FreightCompareRow {
  std::string element;  // link, node, transfer, border
  std::string id;
  std::string name;
  std::string kind;
  // A and B; capacity and utilization are NaN where the element has no capacity in that run.
  double capacity_a = 0, capacity_b = 0;
  double flow_a = 0, flow_b = 0;
  double utilization_a = 0, utilization_b = 0;
  double delay_h_a = 0, delay_h_b = 0;
  bool has_capacity() const;
  double flow_change() const { return flow_b - flow_a; }
  double delay_change_h() const { return delay_h_b - delay_h_a; }
  double utilization_change() const;  // NaN unless both have a capacity
};

struct LaneCompareRow {
  std::string lane;
  double demand_teu_per_year = 0;
  std::array<double, kMainModeCount> mode_teu_a{}, mode_teu_b{};
};

struct FreightComparison {
  std::string scenario_a, scenario_b;
  FreightResult a, b;
  // Capacity elements (in either run) first, by the size of their change of utilization
  // (of flow where only one run has a capacity), then every other link with flow in either
  // run, by the size of its change of flow; ties by id.
  std::vector<FreightCompareRow> rows;
  std::vector<LaneCompareRow> lanes;  // in the demand's lane order
};

// Joins two results of the same network and demand, element by element.
FreightComparison compare_freight(const Network& net, FreightResult a, FreightResult b, std::string scenario_a,
                                  std::string scenario_b);

// The one path every front end takes: both scenarios assigned with the same demand,
// parameters and options (the year of the capacities included), then joined.
FreightComparison compare_freight_scenarios(const Network& net, std::shared_ptr<const Topology> topology,
                                            const Scenario& a, const Scenario& b,
                                            const std::vector<FreightDemand>& demand,
                                            const FreightParameters& parameters, const FreightOptions& options);

// Table: the runs, TEU by main mode per lane in A and B, China-Europe's split, the top capacity
// elements by change of utilization, the top other links by change of flow (0: all).
std::string freight_compare_table(const FreightComparison& c, int top);
std::string freight_compare_csv(const FreightComparison& c);
std::string freight_compare_json(const FreightComparison& c);
// The rows on the map: the geometry of freight_geojson, the CSV's columns as properties.
nlohmann::ordered_json freight_compare_geojson(const Network& net, const FreightComparison& c);

}  // namespace silkroute::assignment
