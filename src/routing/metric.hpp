#pragma once
// Weights for a Topology under one cost model (cargo class, objective, scenario): what each
// edge costs, and which edges are closed (+infinity, the mask). A new scenario, a closure or
// a congestion update is a new Metric over the same topology, never a new graph. Route legs
// read their figures from here, so a route's totals and its search weight come from one
// costing.

#include <limits>
#include <memory>
#include <vector>

#include "cost/cost_model.hpp"
#include "routing/topology.hpp"

namespace silkroute {

inline constexpr double kClosed = std::numeric_limits<double>::infinity();
// Weight of a carrier change with no facility, when such changes are allowed to explain a
// missing connection: larger than any real route.
inline constexpr double kMissingTransferWeight = 1e12;

struct MetricOptions {
  // Lets carrier changes the data has no facility for through, at kMissingTransferWeight.
  bool allow_missing_transfers = false;
};

struct Metric {
  Weighting weighting;
  std::vector<double> edge_weight;          // per edge; kClosed where the scenario closes it
  std::vector<Metrics> edge_metrics;        // per edge: time, money, CO2 and distance of taking it
  std::vector<std::int32_t> edge_transfer;  // carrier changes: the Network::transfers row used, -1 if none
  std::vector<LinkCost> link_cost;          // per link: running, waiting and border, as legs report them
  std::vector<Metrics> state_handling;      // loading onto (or unloading from) each state's carrier
  std::vector<double> state_handling_weight;  // kClosed: a route cannot start or end in this state
  std::vector<Metrics> state_dispatch;        // assembling and dispatching the first departure at the origin
  std::vector<double> state_origin_weight;    // loading plus dispatch: what starting in a state weighs

  // The weights with some edges closed (criticality, what-if masks).
  std::vector<double> weights_without(const std::vector<EdgeIndex>& closed_edges) const {
    auto w = edge_weight;
    for (auto e : closed_edges) w[e] = kClosed;
    return w;
  }
};

std::shared_ptr<const Metric> customize(const Network& net, const Topology& topology, const CostModel& cost,
                                        MetricOptions options = {});

}  // namespace silkroute
