#pragma once
// The graph the router searches, apart from any weights: one state per (node, carrier) - a
// node reached by rail on 1520 mm is not the same as reached by sea - with an edge each way
// along every link of the network and an edge for every carrier change two states at one
// node could make. Built once per network, whatever the scenario, the cargo or the year;
// a Metric (routing/metric.hpp) gives its edges weights and closes some of them. Stored as
// compressed arrays (RoutingKit style).
//
// A carrier change leads into a departure state, (node, carrier) again, whose only edges are
// the carrier's links out of the node: after a change the cargo must leave on a leg of its
// new carrier. So changes cannot chain at one node (rail -> road -> rail would skip the
// gauge-change yard and its capacity), and no handling step is left without its leg
// (rail -> sea -> road in a port, with no ship). The through states (node_states) are where
// links arrive, routes start and end, and changes leave from.

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "network/network.hpp"
#include "util/pod_array.hpp"

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

  PodArray<NodeIndex> state_node;
  PodArray<Carrier> state_carrier;
  PodArray<std::int32_t> node_first_state;  // CSR offsets into node_states, size nodes + 1
  PodArray<StateIndex> node_states;  // through states only
  // States 0..through_states-1 are through states; the rest are departure states, entered
  // only by a carrier change. Per state: the other of its pair (a through state's departure
  // state, -1 at a node without carrier changes; a departure state's through state).
  std::size_t through_states = 0;
  PodArray<StateIndex> state_twin;

  PodArray<std::int32_t> first_edge;  // CSR offsets into edges, size states + 1
  PodArray<StateEdge> edges;
  PodArray<StateIndex> edge_from;
  // Per link: its edges (CSR into link_edge_list): forward and backward between through
  // states, then from the departure states at its ends.
  PodArray<std::int32_t> link_first_edge;
  PodArray<EdgeIndex> link_edge_list;
  // The reverse graph: edges into each state (ids into edges), for searches that run
  // backward from a destination.
  PodArray<std::int32_t> first_in_edge;  // CSR offsets into in_edges, size states + 1
  PodArray<EdgeIndex> in_edges;

  // Per carrier change: the rows of Network::transfers that can make it (none: the facility
  // is missing, which explains some "no route" answers).
  PodArray<std::int32_t> change_first;  // CSR offsets into change_transfers, size changes + 1
  PodArray<std::int32_t> change_transfers;

  std::size_t state_count() const { return state_node.size(); }
  std::size_t edge_count() const { return edges.size(); }
  bool is_departure(StateIndex s) const { return static_cast<std::size_t>(s) >= through_states; }
  std::span<const EdgeIndex> edges_of_link(LinkIndex l) const {
    return {link_edge_list.data() + link_first_edge[l], link_edge_list.data() + link_first_edge[l + 1]};
  }
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
