// Transfers at a node (routing/topology.hpp): a carrier change leads into a departure state, so
// every route's steps read leg, change, leg. No two changes at one node without a leg between
// (rail -> road -> rail would skip the gauge-change yard and its capacity), no handling step
// without a leg of its carrier (rail -> sea -> road in a port with no ship).
#include <gtest/gtest.h>

#include "test_support.hpp"

#include <algorithm>
#include <sstream>
#include <variant>

#include "io/published_pairs_reader.hpp"
#include "network/place_finder.hpp"
#include "routing/router.hpp"
#include "routing/route_builder.hpp"
#include "routing/shortest_path.hpp"
#include "scenario/scenario_file.hpp"

using namespace silkroute;

namespace {

using test::bri;

// A route's steps in travel order: a leg (its carrier), or a handling step (load, dispatch,
// change, unload, clearance). Border crossings change no carrier and are left out.
struct Step {
  bool leg = false;
  std::optional<Carrier> from, to;  // a leg: both its carrier; a load: to; an unload: from
  StopKind kind = StopKind::load;
  NodeIndex node = kNoNode;
  int order = 0;
};

std::vector<Step> steps_of(const Route& r) {
  std::vector<Step> out;
  const Carrier truck{Mode::road, 0};
  if (r.access) out.push_back({true, truck, truck, StopKind::load, r.access->terminal, r.access->order});
  for (const auto& l : r.legs) out.push_back({true, l.carrier, l.carrier, StopKind::load, l.to, l.order});
  for (const auto& s : r.stops) out.push_back({false, s.from, s.to, s.kind, s.node, s.order});
  if (r.egress) out.push_back({true, truck, truck, StopKind::load, r.egress->terminal, r.egress->order});
  std::sort(out.begin(), out.end(), [](const Step& a, const Step& b) { return a.order < b.order; });
  return out;
}

bool same_mode(const std::optional<Carrier>& a, const std::optional<Carrier>& b) {
  // Access legs are trucks of any gauge-less carrier; compare modes there, carriers elsewhere.
  return a && b && (a->mode == Mode::road || b->mode == Mode::road ? a->mode == b->mode : *a == *b);
}

// Empty when the route keeps the rules, else what it breaks.
std::string broken_rule(const Network& net, const Route& r) {
  const auto steps = steps_of(r);
  auto name = [&](const Step& s) { return std::string(stop_kind_name(s.kind)) + " at " + net.nodes[s.node].name; };
  auto leg_before = [&](std::size_t i) -> const Step* {
    for (std::size_t j = i; j-- > 0;) {
      if (steps[j].leg) return &steps[j];
      if (steps[j].kind == StopKind::mode_change || steps[j].kind == StopKind::gauge_change) return nullptr;
    }
    return nullptr;
  };
  auto leg_after = [&](std::size_t i) -> const Step* {
    for (std::size_t j = i + 1; j < steps.size(); ++j) {
      if (steps[j].leg) return &steps[j];
      if (steps[j].kind == StopKind::mode_change || steps[j].kind == StopKind::gauge_change) return nullptr;
    }
    return nullptr;
  };
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& s = steps[i];
    if (s.leg) continue;
    const bool change = s.kind == StopKind::mode_change || s.kind == StopKind::gauge_change;
    if (change || s.kind == StopKind::unload) {
      const auto* before = leg_before(i);
      if (!before) return name(s) + " with no leg before it since the last change";
      if (!same_mode(before->to, s.from)) return name(s) + " off a carrier the leg before it is not on";
    }
    if (change || s.kind == StopKind::load || s.kind == StopKind::dispatch) {
      const auto* after = leg_after(i);
      if (!after) return name(s) + " with no leg after it before the next change";
      if (!same_mode(after->from, s.to)) return name(s) + " onto a carrier the leg after it is not on";
    }
  }
  return {};
}

std::string describe(const Network& net, const Route& r) {
  std::ostringstream out;
  for (const auto& s : steps_of(r)) {
    if (s.leg) out << " [" << mode_name(s.from->mode) << " leg to " << net.nodes[s.node].name << "]";
    else out << " [" << stop_kind_name(s.kind) << " at " << net.nodes[s.node].name << "]";
  }
  return out.str();
}

// Origins spread over the network (every 29th node that is not a sea waypoint), fixed.
std::vector<NodeIndex> spread_nodes(const Network& net, std::size_t step) {
  std::vector<NodeIndex> out;
  for (NodeIndex n = 0; n < static_cast<NodeIndex>(net.nodes.size()); n += static_cast<NodeIndex>(step))
    if (net.nodes[n].kind != NodeKind::waypoint) out.push_back(n);
  return out;
}

}  // namespace

