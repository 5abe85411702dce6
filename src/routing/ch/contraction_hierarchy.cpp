#include "routing/ch/contraction_hierarchy.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <limits>
#include <queue>
#include <thread>
#include <unordered_map>

namespace silkroute::ch {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
using Entry = std::pair<double, std::int32_t>;
using MinHeap = std::priority_queue<Entry, std::vector<Entry>, std::greater<>>;

// The graph while it is being contracted: per node, its live in- and out-arcs.
struct DynamicGraph {
  std::vector<std::unordered_map<std::int32_t, double>> out, in;

  explicit DynamicGraph(std::int32_t n) : out(n), in(n) {}

  void add(std::int32_t u, std::int32_t v, double w) {
    auto [it, inserted] = out[u].emplace(v, w);
    if (!inserted && w < it->second) it->second = w;
    auto [jt, jinserted] = in[v].emplace(u, w);
    if (!jinserted && w < jt->second) jt->second = w;
  }
};

// Dijkstra from `source` over live nodes except `skip`, up to `limit` distance and a
// bounded number of settled nodes: finds paths that make a shortcut unnecessary.
class WitnessSearch {
 public:
  explicit WitnessSearch(std::int32_t n) : dist_(n, kInf) {}

  void run(const DynamicGraph& g, const std::vector<char>& contracted, std::int32_t source, std::int32_t skip,
           double limit, int max_settled) {
    for (auto v : touched_) dist_[v] = kInf;
    touched_.clear();
    MinHeap heap;
    dist_[source] = 0;
    touched_.push_back(source);
    heap.emplace(0, source);
    int settled = 0;
    while (!heap.empty()) {
      auto [d, u] = heap.top();
      heap.pop();
      if (d > dist_[u]) continue;
      if (d > limit || ++settled > max_settled) break;
      for (const auto& [v, w] : g.out[u]) {
        if (v == skip || contracted[v]) continue;
        const double nd = d + w;
        if (nd < dist_[v]) {
          if (dist_[v] == kInf) touched_.push_back(v);
          dist_[v] = nd;
          heap.emplace(nd, v);
        }
      }
    }
  }
  double distance(std::int32_t v) const { return dist_[v]; }

 private:
  std::vector<double> dist_;
  std::vector<std::int32_t> touched_;
};

struct Shortcut {
  std::int32_t from, to;
  double weight;
};

// The shortcuts contracting v would add (or, with `simulate`, just how many).
std::vector<Shortcut> shortcuts_for(const DynamicGraph& g, const std::vector<char>& contracted, std::int32_t v,
                                    WitnessSearch& witness) {
  std::vector<Shortcut> out;
  for (const auto& [u, w_in] : g.in[v]) {
    if (contracted[u]) continue;
    double limit = 0;
    for (const auto& [x, w_out] : g.out[v])
      if (!contracted[x] && x != u) limit = std::max(limit, w_in + w_out);
    if (limit == 0 && g.out[v].empty()) continue;
    witness.run(g, contracted, u, v, limit, 1000);
    for (const auto& [x, w_out] : g.out[v]) {
      if (contracted[x] || x == u) continue;
      const double via = w_in + w_out;
      if (witness.distance(x) > via) out.push_back({u, x, via});
    }
  }
  return out;
}

}  // namespace

