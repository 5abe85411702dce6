#include "assignment/freight_compare.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>

#include "assignment/freight_output.hpp"
#include "assignment/freight_step.hpp"
#include "io/csv_writer.hpp"
#include "output/text_table.hpp"

namespace silkroute::assignment {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string signed_number(double v, int decimals = 0) {
  const auto text = output::format_number(v, decimals);
  return v > 0 && text != output::format_number(0, decimals) ? "+" + text : text;
}

std::string percent(double share) { return std::isfinite(share) ? output::format_number(100 * share) + "%" : ""; }

std::string capacity_year(const FreightResult& r) {
  return r.year >= kLatestYear ? std::string("the latest year in the data") : std::to_string(r.year);
}

// The size of a capacity element's change: of utilization where both runs give
// a capacity, else of flow over the one capacity there is (an element opened or
// closed by a scenario).
double change_size(const FreightCompareRow& r) {
  if (std::isfinite(r.utilization_change())) return std::abs(r.utilization_change());
  const double cap = std::isfinite(r.capacity_b) ? r.capacity_b : r.capacity_a;
  return cap > 0 ? std::abs(r.flow_change()) / cap : 0;
}
}  // namespace

bool FreightCompareRow::has_capacity() const { return std::isfinite(capacity_a) || std::isfinite(capacity_b); }

double FreightCompareRow::utilization_change() const {
  return std::isfinite(utilization_a) && std::isfinite(utilization_b) ? utilization_b - utilization_a : kNaN;
}

FreightComparison compare_freight(const Network& net, FreightResult a, FreightResult b, std::string scenario_a,
                                  std::string scenario_b) {
  FreightComparison c;
  c.scenario_a = std::move(scenario_a);
  c.scenario_b = std::move(scenario_b);
  std::map<std::pair<std::string, std::string>, std::size_t> at;
  auto add = [&](const FreightRow& row, bool is_a) {
    auto [it, fresh] = at.emplace(std::make_pair(row.element, row.id), c.rows.size());
    if (fresh) {
      FreightCompareRow r;
      r.element = row.element;
      r.id = row.id;
      r.name = row.name;
      r.kind = row.kind;
      // Absent from a run: no flow there, and no capacity unless that run has
      // one.
      r.capacity_a = r.capacity_b = r.utilization_a = r.utilization_b = kNaN;
      c.rows.push_back(r);
    }
    auto& r = c.rows[it->second];
    // A capacity element named in one run is a better name than the plain
    // link's.
    if (std::isfinite(row.capacity_teu_per_year)) r.kind = row.kind;
    (is_a ? r.capacity_a : r.capacity_b) = row.capacity_teu_per_year;
    (is_a ? r.flow_a : r.flow_b) = row.flow_teu_per_year;
    (is_a ? r.utilization_a : r.utilization_b) = row.utilization;
    (is_a ? r.delay_h_a : r.delay_h_b) = row.delay_h;
  };
  for (const auto& row : freight_rows(net, a)) add(row, true);
  for (const auto& row : freight_rows(net, b)) add(row, false);
  std::stable_sort(c.rows.begin(), c.rows.end(), [](const FreightCompareRow& x, const FreightCompareRow& y) {
    if (x.has_capacity() != y.has_capacity()) return x.has_capacity();
    const double sx = x.has_capacity() ? change_size(x) : std::abs(x.flow_change());
    const double sy = y.has_capacity() ? change_size(y) : std::abs(y.flow_change());
    return sx != sy ? sx > sy : x.id < y.id;
  });
  // Lanes: A's order, then any lane only B has (the same demand gives the same
  // lanes).
  const auto la = lane_mode_rows(a), lb = lane_mode_rows(b);
  std::map<std::string, std::size_t> lane_at;
  for (const auto& row : la) {
    lane_at[row.lane] = c.lanes.size();
    c.lanes.push_back({row.lane, row.demand_teu_per_year, row.mode_teu, {}});
  }
  for (const auto& row : lb) {
    auto [it, fresh] = lane_at.emplace(row.lane, c.lanes.size());
    if (fresh) c.lanes.push_back({row.lane, row.demand_teu_per_year, {}, {}});
    c.lanes[it->second].mode_teu_b = row.mode_teu;
  }
  c.a = std::move(a);
  c.b = std::move(b);
  return c;
}

