// Rail services (docs/time-model.md, "Rail services"): express block trains and ordinary
// intermodal trains run at different speeds on European lines; which one carries a trip follows
// from its ends (rail_services.csv) unless the request or a calibration row names it. On the
// European freight corridors (docs/time-model.md, "Rail") every train runs at least at the
// corridor's speed.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "cost/cost_model.hpp"
#include "cost/rail_service.hpp"
#include "engine/engine.hpp"
#include "io/dataset_issue.hpp"
#include "io/dataset_reader.hpp"
#include "io/published_pairs_reader.hpp"
#include "test_support.hpp"

using namespace silkroute;
namespace fs = std::filesystem;

namespace {

RouteResult rail_trip(const char* from, const char* to, const std::string& service = "") {
  RouteRequest r;
  r.from = from;
  r.to = to;
  r.alternatives = 0;
  r.avoid = {"road", "sea", "air", "ferry"};
  r.rail_service = service;
  return test::bri_engine().route(r);
}

}  // namespace

TEST(RailService, TheRuleGivesIntermodalInsideEuropeAndExpressFromChina) {
  const auto& tm = test::bri().time_model;
  EXPECT_EQ(rail_service_for(tm, "NLD", "FRA"), RailService::intermodal);
  EXPECT_EQ(rail_service_for(tm, "DEU", "RUS"), RailService::intermodal);
  EXPECT_EQ(rail_service_for(tm, "SVK", "TUR"), RailService::intermodal);
  EXPECT_EQ(rail_service_for(tm, "CHN", "DEU"), RailService::express);
  EXPECT_EQ(rail_service_for(tm, "DEU", "CHN"), RailService::express);
  EXPECT_EQ(rail_service_for(tm, "CHN", "LAO"), RailService::express);
  EXPECT_EQ(rail_service_for(tm, "XXX", "DEU"), RailService::express);  // no region: the default
  EXPECT_EQ(rail_service_reason(tm, "NLD", "FRA"), "rail_services.csv: europe to europe");
  EXPECT_EQ(rail_service_reason(tm, "CHN", "DEU"), "no rule for china to europe");
}

// The service changes the speed of European standard-gauge lines only: an intermodal train is
// slower there by the ratio of the two sourced speeds, and as fast as the express elsewhere.
TEST(RailService, IntermodalTrainsRunSlowerOnEuropeanLinesOnlyAndNotOnTheFreightCorridors) {
  const auto& net = test::bri();
  const auto& tm = net.time_model;
  const auto& cargo = net.cargo_classes.front();
  Scenario express_s;
  Scenario intermodal_s;
  intermodal_s.rail_service = RailService::intermodal;
  const CostModel express(net, cargo, Objective::time, express_s);
  const CostModel intermodal(net, cargo, Objective::time, intermodal_s);
  int european = 0;
  int elsewhere = 0;
  int corridor = 0;
  for (LinkIndex l = 0; l < static_cast<LinkIndex>(net.links.size()); ++l) {
    const auto& link = net.links[l];
    if (link.mode != Mode::rail || link.time_h || link.speed_kmh || link.length_km <= 0) continue;
    const auto a = express.link_cost(l).running.time_h;
    const auto b = intermodal.link_cost(l).running.time_h;
    const auto region = tm.country_region.find(net.nodes[link.from].country);
    const bool europe_sg = region != tm.country_region.end() && region->second == Region::europe && link.gauge_mm == 1435;
    // European freight corridors (line_classes.csv: freight_corridor) run every train at least
    // at the corridor's speed: both services there, whichever is faster.
    if (tm.link_class[static_cast<std::size_t>(l)] == LineClass::freight_corridor) {
      ++corridor;
      const double corridor_kmh = tm[TimeParam::rail_speed_europe_corridor_kmh];
      EXPECT_NEAR(a, link.length_km / std::max(corridor_kmh, tm[TimeParam::rail_speed_europe_kmh]), 1e-9) << link.id;
      EXPECT_NEAR(b, link.length_km / std::max(corridor_kmh, tm[TimeParam::rail_speed_europe_intermodal_kmh]), 1e-9)
          << link.id;
      continue;
    }
    if (europe_sg) {
      ++european;
      EXPECT_NEAR(b / a, tm[TimeParam::rail_speed_europe_kmh] / tm[TimeParam::rail_speed_europe_intermodal_kmh], 1e-9)
          << link.id;
    } else if (region != tm.country_region.end() && region->second != Region::europe) {
      ++elsewhere;
      EXPECT_DOUBLE_EQ(a, b) << link.id;
    }
  }
  EXPECT_GT(european, 20);
  EXPECT_GT(elsewhere, 100);
  EXPECT_GE(corridor, 17);  // Rhine-Alpine, North Sea-Baltic, Piraeus-Budapest, the Brenner
}

TEST(RailService, TheBrennerAxisRunsAsTheFreightCorridorItIs) {
  // The Alps' busiest rail freight crossing (ScanMed corridor): the regular Munich-Verona
  // intermodal train runs overnight in 10-12 h, the pilot in 8 h (Railway Gazette). Classed as an
  // ordinary European line it ran at the intermodal speed, about 21 km/h, twice as long.
  const auto& tm = test::bri().time_model;
  for (const char* id : {"r_munich_innsbruck", "r_innsbruck_verona"}) {
    const auto l = test::bri().link_by_id(id);
    ASSERT_TRUE(l) << id;
    EXPECT_EQ(tm.link_class[static_cast<std::size_t>(*l)], LineClass::freight_corridor) << id;
  }
  const auto trip = rail_trip("Munich", "Verona");
  ASSERT_FALSE(trip.answer.routes.empty()) << trip.answer.no_route_reason;
  EXPECT_EQ(trip.rail_service, RailService::intermodal);
  // The train takes the Brenner (not Basel and the Gotthard) and runs in the published window.
  const auto links = trip.answer.routes.front().links();
  EXPECT_NE(std::find(links.begin(), links.end(), *test::bri().link_by_id("r_innsbruck_verona")), links.end());
  double running_h = 0;
  for (const auto& leg : trip.answer.routes.front().legs)
    if (leg.carrier.mode == Mode::rail) running_h += leg.metrics.time_h - leg.wait_h;
  EXPECT_GE(running_h, 8.0 * 0.85);
  EXPECT_LE(running_h, 12.0 * 1.15);
}

