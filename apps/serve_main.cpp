// silkroute-serve: the HTTP API and web map. `silkroute serve ...` runs this program, so that
// the other commands start without cpp-httplib and OpenSSL.
#include <CLI/CLI.hpp>

#include "cli_common.hpp"
#include "serve_command.hpp"

using namespace silkroute;

int main(int argc, char** argv) {
  CLI::App app{"silkroute serve: the HTTP API and the web map"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("silkroute ") + SILKROUTE_VERSION);
  app.name("silkroute");
  const auto run_serve = app::add_serve_command(app);
  return app::run_command_line(app, argc, argv, {run_serve});
}
