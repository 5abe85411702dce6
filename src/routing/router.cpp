#include "routing/router.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "routing/alternatives.hpp"
#include "routing/mode_chain.hpp"
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


namespace {

std::string node_label(const Network& net, NodeIndex n);
std::string join(const std::vector<std::string>& items, const std::string& sep = ", ");

// The ends of a query: a node's states, or the states of a place's terminals, each weighted by
// its first (last) mile. Keeps the legs so the route can show them.
//
// A place that is not a node joins the network by a road leg to each of its nearest terminals.
// Where road is open the truck arrives on the terminal's road state and may go on by road or
// change carrier there (a transfer the data has). Where the scenario avoids road, road is closed
// as a line-haul mode only: the first and last miles stay, to the nearest terminal of each open
// mode, and the box is loaded there onto the carrier it leaves by, as a route from that node
// would be (unloaded likewise at the destination's terminal). A cargo that cannot go by road, or
// a closed terminal, does not join.
struct QueryEnds {
  PathEnds ends;
  std::vector<AccessLeg> from_legs;  // per source, when the origin joins by road
  std::vector<AccessLeg> to_legs;    // per target, when the destination joins by road
  bool loaded_at_terminals = false;  // road avoided: loading (unloading) at the terminal follows (precedes) the leg
};

QueryEnds query_ends(const Network& net, const Topology& t, const Metric& m, const CostModel& cost, const RouteQuery& q) {
  QueryEnds out;
  out.ends = node_ends(t, m, q.from, q.to);
  // Where the cargo comes from, for import clearance at the destination: the origin node, or
  // the nearest terminal of an origin place.
  const auto origin = q.from != kNoNode ? q.from : q.from_terminals.empty() ? kNoNode : q.from_terminals.front().node;
  if (q.from == kNoNode)
    for (auto& e : out.ends.targets) e.weight = m.end_weight(t, e.state, origin);
  out.loaded_at_terminals = cost.scenario().closed.modes.count(Mode::road) > 0;
  auto joined = [&](const std::vector<AccessTerminal>& terminals, std::vector<PathEnd>& ends, std::vector<AccessLeg>& legs) {
    ends.clear();
    if (!q.access || !cost.mode_allowed(Mode::road)) return;
    const bool arriving = &ends == &out.ends.targets;
    // Road avoided: each mode is reached at its nearest terminal only (terminals come nearest
    // first), so a first mile is never a long drive past a nearer station standing in for the
    // line haul.
    std::set<Mode> served;
    for (const auto& term : terminals) {
      const auto served_nearer = served;
      // A closed terminal (avoided, in an avoided country, not yet open) is no end.
      if (!cost.scenario().node_open(net, term.node)) continue;
      const auto c = access_leg_cost(cost, *q.access, term.great_circle_km, net.nodes[term.node].country);
      const AccessLeg leg{term.node, term.great_circle_km, c.total(), c.handling.time_h, c.handling.cost_usd, 0, c.rest_h};
      const double w = cost.weight(c.total());
      auto add = [&](StateIndex s, double weight, bool loaded) {
        ends.push_back({s, w + weight, loaded});
        legs.push_back(leg);
      };
      for (StateIndex s : t.states_of(term.node)) {
        if (out.loaded_at_terminals) {
          // Loaded onto (unloaded from) a carrier with an open link there, as at a route's end node.
          const auto mode = t.state_carrier[s].mode;
          if (served_nearer.count(mode)) continue;
          if (arriving) {
            if (m.state_handling_weight[s] == kClosed) continue;
            add(s, m.end_weight(t, s, origin), false);
          } else {
            const auto o = m.origin_state(t, s);
            if (m.state_origin_weight[o] == kClosed) continue;
            add(o, m.origin_weight(o, q.to), true);
          }
          served.insert(mode);
          continue;
        }
        // The truck arrives on the road state, and may go on by road or change carrier there.
        if (t.state_carrier[s].mode != Mode::road) continue;
        const double clearance = arriving ? m.clearance_weight(t, s, origin) : 0.0;
        add(s, clearance, false);
        // A last mile also leaves from the truck a box was changed onto there (rail in, truck
        // out): the road departure state.
        if (arriving && t.state_twin[s] >= 0) add(t.state_twin[s], clearance, false);
      }
    }
  };
  if (q.from == kNoNode) {
    joined(q.from_terminals, out.ends.sources, out.from_legs);
    out.ends.sources_joined = true;
  }
  if (q.to == kNoNode) {
    joined(q.to_terminals, out.ends.targets, out.to_legs);
    out.ends.targets_joined = true;
  }
  return out;
}

Route build_query_route(const Network& net, const Topology& t, const Metric& m, const QueryEnds& ends,
                        const StatePath& path) {
  RouteEnds re;
  if (!ends.from_legs.empty() && path.source >= 0) re.access = ends.from_legs[path.source];
  if (!ends.to_legs.empty() && path.target >= 0) re.egress = ends.to_legs[path.target];
  re.loaded_after_access = re.unloaded_before_egress = ends.loaded_at_terminals;
  return build_route(net, t, m, path, re);
}

// Why a place that joins by road has no route: its terminals are closed, or none of them
// connects (then the reason between the nearest ones).
std::string explain_joined(const Network& net, RoutingCache& cache, const Scenario& scenario, const CargoClass& cargo,
                           const RouteQuery& q, const QueryEnds& ends) {
  auto nearest = [&](NodeIndex node, const std::vector<AccessTerminal>& terminals) {
    return node != kNoNode ? node : terminals.empty() ? kNoNode : terminals.front().node;
  };
  const bool road_allowed =
      std::find(cargo.excluded_modes.begin(), cargo.excluded_modes.end(), Mode::road) == cargo.excluded_modes.end();
  auto cannot_join = [&](const char* role, const std::vector<AccessTerminal>& terminals) {
    std::string why = std::string("the ") + role + " cannot join the network: ";
    if (!road_allowed) return why + "cargo '" + cargo.id + "' cannot go by road, and it is not a node";
    std::vector<std::string> names;
    bool any_open = false;
    for (const auto& t : terminals) {
      names.push_back(node_label(net, t.node));
      any_open = any_open || scenario.node_open(net, t.node);
    }
    if (any_open && scenario.closed.modes.count(Mode::road))
      return why + "road is avoided, and none of the terminals it could join at by its first or last mile (" +
             join(names) + ") has an open line of another mode";
    return why + "every terminal it could join at is closed in this scenario (" + join(names) + ")";
  };
  if (q.from == kNoNode && ends.ends.sources.empty()) return cannot_join("origin", q.from_terminals);
  if (q.to == kNoNode && ends.ends.targets.empty()) return cannot_join("destination", q.to_terminals);
  const auto a = nearest(q.from, q.from_terminals);
  const auto b = nearest(q.to, q.to_terminals);
  if (a == b) return "both places join the network at the same terminal (" + net.nodes[a].name + "): a truck, not a network route";
  return "between the nearest terminals (" + net.nodes[a].name + ", " + net.nodes[b].name +
         "): " + explain_no_route(net, cache, scenario, cargo, q.objective, a, b);
}

}  // namespace

