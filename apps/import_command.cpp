#include "import_command.hpp"

#include <algorithm>
#include <chrono>
#include <toml++/toml.h>
#include <filesystem>
#include <map>
#include <iostream>
#include <memory>

#include "cli_common.hpp"
#include "io/atomic_output.hpp"
#include "geo/point_index.hpp"
#include "gis/vector_io.hpp"
#include "importers/line_topology.hpp"
#include "network/place_finder.hpp"
#include "importers/osm_rail_import.hpp"
#include "importers/sea_lanes_import.hpp"
#include "network/place_finder.hpp"
#include "io/dataset_reader.hpp"
#include "io/dataset_writer.hpp"
#include "io/input_limits.hpp"
#include "scenario/toml_guard.hpp"

namespace silkroute::app {

namespace {

// Settings of `import gis` from a small TOML file; an option given on the command line wins.
template <typename State>
void apply_mapping_file(const CLI::App& cmd, State& g) {
  toml::table t;
  // The same limits as scenario files: size, a regular file, key depth (src/scenario/toml_guard.hpp).
  const auto mapping_text = io::read_input_file(g.mapping, io::kMaxScenarioBytes, "mapping file");
  if (auto problem = toml_depth_problem(mapping_text)) throw std::invalid_argument(g.mapping + ":" + *problem);
  try {
    t = toml::parse(mapping_text, g.mapping);
  } catch (const toml::parse_error& e) {
    throw std::invalid_argument(g.mapping + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()));
  }
  const std::vector<std::string> known = {"country", "country_name", "mode", "mode_field", "mode_map", "gauge",
                                          "gauge_field", "speed_field", "name_field", "snap_m", "point_name_field"};
  auto fail = [&](const toml::node& at, const std::string& key, const std::string& message) {
    throw std::invalid_argument(g.mapping + ":" + std::to_string(at.source().begin.line) + ": key '" + key + "': " + message);
  };
  for (const auto& [k, v] : t) {
    const std::string key(k.str());
    if (std::find(known.begin(), known.end(), key) == known.end())
      fail(v, key, "unknown key" + did_you_mean(key, known));
  }
  auto text = [&](const char* key, const char* option, std::string& target) {
    if (const auto* n = t.get(key); n && !cmd.count(option)) {
      if (!n->is_string()) fail(*n, key, "expected a string");
      target = *n->value<std::string>();
    }
  };
  text("country", "--country", g.country);
  text("country_name", "--country-name", g.country_name);
  text("mode", "--mode", g.mode);
  text("mode_field", "--mode-field", g.mode_field);
  text("gauge_field", "--gauge-field", g.gauge_field);
  text("speed_field", "--speed-field", g.speed_field);
  text("name_field", "--name-field", g.name_field);
  text("point_name_field", "--point-name-field", g.point_name_field);
  if (const auto* n = t.get("gauge"); n && !cmd.count("--gauge")) {
    if (!n->is_integer()) fail(*n, "gauge", "expected the gauge in mm, e.g. 1520");
    g.gauge = static_cast<int>(*n->value<std::int64_t>());
  }
  if (const auto* n = t.get("snap_m"); n && !cmd.count("--snap-m")) {
    if (!n->is_number()) fail(*n, "snap_m", "expected metres");
    g.snap_m = *n->value<double>();
  }
  if (const auto* n = t.get("mode_map"); n && !cmd.count("--mode-map")) {
    if (!n->is_table()) fail(*n, "mode_map", "expected a table: value = \"mode\"");
    for (const auto& [value, mode] : *n->as_table()) {
      if (!mode.is_string()) fail(mode, "mode_map." + std::string(value.str()), "expected a mode name");
      g.mode_map.push_back(std::string(value.str()) + "=" + *mode.template value<std::string>());
    }
  }
}

// import sea-lanes: the Eurostat (or any) lane network in place of a dataset's sea lanes.
std::function<int()> add_sea_lanes_import(CLI::App* cmd) {
  struct State {
    std::string lanes, layer, base, out;
    bool force = false;
    importers::SeaLaneImportOptions sea;
  };
  auto s = std::make_shared<State>();
  auto* sea = cmd->add_subcommand("sea-lanes", "replace the sea lanes of a network with a lane network (e.g. Eurostat marnet)");
  sea->alias("eurostat");
  sea->add_option("--lanes", s->lanes, "line layer: GeoJSON, GeoPackage or Shapefile, with an optional 'pass' attribute")->required();
  sea->add_option("--layer", s->layer, "layer name (default: the first)");
  sea->add_option("--base", s->base, "dataset whose land network, ports and tables are kept (default: the embedded network)");
  sea->add_option("--out", s->out, "output dataset folder (new or empty; --force replaces it)")->required();
  sea->add_flag("--force", s->force, "replace an existing dataset folder");
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
    std::cout << report.text(s->sea);
    // The output must load like any dataset: read back with every check before it replaces anything.
    Network check;
    io::write_atomically(s->out, io::AtomicOutput::Kind::folder, s->force, [&](const std::filesystem::path& tmp) {
      io::write_dataset(net, tmp.string(), base_dir,
                        "Built by `silkroute import sea-lanes --lanes " + s->lanes + "` from " + base_dir +
                            "; sea lanes: " + s->sea.source + ". Do not commit: derived from external data.");
      check = io::read_dataset(tmp.string());
    });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "wrote " << s->out << ": " << check.nodes.size() << " nodes, " << check.links.size()
              << " links; it validates (" << seconds << " s)\n";
    return kExitOk;
  };
}

