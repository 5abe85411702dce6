// OpenStreetMap rail import (libosmium, src/importers/osm_rail_import) on a small .osm XML
// file, then the line topology that `silkroute import osm` builds from it.

#include "fuzz_support.hpp"
#include "importers/osm_rail_import.hpp"
#include "io/dataset_issue.hpp"

using namespace silkroute;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = fuzz::scratch_dir() / "input.osm";
  fuzz::write_file(path, fuzz::as_text(data, size));
  try {
    std::vector<importers::ImportLine> lines;
    std::vector<importers::ImportPoint> stations;
    importers::OsmRailReport osm_report;
    importers::read_osm_rail(path.string(), {}, lines, stations, osm_report);
    importers::TopologyOptions options;
    options.snap_m = 1;
    options.country = "AAA";
    options.id_prefix = "osm_";
    importers::TopologyReport report;
    (void)importers::build_line_network(lines, {}, options, report);
  } catch (const io::DatasetError&) {
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
