#pragma once
// Reads a TNTP network file (TransportationNetworks format: <NUMBER OF NODES>, <FIRST THRU
// NODE>, then one link per line: init_node term_node capacity length free_flow_time ... ;)
// into an edge list weighted by free-flow time. Zones (nodes below FIRST THRU NODE) are
// origins and destinations only: each is split into a source and a sink so that no route
// passes through a zone.

#include <string>
#include <vector>

#include "routing/ch/weight_units.hpp"

namespace silkroute::io {

struct TntpNetwork {
  std::int32_t nodes = 0;        // as numbered in the file (1..nodes)
  std::int32_t first_thru_node = 1;
  std::int32_t graph_nodes = 0;  // nodes plus one sink per zone
  std::vector<ch::WeightedEdge> edges;  // 0-based; weight = free-flow time

  // Graph vertices for file node k (1-based) as an origin and as a destination.
  std::int32_t source_of(std::int32_t k) const { return k - 1; }
  std::int32_t target_of(std::int32_t k) const { return k < first_thru_node ? nodes + (k - 1) : k - 1; }
};

// Throws io::DatasetError naming the file and line of every problem.
TntpNetwork read_tntp(const std::string& path);

}  // namespace silkroute::io
