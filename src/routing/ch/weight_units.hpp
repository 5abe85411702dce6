#pragma once
// Integer weights for the contraction hierarchy and its reference Dijkstra. Searches on
// 32-bit integers are exact (ties and sums never round, so the hierarchy and Dijkstra agree
// to the last unit) and half the size of doubles in the arrays the queries stream through.
//
// An input weight w (a double, e.g. Chicago's free-flow minutes) becomes
// llround(w * weight_scale) units; distances come back as units / weight_scale. The default
// scale, 1000, keeps three decimals: Chicago-Regional's free-flow times have at most three,
// so there the scaled weights are exact and every distance is the exact sum of the file's
// times (up to the one rounding of the final division).

#include <cstdint>
#include <limits>
#include <vector>

namespace silkroute::ch {

struct WeightedEdge {
  std::int32_t from = 0;
  std::int32_t to = 0;
  double weight = 0;
};

using Weight = std::uint32_t;

// "Not reached". Every distance is below it, and it plus any weight still fits in 32 bits,
// so searches may add a weight to it without overflow checks.
inline constexpr Weight kUnreachable = 0x7fffffff;

inline constexpr double kDefaultWeightScale = 1000;

// The edges' weights in units of 1/weight_scale. Throws std::invalid_argument naming the
// edge (index, ends, field) when a weight is negative or not finite, an end is outside
// 0..node_count-1, or the sum of all weights could reach kUnreachable (then a smaller
// weight_scale is needed).
std::vector<Weight> scale_weights(std::int32_t node_count, const std::vector<WeightedEdge>& edges, double weight_scale);

// Units back to the input's unit; kUnreachable (or more) becomes infinity.
inline double from_units(Weight units, double weight_scale) {
  return units >= kUnreachable ? std::numeric_limits<double>::infinity() : units / weight_scale;
}

}  // namespace silkroute::ch