// The lines of a GIS layer with their mode, gauge, speed and name from the attributes the
// options name; what could not be read is counted for the report.
struct LayerLines {
  std::vector<importers::ImportLine> lines;
  long long unmapped = 0, bad_gauge = 0, bad_speed = 0;
};

template <typename GisOptions>
LayerLines lines_from_layer(const gis::VectorLayer& layer, const GisOptions& g, Mode default_mode,
                            const std::map<std::string, Mode>& mode_map) {
  LayerLines out;
  const auto file = std::filesystem::path(g.lines).filename().string();
  for (const auto& f : layer.features) {
    importers::ImportLine base_line;
    base_line.mode = default_mode;
    if (!g.mode_field.empty()) {
      auto it = f.attributes.find(g.mode_field);
      auto mapped = it == f.attributes.end() ? mode_map.end() : mode_map.find(it->second);
      if (mapped == mode_map.end()) {
        ++out.unmapped;
        continue;
      }
      base_line.mode = mapped->second;
    }
    base_line.gauge_mm = g.gauge;
    if (!g.gauge_field.empty())
      if (auto it = f.attributes.find(g.gauge_field); it != f.attributes.end()) {
        try {
          base_line.gauge_mm = std::stoi(it->second);
        } catch (const std::exception&) {
          ++out.bad_gauge;
        }
      }
    if (!g.speed_field.empty())
      if (auto it = f.attributes.find(g.speed_field); it != f.attributes.end()) {
        try {
          const double v = std::stod(it->second);
          if (v > 0) base_line.speed_kmh = v;
        } catch (const std::exception&) {
          ++out.bad_speed;
        }
      }
    if (!g.name_field.empty())
      if (auto it = f.attributes.find(g.name_field); it != f.attributes.end()) base_line.name = it->second;
    base_line.source = file + " feature " + std::to_string(f.fid);
    for (const auto& part : f.lines) {
      auto line = base_line;
      line.points = part;
      out.lines.push_back(std::move(line));
    }
  }
  return out;
}