RouteAnswer find_routes(const Network& net, RoutingCache& cache, const Scenario& scenario, const RouteQuery& q) {
  const auto& cargo = cargo_for(net, q.cargo);
  const CostModel cost(net, cargo, q.objective, scenario);
  const auto topology = cache.topology(net);
  const auto metric = cache.metric(net, cost);
  RouteAnswer answer;
  // A place whose terminal is the other end is a truck trip, not a network route.
  for (auto [node, terminals] : {std::pair{q.to, &q.from_terminals}, std::pair{q.from, &q.to_terminals}})
    for (const auto& t : *terminals)
      if (t.node == node && node != kNoNode) {
        answer.no_route_reason = "the place joins the network at " + net.nodes[node].name +
                                 ", the other end itself: the whole trip is a road leg of about " +
                                 std::to_string(static_cast<long long>(t.great_circle_km * (q.access ? q.access->circuity_factor : 1.0))) +
                                 " km, not a network route";
        return answer;
      }
  const auto ends = query_ends(net, *topology, *metric, cost, q);
  const bool joined = q.from == kNoNode || q.to == kNoNode;
  std::optional<StatePath> best;
  if (joined) best = shortest_path(*topology, *metric, ends.ends);
  else best = shortest_path(*topology, *metric, q.from, q.to);
  if (!best) {
    answer.no_route_reason = joined ? explain_joined(net, cache, scenario, cargo, q, ends)
                                    : explain_no_route(net, cache, scenario, cargo, q.objective, q.from, q.to);
    return answer;
  }
  answer.routes.push_back(build_query_route(net, *topology, *metric, ends, *best));

  if (joined) {
    // A place joined by road: the penalty method over its terminals (the via-node method of
    // routing/alternatives.hpp needs node ends), with the same detour bound.
    // Penalty method: each search after the first finds the best route with the links of
    // earlier finds made dearer; only routes different enough from every kept one are kept.
    std::vector<double> penalty(net.links.size(), 1.0);
    auto penalize = [&](const Route& r) {
      for (auto l : r.links()) penalty[l] *= 2.0;
    };
    penalize(answer.routes.front());
    const int wanted = 1 + std::max(0, q.alternatives);
    const int max_searches = 8 * std::max(0, q.alternatives);
    AlternativeOptions sharing;
    sharing.max_shared_fraction = q.max_shared_fraction;
    for (int i = 0; i < max_searches && static_cast<int>(answer.routes.size()) < wanted; ++i) {
      auto path = joined ? shortest_path(*topology, *metric, ends.ends, {.link_penalty = &penalty})
                         : shortest_path(*topology, *metric, q.from, q.to, {.link_penalty = &penalty});
      if (!path) break;
      auto candidate = build_query_route(net, *topology, *metric, ends, *path);
      penalize(candidate);
      bool distinct = true;
      const bool near_tie =
          cost.weight(candidate.total) <= sharing.near_tie * cost.weight(answer.routes.front().total);
      for (const auto& kept : answer.routes)
        distinct = distinct && shares_little(net, candidate, kept, near_tie, sharing);
      distinct = distinct && cost.weight(candidate.total) <= q.max_detour * cost.weight(answer.routes.front().total);
      distinct = distinct && absurd_mode_chain(net, candidate, answer.routes.front()).empty();
      if (distinct) answer.routes.push_back(std::move(candidate));
    }
    std::stable_sort(answer.routes.begin() + 1, answer.routes.end(),
                     [&](const Route& a, const Route& b) { return cost.weight(a.total) < cost.weight(b.total); });
  } else {
    // Alternatives: admissible ones only (routing/alternatives.hpp), cheapest first.
    AlternativeOptions options;
    options.wanted = std::max(0, q.alternatives);
    options.max_detour = q.max_detour;
    options.max_shared_fraction = q.max_shared_fraction;
    for (auto& r : find_alternatives(net, *topology, *metric, q.from, q.to, *best, answer.routes.front(), options))
      answer.routes.push_back(std::move(r));
  }
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

std::string join(const std::vector<std::string>& items, const std::string& sep) {
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
  for (const auto& k : scenario.closed.transfers) {
    Item it{"avoided transfer " + k, scenario, cargo};
    it.scenario.closed.transfers.erase(k);
    items.push_back(it);
  }
  if (scenario.month) {
    std::vector<std::string> passes;
    for (const auto& link : net.links)
      if (link.closed_months >> scenario.month & 1u) passes.push_back(link.id);
    if (!passes.empty()) {
      Item it{"seasonal closure in month " + std::to_string(scenario.month) + " (" + join(passes, ", ") + ")", scenario, cargo};
      it.scenario.month = 0;
      items.push_back(it);
    }
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
  open.month = 0;  // seasonal closures are restrictions too
  CargoClass any_mode_cargo = cargo;
  any_mode_cargo.excluded_modes.clear();
  if (has_route(net, topology, open, any_mode_cargo, objective, from, to))
    return blocking_restrictions(net, topology, scenario, cargo, objective, from, to);
  if (auto why = later_projects(net, topology, scenario, open, any_mode_cargo, objective, from, to)) return *why;
  if (auto why = missing_facilities(net, topology, open, any_mode_cargo, objective, from, to)) return *why;
  return node_label(net, from) + " and " + node_label(net, to) + " are not connected in the network";
}

}  // namespace silkroute
