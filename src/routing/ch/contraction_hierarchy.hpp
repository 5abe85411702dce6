#pragma once
// Contraction hierarchies (Geisberger et al. 2008) on a static directed graph with
// non-negative weights, with many-to-many bucket queries (Knopp et al. 2007). Preprocess
// once, then each query settles only a few hundred nodes in two upward searches.
// Distances are exactly those of Dijkstra on the input graph (tests compare them).

#include <cstdint>
#include <vector>

namespace silkroute::ch {

struct WeightedEdge {
  std::int32_t from = 0;
  std::int32_t to = 0;
  double weight = 0;
};

struct BuildStats {
  std::size_t input_edges = 0;
  std::size_t shortcuts = 0;
  double seconds = 0;
};

class ContractionHierarchy {
 public:
  // Contracts every node. Parallel edges keep the lightest; self-loops are dropped.
  static ContractionHierarchy build(std::int32_t node_count, const std::vector<WeightedEdge>& edges);

  std::int32_t node_count() const { return node_count_; }
  const BuildStats& stats() const { return stats_; }

  // Shortest distance from s to t; infinity when t cannot be reached.
  double distance(std::int32_t s, std::int32_t t) const;

  // Row-major sources x targets distances (infinity: unreachable), sources spread over
  // `threads` threads (0: all cores). Targets' backward searches run once per call.
  std::vector<double> many_to_many(const std::vector<std::int32_t>& sources, const std::vector<std::int32_t>& targets,
                                   unsigned threads = 0) const;

 private:
  struct Arc {
    std::int32_t head;
    double weight;
  };
  // Upward graphs in CSR: `up_` from each node to higher-ranked heads (forward search),
  // `down_` from each node to the higher-ranked tails of edges into it (backward search).
  // Nodes are renumbered by contraction order (rank) so searches, which only go up, read
  // memory in one direction; rank_of_ maps input ids to ranks.
  std::vector<std::int32_t> up_first_, down_first_;
  std::vector<Arc> up_, down_;
  std::vector<std::int32_t> rank_of_;
  std::int32_t node_count_ = 0;
  std::uint64_t id_ = 0;  // distinguishes hierarchies for the per-thread query buffers
  BuildStats stats_;

  friend class UpwardSearch;
};

}  // namespace silkroute::ch