ContractionHierarchy ContractionHierarchy::build(std::int32_t n, const std::vector<WeightedEdge>& edges) {
  const auto started = std::chrono::steady_clock::now();
  static std::atomic<std::uint64_t> next_id{1};
  ContractionHierarchy ch;
  ch.id_ = next_id++;
  ch.node_count_ = n;
  ch.stats_.input_edges = edges.size();
  DynamicGraph g(n);
  for (const auto& e : edges)
    if (e.from != e.to) g.add(e.from, e.to, e.weight);

  std::vector<char> contracted(n, 0);
  std::vector<int> deleted_neighbours(n, 0);
  WitnessSearch witness(n);
  auto priority = [&](std::int32_t v) {
    const auto added = static_cast<int>(shortcuts_for(g, contracted, v, witness).size());
    int degree = 0;
    for (const auto& [u, w] : g.in[v]) degree += !contracted[u];
    for (const auto& [x, w] : g.out[v]) degree += !contracted[x];
    return 2 * (added - degree) + deleted_neighbours[v];
  };
  using Item = std::pair<int, std::int32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  for (std::int32_t v = 0; v < n; ++v) queue.emplace(priority(v), v);

  // Arcs kept for the queries, by the node contracted first (lower rank).
  std::vector<std::vector<Arc>> up(n), down(n);
  ch.rank_of_.assign(n, 0);
  std::int32_t next_rank = 0;
  while (!queue.empty()) {
    auto [p, v] = queue.top();
    queue.pop();
    if (contracted[v]) continue;
    // Lazy update: contract v only if it is still the cheapest.
    const int now = priority(v);
    if (!queue.empty() && now > queue.top().first) {
      queue.emplace(now, v);
      continue;
    }
    const auto shortcuts = shortcuts_for(g, contracted, v, witness);
    for (const auto& [x, w] : g.out[v])
      if (!contracted[x]) up[v].push_back({x, w});
    for (const auto& [u, w] : g.in[v])
      if (!contracted[u]) down[v].push_back({u, w});
    contracted[v] = 1;
    ch.rank_of_[v] = next_rank++;
    for (const auto& s : shortcuts) g.add(s.from, s.to, s.weight);
    ch.stats_.shortcuts += shortcuts.size();
    for (const auto& [x, w] : g.out[v]) ++deleted_neighbours[x];
    for (const auto& [u, w] : g.in[v]) ++deleted_neighbours[u];
    // The arcs of v are no longer needed in the live graph.
    for (const auto& [x, w] : g.out[v]) g.in[x].erase(v);
    for (const auto& [u, w] : g.in[v]) g.out[u].erase(v);
    g.out[v].clear();
    g.in[v].clear();
  }

  // CSR indexed by rank, heads renamed to ranks.
  std::vector<std::int32_t> node_at_rank(n);
  for (std::int32_t v = 0; v < n; ++v) node_at_rank[ch.rank_of_[v]] = v;
  auto to_csr = [&](const std::vector<std::vector<Arc>>& lists, std::vector<std::int32_t>& first, std::vector<Arc>& arcs) {
    first.assign(n + 1, 0);
    for (std::int32_t r = 0; r < n; ++r) first[r + 1] = first[r] + static_cast<std::int32_t>(lists[node_at_rank[r]].size());
    arcs.clear();
    arcs.reserve(first[n]);
    for (std::int32_t r = 0; r < n; ++r)
      for (const auto& a : lists[node_at_rank[r]]) arcs.push_back({ch.rank_of_[a.head], a.weight});
  };
  to_csr(up, ch.up_first_, ch.up_);
  to_csr(down, ch.down_first_, ch.down_);
  ch.stats_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return ch;
}

// One upward Dijkstra (forward on up_ or backward on down_) with a reusable distance
// array and stall-on-demand: a node reached more cheaply from above is not expanded.
class UpwardSearch {
 public:
  UpwardSearch(const ContractionHierarchy& ch, bool forward)
      : first_(forward ? ch.up_first_ : ch.down_first_),
        arcs_(forward ? ch.up_ : ch.down_),
        stall_first_(forward ? ch.down_first_ : ch.up_first_),
        stall_arcs_(forward ? ch.down_ : ch.up_),
        dist_(ch.node_count_, kInf) {}

