// Liner services in the time model (docs/time-model.md, Sea): a port no mainline service calls at
// is reached by feeder through a hub, so its box waits there for the feeder and the connection;
// regional lanes are sailed by services that call at more ports on the way than mainline loops.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cost/cost_model.hpp"
#include "engine/engine.hpp"
#include "io/dataset_issue.hpp"
#include "io/dataset_reader.hpp"
#include "routing/metric.hpp"
#include "routing/route_builder.hpp"
#include "routing/shortest_path.hpp"
#include "routing/tree_search.hpp"
#include "test_support.hpp"

using namespace silkroute;
namespace fs = std::filesystem;

namespace {

Route sea_route(const char* from, const char* to) {
  RouteRequest r;
  r.from = from;
  r.to = to;
  r.alternatives = 0;
  r.avoid = {"road", "rail", "air", "ferry"};
  auto result = test::bri_engine().route(r);
  EXPECT_FALSE(result.answer.routes.empty()) << from << " → " << to << ": " << result.answer.no_route_reason;
  return result.answer.routes.empty() ? Route{} : result.answer.routes.front();
}

// What a box for a feeder port waits at its hub: half the feeder's headway plus the connection.
double expected_transship_h(const TimeModel& tm, const TimeModel::FeederPort& feeder) {
  return tm[TimeParam::sea_transshipment_h] + 0.5 * 168.0 / feeder.departures_per_week;
}

}  // namespace

TEST(PortServices, ABoxForAFeederPortIsTransshippedAtItsHubOnce) {
  const auto& net = test::bri();
  const auto& tm = net.time_model;
  const auto& mogadishu = tm.feeder_ports.at("mogadishu");
  EXPECT_EQ(mogadishu.hub, "salalah");
  // The wait for the fortnightly feeder (half its headway) plus the connection at the hub.
  const double expected_h = expected_transship_h(tm, mogadishu);

  const auto route = sea_route("Nhava Sheva", "Mogadishu");
  EXPECT_NEAR(route.time.transship_h, expected_h, 1e-6) << route.label;
  double legs_h = 0;
  for (const auto& leg : route.legs) legs_h += leg.transship_h;
  EXPECT_NEAR(legs_h, expected_h, 1e-6);
  // Counted in the terminal-to-terminal time (published schedules include the connection), and
  // the parts still add up to the door-to-door time.
  EXPECT_NEAR(route.time.transit_h, route.total.time_h - route.time.handling_h - route.time.dispatch_h, 1e-6);
  EXPECT_NEAR(test::sum_of_time_parts_h(route.time), route.total.time_h, 1e-6);

  // A port the mainline services call at needs no transshipment.
  const auto djibouti = sea_route("Nhava Sheva", "Djibouti");
  EXPECT_EQ(djibouti.time.transship_h, 0.0) << djibouti.label;
}

TEST(PortServices, TheTransshipmentIsAtTheRoutesEndsAndNotForTheHubsOwnFeeder) {
  const auto& net = test::bri();
  const auto& tm = net.time_model;
  const double expected_h = expected_transship_h(tm, tm.feeder_ports.at("mogadishu"));
  // From the hub the box sails the feeder itself (Maersk's Salalah-Mogadishu feeder, five days):
  // no transshipment either way.
  for (const auto& [from, to] : {std::pair{"Salalah", "Mogadishu"}, std::pair{"Mogadishu", "Salalah"}}) {
    const auto route = sea_route(from, to);
    EXPECT_EQ(route.time.transship_h, 0.0) << from << " → " << to << ": " << route.label;
  }
  // From or to anywhere else it changes ships at Salalah, once, whichever way it goes.
  for (const auto& [from, to] : {std::pair{"Jebel Ali", "Mogadishu"}, std::pair{"Mogadishu", "Jebel Ali"}}) {
    const auto route = sea_route(from, to);
    EXPECT_NEAR(route.time.transship_h, expected_h, 1e-6) << from << " → " << to << ": " << route.label;
    double legs_h = 0;
    for (const auto& leg : route.legs) legs_h += leg.transship_h;
    EXPECT_NEAR(legs_h, expected_h, 1e-6);
    EXPECT_NEAR(route.time.transit_h, route.total.time_h - route.time.handling_h - route.time.dispatch_h, 1e-6);
  }
  // Malé's feeder from Colombo: the same rule at another port.
  EXPECT_EQ(sea_route("Colombo", "Male").time.transship_h, 0.0);
  EXPECT_GT(sea_route("Singapore", "Male").time.transship_h, 0.0);
}

