#include "scenario/avoid.hpp"

#include <algorithm>
#include <set>

namespace silkroute {

std::vector<std::string> known_chokepoints(const Network& net) {
  std::set<std::string> names = {"suez", "babelmandeb", "hormuz", "malacca", "sunda", "gibraltar", "bosporus",
                                 "dardanelles", "panama", "dover", "capegoodhope", "lombok", "kiel"};
  for (const auto& l : net.links)
    if (!l.chokepoint.empty()) names.insert(l.chokepoint);
  return {names.begin(), names.end()};
}

namespace {

bool add_country(const Network& net, const std::string& text, Closures& closed) {
  std::string upper;
  for (char c : text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (net.country(upper)) {
    closed.countries.insert(upper);
    return true;
  }
  const auto q = normalize_name(text);
  for (const auto& c : net.countries) {
    if (normalize_name(c.name) == q) {
      closed.countries.insert(c.iso3);
      return true;
    }
  }
  return false;
}

}  // namespace

void add_avoid_item(const Network& net, const PlaceFinder& places, const std::string& raw, Closures& closed) {
  std::string kind;
  std::string item = raw;
  if (auto colon = raw.find(':'); colon != std::string::npos) {
    kind = raw.substr(0, colon);
    item = raw.substr(colon + 1);
  }
  const auto chokepoints = known_chokepoints(net);
  std::string lower;
  for (char c : item) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));

  if (kind.empty() || kind == "mode") {
    if (auto m = parse_mode(lower)) {
      closed.modes.insert(*m);
      return;
    }
    if (kind == "mode") throw std::invalid_argument("avoid: unknown mode '" + item + "'; modes are " + mode_names());
  }
  if (kind.empty() || kind == "chokepoint") {
    const auto norm = normalize_name(item);
    for (const auto& c : chokepoints) {
      if (normalize_name(c) == norm) {
        closed.chokepoints.insert(c);
        return;
      }
    }
    if (kind == "chokepoint") {
      std::string list;
      for (const auto& c : chokepoints) list += (list.empty() ? "" : ", ") + c;
      throw std::invalid_argument("avoid: unknown chokepoint '" + item + "'; known: " + list);
    }
  }
  if (kind.empty() || kind == "country") {
    if (add_country(net, item, closed)) return;
    if (kind == "country") throw std::invalid_argument("avoid: unknown country '" + item + "' (use ISO 3166 alpha-3, e.g. RUS)");
  }
  if (kind.empty() || kind == "link") {
    if (auto l = net.link_by_id(item)) {
      closed.links.insert(net.links[*l].id);
      return;
    }
    if (kind == "link") throw std::invalid_argument("avoid: unknown link id '" + item + "'");
  }
  if (kind == "transfer") {  // only by its kind: a key (node:from-to) is no place name
    if (!net.transfer_by_key(item)) {
      std::vector<std::string> keys;
      for (std::size_t i = 0; i < net.transfers.size(); ++i) keys.push_back(net.transfer_key(i));
      throw std::invalid_argument("avoid: unknown transfer '" + item + "'" + did_you_mean(item, keys) +
                                  " (node:from-to, a row of transfers.csv)");
    }
    closed.transfers.insert(item);
    return;
  }
  if (kind.empty() || kind == "node") {
    try {
      const auto match = places.find(item);
      // A guessed place would close something the user did not name: ask instead.
      if (!match.exact)
        throw PlaceNotFound("unknown item '" + item + "'; did you mean the place " + net.nodes[match.node].name + " (id " +
                            net.nodes[match.node].id + ")?");
      closed.nodes.insert(net.nodes[match.node].id);
      return;
    } catch (const PlaceNotFound& e) {
      throw std::invalid_argument("avoid: '" + raw + "' is not a country, chokepoint, mode, link or place: " + e.what());
    }
  }
  throw std::invalid_argument("avoid: unknown kind '" + kind + "' in '" + raw +
                              "'; use country:, chokepoint:, mode:, link:, node: or transfer:");
}

}  // namespace silkroute
