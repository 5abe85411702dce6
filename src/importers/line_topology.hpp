#pragma once
// Builds a network from GIS lines: endpoints within a tolerance become one node, a line is
// split where another line ends on one of its vertices, and pieces too short or broken are
// dropped. Everything done is counted for the import report.

#include <optional>
#include <string>
#include <vector>

#include "network/network.hpp"

namespace silkroute::importers {

struct ImportLine {
  std::vector<geo::LonLat> points;
  Mode mode = Mode::rail;
  int gauge_mm = 0;
  std::optional<double> speed_kmh;
  std::string name;
  std::string source;  // e.g. "railroads.shp feature 12"
};

struct ImportPoint {  // a named place (station, terminal) joined to the nearest node
  geo::LonLat position;
  std::string name;
  std::string source;
};

struct TopologyOptions {
  double snap_m = 20;
  std::string country;  // ISO3 for every node
  std::string id_prefix = "g";
};

struct TopologyReport {
  long long lines = 0;
  long long snapped_endpoints = 0;  // joined to a node at another position
  long long splits = 0;             // lines split where another line ends on their vertex
  long long dropped_degenerate = 0; // fewer than two distinct points
  long long dropped_loops = 0;      // pieces starting and ending at one node
  long long merged_duplicates = 0;  // same node pair and mode: the shorter kept
  long long nodes = 0;
  long long links = 0;
  long long named_points = 0;       // points that named a node
  long long unmatched_points = 0;   // points farther than the snap distance from any node
  std::string text(const TopologyOptions& options) const;
};

// Nodes and links only; the caller adds countries, modes and cargo classes.
Network build_line_network(const std::vector<ImportLine>& lines, const std::vector<ImportPoint>& points,
                           const TopologyOptions& options, TopologyReport& report);

}  // namespace silkroute::importers
