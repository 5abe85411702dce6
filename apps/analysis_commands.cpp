#include "analysis_commands.hpp"

#include <iostream>
#include <memory>

#include "analysis/compare.hpp"
#include "analysis/criticality.hpp"
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
        const auto m = finder.find(p);
        if (!m.exact)
          throw std::invalid_argument("--places: no place '" + p + "'; did you mean " + net.nodes[m.node].name + " (id " +
                                      net.nodes[m.node].id + ")?");
        nodes.push_back(m.node);
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

  return [=]() -> int {
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
