// 2013 against today on the embedded network: the 2013 network has the ways that existed
// then, and the comparison says where each pair's change comes from.
#include <gtest/gtest.h>

#include <cmath>

#include "analysis/compare.hpp"
#include "io/od_pairs_reader.hpp"
#include "routing/router.hpp"
#include "scenario/scenario_file.hpp"
#include "test_support.hpp"

using namespace silkroute;
using test::bri;

namespace {

NodeIndex id(const std::string& s) { return *bri().node_by_id(s); }

Scenario year(int y) {
  Scenario s;
  s.year = y;
  return s;
}

const Comparison& bri_2013_against_today() {
  static const Comparison c = [] {
    auto pairs = bundled_demand(bri());
    pairs.push_back({id("belgrade"), id("novisad"), 1.0, "", {}});
    pairs.push_back({id("djibouti"), id("dire_dawa"), 1.0, "", {}});
    return compare_scenarios(bri(), test::cache(), year(2013), Scenario{}, pairs, {"", Objective::generalized, 2});
  }();
  return c;
}

const PairChange& pair(const Comparison& c, const std::string& from, const std::string& to) {
  for (const auto& p : c.pairs)
    if (p.pair.from == id(from) && p.pair.to == id(to)) return p;
  throw std::runtime_error("pair not compared: " + from + "-" + to);
}

}  // namespace

TEST(Bri2013, NoviSadAndDireDawaWereReachableIn2013) {
  // Novi Sad by the 1883 Belgrade-Subotica line and the A1; Dire Dawa by the Dewele road.
  for (auto [from, to] : {std::pair{"belgrade", "novisad"}, std::pair{"djibouti", "dire_dawa"},
                          std::pair{"shanghai", "novisad"}, std::pair{"shanghai", "dire_dawa"}}) {
    RouteQuery q;
    q.from = id(from);
    q.to = id(to);
    q.alternatives = 0;
    const auto then = find_routes(bri(), test::cache(), year(2013), q);
    EXPECT_FALSE(then.routes.empty()) << from << "-" << to << ": " << then.no_route_reason;
  }
  // The new lines are not in it: Belgrade-Novi Sad in 2013 is not on the 2022 line.
  RouteQuery q;
  q.from = id("belgrade");
  q.to = id("novisad");
  q.alternatives = 0;
  for (const auto& r : find_routes(bri(), test::cache(), year(2013), q).routes)
    for (auto l : r.links()) EXPECT_LE(bri().links[l].opened_year, 2013) << bri().links[l].id;
}

TEST(Bri2013, NewlyConnectedCountsOnlyPlacesThatOpenedAfter2013) {
  const auto& c = bri_2013_against_today();
  EXPECT_EQ(c.overall.newly_connected, 0);
  EXPECT_EQ(c.overall.cut_off, 0);
  EXPECT_TRUE(pair(c, "belgrade", "novisad").both());
  EXPECT_TRUE(pair(c, "djibouti", "dire_dawa").both());
}

TEST(Bri2013, TheDecompositionSumsToTheChangeForEveryPairAndOverall) {
  const auto& c = bri_2013_against_today();
  int decomposed = 0;
  for (const auto& p : c.pairs) {
    if (!p.both()) continue;
    const auto d = p.decomposition();
    EXPECT_NEAR(d.total_h(), p.time_change_h(), 1e-6) << bri().nodes[p.pair.from].id << "-" << bri().nodes[p.pair.to].id;
    ++decomposed;
  }
  EXPECT_GE(decomposed, 40);
  const auto& parts = c.overall.time_change_parts;
  EXPECT_NEAR(parts.network_h + parts.borders_h + parts.mode_switch_h, c.overall.time_change_h, 1e-6);
}

TEST(Bri2013, NewLinesAndModeSwitchesAreToldApart) {
  const auto& c = bri_2013_against_today();
  // Kunming-Vientiane: by road in 2013, by the China-Laos railway (2021) today: a mode switch,
  // and the road itself did not change.
  const auto& kv = pair(c, "kunming", "vientiane");
  ASSERT_TRUE(kv.both());
  EXPECT_TRUE(kv.mode_switch());
  EXPECT_LT(kv.decomposition().mode_switch_h, -12.0);
  EXPECT_NEAR(kv.decomposition().network_h, 0.0, 0.5);
  // Xi'an-Istanbul: rail both times, faster today by the new lines: no switch. (Its borders
  // take longer today: the shorter way by Baku and Tbilisi crosses three borders where the 2013
  // route to the Black Sea crossed one, agreements or not.)
  const auto& xi = pair(c, "xian", "istanbul");
  ASSERT_TRUE(xi.both());
  EXPECT_FALSE(xi.mode_switch());
  EXPECT_LT(xi.decomposition().network_h, -4.0);  // 9 h with a team of drivers at the ends (road_crews.csv)
  EXPECT_NEAR(xi.decomposition().mode_switch_h, 0.0, 6.0);
  EXPECT_GT(c.overall.mode_switched, 0);
  EXPECT_LT(c.overall.mode_switched, static_cast<int>(c.pairs.size()) / 2);
}
