// Crossing points whose dwell depends on the train's service and on the year (crossings.csv,
// docs/time-model.md "Borders and terminals"): express block trains pass Khorgos/Altynkol and
// Alashankou/Dostyk in about an hour since 2020 where the ordinary trains CAREC samples queue for
// a day and more; Mohan/Boten took over 40 h when the China-Laos railway opened and under 5 h since.
#include <gtest/gtest.h>

#include <string>

#include "engine/engine.hpp"
#include "io/dataset_issue.hpp"
#include "io/dataset_reader.hpp"
#include "network/crossing_dwell.hpp"
#include "test_support.hpp"

using namespace silkroute;

namespace {

RouteResult rail_trip(const char* from, const char* to, const std::string& service, std::optional<int> year) {
  RouteRequest r;
  r.from = from;
  r.to = to;
  r.alternatives = 0;
  r.avoid = {"road", "sea", "air", "ferry"};
  r.rail_service = service;
  r.year = year;
  return test::bri_engine().route(r);
}

// The dwell the route charged at the crossing between the two nodes; -1 if it does not cross there.
double dwell_at(const RouteResult& result, const char* from_node, const char* to_node) {
  const auto& net = test::bri_engine().network();
  if (result.answer.routes.empty()) return -1;
  for (const auto& c : result.answer.routes.front().crossings) {
    const auto& a = net.nodes[c.from_node].id;
    const auto& b = net.nodes[c.to_node].id;
    if ((a == from_node && b == to_node) || (a == to_node && b == from_node)) return c.cost.dwell_h;
  }
  return -1;
}

std::string load_error(const std::string& rows) {
  test::DatasetCopy copy(test::bri_dir());
  copy.append("crossings.csv", rows);
  try {
    io::read_dataset(copy.dir());
  } catch (const io::DatasetError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(CrossingDwell, AnExpressTrainCrossesKhorgosInHoursWhereAnOrdinaryTrainQueues) {
  const auto express = rail_trip("Urumqi", "Almaty", "express", std::nullopt);
  const auto ordinary = rail_trip("Urumqi", "Almaty", "intermodal", std::nullopt);
  ASSERT_FALSE(express.answer.routes.empty()) << express.answer.no_route_reason;
  ASSERT_FALSE(ordinary.answer.routes.empty()) << ordinary.answer.no_route_reason;
  const double express_h = dwell_at(express, "khorgos", "altynkol");
  const double ordinary_h = dwell_at(ordinary, "khorgos", "altynkol");
  ASSERT_GE(express_h, 0) << "the express does not cross at Khorgos/Altynkol";
  ASSERT_GE(ordinary_h, 0) << "the ordinary train does not cross at Khorgos/Altynkol";
  EXPECT_LE(express_h, 2.0);    // under an hour since 2020 (China Railway Urumqi Group)
  EXPECT_GE(ordinary_h, 15.0);  // CAREC's 34.8 h for the trains it samples
  // Both measured rows, scaled alike by the China-Kazakhstan customs agreement in force.
  EXPECT_NEAR(express_h / ordinary_h, 1.0 / 34.8, 1e-9);
  EXPECT_LT(express.answer.routes.front().time.border_h, ordinary.answer.routes.front().time.border_h - 20);
  // Before 2020 the express took about ten hours at the border.
  const auto express_2017 = rail_trip("Urumqi", "Almaty", "express", 2017);
  const double before_h = dwell_at(express_2017, "khorgos", "altynkol");
  EXPECT_GT(before_h, 5.0);
  EXPECT_LT(before_h, ordinary_h);
}

TEST(CrossingDwell, BotenClearedInOverFortyHoursWhenTheLineOpenedAndInUnderFiveFrom2023) {
  const auto opened = rail_trip("Kunming", "Vientiane", "", 2022);
  const auto now = rail_trip("Kunming", "Vientiane", "", 2024);
  const double opened_h = dwell_at(opened, "mohan", "boten");
  const double now_h = dwell_at(now, "mohan", "boten");
  ASSERT_GE(opened_h, 0) << opened.answer.no_route_reason;
  ASSERT_GE(now_h, 0) << now.answer.no_route_reason;
  EXPECT_GE(opened_h, 40.0);
  EXPECT_LE(now_h, 5.0);
  EXPECT_GT(opened.answer.routes.front().time.transit_h, now.answer.routes.front().time.transit_h + 30);
  // Before the railway opened there is no crossing to time.
  EXPECT_TRUE(rail_trip("Kunming", "Vientiane", "", 2019).answer.routes.empty() ||
              dwell_at(rail_trip("Kunming", "Vientiane", "", 2019), "mohan", "boten") < 0);
}

// The lookup on its own: the train's own service first, then every service; the latest year not
// after the network's; no row, no measured dwell.
TEST(CrossingDwell, TheServicesOwnRowOfTheLatestYearHolds) {
  TimeModel tm;
  const auto add = [&](std::optional<RailService> s, int from, double h) {
    tm.crossing_dwell_h[crossing_dwell_key("x", s, from)] = h;
    if (s || from) {
      auto [it, fresh] = tm.crossing_dwell_h.emplace(crossing_variants_key("x"), from);
      if (!fresh && from && (it->second == 0 || from < it->second)) it->second = from;
    }
  };
  add(std::nullopt, 0, 30);
  add(RailService::express, 0, 10);
  add(RailService::express, 2020, 1);
  add(std::nullopt, 2021, 58);
  EXPECT_EQ(crossing_dwell_for(tm, "x", RailService::express, 2019), 10);
  EXPECT_EQ(crossing_dwell_for(tm, "x", RailService::express, 2020), 1);
  EXPECT_EQ(crossing_dwell_for(tm, "x", RailService::express, kLatestYear), 1);
  EXPECT_EQ(crossing_dwell_for(tm, "x", RailService::intermodal, 2020), 30);
  EXPECT_EQ(crossing_dwell_for(tm, "x", RailService::intermodal, 2022), 58);
  EXPECT_EQ(crossing_dwell_for(tm, "y", RailService::express, 2022), std::nullopt);
}

TEST(CrossingDwell, BadRowsAreRefusedWithFileLineAndField) {
  const auto service = load_error("r_khorgos_altynkol,wagonload,,5,a source\n");
  EXPECT_NE(service.find("crossings.csv:"), std::string::npos) << service;
  EXPECT_NE(service.find("service"), std::string::npos) << service;
  EXPECT_NE(service.find("'wagonload'"), std::string::npos) << service;
  const auto road = load_error("d_khorgos_altynkol,express,,5,a source\n");
  EXPECT_NE(road.find("a rail service on road link 'd_khorgos_altynkol'"), std::string::npos) << road;
  const auto year = load_error("r_khorgos_altynkol,express,20x0,5,a source\n");
  EXPECT_NE(year.find("from_year"), std::string::npos) << year;
  const auto duplicate = load_error("r_mohan_boten,,2023,6,again\n");
  EXPECT_NE(duplicate.find("duplicate crossing 'r_mohan_boten' for every service from 2023"), std::string::npos)
      << duplicate;
}
