#pragma once
// Weights for a Topology under one cost model (cargo class, objective, scenario): what each
// edge costs, and which edges are closed (+infinity, the mask). A new scenario, a closure or
// a congestion update is a new Metric over the same topology, never a new graph. Route legs
// read their figures from here, so a route's totals and its search weight come from one
// costing.

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "cost/cost_model.hpp"
#include "routing/topology.hpp"
#include "util/pod_array.hpp"

namespace silkroute {

inline constexpr double kClosed = std::numeric_limits<double>::infinity();
// Weight of a carrier change with no facility, when such changes are allowed to explain a
// missing connection: larger than any real route.
inline constexpr double kMissingTransferWeight = 1e12;

struct MetricOptions {
  // Lets carrier changes the data has no facility for through, at kMissingTransferWeight.
  bool allow_missing_transfers = false;
};

// A link's figures as legs report them (LinkCost without its border, which few links have):
// plain values, so that a metric read from a routing snapshot uses them in place.
struct LinkFigures {
  Metrics running;  // time_h is running time only
  double wait_h = 0;
  double booked_wait_h = 0;
  double rest_h = 0;
  double call_h = 0;
  std::int32_t border = -1;  // into Metric::link_borders; -1 when the link crosses none
};

struct Metric {
  Weighting weighting;
  PodArray<double> edge_weight;  // per edge; kClosed where the scenario closes it
  PodArray<Metrics> edge_metrics;  // per edge: time, money, CO2 and distance of taking it
  PodArray<std::int32_t> edge_transfer;  // carrier changes: the Network::transfers row used, -1 if none
  PodArray<LinkFigures> link_cost;  // per link: running and waiting, as legs report them
  std::vector<BorderCost> link_borders;  // the borders link_cost names
  // The border a link crosses, priced for its direction as stored (nullptr: none).
  const BorderCost* border_of(LinkIndex l) const {
    const auto b = link_cost[l].border;
    return b < 0 ? nullptr : &link_borders[b];
  }
  PodArray<Metrics> state_handling;  // loading onto (or unloading from) each state's carrier
  PodArray<double> state_handling_weight;  // kClosed: a route cannot start or end in this state
  PodArray<Metrics> state_dispatch;  // assembling and dispatching the first departure at the origin
  PodArray<double> state_origin_weight;  // loading plus dispatch: what starting in a state weighs
  // Import clearance (CostModel::import_clearance): what ending in a state costs on top of
  // unloading when the route comes from another customs territory.
  PodArray<std::int32_t> node_territory;  // per node: its customs territory, -1 without a country
  PodArray<Metrics> state_import;  // per state: the clearance for arriving there from elsewhere
  PodArray<double> state_import_weight;
  // transit_clearance.csv: a trip between two territories that also waits the clearance of a
  // territory it only crosses (China-Central Asia trains entering the EAEU); a handful of rules.
  struct TransitRule {
    std::int32_t origin_territory = -1;
    std::int32_t destination_territory = -1;
    Mode mode = Mode::rail;
    std::string territory;  // the territory crossed
    Metrics metrics;
    double weight = 0;
  };
  std::vector<TransitRule> transit_rules;
  // Feeder ports (port_services.csv): a box that leaves or reaches one by sea is transshipped at
  // the port's hub (the wait for the feeder and the connection), unless the trip's other end is
  // that hub, whose box sails the feeder itself. Charged at the route's ends (origin weight,
  // end weight) and on carrier changes to or from the port's sea state, never per lane.
  PodArray<Metrics> state_transship;  // per state: the transshipment at its hub (sea states of feeder ports)
  PodArray<double> state_transship_weight;
  PodArray<NodeIndex> state_feeder_hub;  // per state: the hub's node; kNoNode for every other state
  // A feeder port may also be called at by direct services from some regions (port_services.csv:
  // direct_from): a box between it and a place in one of them is not transshipped.
  PodArray<std::uint16_t> state_direct_regions;  // per state: bits 1 << Region
  PodArray<std::uint16_t> node_region_bit;       // per node: 1 << its country's region; 0 without one

  // Whether a route that starts or ends in state `s` and whose other end is `other_end` (kNoNode:
  // not known yet, or a place) is transshipped at a hub there.
  bool transshipped(StateIndex s, NodeIndex other_end) const {
    return !state_feeder_hub.empty() && state_feeder_hub[s] != kNoNode && state_feeder_hub[s] != other_end &&
           (other_end == kNoNode || (state_direct_regions[s] & node_region_bit[other_end]) == 0);
  }
  // The state a route that starts in through state `s` leaves from: its departure twin where
  // the route boards a booked departure there (air), else `s` itself.
  StateIndex origin_state(const Topology& t, StateIndex s) const {
    const auto twin = t.state_twin[s];
    return state_origin_weight[s] == kClosed && twin >= 0 && state_origin_weight[twin] != kClosed ? twin : s;
  }
  // What starting a route to `to` in state `s` weighs: loading, dispatch and transshipment.
  double origin_weight(StateIndex s, NodeIndex to) const {
    return state_origin_weight[s] + (transshipped(s, to) ? state_transship_weight[s] : 0.0);
  }

  bool imports(const Topology& t, StateIndex end, NodeIndex origin) const {
    if (origin == kNoNode || state_import_weight.empty() || state_import_weight[end] == 0) return false;
    const auto a = node_territory[origin];
    const auto b = node_territory[t.state_node[end]];
    return a >= 0 && b >= 0 && a != b;
  }
  // The transit clearance a route from `origin` ending in state `end` waits, if a rule names it.
  const TransitRule* transit(const Topology& t, StateIndex end, NodeIndex origin) const {
    if (transit_rules.empty() || origin == kNoNode) return nullptr;
    const auto a = node_territory[origin];
    const auto b = node_territory[t.state_node[end]];
    for (const auto& r : transit_rules)
      if (r.origin_territory == a && r.destination_territory == b && r.mode == t.state_carrier[end].mode) return &r;
    return nullptr;
  }
  // Every clearance a route from `origin` ending in state `end` waits: its destination's import
  // clearance and a transit clearance on the way in.
  Metrics clearance(const Topology& t, StateIndex end, NodeIndex origin) const {
    Metrics m;
    if (imports(t, end, origin)) m += state_import[end];
    if (const auto* r = transit(t, end, origin)) m += r->metrics;
    return m;
  }
  double clearance_weight(const Topology& t, StateIndex end, NodeIndex origin) const {
    double w = imports(t, end, origin) ? state_import_weight[end] : 0.0;
    if (const auto* r = transit(t, end, origin)) w += r->weight;
    return w;
  }
  // What ending a route from `origin` in state `end` weighs: unloading, plus import clearance
  // and transshipment.
  double end_weight(const Topology& t, StateIndex end, NodeIndex origin) const {
    return state_handling_weight[end] + clearance_weight(t, end, origin) +
           (transshipped(end, origin) ? state_transship_weight[end] : 0.0);
  }

  // The weights with some edges closed (criticality, what-if masks).
  std::vector<double> weights_without(const std::vector<EdgeIndex>& closed_edges) const {
    auto w = edge_weight.to_vector();
    for (auto e : closed_edges) w[e] = kClosed;
    return w;
  }
};

std::shared_ptr<const Metric> customize(const Network& net, const Topology& topology, const CostModel& cost,
                                        MetricOptions options = {});

}  // namespace silkroute
