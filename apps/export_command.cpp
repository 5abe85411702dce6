#include "export_command.hpp"

#include <iostream>
#include <memory>

#include "analysis/criticality.hpp"
#include "analysis/od_pairs.hpp"
#include "cli_common.hpp"
#include "gis/vector_io.hpp"
#include "network/place_finder.hpp"
#include "output/analysis_output.hpp"
#include "output/network_geojson.hpp"
#include "output/route_output.hpp"
#include "routing/router.hpp"
#include "scenario/avoid.hpp"
#include "scenario/scenario_file.hpp"

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
    for (auto& [k, v] : output::critical_element_json(e).items()) props[k] = v;
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
        const auto& a = net.nodes[link.from].position;
        const auto& b = net.nodes[link.to].position;
        lines.push_back({{a.lon, a.lat}, {b.lon, b.lat}});
      }
      if (lines.empty()) continue;
      geometry = {{"type", "MultiLineString"}, {"coordinates", lines}};
    }
    features.push_back({{"type", "Feature"}, {"geometry", geometry}, {"properties", props}});
  }
  return {{"type", "FeatureCollection"}, {"features", features}};
}

}  // namespace

std::function<int()> add_export_command(CLI::App& app) {
  struct State {
    std::string what, from, to, out, network, scenario, cargo, objective = "time", demand;
    std::vector<std::string> avoid, modes;
    int alternatives = 3;
  };
  auto s = std::make_shared<State>();
  auto* cmd = app.add_subcommand("export", "network, routes or criticality as GeoJSON or GeoPackage (.gpkg) for QGIS");
  cmd->add_option("WHAT", s->what, "network, route or criticality")->required()->check(CLI::IsMember({"network", "route", "criticality"}));
  cmd->add_option("FROM", s->from, "route origin");
  cmd->add_option("TO", s->to, "route destination");
  cmd->add_option("--out", s->out, "file: .gpkg (layers links and nodes for the network) or .geojson")->required();
  cmd->add_option("--network", s->network, "dataset folder (default: the embedded Belt and Road network)");
  cmd->add_option("--scenario", s->scenario, "scenario: its year filters the network; closures apply to routes");
  cmd->add_option("--modes", s->modes, "network: only these modes");
  cmd->add_option("--avoid", s->avoid, "route: as for silkroute route");
  cmd->add_option("--alternatives", s->alternatives, "route: alternatives besides the best")->default_val(3);
  cmd->add_option("--cargo", s->cargo, "cargo class id");
  cmd->add_option("--objective", s->objective, "route: time, cost, co2 or generalized")->default_val("time");
  cmd->add_option("--demand", s->demand, "criticality: demand CSV (default: the network's)");

  return [s, cmd]() -> int {
    if (!*cmd) return -1;
    const auto net = load_network(s->network);
    Scenario scenario = s->scenario.empty() ? Scenario{} : load_scenario(net, s->scenario);
    std::vector<std::pair<std::string, ordered_json>> layers;
    if (s->what == "network") {
      output::NetworkFilter filter;
      filter.year = scenario.year;
      for (const auto& m : split_list(s->modes)) {
        auto mode = parse_mode(m);
        if (!mode) throw std::invalid_argument("--modes: unknown mode '" + m + "'; modes are " + mode_names());
        filter.modes.insert(*mode);
      }
      layers.emplace_back("links", output::links_geojson(net, filter));
      if (s->out.ends_with(".gpkg")) layers.emplace_back("nodes", output::nodes_geojson(net, filter));
    } else if (s->what == "route") {
      if (s->from.empty() || s->to.empty()) throw std::invalid_argument("export route: give FROM and TO");
      const PlaceFinder finder(net);
      RouteQuery q;
      q.from = finder.find(s->from).node;
      q.to = finder.find(s->to).node;
      auto objective = parse_objective(s->objective);
      if (!objective) throw std::invalid_argument("--objective: expected time, cost, co2 or generalized");
      q.objective = *objective;
      q.cargo = s->cargo;
      q.alternatives = s->alternatives;
      const auto avoid = split_list(s->avoid);
      for (const auto& item : avoid) add_avoid_item(net, finder, item, scenario.closed);
      const auto answer = find_routes(net, scenario, q);
      if (answer.routes.empty()) {
        std::cerr << "no route: " << answer.no_route_reason << "\n";
        return kExitNoRoute;
      }
      const output::RouteContext ctx{net, cargo_for(net, q.cargo), q.objective, scenario, q.from, q.to, avoid};
      layers.emplace_back("route_legs", output::route_geojson(ctx, answer));
    } else {
      const auto pairs = s->demand.empty() ? bundled_demand(net) : read_od_pairs(net, s->demand);
      const auto r = criticality(net, scenario, pairs, {s->cargo, Objective::generalized, 0});
      layers.emplace_back("criticality", criticality_geojson(net, r));
    }
    gis::write_layers(s->out, layers);
    std::size_t count = 0;
    for (const auto& [name, fc] : layers) count += fc["features"].size();
    std::cerr << "wrote " << s->out << ": " << count << " features in " << layers.size() << " layer(s)\n";
    return kExitOk;
  };
}

}  // namespace silkroute::app
