#include "assignment/freight_parameters.hpp"

#include <filesystem>
#include <map>

#include "io/csv_table.hpp"
#include "io/record_reader.hpp"

namespace silkroute::assignment {

FreightParameters read_freight_parameters_file(const std::string& path) {
  FreightParameters p;
  io::IssueSink issues;
  const auto file = std::filesystem::path(path).filename().string();
  auto table = io::read_csv_file(path, file, issues);
  struct Field {
    double* value;
    double min, max;
  };
  double year = p.calibration_year;
  double check_year = p.rail_check_year;
  const std::map<std::string, Field> fields = {
      {"teu_per_train", {&p.teu_per_train, 1, 1000}},
      {"teu_per_sailing", {&p.teu_per_sailing, 1, 30000}},
      {"teu_per_truck", {&p.teu_per_truck, 0.5, 4}},
      {"teu_per_flight", {&p.teu_per_flight, 0.5, 30}},
      {"operating_days_per_year", {&p.operating_days_per_year, 1, 366}},
      {"directions", {&p.directions, 1, 2}},
      {"delay_period_h", {&p.delay_period_h, 1, 87600}},
      {"line_bpr_alpha", {&p.line_bpr_alpha, 0, 10}},
      {"line_bpr_beta", {&p.line_bpr_beta, 1, 10}},
      {"theta_route_per_usd", {&p.theta_route_per_usd, 1e-7, 10}},
      {"theta_mode_per_usd", {&p.theta_mode_per_usd, 1e-7, 10}},
      {"rail_constant_usd_per_teu", {&p.rail_constant_usd_per_teu, -1e5, 1e5}},
      {"rail_target_teu_per_year", {&p.rail_target_teu_per_year, 0, 1e9}},
      {"path_size_beta", {&p.path_size_beta, 0, 10}},
      {"calibration_year", {&year, 2000, 2100}},
      {"rail_check_teu_per_year", {&p.rail_check_teu_per_year, 0, 1e9}},
      {"rail_check_year", {&check_year, 2000, 2100}},
  };
  // Per cargo class: NAME:CLASS, e.g. air_constant_usd_per_teu:electronics.
  using ClassField = std::optional<double> ClassModeConstants::*;
  struct ClassFieldSpec {
    ClassField field;
    double min, max;
  };
  const std::map<std::string, ClassFieldSpec> class_fields = {
      {"rail_constant_usd_per_teu", {&ClassModeConstants::rail_constant_usd_per_teu, -1e6, 1e6}},
      {"air_constant_usd_per_teu", {&ClassModeConstants::air_constant_usd_per_teu, -1e6, 1e6}},
      {"rail_share_target", {&ClassModeConstants::rail_share_target, 0, 1}},
      {"air_share_target", {&ClassModeConstants::air_share_target, 0, 1}},
  };
  int mode_line = 0;
  if (table && io::check_header(*table, {{"parameter", true}, {"value", true}, {"source", true}}, issues)) {
    for (const auto& rec : table->records) {
      io::RecordReader r(*table, rec, issues);
      const auto name = r.required_text("parameter");
      if (!name) continue;
      if (const auto colon = name->find(':'); colon != std::string::npos) {
        const auto base = name->substr(0, colon), cargo = name->substr(colon + 1);
        const auto cf = class_fields.find(base);
        if (cf == class_fields.end() || cargo.empty()) {
          std::string known;
          for (const auto& [k, _] : class_fields) known += (known.empty() ? "" : ", ") + k + ":CLASS";
          r.error("parameter", "unknown class parameter " + io::in_quotes(*name) + "; known: " + known);
          continue;
        }
        auto& c = p.classes[cargo];
        if (c.line == 0) c.line = rec.line;
        if (auto v = r.number("value", cf->second.min, cf->second.max)) c.*(cf->second.field) = *v;
        if (r.text("source").empty()) r.error("source", "every parameter needs its source");
        continue;
      }
      auto it = fields.find(*name);
      if (it == fields.end()) {
        std::string known;
        for (const auto& [k, _] : fields) known += (known.empty() ? "" : ", ") + k;
        r.error("parameter", "unknown parameter " + io::in_quotes(*name) + "; known: " + known);
        continue;
      }
      if (auto v = r.number("value", it->second.min, it->second.max)) *it->second.value = *v;
      if (*name == "theta_mode_per_usd") mode_line = rec.line;
      if (r.text("source").empty()) r.error("source", "every parameter needs its source");
    }
  }
  for (const auto& [cargo, c] : p.classes)
    if (c.rail_share_target.value_or(0) + c.air_share_target.value_or(0) > 1)
      issues.add(file, c.line, "value", "the rail and air share targets of cargo class " + io::in_quotes(cargo) + " add up to more than 1");
  if (issues.empty() && p.theta_mode_per_usd > p.theta_route_per_usd)
    issues.add(file, mode_line, "value",
               "theta_mode_per_usd must not exceed theta_route_per_usd (nested logit: routes within a mode are closer "
               "substitutes than modes)");
  if (!issues.empty()) throw io::DatasetError(issues);
  p.calibration_year = static_cast<int>(year);
  p.rail_check_year = static_cast<int>(check_year);
  return p;
}

FreightParameters read_freight_parameters(const Network& net, bool* defaulted) {
  const auto path = std::filesystem::path(net.source_dir) / "freight_assignment.csv";
  if (defaulted) *defaulted = !std::filesystem::exists(path);
  if (!std::filesystem::exists(path)) return {};
  auto p = read_freight_parameters_file(path.string());
  // A class constant for a class the network does not have is a typo, never ignored.
  io::IssueSink issues;
  for (const auto& [cargo, c] : p.classes)
    if (!net.cargo(cargo)) {
      std::string known;
      for (const auto& cc : net.cargo_classes) known += (known.empty() ? "" : ", ") + cc.id;
      issues.add("freight_assignment.csv", c.line, "parameter",
                 "unknown cargo class " + io::in_quotes(cargo) + "; cargo.csv has " + known);
    }
  if (!issues.empty()) throw io::DatasetError(issues);
  return p;
}

double FreightParameters::rail_constant_usd_per_teu_for(const std::string& cargo) const {
  const auto it = classes.find(cargo);
  return it != classes.end() && it->second.rail_constant_usd_per_teu ? *it->second.rail_constant_usd_per_teu
                                                                     : rail_constant_usd_per_teu;
}

double FreightParameters::air_constant_usd_per_teu_for(const std::string& cargo) const {
  const auto it = classes.find(cargo);
  return it != classes.end() ? it->second.air_constant_usd_per_teu.value_or(0) : 0;
}

}  // namespace silkroute::assignment
