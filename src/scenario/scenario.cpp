#include "scenario/scenario.hpp"

namespace silkroute {

CountryPair country_pair(const std::string& a, const std::string& b) {
  return a < b ? CountryPair{a, b} : CountryPair{b, a};
}

bool Scenario::node_open(const Network& net, NodeIndex n) const {
  const auto& node = net.nodes[n];
  if (node.opened_year > year) return false;
  if (!closed.nodes.empty() && closed.nodes.count(node.id)) return false;
  if (!node.country.empty() && closed.countries.count(node.country)) return false;
  return true;
}

bool Scenario::link_open(const Network& net, LinkIndex l) const {
  const auto& link = net.links[l];
  if (link.opened_year > year || (!closed.links.empty() && closed.links.count(link.id)) || closed.modes.count(link.mode)) return false;
  if (link.closed_year != kStillRuns && link.closed_year <= year) return false;
  if (month >= 1 && month <= 12 && (link.closed_months >> month & 1u)) return false;
  if (!link.chokepoint.empty() && closed.chokepoints.count(link.chokepoint)) return false;
  if (!closed.borders.empty() && mode_stops_at_borders(link.mode)) {
    const auto& a = net.nodes[link.from].country;
    const auto& b = net.nodes[link.to].country;
    if (!a.empty() && !b.empty() && a != b && closed.borders.count(country_pair(a, b))) return false;
  }
  return node_open(net, link.from) && node_open(net, link.to);
}

bool Scenario::transfer_open(const Network& net, std::size_t row) const {
  const auto& t = net.transfers[row];
  if (t.opened_year > year || !node_open(net, t.node)) return false;
  return closed.transfers.empty() || !closed.transfers.count(net.transfer_key(row));
}

std::vector<const Agreement*> Scenario::agreements_in_force(const Network& net) const {
  std::vector<const Agreement*> out;
  for (const auto& a : net.agreements)
    if (a.year <= year && !removed_agreements.count(a.id)) out.push_back(&a);
  for (const auto& a : added_agreements)
    if (a.year <= year && !removed_agreements.count(a.id)) out.push_back(&a);
  return out;
}

}  // namespace silkroute
