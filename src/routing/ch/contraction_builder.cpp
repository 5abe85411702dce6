// Builds the hierarchy: orders nodes greedily by importance, contracts them one by one
// with witness searches, and lays the kept arcs out as two search graphs indexed by rank.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <numeric>

#include "routing/ch/contraction_hierarchy.hpp"
#include "routing/ch/witness_search.hpp"
#include "routing/indexed_heap.hpp"

namespace silkroute::ch {

namespace {

using detail::LiveGraph;
using detail::WitnessSearch;

struct Shortcut {
  std::int32_t from, to;
  Weight weight;
  std::uint32_t hops;
};

// Calls found(shortcut) for every shortcut contracting v needs in the live graph g.
template <typename Found>
void for_each_shortcut(const LiveGraph& g, std::int32_t v, WitnessSearch& witness, int settle_limit,
                       std::vector<WitnessSearch::Target>& targets, Found&& found) {
  // Targets for the first in-neighbour; the others change only the bounds.
  targets.clear();
  for (const auto& out : g.out(v)) {
    // The lightest way into the out-neighbour other than from v, once for all searches.
    Weight last_hop = kUnreachable;
    for (const auto& a : g.in(out.node))
      if (a.node != v) last_hop = std::min(last_hop, a.weight);
    targets.push_back({out.node, 0, last_hop});
  }
  for (const auto& in : g.in(v)) {
    std::size_t k = 0;
    for (const auto& out : g.out(v)) {
      // Saturating: a sum this large is longer than any real distance (see scale_weights),
      // so the arc it would make is never on a shortest path. No target u itself: a bound
      // of 0 is met by the search's start.
      targets[k++].bound = out.node == in.node ? 0 : std::min<Weight>(in.weight + out.weight, kUnreachable - 1);
    }
    if (targets.empty()) continue;
    witness.run(g, in.node, v, targets, settle_limit);
    k = 0;
    for (const auto& out : g.out(v)) {
      const auto& t = targets[k++];
      if (out.node != in.node && witness.distance(t.node) > t.bound)
        found(Shortcut{in.node, out.node, t.bound, in.hops + out.hops});
    }
  }
}

// Node importance after Abraham, Delling, Goldberg and Werneck (2012, "Hierarchical hub
// labelings for shortest paths", section on CH orders), also used by RoutingKit: the
// level (1 + the highest level among contracted neighbours) keeps the hierarchy shallow,
// and the ratios of arcs and input hops added to those removed favour nodes whose
// contraction shrinks the graph. Lower is contracted first. The published sum weighs the
// three terms equally; weighing the ratios 2.5 and 1.5 gave the smallest search spaces
// and fewest shortcuts on Chicago-Regional among the weights tried (docs/performance.md).
double priority(const LiveGraph& g, std::int32_t v, std::uint32_t level, WitnessSearch& witness, int settle_limit,
                std::vector<WitnessSearch::Target>& targets) {
  std::uint32_t added_arcs = 0, added_hops = 0;
  for_each_shortcut(g, v, witness, settle_limit, targets, [&](const Shortcut& s) {
    ++added_arcs;
    added_hops += s.hops;
  });
  std::uint32_t removed_arcs = 1, removed_hops = 1;  // 1: no division by zero
  for (const auto& a : g.in(v)) removed_arcs += 1, removed_hops += a.hops;
  for (const auto& a : g.out(v)) removed_arcs += 1, removed_hops += a.hops;
  return level + 2.5 * added_arcs / removed_arcs + 1.5 * added_hops / removed_hops;
}

}  // namespace

ContractionHierarchy ContractionHierarchy::build(std::int32_t n, const std::vector<WeightedEdge>& edges,
                                                 const BuildOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  static std::atomic<std::uint64_t> next_id{1};
  const auto units = scale_weights(n, edges, options.weight_scale);
  ContractionHierarchy ch;
  ch.id_ = next_id++;
  ch.node_count_ = n;
  ch.weight_scale_ = options.weight_scale;
  ch.stats_.input_edges = edges.size();

  // The live graph, lightest arc per ordered pair, self-loops dropped. Sorting puts
  // parallel arcs next to each other, lightest first, so each pair is added once without
  // searching the lists (no cost quadratic in a node's degree).
  LiveGraph g(n);
  {
    std::vector<std::uint32_t> order(edges.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      if (edges[a].from != edges[b].from) return edges[a].from < edges[b].from;
      if (edges[a].to != edges[b].to) return edges[a].to < edges[b].to;
      return units[a] < units[b];
    });
    for (std::size_t k = 0; k < order.size(); ++k) {
      const auto& e = edges[order[k]];
      if (e.from == e.to) continue;
      if (k > 0 && edges[order[k - 1]].from == e.from && edges[order[k - 1]].to == e.to) continue;
      g.add_new(e.from, e.to, units[order[k]], 1);
    }
    g.sort_out_arcs();
  }

