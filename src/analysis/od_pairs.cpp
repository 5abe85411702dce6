#include "analysis/od_pairs.hpp"

#include <stdexcept>

namespace silkroute {

std::vector<OdPair> all_pairs(const std::vector<NodeIndex>& places) {
  std::vector<OdPair> out;
  for (std::size_t i = 0; i < places.size(); ++i)
    for (std::size_t j = i + 1; j < places.size(); ++j) out.push_back(OdPair{places[i], places[j], 1.0, "", {}});
  return out;
}

std::vector<NodeIndex> nodes_of_kind(const Network& net, const std::string& kind_text) {
  const auto kind = parse_node_kind(kind_text);
  if (!kind) throw std::invalid_argument("unknown place kind '" + kind_text + "'; kinds are " + node_kind_names());
  std::vector<NodeIndex> out;
  for (NodeIndex n = 0; n < static_cast<NodeIndex>(net.nodes.size()); ++n)
    if (net.nodes[n].kind == *kind) out.push_back(n);
  return out;
}

}  // namespace silkroute
