#include "export_command.hpp"

#include <filesystem>
#include <iostream>
#include <memory>
#include <tuple>

#include "analysis/criticality.hpp"
#include "analysis/od_pairs.hpp"
#include "assignment/freight_assignment.hpp"
#include "assignment/freight_compare.hpp"
#include "assignment/freight_output.hpp"
#include "assignment/freight_qgis_style.hpp"
#include "io/od_pairs_reader.hpp"
#include "cli_common.hpp"
#include "cost/cost_model.hpp"
#include "gis/vector_io.hpp"
#include "io/atomic_output.hpp"
#include "engine/engine.hpp"
#include "output/analysis_output.hpp"
#include "output/network_geojson.hpp"
#include "output/route_output.hpp"

namespace silkroute::app {

using nlohmann::ordered_json;

namespace {

// Criticality rows on the map: a link as its line, a node as its point, a border or a
// chokepoint as the links it closes; every feature carries the row's numbers.
ordered_json criticality_geojson(const Network& net, const CriticalityResult& r) {
  ordered_json features = ordered_json::array();
  int rank = 0;
  for (const auto& e : r.elements) {
    ++rank;
    ordered_json props{{"rank", rank}};
    // Held in a variable: items() of a temporary would iterate a destroyed object.
    const auto element = output::critical_element_json(e);
    for (const auto& [k, v] : element.items()) props[k] = v;
    ordered_json geometry;
    if (e.kind == ElementKind::node) {
      const auto& p = net.nodes[*net.node_by_id(e.id)].position;
      geometry = {{"type", "Point"}, {"coordinates", {p.lon, p.lat}}};
    } else {
      ordered_json lines = ordered_json::array();
      for (const auto& link : net.links) {
        const auto& ca = net.nodes[link.from].country;
        const auto& cb = net.nodes[link.to].country;
        const bool match = (e.kind == ElementKind::link && link.id == e.id) ||
                           (e.kind == ElementKind::chokepoint && link.chokepoint == e.id) ||
                           (e.kind == ElementKind::border && mode_stops_at_borders(link.mode) && !ca.empty() &&
                            !cb.empty() && ca != cb && country_pair(ca, cb).first + "-" + country_pair(ca, cb).second == e.id);
        if (!match) continue;
        ordered_json coords = ordered_json::array();
        for (const auto& p : link_points(net, link)) coords.push_back({p.lon, p.lat});
        lines.push_back(std::move(coords));
      }
      if (lines.empty()) continue;
      geometry = {{"type", "MultiLineString"}, {"coordinates", lines}};
    }
    features.push_back({{"type", "Feature"}, {"geometry", geometry}, {"properties", props}});
  }
  return {{"type", "FeatureCollection"}, {"features", features}};
}

// What a TEU of `cargo` takes on each link under the scenario, for tools that read the
// export: running time, the wait for a departure, operating cost and CO2 (the border a link
// crosses is costed apart, as routes show it). Links of a mode the cargo cannot use (air for
// general containers) keep no figures.
void add_link_costs(const Network& net, const Scenario& scenario, const std::string& cargo_id, ordered_json& links) {
  const CargoClass* cargo = net.cargo(cargo_id.empty() ? "general" : cargo_id);
  if (!cargo) throw std::invalid_argument("--cargo: unknown cargo class '" + cargo_id + "'");
  const CostModel cost(net, *cargo, Objective::time, scenario);
  for (auto& f : links["features"]) {
    auto& props = f["properties"];
    const auto link = net.link_by_id(props["id"].get<std::string>());
    if (!link || !cost.mode_allowed(net.links[*link].mode)) continue;
    const auto c = cost.link_cost(*link);
    props["cargo"] = cargo->id;
    props["time_h"] = c.running.time_h + c.rest_h + c.call_h;
    props["wait_h"] = c.wait_h;
    props["cost_usd"] = c.running.cost_usd;
    props["co2_kg"] = c.running.co2_kg;
  }
}

// A freight layer as QGIS takes it from a GeoPackage or Shapefile: lines (links, borders) and
// points (terminals, ports, carrier changes) apart, one geometry type each, each with its style.
void add_freight_layers(const std::string& name, const ordered_json& collection, bool compared,
                        std::vector<std::pair<std::string, ordered_json>>& layers, std::vector<gis::LayerStyle>& styles) {
  namespace as = silkroute::assignment;
  ordered_json lines = {{"type", "FeatureCollection"}, {"features", ordered_json::array()}}, points = lines;
  for (auto f : collection["features"]) {
    // Links as one-part MultiLineStrings beside the borders' several parts: one geometry
    // type in the table, which QGIS then opens as one layer.
    if (f["geometry"]["type"] == "LineString")
      f["geometry"] = {{"type", "MultiLineString"}, {"coordinates", ordered_json::array({f["geometry"]["coordinates"]})}};
    (f["geometry"]["type"] == "Point" ? points : lines)["features"].push_back(std::move(f));
  }
  for (auto [suffix, fc, geometry] : {std::tuple{"_lines", &lines, as::FreightStyleGeometry::lines},
                                      std::tuple{"_points", &points, as::FreightStyleGeometry::points}}) {
    if ((*fc)["features"].empty()) continue;
    layers.emplace_back(name + suffix, std::move(*fc));
    styles.push_back({name + suffix, name,
                      compared ? as::freight_change_qml(geometry) : as::freight_flow_qml(geometry),
                      compared ? "width by the change of TEU a year from A to B, red more, blue less"
                               : "width by TEU a year, colour by utilization of the capacity (grey: none in the data)"});
  }
}

}  // namespace

std::function<int()> add_export_command(CLI::App& app) {
  struct State {
    std::string what, out, network, demand;
    bool force = false;
    std::vector<std::string> modes, compare;
    RouteRequest route;  // export route: the same request as silkroute route
  };
  auto s = std::make_shared<State>();
  auto* cmd = app.add_subcommand("export", "network, routes, criticality or freight flows as GeoJSON or GeoPackage (.gpkg) for QGIS");
  cmd->add_option("WHAT", s->what, "network, route, criticality or freight")
      ->required()
      ->check(CLI::IsMember({"network", "route", "criticality", "freight"}));
  cmd->add_option("FROM", s->route.from, "route origin");
  cmd->add_option("TO", s->route.to, "route destination");
  cmd->add_option("--out", s->out, "file: .gpkg (layers links and nodes for the network), .geojson or .shp.zip (zipped Shapefile)")->required();
  cmd->add_option("--network", s->network, "dataset folder (default: the embedded Belt and Road network)");
  cmd->add_option("--scenario", s->route.scenario.name, "scenario: its year filters the network; closures apply to routes");
  cmd->add_option("--modes", s->modes, "network: only these modes");
  cmd->add_option("--avoid", s->route.avoid, "route: as for silkroute route")->delimiter(',');
  cmd->add_option("--alternatives", s->route.alternatives, "route: alternatives besides the best")
      ->default_val(s->route.alternatives);
  cmd->add_option("--cargo", s->route.cargo, "cargo class id");
  cmd->add_option("--objective", s->route.objective, "route: time, cost, co2 or generalized")->default_val(s->route.objective);
  cmd->add_option("--year", s->route.year, "route: network as of this year");
  cmd->add_option("--carbon-price", s->route.carbon_price_usd_per_t, "route: USD per tonne CO2, in the generalized cost");
  cmd->add_option("--compare", s->compare, "freight: two scenarios A B, both assigned, each element's flows in both and the change")
      ->expected(2);
  cmd->add_option("--demand", s->demand, "criticality: demand CSV (default: the network's)");
  cmd->add_flag("--force", s->force, "replace an existing --out file");

  return [s, cmd]() -> int {
    if (!*cmd) return -1;
    const auto extension = std::filesystem::path(s->out).extension().string();
    const bool shapefile = s->out.ends_with(".shp.zip");
    if (extension != ".gpkg" && extension != ".geojson" && extension != ".json" && !shapefile)
      throw std::invalid_argument("--out: '" + s->out + "': give a .gpkg (GeoPackage), .geojson or .shp.zip (zipped Shapefile) file" +
                                  (extension == ".shp" ? "; a Shapefile is several files, written together as .shp.zip" : ""));
    const auto engine = Engine::open(s->network.empty() ? default_network_dir() : s->network);
    const auto& net = engine->network();
    const auto scenario = engine->scenario(s->route.scenario);
    std::vector<std::pair<std::string, ordered_json>> layers;
    std::vector<gis::LayerStyle> styles;  // GeoPackage layers QGIS opens styled
    const bool split_geometries = extension == ".gpkg" || shapefile;
    if (!s->compare.empty() && s->what != "freight") throw std::invalid_argument("--compare is for export freight");
    if (s->what == "network") {
      output::NetworkFilter filter;
      filter.year = scenario.year;
      for (const auto& m : split_list(s->modes)) {
        auto mode = parse_mode(m);
        if (!mode) throw std::invalid_argument("--modes: unknown mode '" + m + "'; modes are " + mode_names());
        filter.modes.insert(*mode);
      }
      auto links = output::links_geojson(net, filter);
      add_link_costs(net, scenario, s->route.cargo, links);
      if (extension == ".gpkg" || shapefile) {
        layers.emplace_back("links", std::move(links));
        layers.emplace_back("nodes", output::nodes_geojson(net, filter));
      } else {
        // GeoJSON holds one collection: the links' lines and the nodes' points together (the
        // `kind` property tells them apart; QGIS splits them by geometry), as /network does.
        auto network = std::move(links);
        auto nodes = output::nodes_geojson(net, filter);
        for (auto& f : nodes["features"]) network["features"].push_back(std::move(f));
        layers.emplace_back("network", std::move(network));
      }
    } else if (s->what == "route") {
      if (s->route.from.empty() || s->route.to.empty()) throw std::invalid_argument("export route: give FROM and TO");
      const auto result = engine->route(s->route);
      if (result.answer.routes.empty()) {
        std::cerr << "no route: " << result.answer.no_route_reason << "\n";
        return kExitNoRoute;
      }
      layers.emplace_back("route_legs", output::route_geojson(result, output::Precision::exact));
    } else if (s->what == "freight") {
      // The freight assignment of the bundled demand (silkroute assign --scenario): flow,
      // capacity, utilization and delay per element, on the map.
      namespace as = silkroute::assignment;
      const auto cargo = as::parse_cargo_shares(net, s->route.cargo.empty() ? "general" : s->route.cargo);
      const auto demand = as::freight_demand(bundled_demand(net), cargo, nullptr);
      if (demand.empty()) throw std::invalid_argument(net.source_dir + " has no demand.csv to assign");
      as::FreightOptions options;
      if (s->route.year) options.year = *s->route.year;
      if (!s->compare.empty()) {
        if (!s->route.scenario.empty()) throw std::invalid_argument("--scenario does not go with --compare A B (the two scenarios are A and B)");
        ScenarioSpec a, b;
        a.name = s->compare.at(0);
        b.name = s->compare.at(1);
        const auto c = as::compare_freight_scenarios(net, engine->cache().topology(net), engine->scenario(a), engine->scenario(b),
                                                     demand, as::read_freight_parameters(net), options);
        const auto fc = as::freight_compare_geojson(net, c);
        if (split_geometries) add_freight_layers("freight_compared", fc, true, layers, styles);
        else layers.emplace_back("freight_compared", fc);
      } else {
        const auto r = as::assign_freight(net, engine->cache().topology(net), scenario, demand, as::read_freight_parameters(net), options);
        const auto fc = as::freight_geojson(net, r);
        if (split_geometries) add_freight_layers("freight", fc, false, layers, styles);
        else layers.emplace_back("freight", fc);
      }
    } else {
      CriticalityRequest request;
      request.scenario = s->route.scenario;
      request.pairs.pairs_file = s->demand;
      request.cargo = s->route.cargo;
      const auto r = engine->criticality(request);
      layers.emplace_back("criticality", criticality_geojson(net, r));
    }
    io::write_atomically(s->out, io::AtomicOutput::Kind::file, s->force,
                         [&](const std::filesystem::path& tmp) {
                           if (!shapefile) return gis::write_layers(tmp.string(), layers, styles);
                           // GDAL picks the zipped Shapefile by the name's whole ending.
                           const std::filesystem::path zip = tmp.string() + ".shp.zip";
                           try {
                             gis::write_layers(zip.string(), layers);
                             std::filesystem::rename(zip, tmp);
                           } catch (const std::invalid_argument& e) {
                             std::error_code ec;
                             std::filesystem::remove(zip, ec);
                             std::string message = e.what();  // named by --out, not the temporary
                             if (message.starts_with(zip.string())) message = s->out + message.substr(zip.string().size());
                             throw std::invalid_argument(message);
                           } catch (...) {
                             std::error_code ec;
                             std::filesystem::remove(zip, ec);
                             throw;
                           }
                         });
    std::size_t count = 0;
    for (const auto& [name, fc] : layers) count += fc["features"].size();
    std::cerr << "wrote " << s->out << ": " << count << " features in " << layers.size() << " layer(s)\n";
    return kExitOk;
  };
}

}  // namespace silkroute::app
