#pragma once
// The network as a forward star (CSR): the links leaving each node, for the searches.

#include <cstdint>
#include <vector>

#include "assignment/network.hpp"

namespace silkroute::assignment {

struct LinkGraph {
  std::int32_t node_count = 0;
  std::vector<std::int32_t> out_first;  // links leaving node u: out_link[out_first[u] .. out_first[u+1]-1]
  std::vector<std::int32_t> out_link;   // link ids, ascending within a node
  std::vector<std::int32_t> in_first;   // links entering node u, likewise
  std::vector<std::int32_t> in_link;
  std::vector<std::int32_t> tail, head;  // per link
  std::vector<std::uint8_t> no_through;  // 1: a zone that may start or end a route only

  explicit LinkGraph(const AssignmentNetwork& net);
  std::size_t link_count() const { return tail.size(); }
};

}  // namespace silkroute::assignment
