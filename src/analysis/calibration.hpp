#pragma once
// Routes published origin-destination pairs on a network and compares time and distance
// with the published figures: the model must land inside the published time range widened
// by 15% each side, and within 5% of the published distance at sea, 10% on land.

#include <optional>
#include <string>
#include <vector>

#include "io/published_pairs_reader.hpp"
#include "network/network.hpp"
#include "network/place_finder.hpp"
#include "places/place_resolver.hpp"
#include "routing/routing_cache.hpp"

namespace silkroute {

struct CalibrationRow {
  PublishedPair pair;
  std::optional<double> model_time_h;
  std::optional<double> model_distance_km;
  std::string route_label;
  bool time_ok = true;      // true when there is no published time
  bool distance_ok = true;  // true when there is no published distance
  std::string problem;      // no route, unknown place, ...
  bool ok() const { return time_ok && distance_ok && problem.empty(); }
};

inline constexpr double kTimeWidening = 0.15;
// Issue 13's rule: distances within 5% at sea (and by air and ferry, over lanes and great
// circles) and within 10% on land, where published route km differ by line and source.
inline constexpr double kDistanceToleranceSea = 0.05;
inline constexpr double kDistanceToleranceLand = 0.10;
inline double distance_tolerance(const std::string& mode) {
  return mode == "rail" || mode == "road" ? kDistanceToleranceLand : kDistanceToleranceSea;
}

std::vector<CalibrationRow> calibrate(const Network& net, const std::vector<PublishedPair>& pairs);

// The model's figures for one published pair: terminal-to-terminal time (or the sailing time
// of ferry legs for sailing rows), distance and the route's label; nullopt without a route.
// A place that is not a node (a gazetteer town) joins the network by its first or last mile,
// as the route command does; throws PlaceNotFound for a place neither knows.
struct PairMeasure {
  double time_h = 0;
  double distance_km = 0;
  std::string label;
};
std::optional<PairMeasure> measure_pair(const Network& net, RoutingCache& cache, const PlaceResolver& places,
                                        const PublishedPair& pair, int year);

}  // namespace silkroute
