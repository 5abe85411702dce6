#pragma once
// What both the alternatives method (routing/alternatives.cpp) and its plain reference
// (routing/alternatives_reference.cpp) build on: the via-node method's two shortest-path trees
// and the paths through a via state.

#include <cstdint>
#include <optional>
#include <vector>

#include "routing/metric.hpp"
#include "routing/shortest_path.hpp"

namespace silkroute {

// Weight of a path as the router costs it: loading (and a train's assembly at the origin, as the
// router and the route builder count it), edges, unloading; no penalties.
double path_weight(const Topology& t, const Metric& m, const StatePath& p);

// The two trees of the via-node method: best weight from the origin to every state (the
// router's rule: no carrier change at the origin), and from every state to the destination
// (ending on a link into it, then unloading). The second is also the goal direction of the
// penalty searches, and both bound the local-optimality checks.
struct ViaTrees {
  std::vector<double> from_origin;
  std::vector<EdgeIndex> parent;  // last edge of the best route from the origin
  std::vector<double> to_destination;
  std::vector<EdgeIndex> next;    // first edge of the best route to the destination
  std::vector<char> last;         // that edge arrives at the destination: the route ends there
  // Whether the trees hold the triangle inequality on every open edge, the carrier changes at
  // the origin (which they may not take) included: then from_origin[b] - from_origin[a] and
  // to_destination[a] - to_destination[b] are lower bounds of the best weight from a to b.
  bool forward_bounds = false;
  bool backward_bounds = false;
};

ViaTrees grow_trees(const Topology& t, const Metric& m, NodeIndex from, NodeIndex to);

// The route through state `via`: best from the origin to it, then best from it on. Empty when
// the two halves meet twice (a loop is no route). `mark` holds one stamp per state.
std::optional<StatePath> via_path(const Topology& t, const ViaTrees& v, StateIndex via, std::vector<std::uint32_t>& mark,
                                  std::uint32_t& stamp);

// Whether a path passes a state twice (via_path() gives no such path).
bool has_loop(const Topology& t, const StatePath& p, std::vector<std::uint32_t>& mark, std::uint32_t& stamp);

// Whether via_path(via) is `p` (loop-free, not empty), `via` being the state p reaches after
// its first k edges: compared edge by edge along the trees, without building it.
bool via_path_is(const Topology& t, const ViaTrees& v, StateIndex via, const StatePath& p, std::size_t k);

}  // namespace silkroute
