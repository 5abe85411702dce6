// The time model at sea: service speed by era (slow steaming) and by lane (regional lanes),
// the Suez Canal's convoy transit, and sea rows of the calibration timed with the fleet of the year they were
// published (docs/time-model.md, Sea).
#include <gtest/gtest.h>

#include "analysis/calibration.hpp"
#include "cost/cost_model.hpp"
#include "network/place_finder.hpp"
#include "routing/router.hpp"
#include "test_support.hpp"

using namespace silkroute;

namespace {

Scenario as_of(int year) {
  Scenario s;
  s.year = year;
  return s;
}

PublishedPair sea_pair(const std::string& note) {
  PublishedPair p;
  p.origin = "Shanghai";
  p.destination = "Rotterdam";
  p.mode = "sea";
  p.source_note = note;
  return p;
}

}  // namespace

TEST(SeaTime, LinersSailFasterBeforeSlowSteaming) {
  const auto& net = test::bri();
  const auto& tm = net.time_model;
  const int slow_year = static_cast<int>(tm[TimeParam::sea_slow_steaming_year]);
  const auto& cargo = *net.cargo("general");
  const CostModel before(net, cargo, Objective::time, as_of(slow_year - 1));
  const CostModel since(net, cargo, Objective::time, as_of(slow_year));
  int checked = 0;
  for (LinkIndex l = 0; l < static_cast<LinkIndex>(net.links.size()); ++l) {
    const auto& link = net.links[l];
    if (link.mode != Mode::sea || link.chokepoint == "suez" || link.time_h ||
        tm.link_class[static_cast<std::size_t>(l)] == LineClass::regional)
      continue;
    EXPECT_NEAR(before.link_cost(l).running.time_h, link.length_km / tm[TimeParam::sea_speed_before_slow_steaming_kmh],
                1e-9)
        << link.id;
    EXPECT_NEAR(since.link_cost(l).running.time_h, link.length_km / tm[TimeParam::sea_speed_kmh], 1e-9) << link.id;
    ++checked;
  }
  EXPECT_GT(checked, 100);
  // The slow-steaming fleet is the slower one: an analyst comparing 2005 with today sees it.
  EXPECT_GT(tm[TimeParam::sea_speed_before_slow_steaming_kmh], tm[TimeParam::sea_speed_kmh]);
}

TEST(SeaTime, TheSuezCanalTakesItsConvoyTransitNotItsLengthAtServiceSpeed) {
  const auto& net = test::bri();
  const CostModel cost(net, *net.cargo("general"), Objective::time, Scenario{});
  int canals = 0;
  for (LinkIndex l = 0; l < static_cast<LinkIndex>(net.links.size()); ++l) {
    if (net.links[l].chokepoint != "suez") continue;
    EXPECT_DOUBLE_EQ(cost.link_cost(l).running.time_h, net.time_model[TimeParam::sea_suez_transit_h]);
    ++canals;
  }
  EXPECT_EQ(canals, 1);
  // A route through the canal includes the transit: Shanghai-Rotterdam via Suez.
  RoutingCache cache;
  RouteQuery q;
  q.from = *net.node_by_id("shanghai");
  q.to = *net.node_by_id("rotterdam");
  q.alternatives = 0;
  Scenario sea_only;
  for (Mode m : kAllModes)
    if (m != Mode::sea) sea_only.closed.modes.insert(m);
  const auto answer = find_routes(net, cache, sea_only, q);
  ASSERT_FALSE(answer.routes.empty());
  bool via_suez = false;
  for (const auto& leg : answer.routes.front().legs)
    for (auto l : leg.links) via_suez = via_suez || net.links[l].chokepoint == "suez";
  EXPECT_TRUE(via_suez);
}

