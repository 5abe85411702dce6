#include "routing/ch/static_dijkstra.hpp"

#include <functional>
#include <limits>
#include <queue>

namespace silkroute::ch {

StaticGraph::StaticGraph(std::int32_t n, const std::vector<WeightedEdge>& edges) : first_(n + 1, 0) {
  for (const auto& e : edges) ++first_[e.from + 1];
  for (std::int32_t v = 0; v < n; ++v) first_[v + 1] += first_[v];
  head_.resize(edges.size());
  weight_.resize(edges.size());
  auto fill = first_;
  for (const auto& e : edges) {
    head_[fill[e.from]] = e.to;
    weight_[fill[e.from]++] = e.weight;
  }
}

std::vector<double> StaticGraph::distances_from(std::int32_t s) const {
  std::vector<double> dist(node_count(), std::numeric_limits<double>::infinity());
  using Entry = std::pair<double, std::int32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  dist[s] = 0;
  heap.emplace(0, s);
  while (!heap.empty()) {
    auto [d, u] = heap.top();
    heap.pop();
    if (d > dist[u]) continue;
    for (auto a = first_[u]; a < first_[u + 1]; ++a) {
      const double nd = d + weight_[a];
      if (nd < dist[head_[a]]) {
        dist[head_[a]] = nd;
        heap.emplace(nd, head_[a]);
      }
    }
  }
  return dist;
}

}  // namespace silkroute::ch