  // Calls visit(node, distance) for every node settled (and not stalled) from `source`,
  // a rank. `bound(d)` may stop the search early by returning false.
  template <typename Visit, typename Bound>
  void run(std::int32_t source, Visit&& visit, Bound&& bound) {
    for (auto v : touched_) dist_[v] = kInf;
    touched_.clear();
    heap_ = {};
    dist_[source] = 0;
    touched_.push_back(source);
    heap_.emplace(0, source);
    while (!heap_.empty()) {
      auto [d, u] = heap_.top();
      heap_.pop();
      if (d > dist_[u]) continue;
      if (!bound(d)) break;
      bool stalled = false;
      for (auto a = stall_first_[u]; a < stall_first_[u + 1] && !stalled; ++a)
        stalled = dist_[stall_arcs_[a].head] + stall_arcs_[a].weight < d;
      if (stalled) continue;
      visit(u, d);
      for (auto a = first_[u]; a < first_[u + 1]; ++a) {
        const auto& arc = arcs_[a];
        const double nd = d + arc.weight;
        if (nd < dist_[arc.head]) {
          if (dist_[arc.head] == kInf) touched_.push_back(arc.head);
          dist_[arc.head] = nd;
          heap_.emplace(nd, arc.head);
        }
      }
    }
  }
  template <typename Visit>
  void run(std::int32_t source, Visit&& visit) {
    run(source, std::forward<Visit>(visit), [](double) { return true; });
  }
  double distance(std::int32_t v) const { return dist_[v]; }

 private:
  const std::vector<std::int32_t>& first_;
  const std::vector<ContractionHierarchy::Arc>& arcs_;
  const std::vector<std::int32_t>& stall_first_;
  const std::vector<ContractionHierarchy::Arc>& stall_arcs_;
  std::vector<double> dist_;
  std::vector<std::int32_t> touched_;
  MinHeap heap_;
};

double ContractionHierarchy::distance(std::int32_t s, std::int32_t t) const {
  // Two upward searches; buffers are kept per thread so a query allocates nothing.
  thread_local std::uint64_t owner = 0;
  thread_local std::unique_ptr<UpwardSearch> forward, backward;
  if (owner != id_) {
    forward = std::make_unique<UpwardSearch>(*this, true);
    backward = std::make_unique<UpwardSearch>(*this, false);
    owner = id_;
  }
  const auto rs = rank_of_[s], rt = rank_of_[t];
  if (rs == rt) return 0;
  backward->run(rt, [](std::int32_t, double) {});
  double best = kInf;
  forward->run(
      rs,
      [&](std::int32_t v, double d) {
        const double b = backward->distance(v);
        if (d + b < best) best = d + b;
      },
      [&](double d) { return d < best; });
  return best;
}

std::vector<double> ContractionHierarchy::many_to_many(const std::vector<std::int32_t>& sources,
                                                       const std::vector<std::int32_t>& targets,
                                                       unsigned threads) const {
  // Buckets: every node a target's backward search settles holds (target, distance).
  struct BucketEntry {
    std::int32_t target;
    double dist;
  };
  std::vector<std::pair<std::int32_t, BucketEntry>> entries;
  {
    UpwardSearch backward(*this, false);
    for (std::int32_t j = 0; j < static_cast<std::int32_t>(targets.size()); ++j)
      backward.run(rank_of_[targets[j]], [&](std::int32_t v, double d) { entries.push_back({v, {j, d}}); });
  }
  std::vector<std::int32_t> bucket_first(node_count_ + 1, 0);
  for (const auto& e : entries) ++bucket_first[e.first + 1];
  for (std::int32_t v = 0; v < node_count_; ++v) bucket_first[v + 1] += bucket_first[v];
  std::vector<BucketEntry> buckets(entries.size());
  {
    auto fill = bucket_first;
    for (const auto& e : entries) buckets[fill[e.first]++] = e.second;
  }

  const std::size_t cols = targets.size();
  std::vector<double> out(sources.size() * cols, kInf);
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, sources.size())));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    UpwardSearch forward(*this, true);
    for (std::size_t i; (i = next.fetch_add(1)) < sources.size();) {
      double* row = &out[i * cols];
      forward.run(rank_of_[sources[i]], [&](std::int32_t v, double d) {
        for (auto b = bucket_first[v]; b < bucket_first[v + 1]; ++b) {
          const double total = d + buckets[b].dist;
          if (total < row[buckets[b].target]) row[buckets[b].target] = total;
        }
      });
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return out;
}

}  // namespace silkroute::ch
