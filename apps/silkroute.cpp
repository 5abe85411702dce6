// The silkroute command line: route, validate, info.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "analysis_commands.hpp"
#include "assign_command.hpp"
#include "calibrate_command.hpp"
#include "validate_command.hpp"
#include "io/od_pairs_reader.hpp"
#include "sweep_command.hpp"
#include "cli_common.hpp"
#include "io/dataset_issue.hpp"
#include "io/dataset_reader.hpp"
#include "network/place_finder.hpp"
#include "network_coverage.hpp"
#include "network_info.hpp"
#include "output/place_output.hpp"
#include "format_modules.hpp"
#include "output/route_legs_csv.hpp"
#include "output/route_output.hpp"
#include <sstream>
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
  std::string format;  // empty: from --out's extension, else table
  std::string network;
  std::string out;
  bool force = false;

  // --format, or the one --out's extension names; XLSX holds the legs table (as csv).
  std::string resolved() const {
    const auto extension = std::filesystem::path(out).extension().string();
    std::string from_extension;
    if (extension == ".json") from_extension = "json";
    else if (extension == ".geojson") from_extension = "geojson";
    else if (extension == ".csv") from_extension = "csv";
    else if (extension == ".xlsx") from_extension = "xlsx";
    else if (extension == ".txt") from_extension = "table";
    else if (!out.empty() && out != "-")
      throw std::invalid_argument("--out: '" + out + "': unknown extension '" + extension +
                                  "'; known: .json, .geojson, .csv, .xlsx (a row per leg), .txt (a table)");
    if (!format.empty() && !from_extension.empty() && format != from_extension)
      throw std::invalid_argument("--format " + format + " does not match --out '" + out + "'");
    if (format == "xlsx" && from_extension != "xlsx") throw std::invalid_argument("--format xlsx needs --out FILE.xlsx");
    if (!format.empty()) return format;
    return from_extension.empty() ? "table" : from_extension;
  }
};

// What a route run leaves to the operating system at exit: freeing every string of the
// network and of the answer one by one costs about 3 M instructions of a 37 M run. Held by
// this pointer it stays reachable (LeakSanitizer reports nothing).
struct LeftToExit {
  std::shared_ptr<Engine> engine;
  RouteResult result;
};
LeftToExit* left_to_exit = nullptr;

int run_route(const RouteCommand& c) {
  left_to_exit = new LeftToExit{Engine::open(c.network.empty() ? default_network_dir() : c.network), {}};
  const auto& engine = left_to_exit->engine;
  const auto format = c.resolved();
  engine->use_routing_snapshot();  // the topology and metric the last route kept, not built again
  left_to_exit->result = engine->route(c.request);
  const auto& result = left_to_exit->result;
  if (format == "xlsx") {
    if (!result.answer.routes.empty()) app::write_xlsx_output(output::route_legs_csv(result), c.out, "legs", c.force);
  } else {
    std::ostringstream text;
    output::write_route(result, format, text);
    app::write_output(text.str(), c.out, c.force);
  }
  engine->keep_routing_snapshot();  // when this run built them
  if (result.answer.routes.empty()) {
    if (format != "table" || !c.out.empty()) std::cerr << "no route: " << result.answer.no_route_reason << "\n";
    return kExitNoRoute;
  }
  return kExitOk;
}

// silkroute places QUERY: nodes and gazetteer places matching a name, and where each joins.
struct PlacesCommand {
  std::string query;
  std::string format = "table";
  std::string network;
  int limit = 20;
};

int run_places(const PlacesCommand& c) {
  const auto engine = Engine::open(c.network.empty() ? default_network_dir() : c.network);
  const auto places = engine->search_places(c.query, static_cast<std::size_t>(c.limit));
  const auto& access = engine->resolver().access();
  const double circuity = access ? access->circuity_factor : 0;
  if (c.format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& p : places) list.push_back(output::place_json(engine->network(), p, circuity));
    std::cout << nlohmann::ordered_json{{"query", c.query}, {"places", list}}.dump(2) << "\n";
  } else if (c.format == "csv") {
    std::cout << output::places_csv(engine->network(), places, circuity);
  } else {
    std::cout << output::places_table(engine->network(), places, circuity);
  }
  if (places.empty()) {
    std::cerr << "no place matches '" << c.query << "'\n";
    return kExitBadInput;
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
  auto formats = output::route_formats();
  formats.push_back("xlsx");
  route->add_option("--format", rc.format, "table, json, geojson, csv (a row per leg) or xlsx (default: from --out's extension, else table)")
      ->check(CLI::IsMember(formats));
  route->add_option("--out", rc.out, "write to this file: .json, .geojson, .csv, .xlsx or .txt");
  route->add_flag("--force", rc.force, "replace an existing --out file");
  route->add_option("--network", rc.network, "dataset folder (default: the embedded Belt and Road network)");

  // A route run builds only its own command: setting up the other sixteen with their options
  // costs about 2 M instructions, as much as reading the network's snapshot strings.
  if (argc > 1 && std::string(argv[1]) == "route")
    return app::run_command_line(app, argc, argv, {[&] { return *route ? run_route(rc) : -1; }});

  PlacesCommand pc;
  auto* places = app.add_subcommand("places", "places matching a name: network nodes and gazetteer cities, and where each joins the network");
  places->add_option("QUERY", pc.query, "a name, alternative name, UN/LOCODE or id, or its beginning")->required();
  places->add_option("--format", pc.format, "table, json or csv")->default_val("table")->check(CLI::IsMember({"table", "json", "csv"}));
  places->add_option("--limit", pc.limit, "at most this many places (1 to 200)")->default_val(pc.limit)->check(CLI::Range(1, 200));
  places->add_option("--network", pc.network, "dataset folder (default: the embedded Belt and Road network)");

  const auto run_validate = app::add_validate_command(app);

  std::string info_dir;
  bool info_coverage = false;
  auto* info = app.add_subcommand("info", "summary of a network");
  info->add_option("--network", info_dir, "dataset folder (default: the embedded Belt and Road network)");
  info->add_flag("--coverage", info_coverage, "what the network covers by region and mode (docs/coverage.md)");

  const auto run_calibrate = app::add_calibrate_command(app);

  const auto run_analysis = app::add_analysis_commands(app);
  app::add_helper_command_placeholders(app);
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
      {[&] { return *route ? run_route(rc) : -1; }, [&] { return *places ? run_places(pc) : -1; }, run_analysis, run_assign,
       run_validate,
       run_calibrate,
       [&]() -> int {
         if (!*info) return -1;
         const auto net = io::read_dataset(info_dir.empty() ? default_network_dir() : info_dir);
         std::cout << (info_coverage ? app::network_coverage(net) : app::network_info(net));
         return kExitOk;
       }});
}

int main(int argc, char** argv) {
  app::exec_helper_command_if_chosen(argc, argv);
  app::exec_sweep_command_if_chosen(argc, argv);
  return run(argc, argv);
}
