#include "network/names.hpp"

#include <algorithm>

namespace silkroute {

namespace {

struct PassageName {
  const char* tag;
  const char* name;
  bool article;  // "the Suez Canal" in running text
};

// The usual English names of the passages the Belt and Road sea lanes use (and a few more
// that imported networks tag); a dataset's own tags fall back to their words.
constexpr PassageName kPassages[] = {
    {"babelmandeb", "Bab-el-Mandeb", false},     {"bosporus", "Bosporus", true},
    {"capegoodhope", "Cape of Good Hope", true},   {"channel_tunnel", "Channel Tunnel", true},
    {"dardanelles", "Dardanelles", true},          {"dover", "Strait of Dover", true},
    {"gibraltar", "Strait of Gibraltar", true},    {"hormuz", "Strait of Hormuz", true},
    {"kiel", "Kiel Canal", true},                  {"lombok", "Lombok Strait", true},
    {"malacca", "Strait of Malacca", true},        {"panama", "Panama Canal", true},
    {"singapore", "Singapore Strait", true},       {"suez", "Suez Canal", true},
    {"sunda", "Sunda Strait", true},               {"taiwan", "Taiwan Strait", true},
    {"korea", "Korea Strait", true},               {"bering", "Bering Strait", true},
    {"magellan", "Strait of Magellan", true},      {"oresund", "Øresund", false},
};

const PassageName* find_passage(const std::string& tag) {
  for (const auto& p : kPassages)
    if (tag == p.tag) return &p;
  return nullptr;
}

}  // namespace

std::string chokepoint_name(const std::string& tag) {
  if (const auto* p = find_passage(tag)) return p->name;
  std::string words = tag;
  std::replace(words.begin(), words.end(), '_', ' ');
  return words;
}

std::string chokepoint_phrase(const std::string& tag) {
  const auto* p = find_passage(tag);
  return p && p->article ? std::string("the ") + p->name : chokepoint_name(tag);
}

std::string crossing_name(const Network& net, NodeIndex from, NodeIndex to, const std::string& from_country,
                          const std::string& to_country) {
  const auto& a = net.nodes[from];
  const auto& b = net.nodes[to];
  const std::string countries = " (" + from_country + "-" + to_country + ")";
  const bool stations = a.kind == NodeKind::border_station || b.kind == NodeKind::border_station;
  return a.name + " - " + b.name + (stations ? "" : " line") + countries;
}

std::string border_name(const Network& net, const std::string& country_a, const std::string& country_b) {
  const auto* a = net.country(country_a);
  const auto* b = net.country(country_b);
  const std::string ids = country_a + "-" + country_b;
  if (!a || !b || a->name.empty() || b->name.empty()) return ids;
  return a->name + " - " + b->name + " (" + ids + ")";
}

}  // namespace silkroute
