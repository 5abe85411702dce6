// The importers on small synthetic inputs: snapping must hold at every latitude (a grid in
// degrees missed half of all 20 m snaps at 60 N and all of them at 70 N) and bad coordinates
// are refused, not turned into undefined behaviour.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "geo/point_index.hpp"
#include "importers/line_topology.hpp"

using namespace silkroute;
using silkroute::geo::LonLat;

namespace {

// A point `metres` east of p along its parallel.
LonLat east_of(LonLat p, double metres) {
  const double km_per_deg_lon = geo::kEarthRadiusKm * 3.14159265358979323846 / 180.0 * std::cos(p.lat * 3.14159265358979323846 / 180.0);
  return {p.lon + metres / 1000.0 / km_per_deg_lon, p.lat};
}

// Two rail lines whose ends are `gap_m` apart along a parallel at `lat`.
importers::TopologyReport two_lines(double lat, double gap_m, Network* out = nullptr) {
  const LonLat a{20.0, lat};
  const LonLat b = east_of(a, 5000);
  const LonLat c = east_of(b, gap_m);
  const LonLat d = east_of(c, 5000);
  importers::ImportLine l1, l2;
  l1.points = {a, b};
  l2.points = {c, d};
  importers::TopologyOptions options;
  options.snap_m = 20;
  options.country = "FIN";
  importers::TopologyReport report;
  auto net = importers::build_line_network({l1, l2}, {}, options, report);
  if (out) *out = std::move(net);
  return report;
}

}  // namespace

TEST(LineTopology, SnapsWithinTheToleranceAtEveryLatitude) {
  for (double lat : {0.0, 45.0, 60.0, 70.0, 80.0, -75.0}) {
    for (double gap_m : {5.0, 12.0, 19.0}) {
      Network net;
      const auto r = two_lines(lat, gap_m, &net);
      EXPECT_EQ(r.snapped_endpoints, 1) << "lat " << lat << ", gap " << gap_m << " m";
      EXPECT_EQ(net.nodes.size(), 3u) << "lat " << lat << ", gap " << gap_m << " m";
    }
    // Beyond the tolerance the lines stay apart.
    EXPECT_EQ(two_lines(lat, 25.0).snapped_endpoints, 0) << "lat " << lat;
  }
}

TEST(LineTopology, RefusesCoordinatesThatAreNotLonLat) {
  for (const LonLat bad : {LonLat{std::nan(""), 10}, LonLat{10, std::numeric_limits<double>::infinity()},
                           LonLat{1e300, 10}, LonLat{10, 95}}) {
    importers::ImportLine line;
    line.points = {LonLat{10, 10}, bad};
    importers::TopologyReport report;
    EXPECT_THROW(importers::build_line_network({line}, {}, importers::TopologyOptions{}, report), std::invalid_argument);
  }
}

TEST(PointIndex, NearestIsExactAcrossTheAntimeridianAndNearThePole) {
  geo::PointIndex index;
  index.insert({179.99, 10}, 1);
  index.insert({-179.99, 10}, 2);
  index.insert({170.0, 10}, 3);
  index.insert({0, 89.999}, 4);
  index.insert({120, 89.998}, 5);
  // From just east of the antimeridian the nearest is across it, not 10 degrees west.
  EXPECT_EQ(index.nearest({-179.995, 10})->id, 2);
  EXPECT_EQ(index.nearest({179.995, 10})->id, 1);
  // Near the pole, longitude means little: 4 and 5 are both within about 250 m.
  const auto near_pole = index.within({60, 89.9985}, 0.3);
  ASSERT_EQ(near_pole.size(), 2u);
  EXPECT_LE(near_pole[0].km, near_pole[1].km);
  // Within a radius, exactly: great-circle distances, nearest first.
  const auto hits = index.within({179.995, 10}, 2.0);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].id, 1);
  EXPECT_NEAR(hits[0].km, geo::great_circle_km({179.995, 10}, {179.99, 10}), 1e-12);
  EXPECT_FALSE(index.nearest_within({0, 0}, 100));
  EXPECT_THROW(index.insert({200, 0}, 9), std::invalid_argument);
}
