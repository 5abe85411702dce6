#include "assignment/shortest_path_tree.hpp"

namespace silkroute::assignment {

ShortestPathTree::ShortestPathTree(const LinkGraph& graph)
    : g_(graph),
      dist_(graph.node_count, kUnreachable),
      pred_(graph.node_count, -1),
      pos_(graph.node_count, -1),
      target_stamp_(graph.node_count, 0) {
  settled_.reserve(graph.node_count);
  heap_.reserve(graph.node_count);
}

void ShortestPathTree::push_or_decrease(std::int32_t u, double d) {
  dist_[u] = d;
  std::int32_t i = pos_[u];
  if (i < 0) {
    i = static_cast<std::int32_t>(heap_.size());
    heap_.push_back(u);
  }
  // Sift up.
  while (i > 0) {
    const std::int32_t parent = (i - 1) / 2;
    const std::int32_t p = heap_[parent];
    if (dist_[p] <= d) break;
    heap_[i] = p;
    pos_[p] = i;
    i = parent;
  }
  heap_[i] = u;
  pos_[u] = i;
}

std::int32_t ShortestPathTree::pop() {
  const std::int32_t top = heap_[0];
  pos_[top] = -2;
  const std::int32_t last = heap_.back();
  heap_.pop_back();
  const auto n = static_cast<std::int32_t>(heap_.size());
  if (n > 0) {
    const double d = dist_[last];
    std::int32_t i = 0;
    while (true) {
      std::int32_t c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && dist_[heap_[c + 1]] < dist_[heap_[c]]) ++c;
      if (dist_[heap_[c]] >= d) break;
      heap_[i] = heap_[c];
      pos_[heap_[i]] = i;
      i = c;
    }
    heap_[i] = last;
    pos_[last] = i;
  }
  return top;
}

void ShortestPathTree::run(std::int32_t origin, const double* cost, const std::int32_t* targets, std::size_t target_count) {
  for (const auto* list : {&settled_, &left_in_heap_})
    for (std::int32_t u : *list) {
      dist_[u] = kUnreachable;
      pred_[u] = -1;
      pos_[u] = -1;
    }
  settled_.clear();
  left_in_heap_.clear();
  heap_.clear();
  std::size_t targets_left = 0;
  if (targets) {
    ++stamp_;
    for (std::size_t i = 0; i < target_count; ++i)
      if (target_stamp_[targets[i]] != stamp_) {
        target_stamp_[targets[i]] = stamp_;
        ++targets_left;
      }
  }
  push_or_decrease(origin, 0.0);
  while (!heap_.empty()) {
    const std::int32_t u = pop();
    settled_.push_back(u);
    if (targets && target_stamp_[u] == stamp_ && --targets_left == 0) break;
    if (g_.no_through[u] && u != origin) continue;
    const double du = dist_[u];
    for (std::int32_t k = g_.out_first[u]; k < g_.out_first[u + 1]; ++k) {
      const std::int32_t a = g_.out_link[k];
      const std::int32_t v = g_.head[a];
      if (pos_[v] == -2) continue;
      const double dv = du + cost[a];
      if (dv < dist_[v]) {
        pred_[v] = a;
        push_or_decrease(v, dv);
      }
    }
  }
  // Nodes still queued keep tentative labels: they are reset before the next search, and
  // reported unreached now.
  for (std::int32_t u : heap_) {
    left_in_heap_.push_back(u);
    dist_[u] = kUnreachable;
    pred_[u] = -1;
  }
  heap_.clear();
}

}  // namespace silkroute::assignment
