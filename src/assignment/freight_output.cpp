#include "assignment/freight_output.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "assignment/freight_step.hpp"
#include "io/csv_writer.hpp"
#include "output/text_table.hpp"

namespace silkroute::assignment {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

std::vector<FreightRow> freight_rows(const Network& net, const FreightResult& r) {
  std::vector<FreightRow> caps, links;
  std::vector<char> link_has_capacity(net.links.size(), 0);
  for (std::size_t i = 0; i < r.elements.size(); ++i) {
    const auto& e = r.elements[i];
    const auto& f = r.element_flows[i];
    caps.push_back({std::string(enum_name(e.element)), e.id, e.name, e.kind, f.flow_teu_per_year, e.capacity_teu_per_year,
                    f.utilization, f.delay_h});
    if (e.element == CapacityElement::link) link_has_capacity[*net.link_by_id(e.id)] = 1;
  }
  for (LinkIndex l = 0; l < static_cast<LinkIndex>(net.links.size()); ++l) {
    if (link_has_capacity[l] || r.link_teu_per_year[l] <= 0) continue;
    const auto& link = net.links[l];
    links.push_back({"link", link.id, net.nodes[link.from].name + "-" + net.nodes[link.to].name,
                     std::string(mode_name(link.mode)), r.link_teu_per_year[l], kNaN, kNaN, 0});
  }
  std::stable_sort(caps.begin(), caps.end(), [](const FreightRow& a, const FreightRow& b) {
    return a.utilization != b.utilization ? a.utilization > b.utilization : a.id < b.id;
  });
  std::stable_sort(links.begin(), links.end(), [](const FreightRow& a, const FreightRow& b) {
    return a.flow_teu_per_year != b.flow_teu_per_year ? a.flow_teu_per_year > b.flow_teu_per_year : a.id < b.id;
  });
  caps.insert(caps.end(), links.begin(), links.end());
  return caps;
}

namespace {
// TEU by main mode summed over the pairs of the given lanes (all when empty), one row per key
// (a lane, a cargo class) in the order the keys first appear.
template <typename Row, typename Key>
std::vector<Row> mode_rows(const FreightResult& r, Key key, const std::vector<std::string>& lanes) {
  std::vector<Row> rows;
  std::map<std::string, std::size_t> at;
  for (const auto& p : r.pairs) {
    const auto& d = r.demand[p.demand];
    if (!lanes.empty() && std::find(lanes.begin(), lanes.end(), d.lane) == lanes.end()) continue;
    auto [it, fresh] = at.emplace(key(d), rows.size());
    if (fresh) rows.push_back({key(d), 0, {}});
    auto& row = rows[it->second];
    row.demand_teu_per_year += d.teu_per_year;
    for (int m = 0; m < kMainModeCount; ++m) row.mode_teu[m] += p.mode_teu[m];
  }
  return rows;
}
}  // namespace

std::vector<LaneModeRow> lane_mode_rows(const FreightResult& r) {
  return mode_rows<LaneModeRow>(r, [](const FreightDemand& d) { return d.lane; }, {});
}

std::vector<CargoModeRow> cargo_mode_rows(const FreightResult& r, const std::vector<std::string>& lanes) {
  return mode_rows<CargoModeRow>(r, [](const FreightDemand& d) { return d.cargo; }, lanes);
}

std::string freight_table(const Network& net, const FreightResult& r, const std::string& scenario_name, int top) {
  using output::Align;
  using output::format_number;
  std::ostringstream out;
  out << "Freight assignment, scenario " << scenario_name << ", capacities of "
      << (r.year >= kLatestYear ? std::string("the latest year in the data") : std::to_string(r.year)) << ": " << r.iterations
      << " iterations of " << step_rule_description(r.step_rule) << ", " << (r.converged ? "converged" : "NOT converged")
      << " (flow change " << format_number(r.history.empty() ? 0 : r.history.back().flow_change * 100, 3) << "%)\n\n";
  output::TextTable lanes({{"lane", Align::left}, {"demand TEU/yr", Align::right}, {"sea", Align::right},
                           {"rail", Align::right}, {"road", Align::right}, {"air", Align::right}});
  for (const auto& row : lane_mode_rows(r)) {
    std::vector<std::string> cells{row.lane, format_number(row.demand_teu_per_year)};
    for (int m = 0; m < kMainModeCount; ++m) cells.push_back(format_number(row.mode_teu[m]));
    lanes.add_row(cells);
  }
  const auto ce = r.mode_teu(china_europe_lanes());
  out << "TEU a year by main mode and lane\n" << lanes.render() << "\nChina-Europe (lanes china_europe_rail and asia_europe_sea): rail "
      << format_number(ce[static_cast<int>(MainMode::rail)]) << " TEU a year, sea " << format_number(ce[static_cast<int>(MainMode::sea)])
      << "\n\n";
  // With several cargo classes, what each one's value of time does to its mode split.
  const auto classes = cargo_mode_rows(r, china_europe_lanes());
  if (classes.size() > 1) {
    output::TextTable c({{"cargo class", Align::left}, {"value of time USD/TEU-h", Align::right},
                         {"China-Europe TEU/yr", Align::right}, {"sea", Align::right}, {"rail", Align::right},
                         {"road", Align::right}, {"air", Align::right}, {"rail share", Align::right}});
    for (const auto& row : classes) {
      const auto* cc = net.cargo(row.cargo);
      std::vector<std::string> cells{row.cargo, cc ? format_number(cc->value_of_time_usd_per_h(), 2) : "",
                                     format_number(row.demand_teu_per_year)};
      for (int m = 0; m < kMainModeCount; ++m) cells.push_back(format_number(row.mode_teu[m]));
      const double rail = row.mode_teu[static_cast<int>(MainMode::rail)];
      cells.push_back(format_number(row.demand_teu_per_year > 0 ? 100 * rail / row.demand_teu_per_year : 0, 1) + "%");
      c.add_row(cells);
    }
    out << "China-Europe TEU a year by cargo class and main mode\n" << c.render() << "\n";
  }
  output::TextTable t({{"element", Align::left}, {"id", Align::left}, {"name", Align::left}, {"kind", Align::left},
                       {"flow TEU/yr", Align::right}, {"capacity TEU/yr", Align::right}, {"utilization", Align::right},
                       {"delay h", Align::right}});
  int n = 0;
  for (const auto& row : freight_rows(net, r)) {
    if (std::isnan(row.capacity_teu_per_year)) continue;
    if (top > 0 && n++ >= top) break;
    t.add_row({row.element, row.id, row.name, row.kind, format_number(row.flow_teu_per_year),
               format_number(row.capacity_teu_per_year), format_number(100 * row.utilization) + "%",
               format_number(row.delay_h, 1)});
  }
  out << "Capacity-bound elements, most utilized first (delay: mean wait, or extra running time on lines)\n" << t.render();
  return out.str();
}

std::string freight_csv(const std::vector<FreightRow>& rows) {
  std::string out = io::csv_row({"element", "id", "name", "kind", "flow_teu_per_year", "capacity_teu_per_year",
                                 "utilization", "delay_h"});
  for (const auto& r : rows)
    out += io::csv_row({r.element, r.id, r.name, r.kind, io::csv_number(r.flow_teu_per_year),
                        io::csv_number(r.capacity_teu_per_year), io::csv_number(r.utilization), io::csv_number(r.delay_h)});
  return out;
}

std::string freight_json(const Network& net, const FreightResult& r, const std::string& scenario_name) {
  using json = nlohmann::ordered_json;
  auto number = [](double v) { return std::isfinite(v) ? json(v) : json(nullptr); };
  json j;
  j["scenario"] = scenario_name;
  j["capacity_year"] = r.year;
  j["iterations"] = r.iterations;
  j["step_rule"] = std::string(enum_name(r.step_rule));
  j["converged"] = r.converged;
  j["flow_change"] = r.history.empty() ? 0.0 : r.history.back().flow_change;
  const auto& p = r.parameters;
  j["parameters"] = {{"theta_route_per_usd", p.theta_route_per_usd}, {"theta_mode_per_usd", p.theta_mode_per_usd},
                     {"delay_period_h", p.delay_period_h}, {"teu_per_train", p.teu_per_train},
                     {"teu_per_sailing", p.teu_per_sailing}, {"teu_per_truck", p.teu_per_truck},
                     {"path_size_beta", p.path_size_beta}, {"rail_constant_usd_per_teu", p.rail_constant_usd_per_teu}};
  json lanes = json::array();
  for (const auto& row : lane_mode_rows(r)) {
    json modes;
    for (int m = 0; m < kMainModeCount; ++m) modes[std::string(enum_name(static_cast<MainMode>(m)))] = row.mode_teu[m];
    lanes.push_back({{"lane", row.lane}, {"demand_teu_per_year", row.demand_teu_per_year}, {"mode_teu_per_year", modes}});
  }
  j["lanes"] = lanes;
  json rows = json::array();
  for (const auto& row : freight_rows(net, r))
    rows.push_back({{"element", row.element}, {"id", row.id}, {"name", row.name}, {"kind", row.kind},
                    {"flow_teu_per_year", row.flow_teu_per_year}, {"capacity_teu_per_year", number(row.capacity_teu_per_year)},
                    {"utilization", number(row.utilization)}, {"delay_h", row.delay_h}});
  j["elements"] = rows;
  // Each pair's routes with flow: the choice the nested logit made.
  json pairs = json::array();
  for (const auto& pr : r.pairs) {
    const auto& d = r.demand[pr.demand];
    json routes = json::array();
    for (const auto& route : pr.routes) {
      if (route.teu_per_year < 0.5) continue;
      json links = json::array(), via = json::array();
      for (auto l : route.links) links.push_back(net.links[l].id);
      for (int el : route.elements) via.push_back(r.elements[el].name);
      routes.push_back({{"mode", std::string(enum_name(route.mode))}, {"teu_per_year", route.teu_per_year},
                        {"cost_usd_per_teu", route.cost_usd}, {"time_h", route.base_time_h + route.wait_h},
                        {"wait_h", route.wait_h}, {"capacity_elements", via}, {"links", links}});
    }
    pairs.push_back({{"origin", net.nodes[d.from].id}, {"destination", net.nodes[d.to].id}, {"lane", d.lane},
                     {"cargo", d.cargo}, {"teu_per_year", d.teu_per_year}, {"routes", routes}});
  }
  j["pairs"] = pairs;
  return j.dump(1) + "\n";
}

nlohmann::ordered_json freight_row_geometry(const Network& net, const std::string& element, const std::string& id) {
  using json = nlohmann::ordered_json;
  auto point = [&](NodeIndex n) {
    const auto& p = net.nodes[n].position;
    return json{{"type", "Point"}, {"coordinates", {p.lon, p.lat}}};
  };
  auto segment = [&](const Link& link) {
    json coords = json::array();
    for (const auto& p : link_points(net, link)) coords.push_back(json::array({p.lon, p.lat}));
    return coords;
  };
  if (element == "link") return {{"type", "LineString"}, {"coordinates", segment(net.links[*net.link_by_id(id)])}};
  if (element == "node") return point(*net.node_by_id(id));
  if (element == "transfer") return point(net.transfers[*net.transfer_by_key(id)].node);
  const auto dash = id.find('-');
  const auto a = id.substr(0, dash), b = id.substr(dash + 1);
  json lines = json::array();
  for (const auto& link : net.links) {
    const auto& ca = net.nodes[link.from].country;
    const auto& cb = net.nodes[link.to].country;
    if ((ca == a && cb == b) || (ca == b && cb == a)) lines.push_back(segment(link));
  }
  return {{"type", "MultiLineString"}, {"coordinates", lines}};
}

nlohmann::ordered_json freight_geojson(const Network& net, const FreightResult& r) {
  using json = nlohmann::ordered_json;
  json features = json::array();
  for (const auto& row : freight_rows(net, r)) {
    auto number = [](double v) { return std::isfinite(v) ? json(v) : json(nullptr); };
    json props{{"element", row.element},
               {"id", row.id},
               {"name", row.name},
               {"kind", row.kind},
               {"flow_teu_per_year", row.flow_teu_per_year},
               {"capacity_teu_per_year", number(row.capacity_teu_per_year)},
               {"utilization", number(row.utilization)},
               {"delay_h", row.delay_h}};
    features.push_back({{"type", "Feature"}, {"geometry", freight_row_geometry(net, row.element, row.id)}, {"properties", props}});
  }
  return {{"type", "FeatureCollection"}, {"features", features}};
}

}  // namespace silkroute::assignment