TEST(RailService, ARouteTakesTheRulesServiceOrTheOneRequestedAndSaysWhich) {
  const auto rule = rail_trip("Rotterdam", "Lyon");
  ASSERT_FALSE(rule.answer.routes.empty()) << rule.answer.no_route_reason;
  EXPECT_EQ(rule.rail_service, RailService::intermodal);
  EXPECT_EQ(rule.rail_service_reason, "rail_services.csv: europe to europe");
  const auto express = rail_trip("Rotterdam", "Lyon", "express");
  ASSERT_FALSE(express.answer.routes.empty());
  EXPECT_EQ(express.rail_service, RailService::express);
  EXPECT_EQ(express.rail_service_reason, "requested");
  EXPECT_GT(rule.answer.routes.front().time.transit_h, express.answer.routes.front().time.transit_h * 1.3);

  const auto china = rail_trip("Chongqing", "Duisburg");
  EXPECT_EQ(china.rail_service, RailService::express);
  EXPECT_EQ(china.rail_service_reason, "no rule for china to europe");

  try {
    rail_trip("Rotterdam", "Lyon", "fast");
    FAIL() << "an unknown rail service must be refused";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("rail service: expected express or intermodal, got 'fast'"), std::string::npos)
        << e.what();
  }
}

TEST(RailService, CalibrationRowsMayNameTheServiceAndOldRowsStayValid) {
  const fs::path dir = fs::temp_directory_path() / "silkroute_rail_service_pairs";
  fs::create_directories(dir);
  const std::string header =
      "origin,destination,mode,via,time_low_h,time_high_h,distance,distance_unit,source_note,avoid,network_year,measure";
  std::ofstream(dir / "old.csv") << header << "\nRotterdam,Lyon,rail,,48,48,,,note,,,terminal\n";
  const auto old_rows = read_published_pairs((dir / "old.csv").string());
  ASSERT_EQ(old_rows.size(), 1u);
  EXPECT_FALSE(old_rows[0].rail_service);

  std::ofstream(dir / "new.csv") << header << ",service\nMałaszewicze,Duisburg,rail,,25,25,,,note,,,terminal,express\n";
  const auto new_rows = read_published_pairs((dir / "new.csv").string());
  ASSERT_EQ(new_rows.size(), 1u);
  EXPECT_EQ(new_rows[0].rail_service, RailService::express);

  std::ofstream(dir / "bad.csv") << header << ",service\nRotterdam,Lyon,rail,,48,48,,,note,,,terminal,slow\n";
  try {
    read_published_pairs((dir / "bad.csv").string());
    FAIL() << "an unknown service must be refused";
  } catch (const io::DatasetError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("bad.csv"), std::string::npos) << what;
    EXPECT_NE(what.find(":2"), std::string::npos) << what;
    EXPECT_NE(what.find("service"), std::string::npos) << what;
  }
  fs::remove_all(dir);
}

// Rotterdam-Milan runs the Rhine-Alpine corridor (Samskip's direct train: under 30 hours);
// Rotterdam-Lyon leaves it at Duisburg and runs mostly at the ordinary intermodal speed
// (Naviland: 48 h).
TEST(RailService, ARhineAlpineShuttleOutrunsAnOrdinaryIntermodalTrainPerKilometre) {
  const auto milan = rail_trip("Rotterdam", "Milan");
  const auto lyon = rail_trip("Rotterdam", "Lyon");
  ASSERT_FALSE(milan.answer.routes.empty()) << milan.answer.no_route_reason;
  ASSERT_FALSE(lyon.answer.routes.empty()) << lyon.answer.no_route_reason;
  EXPECT_EQ(milan.rail_service, RailService::intermodal);
  const auto& m = milan.answer.routes.front();
  const auto& l = lyon.answer.routes.front();
  const auto& tm = test::bri().time_model;
  // Every link from Rotterdam to Milan is on the Rhine-Alpine corridor.
  EXPECT_NEAR(m.time.moving_h,
              m.total.distance_km / std::max(tm[TimeParam::rail_speed_europe_corridor_kmh],
                                             tm[TimeParam::rail_speed_europe_intermodal_kmh]),
              1e-6);
  EXPECT_LT(m.time.moving_h / m.total.distance_km, 0.8 * l.time.moving_h / l.total.distance_km);
}

TEST(RailService, AFreightCorridorOutsideEuropeanStandardGaugeIsRefusedWithFileAndLine) {
  const test::DatasetCopy copy(test::bri_dir());
  const fs::path dir = copy.dir();
  std::ofstream(dir / "line_classes.csv", std::ios::app)
      << "r_chongqing_xian,freight_corridor,not a European line\n";
  try {
    io::read_dataset(dir.string());
    FAIL() << "a freight corridor in China was accepted";
  } catch (const io::DatasetError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("line_classes.csv:"), std::string::npos) << what;
    EXPECT_NE(what.find("freight_corridor is for European standard-gauge rail links; 'r_chongqing_xian'"),
              std::string::npos)
        << what;
  }
}
