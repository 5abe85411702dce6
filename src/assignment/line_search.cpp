#include "assignment/line_search.hpp"

namespace silkroute::assignment {

double line_search_step(const VolumeDelay& vdf, const std::vector<double>& volume, const std::vector<double>& direction,
                        double fixed_slope) {
  std::vector<std::size_t> moving;
  for (std::size_t a = 0; a < direction.size(); ++a)
    if (direction[a] != 0) moving.push_back(a);
  auto slope = [&](double lambda) {
    double s = fixed_slope;
    for (std::size_t a : moving) {
      const double v = volume[a] + lambda * direction[a];
      s += direction[a] * vdf.time(a, v > 0 ? v : 0.0);
    }
    return s;
  };
  if (moving.empty()) return 0.0;
  if (slope(0.0) >= 0) return 0.0;
  if (slope(1.0) <= 0) return 1.0;
  double lo = 0, hi = 1;
  // 2^-52 resolution: the step matters to the last digits near equilibrium.
  for (int i = 0; i < 52; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (slope(mid) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace silkroute::assignment
