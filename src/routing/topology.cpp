#include "routing/topology.hpp"

#include <algorithm>
#include <span>

namespace silkroute {

std::shared_ptr<const Topology> build_topology(const Network& net) {
  auto t = std::make_shared<Topology>();
  t->network_identity = net.identity();
  const auto n_nodes = net.nodes.size();

  // States: the carriers of the links at each node, in link order (deterministic). A node has
  // at most as many states as link ends, so each node's states sit in one flat buffer at
  // offsets counted first (no vector per node: about a thousand allocations per build).
  std::vector<std::int32_t> slot_first(n_nodes + 1, 0);
  for (const auto& link : net.links) {
    ++slot_first[link.from + 1];
    ++slot_first[link.to + 1];
  }
  for (std::size_t n = 0; n < n_nodes; ++n) slot_first[n + 1] += slot_first[n];
  std::vector<StateIndex> slots(static_cast<std::size_t>(slot_first.back()));
  std::vector<std::int32_t> slot_count(n_nodes, 0);
  auto states_of_node = [&](NodeIndex n) {
    return std::span<const StateIndex>(slots.data() + slot_first[n], static_cast<std::size_t>(slot_count[n]));
  };
  auto state_of = [&](NodeIndex n, Carrier c) -> StateIndex {
    for (StateIndex s : states_of_node(n))
      if (t->state_carrier[s] == c) return s;
    const auto s = static_cast<StateIndex>(t->state_node.size());
    t->state_node.push_back(n);
    t->state_carrier.push_back(c);
    slots[static_cast<std::size_t>(slot_first[n] + slot_count[n]++)] = s;
    return s;
  };

  struct Pending {
    StateIndex from;
    StateEdge edge;
  };
  std::vector<Pending> pending;
  pending.reserve(4 * net.links.size());
  t->state_node.reserve(2 * slots.size());
  t->state_carrier.reserve(2 * slots.size());
  std::vector<StateIndex> link_end_state(2 * net.links.size());  // per link: its from and to states
  for (LinkIndex l = 0; l < static_cast<LinkIndex>(net.links.size()); ++l) {
    const auto& link = net.links[l];
    const auto a = state_of(link.from, link.carrier());
    const auto b = state_of(link.to, link.carrier());
    link_end_state[2 * l] = a;
    link_end_state[2 * l + 1] = b;
    pending.push_back({a, {b, l, EdgeKind::link_forward}});
    pending.push_back({b, {a, l, EdgeKind::link_backward}});
  }

  // Departure states: one per through state at every node with more than one carrier, in
  // node order (deterministic), each with the carrier's links out of the node.
  const auto n_through = t->state_node.size();
  t->through_states = n_through;
  t->state_twin.reserve(2 * n_through);
  t->state_twin.assign(n_through, -1);
  for (NodeIndex n = 0; n < static_cast<NodeIndex>(n_nodes); ++n) {
    if (slot_count[n] < 2) continue;
    for (StateIndex s : states_of_node(n)) {
      const auto d = static_cast<StateIndex>(t->state_node.size());
      t->state_node.push_back(n);
      t->state_carrier.push_back(t->state_carrier[s]);
      t->state_twin[s] = d;
      t->state_twin.push_back(s);
    }
  }
  for (LinkIndex l = 0; l < static_cast<LinkIndex>(net.links.size()); ++l) {
    const auto a = link_end_state[2 * l];
    const auto b = link_end_state[2 * l + 1];
    if (t->state_twin[a] >= 0) pending.push_back({t->state_twin[a], {b, l, EdgeKind::link_forward}});
    if (t->state_twin[b] >= 0) pending.push_back({t->state_twin[b], {a, l, EdgeKind::link_backward}});
  }

  // Transfers grouped by node once (CSR, in row order), so wiring a node reads only its own rows.
  std::vector<std::int32_t> transfer_first(n_nodes + 1, 0);
  for (const auto& tr : net.transfers) ++transfer_first[tr.node + 1];
  for (std::size_t n = 0; n < n_nodes; ++n) transfer_first[n + 1] += transfer_first[n];
  std::vector<std::int32_t> transfer_rows(net.transfers.size());
  {
    auto fill = transfer_first;
    for (std::size_t i = 0; i < net.transfers.size(); ++i) transfer_rows[fill[net.transfers[i].node]++] = static_cast<std::int32_t>(i);
  }

  // Carrier changes: from a through state into the departure state of another carrier.
  t->change_first.push_back(0);
  for (NodeIndex n = 0; n < static_cast<NodeIndex>(n_nodes); ++n) {
    for (StateIndex s1 : states_of_node(n)) {
      for (StateIndex s2 : states_of_node(n)) {
        if (s1 == s2) continue;
        const auto c1 = t->state_carrier[s1];
        const auto c2 = t->state_carrier[s2];
        for (auto k = transfer_first[n]; k < transfer_first[n + 1]; ++k) {
          const auto row = transfer_rows[k];
          const auto& tr = net.transfers[row];
          if ((tr.a.matches(c1) && tr.b.matches(c2)) || (tr.b.matches(c1) && tr.a.matches(c2)))
            t->change_transfers.push_back(row);
        }
        const auto change = static_cast<std::int32_t>(t->change_first.size() - 1);
        t->change_first.push_back(static_cast<std::int32_t>(t->change_transfers.size()));
        pending.push_back({s1, {t->state_twin[s2], change, EdgeKind::carrier_change}});
      }
    }
  }

  // Node -> states as CSR.
  t->node_first_state.assign(n_nodes + 1, 0);
  t->node_states.reserve(n_through);
  for (std::size_t n = 0; n < n_nodes; ++n) {
    const auto states = states_of_node(static_cast<NodeIndex>(n));
    t->node_first_state[n + 1] = t->node_first_state[n] + static_cast<std::int32_t>(states.size());
    t->node_states.insert(t->node_states.end(), states.begin(), states.end());
  }

  // Edges as CSR, by a counting sort on the state they leave: stable, so input order is kept
  // within a state (deterministic output), as a stable sort would keep it.
  const auto n_states = t->state_node.size();
  t->first_edge.assign(n_states + 1, 0);
  for (const auto& p : pending) ++t->first_edge[p.from + 1];
  for (std::size_t s = 0; s < n_states; ++s) t->first_edge[s + 1] += t->first_edge[s];
  t->edges.resize(pending.size());
  t->edge_from.resize(pending.size());
  {
    auto fill = t->first_edge;
    for (const auto& p : pending) {
      const auto e = fill[p.from]++;
      t->edges[e] = p.edge;
      t->edge_from[e] = p.from;
    }
  }
  // Each link's edges, through states' first (forward, backward), then departure states'.
  t->link_first_edge.assign(net.links.size() + 1, 0);
  for (const auto& e : t->edges)
    if (is_link_edge(e.kind)) ++t->link_first_edge[e.ref + 1];
  for (std::size_t l = 0; l < net.links.size(); ++l) t->link_first_edge[l + 1] += t->link_first_edge[l];
  t->link_edge_list.resize(t->link_first_edge.back());
  auto link_fill = t->link_first_edge;
  auto place = [&](bool departure, EdgeKind kind) {
    for (EdgeIndex e = 0; e < static_cast<EdgeIndex>(t->edges.size()); ++e)
      if (t->edges[e].kind == kind && t->is_departure(t->edge_from[e]) == departure)
        t->link_edge_list[link_fill[t->edges[e].ref]++] = e;
  };
  place(false, EdgeKind::link_forward);
  place(false, EdgeKind::link_backward);
  place(true, EdgeKind::link_forward);
  place(true, EdgeKind::link_backward);
  // Incoming edges per state, in edge order.
  t->first_in_edge.assign(n_states + 1, 0);
  for (const auto& e : t->edges) ++t->first_in_edge[e.to + 1];
  for (std::size_t s = 0; s < n_states; ++s) t->first_in_edge[s + 1] += t->first_in_edge[s];
  t->in_edges.resize(t->edges.size());
  auto fill = t->first_in_edge;
  for (EdgeIndex e = 0; e < static_cast<EdgeIndex>(t->edges.size()); ++e) t->in_edges[fill[t->edges[e].to]++] = e;
  return t;
}

}  // namespace silkroute
