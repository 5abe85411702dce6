#include "freight_assign.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "assignment/freight_assignment.hpp"
#include "assignment/freight_compare.hpp"
#include "assignment/freight_criticality.hpp"
#include "assignment/freight_output.hpp"
#include "cli_common.hpp"
#include "io/atomic_output.hpp"
#include "io/od_pairs_reader.hpp"
#include "output/text_table.hpp"
#include "routing/topology.hpp"
#include "scenario/scenario_file.hpp"

namespace silkroute::app {

namespace as = silkroute::assignment;

// Exit code when the run stopped (max iterations) before the tolerance; the flows are written.
constexpr int kExitNotConverged = 4;

int run_freight_assign(const FreightAssignOptions& o) {
  namespace fs = std::filesystem;
  const std::string ext = o.out.empty() ? "" : fs::path(o.out).extension().string();
  if (!o.out.empty() && ext != ".csv" && ext != ".json" && ext != ".txt")
    throw std::invalid_argument("--out: the format comes from the extension: .csv, .json or .txt, got '" + o.out + "'");
  if (!o.out.empty()) io::check_output_path(o.out, io::AtomicOutput::Kind::file, o.force);
  const auto net = load_network(o.network);
  bool defaulted = false;
  const auto params = as::read_freight_parameters(net, &defaulted);
  if (defaulted)
    std::cerr << "note: no freight_assignment.csv in " << net.source_dir
              << ": unit factors, delay settings and logit scales are the Belt and Road network's (docs/assignment.md)\n";
  const auto scenario = load_scenario(net, o.scenario);
  const auto cargo = as::parse_cargo_shares(net, o.cargo);
  const auto pairs = bundled_demand(net);
  if (pairs.empty()) throw std::invalid_argument(net.source_dir + " has no demand.csv to assign");
  std::string warning;
  const auto demand = as::freight_demand(pairs, cargo, &warning);
  if (!warning.empty()) std::cerr << "note: " << warning << "\n";
  const auto topology = build_topology(net);

  as::FreightOptions options;
  options.max_iterations = o.max_iterations;
  options.tolerance = o.tolerance;
  options.step_rule = *enum_parse<FreightStepRule>(o.step_rule);  // checked by the option
  options.capacities = !o.no_capacities;
  options.year = o.year;
  if (o.calibrate && !(cargo.size() == 1 && cargo[0].cargo == "general")) {
    // A class of its own: its rail and air constants, fitted to its published mode split.
    if (cargo.size() != 1) throw std::invalid_argument("--calibrate fits one cargo class at a time, got --cargo " + o.cargo);
    const auto cal = as::calibrate_class_constants(net, topology, scenario, demand, params, options, cargo[0].cargo);
    using output::format_number;
    const auto pct = [](double share) { return format_number(100 * share, 1) + "%"; };
    std::cout << "Calibration of cargo class " << cal.cargo << "'s constants in the mode choice (theta_mode "
              << params.theta_mode_per_usd << " per USD) on scenario " << o.scenario << ", capacities of "
              << params.calibration_year << ", a marginal box beside general cargo: China-Europe targets"
              << (cal.rail_target ? " rail " + pct(*cal.rail_target) : "") << (cal.air_target ? " air " + pct(*cal.air_target) : "")
              << " of the class's TEU\n";
    for (const auto& s : cal.steps)
      std::cout << "  rail constant " << format_number(s.rail_constant_usd_per_teu) << ", air constant "
                << format_number(s.air_constant_usd_per_teu) << " USD per TEU: rail " << pct(s.rail_share) << ", air "
                << pct(s.air_share) << ", sea and road " << pct(1 - s.rail_share - s.air_share) << "\n";
    std::cout << "rail_constant_usd_per_teu:" << cal.cargo << " " << format_number(cal.rail_constant_usd_per_teu)
              << ", air_constant_usd_per_teu:" << cal.cargo << " " << format_number(cal.air_constant_usd_per_teu)
              << (cal.reached ? " (targets reached within half a point)" : " (targets NOT reached within half a point)") << "\n";
    return cal.reached ? kExitOk : 1;
  }
  if (o.calibrate) {
    const auto cal = as::calibrate_rail_constant(net, topology, scenario, demand, params, options);
    using output::format_number;
    std::cout << "Calibration of rail's constant in the mode choice (theta_mode " << params.theta_mode_per_usd
              << " per USD) on scenario " << o.scenario << ", capacities of " << params.calibration_year
              << ": China-Europe rail target " << format_number(params.rail_target_teu_per_year) << " TEU a year\n";
    for (const auto& s : cal.steps)
      std::cout << "  rail constant " << format_number(s.rail_constant_usd_per_teu) << " USD per TEU: rail "
                << format_number(s.rail_teu_per_year) << "\n";
    std::cout << "rail_constant_usd_per_teu " << format_number(cal.rail_constant_usd_per_teu) << ": rail "
              << format_number(cal.rail_teu_per_year)
              << (cal.reached ? " (target reached within 2.5%)" : " (target NOT reached within 2.5%)") << "\n";
    // The second published volume: the fitted constant under the scenario that stands for the
    // check year (red-sea-closure for 2024, the Red Sea crisis year), reported, not fitted.
    const std::string check_scenario = "red-sea-closure";
    const auto bundled = bundled_scenarios(net);
    const bool has_check = std::any_of(bundled.begin(), bundled.end(),
                                       [&](const BundledScenario& b) { return b.name == check_scenario; });
    if (params.rail_check_teu_per_year > 0 && has_check) {
      auto p = params;
      p.rail_constant_usd_per_teu = cal.rail_constant_usd_per_teu;
      auto check = options;
      check.year = p.rail_check_year;
      check.progress = nullptr;
      const auto r = as::assign_freight(net, topology, load_scenario(net, check_scenario), demand, p, check);
      const double rail = r.mode_teu(as::china_europe_lanes())[static_cast<int>(MainMode::rail)];
      const double off = rail / p.rail_check_teu_per_year - 1;
      std::cout << "check: scenario " << check_scenario << ", capacities of " << p.rail_check_year << ", rail constant "
                << format_number(cal.rail_constant_usd_per_teu) << ": China-Europe rail " << format_number(rail)
                << " TEU a year against " << format_number(p.rail_check_teu_per_year) << " published ("
                << (off >= 0 ? "+" : "") << format_number(100 * off) << "%)\n";
    }
    return cal.reached ? kExitOk : 1;
  }
  if (!o.compare.empty()) {
    // Both runs take the same demand, parameters and year; B's changes are against A.
    const auto a = load_scenario(net, o.compare.at(0));
    const auto b = load_scenario(net, o.compare.at(1));
    const auto c = as::compare_freight_scenarios(net, topology, a, b, demand, params, options);
    write_output(ext == ".csv"    ? as::freight_compare_csv(c)
                 : ext == ".json" ? as::freight_compare_json(c)
                                  : as::freight_compare_table(c, ext == ".txt" ? 0 : o.top),
                 o.out, o.force);
    if (!o.out.empty()) std::cout << "wrote " << o.out << "\n";
    for (const auto* r : {&c.a, &c.b})
      if (!r->converged)
        std::cerr << "warning: scenario " << (r == &c.a ? c.scenario_a : c.scenario_b) << " stopped after "
                  << r->iterations << " iterations, flow change " << r->history.back().flow_change
                  << " above the tolerance " << o.tolerance << "\n";
    return c.a.converged && c.b.converged ? kExitOk : kExitNotConverged;
  }
  options.progress = [&o](const as::FreightIteration& it) {
    if (!o.quiet)
      std::cerr << "iteration " << it.iteration << "  flow change " << it.flow_change << "  routes " << it.routes
                << "  max utilization " << it.max_utilization << "\n";
  };
  const auto result = as::assign_freight(net, topology, scenario, demand, params, options);
  if (o.criticality > 0) {
    const auto c = as::freight_criticality(net, topology, scenario, demand, params, options, result, o.criticality,
                                          !o.cold_start);
    write_output(ext == ".csv"    ? as::freight_criticality_csv(c)
                 : ext == ".json" ? as::freight_criticality_json(c, o.scenario)
                                  : as::freight_criticality_table(c),
                 o.out, o.force);
    if (!o.out.empty()) std::cout << "wrote " << o.out << "\n";
    return kExitOk;
  }
  std::string text;
  if (ext == ".csv") text = as::freight_csv(as::freight_rows(net, result));
  else if (ext == ".json") text = as::freight_json(net, result, o.scenario);
  else text = as::freight_table(net, result, o.scenario, ext == ".txt" ? 0 : o.top);
  write_output(text, o.out, o.force);
  if (!o.out.empty()) std::cout << "wrote " << o.out << "\n";
  if (!result.converged) {
    std::cerr << "warning: stopped after " << result.iterations << " iterations, flow change "
              << result.history.back().flow_change << " above the tolerance " << o.tolerance << "\n";
    return kExitNotConverged;  // as assign --tntp: the flows are written
  }
  return kExitOk;
}

}  // namespace silkroute::app
