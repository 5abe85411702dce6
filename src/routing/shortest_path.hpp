#pragma once
// The one Dijkstra of the engine, on a Topology under a Metric: loading at the origin,
// unloading at the destination. A route starts with a link (no carrier change at the origin:
// no handling step without its leg) and ends on a link into the destination (arriving by
// rail and "transferring" to a truck only to unload it is not a route). The one-to-one
// search and the one-to-many tree run the same loop, so their answers agree.

#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "routing/metric.hpp"
#include "routing/topology.hpp"

namespace silkroute {

struct StatePath {
  StateIndex first_state = -1;
  std::vector<EdgeIndex> edges;  // in travel order
  double weight = 0;
  int source = -1;  // with PathEnds: which source it starts from and which target it ends at
  int target = -1;
};

// Where a search may start and end, each state with its own weight: the loading (or
// unloading) at a node, or a first (last) mile by road to (from) a terminal. A multi-source
// start seeds every source at once, so the network picks the terminal, on the one graph.
struct PathEnd {
  StateIndex state = -1;
  double weight = 0;
  // A source where a first mile by road hands the box over to be loaded onto the state's
  // carrier (road avoided): as from a node, the route leaves it by a link, but it may come
  // back to that node and change carrier there, as at any other node on its way.
  bool loaded = false;
};
struct PathEnds {
  std::vector<PathEnd> sources;
  std::vector<PathEnd> targets;
  // Sources reached by a road leg of their own (a first mile): a carrier change may follow at
  // once, unless the source is loaded there (PathEnd::loaded). Otherwise a route starts with a
  // link (no handling step without its leg) and changes no carrier at its origin node.
  bool sources_joined = false;
  // Targets left by a road leg of their own (a last mile): a target may be reached by a
  // carrier change right after a link (rail in, onto a truck). Otherwise only over a link.
  bool targets_joined = false;
};

// A node's states as ends: loading at the origin, unloading at the destination.
PathEnds node_ends(const Topology& topology, const Metric& metric, NodeIndex from, NodeIndex to);

struct SearchOptions {
  // Replaces the metric's edge weights (a mask of failed elements); must have one per edge.
  const std::vector<double>* weights = nullptr;
  // One factor per link multiplying link-edge weights; the alternatives search uses it to
  // push later searches off routes already found.
  const std::vector<double>* link_penalty = nullptr;
};

std::optional<StatePath> shortest_path(const Topology& topology, const Metric& metric, NodeIndex from, NodeIndex to,
                                       const SearchOptions& options = {});
std::optional<StatePath> shortest_path(const Topology& topology, const Metric& metric, const PathEnds& ends,
                                       const SearchOptions& options = {});

// The state a route from `from` best ends at node `to` in, given each state's best arrival
// over a link (arrival_of(state); infinity: none): its arrival plus unloading and import
// clearance. -1 if none (or to == from). Shared by the trees (ShortestPathTree, TreeSearch).
template <typename ArrivalOf>
StateIndex best_end_state(const Topology& t, const Metric& m, ArrivalOf arrival_of, NodeIndex from, NodeIndex to) {
  if (to == from) return -1;
  StateIndex best = -1;
  double best_w = std::numeric_limits<double>::infinity();
  for (StateIndex s : t.states_of(to)) {
    const double arrival = arrival_of(s);
    if (arrival == std::numeric_limits<double>::infinity()) continue;
    const double w = arrival + m.end_weight(t, s, from);
    if (w < best_w) {
      best_w = w;
      best = s;
    }
  }
  return best;
}

// Whether a tree from `from` may hold a route to `to` that the tree charged a transshipment it
// does not make: a tree is grown towards every destination, so it charges a feeder port's
// transshipment at the start (Metric::transshipped with no destination), which a trip to the
// port's own hub, or to a region its direct services come from, does not make. Shared by the
// trees, which answer such a destination by a single search (the tree's best start state may
// not be the single search's).
bool tree_may_exempt_start(const Topology& topology, const Metric& metric, NodeIndex from, NodeIndex to);

// Every best route from one origin: one search, then a path to any destination. Shares the
// topology and metric it was grown on, so it stays valid whatever the caller drops.
class ShortestPathTree {
 public:
  // with_figures: also carry each route's figures along the tree (figures_to), for matrices.
  ShortestPathTree(std::shared_ptr<const Topology> topology, std::shared_ptr<const Metric> metric, NodeIndex from,
                   const SearchOptions& options = {}, bool with_figures = false);
  // The best route to `to` (same rule and weight as shortest_path), or nullopt if unreachable.
  std::optional<StatePath> path_to(NodeIndex to) const;
  // Its weight alone, without building the path (infinity if unreachable).
  double weight_to(NodeIndex to) const;
  // The figures path_metrics(path_to(to)) gives, bit for bit (summed in the same order),
  // without building the path; nullopt if unreachable. Needs with_figures.
  std::optional<Metrics> figures_to(NodeIndex to) const;

  struct Labels {
    std::vector<double> dist;
    std::vector<EdgeIndex> parent_edge;
    // Best arrival at each state over a link edge (the only way a route may end there).
    std::vector<double> arrival;
    std::vector<EdgeIndex> arrival_edge;
    // States in the order they were settled: each after the state its parent edge leaves.
    std::vector<StateIndex> settled;
    // with_figures: per state, the figures from the origin (loading and dispatch included).
    std::vector<Metrics> figures;
  };

 private:
  StateIndex best_arrival(NodeIndex to) const;
  // shortest_path from the origin with the tree's options: the answer for a destination
  // tree_may_exempt_start names.
  std::optional<StatePath> single_search(NodeIndex to) const;

  std::shared_ptr<const Topology> topology_;
  std::shared_ptr<const Metric> metric_;
  NodeIndex from_;
  Labels labels_;
  std::vector<double> weights_, link_penalty_;  // copies of the options' vectors
  SearchOptions options_;
};

}  // namespace silkroute
