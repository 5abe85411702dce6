// GIS vector import (GDAL/OGR, src/gis) as `silkroute import gis` and `import sea-lanes` use
// it: the input is a GeoJSON file; its lines become a network (src/importers/line_topology)
// and, as sea lanes, replace the small test network's sea links.

#include "fuzz_support.hpp"
#include "gis/vector_io.hpp"
#include "importers/line_topology.hpp"
#include "importers/sea_lanes_import.hpp"
#include "io/dataset_issue.hpp"

using namespace silkroute;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = fuzz::scratch_dir() / "input.geojson";
  fuzz::write_file(path, fuzz::as_text(data, size));
  try {
    const auto layer = gis::read_layer(path.string());
    std::vector<importers::ImportLine> lines;
    std::vector<importers::ImportPoint> points;
    for (const auto& f : layer.features) {
      for (const auto& part : f.lines) {
        importers::ImportLine line;
        line.points = part;
        line.gauge_mm = 1435;
        lines.push_back(std::move(line));
      }
      if (f.point) points.push_back({*f.point, "p", "input feature"});
    }
    importers::TopologyOptions options;
    options.country = "AAA";
    importers::TopologyReport report;
    const auto net = importers::build_line_network(lines, points, options, report);
    if (report.links != static_cast<long long>(net.links.size())) fuzz::finding("the topology report miscounts links");
    importers::SeaLaneImportOptions sea;
    importers::SeaLaneImportReport sea_report;
    (void)importers::import_sea_lanes(fuzz::mini_network(), layer, sea, sea_report);
  } catch (const io::DatasetError&) {
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
