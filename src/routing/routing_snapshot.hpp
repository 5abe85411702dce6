#pragma once
// What a route command derives from the network before it searches, kept for the next run:
// the topology (a function of the network alone) and the metrics of the cost models asked
// about (a function of the network and the RoutingCache's metric key), beside the dataset's
// snapshot (io/dataset_snapshot.hpp) and under its key. Building them is about a fifth of a
// `silkroute route` process (issue 17: a route in under 5 ms as a whole process); reading
// them back uses their arrays in place, in the mapped file.
//
// One file per dataset snapshot, holding the topology and the last few metrics (newest
// first), each block with its own hash: a damaged block, another key or another layout is
// never used (the cache builds it again, as without a file). The key is the dataset
// snapshot's: the CSV files and the build id of the code that reads them, which is the code
// that builds topologies and metrics too (one library in every program).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/dataset_snapshot.hpp"
#include "routing/metric.hpp"
#include "routing/topology.hpp"

namespace silkroute {

// The binary forms and their inverses (nullptr on anything malformed or not of this network).
// With `keep` (a handle that holds `bytes`, such as the mapped file), the arrays are used
// in place, not copied (PodArray views); without it they are copied.
std::string serialize_topology(const Topology& t);
std::shared_ptr<const Topology> deserialize_topology(std::string_view bytes, const Network& net,
                                                     const std::shared_ptr<const void>& keep = nullptr);
std::string serialize_metric(const Metric& m);
std::shared_ptr<const Metric> deserialize_metric(std::string_view bytes, const Network& net, const Topology& t,
                                                 const std::shared_ptr<const void>& keep = nullptr);

// A routing snapshot file, mapped: its topology and metrics are read when asked for.
class RoutingSnapshot {
 public:
  // The file at `path` if it holds `key`'s snapshot, else an empty one.
  RoutingSnapshot(const std::string& path, const io::SnapshotKey& key);
  ~RoutingSnapshot();
  RoutingSnapshot(const RoutingSnapshot&) = delete;
  RoutingSnapshot& operator=(const RoutingSnapshot&) = delete;

  std::shared_ptr<const Topology> topology(const Network& net) const;
  // The metric stored under this RoutingCache key; nullptr when there is none (or it is damaged).
  std::shared_ptr<const Metric> metric(const std::string& key, const Network& net, const Topology& t) const;
  bool has_metric(const std::string& key) const;

  // Writes `path` (atomically) with this topology, the metrics given (newest first), then
  // those of `previous` not among them, at most kMaxMetrics in all. Returns false when it could
  // not be written (a read-only cache: the answer is the same).
  static constexpr std::size_t kMaxMetrics = 4;
  static bool write(const std::string& path, const io::SnapshotKey& key, const Topology& t,
                    const std::vector<std::pair<std::string, std::shared_ptr<const Metric>>>& metrics,
                    const RoutingSnapshot* previous);

 private:
  struct Block {
    std::string key;  // empty for the topology
    std::uint64_t hash = 0;
    std::string_view bytes;
  };
  struct Mapped;
  std::shared_ptr<const Mapped> file_;  // held by every topology and metric read from it (their arrays lie in it)
  Block topology_;
  std::vector<Block> metrics_;
};

// The routing snapshot's file for a dataset folder (beside its dataset snapshot).
std::string routing_snapshot_path(const std::string& dataset_dir, const io::SnapshotOptions& options);

}  // namespace silkroute
