#pragma once
// What the sweep runner (python/silkroute/sweep*) needs from the engine beyond the ordinary
// queries: scenarios read from their portable JSON, demand totals per pair, the network's
// elements with their projects and years, and TOML read with the line of every key.

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include <cmath>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "analysis/pair_routing.hpp"
#include "engine/engine.hpp"
#include "routing/router.hpp"
#include "scenario/scenario_json.hpp"

namespace silkroute::sweep {

// A scenario from its canonical JSON, with every id checked against the network.
inline Scenario scenario_of_json(const Network& net, const std::string& text) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw ScenarioError(std::string("<sweep scenario>: not JSON: ") + e.what());
  }
  auto s = scenario_from_json(j);
  check_scenario_ids(net, s);
  return s;
}

// origin id, destination id, weight, routed, time_h, cost_usd, co2_kg, distance_km,
// generalized_cost_usd, label, demand lane. NaN figures where there is no route.
using PairTotals =
    std::tuple<std::string, std::string, double, bool, double, double, double, double, double, std::string, std::string>;

inline std::vector<PairTotals> pair_totals(const Engine& engine, const Scenario& scenario,
                                           const std::vector<OdPair>& pairs, const std::string& cargo,
                                           const std::string& objective, unsigned threads) {
  const auto& net = engine.network();
  cargo_for(net, cargo);  // an unknown cargo class: the engine's message, with "did you mean"
  const PairRoutingOptions options{cargo, objective_from_text(objective), threads};
  const auto routes = route_pairs(net, engine.cache(), scenario, pairs, options);
  std::vector<PairTotals> out;
  out.reserve(pairs.size());
  const double nan = std::nan("");
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const auto& p = pairs[i];
    const auto& r = routes[i];
    if (r)
      out.emplace_back(net.nodes[p.from].id, net.nodes[p.to].id, p.weight, true, r->total.time_h,
                       r->total.cost_usd, r->total.co2_kg, r->total.distance_km, r->generalized_cost_usd, r->label, p.lane);
    else
      out.emplace_back(net.nodes[p.from].id, net.nodes[p.to].id, p.weight, false, nan, nan, nan, nan, nan,
                       "", p.lane);
  }
  return out;
}

// kind (link, node, transfer, agreement), id, mode or node kind, chokepoint, country (nodes) or the two
// countries of a cross-border link "AAA-BBB", opened_year (0: always there), project.
using Element = std::tuple<std::string, std::string, std::string, std::string, std::string, int, std::string>;

inline std::vector<Element> elements(const Network& net) {
  std::vector<Element> out;
  auto year = [](int y) { return y == kAlwaysOpen ? 0 : y; };
  for (const auto& n : net.nodes)
    out.emplace_back("node", n.id, std::string(node_kind_name(n.kind)), "", n.country, year(n.opened_year), n.project);
  for (const auto& l : net.links) {
    const auto& a = net.nodes[l.from].country;
    const auto& b = net.nodes[l.to].country;
    const std::string countries = (!a.empty() && !b.empty() && a != b) ? (a < b ? a + "-" + b : b + "-" + a) : "";
    out.emplace_back("link", l.id, std::string(mode_name(l.mode)), l.chokepoint, countries, year(l.opened_year),
                     l.project);
  }
  for (std::size_t i = 0; i < net.transfers.size(); ++i) {
    const auto& t = net.transfers[i];
    out.emplace_back("transfer", net.transfer_key(i), "", "", net.nodes[t.node].country, year(t.opened_year),
                     t.project);
  }
  for (const auto& a : net.agreements)
    out.emplace_back("agreement", a.id, a.kind, "", a.country_a + "-" + a.country_b, year(a.year), "");
  return out;
}

namespace detail {

inline nlohmann::json to_json(const toml::node& n, const std::string& path, std::map<std::string, int>& lines) {
  lines[path] = static_cast<int>(n.source().begin.line);
  if (auto* t = n.as_table()) {
    auto out = nlohmann::json::object();
    for (const auto& [k, v] : *t) {
      const std::string key(k.str());
      out[key] = to_json(v, path.empty() ? key : path + "." + key, lines);
      // A key's own line (where "key =" is written), which for tables differs from the value's.
      if (k.source().begin.line) lines[path.empty() ? key : path + "." + key] = static_cast<int>(k.source().begin.line);
    }
    return out;
  }
  if (auto* a = n.as_array()) {
    auto out = nlohmann::json::array();
    for (std::size_t i = 0; i < a->size(); ++i) out.push_back(to_json((*a)[i], path + "[" + std::to_string(i) + "]", lines));
    return out;
  }
  if (auto v = n.value<std::string>(); v && n.is_string()) return *v;
  if (n.is_integer()) return n.value<std::int64_t>().value();
  if (n.is_floating_point()) return n.value<double>().value();
  if (n.is_boolean()) return n.value<bool>().value();
  std::ostringstream text;  // dates and times: as TOML writes them
  if (auto* d = n.as_date()) text << *d;
  else if (auto* tm = n.as_time()) text << *tm;
  else if (auto* dt = n.as_date_time()) text << *dt;
  return text.str();
}

}  // namespace detail

// The TOML text as JSON text, and the line of every key by its path ("a.b[2].c").
// A syntax error raises ValueError "source:line:column: message".
inline std::pair<std::string, std::map<std::string, int>> parse_toml(const std::string& text, const std::string& source) {
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    throw std::invalid_argument(source + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) + ": " +
                                std::string(e.description()));
  }
  std::map<std::string, int> lines;
  auto j = detail::to_json(root, "", lines);
  lines.erase("");
  return {j.dump(), lines};
}

}  // namespace silkroute::sweep
