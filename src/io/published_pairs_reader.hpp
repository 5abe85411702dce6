#pragma once
// The published-pairs file (tests/calibration/published_pairs.csv): transit times and
// distances that operators, railways and the press published, with their sources.

#include <optional>
#include <string>
#include <vector>

#include "network/time_model.hpp"

namespace silkroute {

struct PublishedPair {
  int line = 0;
  std::string origin, destination, mode, via, source_note;
  std::optional<double> time_low_h, time_high_h;
  std::optional<double> distance_km;  // converted from nautical miles where needed
  std::vector<std::string> avoid;
  std::optional<int> network_year;  // for the distance check
  // The year the figure was published (third field of a `corridor | kind | year | ...` note):
  // a liner schedule is timed with the fleet of its year (service speeds, docs/time-model.md).
  std::optional<int> published_year;
  bool sailing = false;             // compare running time of ferry legs only
  // The rail service the source says carried the train; nullopt: rail_services.csv decides.
  std::optional<RailService> rail_service;
  // For a road row, the crew the source says drove the truck; nullopt: road_crews.csv decides.
  std::optional<RoadCrew> road_crew;
  // The batch the row was curated in, from the `# batch: ORDER NAME ...` comment line above it
  // (tests/calibration/README.md): calibrate's cross-validation by batch fits on the batches
  // curated before and predicts the next, as fresh pairs arrive. Empty in a file without them.
  std::string batch;
  int batch_order = 0;
};

// Reads the pairs file; throws io::DatasetError naming file, line and column. A file with
// batch lines must start its rows with one (every row then has a batch).
std::vector<PublishedPair> read_published_pairs(const std::string& path);

}  // namespace silkroute
