#include "routing/router.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "routing/alternatives.hpp"
#include "routing/route_builder.hpp"
#include "routing/shortest_path.hpp"

namespace silkroute {

const CargoClass& cargo_for(const Network& net, const std::string& id) {
  if (id.empty()) return net.cargo_classes.front();
  if (const auto* c = net.cargo(id)) return *c;
  std::string known;
  for (const auto& c : net.cargo_classes) known += (known.empty() ? "" : ", ") + c.id;
  throw std::invalid_argument("unknown cargo class '" + id + "'; known classes: " + known);
}

RouteAnswer find_routes(const Network& net, RoutingCache& cache, const Scenario& scenario, const RouteQuery& q) {
  const auto& cargo = cargo_for(net, q.cargo);
  const CostModel cost(net, cargo, q.objective, scenario);
  const auto topology = cache.topology(net);
  const auto metric = cache.metric(net, cost);
  RouteAnswer answer;
  auto best = shortest_path(*topology, *metric, q.from, q.to);
  if (!best) {
    answer.no_route_reason = explain_no_route(net, cache, scenario, cargo, q.objective, q.from, q.to);
    return answer;
  }
  answer.routes.push_back(build_route(net, *topology, *metric, *best));

  // Alternatives: admissible ones only (routing/alternatives.hpp), cheapest first.
  AlternativeOptions options;
  options.wanted = std::max(0, q.alternatives);
  options.max_detour = q.max_detour;
  options.max_shared_fraction = q.max_shared_fraction;
  for (auto& r : find_alternatives(net, *topology, *metric, q.from, q.to, *best, answer.routes.front(), options))
    answer.routes.push_back(std::move(r));
  return answer;
}

namespace {

bool has_route(const Network& net, const Topology& topology, const Scenario& scenario, const CargoClass& cargo,
               Objective objective, NodeIndex from, NodeIndex to) {
  const CostModel cost(net, cargo, objective, scenario);
  return shortest_path(topology, *customize(net, topology, cost), from, to).has_value();
}

std::string node_label(const Network& net, NodeIndex n) {
  const auto& node = net.nodes[n];
  return node.name + (node.country.empty() ? "" : " (" + node.country + ")");
}

std::string join(const std::vector<std::string>& items, const std::string& sep = ", ") {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

// Why a route cannot start or end: its place is closed, in a closed country, or not yet open.
std::optional<std::string> closed_end(const Network& net, const Scenario& scenario, NodeIndex from, NodeIndex to) {
  for (auto [n, role] : {std::pair{from, "origin"}, std::pair{to, "destination"}}) {
    const auto& node = net.nodes[n];
    if (scenario.closed.nodes.count(node.id)) return std::string("the ") + role + " " + node_label(net, n) + " is avoided";
    if (!node.country.empty() && scenario.closed.countries.count(node.country))
      return std::string("the ") + role + " " + node_label(net, n) + " lies in an avoided country (" + node.country + ")";
    if (node.opened_year > scenario.year)
      return std::string("the ") + role + " " + node_label(net, n) + " opened in " + std::to_string(node.opened_year) +
             ", after the scenario year " + std::to_string(scenario.year);
  }
  return std::nullopt;
}

// The closures (and the cargo's excluded modes) that cut every route, named one by one.
std::string blocking_restrictions(const Network& net, const Topology& topology, const Scenario& scenario,
                                  const CargoClass& cargo, Objective objective, NodeIndex from, NodeIndex to) {
  struct Item {
    std::string what;
    Scenario scenario;
    CargoClass cargo;
  };
  std::vector<Item> items;
  for (const auto& c : scenario.closed.countries) {
    Item it{"avoided country " + c, scenario, cargo};
    it.scenario.closed.countries.erase(c);
    items.push_back(it);
  }
  for (const auto& c : scenario.closed.chokepoints) {
    Item it{"avoided chokepoint " + c, scenario, cargo};
    it.scenario.closed.chokepoints.erase(c);
    items.push_back(it);
  }
  for (auto m : scenario.closed.modes) {
    Item it{"avoided mode " + std::string(mode_name(m)), scenario, cargo};
    it.scenario.closed.modes.erase(m);
    items.push_back(it);
  }
  for (const auto& n : scenario.closed.nodes) {
    Item it{"avoided node " + node_label(net, *net.node_by_id(n)), scenario, cargo};
    it.scenario.closed.nodes.erase(n);
    items.push_back(it);
  }
  for (const auto& l : scenario.closed.links) {
    Item it{"avoided link " + l, scenario, cargo};
    it.scenario.closed.links.erase(l);
    items.push_back(it);
  }
  for (auto m : cargo.excluded_modes) {
    // Say which cargo classes may use the mode, so the user knows what to try.
    std::vector<std::string> may;
    for (const auto& other : net.cargo_classes)
      if (std::find(other.excluded_modes.begin(), other.excluded_modes.end(), m) == other.excluded_modes.end())
        may.push_back(other.id);
    Item it{"mode " + std::string(mode_name(m)) + " (cargo '" + cargo.id + "' cannot use it" +
                (may.empty() ? std::string(")") : "; try cargo " + join(may, " or ") + ")"),
            scenario, cargo};
    auto& ex = it.cargo.excluded_modes;
    ex.erase(std::remove(ex.begin(), ex.end(), m), ex.end());
    items.push_back(it);
  }
  std::vector<std::string> single;
  std::vector<std::string> all;
  for (const auto& it : items) {
    all.push_back(it.what);
    if (has_route(net, topology, it.scenario, it.cargo, objective, from, to)) single.push_back(it.what);
  }
  if (single.size() == 1) return "every route uses the " + single.front();
  if (!single.empty()) return "every route uses one of: " + join(single, "; ") + " (lifting any one opens a route)";
  return "the restrictions together cut every route: " + join(all, "; ");
}

// The projects opened after the scenario year that would connect the two, if any.
std::optional<std::string> later_projects(const Network& net, const Topology& topology, const Scenario& scenario,
                                          const Scenario& open, const CargoClass& any_mode_cargo, Objective objective,
                                          NodeIndex from, NodeIndex to) {
  if (scenario.year >= kLatestYear) return std::nullopt;  // nothing opens later
  Scenario later = open;
  later.year = kLatestYear;
  const CostModel cost(net, any_mode_cargo, objective, later);
  const auto metric = customize(net, topology, cost);
  if (auto path = shortest_path(topology, *metric, from, to)) {
    std::vector<std::string> newer;
    for (auto l : build_route(net, topology, *metric, *path).links()) {
      const auto& link = net.links[l];
      if (link.opened_year > scenario.year)
        newer.push_back(link.id + " (" + std::to_string(link.opened_year) +
                        (link.project.empty() ? "" : ", " + link.project) + ")");
    }
    if (newer.size() > 6) newer.resize(6);
    return "no connection as of " + std::to_string(scenario.year) + "; it opens later with " + join(newer);
  }
  return std::nullopt;
}

// The gauge-change or transfer facilities a route would need but the data does not have.
std::optional<std::string> missing_facilities(const Network& net, const Topology& topology, const Scenario& open,
                                              const CargoClass& any_mode_cargo, Objective objective, NodeIndex from,
                                              NodeIndex to) {
  const CostModel cost(net, any_mode_cargo, objective, open);
  const auto metric = customize(net, topology, cost, {.allow_missing_transfers = true});
  if (auto path = shortest_path(topology, *metric, from, to)) {
    std::vector<std::string> missing;
    StateIndex at = path->first_state;
    for (auto e : path->edges) {
      const auto& edge = topology.edges[e];
      if (edge.kind == EdgeKind::carrier_change && metric->edge_transfer[e] < 0) {
        const auto c1 = topology.state_carrier[at];
        const auto c2 = topology.state_carrier[edge.to];
        const auto what = c1.mode == c2.mode ? "gauge-change facility" : "transfer facility";
        missing.push_back(std::string("no ") + what + " at " + node_label(net, topology.state_node[at]) + " from " +
                          carrier_name(c1) + " to " + carrier_name(c2));
      }
      at = edge.to;
    }
    return "the lines meet but cannot connect: " + join(missing, "; ");
  }
  return std::nullopt;
}

}  // namespace

std::string explain_no_route(const Network& net, RoutingCache& cache, const Scenario& scenario, const CargoClass& cargo,
                             Objective objective, NodeIndex from, NodeIndex to) {
  const auto topology_ptr = cache.topology(net);
  const auto& topology = *topology_ptr;
  if (auto why = closed_end(net, scenario, from, to)) return *why;
  // Without closures and with every mode: if a route exists, the restrictions are to blame.
  Scenario open = scenario;
  open.closed = {};
  CargoClass any_mode_cargo = cargo;
  any_mode_cargo.excluded_modes.clear();
  if (has_route(net, topology, open, any_mode_cargo, objective, from, to))
    return blocking_restrictions(net, topology, scenario, cargo, objective, from, to);
  if (auto why = later_projects(net, topology, scenario, open, any_mode_cargo, objective, from, to)) return *why;
  if (auto why = missing_facilities(net, topology, open, any_mode_cargo, objective, from, to)) return *why;
  return node_label(net, from) + " and " + node_label(net, to) + " are not connected in the network";
}

}  // namespace silkroute
