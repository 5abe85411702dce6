#pragma once
// Routes published origin-destination pairs on a network and compares time and distance
// with the published figures: the model must land inside the published time range widened
// by 15% each side, and within 5% of the published distance.

#include <optional>
#include <string>
#include <vector>

#include "network/network.hpp"

namespace silkroute {

struct PublishedPair {
  int line = 0;
  std::string origin, destination, mode, via, source_note;
  std::optional<double> time_low_h, time_high_h;
  std::optional<double> distance_km;  // converted from nautical miles where needed
  std::vector<std::string> avoid;
  std::optional<int> network_year;  // for the distance check
  bool sailing = false;             // compare running time of ferry legs only
};

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
inline constexpr double kDistanceTolerance = 0.05;

// Reads the pairs file (tests/calibration/published_pairs.csv); throws io::DatasetError.
std::vector<PublishedPair> read_published_pairs(const std::string& path);
std::vector<CalibrationRow> calibrate(const Network& net, const std::vector<PublishedPair>& pairs);

}  // namespace silkroute
