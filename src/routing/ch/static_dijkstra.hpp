#pragma once
// Plain Dijkstra on the same edge list, with the same integer weights, a contraction
// hierarchy is built from: the reference the hierarchy must match exactly, and the
// baseline the benchmarks compare against.

#include <vector>

#include "routing/ch/weight_units.hpp"

namespace silkroute::ch {

class StaticGraph {
 public:
  // Throws std::invalid_argument as scale_weights does.
  StaticGraph(std::int32_t node_count, const std::vector<WeightedEdge>& edges,
              double weight_scale = kDefaultWeightScale);
  std::int32_t node_count() const { return static_cast<std::int32_t>(first_.size()) - 1; }
  // Distances from s to every node in weight units (kUnreachable: unreachable).
  std::vector<Weight> units_from(std::int32_t s) const;
  // The same in the input's unit (infinity: unreachable).
  std::vector<double> distances_from(std::int32_t s) const;

 private:
  std::vector<std::int32_t> first_;
  std::vector<std::int32_t> head_;
  std::vector<Weight> weight_;
  double weight_scale_;
};

}  // namespace silkroute::ch
