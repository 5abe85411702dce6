#include <gtest/gtest.h>

#include "network/names.hpp"
#include "output/route_output.hpp"
#include "output/text_table.hpp"
#include "test_support.hpp"

using namespace silkroute;
using test::mini;
using test::node;

namespace {
struct Fixture {
  RouteResult result;
  const RouteAnswer& answer;
  Fixture() : result(test::mini_engine().route([] {
                RouteRequest r;
                r.from = "xian";
                r.to = "duisburg";
                r.max_detour = kMaxMaxDetour;  // air is best; rail and the Caspian within 10 times
                return r;
              }())),
              answer(result.answer) {}
  const RouteResult& ctx() const { return result; }
};
}  // namespace

TEST(RouteJson, HasTheDocumentedFields) {
  Fixture f;
  const auto j = output::route_json(f.ctx());
  ASSERT_GE(j["routes"].size(), 3u);
  for (const auto& r : j["routes"]) {
    for (const char* k : {"time_h", "cost_usd", "co2_kg", "distance_km"}) EXPECT_TRUE(r["total"].contains(k)) << k;
    for (const auto& leg : r["legs"])
      for (const char* k : {"mode", "from", "to", "distance_km", "time_h"}) EXPECT_TRUE(leg.contains(k)) << k;
    EXPECT_TRUE(r["crossings"].is_array());
    EXPECT_TRUE(r["passages"].is_array());
  }
  EXPECT_EQ(j["query"]["from"]["id"], "xian");
}

TEST(RouteGeoJson, OneLineStringFeaturePerLegInLonLatOrder) {
  Fixture f;
  const auto g = output::route_geojson(f.ctx());
  EXPECT_EQ(g["type"], "FeatureCollection");
  std::size_t legs = 0;
  for (const auto& r : f.answer.routes) legs += r.legs.size();
  ASSERT_EQ(g["features"].size(), legs);
  const auto& first = g["features"][0];
  EXPECT_EQ(first["geometry"]["type"], "LineString");
  const auto& c0 = first["geometry"]["coordinates"][0];
  EXPECT_DOUBLE_EQ(c0[0].get<double>(), 108.94);  // lon first, as GeoJSON requires
  EXPECT_DOUBLE_EQ(c0[1].get<double>(), 34.34);
}

TEST(TextTable, AlignsUtf8ByCharacters) {
  output::TextTable t({{"name", output::Align::left}, {"km", output::Align::right}});
  t.add_row({"Małaszewicze", "12"});
  t.add_row({"Lodz", "1,200"});
  const auto s = t.render("");
  EXPECT_NE(s.find("Małaszewicze     12\n"), std::string::npos) << s;
  EXPECT_NE(s.find("Lodz          1,200\n"), std::string::npos) << s;
}

TEST(FormatNumber, GroupsThousands) {
  EXPECT_EQ(output::format_number(1234567.4), "1,234,567");
  EXPECT_EQ(output::format_number(999.96, 1), "1,000.0");
  EXPECT_EQ(output::format_number(-0.01, 1), "0.0");
  EXPECT_EQ(output::format_number(-1500), "-1,500");
}

// Words for people: every passage the embedded network tags has a name, so no label says
// "via malacca"; routes name passages and border stations, and no label ends at the
// destination with a "via".
TEST(Names, EveryChokepointOfTheNetworkHasAName) {
  for (const auto& l : test::bri().links) {
    if (l.chokepoint.empty()) continue;
    EXPECT_NE(chokepoint_name(l.chokepoint), l.chokepoint) << "no name for the tag " << l.chokepoint;
    EXPECT_EQ(chokepoint_name(l.chokepoint).find('_'), std::string::npos) << l.chokepoint;
  }
  EXPECT_EQ(chokepoint_phrase("malacca"), "the Strait of Malacca");
  EXPECT_EQ(chokepoint_phrase("babelmandeb"), "Bab-el-Mandeb");
  EXPECT_EQ(chokepoint_name("kiel_canal_x"), "kiel canal x");  // an unknown tag reads as words
}

TEST(Names, RouteLabelsAndBorderRowsUseNames) {
  RouteRequest r;
  r.from = "Chongqing";
  r.to = "Duisburg";
  r.alternatives = 6;
  const auto result = test::bri_engine().route(r);
  // A trip by sea, for the passages' names (whether a sea route ranks among Chongqing-
  // Duisburg's alternatives depends on the time model).
  RouteRequest by_sea;
  by_sea.from = "Shanghai";
  by_sea.to = "Piraeus";
  by_sea.alternatives = 0;
  by_sea.avoid = {"rail", "road", "air"};
  const auto sea_result = test::bri_engine().route(by_sea);
  const auto& net = test::bri();
  bool sea = false, station_crossing = false;
  std::vector<Route> routes = result.answer.routes;
  routes.insert(routes.end(), sea_result.answer.routes.begin(), sea_result.answer.routes.end());
  for (const auto& route : routes) {
    for (const auto& p : route.passages) {
      sea = true;
      EXPECT_NE(route.label.find(chokepoint_name(p.chokepoint)), std::string::npos) << route.label;
    }
    for (const auto& tag : {"malacca", "babelmandeb", "suez", "capegoodhope", "gibraltar"})
      EXPECT_EQ(route.label.find(std::string("via ") + tag), std::string::npos) << route.label;
    EXPECT_EQ(route.label.find(net.nodes[result.to].name), std::string::npos) << "the destination is not a via: " << route.label;
    for (const auto& c : route.crossings)
      if (net.nodes[c.from_node].id == "alashankou" && net.nodes[c.to_node].id == "dostyk") {
        station_crossing = true;
        EXPECT_EQ(crossing_name(net, c.from_node, c.to_node, c.cost.from_country, c.cost.to_country),
                  "Alashankou - Dostyk (CHN-KAZ)");
      }
  }
  EXPECT_TRUE(sea) << "no alternative by sea to check";
  EXPECT_TRUE(station_crossing) << "no route crossed at Alashankou - Dostyk";
  const auto table = output::route_table(result);
  EXPECT_NE(table.find("Alashankou - Dostyk (CHN-KAZ)"), std::string::npos);
  const auto j = output::route_json(sea_result);
  bool named = false;
  for (const auto& route : j["routes"])
    for (const auto& p : route["passages"]) named = named || p["name"] == "Suez Canal";
  EXPECT_TRUE(named) << "route JSON passages carry their names";
}
