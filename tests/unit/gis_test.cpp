// GIS input and output through GDAL: what we write, QGIS (and GDAL) reads back.
#include <gtest/gtest.h>

#include "test_support.hpp"

#include <filesystem>
#include <fstream>

#include "gis/vector_io.hpp"
#include "io/dataset_reader.hpp"
#include "output/network_geojson.hpp"

using namespace silkroute;

namespace {
using test::bri;

}  // namespace

TEST(Gis, NetworkRoundTripsThroughGeoPackage) {
  const auto path = (std::filesystem::temp_directory_path() / "silkroute_network_test.gpkg").string();
  output::NetworkFilter filter;
  filter.modes = {Mode::rail};
  const auto links = output::links_geojson(bri(), filter);
  gis::write_layers(path, {{"links", links}, {"nodes", output::nodes_geojson(bri(), filter)}});
  const auto back = gis::read_layer(path, "links");
  ASSERT_EQ(back.features.size(), links["features"].size());
  const auto& f = back.features.front();
  EXPECT_EQ(f.attributes.at("mode"), "rail");
  EXPECT_FALSE(f.attributes.at("source").empty());
  EXPECT_EQ(f.attributes.at("colour").size(), 7u);  // "#rrggbb"
  ASSERT_EQ(f.lines.size(), 1u);
  // Its ends and the vertices of its shape (data/bri/shapes.csv), if it has one.
  const auto& link = bri().links[static_cast<std::size_t>(*bri().link_by_id(f.attributes.at("id")))];
  EXPECT_EQ(f.lines[0].size(), link.vertices.size() + 2);
  const auto nodes = gis::read_layer(path, "nodes");
  EXPECT_GT(nodes.features.size(), 100u);
  EXPECT_TRUE(nodes.features.front().point.has_value());
  std::filesystem::remove(path);
}

TEST(Gis, UnreadableInputsAreNamed) {
  EXPECT_THROW(
      {
        try {
          gis::read_layer("/nonexistent/lines.geojson");
        } catch (const std::invalid_argument& e) {
          EXPECT_NE(std::string(e.what()).find("/nonexistent/lines.geojson: file not found"), std::string::npos);
          throw;
        }
      },
      std::invalid_argument);
  const auto path = (std::filesystem::temp_directory_path() / "silkroute_not_gis.geojson").string();
  { std::ofstream(path) << "this is not geojson"; }
  EXPECT_THROW(gis::read_layer(path), std::invalid_argument);
  std::filesystem::remove(path);
}

// A projected coordinate far beyond the Earth (a fuzzer's input, EPSG:3857) once made GDAL's
// transformation to WGS84 spin for minutes: it is refused with the file and the feature.
TEST(Gis, ACoordinateBeyondTheEarthIsRefusedNotTransformed) {
  const auto path = (std::filesystem::temp_directory_path() / "silkroute_far_line.geojson").string();
  {
    std::ofstream(path) << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},)"
                        << R"("features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString",)"
                        << R"("coordinates":[[8500000,5300000],[99999999999999999999999999998600000,5350000]]}}]})";
  }
  try {
    gis::read_layer(path);
    ADD_FAILURE() << "a coordinate of 1e35 m was read";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(path + ": feature 0: coordinate"), std::string::npos) << e.what();
  }
  // An ordinary line in the same system is read and transformed (Mercator x 8.5e6 m is about 76.4 E).
  {
    std::ofstream(path) << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},)"
                        << R"("features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString",)"
                        << R"("coordinates":[[8500000,5300000],[8600000,5350000]]}}]})";
  }
  const auto layer = gis::read_layer(path);
  ASSERT_EQ(layer.features.size(), 1u);
  EXPECT_NEAR(layer.features[0].lines.at(0).at(0).lon, 76.36, 0.05);
  std::filesystem::remove(path);
}
