// A place that is not a node joins the network by a first and last mile by road. Avoiding road
// closes road as a line-haul mode only: the first and last miles stay, and the box is loaded
// onto another carrier at the terminal (routing/router.cpp, query_ends).
#include <gtest/gtest.h>

#include <algorithm>

#include "routing/router.hpp"
#include "test_support.hpp"

using namespace silkroute;
using test::bri;
using test::bri_engine;

namespace {

RouteResult route(const std::string& from, const std::string& to, std::vector<std::string> avoid) {
  RouteRequest r;
  r.from = from;
  r.to = to;
  r.alternatives = 2;
  r.avoid = std::move(avoid);
  return bri_engine().route(r);
}

bool by_road(const Leg& leg) { return leg.carrier.mode == Mode::road; }

// The load (unload) step at a joined end: at the terminal of its first (last) mile, onto (off)
// the carrier of the first (last) network leg, between that mile and that leg.
void expect_handled_at_terminal(const Route& r, StopKind kind, const AccessLeg& mile, const Leg& leg) {
  const auto stop = std::find_if(r.stops.begin(), r.stops.end(), [&](const Stop& s) { return s.kind == kind; });
  ASSERT_NE(stop, r.stops.end()) << stop_kind_name(kind);
  EXPECT_EQ(stop->node, mile.terminal);
  EXPECT_EQ(kind == StopKind::load ? stop->to : stop->from, leg.carrier);
  EXPECT_TRUE(std::min(mile.order, leg.order) < stop->order && stop->order < std::max(mile.order, leg.order));
}

// What a route joined at an end with road avoided must read: first mile, loading at its
// terminal, no road leg, unloading at the last terminal, last mile; and its parts add up.
void expect_joined_without_road(const RouteResult& result) {
  ASSERT_FALSE(result.answer.routes.empty()) << result.answer.no_route_reason;
  for (const auto& r : result.answer.routes) {
    SCOPED_TRACE(r.label);
    EXPECT_TRUE(std::none_of(r.legs.begin(), r.legs.end(), by_road));
    ASSERT_FALSE(r.legs.empty());
    EXPECT_EQ(r.access.has_value(), !result.from_place.is_node());
    EXPECT_EQ(r.egress.has_value(), !result.to_place.is_node());
    if (r.access) {
      EXPECT_EQ(r.legs.front().from, r.access->terminal);
      expect_handled_at_terminal(r, StopKind::load, *r.access, r.legs.front());
    }
    if (r.egress) {
      EXPECT_EQ(r.legs.back().to, r.egress->terminal);
      expect_handled_at_terminal(r, StopKind::unload, *r.egress, r.legs.back());
    }
    EXPECT_NEAR(test::sum_of_time_parts_h(r.time), r.total.time_h, 1e-6);
  }
}

}  // namespace

TEST(RoadAvoidedJoin, PlacesKeepTheirFirstAndLastMileByRail) {
  // A point near Jinhua (Zhejiang) to Arras (a town, not a node): its nearest terminal, Yiwu, has
  // rail and road but no road-rail transfer in the data; with road avoided the box is loaded
  // onto the train there (the Yiwu-Europe trains), where before the route was refused.
  const auto rail_only = route("29.08,119.65", "Arras", {"sea", "air", "road", "ferry"});
  ASSERT_FALSE(rail_only.from_place.is_node());
  ASSERT_FALSE(rail_only.to_place.is_node());
  expect_joined_without_road(rail_only);
  for (const auto& r : rail_only.answer.routes)
    for (const auto& leg : r.legs) EXPECT_EQ(leg.carrier.mode, Mode::rail) << r.label;
  // Issue 13's pairs: rail all the way, each end a node or joined by its own first/last mile.
  for (const auto& [from, to] : {std::pair{"Jinhua", "Dourges"}, std::pair{"Dadri", "Mundra"}}) {
    SCOPED_TRACE(std::string(from) + " - " + to);
    const auto result = route(from, to, {"sea", "air", "road"});
    ASSERT_NO_FATAL_FAILURE(expect_joined_without_road(result));
    for (const auto& leg : result.answer.routes.at(0).legs) EXPECT_EQ(leg.carrier.mode, Mode::rail);
  }
}

TEST(RoadAvoidedJoin, EveryModeButRoadStaysOpenAndNoLineHaulGoesByRoad) {
  // With road alone avoided the routes may sail or fly, never drive between terminals; with
  // road open the place joins as before, on the truck that may go on by road.
  for (const auto& [from, to] : {std::pair{"Nantong", "Duisburg"}, std::pair{"Chongqing", "Arras"},
                                 std::pair{"29.08,119.65", "Arras"}}) {
    SCOPED_TRACE(std::string(from) + " - " + to);
    expect_joined_without_road(route(from, to, {"road"}));
    const auto open = route(from, to, {});
    ASSERT_FALSE(open.answer.routes.empty()) << open.answer.no_route_reason;
    // No loading at the first terminal when the truck goes on as the network's road carrier.
    const auto& r = open.answer.routes[0];
    if (r.access) {
      for (const auto& s : r.stops) EXPECT_NE(s.kind, StopKind::load);
    }
  }
}

TEST(RoadAvoidedJoin, CargoThatCannotGoByRoadStillCannotJoin) {
  // A cargo class that may not go by road has no first mile, road avoided or not.
  Network net = bri();
  auto no_road = net.cargo_classes.front();
  no_road.id = "no_road_test";
  no_road.excluded_modes = {Mode::road};
  net.cargo_classes.push_back(no_road);
  const auto from = bri_engine().resolve_place("29.08,119.65", "from");
  ASSERT_FALSE(from.is_node());
  RouteQuery q;
  q.from_terminals = from.terminals;
  q.to = test::node(net, "duisburg");
  q.cargo = no_road.id;
  q.access = &*bri_engine().resolver().access();
  RoutingCache cache;
  for (const bool avoid_road : {false, true}) {
    Scenario s;
    if (avoid_road) s.closed.modes = {Mode::road};
    const auto answer = find_routes(net, cache, s, q);
    EXPECT_TRUE(answer.routes.empty());
    EXPECT_NE(answer.no_route_reason.find("cargo 'no_road_test' cannot go by road, and it is not a node"), std::string::npos)
        << answer.no_route_reason;
  }
}

TEST(RoadAvoidedJoin, ATerminalWithOnlyRoadGivesAClearReason) {
  // Road avoided and every terminal closed but by road: the reason names the terminals.
  const auto p = bri_engine().resolve_place("29.08,119.65", "from");
  ASSERT_FALSE(p.is_node());
  std::vector<std::string> avoid = {"road", "rail", "sea", "air", "ferry", "iww"};
  const auto result = route("29.08,119.65", "Duisburg", avoid);
  ASSERT_TRUE(result.answer.routes.empty());
  EXPECT_NE(result.answer.no_route_reason.find("road is avoided, and none of the terminals"), std::string::npos)
      << result.answer.no_route_reason;
  EXPECT_NE(result.answer.no_route_reason.find(bri().nodes[p.terminals.front().node].name), std::string::npos);
}
