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
#include "io/atomic_output.hpp"
#include "io/csv_writer.hpp"
#include "format_modules.hpp"
#include "analysis/od_pairs.hpp"
#include "analysis/trade_impact.hpp"
#include "cli_common.hpp"
#include "engine/engine.hpp"
#include "output/analysis_output.hpp"
#include "output/text_table.hpp"
#include "scenario/scenario_file.hpp"

namespace silkroute::app {

namespace {

// Which pairs an analysis runs on, as the user chose them: options bound into a PairsSpec.
void add_pair_options(CLI::App* cmd, PairsSpec& spec) {
  auto* p = cmd->add_option("--pairs", spec.pairs_file, "CSV of pairs: origin,destination[,weight|teu_per_year][,modes]");
  auto* l = cmd->add_option("--places", spec.places, "comma-separated places: every pair among them")->delimiter(',');
  auto* a = cmd->add_option("--all", spec.all_kind, "every pair among places of one kind (city, seaport, ...)");
  p->excludes(l)->excludes(a);
  l->excludes(a);
  cmd->add_option("--weights", spec.weights_file, "CSV origin,destination,weight by country (ISO3) pair, e.g. trade values");
  cmd->add_option("--modes", spec.modes, "only these modes for every pair, e.g. sea or rail,road,ferry")->delimiter(',');
}

void add_routing_options(CLI::App* cmd, std::string& cargo, std::string& objective, unsigned& threads) {
  cmd->add_option("--cargo", cargo, "cargo class id (default: the dataset's first, general container)");
  cmd->add_option("--objective", objective, "what each flow minimizes: generalized (default), time, cost or co2")
      ->default_val(objective);
  cmd->add_option("--threads", threads, "worker threads (default: all cores)");
}

struct OutputChoice {
  std::string format;  // empty: from --out's extension, else table
  std::string out;
  bool force = false;
  int top = 10;

  void add_to(CLI::App* cmd, int default_top) {
    top = default_top;
    cmd->add_option("--format", format, "table, csv, json or xlsx (default: from --out's extension, else table)")
        ->check(CLI::IsMember({"table", "csv", "json", "xlsx"}));
    cmd->add_option("--out", out, "write to this file instead of the terminal: .csv, .json, .xlsx or .txt (a table)");
    cmd->add_flag("--force", force, "replace an existing --out file");
    cmd->add_option("--top", top, "rows in the ranked lists")->default_val(default_top)->check(CLI::Range(1, 100000));
  }

  // The format to write: --format, or the one --out's extension names (an extension that
  // names none is refused, so results.xlsx never silently holds a terminal table).
  std::string resolved() const {
    const auto extension = std::filesystem::path(out).extension().string();
    std::string from_extension;
    if (extension == ".csv") from_extension = "csv";
    else if (extension == ".json") from_extension = "json";
    else if (extension == ".xlsx") from_extension = "xlsx";
    else if (extension == ".txt") from_extension = "table";
    else if (!out.empty() && out != "-")
      throw std::invalid_argument("--out: '" + out + "': unknown extension '" + extension +
                                  "'; known: .csv, .json, .xlsx, .txt (a table)");
    if (format == "xlsx" && from_extension != "xlsx") throw std::invalid_argument("--format xlsx needs --out FILE.xlsx");
    if (!format.empty() && !from_extension.empty() && format != from_extension)
      throw std::invalid_argument("--format " + format + " does not match --out '" + out + "'");
    if (!format.empty()) return format;
    return from_extension.empty() ? "table" : from_extension;
  }

  // Writes the rendered text; for XLSX, text is the CSV form, put in one worksheet.
  void write(const std::string& text, const std::string& sheet_name) const {
    if (resolved() == "xlsx") write_xlsx_output(text, out, sheet_name, force);
    else write_output(text, out, force);
  }
};

std::string network_option_help() { return "dataset folder (default: the embedded Belt and Road network)"; }

// Places for a matrix side: a file (one place per line, or a CSV with a 'place' column),
// a node kind (city, seaport, ...), or a comma-separated list. Every name is resolved by the
// Engine, exactly; a name from a file is checked here first so the error names its line.
std::vector<std::string> matrix_places(const Engine& engine, const std::string& spec, const std::string& option) {
  std::vector<std::string> out;
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
      out.push_back(engine.network().nodes[engine.place(first, spec + ":" + std::to_string(number))].id);
    }
    if (out.empty()) throw std::invalid_argument(option + ": no places in " + spec);
    return out;
  }
  if (parse_node_kind(spec)) {
    for (auto n : nodes_of_kind(engine.network(), spec)) out.push_back(engine.network().nodes[n].id);
    return out;
  }
  for (const auto& p : split_list({spec})) out.push_back(engine.network().nodes[engine.place(p, option)].id);
  return out;
}

std::shared_ptr<Engine> open_engine(const std::string& dir) {
  return Engine::open(dir.empty() ? default_network_dir() : dir);
}

