#pragma once
// The graph the router searches, apart from any weights: one state per (node, carrier) - a
// node reached by rail on 1520 mm is not the same as reached by sea - with an edge each way
// along every link of the network and an edge for every carrier change two states at one
// node could make. Built once per network, whatever the scenario, the cargo or the year;
// a Metric (routing/metric.hpp) gives its edges weights and closes some of them. Stored as
// compressed arrays (RoutingKit style).

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "network/network.hpp"

namespace silkroute {

using StateIndex = std::int32_t;
using EdgeIndex = std::int32_t;

enum class EdgeKind : std::uint8_t { link_forward, link_backward, carrier_change };

inline bool is_link_edge(EdgeKind kind) { return kind != EdgeKind::carrier_change; }

struct StateEdge {
  StateIndex to = 0;
  std::int32_t ref = 0;  // link index, or carrier-change index
  EdgeKind kind = EdgeKind::link_forward;
};

struct Topology {
  std::uint64_t network_identity = 0;  // Network::identity() it was built from

  std::vector<NodeIndex> state_node;
  std::vector<Carrier> state_carrier;
  std::vector<std::int32_t> node_first_state;  // CSR offsets into node_states, size nodes + 1
  std::vector<StateIndex> node_states;

  std::vector<std::int32_t> first_edge;  // CSR offsets into edges, size states + 1
  std::vector<StateEdge> edges;
  std::vector<StateIndex> edge_from;
  std::vector<std::array<EdgeIndex, 2>> link_edges;  // per link: forward and backward edge
  // The reverse graph: edges into each state (ids into edges), for searches that run
  // backward from a destination.
  std::vector<std::int32_t> first_in_edge;  // CSR offsets into in_edges, size states + 1
  std::vector<EdgeIndex> in_edges;

  // Per carrier change: the rows of Network::transfers that can make it (none: the facility
  // is missing, which explains some "no route" answers).
  std::vector<std::int32_t> change_first;  // CSR offsets into change_transfers, size changes + 1
  std::vector<std::int32_t> change_transfers;

  std::size_t state_count() const { return state_node.size(); }
  std::size_t edge_count() const { return edges.size(); }
  std::span<const StateIndex> states_of(NodeIndex n) const {
    return {node_states.data() + node_first_state[n], node_states.data() + node_first_state[n + 1]};
  }
  std::span<const EdgeIndex> edges_into(StateIndex s) const {
    return {in_edges.data() + first_in_edge[s], in_edges.data() + first_in_edge[s + 1]};
  }
  std::span<const std::int32_t> transfers_of_change(std::int32_t change) const {
    return {change_transfers.data() + change_first[change], change_transfers.data() + change_first[change + 1]};
  }
};

std::shared_ptr<const Topology> build_topology(const Network& net);

}  // namespace silkroute
