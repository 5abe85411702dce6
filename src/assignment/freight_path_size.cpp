#include "assignment/freight_path_size.hpp"

#include <cmath>
#include <unordered_map>

namespace silkroute::assignment {

std::vector<double> path_size_factors(const std::vector<MainMode>& mode, const std::vector<std::span<const LinkIndex>>& links,
                                      const std::vector<double>& link_length_km) {
  // Routes per (mode, link), then each route's length-weighted share of its links.
  std::array<std::unordered_map<LinkIndex, int>, kMainModeCount> users;
  for (std::size_t r = 0; r < links.size(); ++r)
    for (auto l : links[r]) ++users[static_cast<int>(mode[r])][l];
  std::vector<double> size(links.size(), 1.0);
  for (std::size_t r = 0; r < links.size(); ++r) {
    const auto& used = users[static_cast<int>(mode[r])];
    double length = 0, shared = 0;
    for (auto l : links[r]) {
      const double km = link_length_km[static_cast<std::size_t>(l)];
      length += km;
      shared += km / used.at(l);
    }
    if (length > 0) size[r] = shared / length;
  }
  return size;
}

void add_path_size_term(std::vector<double>& cost, const std::vector<double>& path_size, double beta, double theta_route) {
  if (beta == 0) return;
  for (std::size_t r = 0; r < cost.size(); ++r) cost[r] -= beta * std::log(path_size[r]) / theta_route;
}

}  // namespace silkroute::assignment
