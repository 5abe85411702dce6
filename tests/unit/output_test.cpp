#include <gtest/gtest.h>

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
