#include "routing/routing_cache.hpp"

#include "routing/routing_snapshot.hpp"
#include "scenario/scenario_json.hpp"

namespace silkroute {

std::shared_ptr<const Topology> RoutingCache::topology(const Network& net) {
  std::lock_guard lock(mutex_);
  if (!topology_ || topology_->network_identity != net.identity()) {
    topology_ = snapshot_ ? snapshot_->topology(net) : nullptr;
    if (!topology_) {
      topology_ = build_topology(net);
      topology_built_ = true;
    }
    metrics_.clear();
  }
  return topology_;
}

std::string RoutingCache::metric_key(const CostModel& cost) {
  return cost.cargo().id + '|' + std::string(objective_name(cost.objective())) + '|' + scenario_key(cost.scenario());
}

std::shared_ptr<const Metric> RoutingCache::metric(const Network& net, const CostModel& cost) {
  const auto topo = topology(net);
  const auto key = metric_key(cost);
  std::shared_ptr<const RoutingSnapshot> snapshot;
  {
    std::lock_guard lock(mutex_);
    for (auto it = metrics_.begin(); it != metrics_.end(); ++it) {
      if (it->key != key) continue;
      metrics_.splice(metrics_.begin(), metrics_, it);
      return metrics_.front().metric;
    }
    snapshot = snapshot_;
  }
  // The snapshot's metric was customized by this build from this network's tables (its key
  // says so), so it is the metric customize() would give.
  std::shared_ptr<const Metric> metric = snapshot ? snapshot->metric(key, net, *topo) : nullptr;
  const bool built = !metric;
  if (built) metric = customize(net, *topo, cost);
  std::lock_guard lock(mutex_);
  if (built) ++metrics_built_;
  metrics_.push_front({key, metric});
  if (metrics_.size() > capacity_) metrics_.pop_back();
  return metric;
}

void RoutingCache::use_snapshot(std::shared_ptr<const RoutingSnapshot> snapshot) {
  std::lock_guard lock(mutex_);
  snapshot_ = std::move(snapshot);
}

bool RoutingCache::built_any() const {
  std::lock_guard lock(mutex_);
  return topology_built_ || metrics_built_ > 0;
}

std::shared_ptr<const Topology> RoutingCache::current_topology() const {
  std::lock_guard lock(mutex_);
  return topology_;
}

std::vector<std::pair<std::string, std::shared_ptr<const Metric>>> RoutingCache::current_metrics() const {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, std::shared_ptr<const Metric>>> out;
  for (const auto& e : metrics_) out.emplace_back(e.key, e.metric);
  return out;
}

void RoutingCache::clear() {
  std::lock_guard lock(mutex_);
  topology_.reset();
  metrics_.clear();
}

}  // namespace silkroute
