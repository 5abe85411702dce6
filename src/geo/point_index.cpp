#include "geo/point_index.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>
#include <stdexcept>
#include <string>

namespace silkroute::geo {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

using Point3 = bg::model::point<double, 3, bg::cs::cartesian>;
using Box3 = bg::model::box<Point3>;
using Value = std::pair<Point3, std::int32_t>;

constexpr double kDegToRad = 3.14159265358979323846 / 180.0;

Point3 on_unit_sphere(const LonLat& p) {
  const double lon = p.lon * kDegToRad, lat = p.lat * kDegToRad;
  return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

// Chord length on the unit sphere for a great-circle distance, and back.
double chord_of_km(double km) { return 2.0 * std::sin(std::min(km / kEarthRadiusKm, 3.14159265358979323846) / 2.0); }

}  // namespace

struct PointIndex::Tree {
  bgi::rtree<Value, bgi::rstar<16>> rtree;
  std::vector<LonLat> positions;  // by insertion, for exact great-circle distances
  std::vector<std::int32_t> ids;
};

PointIndex::PointIndex() : tree_(std::make_unique<Tree>()) {}
PointIndex::~PointIndex() = default;
PointIndex::PointIndex(PointIndex&&) noexcept = default;
PointIndex& PointIndex::operator=(PointIndex&&) noexcept = default;

void PointIndex::insert(const LonLat& p, std::int32_t id) {
  if (!valid_lon(p.lon) || !valid_lat(p.lat))
    throw std::invalid_argument("coordinate " + std::to_string(p.lon) + "," + std::to_string(p.lat) +
                                " is not a longitude from -180 to 180 and a latitude from -90 to 90");
  tree_->rtree.insert({on_unit_sphere(p), static_cast<std::int32_t>(tree_->positions.size())});
  tree_->positions.push_back(p);
  tree_->ids.push_back(id);
}

std::size_t PointIndex::size() const { return tree_->positions.size(); }

std::vector<PointIndex::Hit> PointIndex::within(const LonLat& p, double max_km) const {
  std::vector<Hit> out;
  if (!valid_lon(p.lon) || !valid_lat(p.lat) || !(max_km >= 0)) return out;
  const auto c = on_unit_sphere(p);
  // A little slack on the box: the exact test is the great-circle distance below.
  const double r = chord_of_km(max_km) * (1 + 1e-9) + 1e-12;
  const Box3 box({bg::get<0>(c) - r, bg::get<1>(c) - r, bg::get<2>(c) - r}, {bg::get<0>(c) + r, bg::get<1>(c) + r, bg::get<2>(c) + r});
  std::vector<Value> found;
  tree_->rtree.query(bgi::intersects(box), std::back_inserter(found));
  for (const auto& [point, slot] : found) {
    const double km = great_circle_km(p, tree_->positions[slot]);
    if (km <= max_km) out.push_back({tree_->ids[slot], km});
  }
  std::sort(out.begin(), out.end(), [](const Hit& a, const Hit& b) { return a.km < b.km || (a.km == b.km && a.id < b.id); });
  return out;
}

std::optional<PointIndex::Hit> PointIndex::nearest_within(const LonLat& p, double max_km) const {
  const auto hits = within(p, max_km);
  if (hits.empty()) return std::nullopt;
  return hits.front();
}

std::optional<PointIndex::Hit> PointIndex::nearest(const LonLat& p) const {
  if (tree_->positions.empty() || !valid_lon(p.lon) || !valid_lat(p.lat)) return std::nullopt;
  std::vector<Value> found;
  tree_->rtree.query(bgi::nearest(on_unit_sphere(p), 1), std::back_inserter(found));
  // Points as near (a tie, or a rounding hair nearer by chord) are gathered exactly.
  const double km = great_circle_km(p, tree_->positions[found.front().second]);
  return nearest_within(p, km * (1 + 1e-12) + 1e-9);
}

}  // namespace silkroute::geo