// A progress bar on stderr when it is a terminal and the run is long.
MatrixProgress progress_bar(std::size_t origins, std::mutex& mutex) {
  const bool show = isatty(STDERR_FILENO) && origins >= 50;
  return [show, &mutex](std::size_t done, std::size_t all) {
    if (!show || (done % 10 != 0 && done != all)) return;
    std::lock_guard lock(mutex);
    const int width = 40;
    const int filled = static_cast<int>(width * done / all);
    std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] " << done << "/" << all
              << " origins" << (done == all ? "\n" : "") << std::flush;
  };
}

std::string matrix_csv(const Network& net, const MatrixResult& m) {
  std::vector<std::string> header{"origin"};
  for (auto n : m.destinations) header.push_back(net.nodes[n].id);
  std::string text = io::csv_row(header);
  for (std::size_t i = 0; i < m.origins.size(); ++i) {
    std::vector<std::string> row{net.nodes[m.origins[i]].id};
    for (std::size_t j = 0; j < m.destinations.size(); ++j)
      row.push_back(io::csv_number(m.values[i * m.destinations.size() + j]));
    text += io::csv_row(row);
  }
  return text;
}

std::function<int()> add_matrix_command(CLI::App& app) {
  struct State {
    std::string origins, destinations, out, network;
    bool force = false;
    MatrixRequest request;
  };
  auto s = std::make_shared<State>();
  auto* cmd = app.add_subcommand("matrix", "origin-destination matrix of time, cost, CO2 or distance (CSV or OMX)");
  cmd->add_option("--origins", s->origins, "a file of places, a kind (city, seaport, ...) or a comma list")->required();
  cmd->add_option("--destinations", s->destinations, "as --origins")->required();
  cmd->add_option("--metric", s->request.metric, "time, cost, co2, distance or generalized")->default_val(s->request.metric);
  cmd->add_option("--objective", s->request.objective, "what routes minimize (default: the metric; time for distance)");
  cmd->add_option("--scenario", s->request.scenario.name, "bundled scenario name or .toml file");
  cmd->add_option("--cargo", s->request.cargo, "cargo class id");
  cmd->add_option("--out", s->out, "output file: .csv or .xlsx (wide: a row per origin) or .omx (Open Matrix); default: CSV on stdout");
  cmd->add_option("--threads", s->request.threads, "worker threads (default: all cores)");
  cmd->add_option("--network", s->network, network_option_help());
  cmd->add_flag("--force", s->force, "replace an existing --out file");
  return [s, cmd]() -> int {
    if (!*cmd) return -1;
    const auto extension = std::filesystem::path(s->out).extension().string();
    if (!s->out.empty() && s->out != "-" && extension != ".csv" && extension != ".omx" && extension != ".xlsx")
      throw std::invalid_argument("--out: '" + s->out + "': unknown extension '" + extension +
                                  "'; known: .csv, .xlsx, .omx (Open Matrix)");
    const auto engine = open_engine(s->network);
    const auto& net = engine->network();
    auto request = s->request;
    request.origins = matrix_places(*engine, s->origins, "--origins");
    request.destinations = matrix_places(*engine, s->destinations, "--destinations");
    std::mutex progress_mutex;
    const auto m = engine->matrix(request, progress_bar(request.origins.size(), progress_mutex));
    if (extension == ".omx") {
      std::vector<std::string> row_ids, col_ids;
      for (auto n : m.origins) row_ids.push_back(net.nodes[n].id);
      for (auto n : m.destinations) col_ids.push_back(net.nodes[n].id);
      write_omx_output(s->out, s->force, m.origins.size(), m.destinations.size(),
                       {{std::string(matrix_metric_name(m.metric)), m.values}}, row_ids, col_ids);
      std::cerr << "wrote " << s->out << ": " << m.origins.size() << " x " << m.destinations.size() << " "
                << matrix_metric_name(m.metric) << " (OMX)\n";
      return kExitOk;
    }
    if (extension == ".xlsx") write_xlsx_output(matrix_csv(net, m), s->out, std::string(matrix_metric_name(m.metric)), s->force);
    else write_output(matrix_csv(net, m), s->out, s->force);
    return kExitOk;
  };
}

std::function<int()> add_scenarios_command(CLI::App& app) {
  struct State {
    std::string network;
    bool check = false;
  };
  auto s = std::make_shared<State>();
  auto* cmd = app.add_subcommand("scenarios", "list the bundled scenarios (and check them with --check)");
  cmd->add_option("--network", s->network, network_option_help());
  cmd->add_flag("--check", s->check, "load every bundled scenario and report errors");
  return [s, cmd]() -> int {
    if (!*cmd) return -1;
    const auto engine = open_engine(s->network);
    output::TextTable t({{"name", output::Align::left}, {"description", output::Align::left}});
    int failed = 0;
    for (const auto& b : engine->bundled_scenarios()) {
      std::string description = b.description;
      if (s->check) {
        try {
          load_scenario(engine->network(), b.path.string());
        } catch (const std::exception& e) {
          description = std::string("ERROR ") + e.what();
          ++failed;
        }
      }
      t.add_row({b.name, description});
    }
    std::cout << "Scenarios of " << engine->network().source_dir << " (use with --scenario NAME)\n\n" << t.render();
    return failed ? kExitBadInput : kExitOk;
  };
}

