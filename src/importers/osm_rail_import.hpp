#pragma once
// OpenStreetMap railways (libosmium): ways tagged railway=rail (and narrow_gauge) become
// rail lines with their `gauge` tag, split where ways share a node; railway=station and
// halt nodes name the junctions they lie on. Service tracks (yards, sidings, spurs) are
// left out unless asked for.

#include <string>

#include "importers/line_topology.hpp"

namespace silkroute::importers {

struct OsmRailOptions {
  int default_gauge_mm = 1435;  // for ways without a readable gauge tag
  bool service_tracks = false;  // keep service=yard/siding/spur/crossover
};

struct OsmRailReport {
  long long ways = 0;
  long long service_skipped = 0;
  long long gauge_missing = 0;
  long long gauge_multi = 0;  // "1435;1000": the first gauge is used
  long long stations = 0;
  long long pieces = 0;
  std::string text() const;
};

// Reads an .osm.pbf or .osm file into lines and station points for build_line_network.
void read_osm_rail(const std::string& path, const OsmRailOptions& options, std::vector<ImportLine>& lines,
                   std::vector<ImportPoint>& stations, OsmRailReport& report);

}  // namespace silkroute::importers
