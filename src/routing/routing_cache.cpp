#include "routing/routing_cache.hpp"

#include "scenario/scenario_json.hpp"

namespace silkroute {

std::shared_ptr<const Topology> RoutingCache::topology(const Network& net) {
  std::lock_guard lock(mutex_);
  if (!topology_ || topology_->network_identity != net.identity()) {
    topology_ = build_topology(net);
    metrics_.clear();
  }
  return topology_;
}

std::shared_ptr<const Metric> RoutingCache::metric(const Network& net, const CostModel& cost) {
  const auto topo = topology(net);
  const auto key = cost.cargo().id + '|' + std::string(objective_name(cost.objective())) + '|' +
                   scenario_key(cost.scenario());
  {
    std::lock_guard lock(mutex_);
    for (auto it = metrics_.begin(); it != metrics_.end(); ++it) {
      if (it->key != key) continue;
      metrics_.splice(metrics_.begin(), metrics_, it);
      return metrics_.front().metric;
    }
  }
  auto metric = customize(net, *topo, cost);
  std::lock_guard lock(mutex_);
  ++metrics_built_;
  metrics_.push_front({key, metric});
  if (metrics_.size() > capacity_) metrics_.pop_back();
  return metric;
}

void RoutingCache::clear() {
  std::lock_guard lock(mutex_);
  topology_.reset();
  metrics_.clear();
}

}  // namespace silkroute