FreightComparison compare_freight_scenarios(const Network& net, std::shared_ptr<const Topology> topology,
                                            const Scenario& a, const Scenario& b,
                                            const std::vector<FreightDemand>& demand,
                                            const FreightParameters& parameters, const FreightOptions& options) {
  auto ra = assign_freight(net, topology, a, demand, parameters, options);
  auto rb = assign_freight(net, topology, b, demand, parameters, options);
  return compare_freight(net, std::move(ra), std::move(rb), a.name, b.name);
}

std::string freight_compare_table(const FreightComparison& c, int top) {
  using output::Align;
  using output::format_number;
  std::ostringstream out;
  auto run = [](const FreightResult& r) {
    return "capacities of " + capacity_year(r) + ", " + std::to_string(r.iterations) + " iterations of " +
           step_rule_description(r.step_rule) + ", " +
           (r.converged ? "converged" : "NOT converged");
  };
  out << "Freight assignments compared: A = " << c.scenario_a << " (" << run(c.a) << "), B = " << c.scenario_b << " ("
      << run(c.b) << ")\n\n";
  output::TextTable lanes({{"lane", Align::left},
                           {"demand TEU/yr", Align::right},
                           {"sea A", Align::right},
                           {"sea B", Align::right},
                           {"rail A", Align::right},
                           {"rail B", Align::right},
                           {"road A", Align::right},
                           {"road B", Align::right},
                           {"air A", Align::right},
                           {"air B", Align::right}});
  for (const auto& row : c.lanes) {
    std::vector<std::string> cells{row.lane, format_number(row.demand_teu_per_year)};
    for (int m = 0; m < kMainModeCount; ++m) {
      cells.push_back(format_number(row.mode_teu_a[m]));
      cells.push_back(format_number(row.mode_teu_b[m]));
    }
    lanes.add_row(cells);
  }
  out << "TEU a year by main mode and lane, A and B\n" << lanes.render() << "\n";
  const auto ca = c.a.mode_teu(china_europe_lanes()), cb = c.b.mode_teu(china_europe_lanes());
  out << "China-Europe (lanes china_europe_rail and asia_europe_sea), TEU a "
         "year:";
  for (auto m : {MainMode::rail, MainMode::sea}) {
    const auto i = static_cast<int>(m);
    out << (m == MainMode::rail ? " " : ", ") << enum_name(m) << " " << format_number(ca[i]) << " -> "
        << format_number(cb[i]) << " (" << signed_number(cb[i] - ca[i]) << ")";
  }
  out << "\n\n";
  output::TextTable t({{"element", Align::left},
                       {"id", Align::left},
                       {"name", Align::left},
                       {"kind", Align::left},
                       {"capacity TEU/yr", Align::right},
                       {"flow A", Align::right},
                       {"flow B", Align::right},
                       {"use A", Align::right},
                       {"use B", Align::right},
                       {"delay h A", Align::right},
                       {"delay h B", Align::right}});
  output::TextTable links({{"id", Align::left},
                           {"name", Align::left},
                           {"mode", Align::left},
                           {"flow A TEU/yr", Align::right},
                           {"flow B TEU/yr", Align::right},
                           {"change", Align::right}});
  int caps = 0, plain = 0;
  for (const auto& r : c.rows) {
    if (r.has_capacity()) {
      if (top > 0 && caps >= top) continue;
      ++caps;
      // One capacity unless the runs differ (another year, or a scenario that
      // changes it).
      const bool same = r.capacity_a == r.capacity_b;
      const auto cap = same ? format_number(r.capacity_b)
                            : (std::isfinite(r.capacity_a) ? format_number(r.capacity_a) : "-") + " / " +
                                  (std::isfinite(r.capacity_b) ? format_number(r.capacity_b) : "-");
      t.add_row({r.element, r.id, r.name, r.kind, cap, format_number(r.flow_a), format_number(r.flow_b),
                 percent(r.utilization_a), percent(r.utilization_b), format_number(r.delay_h_a, 1),
                 format_number(r.delay_h_b, 1)});
    } else {
      if (top > 0 && plain >= top) continue;
      ++plain;
      links.add_row(
          {r.id, r.name, r.kind, format_number(r.flow_a), format_number(r.flow_b), signed_number(r.flow_change())});
    }
  }
  out << "Capacity-bound elements, largest change of utilization first (use: "
         "flow over capacity; delay: mean wait, or "
         "extra running time on lines)\n"
      << t.render() << "\nOther links, largest change of flow first\n"
      << links.render();
  return out.str();
}

