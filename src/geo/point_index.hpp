#pragma once
// One spatial index for every snap and nearest-point question (importers, place lookups):
// a Boost.Geometry R-tree over points on the unit sphere in three dimensions. The straight
// (chord) distance between two such points grows with their great-circle distance, so
// nearest and within-radius answers are exact anywhere on Earth, at 70 degrees north as at
// the equator and across the antimeridian, with no grid cells in degrees to get wrong.

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "geo/great_circle.hpp"

namespace silkroute::geo {

class PointIndex {
 public:
  PointIndex();
  ~PointIndex();
  PointIndex(PointIndex&&) noexcept;
  PointIndex& operator=(PointIndex&&) noexcept;

  // Throws std::invalid_argument for a coordinate that is not a finite lon/lat.
  void insert(const LonLat& p, std::int32_t id);
  std::size_t size() const;

  struct Hit {
    std::int32_t id;
    double km;
  };
  // The nearest point, or nullopt when the index is empty. Ties go to the smaller id.
  std::optional<Hit> nearest(const LonLat& p) const;
  // The nearest point no farther than max_km, or nullopt. Ties go to the smaller id.
  std::optional<Hit> nearest_within(const LonLat& p, double max_km) const;
  // Every point no farther than max_km, nearest first (ties by id).
  std::vector<Hit> within(const LonLat& p, double max_km) const;

 private:
  struct Tree;
  std::unique_ptr<Tree> tree_;
};

}  // namespace silkroute::geo
