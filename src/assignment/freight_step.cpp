#include "assignment/freight_step.hpp"

#include <array>
#include <algorithm>
#include <cmath>

namespace silkroute::assignment {

const char* step_rule_description(FreightStepRule rule) {
  switch (rule) {
    case FreightStepRule::conjugate: return "conjugate directions with a line search";
    case FreightStepRule::self_regulated: return "self-regulated averaging";
    case FreightStepRule::successive: return "the method of successive averages";
  }
  return "";
}

double AveragingSteps::next_beta(int iteration, double change) {
  if (rule_ == FreightStepRule::successive) return iteration;
  // Self-regulated averaging: beta grows fast after an overshoot, slowly after progress.
  constexpr double kGrowthWorse = 2.0, kGrowthBetter = 0.1;
  if (iteration > 1) beta_ += change >= last_change_ ? kGrowthWorse : kGrowthBetter;
  last_change_ = change;
  return beta_;
}

namespace {

// dZ/dstep at `step`: the waits' part over the elements (a route's wait is the sum of its
// elements', so sum_r d_r sum_(e in r) W_e = sum_e d_e W_e), then each pair's costs without
// waits and its entropy terms, in hours.
double slope(const std::vector<LineSearchPair>& pairs, const std::vector<double>& element_flow,
             const std::vector<double>& element_direction, const std::function<double(int, double)>& wait_h,
             double theta_route, double theta_mode, double step) {
  double g = 0;
  for (std::size_t e = 0; e < element_flow.size(); ++e)
    if (element_direction[e] != 0) g += element_direction[e] * wait_h(static_cast<int>(e), element_flow[e] + step * element_direction[e]);
  const double route_scale = 1 / theta_route, mode_scale = 1 / theta_mode - 1 / theta_route;
  for (const auto& p : pairs) {
    const auto& f = *p.flow;
    const auto& t = *p.target;
    std::array<double, kMainModeCount> mode_flow{}, mode_direction{};
    double usd = 0;
    for (std::size_t r = 0; r < f.size(); ++r) {
      const double d = t[r] - f[r];
      if (d == 0) continue;  // also where both are 0: no term (0 ln 0 = 0)
      const double x = f[r] + step * d;
      usd += d * (p.fixed_usd[r] + route_scale * std::log(x));  // log(0) = -inf: the slope's bound at a route emptied
      mode_flow[static_cast<int>(p.modes[r])] += x;
      mode_direction[static_cast<int>(p.modes[r])] += d;
    }
    for (int m = 0; m < kMainModeCount; ++m)
      if (mode_direction[m] != 0) usd += mode_scale * mode_direction[m] * std::log(mode_flow[m]);
    g += usd / p.value_of_time_usd_per_h;
  }
  return g;
}

}  // namespace

double line_search_step(const std::vector<LineSearchPair>& pairs, const std::vector<double>& element_flow,
                        const std::function<double(int, double)>& element_wait_h, double theta_route_per_usd,
                        double theta_mode_per_usd) {
  std::vector<double> element_direction(element_flow.size(), 0.0);
  for (const auto& p : pairs)
    for (std::size_t r = 0; r < p.flow->size(); ++r) {
      const double d = (*p.target)[r] - (*p.flow)[r];
      for (int e : (*p.routes)[r].elements) element_direction[e] += d;
    }
  auto g = [&](double step) {
    return slope(pairs, element_flow, element_direction, element_wait_h, theta_route_per_usd, theta_mode_per_usd, step);
  };
  if (!(g(1) > 0)) return 1;  // the objective still falls at the target itself
  // Bisection to a relative precision of 2^-50 in the step: the slope at 0 is negative (the
  // direction descends), at 1 positive. Keeping the lower end keeps the step where Z still falls.
  double lo = 0, hi = 1;
  for (int i = 0; i < 50; ++i) {
    const double mid = (lo + hi) / 2;
    (g(mid) > 0 ? hi : lo) = mid;
    if (lo > 0 && hi - lo < 1e-6 * lo) break;
  }
  return lo > 0 ? lo : hi;
}

double curvature(const std::vector<LineSearchPair>& pairs, const std::vector<double>& element_flow,
                 const std::function<double(int, double)>& wait_h, double theta_route, double theta_mode,
                 const std::vector<std::vector<double>>& u, const std::vector<std::vector<double>>& v) {
  std::vector<double> ue(element_flow.size(), 0.0), ve(element_flow.size(), 0.0);
  const double route_scale = 1 / theta_route, mode_scale = 1 / theta_mode - 1 / theta_route;
  double h = 0;
  for (std::size_t d = 0; d < pairs.size(); ++d) {
    const auto& p = pairs[d];
    const auto& f = *p.flow;
    std::array<double, kMainModeCount> mode_flow{}, mode_u{}, mode_v{};
    double usd = 0;
    for (std::size_t r = 0; r < f.size(); ++r) {
      const int m = static_cast<int>(p.modes[r]);
      mode_flow[m] += f[r];
      mode_u[m] += u[d][r];
      mode_v[m] += v[d][r];
      for (int e : (*p.routes)[r].elements) {
        ue[e] += u[d][r];
        ve[e] += v[d][r];
      }
      if (u[d][r] * v[d][r] != 0) usd += route_scale * u[d][r] * v[d][r] / f[r];
    }
    for (int m = 0; m < kMainModeCount; ++m)
      if (mode_u[m] * mode_v[m] != 0) usd += mode_scale * mode_u[m] * mode_v[m] / mode_flow[m];
    h += usd / p.value_of_time_usd_per_h;
  }
  for (std::size_t e = 0; e < element_flow.size(); ++e) {
    if (ue[e] * ve[e] == 0) continue;
    const double dv = 1e-6 * std::max(element_flow[e], 1.0);
    const double lo = std::max(element_flow[e] - dv, 0.0), hi = element_flow[e] + dv;
    h += ue[e] * ve[e] * (wait_h(static_cast<int>(e), hi) - wait_h(static_cast<int>(e), lo)) / (hi - lo);
  }
  return h;
}

double conjugate_mix(const std::vector<LineSearchPair>& pairs, const std::vector<double>& element_flow,
                     const std::function<double(int, double)>& wait_h, double theta_route, double theta_mode,
                     const std::vector<std::vector<double>>& previous) {
  // a = previous point - flow, b = logit's answer - flow: the mix m makes a' H (m a + (1 - m) b) = 0,
  // m = a'H b / a'H (b - a).
  std::vector<std::vector<double>> a(pairs.size()), b(pairs.size()), b_a(pairs.size());
  for (std::size_t d = 0; d < pairs.size(); ++d) {
    const auto& f = *pairs[d].flow;
    const auto& t = *pairs[d].target;
    if (d >= previous.size() || previous[d].size() != t.size()) return 0;
    for (std::size_t r = 0; r < t.size(); ++r) {
      a[d].push_back(previous[d][r] - f[r]);
      b[d].push_back(t[r] - f[r]);
      b_a[d].push_back(t[r] - previous[d][r]);
    }
  }
  const double n = curvature(pairs, element_flow, wait_h, theta_route, theta_mode, a, b);
  const double den = curvature(pairs, element_flow, wait_h, theta_route, theta_mode, a, b_a);
  if (den == 0 || !std::isfinite(n) || !std::isfinite(den)) return 0;
  return std::clamp(n / den, 0.0, 0.99);
}

}  // namespace silkroute::assignment
