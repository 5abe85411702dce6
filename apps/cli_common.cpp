#include "cli_common.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <unistd.h>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "io/atomic_output.hpp"
#include "io/dataset_issue.hpp"
#include "io/dataset_reader.hpp"

#ifndef SILKROUTE_DEFAULT_NETWORK
#define SILKROUTE_DEFAULT_NETWORK "data/bri"
#endif

namespace silkroute::app {

std::string default_network_dir() {
  if (const char* env = std::getenv("SILKROUTE_NETWORK"); env && *env) return env;
  return SILKROUTE_DEFAULT_NETWORK;
}

Network load_network(const std::string& dir) { return io::read_dataset(dir.empty() ? default_network_dir() : dir); }

std::vector<std::string> split_list(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (const auto& item : raw) {
    std::string cur;
    for (char c : item + ",") {
      if (c == ',') {
        if (!cur.empty()) out.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
  }
  return out;
}

int run_command_line(CLI::App& app, int argc, char** argv, const std::vector<std::function<int()>>& runners) {
  int code = kExitOk;
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ConversionError& e) {
    // CLI11 says "Could not convert: --year = abc"; say what was expected instead.
    const std::string what = e.what();
    const auto colon = what.find(": "), equals = what.find(" = ");
    if (colon != std::string::npos && equals != std::string::npos && equals > colon)
      std::cerr << "error: " << what.substr(colon + 2, equals - colon - 2) << ": expected a number, got '"
                << what.substr(equals + 3) << "' (see --help)\n";
    else
      app.exit(e);
    return kExitBadInput;
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitBadInput;
  }
  try {
    for (const auto& run : runners)
      if (const int c = run(); c >= 0) {
        code = c;
        break;
      }
  } catch (const io::DatasetError& e) {
    std::cerr << "error: " << e.what();
    return kExitBadInput;
  } catch (const std::invalid_argument& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << "\n";
    return 1;
  }
  // An answer that did not reach its reader (a full disk, a closed pipe) is a failure.
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "error: writing the output failed (disk full or output closed)\n";
    return kExitBadInput;
  }
  return code;
}

namespace {
// Commands whose libraries are heavy live in their own programs next to silkroute: GDAL's
// hundred libraries (import, export) and cpp-httplib with OpenSSL (serve).
struct HelperCommand {
  const char* name;
  const char* description;
  const char* program;
};
const HelperCommand kHelperCommands[] = {
    {"serve", "HTTP API and web map (http://127.0.0.1:8080 by default; runs silkroute-serve)", "silkroute-serve"},
    {"import", "build a dataset from GIS layers or public networks (runs silkroute-gis)", "silkroute-gis"},
    {"export", "network, routes or criticality as GeoJSON or GeoPackage (.gpkg) for QGIS (runs silkroute-gis)",
     "silkroute-gis"},
};
}  // namespace

std::filesystem::path program_dir(const char* argv0) {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path(argv0).parent_path() : self.parent_path();
}

void add_helper_command_placeholders(CLI::App& app) {
  for (const auto& c : kHelperCommands) app.add_subcommand(c.name, c.description)->allow_extras();
}

void exec_helper_command_if_chosen(int argc, char** argv) {
  if (argc < 2) return;
  for (const auto& c : kHelperCommands) {
    if (std::string(argv[1]) != c.name) continue;
    const auto tool = program_dir(argv[0]) / c.program;
    ::execv(tool.c_str(), argv);
    std::cerr << "error: '" << argv[1] << "' needs " << tool.string() << " (built with silkroute): " << std::strerror(errno)
              << "\n";
    std::exit(kExitBadInput);
  }
}

void add_route_request_options(CLI::App* cmd, RouteRequest& r) {
  cmd->add_option("FROM", r.from,
                  "origin: name, UN/LOCODE or id of a node or gazetteer place, or latitude,longitude (32.06,118.79); "
                  "exact (near misses get 'did you mean'); a place that is not a node joins by road")
      ->required();
  cmd->add_option("TO", r.to, "destination: as FROM")->required();
  cmd->add_option("--cargo", r.cargo, "cargo class id (default: the dataset's first, general container)");
  cmd->add_option("--objective", r.objective, "time, cost, co2 or generalized")->default_val(r.objective);
  cmd->add_option("--avoid", r.avoid,
                  "comma-separated: countries (RUS), chokepoints (suez), modes (air), link ids, places; "
                  "prefix country:, chokepoint:, mode:, link:, node: to disambiguate; road avoided still joins a "
                  "place that is not a node by its first and last mile")
      ->delimiter(',');
  cmd->add_option("--alternatives", r.alternatives, "alternatives besides the best route (0 to 20)")
      ->default_val(r.alternatives);
  cmd->add_option("--max-detour", r.max_detour,
                  "an alternative's objective (time, cost, ...) at most this times the best route's (1 to 10)")
      ->default_val(r.max_detour);
  cmd->add_option("--scenario", r.scenario.name, "bundled scenario name (silkroute scenarios) or a scenario .toml file");
  cmd->add_option("--year", r.year, "network as of this year: later projects, and links closed by then, are absent");
  cmd->add_option("--month", r.month, "1-12: apply that month's seasonal closures (the Khunjerab pass, December to March)")
      ->check(CLI::Range(1, 12));
  cmd->add_option("--rail-service", r.rail_service,
                  "express or intermodal: the rail service that carries the trip (default: rail_services.csv by the "
                  "regions of its ends)")
      ->check(CLI::IsMember({"express", "intermodal"}));
  cmd->add_option("--road-crew", r.road_crew,
                  "single or team: who drives the trip's trucks, one driver or a double-manned crew (default: "
                  "road_crews.csv by the regions of its ends and their distance)")
      ->check(CLI::IsMember({"single", "team"}));
  cmd->add_option("--carbon-price", r.carbon_price_usd_per_t, "USD per tonne CO2, in the generalized cost");
}

void write_output(const std::string& text, const std::string& path, bool force) {
  if (path.empty() || path == "-") {
    std::cout << text;
    return;
  }
  io::write_text_file(path, text, force);
  std::cerr << "wrote " << path << "\n";
}

}  // namespace silkroute::app