TEST(PortServices, APairWithADirectServiceIsNotTransshipped) {
  // Bandar Abbas: since 2018 the mainline carriers reach it by feeders from Jebel Ali, while
  // Iran's own lines sail direct from Asia and India (port_services.csv: direct_from).
  const auto& net = test::bri();
  const auto& tm = net.time_model;
  const auto& bandar_abbas = tm.feeder_ports.at("bandar_abbas");
  EXPECT_EQ(bandar_abbas.hub, "jebel_ali");
  const double expected_h = expected_transship_h(tm, bandar_abbas);
  // Direct services: from China and from India, either way.
  for (const auto& [from, to] : {std::pair{"Shanghai", "Bandar Abbas"}, std::pair{"Bandar Abbas", "Shanghai"},
                                 std::pair{"Nhava Sheva", "Bandar Abbas"}, std::pair{"Bandar Abbas", "Nhava Sheva"}}) {
    const auto route = sea_route(from, to);
    EXPECT_EQ(route.time.transship_h, 0.0) << from << " → " << to << ": " << route.label;
  }
  // From Europe the box changes ships at the hub, once, either way.
  for (const auto& [from, to] : {std::pair{"Genoa", "Bandar Abbas"}, std::pair{"Bandar Abbas", "Genoa"}}) {
    const auto route = sea_route(from, to);
    EXPECT_NEAR(route.time.transship_h, expected_h, 1e-6) << from << " → " << to << ": " << route.label;
    EXPECT_NEAR(test::sum_of_time_parts_h(route.time), route.total.time_h, 1e-6);
  }
  // The same trip, with no direct_from: transshipped from China too.
  const test::DatasetCopy copy(test::bri_dir());
  {
    std::ifstream in(fs::path(copy.dir()) / "port_services.csv");
    std::stringstream all;
    all << in.rdbuf();
    std::string text = all.str();
    const std::string direct = "china|east_asia|southeast_asia|south_asia|middle_east";
    const auto at = text.find(direct);
    ASSERT_NE(at, std::string::npos);
    text.erase(at, direct.size());
    std::ofstream(fs::path(copy.dir()) / "port_services.csv") << text;
  }
  Engine engine(std::make_shared<const Network>(io::read_dataset(copy.dir())));
  RouteRequest r;
  r.from = "Shanghai";
  r.to = "Bandar Abbas";
  r.alternatives = 0;
  r.avoid = {"road", "rail", "air", "ferry"};
  const auto result = engine.route(r);
  ASSERT_FALSE(result.answer.routes.empty());
  EXPECT_NEAR(result.answer.routes.front().time.transship_h, expected_h, 1e-6);
}

TEST(PortServices, EastAfricaToEuropeChangesShipsAtAHubButAsiaSailsDirect) {
  // Mombasa and Dar es Salaam: Asia-East Africa, Indian, Gulf and African services call direct,
  // while a box for Europe comes by a regional loop to a Red Sea or Gulf hub and changes ships
  // there (CMA CGM JEDDEX, MSC East Africa-Red Sea, Hapag-Lloyd EAS: port_services.csv).
  const auto& tm = test::bri().time_model;
  for (const auto* port : {"mombasa", "dar_es_salaam"}) {
    const auto& service = tm.feeder_ports.at(port);
    EXPECT_EQ(service.hub, "jeddah") << port;
    EXPECT_NE(service.direct_regions, 0) << port;
  }
  const auto& mombasa = tm.feeder_ports.at("mombasa");
  const double expected_h = expected_transship_h(tm, mombasa);
  for (const auto& [from, to] : {std::pair{"Mombasa", "Genoa"}, std::pair{"Rotterdam", "Mombasa"},
                                 std::pair{"Dar es Salaam", "Hamburg"}}) {
    const auto route = sea_route(from, to);
    EXPECT_NEAR(route.time.transship_h, expected_h, 1e-6) << from << " → " << to << ": " << route.label;
    EXPECT_NEAR(test::sum_of_time_parts_h(route.time), route.total.time_h, 1e-6);
  }
  // Direct: from China, India, the Red Sea hub itself and along the East African coast.
  for (const auto& [from, to] : {std::pair{"Shanghai", "Mombasa"}, std::pair{"Mombasa", "Nhava Sheva"},
                                 std::pair{"Jeddah", "Dar es Salaam"}, std::pair{"Mombasa", "Dar es Salaam"},
                                 std::pair{"Djibouti", "Mombasa"}}) {
    const auto route = sea_route(from, to);
    EXPECT_EQ(route.time.transship_h, 0.0) << from << " → " << to << ": " << route.label;
  }
}