TEST(SeaTime, ASeaRowIsTimedWithTheFleetOfTheYearItWasPublished) {
  const auto& net = test::bri();
  const PlaceFinder finder(net);
  const PlaceResolver places(net, finder, std::nullopt);
  RoutingCache cache;
  const auto old_row = sea_pair("Maritime Silk Road | carrier | 2002 | a 2002 schedule | https://example.org/a");
  const auto new_row = sea_pair("Maritime Silk Road | carrier | 2020 | a 2020 schedule | https://example.org/b");
  const std::string row = "Shanghai,Rotterdam,sea,Suez,600,600,,,";
  const auto rows = test::read_pair_rows("sea_rows.csv", row + '"' + old_row.source_note + "\",,,terminal\n" + row +
                                                             '"' + new_row.source_note + "\",,,terminal\n" + row +
                                                             "27-35 days (no year),,,terminal\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].published_year, 2002);
  EXPECT_EQ(rows[1].published_year, 2020);
  EXPECT_EQ(rows[2].published_year, std::nullopt);
  const auto then = measure_pair(net, cache, places, rows[0], kLatestYear);
  const auto now = measure_pair(net, cache, places, rows[1], kLatestYear);
  const auto undated = measure_pair(net, cache, places, rows[2], kLatestYear);
  ASSERT_TRUE(then && now && undated);
  // Same lane, faster fleet: the 2002 row sails at the pre-slow-steaming speed.
  EXPECT_NEAR(then->distance_km, now->distance_km, 1e-6);
  EXPECT_LT(then->time_h, now->time_h * 0.95);
  EXPECT_DOUBLE_EQ(undated->time_h, now->time_h);
}

TEST(SeaTime, RegionalLanesAreSailedAtTheRegionalSpeedAndMainlineLanesAreNot) {
  const auto& net = test::bri();
  const auto& tm = net.time_model;
  const CostModel cost(net, *net.cargo("general"), Objective::time, Scenario{});
  int regional = 0;
  for (LinkIndex l = 0; l < static_cast<LinkIndex>(net.links.size()); ++l) {
    const auto& link = net.links[l];
    if (link.mode != Mode::sea || link.chokepoint == "suez" || link.time_h) continue;
    const bool is_regional = tm.link_class[static_cast<std::size_t>(l)] == LineClass::regional;
    const double speed = is_regional ? tm[TimeParam::sea_speed_regional_kmh] : tm[TimeParam::sea_speed_kmh];
    EXPECT_NEAR(cost.link_cost(l).running.time_h, link.length_km / speed, 1e-9) << link.id;
    regional += is_regional;
  }
  EXPECT_GT(regional, 10);
  // The lane to Mombasa is regional; the Cape of Good Hope route of Asia-Europe liners is not.
  const auto mombasa = net.link_by_id("s_mombasa_w_mombasa_off");
  const auto cape = net.link_by_id("s_w_cape_w_agulhas");
  ASSERT_TRUE(mombasa && cape);
  EXPECT_EQ(tm.link_class[static_cast<std::size_t>(*mombasa)], LineClass::regional);
  EXPECT_EQ(tm.link_class[static_cast<std::size_t>(*cape)], LineClass::standard);
}

// A liner schedule may name a city whose port is a node of its own (Kolkata's port is Haldia, down
// the Hooghly): the row is timed on the sailing from that port, the drive to it is routed but not
// timed, and the road opens only between the named place and a port, never across the land.
TEST(SeaTime, ASeaRowNamingACityIsTimedOnTheSailingFromItsPort) {
  const auto& net = test::bri();
  const PlaceFinder finder(net);
  const PlaceResolver places(net, finder, std::nullopt);
  RoutingCache cache;
  const auto rows = test::read_pair_rows("sea_city_rows.csv",
                                         "Kolkata,Chittagong,sea,Bay of Bengal,36,36,,,\"a 2020 schedule\",,,terminal\n"
                                         "Haldia,Chittagong,sea,Bay of Bengal,36,36,,,\"a 2020 schedule\",,,terminal\n"
                                         "Urumqi,Chittagong,sea,none,36,36,,,\"no port\",,,terminal\n");
  ASSERT_EQ(rows.size(), 3u);
  const auto city = measure_pair(net, cache, places, rows[0], kLatestYear);
  const auto port = measure_pair(net, cache, places, rows[1], kLatestYear);
  ASSERT_TRUE(city && port);
  EXPECT_DOUBLE_EQ(city->time_h, port->time_h);          // the sailing alone
  EXPECT_GT(city->distance_km, port->distance_km + 50);  // the drive from Kolkata to Haldia is on the route
  EXPECT_NE(city->label.find("sea"), std::string::npos);
  // Urumqi has no road to a seaport: it does not drive across Asia to one.
  EXPECT_FALSE(measure_pair(net, cache, places, rows[2], kLatestYear));
}