std::string freight_compare_csv(const FreightComparison& c) {
  std::string out =
      io::csv_row({"element", "id", "name", "kind", "capacity_teu_per_year_a", "capacity_teu_per_year_b",
                   "flow_teu_per_year_a", "flow_teu_per_year_b", "flow_change_teu_per_year", "utilization_a",
                   "utilization_b", "utilization_change", "delay_h_a", "delay_h_b", "delay_change_h"});
  for (const auto& r : c.rows)
    out += io::csv_row({r.element, r.id, r.name, r.kind, io::csv_number(r.capacity_a), io::csv_number(r.capacity_b),
                        io::csv_number(r.flow_a), io::csv_number(r.flow_b), io::csv_number(r.flow_change()),
                        io::csv_number(r.utilization_a), io::csv_number(r.utilization_b),
                        io::csv_number(r.utilization_change()), io::csv_number(r.delay_h_a),
                        io::csv_number(r.delay_h_b), io::csv_number(r.delay_change_h())});
  return out;
}

namespace {
using json = nlohmann::ordered_json;
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json row_json(const FreightCompareRow& r) {
  return {{"element", r.element},
          {"id", r.id},
          {"name", r.name},
          {"kind", r.kind},
          {"capacity_teu_per_year_a", number(r.capacity_a)},
          {"capacity_teu_per_year_b", number(r.capacity_b)},
          {"flow_teu_per_year_a", r.flow_a},
          {"flow_teu_per_year_b", r.flow_b},
          {"flow_change_teu_per_year", r.flow_change()},
          {"utilization_a", number(r.utilization_a)},
          {"utilization_b", number(r.utilization_b)},
          {"utilization_change", number(r.utilization_change())},
          {"delay_h_a", r.delay_h_a},
          {"delay_h_b", r.delay_h_b},
          {"delay_change_h", r.delay_change_h()}};
}

json modes_json(const std::array<double, kMainModeCount>& teu) {
  json m = json::object();
  for (int i = 0; i < kMainModeCount; ++i) m[std::string(enum_name(static_cast<MainMode>(i)))] = teu[i];
  return m;
}

json run_json(const std::string& scenario, const FreightResult& r) {
  return {{"scenario", scenario},
          {"capacity_year", r.year >= kLatestYear ? json(nullptr) : json(r.year)},
          {"iterations", r.iterations},
          {"step_rule", std::string(enum_name(r.step_rule))},
          {"converged", r.converged},
          {"unserved_teu_per_year", r.unserved_teu_per_year()},
          {"china_europe_teu_per_year", modes_json(r.mode_teu(china_europe_lanes()))},
          {"all_lanes_teu_per_year", modes_json(r.mode_teu())}};
}
}  // namespace

std::string freight_compare_json(const FreightComparison& c) {
  json j;
  j["a"] = run_json(c.scenario_a, c.a);
  j["b"] = run_json(c.scenario_b, c.b);
  json lanes = json::array();
  for (const auto& l : c.lanes)
    lanes.push_back({{"lane", l.lane},
                     {"demand_teu_per_year", l.demand_teu_per_year},
                     {"mode_teu_per_year_a", modes_json(l.mode_teu_a)},
                     {"mode_teu_per_year_b", modes_json(l.mode_teu_b)}});
  j["lanes"] = lanes;
  json rows = json::array();
  for (const auto& r : c.rows) rows.push_back(row_json(r));
  j["elements"] = rows;
  return j.dump(1) + "\n";
}

nlohmann::ordered_json freight_compare_geojson(const Network& net, const FreightComparison& c) {
  json features = json::array();
  for (const auto& r : c.rows)
    features.push_back(
        {{"type", "Feature"}, {"geometry", freight_row_geometry(net, r.element, r.id)}, {"properties", row_json(r)}});
  return {{"type", "FeatureCollection"}, {"features", features}};
}

}  // namespace silkroute::assignment
