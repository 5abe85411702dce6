#include "routing/state_graph.hpp"

#include <algorithm>
#include <map>

namespace silkroute {

namespace {
struct PendingEdge {
  StateIndex from;
  StateEdge edge;
  Metrics metrics;
  double weight;
};
}  // namespace

StateGraph build_state_graph(const Network& net, const CostModel& cost, StateGraphOptions options) {
  const auto& scenario = cost.scenario();
  StateGraph g;
  g.states_of_node.resize(net.nodes.size());

  auto state_of = [&](NodeIndex n, Carrier c) -> StateIndex {
    for (StateIndex s : g.states_of_node[n])
      if (g.state_carrier[s] == c) return s;
    const auto s = static_cast<StateIndex>(g.state_node.size());
    g.state_node.push_back(n);
    g.state_carrier.push_back(c);
    g.states_of_node[n].push_back(s);
    return s;
  };

  std::vector<PendingEdge> pending;
  for (LinkIndex l = 0; l < static_cast<LinkIndex>(net.links.size()); ++l) {
    const auto& link = net.links[l];
    if (!scenario.link_open(net, l) || !cost.mode_allowed(link.mode)) continue;
    const auto c = link.carrier();
    const auto a = state_of(link.from, c);
    const auto b = state_of(link.to, c);
    const auto m = cost.link_cost(l).total();
    const double w = cost.weight(m);
    pending.push_back({a, {b, l, EdgeKind::link_forward}, m, w});
    pending.push_back({b, {a, l, EdgeKind::link_backward}, m, w});
  }

  // Transfers between the carriers present at each node; the cheapest matching row wins.
  for (NodeIndex n = 0; n < static_cast<NodeIndex>(net.nodes.size()); ++n) {
    const auto states = g.states_of_node[n];
    for (StateIndex s1 : states) {
      for (StateIndex s2 : states) {
        if (s1 == s2) continue;
        const auto c1 = g.state_carrier[s1];
        const auto c2 = g.state_carrier[s2];
        int best = -1;
        double best_w = 0;
        Metrics best_m;
        for (std::size_t t = 0; t < net.transfers.size(); ++t) {
          const auto& tr = net.transfers[t];
          if (tr.node != n || !scenario.transfer_open(net, tr)) continue;
          const bool fits = (tr.a.matches(c1) && tr.b.matches(c2)) || (tr.b.matches(c1) && tr.a.matches(c2));
          if (!fits) continue;
          const auto m = cost.transfer_cost(tr);
          const double w = cost.weight(m);
          if (best < 0 || w < best_w) {
            best = static_cast<int>(t);
            best_w = w;
            best_m = m;
          }
        }
        if (best >= 0) pending.push_back({s1, {s2, best, EdgeKind::transfer}, best_m, best_w});
        else if (options.allow_missing_transfers)
          pending.push_back({s1, {s2, -1, EdgeKind::missing_transfer}, Metrics{}, kMissingTransferWeight});
      }
    }
  }

  // Compress into CSR; a stable sort keeps the order of the input (deterministic output).
  std::stable_sort(pending.begin(), pending.end(), [](const PendingEdge& x, const PendingEdge& y) { return x.from < y.from; });
  const auto n_states = g.state_node.size();
  g.first_edge.assign(n_states + 1, 0);
  for (const auto& p : pending) ++g.first_edge[p.from + 1];
  for (std::size_t s = 0; s < n_states; ++s) g.first_edge[s + 1] += g.first_edge[s];
  g.edges.reserve(pending.size());
  for (const auto& p : pending) {
    g.edges.push_back(p.edge);
    g.edge_metrics.push_back(p.metrics);
    g.edge_weight.push_back(p.weight);
  }
  return g;
}

}  // namespace silkroute
