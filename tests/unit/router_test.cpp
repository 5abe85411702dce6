#include <gtest/gtest.h>

#include <algorithm>

#include "routing/router.hpp"
#include "test_support.hpp"

using namespace silkroute;
using test::mini;
using test::node;

namespace {

// Air is the fastest on the mini network, five times faster than rail and fifteen than the
// sea: these checks of corridors ask for alternatives whatever their detour.
RouteAnswer route(const std::string& from, const std::string& to, Scenario s = {}, Objective o = Objective::time,
                  int alternatives = 3, const std::string& cargo = "general", double max_detour = 100) {
  RouteQuery q;
  q.max_detour = max_detour;
  q.from = node(mini(), from);
  q.to = node(mini(), to);
  q.objective = o;
  q.alternatives = alternatives;
  q.cargo = cargo;
  return find_routes(mini(), test::cache(), s, q);
}

bool visits(const Route& r, const std::string& id) {
  const auto n = node(mini(), id);
  for (const auto& leg : r.legs)
    if (std::find(leg.nodes.begin(), leg.nodes.end(), n) != leg.nodes.end()) return true;
  return false;
}

bool has_country(const Route& r, const std::string& iso3) {
  return std::find(r.countries.begin(), r.countries.end(), iso3) != r.countries.end();
}

bool passes(const Route& r, const std::string& chokepoint) {
  for (const auto& p : r.passages)
    if (p.chokepoint == chokepoint) return true;
  return false;
}

std::vector<StopKind> gauge_changes_at(const Route& r, const std::string& id) {
  std::vector<StopKind> out;
  for (const auto& s : r.stops)
    if (s.node == node(mini(), id) && s.kind == StopKind::gauge_change) out.push_back(s.kind);
  return out;
}

}  // namespace

TEST(Router, FastestRailChangesGaugeTwiceAndStopsAtTwoBorders) {
  Scenario s;
  s.closed.modes.insert(Mode::air);
  const auto a = route("xian", "duisburg", s, Objective::time, 0);
  ASSERT_EQ(a.routes.size(), 1u);
  const auto& r = a.routes[0];
  EXPECT_TRUE(visits(r, "dostyk"));
  EXPECT_EQ(gauge_changes_at(r, "dostyk").size(), 1u);
  EXPECT_EQ(gauge_changes_at(r, "malaszewicze").size(), 1u);
  // CHN-KAZ with the single window (5 h), BLR-POL (48 h); inside the EAEU and EU no stop.
  double border_h = 0;
  for (const auto& c : r.crossings) border_h += c.cost.dwell_h;
  EXPECT_DOUBLE_EQ(border_h, 53.0);
  EXPECT_EQ(r.countries, (std::vector<std::string>{"CHN", "KAZ", "RUS", "BLR", "POL", "DEU"}));
  // 9,324 km at 50 km/h + 6 h load + 6 h unload + 8 + 24 h gauge changes + 53 h borders.
  EXPECT_NEAR(r.total.time_h, 9324.0 / 50.0 + 12 + 32 + 53, 0.5);
}

TEST(Router, TotalsAreTheSumOfTheirParts) {
  for (const auto& r : route("xian", "duisburg").routes) {
    Metrics sum;
    for (const auto& l : r.legs) sum += l.metrics;
    for (const auto& s : r.stops) {
      sum.time_h += s.dwell_h;
      sum.cost_usd += s.cost_usd;
    }
    for (const auto& c : r.crossings) {
      sum.time_h += c.cost.dwell_h;
      sum.cost_usd += c.cost.fee_usd;
    }
    EXPECT_NEAR(sum.time_h, r.total.time_h, 1e-6) << r.label;
    EXPECT_NEAR(sum.cost_usd, r.total.cost_usd, 1e-6) << r.label;
    EXPECT_NEAR(sum.co2_kg, r.total.co2_kg, 1e-6) << r.label;
  }
}

TEST(Router, AlternativesTakeOtherCorridors) {
  const auto a = route("xian", "duisburg", {}, Objective::time, 3);
  ASSERT_EQ(a.routes.size(), 4u);
  // Air, the northern rail route, the Middle Corridor over the Caspian, and the sea.
  int air = 0, northern = 0, middle = 0, sea = 0;
  for (const auto& r : a.routes) {
    air += r.legs.size() == 1 && r.legs[0].carrier.mode == Mode::air;
    northern += has_country(r, "RUS");
    middle += visits(r, "baku");
    sea += passes(r, "malacca");
  }
  EXPECT_EQ(air, 1);
  EXPECT_EQ(northern, 1);
  EXPECT_EQ(middle, 1);
  EXPECT_EQ(sea, 1);
  // Best first; the rest ordered by the objective.
  for (std::size_t i = 2; i < a.routes.size(); ++i) EXPECT_LE(a.routes[i - 1].total.time_h, a.routes[i].total.time_h);
}

