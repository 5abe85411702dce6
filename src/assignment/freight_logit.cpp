#include "assignment/freight_logit.hpp"

#include <cmath>
#include <limits>

namespace silkroute::assignment {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}

std::vector<double> nested_logit_shares(const std::vector<MainMode>& mode, const std::vector<double>& cost, double theta_route,
                                        double theta_mode) {
  std::array<double, kMainModeCount> min_cost;
  min_cost.fill(kInf);
  for (std::size_t r = 0; r < mode.size(); ++r) {
    auto& mc = min_cost[static_cast<int>(mode[r])];
    mc = std::min(mc, cost[r]);
  }
  // Composite cost of each nest: the expected minimum (logsum) of its routes.
  std::array<double, kMainModeCount> sum{}, composite;
  composite.fill(kInf);
  for (std::size_t r = 0; r < mode.size(); ++r) {
    const int m = static_cast<int>(mode[r]);
    sum[m] += std::exp(-theta_route * (cost[r] - min_cost[m]));
  }
  double best = kInf;
  for (int m = 0; m < kMainModeCount; ++m)
    if (sum[m] > 0) {
      composite[m] = min_cost[m] - std::log(sum[m]) / theta_route;
      best = std::min(best, composite[m]);
    }
  std::array<double, kMainModeCount> nest_share{};
  double nest_sum = 0;
  for (int m = 0; m < kMainModeCount; ++m)
    if (composite[m] < kInf) nest_sum += nest_share[m] = std::exp(-theta_mode * (composite[m] - best));
  std::vector<double> share(mode.size(), 0.0);
  for (std::size_t r = 0; r < mode.size(); ++r) {
    const int m = static_cast<int>(mode[r]);
    share[r] = nest_share[m] / nest_sum * std::exp(-theta_route * (cost[r] - min_cost[m])) / sum[m];
  }
  return share;
}

}  // namespace silkroute::assignment