// compare and impact: the same pairs and routing under two scenarios, read two ways.
std::function<int()> add_compare_commands(CLI::App& app) {
  struct State {
    std::string network;
    CompareRequest compare;
    double elasticity = kDefaultTradeElasticity;
    OutputChoice output;
    bool by_country = false, by_corridor = false;
  };
  auto s = std::make_shared<State>();
  auto* compare = app.add_subcommand("compare", "time, cost and CO2 of many pairs under two scenarios");
  compare->add_option("A", s->compare.a.name, "first scenario: bundled name or .toml file")->required();
  compare->add_option("B", s->compare.b.name, "second scenario: bundled name or .toml file")->required();
  compare->add_option("--network", s->network, network_option_help());
  compare->add_flag("--by-country", s->by_country, "aggregate per country");
  compare->add_flag("--by-corridor", s->by_corridor, "aggregate per corridor used");
  add_pair_options(compare, s->compare.pairs);
  add_routing_options(compare, s->compare.cargo, s->compare.objective, s->compare.threads);
  s->output.add_to(compare, 10);

  auto* impact = app.add_subcommand("impact", "first-order trade change between two scenarios (structural gravity)");
  impact->add_option("A", s->compare.a.name, "first scenario")->required();
  impact->add_option("B", s->compare.b.name, "second scenario")->required();
  impact->add_option("--network", s->network, network_option_help());
  impact->add_option("--elasticity", s->elasticity, "trade-cost elasticity (World Bank BRI studies: about 5)")
      ->default_val(kDefaultTradeElasticity);
  add_pair_options(impact, s->compare.pairs);
  add_routing_options(impact, s->compare.cargo, s->compare.objective, s->compare.threads);
  s->output.add_to(impact, 20);

  return [s, compare, impact]() -> int {
    if (!*compare && !*impact) return -1;
    const auto engine = open_engine(s->network);
    const auto& net = engine->network();
    const auto format = s->output.resolved();
    std::string text;
    if (*compare) {
      const auto comparison = engine->compare(s->compare);
      const output::CompareView view{s->output.top, s->by_country, s->by_corridor};
      if (format == "csv" || format == "xlsx") text = output::comparison_csv(net, comparison, view);
      else if (format == "json") text = output::comparison_json(net, comparison).dump(2) + "\n";
      else text = output::comparison_table(net, comparison, view);
    } else {
      const auto t = engine->impact({s->compare, s->elasticity});
      if (format == "csv" || format == "xlsx") text = output::impact_csv(t);
      else if (format == "json") text = output::impact_json(t).dump(2) + "\n";
      else text = output::impact_table(net, t, s->output.top);
    }
    s->output.write(text, *compare ? "compare" : "impact");
    return kExitOk;
  };
}

std::function<int()> add_criticality_command(CLI::App& app) {
  struct State {
    std::string network;
    CriticalityRequest request;
    OutputChoice output;
  };
  auto s = std::make_shared<State>();
  auto* cmd = app.add_subcommand("criticality", "rank links, nodes, borders and chokepoints by what their failure costs");
  cmd->add_option("--scenario", s->request.scenario.name, "scenario to start from (default: today)");
  cmd->add_option("--demand", s->request.pairs.pairs_file, "demand CSV (default: the network's demand.csv)");
  cmd->add_option("--network", s->network, network_option_help());
  add_routing_options(cmd, s->request.cargo, s->request.objective, s->request.threads);
  s->output.add_to(cmd, 10);
  return [s, cmd]() -> int {
    if (!*cmd) return -1;
    const auto format = s->output.resolved();
    const auto r = open_engine(s->network)->criticality(s->request);
    std::string text;
    if (format == "csv" || format == "xlsx") text = output::criticality_csv(r);
    else if (format == "json") text = output::criticality_json(r).dump(2) + "\n";
    else text = output::criticality_table(r, s->output.top);
    s->output.write(text, "criticality");
    return kExitOk;
  };
}

}  // namespace

std::function<int()> add_analysis_commands(CLI::App& app) {
  const std::vector<std::function<int()>> commands{add_scenarios_command(app), add_compare_commands(app),
                                                   add_criticality_command(app), add_matrix_command(app)};
  return [commands]() -> int {
    for (const auto& run : commands)
      if (const int code = run(); code >= 0) return code;
    return -1;
  };
}

}  // namespace silkroute::app
