#pragma once
// Plain Dijkstra on the same edge list a contraction hierarchy is built from: the
// reference the hierarchy must match, and the baseline the benchmarks compare against.

#include <vector>

#include "routing/ch/contraction_hierarchy.hpp"

namespace silkroute::ch {

class StaticGraph {
 public:
  StaticGraph(std::int32_t node_count, const std::vector<WeightedEdge>& edges);
  std::int32_t node_count() const { return static_cast<std::int32_t>(first_.size()) - 1; }
  // Distances from s to every node (infinity: unreachable).
  std::vector<double> distances_from(std::int32_t s) const;

 private:
  std::vector<std::int32_t> first_;
  std::vector<std::int32_t> head_;
  std::vector<double> weight_;
};

}  // namespace silkroute::ch
