#include "routing/topology.hpp"

#include <algorithm>
#include <map>

namespace silkroute {

std::shared_ptr<const Topology> build_topology(const Network& net) {
  auto t = std::make_shared<Topology>();
  t->network_identity = net.identity();
  const auto n_nodes = net.nodes.size();

  // States: the carriers of the links at each node, in link order (deterministic).
  std::vector<std::vector<StateIndex>> states_of_node(n_nodes);
  auto state_of = [&](NodeIndex n, Carrier c) -> StateIndex {
    for (StateIndex s : states_of_node[n])
      if (t->state_carrier[s] == c) return s;
    const auto s = static_cast<StateIndex>(t->state_node.size());
    t->state_node.push_back(n);
    t->state_carrier.push_back(c);
    states_of_node[n].push_back(s);
    return s;
  };

  struct Pending {
    StateIndex from;
    StateEdge edge;
  };
  std::vector<Pending> pending;
  pending.reserve(2 * net.links.size());
  for (LinkIndex l = 0; l < static_cast<LinkIndex>(net.links.size()); ++l) {
    const auto& link = net.links[l];
    const auto a = state_of(link.from, link.carrier());
    const auto b = state_of(link.to, link.carrier());
    pending.push_back({a, {b, l, EdgeKind::link_forward}});
    pending.push_back({b, {a, l, EdgeKind::link_backward}});
  }

  // Transfers grouped by node once, so wiring a node reads only its own rows.
  std::vector<std::vector<std::int32_t>> transfers_at(n_nodes);
  for (std::size_t i = 0; i < net.transfers.size(); ++i) transfers_at[net.transfers[i].node].push_back(static_cast<std::int32_t>(i));

  t->change_first.push_back(0);
  for (NodeIndex n = 0; n < static_cast<NodeIndex>(n_nodes); ++n) {
    for (StateIndex s1 : states_of_node[n]) {
      for (StateIndex s2 : states_of_node[n]) {
        if (s1 == s2) continue;
        const auto c1 = t->state_carrier[s1];
        const auto c2 = t->state_carrier[s2];
        for (auto row : transfers_at[n]) {
          const auto& tr = net.transfers[row];
          if ((tr.a.matches(c1) && tr.b.matches(c2)) || (tr.b.matches(c1) && tr.a.matches(c2)))
            t->change_transfers.push_back(row);
        }
        const auto change = static_cast<std::int32_t>(t->change_first.size() - 1);
        t->change_first.push_back(static_cast<std::int32_t>(t->change_transfers.size()));
        pending.push_back({s1, {s2, change, EdgeKind::carrier_change}});
      }
    }
  }

  // Node -> states as CSR.
  t->node_first_state.assign(n_nodes + 1, 0);
  for (std::size_t n = 0; n < n_nodes; ++n) {
    t->node_first_state[n + 1] = t->node_first_state[n] + static_cast<std::int32_t>(states_of_node[n].size());
    t->node_states.insert(t->node_states.end(), states_of_node[n].begin(), states_of_node[n].end());
  }

  // Edges as CSR; a stable sort keeps input order within a state (deterministic output).
  std::stable_sort(pending.begin(), pending.end(), [](const Pending& x, const Pending& y) { return x.from < y.from; });
  const auto n_states = t->state_node.size();
  t->first_edge.assign(n_states + 1, 0);
  for (const auto& p : pending) ++t->first_edge[p.from + 1];
  for (std::size_t s = 0; s < n_states; ++s) t->first_edge[s + 1] += t->first_edge[s];
  t->edges.reserve(pending.size());
  t->edge_from.reserve(pending.size());
  t->link_edges.assign(net.links.size(), {-1, -1});
  for (const auto& p : pending) {
    const auto e = static_cast<EdgeIndex>(t->edges.size());
    t->edges.push_back(p.edge);
    t->edge_from.push_back(p.from);
    if (p.edge.kind == EdgeKind::link_forward) t->link_edges[p.edge.ref][0] = e;
    if (p.edge.kind == EdgeKind::link_backward) t->link_edges[p.edge.ref][1] = e;
  }
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
