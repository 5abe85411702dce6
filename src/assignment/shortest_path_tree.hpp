#pragma once
// One-to-all Dijkstra on a LinkGraph with an indexed binary heap (decrease-key in place, no
// stale entries). Zones other than the origin are reached but never passed through. Ties
// are broken by the order links are scanned, so a tree depends on the costs only.

#include <cstdint>
#include <limits>
#include <vector>

#include "assignment/link_graph.hpp"

namespace silkroute::assignment {

inline constexpr double kUnreachable = std::numeric_limits<double>::infinity();

class ShortestPathTree {
 public:
  explicit ShortestPathTree(const LinkGraph& graph);

  // cost: one non-negative value per link. With targets, the search stops once all of them
  // are settled (nodes settled later would not change their distances or paths).
  void run(std::int32_t origin, const double* cost, const std::int32_t* targets = nullptr, std::size_t target_count = 0);

  const std::vector<double>& distance() const { return dist_; }  // kUnreachable where not reached
  const std::vector<std::int32_t>& pred_link() const { return pred_; }  // -1 at the origin and unreached
  const std::vector<std::int32_t>& settled() const { return settled_; }  // nodes in the order settled

 private:
  void push_or_decrease(std::int32_t u, double d);
  std::int32_t pop();

  const LinkGraph& g_;
  std::vector<double> dist_;
  std::vector<std::int32_t> pred_;
  std::vector<std::int32_t> settled_;
  std::vector<std::int32_t> heap_;  // nodes
  std::vector<std::int32_t> pos_;   // index in heap_, -1 never queued, -2 settled
  std::vector<std::int32_t> left_in_heap_;  // queued but unsettled when a search stopped early
  std::vector<std::uint32_t> target_stamp_;
  std::uint32_t stamp_ = 0;
};

}  // namespace silkroute::assignment
