#pragma once
// Internal to the contraction: the graph of not-yet-contracted nodes and the witness
// search that decides which shortcuts contracting a node needs.

#include <algorithm>
#include <cstdint>
#include <vector>

#include "routing/ch/weight_units.hpp"
#include "routing/indexed_heap.hpp"

namespace silkroute::ch::detail {

struct LiveArc {
  std::int32_t node;   // the other end
  Weight weight;
  std::uint32_t hops;  // input arcs this arc stands for (1 for an input arc)
};

// Out- and in-arcs of every live node, at most one arc per ordered pair (the lightest).
// Out-arcs are kept lightest first, so a search can stop reading a node's arcs at the
// first one that leads beyond its bound.
class LiveGraph {
 public:
  explicit LiveGraph(std::int32_t n) : out_(n), in_(n) {}

  const std::vector<LiveArc>& out(std::int32_t v) const { return out_[v]; }
  const std::vector<LiveArc>& in(std::int32_t v) const { return in_[v]; }

  // Adds u -> x, which is not there yet; sort_out_arcs() must follow before searching.
  void add_new(std::int32_t u, std::int32_t x, Weight w, std::uint32_t hops) {
    out_[u].push_back({x, w, hops});
    in_[x].push_back({u, w, hops});
  }
  void sort_out_arcs() {
    for (auto& out : out_)
      std::sort(out.begin(), out.end(), [](const LiveArc& a, const LiveArc& b) { return a.weight < b.weight; });
  }

  // Adds u -> x, or lowers the weight of the arc already there.
  void add_or_improve(std::int32_t u, std::int32_t x, Weight w, std::uint32_t hops) {
    auto& out = out_[u];
    std::size_t k = 0;
    while (k < out.size() && out[k].node != x) ++k;
    if (k < out.size()) {
      if (w >= out[k].weight) return;
      for (auto& b : in_[x])
        if (b.node == u) b = {u, w, hops};
    } else {
      out.push_back({x, w, hops});
      in_[x].push_back({u, w, hops});
    }
    // Move the new or lighter arc down to its place in weight order.
    for (; k > 0 && out[k - 1].weight > w; --k) out[k] = out[k - 1];
    out[k] = {x, w, hops};
  }

  // Removes v and its arcs from its neighbours' lists.
  void remove(std::int32_t v) {
    for (const auto& a : out_[v]) swap_erase(in_[a.node], v);
    for (const auto& a : in_[v]) {
      auto& out = out_[a.node];
      out.erase(std::find_if(out.begin(), out.end(), [&](const LiveArc& b) { return b.node == v; }));
    }
    out_[v] = {};
    in_[v] = {};
  }

 private:
  static void swap_erase(std::vector<LiveArc>& arcs, std::int32_t node) {
    for (auto& a : arcs)
      if (a.node == node) {
        a = arcs.back();
        arcs.pop_back();
        return;
      }
  }
  std::vector<std::vector<LiveArc>> out_, in_;
};

// One-to-many Dijkstra from an in-neighbour u of the node v being contracted, avoiding v,
// towards v's out-neighbours x, each with the length of u -> v -> x as its bound. A target
// has a witness once some path reaches it within its bound. A path to x ends with one of
// x's other in-arcs, so only nodes up to bound(x) - (lightest such arc) can still help x:
// the search stops when every target has a witness, when the queue's minimum passes that
// point for every target still open, or after `settle_limit` nodes; targets without a
// witness then need a shortcut. Buffers are sized once and reset in time proportional to
// what the last search touched.
class WitnessSearch {
 public:
  explicit WitnessSearch(std::int32_t n) : heap_(n), dist_(n, kUnreachable), bound_(n, kUnreachable), touched_(n) {}

  struct Target {
    std::int32_t node;
    Weight bound;       // length of u -> v -> x
    Weight last_hop;    // lightest in-arc of x not from v
  };

  void run(const LiveGraph& g, std::int32_t source, std::int32_t avoid, const std::vector<Target>& targets,
           int settle_limit) {
    for (std::int32_t k = 0; k < touched_count_; ++k) dist_[touched_[k]] = kUnreachable;
    touched_count_ = 0;
    heap_.clear();
    // Nodes settled beyond `reach` cannot give any open target a witness, and arcs that
    // end beyond `farthest` reach neither a target within its bound nor a node worth
    // settling.
    Weight reach = 0, farthest = 0;
    auto update_reach = [&] {
      bool any = false;
      reach = farthest = 0;
      for (const auto& t : targets)
        if (dist_[t.node] > t.bound && t.bound >= t.last_hop) {
          reach = std::max<Weight>(reach, t.bound - t.last_hop);
          farthest = std::max(farthest, t.bound);
          any = true;
        }
      if (!any) reach = kUnreachable;
    };
    for (const auto& t : targets) bound_[t.node] = t.bound;
    // `avoid` counts as reached at 0, so no arc into it ever improves: no test per arc.
    dist_[avoid] = 0;
    touch(avoid);
    dist_[source] = 0;
    touch(source);
    heap_.push(source, 0);
    update_reach();
    int settled = 0;
    while (reach != kUnreachable && !heap_.empty() && heap_.min_key() <= reach && settled < settle_limit) {
      const auto [u, d] = heap_.pop();
      ++settled;
      bool resolved = false;
      for (const auto& a : g.out(u)) {
        const Weight nd = d + a.weight;
        if (nd > farthest) break;  // lightest first: the rest are farther still
        if (nd >= dist_[a.node]) continue;
        if (nd > reach) {
          // Too far to be settled, but it may still be a target within its bound.
          if (bound_[a.node] != kUnreachable && nd <= bound_[a.node]) {
            if (dist_[a.node] == kUnreachable) touch(a.node);
            dist_[a.node] = nd;
            resolved = true;
          }
          continue;
        }
        if (dist_[a.node] == kUnreachable) touch(a.node);
        if (heap_.contains(a.node)) heap_.decrease_key(a.node, nd);
        else heap_.push(a.node, nd);
        if (dist_[a.node] > bound_[a.node] && nd <= bound_[a.node]) resolved = true;
        dist_[a.node] = nd;
      }
      if (resolved) update_reach();
    }
    for (const auto& t : targets) bound_[t.node] = kUnreachable;
  }

  // Length of the best path found to v (kUnreachable: none).
  Weight distance(std::int32_t v) const { return dist_[v]; }

 private:
  IndexedHeap<Weight> heap_;
  std::vector<Weight> dist_;
  std::vector<Weight> bound_;  // per target node during a run; kUnreachable elsewhere
  // Nodes whose dist_ is set, each once (at most n): a plain array, no capacity checks.
  std::vector<std::int32_t> touched_;
  std::int32_t touched_count_ = 0;
  void touch(std::int32_t v) { touched_[touched_count_++] = v; }
};

}  // namespace silkroute::ch::detail
