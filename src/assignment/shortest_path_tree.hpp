#pragma once
// One-to-all Dijkstra on a LinkGraph with the engine's indexed heap (routing/indexed_heap.hpp:
// decrease-key in place, no stale entries). Zones other than the origin are reached but never passed through. Ties
// are broken by the order links are scanned, so a tree depends on the costs only.

#include <cstdint>
#include <limits>
#include <vector>

#include "assignment/link_graph.hpp"
#include "routing/indexed_heap.hpp"

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

  const LinkGraph& g_;
  std::vector<double> dist_;
  std::vector<std::int32_t> pred_;
  std::vector<std::int32_t> settled_;
  IndexedHeap<double> heap_;
  std::vector<char> done_;              // settled in this search
  std::vector<std::int32_t> touched_;  // labelled in this search, reset before the next
  std::vector<std::uint32_t> target_stamp_;
  std::uint32_t stamp_ = 0;
};

}  // namespace silkroute::assignment
