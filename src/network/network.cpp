#include "network/network.hpp"

#include <algorithm>
#include <atomic>
#include <stdexcept>

namespace silkroute {

void Network::finalize() {
  static std::atomic<std::uint64_t> next_identity{1};
  identity_ = next_identity++;
  node_index_.clear();
  link_index_.clear();
  country_index_.clear();
  // Sized once, not grown one rehash at a time: every process start builds them.
  node_index_.reserve(nodes.size());
  link_index_.reserve(links.size());
  country_index_.reserve(countries.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) node_index_.emplace(nodes[i].id, static_cast<NodeIndex>(i));
  for (std::size_t i = 0; i < links.size(); ++i) link_index_.emplace(links[i].id, static_cast<LinkIndex>(i));
  for (std::size_t i = 0; i < countries.size(); ++i) country_index_.emplace(countries[i].iso3, i);
  transfer_keys_.clear();
  transfer_index_.clear();
  transfer_keys_.reserve(transfers.size());
  transfer_index_.reserve(transfers.size());
  for (std::size_t i = 0; i < transfers.size(); ++i) {
    const auto& t = transfers[i];
    const auto base = (t.node >= 0 && t.node < static_cast<NodeIndex>(nodes.size()) ? nodes[t.node].id : "?") + ":" +
                      carrier_pattern_name(t.a) + "-" + carrier_pattern_name(t.b);
    auto key = base;
    for (int k = 2; transfer_index_.count(key); ++k) key = base + "#" + std::to_string(k);
    transfer_keys_.push_back(key);
    transfer_index_.emplace(key, static_cast<std::int32_t>(i));
  }
}

std::optional<std::int32_t> Network::transfer_by_key(const std::string& key) const {
  auto it = transfer_index_.find(key);
  if (it == transfer_index_.end()) return std::nullopt;
  return it->second;
}

std::optional<NodeIndex> Network::node_by_id(const std::string& id) const {
  auto it = node_index_.find(id);
  if (it == node_index_.end()) return std::nullopt;
  return it->second;
}

std::optional<LinkIndex> Network::link_by_id(const std::string& id) const {
  auto it = link_index_.find(id);
  if (it == link_index_.end()) return std::nullopt;
  return it->second;
}

const Country* Network::country(const std::string& iso3) const {
  auto it = country_index_.find(iso3);
  return it == country_index_.end() ? nullptr : &countries[it->second];
}

const CargoClass* Network::cargo(const std::string& id) const {
  for (const auto& c : cargo_classes)
    if (c.id == id) return &c;
  return nullptr;
}

const ModeParams& Network::params(Mode mode) const {
  auto it = mode_params.find(mode);
  if (it == mode_params.end()) throw std::logic_error("no parameters for mode " + std::string(mode_name(mode)));
  return it->second;
}

const BorderRule* Network::border_rule(const std::string& a, const std::string& b, Mode mode) const {
  const BorderRule* any_mode = nullptr;
  const bool filter = !a.empty() && !b.empty();
  for (const auto& r : border_rules) {
    // Most rules name neither country: a first-letter test passes them by without the string
    // compares (costing a network's links asks for about 250 crossings, each over every rule).
    if (filter && !r.country_a.empty() && r.country_a[0] != a[0] && r.country_a[0] != b[0]) continue;
    const bool pair = (r.country_a == a && r.country_b == b) || (r.country_a == b && r.country_b == a);
    if (!pair) continue;
    if (r.mode == mode) return &r;
    if (!r.mode) any_mode = &r;
  }
  return any_mode;
}

}  // namespace silkroute

namespace silkroute {

std::vector<geo::LonLat> link_points(const Network& net, const Link& link, bool reversed) {
  std::vector<geo::LonLat> points;
  points.reserve(link.vertices.size() + 2);
  points.push_back(net.nodes[link.from].position);
  points.insert(points.end(), link.vertices.begin(), link.vertices.end());
  points.push_back(net.nodes[link.to].position);
  if (reversed) std::reverse(points.begin(), points.end());
  return points;
}

void append_path_points(const Network& net, const std::vector<NodeIndex>& nodes, const std::vector<LinkIndex>& links,
                        std::vector<geo::LonLat>& out) {
  auto push = [&out](geo::LonLat p) {
    if (out.empty() || out.back().lon != p.lon || out.back().lat != p.lat) out.push_back(p);
  };
  if (nodes.empty()) return;
  push(net.nodes[nodes.front()].position);
  for (std::size_t i = 0; i < links.size() && i + 1 < nodes.size(); ++i) {
    const auto& link = net.links[static_cast<std::size_t>(links[i])];
    // A leg may walk a link either way; draw the shape from the node it leaves.
    const bool reversed = link.from != nodes[i];
    if (reversed)
      for (auto it = link.vertices.rbegin(); it != link.vertices.rend(); ++it) push(*it);
    else
      for (const auto& p : link.vertices) push(p);
    push(net.nodes[nodes[i + 1]].position);
  }
  // Nodes without a link (a path of one node, or nodes past the links given) are still drawn.
  for (std::size_t i = links.size() + 1; i < nodes.size(); ++i) push(net.nodes[nodes[i]].position);
}

}  // namespace silkroute
