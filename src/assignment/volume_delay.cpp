#include "assignment/volume_delay.hpp"

#include <cmath>
#include <filesystem>
#include <stdexcept>

namespace silkroute::assignment {

namespace {

// x^p, with the common integer powers multiplied out (pow is the hot spot of cost updates).
inline double power_of(double x, double p) {
  if (p == 4.0) {
    const double x2 = x * x;
    return x2 * x2;
  }
  if (p == 1.0) return x;
  if (p == 2.0) return x * x;
  if (p == 0.0) return 1.0;
  if (x <= 0.0) return 0.0;
  return std::pow(x, p);
}

}  // namespace

VolumeDelay::VolumeDelay(const AssignmentNetwork& net, VdfKind kind, std::vector<VdfKind> kind_per_link) {
  const auto& L = net.links;
  const std::size_t n = L.size();
  kind_ = kind_per_link.empty() ? std::vector<VdfKind>(n, kind) : std::move(kind_per_link);
  if (kind_.size() != n) throw std::invalid_argument("volume-delay kinds: one per link expected");
  t0_ = L.free_flow_time;
  b_ = L.b;
  power_ = L.power;
  capacity_ = L.capacity;
  conical_s_.assign(n, 0.0);
  for (std::size_t a = 0; a < n; ++a) {
    if (kind_[a] != VdfKind::conical || b_[a] == 0) continue;
    const double alpha = power_[a];
    if (!(alpha > 1.0))
      throw std::invalid_argument(std::filesystem::path(net.source).filename().string() + ":" +
                                  std::to_string(L.file_line[a]) +
                                  ": column 'power': a conical volume-delay function needs a steepness above 1, got " +
                                  std::to_string(alpha));
    conical_s_[a] = (2 * alpha - 1) / (2 * alpha - 2);
  }
}

double VolumeDelay::time(std::size_t a, double v) const {
  if (b_[a] == 0) return t0_[a];
  const double x = v / capacity_[a];
  if (kind_[a] == VdfKind::bpr) return t0_[a] * (1.0 + b_[a] * power_of(x, power_[a]));
  const double alpha = power_[a], s = conical_s_[a], u = alpha * (1.0 - x);
  return t0_[a] * (2.0 + std::sqrt(u * u + s * s) - u - s);
}

double VolumeDelay::derivative(std::size_t a, double v) const {
  if (b_[a] == 0) return 0.0;
  const double c = capacity_[a], x = v / c;
  if (kind_[a] == VdfKind::bpr) {
    const double p = power_[a];
    if (p == 0.0) return 0.0;
    return t0_[a] * b_[a] * p * power_of(x, p - 1.0) / c;
  }
  const double alpha = power_[a], s = conical_s_[a], u = alpha * (1.0 - x);
  return t0_[a] / c * (alpha - alpha * u / std::sqrt(u * u + s * s));
}

double VolumeDelay::integral(std::size_t a, double v) const {
  if (b_[a] == 0) return t0_[a] * v;
  const double c = capacity_[a], x = v / c;
  if (kind_[a] == VdfKind::bpr) {
    const double p = power_[a];
    return t0_[a] * (v + b_[a] * c * x * power_of(x, p) / (p + 1.0));
  }
  // t0 * c * integral_0^x f, f = 2 - s + sqrt(u^2 + s^2) - u, u = a (1 - y).
  const double alpha = power_[a], s = conical_s_[a];
  auto G = [s](double u) { return 0.5 * u * std::sqrt(u * u + s * s) + 0.5 * s * s * std::asinh(u / s); };
  const double root_part = (G(alpha) - G(alpha * (1.0 - x))) / alpha;
  const double linear_part = (2.0 - s) * x - alpha * x + 0.5 * alpha * x * x;
  return t0_[a] * c * (linear_part + root_part);
}

void VolumeDelay::times(const std::vector<double>& v, std::vector<double>& t) const {
  t.resize(size());
  for (std::size_t a = 0; a < size(); ++a) t[a] = time(a, v[a]);
}

void VolumeDelay::derivatives(const std::vector<double>& v, std::vector<double>& d) const {
  d.resize(size());
  for (std::size_t a = 0; a < size(); ++a) d[a] = derivative(a, v[a]);
}

}  // namespace silkroute::assignment
