#pragma once
// Many shortest-path trees under one Metric, for matrices: the search ShortestPathTree runs
// (routing/shortest_path.hpp), on flat arrays built once per metric and with buffers reused
// from one origin to the next. The multimodal rules are moved out of the inner loop: closed
// edges are dropped when the arrays are built; each state's link edges (which may end a
// route) and carrier changes (which may not, and are barred at the origin) are two ranges,
// so no edge is asked what kind it is. Same edges relaxed in the same order with the same
// heap, so every tree, ties included, is the one ShortestPathTree grows: the cells are the
// same bits (tests/unit/tree_search_test.cpp).

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "routing/indexed_heap.hpp"
#include "routing/metric.hpp"
#include "routing/shortest_path.hpp"
#include "routing/topology.hpp"

namespace silkroute {

// A Metric's open edges as compressed arrays, each state's in the topology's order, the
// states renumbered in breadth-first order so that neighbours sit close in memory (the search
// touches far fewer cache lines than in the topology's numbering, which follows the link
// files). Renumbering changes no heap operation, so not the tree either.
class TreeGraph {
 public:
  TreeGraph(std::shared_ptr<const Topology> topology, std::shared_ptr<const Metric> metric);

  const Topology& topology() const { return *topology_; }
  const Metric& metric() const { return *metric_; }
  std::size_t edge_count() const { return head_.size(); }

 private:
  friend class TreeSearch;
  std::shared_ptr<const Topology> topology_;
  std::shared_ptr<const Metric> metric_;
  std::vector<StateIndex> rank_;             // per topology state: its number here
  std::vector<StateIndex> state_;            // per number here: the topology state
  std::vector<NodeIndex> node_;              // per number here: the state's node
  std::vector<std::int32_t> first_;         // per state: its first open edge; size states + 1
  std::vector<std::int32_t> first_change_;  // per state: its first open carrier change
  std::vector<StateIndex> head_;
  std::vector<double> weight_;
  // What carrying the figures down the tree reads per edge, side by side (one cache miss).
  struct Carried {
    Metrics figures;  // the edge's time, money, CO2 and distance (Metric::edge_metrics)
    StateIndex tail;
  };
  std::vector<Carried> carried_;
};

// One tree at a time from an origin node; reuse the object for the next origin (one per
// thread). Answers as ShortestPathTree with figures does.
class TreeSearch {
 public:
  explicit TreeSearch(const TreeGraph& graph);

  // Grows the tree of every best route from `from`, with each state's figures.
  void grow(NodeIndex from);
  // ShortestPathTree::weight_to and figures_to of the last tree grown.
  double weight_to(NodeIndex to) const;
  std::optional<Metrics> figures_to(NodeIndex to) const;

 private:
  StateIndex best_arrival(NodeIndex to) const;
  // shortest_path from the origin: the answer for a destination tree_may_exempt_start names.
  std::optional<StatePath> single_search(NodeIndex to) const;

  const TreeGraph& graph_;
  NodeIndex from_ = kNoNode;
  std::vector<double> dist_;
  std::vector<std::int32_t> parent_;  // edge of the graph's arrays into the state, -1 at a source
  std::vector<double> arrival_;       // best arrival over a link edge (the only way a route ends)
  std::vector<std::int32_t> arrival_edge_;
  // All per state in the graph's numbering.
  std::vector<StateIndex> settled_;  // in settle order: a state after its parent edge's tail
  std::vector<Metrics> figures_;
  IndexedHeap<double> heap_;
};

}  // namespace silkroute
