#include "routing/ch/static_dijkstra.hpp"

#include "routing/indexed_heap.hpp"

namespace silkroute::ch {

StaticGraph::StaticGraph(std::int32_t n, const std::vector<WeightedEdge>& edges, double weight_scale)
    : first_(n + 1, 0), weight_scale_(weight_scale) {
  const auto units = scale_weights(n, edges, weight_scale);
  for (const auto& e : edges) ++first_[e.from + 1];
  for (std::int32_t v = 0; v < n; ++v) first_[v + 1] += first_[v];
  head_.resize(edges.size());
  weight_.resize(edges.size());
  auto fill = first_;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    head_[fill[edges[i].from]] = edges[i].to;
    weight_[fill[edges[i].from]++] = units[i];
  }
}

std::vector<Weight> StaticGraph::units_from(std::int32_t s) const {
  std::vector<Weight> dist(node_count(), kUnreachable);
  IndexedHeap<Weight> heap(node_count());
  dist[s] = 0;
  heap.push(s, 0);
  while (!heap.empty()) {
    const auto [u, d] = heap.pop();
    for (auto a = first_[u]; a < first_[u + 1]; ++a) {
      const Weight nd = d + weight_[a];
      if (nd >= dist[head_[a]]) continue;
      if (dist[head_[a]] == kUnreachable) heap.push(head_[a], nd);
      else heap.decrease_key(head_[a], nd);
      dist[head_[a]] = nd;
    }
  }
  return dist;
}

std::vector<double> StaticGraph::distances_from(std::int32_t s) const {
  const auto units = units_from(s);
  std::vector<double> out(units.size());
  for (std::size_t v = 0; v < units.size(); ++v) out[v] = from_units(units[v], weight_scale_);
  return out;
}

}  // namespace silkroute::ch
