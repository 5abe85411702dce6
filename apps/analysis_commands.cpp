#include "analysis_commands.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <unistd.h>

#include "analysis/compare.hpp"
#include "analysis/criticality.hpp"
#include "analysis/matrix.hpp"
#include "output/csv_writer.hpp"
#include "output/omx_writer.hpp"
#include "analysis/od_pairs.hpp"
#include "analysis/trade_impact.hpp"
#include "cli_common.hpp"
#include "network/place_finder.hpp"
#include "output/analysis_output.hpp"
#include "output/text_table.hpp"
#include "routing/router.hpp"
#include "scenario/scenario_file.hpp"

namespace silkroute::app {

namespace {

// Which pairs an analysis runs on, as the user chose them.
struct PairSelection {
  std::string pairs_file;
  std::vector<std::string> places;
  std::string all_kind;
  std::string weights_file;
  std::vector<std::string> modes;

  void add_to(CLI::App* cmd) {
    auto* p = cmd->add_option("--pairs", pairs_file, "CSV of pairs: origin,destination[,weight|teu_per_year][,modes]");
    auto* l = cmd->add_option("--places", places, "comma-separated places: every pair among them");
    auto* a = cmd->add_option("--all", all_kind, "every pair among places of one kind (city, seaport, ...)");
    p->excludes(l)->excludes(a);
    l->excludes(a);
    cmd->add_option("--weights", weights_file, "CSV origin,destination,weight by country (ISO3) pair, e.g. trade values");
    cmd->add_option("--modes", modes, "only these modes for every pair, e.g. sea or rail,road,ferry");
  }

  // The demand table when nothing is chosen.
  std::vector<OdPair> resolve(const Network& net) const {
    std::vector<OdPair> pairs;
    if (!pairs_file.empty()) {
      pairs = read_od_pairs(net, pairs_file);
    } else if (!places.empty()) {
      const PlaceFinder finder(net);
      std::vector<NodeIndex> nodes;
      for (const auto& p : split_list(places)) {
        try {
          nodes.push_back(finder.find_exact(p));
        } catch (const PlaceNotFound& e) {
          throw std::invalid_argument(std::string("--places: ") + e.what());
        }
      }
      if (nodes.size() < 2) throw std::invalid_argument("--places: give at least two places");
      pairs = all_pairs(nodes);
    } else if (!all_kind.empty()) {
      pairs = all_pairs(nodes_of_kind(net, all_kind));
      if (pairs.empty()) throw std::invalid_argument("--all " + all_kind + ": fewer than two such places in the network");
    } else {
      pairs = bundled_demand(net);
      if (pairs.empty())
        throw std::invalid_argument("the network has no demand.csv; choose pairs with --pairs, --places or --all");
    }
    if (!weights_file.empty()) apply_country_weights(net, weights_file, pairs);
    if (!modes.empty()) {
      std::set<Mode> only;
      for (const auto& m : split_list(modes)) {
        auto mode = parse_mode(m);
        if (!mode) throw std::invalid_argument("--modes: unknown mode '" + m + "'; modes are " + mode_names());
        only.insert(*mode);
      }
      for (auto& p : pairs) p.modes = only;
    }
    return pairs;
  }
};

struct RoutingChoice {
  std::string cargo;
  std::string objective = "generalized";
  unsigned threads = 0;

  void add_to(CLI::App* cmd) {
    cmd->add_option("--cargo", cargo, "cargo class id (default: the dataset's first, general container)");
    cmd->add_option("--objective", objective, "what each flow minimizes: generalized (default), time, cost or co2")
        ->default_val("generalized");
    cmd->add_option("--threads", threads, "worker threads (default: all cores)");
  }

  PairRoutingOptions options(const Network& net) const {
    auto o = parse_objective(objective);
    if (!o) throw std::invalid_argument("--objective: expected time, cost, co2 or generalized, got '" + objective + "'");
    cargo_for(net, cargo);  // unknown cargo: a clear error before any work
    return {cargo, *o, threads};
  }
};

struct OutputChoice {
  std::string format = "table";
  std::string out;
  int top = 10;

