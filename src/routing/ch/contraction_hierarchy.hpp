#pragma once
// Contraction hierarchies (Geisberger et al. 2008) on a static directed graph with
// non-negative weights, with many-to-many bucket queries (Knopp et al. 2007). Preprocess
// once, then each query settles only a few hundred nodes in two upward searches.
//
// Weights are integers (see weight_units.hpp: input weights times weight_scale, rounded),
// so distances are exactly those of Dijkstra on the same scaled weights (tests compare
// them); distance() and many_to_many() convert back to the input's unit.

#include <cstdint>
#include <vector>

#include "routing/ch/weight_units.hpp"

namespace silkroute::ch {

struct BuildOptions {
  double weight_scale = kDefaultWeightScale;  // units per input weight unit
  // A witness search (is there a path at least as short as u -> v -> x avoiding v?) gives
  // up after settling this many nodes and adds the shortcut: fewer means a faster build
  // and a few more shortcuts.
  int witness_settle_limit = 400;
  // The same for the searches that only estimate a node's importance (how many shortcuts
  // contracting it would add), which run several times per node.
  int estimate_settle_limit = 100;
};

struct BuildStats {
  std::size_t input_edges = 0;
  std::size_t shortcuts = 0;      // arcs added by contraction
  std::size_t upward_arcs = 0;    // forward search graph
  std::size_t downward_arcs = 0;  // backward search graph
  double seconds = 0;
};

// Work done by queries, added up over calls: nodes taken from a queue and arcs relaxed.
struct SearchCounts {
  std::uint64_t settled = 0;
  std::uint64_t relaxed = 0;
};

class ContractionHierarchy {
 public:
  // Contracts every node. Parallel edges keep the lightest; self-loops are dropped. Throws
  // std::invalid_argument naming the edge when an end or a weight is out of range.
  static ContractionHierarchy build(std::int32_t node_count, const std::vector<WeightedEdge>& edges,
                                    const BuildOptions& options = {});

  std::int32_t node_count() const { return node_count_; }
  double weight_scale() const { return weight_scale_; }
  const BuildStats& stats() const { return stats_; }

  // Shortest distance from s to t in the input's unit; infinity when t cannot be reached.
  // Throws std::out_of_range for a node outside 0..node_count-1.
  double distance(std::int32_t s, std::int32_t t, SearchCounts* counts = nullptr) const;
  // The same in weight units; kUnreachable when t cannot be reached.
  Weight distance_units(std::int32_t s, std::int32_t t, SearchCounts* counts = nullptr) const;

  // Row-major sources x targets distances (infinity: unreachable), sources spread over
  // `threads` threads (0: all cores). Targets' backward searches run once per call.
  std::vector<double> many_to_many(const std::vector<std::int32_t>& sources, const std::vector<std::int32_t>& targets,
                                   unsigned threads = 0) const;
  std::vector<Weight> many_to_many_units(const std::vector<std::int32_t>& sources,
                                         const std::vector<std::int32_t>& targets, unsigned threads = 0) const;

  // One search direction in CSR over ranks: the arcs of rank r are first[r]..first[r+1]-1,
  // each to a higher rank head[a] with weight[a] (units).
  struct SearchGraph {
    std::vector<std::int32_t> first;
    std::vector<std::int32_t> head;
    std::vector<Weight> weight;
  };
  // Upward: arcs u -> x of the contracted graph from the lower-ranked u (forward search).
  // Downward: arcs x -> u stored at the lower-ranked u, pointing to x (backward search).
  const SearchGraph& upward() const { return up_; }
  const SearchGraph& downward() const { return down_; }
  std::int32_t rank_of(std::int32_t node) const { return rank_of_[node]; }

 private:
  // Nodes are renumbered by contraction order (rank) so searches, which only go up, read
  // memory in one direction; heads and weights are separate arrays so a stall check reads
  // only what it needs.
  SearchGraph up_, down_;
  std::vector<std::int32_t> rank_of_;
  std::int32_t node_count_ = 0;
  double weight_scale_ = kDefaultWeightScale;
  std::uint64_t id_ = 0;  // distinguishes hierarchies for the per-thread query buffers
  BuildStats stats_;

  void check_node(std::int32_t v, const char* what) const;
};

}  // namespace silkroute::ch