// Many routes on data/bri, in scenarios that push traffic onto other corridors: every one
// reads leg, change, leg, and every handling step has its leg.
TEST(TransferSteps, EveryRouteHasALegBetweenChangesAndWithEveryHandlingStep) {
  const auto& net = bri();
  const auto topology = test::cache().topology(net);
  const auto origins = spread_nodes(net, 29);
  const auto destinations = spread_nodes(net, 7);
  ASSERT_GE(origins.size(), 20u);
  std::size_t routes = 0, changes = 0;
  for (const char* name : {"today", "avoid-russia", "red-sea-closure"}) {
    const auto scenario = load_scenario(net, name);
    const CostModel cost(net, net.cargo_classes.front(), Objective::time, scenario);
    const auto metric = test::cache().metric(net, cost);
    for (auto from : origins) {
      const ShortestPathTree tree(topology, metric, from);
      for (auto to : destinations) {
        const auto path = tree.path_to(to);
        if (!path) continue;
        const auto route = build_route(net, *topology, *metric, *path);
        ++routes;
        for (const auto& s : route.stops) changes += s.kind == StopKind::mode_change || s.kind == StopKind::gauge_change;
        const auto broken = broken_rule(net, route);
        EXPECT_EQ(broken, "") << name << ": " << net.nodes[from].name << " -> " << net.nodes[to].name << ":"
                              << describe(net, route);
      }
    }
  }
  // The check saw real multimodal routes, not only single-carrier ones.
  EXPECT_GE(routes, 3000u);
  EXPECT_GE(changes, 1000u);
}

// The published pairs (places, some joined by road), with alternatives: the routes users read.
TEST(TransferSteps, PublishedPairsAndTheirAlternativesKeepTheRules) {
  const auto& engine = test::bri_engine();
  auto pairs = read_published_pairs(std::string(SILKROUTE_SOURCE_DIR) + "/tests/calibration/published_pairs.csv");
  const auto holdout = read_published_pairs(std::string(SILKROUTE_SOURCE_DIR) + "/tests/calibration/holdout_pairs.csv");
  pairs.insert(pairs.end(), holdout.begin(), holdout.end());
  ASSERT_GE(pairs.size(), 200u);
  std::size_t routes = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    RouteRequest req;
    req.from = pairs[i].origin;
    req.to = pairs[i].destination;
    req.alternatives = i % 4 == 0 ? 3 : 0;  // alternatives on a quarter of the pairs keep it fast
    req.scenario.name = i % 3 == 0 ? "red-sea-closure" : i % 3 == 1 ? "avoid-russia" : "today";
    RouteResult result;
    try {
      result = engine.route(req);
    } catch (const std::exception&) {
      continue;  // a place the network does not have yet (holdout rows): not this test's concern
    }
    for (const auto& r : result.answer.routes) {
      ++routes;
      EXPECT_EQ(broken_rule(engine.network(), r), "")
          << req.from << " -> " << req.to << " (" << req.scenario.name << "):" << describe(engine.network(), r);
    }
  }
  EXPECT_GE(routes, 150u);
}

