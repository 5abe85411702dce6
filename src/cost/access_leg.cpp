#include "cost/access_leg.hpp"

#include <cmath>
#include <filesystem>

#include "io/csv_table.hpp"

namespace silkroute {

std::optional<AccessParams> read_access_params(const std::string& dataset_dir) {
  const auto path = std::filesystem::path(dataset_dir) / "access.csv";
  if (!std::filesystem::exists(path)) return std::nullopt;
  io::IssueSink issues;
  auto table = io::read_csv_file(path.string(), "access.csv", issues);
  AccessParams p;
  bool circuity = false, max_km = false, candidates = false;
  if (table) {
    const auto c_param = table->column("parameter");
    const auto c_value = table->column("value");
    const auto c_source = table->column("source");
    if (!c_param || !c_value) issues.add("access.csv", 1, "", "expected columns parameter,value,unit,source");
    for (const auto& r : table->records) {
      if (!c_param || !c_value) break;
      const auto& name = r.cells[*c_param];
      const auto& text = r.cells[*c_value];
      if (c_source) p.source += (p.source.empty() ? "" : "; ") + name + ": " + r.cells[*c_source];
      if (name == "gazetteer" || name == "transport_gazetteer") {
        auto& path = name == "gazetteer" ? p.gazetteer_path : p.transport_gazetteer_path;
        if (!text.empty()) path = (std::filesystem::path(dataset_dir) / text).lexically_normal().string();
        continue;
      }
      double v = NAN;
      try {
        std::size_t used = 0;
        v = std::stod(text, &used);
        if (used != text.size()) v = NAN;
      } catch (const std::exception&) {
      }
      auto bad = [&](const std::string& expected) {
        issues.add("access.csv", r.line, "value", "parameter '" + name + "': expected " + expected + ", got '" + text + "'");
      };
      if (name == "circuity_factor") {
        if (!(v >= 1.0 && v <= 3.0)) bad("a ratio from 1 to 3 (road km per great-circle km)");
        p.circuity_factor = v;
        circuity = true;
      } else if (name == "max_great_circle_km") {
        if (!(v > 0 && v <= 5000)) bad("a distance above 0 and up to 5000 km");
        p.max_great_circle_km = v;
        max_km = true;
      } else if (name == "candidate_terminals") {
        if (!(v >= 1 && v <= 50 && v == std::floor(v))) bad("a whole number from 1 to 50");
        p.candidate_terminals = static_cast<int>(v);
        candidates = true;
      } else {
        issues.add("access.csv", r.line, "parameter",
                   "unknown parameter '" + name + "'; expected circuity_factor, max_great_circle_km, candidate_terminals, gazetteer or transport_gazetteer");
      }
    }
  }
  for (auto [given, name] : {std::pair{circuity, "circuity_factor"}, std::pair{max_km, "max_great_circle_km"},
                             std::pair{candidates, "candidate_terminals"}})
    if (table && !given) issues.add("access.csv", 0, "parameter", std::string("missing parameter '") + name + "'");
  if (!issues.empty()) throw io::DatasetError(issues);
  return p;
}

AccessLegCost access_leg_cost(const CostModel& cost, const AccessParams& params, double great_circle_km,
                              const std::string& country) {
  const auto& road = cost.network().params(Mode::road);
  AccessLegCost c;
  c.running.distance_km = great_circle_km * params.circuity_factor;
  const auto t = cost.road_time(c.running.distance_km, country);
  c.running.time_h = t.drive_h + t.rest_h;
  c.rest_h = t.rest_h;
  c.running.cost_usd = c.running.distance_km * road.cost_usd_per_teu_km * cost.cargo().cost_factor;
  c.running.co2_kg = c.running.distance_km * road.co2_kg_per_teu_km;
  c.handling = cost.handling_cost(Mode::road);
  return c;
}

}  // namespace silkroute