  void add_to(CLI::App* cmd, int default_top) {
    top = default_top;
    cmd->add_option("--format", format, "table, csv or json")->default_val("table")->check(CLI::IsMember({"table", "csv", "json"}));
    cmd->add_option("--out", out, "write to this file instead of the terminal");
    cmd->add_option("--top", top, "rows in the ranked lists")->default_val(default_top)->check(CLI::Range(1, 100000));
  }
};

std::string network_option_help() { return "dataset folder (default: the embedded Belt and Road network)"; }

// Places for a matrix side: a file (one place per line, or a CSV with a 'place' column),
// a node kind (city, seaport, ...), or a comma-separated list.
std::vector<NodeIndex> matrix_places(const Network& net, const std::string& spec, const std::string& option) {
  const PlaceFinder finder(net);
  auto exact = [&](const std::string& text, const std::string& where) {
    try {
      return finder.find_exact(text);
    } catch (const PlaceNotFound& e) {
      throw std::invalid_argument(where + ": " + e.what());
    }
  };
  std::vector<NodeIndex> out;
  if (std::filesystem::is_regular_file(spec)) {
    std::ifstream in(spec);
    std::string line;
    int number = 0;
    bool header_seen = false;
    while (std::getline(in, line)) {
      ++number;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const auto first = line.substr(0, line.find(','));
      if (first.empty() || first[0] == '#') continue;
      if (!header_seen && (first == "place" || first == "id" || first == "origin" || first == "destination")) {
        header_seen = true;
        continue;
      }
      header_seen = true;
      out.push_back(exact(first, spec + ":" + std::to_string(number)));
    }
    if (out.empty()) throw std::invalid_argument(option + ": no places in " + spec);
    return out;
  }
  if (parse_node_kind(spec)) return nodes_of_kind(net, spec);
  for (const auto& p : split_list({spec})) out.push_back(exact(p, option));
  return out;
}

}  // namespace

std::function<int()> add_analysis_commands(CLI::App& app) {
  struct State {
    std::string network;
    bool check = false;
    std::string a, b;
    PairSelection pairs;
    RoutingChoice routing;
    OutputChoice output;
    bool by_country = false, by_corridor = false;
    std::string scenario, demand;
    double elasticity = kDefaultTradeElasticity;
  };
  auto s = std::make_shared<State>();

  auto* scenarios = app.add_subcommand("scenarios", "list the bundled scenarios (and check them with --check)");
  scenarios->add_option("--network", s->network, network_option_help());
  scenarios->add_flag("--check", s->check, "load every bundled scenario and report errors");

  auto* compare = app.add_subcommand("compare", "time, cost and CO2 of many pairs under two scenarios");
  compare->add_option("A", s->a, "first scenario: bundled name or .toml file")->required();
  compare->add_option("B", s->b, "second scenario: bundled name or .toml file")->required();
  compare->add_option("--network", s->network, network_option_help());
  compare->add_flag("--by-country", s->by_country, "aggregate per country");
  compare->add_flag("--by-corridor", s->by_corridor, "aggregate per corridor used");
  s->pairs.add_to(compare);
  s->routing.add_to(compare);
  s->output.add_to(compare, 10);

  auto* crit = app.add_subcommand("criticality", "rank links, nodes, borders and chokepoints by what their failure costs");
  crit->add_option("--scenario", s->scenario, "scenario to start from (default: today)");
  crit->add_option("--demand", s->demand, "demand CSV (default: the network's demand.csv)");
  crit->add_option("--network", s->network, network_option_help());
  s->routing.add_to(crit);
  s->output.add_to(crit, 10);

  auto* impact = app.add_subcommand("impact", "first-order trade change between two scenarios (structural gravity)");
  impact->add_option("A", s->a, "first scenario")->required();
  impact->add_option("B", s->b, "second scenario")->required();
  impact->add_option("--network", s->network, network_option_help());
  impact->add_option("--elasticity", s->elasticity, "trade-cost elasticity (World Bank BRI studies: about 5)")
      ->default_val(kDefaultTradeElasticity)
      ->check(CLI::Range(0.1, 30.0));
  s->pairs.add_to(impact);
  s->routing.add_to(impact);
  s->output.add_to(impact, 20);

  struct MatrixState {
    std::string origins, destinations, metric = "time", objective, scenario, out, network, cargo;
    unsigned threads = 0;
  };
  auto ms = std::make_shared<MatrixState>();
  auto* matrix = app.add_subcommand("matrix", "origin-destination matrix of time, cost, CO2 or distance (CSV or OMX)");
  matrix->add_option("--origins", ms->origins, "a file of places, a kind (city, seaport, ...) or a comma list")->required();
  matrix->add_option("--destinations", ms->destinations, "as --origins")->required();
  matrix->add_option("--metric", ms->metric, "time, cost, co2, distance or generalized")->default_val("time");
  matrix->add_option("--objective", ms->objective, "what routes minimize (default: the metric; time for distance)");
  matrix->add_option("--scenario", ms->scenario, "bundled scenario name or .toml file");
  matrix->add_option("--cargo", ms->cargo, "cargo class id");
  matrix->add_option("--out", ms->out, "output file: .csv (wide: a row per origin) or .omx (Open Matrix); default: CSV on stdout");
  matrix->add_option("--threads", ms->threads, "worker threads (default: all cores)");
  matrix->add_option("--network", ms->network, network_option_help());

  return [=]() -> int {
    if (*matrix) {
      const auto net = load_network(ms->network);
      const auto metric = parse_matrix_metric(ms->metric);
      if (!metric) throw std::invalid_argument("--metric: expected time, cost, co2, distance or generalized, got '" + ms->metric + "'");
      const std::string objective_text =
          !ms->objective.empty() ? ms->objective : (*metric == MatrixMetric::distance_km ? "time" : ms->metric);
      const auto objective = parse_objective(objective_text);
      if (!objective) throw std::invalid_argument("--objective: expected time, cost, co2 or generalized, got '" + objective_text + "'");
      cargo_for(net, ms->cargo);
      const auto origins = matrix_places(net, ms->origins, "--origins");
      const auto destinations = matrix_places(net, ms->destinations, "--destinations");
      const auto scenario = ms->scenario.empty() ? Scenario{} : load_scenario(net, ms->scenario);
      const bool omx = ms->out.size() > 4 && ms->out.ends_with(".omx");
      // A progress bar on a terminal, for long runs only.
      const bool show = isatty(STDERR_FILENO) && origins.size() >= 50;
      std::mutex progress_mutex;
      auto progress = [&](std::size_t done, std::size_t all) {
        if (!show || (done % 10 != 0 && done != all)) return;
        std::lock_guard lock(progress_mutex);
        const int width = 40;
        const int filled = static_cast<int>(width * done / all);
        std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] " << done << "/" << all
                  << " origins" << (done == all ? "\n" : "") << std::flush;
      };
      const auto values = route_matrix(net, scenario, origins, destinations, *metric,
                                       {ms->cargo, *objective, ms->threads}, progress);
      std::vector<std::string> row_ids, col_ids;
      for (auto n : origins) row_ids.push_back(net.nodes[n].id);
      for (auto n : destinations) col_ids.push_back(net.nodes[n].id);
      if (omx) {
        output::write_omx(ms->out, origins.size(), destinations.size(),
                          {{std::string(matrix_metric_name(*metric)), values}}, row_ids, col_ids);
        std::cerr << "wrote " << ms->out << ": " << origins.size() << " x " << destinations.size() << " "
                  << matrix_metric_name(*metric) << " (OMX)\n";
        return kExitOk;
      }
      std::string text;
      std::vector<std::string> header{"origin"};
      header.insert(header.end(), col_ids.begin(), col_ids.end());
      text += output::csv_row(header);
      for (std::size_t i = 0; i < origins.size(); ++i) {
        std::vector<std::string> row{row_ids[i]};
        for (std::size_t j = 0; j < destinations.size(); ++j) row.push_back(output::csv_number(values[i * destinations.size() + j]));
        text += output::csv_row(row);
      }
      write_output(text, ms->out);
      return kExitOk;
    }
    if (*scenarios) {
      const auto net = load_network(s->network);
      output::TextTable t({{"name", output::Align::left}, {"description", output::Align::left}});
      int failed = 0;
      for (const auto& b : bundled_scenarios(net)) {
        std::string description = b.description;
        if (s->check) {
          try {
            load_scenario(net, b.path.string());
          } catch (const std::exception& e) {
            description = std::string("ERROR ") + e.what();
            ++failed;
          }
        }
        t.add_row({b.name, description});
      }
      std::cout << "Scenarios of " << net.source_dir << " (use with --scenario NAME)\n\n" << t.render();
      return failed ? kExitBadInput : kExitOk;
    }
    if (*compare || *impact) {
      const auto net = load_network(s->network);
      const auto a = load_scenario(net, s->a);
      const auto b = load_scenario(net, s->b);
      const auto pairs = s->pairs.resolve(net);
      const auto comparison = compare_scenarios(net, a, b, pairs, s->routing.options(net));
      std::string text;
      if (*compare) {
        const output::CompareView view{s->output.top, s->by_country, s->by_corridor};
        if (s->output.format == "csv") text = output::comparison_csv(net, comparison, view);
        else if (s->output.format == "json") text = output::comparison_json(net, comparison).dump(2) + "\n";
        else text = output::comparison_table(net, comparison, view);
      } else {
        const auto t = trade_impact(net, comparison, s->elasticity);
        if (s->output.format == "csv") text = output::impact_csv(t);
        else if (s->output.format == "json") text = output::impact_json(t).dump(2) + "\n";
        else text = output::impact_table(net, t, s->output.top);
      }
      write_output(text, s->output.out);
      return kExitOk;
    }
    if (*crit) {
      const auto net = load_network(s->network);
      const auto scenario = s->scenario.empty() ? Scenario{} : load_scenario(net, s->scenario);
      const auto pairs = s->demand.empty() ? bundled_demand(net) : read_od_pairs(net, s->demand);
      if (pairs.empty()) throw std::invalid_argument("no demand: the network has no demand.csv; give --demand FILE");
      const auto r = criticality(net, scenario, pairs, s->routing.options(net));
      std::string text;
      if (s->output.format == "csv") text = output::criticality_csv(r);
      else if (s->output.format == "json") text = output::criticality_json(r).dump(2) + "\n";
      else text = output::criticality_table(r, s->output.top);
      write_output(text, s->output.out);
      return kExitOk;
    }
    return -1;
  };
}

}  // namespace silkroute::app
