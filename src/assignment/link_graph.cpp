#include "assignment/link_graph.hpp"

namespace silkroute::assignment {

LinkGraph::LinkGraph(const AssignmentNetwork& net)
    : node_count(net.node_count), tail(net.links.from), head(net.links.to) {
  const auto n = static_cast<std::size_t>(node_count);
  const auto m = tail.size();
  auto build = [&](const std::vector<std::int32_t>& key, std::vector<std::int32_t>& first, std::vector<std::int32_t>& list) {
    first.assign(n + 1, 0);
    for (std::size_t a = 0; a < m; ++a) ++first[key[a] + 1];
    for (std::size_t u = 0; u < n; ++u) first[u + 1] += first[u];
    list.resize(m);
    std::vector<std::int32_t> next(first.begin(), first.end() - 1);
    for (std::size_t a = 0; a < m; ++a) list[next[key[a]]++] = static_cast<std::int32_t>(a);
  };
  build(tail, out_first, out_link);
  build(head, in_first, in_link);
  no_through.assign(n, 0);
  for (std::int32_t u = 0; u < node_count; ++u) no_through[u] = net.blocks_through(u) ? 1 : 0;
}

}  // namespace silkroute::assignment
