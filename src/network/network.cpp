#include "network/network.hpp"

#include <atomic>
#include <stdexcept>

namespace silkroute {

void Network::finalize() {
  static std::atomic<std::uint64_t> next_identity{1};
  identity_ = next_identity++;
  node_index_.clear();
  link_index_.clear();
  country_index_.clear();
  for (std::size_t i = 0; i < nodes.size(); ++i) node_index_.emplace(nodes[i].id, static_cast<NodeIndex>(i));
  for (std::size_t i = 0; i < links.size(); ++i) link_index_.emplace(links[i].id, static_cast<LinkIndex>(i));
  for (std::size_t i = 0; i < countries.size(); ++i) country_index_.emplace(countries[i].iso3, i);
  transfer_keys_.clear();
  transfer_index_.clear();
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
  for (const auto& r : border_rules) {
    const bool pair = (r.country_a == a && r.country_b == b) || (r.country_a == b && r.country_b == a);
    if (!pair) continue;
    if (r.mode == mode) return &r;
    if (!r.mode) any_mode = &r;
  }
  return any_mode;
}

}  // namespace silkroute