TEST(PortServices, TreesChargeTheTransshipmentAsRoutesDo) {
  // A matrix (one tree per origin) gives each cell the figures of the route it traces, also
  // from a feeder port to its own hub, where the tree had charged the transshipment at the start.
  const auto& net = test::bri();
  const auto topology = build_topology(net);
  const CostModel cost(net, net.cargo_classes.front(), Objective::time, Scenario{});
  const auto metric = customize(net, *topology, cost);
  const TreeGraph graph(topology, metric);
  TreeSearch search(graph);
  for (const auto* from_id : {"mogadishu", "salalah", "male", "bandar_abbas", "shanghai", "mombasa"}) {
    const auto from = *net.node_by_id(from_id);
    const ShortestPathTree tree(topology, metric, from, {}, true);
    search.grow(from);
    for (const auto* to_id :
         {"salalah", "mogadishu", "jebel_ali", "colombo", "male", "bandar_abbas", "shanghai", "genoa", "mombasa"}) {
      const auto to = *net.node_by_id(to_id);
      if (to == from) continue;
      const auto path = tree.path_to(to);
      ASSERT_TRUE(path.has_value()) << from_id << " - " << to_id;
      const auto want = path_metrics(*topology, *metric, *path);
      const auto route = build_route(net, *topology, *metric, *path);
      EXPECT_EQ(tree.figures_to(to)->time_h, want.time_h) << from_id << " - " << to_id;
      EXPECT_EQ(search.figures_to(to)->time_h, want.time_h) << from_id << " - " << to_id;
      EXPECT_EQ(search.weight_to(to), tree.weight_to(to)) << from_id << " - " << to_id;
      EXPECT_NEAR(route.total.time_h, want.time_h, 1e-9) << from_id << " - " << to_id;
      const bool hub_trip = (std::string(from_id) == "mogadishu" && std::string(to_id) == "salalah") ||
                            (std::string(from_id) == "salalah" && std::string(to_id) == "mogadishu") ||
                            (std::string(from_id) == "male" && std::string(to_id) == "colombo") ||
                            (std::string(from_id) == "bandar_abbas" && std::string(to_id) == "shanghai") ||
                            (std::string(from_id) == "shanghai" && std::string(to_id) == "bandar_abbas") ||
                            (std::string(from_id) == "mombasa" && std::string(to_id) == "shanghai") ||
                            (std::string(from_id) == "shanghai" && std::string(to_id) == "mombasa");
      if (hub_trip) {
        EXPECT_EQ(route.time.transship_h, 0.0) << from_id << " - " << to_id << ": " << route.label;
      }
    }
  }
}

TEST(PortServices, RegionalLanesCallMoreOftenThanMainlineLanes) {
  const auto& net = test::bri();
  const auto& tm = net.time_model;
  ASSERT_LT(tm[TimeParam::sea_call_interval_regional_km], tm[TimeParam::sea_call_interval_km]);
  const CostModel cost(net, *net.cargo("general"), Objective::time, Scenario{});
  int regional = 0, mainline = 0;
  for (LinkIndex l = 0; l < static_cast<LinkIndex>(net.links.size()); ++l) {
    const auto& link = net.links[l];
    if (link.mode != Mode::sea || link.length_km <= 0) continue;
    const bool is_regional = tm.link_class[static_cast<std::size_t>(l)] == LineClass::regional;
    const double interval_km =
        is_regional ? tm[TimeParam::sea_call_interval_regional_km] : tm[TimeParam::sea_call_interval_km];
    EXPECT_NEAR(cost.link_cost(l).call_h, link.length_km / interval_km * tm[TimeParam::sea_call_h], 1e-9) << link.id;
    ++(is_regional ? regional : mainline);
  }
  EXPECT_GT(regional, 0);
  EXPECT_GT(mainline, 0);
}

TEST(PortServices, ABadRowIsRefusedWithFileLineAndField) {
  const test::DatasetCopy copy(test::bri_dir());
  const fs::path dir = copy.dir();
  std::ofstream(dir / "port_services.csv") << "port,service,hub,departures_per_week,direct_from,source\n"
                                             "mogadishu,feeder,salalah,0.5,,a source\n"
                                             "mogadisu,feeder,salalah,0.5,,a source\n"
                                             "male,mainline,colombo,1,,a source\n"
                                             "male,feeder,colombo,0,,a source\n"
                                             "mogadishu,feeder,salalah,1,,a source\n"
                                             "male,feeder,almaty,1,,a source\n"
                                             "bandar_abbas,feeder,jebel_ali,4,china|europa,a source\n";
  try {
    io::read_dataset(dir.string());
    FAIL() << "an unknown port, an unknown service, no departures, a duplicate and an inland hub were accepted";
  } catch (const io::DatasetError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("port_services.csv:3"), std::string::npos) << what;
    EXPECT_NE(what.find("mogadisu"), std::string::npos) << what;
    EXPECT_NE(what.find("port_services.csv:4"), std::string::npos) << what;
    EXPECT_NE(what.find("service"), std::string::npos) << what;
    EXPECT_NE(what.find("port_services.csv:5"), std::string::npos) << what;
    EXPECT_NE(what.find("departures_per_week"), std::string::npos) << what;
    EXPECT_NE(what.find("port_services.csv:6"), std::string::npos) << what;
    EXPECT_NE(what.find("duplicate port"), std::string::npos) << what;
    EXPECT_NE(what.find("port_services.csv:7"), std::string::npos) << what;
    EXPECT_NE(what.find("has no sea link"), std::string::npos) << what;
    EXPECT_NE(what.find("port_services.csv:8"), std::string::npos) << what;
    EXPECT_NE(what.find("direct_from"), std::string::npos) << what;
    EXPECT_NE(what.find("'europa'"), std::string::npos) << what;
  }
}
