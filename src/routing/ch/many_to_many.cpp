// Many-to-many distances with buckets (Knopp et al. 2007): each target's backward search
// leaves (target, distance) in a bucket at every node it settles; each source's forward
// search then scans the buckets of the nodes it settles. A bucket entry is 8 bytes and the
// buckets of one node are contiguous, so the scans stream through memory.

#include <algorithm>
#include <atomic>
#include <thread>

#include "routing/ch/contraction_hierarchy.hpp"
#include "routing/ch/upward_search.hpp"

namespace silkroute::ch {

std::vector<Weight> ContractionHierarchy::many_to_many_units(const std::vector<std::int32_t>& sources,
                                                             const std::vector<std::int32_t>& targets,
                                                             unsigned threads) const {
  for (const auto s : sources) check_node(s, "source");
  for (const auto t : targets) check_node(t, "target");
  struct Entry {
    std::uint32_t target;  // column
    Weight dist;           // from the bucket's node to the target
  };
  std::vector<std::int32_t> bucket_first(node_count_ + 1, 0);
  std::vector<Entry> buckets;
  {
    // Settled nodes per target, then counting sort by node.
    std::vector<std::int32_t> node_of;
    std::vector<Entry> entries;
    detail::UpwardSearch backward(down_, up_, node_count_);
    SearchCounts ignored;
    for (std::uint32_t j = 0; j < targets.size(); ++j)
      backward.run(rank_of_[targets[j]], ignored, [&](std::int32_t v, Weight d) {
        node_of.push_back(v);
        entries.push_back({j, d});
        ++bucket_first[v + 1];
      });
    for (std::int32_t v = 0; v < node_count_; ++v) bucket_first[v + 1] += bucket_first[v];
    buckets.resize(entries.size());
    auto fill = bucket_first;
    for (std::size_t k = 0; k < entries.size(); ++k) buckets[fill[node_of[k]]++] = entries[k];
  }

  const std::size_t cols = targets.size();
  std::vector<Weight> out(sources.size() * cols, kUnreachable);
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, sources.size())));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    detail::UpwardSearch forward(up_, down_, node_count_);
    SearchCounts ignored;
    for (std::size_t i; (i = next.fetch_add(1)) < sources.size();) {
      Weight* row = out.data() + i * cols;
      forward.run(rank_of_[sources[i]], ignored, [&](std::int32_t v, Weight d) {
        const Entry* b = buckets.data() + bucket_first[v];
        const Entry* end = buckets.data() + bucket_first[v + 1];
        for (; b < end; ++b) row[b->target] = std::min(row[b->target], d + b->dist);
      });
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return out;
}

std::vector<double> ContractionHierarchy::many_to_many(const std::vector<std::int32_t>& sources,
                                                       const std::vector<std::int32_t>& targets,
                                                       unsigned threads) const {
  const auto units = many_to_many_units(sources, targets, threads);
  std::vector<double> out(units.size());
  for (std::size_t k = 0; k < units.size(); ++k) out[k] = from_units(units[k], weight_scale_);
  return out;
}

}  // namespace silkroute::ch
