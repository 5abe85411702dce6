// The silkroute command line: route, validate, info.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "analysis/calibration.hpp"
#include "analysis_commands.hpp"
#include "assign_command.hpp"
#include "io/od_pairs_reader.hpp"
#include "serve_command.hpp"
#include "sweep_command.hpp"
#include "cli_common.hpp"
#include "io/dataset_issue.hpp"
#include "io/dataset_reader.hpp"
#include "network/place_finder.hpp"
#include "network_info.hpp"
#include "output/route_output.hpp"
#include "output/text_table.hpp"
#include "engine/engine.hpp"


namespace {

using namespace silkroute;

using app::default_network_dir;
using app::kExitBadInput;
using app::kExitNoRoute;
using app::kExitOk;

// The route command: its options fill a RouteRequest, the Engine does the rest.
struct RouteCommand {
  RouteRequest request;
  std::string format = "table";
  std::string network;
};

int run_calibrate(const std::string& pairs_path, const std::string& network) {
  const auto net = io::read_dataset(network.empty() ? default_network_dir() : network);
  const auto rows = calibrate(net, read_published_pairs(pairs_path));
  using output::Align;
  output::TextTable t({{"pair", Align::left}, {"mode", Align::left}, {"model h", Align::right}, {"published h", Align::right},
                       {"time", Align::left}, {"model km", Align::right}, {"published km", Align::right},
                       {"diff", Align::right}, {"dist", Align::left}, {"model route", Align::left}});
  int failed = 0;
  for (const auto& r : rows) {
    const auto& p = r.pair;
    failed += !r.ok();
    std::string published_h = p.time_low_h ? output::format_number(*p.time_low_h) + "-" + output::format_number(*p.time_high_h) : "";
    std::string diff;
    if (p.distance_km && r.model_distance_km)
      diff = output::format_number(100.0 * (*r.model_distance_km - *p.distance_km) / *p.distance_km, 1) + "%";
    auto verdict = [&](bool has, bool ok) { return !r.problem.empty() ? "FAIL" : !has ? "" : ok ? "ok" : "FAIL"; };
    t.add_row({p.origin + " → " + p.destination + (p.avoid.empty() ? "" : " (avoid " + p.avoid.front() + ")"), p.mode,
               r.model_time_h ? output::format_number(*r.model_time_h, 1) : "-", published_h,
               verdict(p.time_low_h.has_value(), r.time_ok),
               r.model_distance_km ? output::format_number(*r.model_distance_km) : "-",
               p.distance_km ? output::format_number(*p.distance_km) : "", diff,
               verdict(p.distance_km.has_value(), r.distance_ok), r.problem.empty() ? r.route_label : r.problem});
  }
  std::cout << "Calibration of " << net.source_dir << " against " << pairs_path << "\n"
            << "time: model (terminal to terminal) inside the published range widened by 15% each side; "
               "distance: within 5%\n\n"
            << t.render("") << "\n" << (rows.size() - failed) << " passed, " << failed << " failed\n";
  return failed == 0 ? kExitOk : 1;
}

int run_route(const RouteCommand& c) {
  const auto engine = Engine::open(c.network.empty() ? default_network_dir() : c.network);
  const auto result = engine->route(c.request);
  output::write_route(result, c.format, std::cout);
  if (result.answer.routes.empty()) {
    if (c.format != "table") std::cerr << "no route: " << result.answer.no_route_reason << "\n";
    return kExitNoRoute;
  }
  return kExitOk;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"silkroute: routes, costs and what-ifs on the Belt and Road freight network"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("silkroute ") + SILKROUTE_VERSION);

  RouteCommand rc;
  auto* route = app.add_subcommand("route", "best route and alternatives between two places");
  app::add_route_request_options(route, rc.request);
  route->add_option("--format", rc.format, "table, json or geojson")->default_val("table")->check(CLI::IsMember(output::route_formats()));
  route->add_option("--network", rc.network, "dataset folder (default: the embedded Belt and Road network)");

  std::string validate_dir;
  auto* validate = app.add_subcommand("validate", "check a dataset folder and report every problem");
  validate->add_option("DIR", validate_dir, "dataset folder")->required();

  std::string info_dir;
  auto* info = app.add_subcommand("info", "summary of a network");
  info->add_option("--network", info_dir, "dataset folder (default: the embedded Belt and Road network)");

  std::string pairs_path, calibrate_network;
  auto* calib = app.add_subcommand("calibrate", "compare model times and distances with published figures");
  calib->add_option("PAIRS", pairs_path, "CSV of published pairs (tests/calibration/published_pairs.csv)")->required();
  calib->add_option("--network", calibrate_network, "dataset folder (default: the embedded Belt and Road network)");

  const auto run_analysis = app::add_analysis_commands(app);
  const auto run_serve = app::add_serve_command(app);
  app::add_gis_command_placeholders(app);
  app::add_sweep_command_placeholder(app);
  const auto run_assign = app::add_assign_command(app);

  // An unknown command gets the list and a suggestion, not only "a subcommand is required".
  if (argc > 1 && argv[1][0] != '-' && std::string(argv[1]) != "help") {
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      std::cerr << "error: unknown command '" << argv[1] << "'" << did_you_mean(argv[1], names) << "; commands: " << list
                << " (silkroute --help)\n";
      return kExitBadInput;
    }
  }

  return app::run_command_line(
      app, argc, argv,
      {[&] { return *route ? run_route(rc) : -1; }, run_analysis, run_serve, run_assign,
       [&]() -> int {
         if (!*validate) return -1;
         const auto net = io::read_dataset(validate_dir);
         std::cout << validate_dir << ": OK, " << net.nodes.size() << " nodes, " << net.links.size() << " links\n";
         return kExitOk;
       },
       [&] { return *calib ? run_calibrate(pairs_path, calibrate_network) : -1; },
       [&]() -> int {
         if (!*info) return -1;
         std::cout << app::network_info(io::read_dataset(info_dir.empty() ? default_network_dir() : info_dir));
         return kExitOk;
       }});
}

int main(int argc, char** argv) {
  app::exec_gis_command_if_chosen(argc, argv);
  app::exec_sweep_command_if_chosen(argc, argv);
  return run(argc, argv);
}
