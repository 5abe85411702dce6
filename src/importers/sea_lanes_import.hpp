#pragma once
// Replaces a network's sea lanes with a maritime lane network such as Eurostat's marnet
// (../shared/data/sea_lanes/eurostat): lane endpoints are snapped into nodes, the `pass`
// attribute becomes the chokepoint tag, and every seaport of the base network is joined to
// its nearest lane node. Rail, road, ferry and air are kept as they are.

#include <string>
#include <vector>

#include "gis/vector_io.hpp"
#include "network/network.hpp"

namespace silkroute::importers {

struct SeaLaneImportOptions {
  double snap_km = 0.5;            // endpoints closer than this become one node
  bool arctic = false;             // keep the Northwest and Northeast passages (ice-bound most of the year)
  double warn_port_km = 150;       // ports farther than this from any lane are reported
  std::string source = "Eurostat SeaRoute marnet (EUPL-1.2)";
};

struct SeaLaneImportReport {
  long long features = 0;
  long long skipped_no_geometry = 0;
  long long parts = 0;
  long long snapped_endpoints = 0;  // endpoints merged into a node at another position
  long long dropped_zero_length = 0;
  long long dropped_arctic = 0;
  long long merged_duplicates = 0;  // same two nodes twice: the shorter kept
  long long lane_nodes = 0;
  long long lane_links = 0;
  long long base_sea_links_removed = 0;
  long long base_waypoints_removed = 0;
  std::vector<std::pair<std::string, double>> ports;  // port id, km to its lane node
  std::vector<std::string> chokepoints;               // tags found

  std::string text(const SeaLaneImportOptions& options) const;
};

Network import_sea_lanes(const Network& base, const gis::VectorLayer& lanes, const SeaLaneImportOptions& options,
                         SeaLaneImportReport& report);

}  // namespace silkroute::importers
