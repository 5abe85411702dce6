#include "import_command.hpp"

#include <chrono>
#include <iostream>
#include <memory>

#include "cli_common.hpp"
#include "gis/vector_io.hpp"
#include "importers/sea_lanes_import.hpp"
#include "io/dataset_reader.hpp"
#include "io/dataset_writer.hpp"

namespace silkroute::app {

std::function<int()> add_import_command(CLI::App& app) {
  struct State {
    std::string lanes, layer, base, out;
    importers::SeaLaneImportOptions sea;
  };
  auto s = std::make_shared<State>();
  auto* cmd = app.add_subcommand("import", "build a dataset from GIS layers or public networks");
  cmd->require_subcommand(1);
  auto* sea = cmd->add_subcommand("sea-lanes", "replace the sea lanes of a network with a lane network (e.g. Eurostat marnet)");
  sea->alias("eurostat");
  sea->add_option("--lanes", s->lanes, "line layer: GeoJSON, GeoPackage or Shapefile, with an optional 'pass' attribute")->required();
  sea->add_option("--layer", s->layer, "layer name (default: the first)");
  sea->add_option("--base", s->base, "dataset whose land network, ports and tables are kept (default: the embedded network)");
  sea->add_option("--out", s->out, "output dataset folder")->required();
  sea->add_option("--snap-km", s->sea.snap_km, "merge lane endpoints closer than this")->default_val(0.5)->check(CLI::Range(0.0, 50.0));
  sea->add_flag("--arctic", s->sea.arctic, "keep the Northwest and Northeast passages");

  return [s, sea]() -> int {
    if (!*sea) return -1;
    const auto started = std::chrono::steady_clock::now();
    const auto base_dir = s->base.empty() ? default_network_dir() : s->base;
    const auto base = load_network(base_dir);
    std::cerr << "reading " << s->lanes << " ...\n";
    const auto layer = gis::read_layer(s->lanes, s->layer);
    importers::SeaLaneImportReport report;
    const auto net = importers::import_sea_lanes(base, layer, s->sea, report);
    io::write_dataset(net, s->out, base_dir,
                      "Built by `silkroute import sea-lanes --lanes " + s->lanes + "` from " + base_dir +
                          "; sea lanes: " + s->sea.source + ". Do not commit: derived from external data.");
    std::cout << report.text(s->sea);
    // The output must load like any dataset: read it back with every check.
    const auto check = io::read_dataset(s->out);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "wrote " << s->out << ": " << check.nodes.size() << " nodes, " << check.links.size()
              << " links; it validates (" << seconds << " s)\n";
    return kExitOk;
  };
}

}  // namespace silkroute::app
