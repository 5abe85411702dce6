// Land links drawn along their real course (shapes.csv): lengths from shapes, and every output
// that draws a link or a route through the shape's vertices. Bad rows: dataset_errors_test.cpp.
#include <gtest/gtest.h>

#include <filesystem>

#include "gis/vector_io.hpp"
#include "io/dataset_reader.hpp"
#include "output/network_geojson.hpp"
#include "output/route_output.hpp"
#include "test_support.hpp"

using namespace silkroute;
using silkroute::test::DatasetCopy;

namespace {

const std::string kHeader = "link_id,vertices,source\n";

const Link& link(const Network& net, const std::string& id) { return net.links[static_cast<std::size_t>(*net.link_by_id(id))]; }

// True when `line` holds `points` one after another (in that order).
bool passes_through(const std::vector<geo::LonLat>& line, const std::vector<geo::LonLat>& points) {
  if (points.empty() || line.size() < points.size()) return false;
  for (std::size_t start = 0; start + points.size() <= line.size(); ++start) {
    bool all = true;
    for (std::size_t k = 0; k < points.size() && all; ++k)
      all = line[start + k].lon == points[k].lon && line[start + k].lat == points[k].lat;
    if (all) return true;
  }
  return false;
}

std::vector<geo::LonLat> points_of(const nlohmann::ordered_json& coordinates) {
  std::vector<geo::LonLat> out;
  for (const auto& c : coordinates) out.push_back({c[0].get<double>(), c[1].get<double>()});
  return out;
}

}  // namespace

TEST(LinkShapes, LoadedInOrderAndDrawnFromEitherEnd) {
  DatasetCopy d;
  // Xi'an-Alashankou by Lanzhou and Urumqi (3000 km given; the shape is about 2,600 km).
  d.write("shapes.csv", kHeader + "r_xian_alashankou,103.83 36.06;87.62 43.83,test\n");
  const auto net = io::read_dataset(d.dir());
  const auto& l = link(net, "r_xian_alashankou");
  ASSERT_EQ(l.vertices.size(), 2u);
  EXPECT_DOUBLE_EQ(l.vertices[0].lon, 103.83);
  EXPECT_DOUBLE_EQ(l.vertices[1].lat, 43.83);
  EXPECT_DOUBLE_EQ(l.length_km, 3000);  // a published length stays
  const auto forward = link_points(net, l);
  ASSERT_EQ(forward.size(), 4u);
  EXPECT_DOUBLE_EQ(forward.front().lon, net.nodes[l.from].position.lon);
  const auto backward = link_points(net, l, true);
  EXPECT_DOUBLE_EQ(backward[1].lon, 87.62);
  EXPECT_DOUBLE_EQ(backward.back().lon, net.nodes[l.from].position.lon);
}

TEST(LinkShapes, AnEmptyLengthIsTheShapesLength) {
  DatasetCopy d;
  d.replace("links.csv", "r_xian_shanghai,xian,shanghai,rail,1435,1500,", "r_xian_shanghai,xian,shanghai,rail,1435,,");
  d.write("shapes.csv", kHeader + "r_xian_shanghai,113.63 34.75;118.78 32.06,Longhai and Jinghu lines\n");
  const auto net = io::read_dataset(d.dir());
  const auto& l = link(net, "r_xian_shanghai");
  const double shape_km = geo::polyline_km(link_points(net, l));
  EXPECT_DOUBLE_EQ(l.length_km, shape_km);
  // Longer than the straight line: the detour by Zhengzhou and Nanjing counts.
  EXPECT_GT(l.length_km, geo::great_circle_km(net.nodes[l.from].position, net.nodes[l.to].position) * 1.02);
}

TEST(LinkShapes, TheEmbeddedNetworkDrawsItsShapesInEveryExport) {
  const auto& net = test::bri();
  const auto& l = link(net, "r_lanzhou_urumqi");
  ASSERT_GE(l.vertices.size(), 5u) << "the Lanxin railway's shape (Wuwei, Zhangye, ..., Turpan) is in data/bri/shapes.csv";
  EXPECT_GE(l.length_km * 1.01, geo::polyline_km(link_points(net, l)));
  // The network GeoJSON (CLI export, API /network, the map, GeoPackage layers).
  const auto fc = output::links_geojson(net, {});
  bool found = false;
  for (const auto& f : fc["features"])
    if (f["properties"]["id"] == l.id) {
      found = true;
      EXPECT_TRUE(passes_through(points_of(f["geometry"]["coordinates"]), link_points(net, l)));
    }
  EXPECT_TRUE(found);
  // A GeoPackage written from it reads back with the vertices.
  const auto gpkg = (std::filesystem::temp_directory_path() / "silkroute_link_shapes_test.gpkg").string();
  std::filesystem::remove(gpkg);
  gis::write_layers(gpkg, {{"links", fc}});
  const auto layer = gis::read_layer(gpkg, "links");
  std::filesystem::remove(gpkg);
  found = false;
  for (const auto& f : layer.features)
    if (f.attributes.count("id") && f.attributes.at("id") == l.id) {
      found = true;
      ASSERT_EQ(f.lines.size(), 1u);
      ASSERT_EQ(f.lines[0].size(), l.vertices.size() + 2);
      EXPECT_NEAR(f.lines[0][1].lon, l.vertices[0].lon, 1e-9);
      EXPECT_NEAR(f.lines[0][1].lat, l.vertices[0].lat, 1e-9);
    }
  EXPECT_TRUE(found);
}

TEST(LinkShapes, ARoutesGeometryFollowsTheShapesBothWays) {
  const auto& net = test::bri();
  for (const auto& [from, to] : {std::pair{"Lanzhou", "Urumqi"}, std::pair{"Urumqi", "Lanzhou"}}) {
    RouteRequest r;
    r.from = from;
    r.to = to;
    r.avoid = {"road", "air"};
    const auto result = test::bri_engine().route(r);
    ASSERT_FALSE(result.answer.routes.empty()) << from << "-" << to;
    const auto g = output::route_geojson(result);
    int shaped = 0;
    std::size_t feature = 0;
    for (const auto& route : result.answer.routes) {
      if (route.access) ++feature;
      for (const auto& leg : route.legs) {
        const auto line = points_of(g["features"][feature++]["geometry"]["coordinates"]);
        for (std::size_t i = 0; i < leg.links.size(); ++i) {
          const auto& l = net.links[static_cast<std::size_t>(leg.links[i])];
          if (l.vertices.empty()) continue;
          ++shaped;
          EXPECT_TRUE(passes_through(line, link_points(net, l, l.from != leg.nodes[i])))
              << l.id << " is not drawn along its shape from " << from;
        }
      }
      if (route.egress) ++feature;
    }
    EXPECT_GT(shaped, 0) << "no route from " << from << " used a shaped link";
  }
}
