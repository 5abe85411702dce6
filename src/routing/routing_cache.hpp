#pragma once
// Reuses what routing derives from a network: its topology (built once) and the metrics of
// the scenarios asked about lately. A server or a notebook asks many questions under the
// same scenario; customizing a metric is most of a route query on a large network. An
// explicit object owned by whoever serves queries (the Engine), never a hidden static.

#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "routing/metric.hpp"
#include "routing/topology.hpp"

namespace silkroute {
class RoutingSnapshot;
}

namespace silkroute {

class RoutingCache {
 public:
  explicit RoutingCache(std::size_t metric_capacity = 16) : capacity_(metric_capacity) {}
  RoutingCache(const RoutingCache&) = delete;
  RoutingCache& operator=(const RoutingCache&) = delete;

  // The network's topology, built on first use (and again if the network was finalized anew).
  std::shared_ptr<const Topology> topology(const Network& net);
  // The metric for this cost model: cargo class, objective and the scenario's canonical key.
  std::shared_ptr<const Metric> metric(const Network& net, const CostModel& cost);

  void clear();
  std::size_t metrics_built() const { return metrics_built_; }

  // Reads the topology and metrics from this routing snapshot before building them (the route
  // command's: routing/routing_snapshot.hpp); what it lacks or holds damaged is built as usual.
  void use_snapshot(std::shared_ptr<const RoutingSnapshot> snapshot);
  // Whether the topology or a metric was built here rather than read from the snapshot.
  bool built_any() const;
  // The topology, if there is one yet, and the metrics held, newest first.
  std::shared_ptr<const Topology> current_topology() const;
  std::vector<std::pair<std::string, std::shared_ptr<const Metric>>> current_metrics() const;

  // The metric key of a cost model: cargo class, objective and the scenario's canonical key.
  static std::string metric_key(const CostModel& cost);

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const Metric> metric;
  };
  mutable std::mutex mutex_;
  std::shared_ptr<const RoutingSnapshot> snapshot_;
  bool topology_built_ = false;
  std::shared_ptr<const Topology> topology_;
  std::list<Entry> metrics_;  // most recently used first
  std::size_t capacity_;
  std::size_t metrics_built_ = 0;
};

}  // namespace silkroute
