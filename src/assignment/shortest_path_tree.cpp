#include "assignment/shortest_path_tree.hpp"

namespace silkroute::assignment {

ShortestPathTree::ShortestPathTree(const LinkGraph& graph)
    : g_(graph),
      dist_(graph.node_count, kUnreachable),
      pred_(graph.node_count, -1),
      heap_(graph.node_count),
      done_(graph.node_count, 0),
      target_stamp_(graph.node_count, 0) {
  settled_.reserve(graph.node_count);
  touched_.reserve(graph.node_count);
}

void ShortestPathTree::push_or_decrease(std::int32_t u, double d) {
  if (dist_[u] == kUnreachable) touched_.push_back(u);
  dist_[u] = d;
  if (heap_.contains(u)) heap_.decrease_key(u, d);
  else heap_.push(u, d);
}

void ShortestPathTree::run(std::int32_t origin, const double* cost, const std::int32_t* targets, std::size_t target_count) {
  for (std::int32_t u : touched_) {
    dist_[u] = kUnreachable;
    pred_[u] = -1;
    done_[u] = 0;
  }
  touched_.clear();
  settled_.clear();
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
    const std::int32_t u = heap_.pop().first;
    done_[u] = 1;
    settled_.push_back(u);
    if (targets && target_stamp_[u] == stamp_ && --targets_left == 0) break;
    if (g_.no_through[u] && u != origin) continue;
    const double du = dist_[u];
    for (std::int32_t k = g_.out_first[u]; k < g_.out_first[u + 1]; ++k) {
      const std::int32_t a = g_.out_link[k];
      const std::int32_t v = g_.head[a];
      if (done_[v]) continue;
      const double dv = du + cost[a];
      if (dv < dist_[v]) {
        pred_[v] = a;
        push_or_decrease(v, dv);
      }
    }
  }
  // Nodes still queued keep tentative labels: reported unreached now, reset next time.
  for (std::int32_t u : touched_)
    if (!done_[u]) {
      dist_[u] = kUnreachable;
      pred_[u] = -1;
    }
  heap_.clear();
}

}  // namespace silkroute::assignment
