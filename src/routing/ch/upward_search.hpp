#pragma once
// Internal to the queries: one upward Dijkstra on a hierarchy's search graph (forward on
// the upward graph, backward on the downward one) that settles one node per step, so a
// point-to-point query can interleave two of them and stop both early.

#include <vector>

#include "routing/ch/contraction_hierarchy.hpp"
#include "routing/indexed_heap.hpp"

namespace silkroute::ch::detail {

class UpwardSearch {
 public:
  // `graph` is searched; `stall` is the other direction, whose arcs at a node lead to the
  // higher nodes that reach it downwards (stall-on-demand: a node reached at least as
  // cheaply from above is not on any shortest up-down path through it, so it is not
  // expanded).
  UpwardSearch(const ContractionHierarchy::SearchGraph& graph, const ContractionHierarchy::SearchGraph& stall,
               std::int32_t n)
      : graph_(&graph), stall_(&stall), heap_(n), dist_(n, kUnreachable) {}

  // Points the search at a hierarchy's graphs again (buffers kept per thread outlive the
  // object they were made for when it is moved or copied).
  void bind(const ContractionHierarchy::SearchGraph& graph, const ContractionHierarchy::SearchGraph& stall) {
    graph_ = &graph;
    stall_ = &stall;
  }

  void start(std::int32_t source) {
    for (auto v : touched_) dist_[v] = kUnreachable;
    touched_.clear();
    heap_.clear();
    dist_[source] = 0;
    touched_.push_back(source);
    heap_.push(source, 0);
  }

  bool empty() const { return heap_.empty(); }
  Weight min_key() const { return heap_.empty() ? kUnreachable : heap_.min_key(); }
  Weight distance(std::int32_t v) const { return dist_[v]; }

  struct Settled {
    std::int32_t node;
    Weight dist;
    bool stalled;
  };

  // Takes the closest queued node; expands it unless it is stalled.
  Settled settle_next(SearchCounts& counts) {
    const auto [u, d] = heap_.pop();
    ++counts.settled;
    const auto& stall = *stall_;
    for (auto a = stall.first[u], end = stall.first[u + 1]; a < end; ++a)
      if (dist_[stall.head[a]] + stall.weight[a] <= d) return {u, d, true};
    const auto& graph = *graph_;
    const auto end = graph.first[u + 1];
    counts.relaxed += static_cast<std::uint64_t>(end - graph.first[u]);
    for (auto a = graph.first[u]; a < end; ++a) {
      const auto h = graph.head[a];
      const Weight nd = d + graph.weight[a];
      if (nd >= dist_[h]) continue;
      if (dist_[h] == kUnreachable) {
        touched_.push_back(h);
        heap_.push(h, nd);
      } else {
        heap_.decrease_key(h, nd);
      }
      dist_[h] = nd;
    }
    return {u, d, false};
  }

  // Runs to the end, calling visit(node, dist) for each node settled and not stalled.
  template <typename Visit>
  void run(std::int32_t source, SearchCounts& counts, Visit&& visit) {
    start(source);
    while (!heap_.empty()) {
      const auto s = settle_next(counts);
      if (!s.stalled) visit(s.node, s.dist);
    }
  }

 private:
  const ContractionHierarchy::SearchGraph* graph_;
  const ContractionHierarchy::SearchGraph* stall_;
  IndexedHeap<Weight> heap_;
  std::vector<Weight> dist_;
  std::vector<std::int32_t> touched_;
};

}  // namespace silkroute::ch::detail
