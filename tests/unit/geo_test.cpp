#include <gtest/gtest.h>

#include "geo/great_circle.hpp"

using silkroute::geo::great_circle_km;

TEST(GreatCircle, OneDegreeOfLatitudeIsAbout111Km) {
  EXPECT_NEAR(great_circle_km({0, 0}, {0, 1}), 111.19, 0.05);
}

TEST(GreatCircle, KnownCityPair) {
  // London (-0.1276, 51.5072) to Paris (2.3522, 48.8566): 344 km by haversine.
  EXPECT_NEAR(great_circle_km({-0.1276, 51.5072}, {2.3522, 48.8566}), 343.6, 1.0);
}

TEST(GreatCircle, SymmetricAndZeroOnSamePoint) {
  silkroute::geo::LonLat a{106.55, 29.56}, b{6.76, 51.43};
  EXPECT_DOUBLE_EQ(great_circle_km(a, b), great_circle_km(b, a));
  EXPECT_DOUBLE_EQ(great_circle_km(a, a), 0.0);
}

TEST(GreatCircle, AntipodesAreHalfTheCircumference) {
  EXPECT_NEAR(great_circle_km({0, 0}, {180, 0}), 3.14159265 * silkroute::geo::kEarthRadiusKm, 0.01);
}

TEST(Coordinates, Ranges) {
  EXPECT_TRUE(silkroute::geo::valid_lat(-90));
  EXPECT_FALSE(silkroute::geo::valid_lat(90.5));
  EXPECT_FALSE(silkroute::geo::valid_lon(-181));
}

TEST(Geo, PolylineLengthIsTheSumOfItsSegments) {
  const std::vector<silkroute::geo::LonLat> line = {{0, 0}, {1, 0}, {1, 1}};
  const double first = silkroute::geo::great_circle_km(line[0], line[1]);
  const double second = silkroute::geo::great_circle_km(line[1], line[2]);
  EXPECT_NEAR(silkroute::geo::polyline_km(line), first + second, 1e-9);
  EXPECT_NEAR(silkroute::geo::polyline_km(line, 1, 2), second, 1e-9);
  EXPECT_EQ(silkroute::geo::polyline_km({}), 0);
}
