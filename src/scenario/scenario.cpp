#include "scenario/scenario.hpp"

namespace silkroute {

bool Scenario::node_open(const Network& net, NodeIndex n) const {
  const auto& node = net.nodes[n];
  if (node.opened_year > year) return false;
  if (closed.nodes.count(n)) return false;
  if (!node.country.empty() && closed.countries.count(node.country)) return false;
  return true;
}

bool Scenario::link_open(const Network& net, LinkIndex l) const {
  const auto& link = net.links[l];
  if (link.opened_year > year || closed.links.count(l) || closed.modes.count(link.mode)) return false;
  if (!link.chokepoint.empty() && closed.chokepoints.count(link.chokepoint)) return false;
  return node_open(net, link.from) && node_open(net, link.to);
}

bool Scenario::transfer_open(const Network& net, const Transfer& t) const {
  return t.opened_year <= year && node_open(net, t.node);
}

}  // namespace silkroute