// import gis: a dataset from a GIS line layer and an optional point layer.
std::function<int()> add_gis_import(CLI::App* cmd) {
  struct GisState {
    std::string lines, layer, points, point_name_field = "name", country, country_name, mode = "rail", mode_field,
        gauge_field, speed_field, name_field, out, base;
    std::vector<std::string> mode_map;
    int gauge = 1435;
    double snap_m = 20;
    std::string mapping;
    bool force = false;
  };
  auto g = std::make_shared<GisState>();
  auto* gis_cmd = cmd->add_subcommand("gis", "a dataset from a GIS line layer (and optional point layer of terminals)");
  gis_cmd->add_option("--lines", g->lines, "line layer: GeoJSON, GeoPackage, Shapefile, ...")->required();
  gis_cmd->add_option("--layer", g->layer, "layer name (default: the first)");
  gis_cmd->add_option("--points", g->points, "point layer of named places (stations, terminals) to name nodes");
  gis_cmd->add_option("--point-name-field", g->point_name_field, "attribute with the place name")->default_val("name");
  gis_cmd->add_option("--country", g->country, "ISO 3166 alpha-3 code for every node (or country in --mapping)");
  gis_cmd->add_option("--country-name", g->country_name, "the country's name (default: the code)");
  gis_cmd->add_option("--mode", g->mode, "mode of every line (rail, road, iww)")->default_val("rail");
  gis_cmd->add_option("--mode-field", g->mode_field, "attribute that gives the mode, through --mode-map");
  gis_cmd->add_option("--mode-map", g->mode_map, "value=mode pairs for --mode-field, e.g. Rail=rail,Highway=road");
  gis_cmd->add_option("--gauge", g->gauge, "rail gauge in mm when no --gauge-field value")->default_val(1435);
  gis_cmd->add_option("--gauge-field", g->gauge_field, "attribute with the gauge in mm");
  gis_cmd->add_option("--speed-field", g->speed_field, "attribute with the freight speed in km/h");
  gis_cmd->add_option("--name-field", g->name_field, "attribute with the line's name, kept in the source");
  gis_cmd->add_option("--snap-m", g->snap_m, "join endpoints closer than this")->default_val(20)->check(CLI::Range(0.0, 10000.0));
  gis_cmd->add_option("--base", g->base, "dataset whose modes.csv and cargo.csv are copied (default: the embedded network)");
  gis_cmd->add_option("--out", g->out, "output dataset folder (new or empty; --force replaces it)")->required();
  gis_cmd->add_flag("--force", g->force, "replace an existing dataset folder");
  gis_cmd->add_option("--mapping", g->mapping,
                      "TOML file with the same settings (country, mode, mode_field, [mode_map], gauge, gauge_field, "
                      "speed_field, name_field, snap_m); command-line options win");

  return [g, gis_cmd]() -> int {
    if (!*gis_cmd) return -1;
    if (!g->mapping.empty()) apply_mapping_file(*gis_cmd, *g);
    if (g->country.empty()) throw std::invalid_argument("import gis: give --country (or country in --mapping)");
    const auto layer = gis::read_layer(g->lines, g->layer);
    std::map<std::string, Mode> mode_map;
    for (const auto& pair : split_list(g->mode_map)) {
      const auto eq = pair.find('=');
      auto mode = eq == std::string::npos ? std::nullopt : parse_mode(pair.substr(eq + 1));
      if (!mode) throw std::invalid_argument("--mode-map: expected value=mode, got '" + pair + "'");
      mode_map[pair.substr(0, eq)] = *mode;
    }
    const auto default_mode = parse_mode(g->mode);
    if (!default_mode) throw std::invalid_argument("--mode: unknown mode '" + g->mode + "'; modes are " + mode_names());
    if (g->country.size() != 3) throw std::invalid_argument("--country: expected an ISO 3166 alpha-3 code, got '" + g->country + "'");
    const auto read = lines_from_layer(layer, *g, *default_mode, mode_map);
    const auto& lines = read.lines;
    const auto unmapped = read.unmapped, bad_gauge = read.bad_gauge, bad_speed = read.bad_speed;
    std::vector<importers::ImportPoint> points;
    if (!g->points.empty()) {
      const auto point_layer = gis::read_layer(g->points);
      const auto pfile = std::filesystem::path(g->points).filename().string();
      for (const auto& f : point_layer.features) {
        if (!f.point) continue;
        auto it = f.attributes.find(g->point_name_field);
        points.push_back({*f.point, it == f.attributes.end() ? "" : it->second, pfile + " feature " + std::to_string(f.fid)});
      }
    }
    importers::TopologyOptions options;
    options.snap_m = g->snap_m;
    options.country = g->country;
    importers::TopologyReport report;
    auto net = importers::build_line_network(lines, points, options, report);
    net.countries.push_back({g->country, g->country_name.empty() ? g->country : g->country_name, "", kAlwaysOpen});
    const auto base_dir = g->base.empty() ? default_network_dir() : g->base;
    Network check;
    io::write_atomically(g->out, io::AtomicOutput::Kind::folder, g->force, [&](const std::filesystem::path& tmp) {
      io::write_standalone_dataset(net, tmp.string(), base_dir, "Built by `silkroute import gis --lines " + g->lines + "`");
      check = io::read_dataset(tmp.string());
    });
    std::cout << report.text(options);
    if (unmapped) std::cout << "skipped: " << unmapped << " features whose " << g->mode_field << " is not in --mode-map\n";
    if (bad_gauge || bad_speed)
      std::cout << "defaults used: " << bad_gauge << " unreadable gauges (" << g->gauge << " mm), " << bad_speed
                << " unreadable speeds (mode default)\n";
    std::cout << "wrote " << g->out << ": " << check.nodes.size() << " nodes, " << check.links.size() << " links; it validates\n";
    return kExitOk;
  };
}

