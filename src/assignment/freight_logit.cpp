#include "assignment/freight_logit.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace silkroute::assignment {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Nests {
  std::array<double, kMainModeCount> min_cost, sum{}, composite;
  double best = kInf;
};

// Per nest: the cheapest route, the sum of its routes' logit terms and the composite (logsum) cost.
Nests nests_of(const std::vector<MainMode>& mode, const std::vector<double>& cost, double theta_route) {
  Nests n;
  n.min_cost.fill(kInf);
  n.composite.fill(kInf);
  for (std::size_t r = 0; r < mode.size(); ++r) {
    auto& mc = n.min_cost[static_cast<int>(mode[r])];
    mc = std::min(mc, cost[r]);
  }
  for (std::size_t r = 0; r < mode.size(); ++r) {
    const int m = static_cast<int>(mode[r]);
    n.sum[m] += std::exp(-theta_route * (cost[r] - n.min_cost[m]));
  }
  for (int m = 0; m < kMainModeCount; ++m)
    if (n.sum[m] > 0) {
      n.composite[m] = n.min_cost[m] - std::log(n.sum[m]) / theta_route;
      n.best = std::min(n.best, n.composite[m]);
    }
  return n;
}

}  // namespace

std::vector<double> nested_logit_shares(const std::vector<MainMode>& mode, const std::vector<double>& cost, double theta_route,
                                        double theta_mode) {
  const auto n = nests_of(mode, cost, theta_route);
  std::array<double, kMainModeCount> nest_share{};
  double nest_sum = 0;
  for (int m = 0; m < kMainModeCount; ++m)
    if (n.composite[m] < kInf) nest_sum += nest_share[m] = std::exp(-theta_mode * (n.composite[m] - n.best));
  std::vector<double> share(mode.size(), 0.0);
  for (std::size_t r = 0; r < mode.size(); ++r) {
    const int m = static_cast<int>(mode[r]);
    share[r] = nest_share[m] / nest_sum * std::exp(-theta_route * (cost[r] - n.min_cost[m])) / n.sum[m];
  }
  return share;
}

double nested_logit_expected_cost(const std::vector<MainMode>& mode, const std::vector<double>& cost, double theta_route,
                                  double theta_mode) {
  const auto n = nests_of(mode, cost, theta_route);
  if (n.best == kInf) return kInf;
  double sum = 0;
  for (int m = 0; m < kMainModeCount; ++m)
    if (n.composite[m] < kInf) sum += std::exp(-theta_mode * (n.composite[m] - n.best));
  return n.best - std::log(sum) / theta_mode;
}

}  // namespace silkroute::assignment
