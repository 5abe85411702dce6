#include "routing/ch/weight_units.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace silkroute::ch {

std::vector<Weight> scale_weights(std::int32_t node_count, const std::vector<WeightedEdge>& edges, double weight_scale) {
  if (!(weight_scale > 0) || !std::isfinite(weight_scale))
    throw std::invalid_argument("weight_scale must be a positive number, got " + std::to_string(weight_scale));
  std::vector<Weight> units(edges.size());
  // A shortest path is simple, so no distance (and no shortcut) exceeds the sum of all
  // weights; bounding that sum keeps every search sum below kUnreachable.
  long double total = 0, heaviest = 0;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const auto& e = edges[i];
    const auto where = [&] {
      return "edge " + std::to_string(i) + " (" + std::to_string(e.from) + " -> " + std::to_string(e.to) + ")";
    };
    if (e.from < 0 || e.from >= node_count)
      throw std::invalid_argument(where() + ": from is outside 0.." + std::to_string(node_count - 1));
    if (e.to < 0 || e.to >= node_count)
      throw std::invalid_argument(where() + ": to is outside 0.." + std::to_string(node_count - 1));
    if (!(e.weight >= 0) || !std::isfinite(e.weight))
      throw std::invalid_argument(where() + ": weight must be finite and 0 or more, got " + std::to_string(e.weight));
    const long double scaled = std::round(static_cast<long double>(e.weight) * weight_scale);
    if (scaled >= kUnreachable)
      throw std::invalid_argument(where() + ": weight " + std::to_string(e.weight) + " times weight_scale " +
                                  std::to_string(weight_scale) + " does not fit in 31 bits; use a smaller weight_scale");
    units[i] = static_cast<Weight>(scaled);
    if (e.from != e.to) {
      total += scaled;
      heaviest = std::max(heaviest, scaled);
    }
  }
  // A simple path also has at most node_count - 1 arcs.
  total = std::min(total, heaviest * std::max(0, node_count - 1));
  if (total >= kUnreachable)
    throw std::invalid_argument("paths could weigh up to " + std::to_string(static_cast<double>(total)) +
                                " units at weight_scale " + std::to_string(weight_scale) +
                                ", so a distance could overflow 31 bits; use a smaller weight_scale");
  return units;
}

}  // namespace silkroute::ch