// A train from China into Kazakhstan changes gauge at the yard (Altynkol or Dostyk), never by
// a truck between two trains there, and the structure allows no other way: every carrier
// change leads to a state that can only leave on its own carrier's links.
TEST(TransferSteps, ATrainIntoKazakhstanChangesGaugeAtTheYard) {
  const auto& net = bri();
  const auto topology = test::cache().topology(net);
  for (EdgeIndex e = 0; e < static_cast<EdgeIndex>(topology->edge_count()); ++e) {
    if (topology->edges[e].kind != EdgeKind::carrier_change) continue;
    const auto d = topology->edges[e].to;
    ASSERT_TRUE(topology->is_departure(d));
    for (auto out = topology->first_edge[d]; out < topology->first_edge[d + 1]; ++out) {
      ASSERT_TRUE(is_link_edge(topology->edges[out].kind));
      EXPECT_TRUE(net.links[topology->edges[out].ref].carrier() == topology->state_carrier[d]);
    }
  }
  // Rail only (a cargo class that cannot go by road): from Xi'an (1435 mm) to Almaty (1520 mm).
  const auto& engine = test::bri_engine();
  for (const char* scenario : {"today", "red-sea-closure"}) {
    RouteRequest req;
    req.from = "Xi'an";
    req.to = "Almaty";
    req.alternatives = 2;
    req.avoid = {"road"};
    req.scenario.name = scenario;
    const auto result = engine.route(req);
    ASSERT_FALSE(result.answer.routes.empty()) << scenario;
    for (const auto& r : result.answer.routes) {
      int gauge_changes = 0;
      for (const auto& s : r.stops) {
        // No truck between two trains (a sea hop between two ports may be an alternative).
        if (s.kind == StopKind::mode_change && s.from && s.to)
          EXPECT_TRUE(s.from->mode != Mode::road && s.to->mode != Mode::road) << scenario << ":" << describe(net, r);
        gauge_changes += s.kind == StopKind::gauge_change;
      }
      EXPECT_EQ(gauge_changes, 1) << scenario << ":" << describe(net, r);
    }
    // The best one crosses into Kazakhstan directly, changing at one of its two yards.
    const auto& best = result.answer.routes.front();
    const auto yard = std::find_if(best.stops.begin(), best.stops.end(),
                                   [](const Stop& s) { return s.kind == StopKind::gauge_change; });
    ASSERT_NE(yard, best.stops.end());
    const auto& id = net.nodes[yard->node].id;
    EXPECT_TRUE(id == "altynkol" || id == "dostyk") << id;
  }
  // With trucks allowed, a train crossing at Altynkol still changes gauge there: the best
  // route Xi'an -> Duisburg today leaves Altynkol on 1520 mm after arriving by 1435 mm rail or
  // by road, never rail -> road -> rail.
  RouteRequest req;
  req.from = "Xi'an";
  req.to = "Duisburg";
  req.alternatives = 3;
  const auto result = engine.route(req);
  ASSERT_FALSE(result.answer.routes.empty());
  for (const auto& r : result.answer.routes) EXPECT_EQ(broken_rule(net, r), "") << describe(net, r);
}

// A truck bringing a box to a train is charged at least what the rail terminal charges to load
// a train that starts there (and a train's box lifted onto a truck what unloading it costs):
// otherwise trucking to the next station beats loading the same train at the origin.
TEST(TransferSteps, ATruckToTrainLiftCostsWhatLoadingTheTrainCosts) {
  const auto& net = bri();
  const auto topology = test::cache().topology(net);
  const CostModel cost(net, net.cargo_classes.front(), Objective::time, Scenario{});
  const auto metric = test::cache().metric(net, cost);
  const auto loading = cost.handling_cost(Mode::rail);
  int lifts = 0;
  for (EdgeIndex e = 0; e < static_cast<EdgeIndex>(topology->edge_count()); ++e) {
    if (topology->edges[e].kind != EdgeKind::carrier_change || metric->edge_transfer[e] < 0) continue;
    const auto a = topology->state_carrier[topology->edge_from[e]].mode;
    const auto b = topology->state_carrier[topology->edges[e].to].mode;
    if (!((a == Mode::road && b == Mode::rail) || (a == Mode::rail && b == Mode::road))) continue;
    ++lifts;
    EXPECT_GE(metric->edge_metrics[e].cost_usd, loading.cost_usd);
    EXPECT_GE(metric->edge_metrics[e].time_h, loading.time_h);
  }
  EXPECT_GE(lifts, 100);
  // Xi'an -> Duisburg: where a route trucks to a station and changes onto a train, the change
  // weighs at least the loading and train assembly of a route that loads the train at Xi'an.
  RouteRequest req;
  req.from = "Xi'an";
  req.to = "Duisburg";
  req.alternatives = 6;  // the route that trucks to a station ranks fifth under the time model of session 15
  const auto result = test::bri_engine().route(req);
  const Stop* origin_load = nullptr;
  const Stop* origin_dispatch = nullptr;
  std::vector<const Stop*> truck_to_train;
  for (const auto& r : result.answer.routes)
    for (const auto& s : r.stops) {
      if (s.kind == StopKind::load && s.to && s.to->mode == Mode::rail) origin_load = &s;
      if (s.kind == StopKind::dispatch) origin_dispatch = &s;
      if (s.kind == StopKind::mode_change && s.from->mode == Mode::road && s.to->mode == Mode::rail)
        truck_to_train.push_back(&s);
    }
  ASSERT_TRUE(origin_load && origin_dispatch);
  ASSERT_FALSE(truck_to_train.empty());
  for (const auto* s : truck_to_train) {
    EXPECT_GE(s->cost_usd, origin_load->cost_usd + origin_dispatch->cost_usd) << net.nodes[s->node].name;
    EXPECT_GE(s->dwell_h, origin_load->dwell_h + origin_dispatch->dwell_h) << net.nodes[s->node].name;
  }
}
