// silkroute-gis: the commands that need GDAL (import, export). `silkroute import ...` and
// `silkroute export ...` run this program, so that the other commands start without GDAL.
#include <CLI/CLI.hpp>

#include "cli_common.hpp"
#include "export_command.hpp"
#include "import_command.hpp"

using namespace silkroute;

int main(int argc, char** argv) {
  CLI::App app{"silkroute import and export (GDAL): GIS layers, OpenStreetMap, GeoPackage and GeoJSON"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("silkroute ") + SILKROUTE_VERSION);
  app.name("silkroute");
  const auto run_export = app::add_export_command(app);
  const auto run_import = app::add_import_command(app);
  return app::run_command_line(app, argc, argv, {run_export, run_import});
}
