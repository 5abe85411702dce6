#pragma once
// The graph the router searches: one state per (node, carrier) - a node reached by rail on
// 1520 mm is not the same as reached by sea - with link edges that keep the carrier and
// transfer edges that change it where the data allows. Built once per scenario and cargo,
// stored as compressed adjacency arrays (RoutingKit style), queried many times.

#include <cstdint>
#include <vector>

#include "cost/cost_model.hpp"
#include "network/network.hpp"

namespace silkroute {

using StateIndex = std::int32_t;

enum class EdgeKind : std::uint8_t { link_forward, link_backward, transfer, missing_transfer };

struct StateEdge {
  StateIndex to = 0;
  std::int32_t ref = 0;  // link index, or transfer index (-1 for a missing transfer)
  EdgeKind kind = EdgeKind::link_forward;
};

struct StateGraph {
  std::vector<NodeIndex> state_node;
  std::vector<Carrier> state_carrier;
  std::vector<std::vector<StateIndex>> states_of_node;
  std::vector<std::int32_t> first_edge;  // CSR offsets, size states + 1
  std::vector<StateEdge> edges;
  std::vector<Metrics> edge_metrics;
  std::vector<double> edge_weight;

  std::size_t state_count() const { return state_node.size(); }
};

struct StateGraphOptions {
  // Adds carrier changes the data does not allow, at a prohibitive weight, so that a
  // "no route" can be explained by the facility that is missing.
  bool allow_missing_transfers = false;
};

StateGraph build_state_graph(const Network& net, const CostModel& cost, StateGraphOptions options = {});

// Weight of a missing-transfer edge: larger than any real route.
inline constexpr double kMissingTransferWeight = 1e12;

}  // namespace silkroute
