#include "routing/mode_chain.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "geo/great_circle.hpp"

namespace silkroute {

namespace {

// Consecutive legs of one mode, as the chain reads ("rail+road+rail"): gauge changes and
// border posts do not split a stretch.
struct Stretch {
  Mode mode;
  double length_km = 0;
};

std::vector<Stretch> stretches(const Route& r) {
  std::vector<Stretch> out;
  for (const auto& leg : r.legs) {
    if (out.empty() || out.back().mode != leg.carrier.mode) out.push_back({leg.carrier.mode, 0});
    out.back().length_km += leg.metrics.distance_km;
  }
  return out;
}

int sea_passages(const std::vector<Stretch>& s) {
  return static_cast<int>(std::count_if(s.begin(), s.end(), [](const Stretch& x) { return x.mode == Mode::sea; }));
}

// The longest road stretch between legs of other modes (0 when there is none).
double longest_road_bridge_km(const std::vector<Stretch>& s) {
  double km = 0;
  for (std::size_t i = 1; i + 1 < s.size(); ++i)
    if (s[i].mode == Mode::road) km = std::max(km, s[i].length_km);
  return km;
}

std::string km_text(double km) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f km", km);
  return buf;
}

}  // namespace

std::string absurd_mode_chain(const Network& net, const Route& candidate, const Route& best) {
  const auto chain = stretches(candidate);
  const auto best_chain = stretches(best);
  if (sea_passages(chain) > std::max(1, sea_passages(best_chain)))
    return "the cargo is landed and shipped again (sea, land, sea)";

  const double road_allowed_km = std::max(kMaxRoadBridgeKm, longest_road_bridge_km(best_chain));
  for (std::size_t i = 1; i + 1 < chain.size(); ++i)
    if (chain[i].mode == Mode::road && chain[i].length_km > road_allowed_km)
      return "a truck bridges " + km_text(chain[i].length_km) + " between " + std::string(mode_name(chain[i - 1].mode)) +
             " and " + std::string(mode_name(chain[i + 1].mode));

  // How far from the origin the cargo has been: every node of a land, inland-water or ferry
  // leg, and the ports where a sea leg takes it and lands it (not the lanes between).
  if (candidate.legs.empty()) return {};
  const auto origin = net.nodes[candidate.legs.front().from].position;
  double farthest_km = 0;
  for (const auto& leg : candidate.legs) {
    const bool sea = leg.carrier.mode == Mode::sea;
    for (std::size_t i = 0; i < leg.nodes.size(); ++i) {
      if (sea && i != 0 && i + 1 != leg.nodes.size()) continue;
      const auto n = leg.nodes[i];
      const double km = geo::great_circle_km(origin, net.nodes[n].position);
      farthest_km = std::max(farthest_km, km);
      if (!sea && farthest_km - km > kMaxBacktrackKm)
        return "the " + std::string(mode_name(leg.carrier.mode)) + " runs back " + km_text(farthest_km - km) +
               " toward the origin (at " + net.nodes[n].name + ")";
    }
  }
  return {};
}

}  // namespace silkroute