// import osm: railway=rail ways of an OpenStreetMap extract, with their gauges and stations.
std::function<int()> add_osm_import(CLI::App* cmd) {
  struct OsmState {
    std::string input, country, country_name, out, base;
    importers::OsmRailOptions options;
    double snap_m = 1;
    bool force = false;
  };
  auto o = std::make_shared<OsmState>();
  auto* osm = cmd->add_subcommand("osm", "rail lines from OpenStreetMap (.osm.pbf or .osm): railway=rail ways with their gauge");
  osm->add_option("INPUT", o->input, "OpenStreetMap file")->required();
  osm->add_option("--country", o->country, "ISO 3166 alpha-3 code for every node")->required();
  osm->add_option("--country-name", o->country_name, "the country's name (default: the code)");
  osm->add_option("--default-gauge", o->options.default_gauge_mm, "gauge in mm for ways without a gauge tag")->default_val(1435);
  osm->add_flag("--service-tracks", o->options.service_tracks, "keep yards, sidings and spurs");
  osm->add_option("--snap-m", o->snap_m, "join ends closer than this")->default_val(1);
  osm->add_option("--base", o->base, "dataset whose modes.csv and cargo.csv are copied (default: the embedded network)");
  osm->add_option("--out", o->out, "output dataset folder (new or empty; --force replaces it)")->required();
  osm->add_flag("--force", o->force, "replace an existing dataset folder");

  return [o, osm]() -> int {
    if (!*osm) return -1;
    if (o->country.size() != 3) throw std::invalid_argument("--country: expected an ISO 3166 alpha-3 code, got '" + o->country + "'");
    std::vector<importers::ImportLine> lines;
    std::vector<importers::ImportPoint> stations;
    importers::OsmRailReport osm_report;
    importers::read_osm_rail(o->input, o->options, lines, stations, osm_report);
    importers::TopologyOptions options;
    options.snap_m = o->snap_m;
    options.country = o->country;
    options.id_prefix = "osm_";
    importers::TopologyReport report;
    // Stations name the junction nearest to them within 200 m.
    auto topology_options = options;
    auto net = importers::build_line_network(lines, {}, topology_options, report);
    long long named = 0;
    geo::PointIndex junctions;
    for (NodeIndex n = 0; n < static_cast<NodeIndex>(net.nodes.size()); ++n) junctions.insert(net.nodes[n].position, n);
    for (const auto& st : stations) {
      const auto hit = junctions.nearest_within(st.position, 0.2);
      if (!hit) continue;
      net.nodes[hit->id].name = st.name;
      net.nodes[hit->id].source = st.source;
      ++named;
    }
    net.countries.push_back({o->country, o->country_name.empty() ? o->country : o->country_name, "", kAlwaysOpen});
    const auto base_dir = o->base.empty() ? default_network_dir() : o->base;
    Network check;
    io::write_atomically(o->out, io::AtomicOutput::Kind::folder, o->force, [&](const std::filesystem::path& tmp) {
      io::write_standalone_dataset(net, tmp.string(), base_dir,
                                   "Built by `silkroute import osm " + o->input + "` (OpenStreetMap data, ODbL)");
      check = io::read_dataset(tmp.string());
    });
    std::cout << osm_report.text() << report.text(options) << "stations naming a node within 200 m: " << named << "\n";
    std::cout << "wrote " << o->out << ": " << check.nodes.size() << " nodes, " << check.links.size() << " links; it validates\n";
    return kExitOk;
  };
}

}  // namespace

std::function<int()> add_import_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("import", "build a dataset from GIS layers or public networks");
  cmd->require_subcommand(1);
  const std::vector<std::function<int()>> imports{add_sea_lanes_import(cmd), add_gis_import(cmd), add_osm_import(cmd)};
  return [imports]() -> int {
    for (const auto& run : imports)
      if (const int code = run(); code >= 0) return code;
    return -1;
  };
}

}  // namespace silkroute::app