TEST(Router, AlternativesDoNotRepeatTheSameCorridor) {
  const auto a = route("xian", "duisburg", {}, Objective::time, 6);
  for (std::size_t i = 0; i < a.routes.size(); ++i)
    for (std::size_t j = i + 1; j < a.routes.size(); ++j) EXPECT_NE(a.routes[i].label, a.routes[j].label);
}

TEST(Router, CheapestIsTheSea) {
  const auto a = route("xian", "duisburg", {}, Objective::cost, 0);
  ASSERT_EQ(a.routes.size(), 1u);
  EXPECT_TRUE(passes(a.routes[0], "suez"));
  EXPECT_TRUE(visits(a.routes[0], "shanghai"));
}

TEST(Router, AvoidingACountryMovesTheRoute) {
  Scenario s;
  s.closed.countries = {"RUS"};
  s.closed.modes = {Mode::air};
  const auto a = route("xian", "duisburg", s, Objective::time, 0);
  ASSERT_EQ(a.routes.size(), 1u);
  EXPECT_FALSE(has_country(a.routes[0], "RUS"));
  EXPECT_TRUE(visits(a.routes[0], "baku"));
}

TEST(Router, ClosingSuezSendsTheSeaRouteRoundTheCape) {
  Scenario s;
  s.closed.chokepoints = {"suez"};
  const auto a = route("xian", "duisburg", s, Objective::cost, 0);
  ASSERT_EQ(a.routes.size(), 1u);
  EXPECT_FALSE(passes(a.routes[0], "suez"));
  EXPECT_TRUE(passes(a.routes[0], "capegoodhope"));
}

TEST(Router, BulkCargoNeverFlies) {
  const auto a = route("xian", "duisburg", {}, Objective::time, 3, "bulk");
  ASSERT_FALSE(a.routes.empty());
  for (const auto& r : a.routes)
    for (const auto& l : r.legs) EXPECT_NE(l.carrier.mode, Mode::air);
}

TEST(Router, YearRemovesLaterProjects) {
  Scenario s;
  s.year = 2013;
  s.closed.countries = {"RUS"};
  s.closed.modes = {Mode::air};
  const auto a = route("xian", "duisburg", s, Objective::time, 0);
  ASSERT_EQ(a.routes.size(), 1u);
  EXPECT_FALSE(visits(a.routes[0], "kars"));  // Baku-Tbilisi-Kars opened in 2017
}

TEST(NoRoute, GaugeBreakWithoutFacility) {
  const auto a = route("xian", "almaty");
  ASSERT_TRUE(a.routes.empty());
  EXPECT_NE(a.no_route_reason.find("no gauge-change facility at Altynkol (KAZ) from rail 1435 mm to rail 1520 mm"),
            std::string::npos)
      << a.no_route_reason;
}

TEST(NoRoute, EveryRouteCrossesAnAvoidedCountry) {
  Scenario s;
  s.closed.countries = {"KAZ"};
  const auto a = route("xian", "astana", s);
  ASSERT_TRUE(a.routes.empty());
  EXPECT_NE(a.no_route_reason.find("lies in an avoided country (KAZ)"), std::string::npos) << a.no_route_reason;

  Scenario t;
  t.closed.countries = {"RUS", "AZE"};
  t.closed.modes = {Mode::sea, Mode::air};
  const auto b = route("xian", "duisburg", t);
  ASSERT_TRUE(b.routes.empty());
  EXPECT_NE(b.no_route_reason.find("every route uses one of"), std::string::npos) << b.no_route_reason;
  EXPECT_NE(b.no_route_reason.find("avoided country RUS"), std::string::npos);
  EXPECT_NE(b.no_route_reason.find("avoided mode sea"), std::string::npos);
}

TEST(NoRoute, SingleBlockingItemIsNamed) {
  Scenario s;
  s.closed.links = {"r_kunming_vientiane"};
  const auto a = route("xian", "vientiane", s);
  ASSERT_TRUE(a.routes.empty());
  EXPECT_EQ(a.no_route_reason, "every route uses the avoided link r_kunming_vientiane");
}

TEST(NoRoute, LaterProjectWouldConnect) {
  Scenario s;
  s.year = 2013;
  const auto a = route("xian", "vientiane", s);
  ASSERT_TRUE(a.routes.empty());
  EXPECT_NE(a.no_route_reason.find("no connection as of 2013; it opens later with r_kunming_vientiane (2021, china_laos_railway)"),
            std::string::npos)
      << a.no_route_reason;
}

TEST(Router, Deterministic) {
  const auto a = route("xian", "duisburg");
  const auto b = route("xian", "duisburg");
  ASSERT_EQ(a.routes.size(), b.routes.size());
  for (std::size_t i = 0; i < a.routes.size(); ++i) EXPECT_EQ(a.routes[i].links(), b.routes[i].links());
}

TEST(Router, UnknownCargoListsTheKnownOnes) {
  try {
    route("xian", "duisburg", {}, Objective::time, 0, "gold");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("general, electronics, reefer, bulk"), std::string::npos);
  }
}