  const int limit = std::max(1, options.witness_settle_limit);
  // Estimates may stop sooner than contractions (never later: an estimate that finds
  // witnesses the contraction then misses misjudges the node badly).
  const int estimate_limit = std::clamp(options.estimate_settle_limit, 1, limit);
  WitnessSearch witness(n);
  std::vector<WitnessSearch::Target> targets;
  std::vector<std::uint32_t> level(n, 0);
  IndexedHeap<double> queue(n);
  auto estimate = [&](std::int32_t x) { return priority(g, x, level[x], witness, estimate_limit, targets); };
  for (std::int32_t v = 0; v < n; ++v) queue.push(v, estimate(v));

  // Kept arcs, appended in contraction order, so they arrive grouped by tail rank; heads
  // are node ids until the end, when all ranks are known.
  ch.rank_of_.assign(n, 0);
  ch.up_.first.assign(n + 1, 0);
  ch.down_.first.assign(n + 1, 0);
  std::vector<Shortcut> shortcuts;
  std::vector<std::int32_t> neighbours;
  std::vector<char> is_neighbour(n, 0);
  for (std::int32_t rank = 0; rank < n; ++rank) {
    const auto v = queue.pop().first;
    ch.rank_of_[v] = rank;
    for (const auto& a : g.out(v)) {
      ch.up_.head.push_back(a.node);
      ch.up_.weight.push_back(a.weight);
    }
    for (const auto& a : g.in(v)) {
      ch.down_.head.push_back(a.node);
      ch.down_.weight.push_back(a.weight);
    }
    ch.up_.first[rank + 1] = static_cast<std::int32_t>(ch.up_.head.size());
    ch.down_.first[rank + 1] = static_cast<std::int32_t>(ch.down_.head.size());

    shortcuts.clear();
    for_each_shortcut(g, v, witness, limit, targets, [&](const Shortcut& s) { shortcuts.push_back(s); });
    neighbours.clear();
    for (const auto* list : {&g.out(v), &g.in(v)})
      for (const auto& a : *list)
        if (!is_neighbour[a.node]) {
          is_neighbour[a.node] = 1;
          neighbours.push_back(a.node);
        }
    g.remove(v);
    for (const auto& s : shortcuts) g.add_or_improve(s.from, s.to, s.weight, s.hops);
    ch.stats_.shortcuts += shortcuts.size();
    // Only the neighbours' importance changed (their arcs did); the rest keep their keys.
    for (const auto x : neighbours) {
      is_neighbour[x] = 0;
      level[x] = std::max(level[x], level[v] + 1);
      queue.push_or_update(x, estimate(x));
    }
  }

  for (auto* side : {&ch.up_, &ch.down_})
    for (auto& h : side->head) h = ch.rank_of_[h];
  ch.stats_.upward_arcs = ch.up_.head.size();
  ch.stats_.downward_arcs = ch.down_.head.size();
  ch.stats_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return ch;
}

}  // namespace silkroute::ch
