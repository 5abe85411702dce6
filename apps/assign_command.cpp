#include "assign_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

#include "assignment/best_known.hpp"
#include "assignment/flow_csv.hpp"
#include "assignment/tntp_files.hpp"
#include "assignment/warm_start.hpp"
#include "cli_common.hpp"
#include "freight_assign.hpp"
#include "io/atomic_output.hpp"

namespace silkroute::app {

namespace {

namespace as = silkroute::assignment;

// Exit code when the run stopped (max iterations) before the target gap; the flows are written.
constexpr int kExitNotConverged = 4;

struct AssignOptions {
  std::string tntp, trips, out, algorithm = "b", best_known, warm_start, vdf = "bpr";
  std::vector<std::string> extra_classes;
  double gap = 1e-6;
  int max_iterations = 10000;
  int threads = 0;
  std::optional<double> toll_factor, distance_factor;
  bool force = false, quiet = false;
};

std::string short_number(double v, int precision = 4) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*g", precision, v);
  return buf;
}

// "NAME:TRIPS_FILE[:TOLL_FACTOR[:DISTANCE_FACTOR]]"
as::TrafficClass parse_class(const std::string& spec, const as::AssignmentNetwork& net) {
  std::vector<std::string> parts;
  std::stringstream ss(spec);
  std::string part;
  while (std::getline(ss, part, ':')) parts.push_back(part);
  if (parts.size() < 2 || parts.size() > 4 || parts[0].empty() || parts[1].empty())
    throw std::invalid_argument("--class: expected NAME:TRIPS_FILE[:TOLL_FACTOR[:DISTANCE_FACTOR]], got '" + spec + "'");
  for (char c : parts[0])
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-')
      throw std::invalid_argument("--class: a class name uses letters, digits, '_' and '-' only, got '" + parts[0] + "'");
  as::TrafficClass cls;
  cls.name = parts[0];
  cls.demand = as::read_tntp_trips(parts[1], net.zone_count);
  cls.toll_factor = net.toll_factor;
  cls.distance_factor = net.distance_factor;
  auto factor = [&](const std::string& s, const char* what) {
    try {
      std::size_t used = 0;
      const double v = std::stod(s, &used);
      if (used != s.size() || v < 0) throw std::invalid_argument("");
      return v;
    } catch (const std::exception&) {
      throw std::invalid_argument(std::string("--class ") + parts[0] + ": expected a " + what + " of 0 or more, got '" + s + "'");
    }
  };
  if (parts.size() >= 3) cls.toll_factor = factor(parts[2], "toll factor");
  if (parts.size() >= 4) cls.distance_factor = factor(parts[3], "distance factor");
  return cls;
}

// The progress line: refreshed in place on a terminal, one line per iteration otherwise.
class ProgressLine {
 public:
  explicit ProgressLine(bool quiet) : quiet_(quiet), tty_(::isatty(2) == 1) {}
  void operator()(const as::IterationReport& r) {
    if (quiet_) return;
    char buf[160];
    std::snprintf(buf, sizeof buf, "iteration %5d  gap %.3e  objective %.10g  step %.3e  %.2f s", r.iteration, r.relative_gap,
                  r.objective, r.step, r.elapsed_s);
    if (tty_) {
      std::cerr << "\r" << buf << "\x1b[K" << std::flush;
      open_ = true;
    } else {
      std::cerr << buf << "\n";
    }
  }
  void finish() {
    if (open_) std::cerr << "\n";
    open_ = false;
  }

 private:
  bool quiet_, tty_, open_ = false;
};

int run_assign(const AssignOptions& o) {
  namespace fs = std::filesystem;
  // Refuse an existing output before minutes of work, not after.
  io::check_output_path(o.out, io::AtomicOutput::Kind::file, o.force);
  const auto out_dir = fs::path(o.out).has_parent_path() ? fs::path(o.out).parent_path() : fs::path(".");
  if (!fs::is_directory(out_dir) || ::access(out_dir.c_str(), W_OK) != 0)
    throw std::invalid_argument("--out: cannot write in " + out_dir.string() + " (no such directory, or not writable)");
  const auto algorithm = as::algorithm_from_name(o.algorithm);
  auto net = as::read_tntp_network(o.tntp);
  if (o.toll_factor) net.toll_factor = *o.toll_factor;
  if (o.distance_factor) net.distance_factor = *o.distance_factor;

  std::vector<as::TrafficClass> classes;
  as::TrafficClass base;
  base.name = "base";
  base.demand = as::read_tntp_trips(o.trips, net.zone_count);
  base.toll_factor = net.toll_factor;
  base.distance_factor = net.distance_factor;
  classes.push_back(std::move(base));
  for (const auto& spec : o.extra_classes) {
    classes.push_back(parse_class(spec, net));
    for (std::size_t i = 0; i + 1 < classes.size(); ++i)
      if (classes[i].name == classes.back().name) throw std::invalid_argument("--class: two classes named '" + classes[i].name + "'");
  }
  std::vector<as::LinkFlowRow> best_rows;
  if (!o.best_known.empty()) {
    best_rows = as::read_tntp_flows(o.best_known);
    // Rows that do not fit the network are refused now, not after the run.
    std::vector<as::RowKey> keys;
    for (const auto& r : best_rows) keys.push_back({r.init_node, r.term_node, r.line});
    as::match_rows_to_links(net, keys, fs::path(o.best_known).filename().string());
  }

  // Parallel links are legitimate (Berlin-Center has six): kept, and said.
  std::map<std::pair<int, int>, int> pairs;
  int parallel = 0;
  for (std::size_t a = 0; a < net.links.size(); ++a)
    if (pairs[{net.links.from[a], net.links.to[a]}]++ == 1) ++parallel;
  if (parallel > 0)
    std::cerr << "note: " << parallel << " node pair(s) joined by parallel links in " << fs::path(o.tntp).filename().string()
              << "; each link is assigned on its own\n";

  as::VolumeDelay vdf(net, o.vdf == "conical" ? as::VdfKind::conical : as::VdfKind::bpr);
  const as::AssignmentProblem problem(net, std::move(classes), std::move(vdf));

  std::optional<as::LinkFlows> warm;
  if (!o.warm_start.empty()) {
    warm = as::read_flows_csv(o.warm_start, problem);
    as::check_flow_conservation(problem, *warm);
  }

  std::cout << "network " << fs::path(o.tntp).filename().string() << ": " << net.node_count << " nodes, " << net.links.size()
            << " links, " << net.zone_count << " zones (first through node " << net.first_thru_node << ")";
  if (net.toll_factor != 0 || net.distance_factor != 0)
    std::cout << "; cost = time + " << net.toll_factor << " x toll + " << net.distance_factor << " x length";
  std::cout << "\n";
  for (const auto& c : problem.classes())
    std::cout << "class " << c.name << ": demand " << short_number(c.demand.total(), 12) << " from "
              << c.demand.origins.size() << " origins\n";

  ProgressLine progress(o.quiet);
  as::AssignmentOptions options;
  options.algorithm = algorithm;
  options.target_gap = o.gap;
  options.max_iterations = o.max_iterations;
  options.threads = o.threads;
  options.warm_start = warm ? &*warm : nullptr;
  options.progress = [&progress](const as::IterationReport& r) { progress(r); };
  as::AssignmentResult result;
  const std::clock_t cpu_start = std::clock();
  try {
    result = as::assign(problem, options);
  } catch (...) {
    progress.finish();
    throw;
  }
  progress.finish();
  const double cpu_s = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;

  std::cout << "algorithm " << o.algorithm << ": " << result.iterations << " iterations, " << short_number(result.elapsed_s, 3)
            << " s (" << short_number(cpu_s, 3) << " s CPU), relative gap " << short_number(result.relative_gap, 3) << " (target " << short_number(o.gap, 3) << ")"
            << (algorithm == as::Algorithm::aon ? "" : result.converged ? ", converged" : ", NOT converged") << "\n";
  std::cout << "objective " << short_number(result.objective, 15) << ", total travel cost " << short_number(result.tstt, 15)
            << ", shortest-path cost " << short_number(result.sptt, 15) << "\n";
  if (!best_rows.empty()) {
    // Each link's cost as the flows file writes it (time plus the first class's fixed costs).
    std::vector<double> link_cost(result.time);
    for (std::size_t a = 0; a < link_cost.size(); ++a) link_cost[a] += problem.fixed_cost(0)[a];
    const auto cmp =
        as::compare_flows(net, result.flows.total, best_rows, fs::path(o.best_known).filename().string(), link_cost);
    std::cout << "best known " << fs::path(o.best_known).filename().string() << ": sum |flow - best known| "
              << short_number(cmp.sum_abs_difference, 6) << " = " << short_number(100 * cmp.relative(), 3) << "% of "
              << short_number(cmp.sum_best_known, 10) << " (" << (cmp.relative() <= 1e-3 ? "within" : "OUTSIDE")
              << " 0.1%); largest " << short_number(cmp.max_abs_difference, 4);
    if (cmp.worst_link >= 0)
      std::cout << " on " << net.links.from[cmp.worst_link] + 1 << "->" << net.links.to[cmp.worst_link] + 1;
    std::cout << "\n";
    if (cmp.sum_best_known_congestible < cmp.sum_best_known)
      std::cout << "best known on links with volume-dependent times: sum |flow - best known| "
                << short_number(cmp.sum_abs_difference_congestible, 6) << " = "
                << short_number(100 * cmp.relative_congestible(), 3) << "% of " << short_number(cmp.sum_best_known_congestible, 10)
                << " (" << (cmp.relative_congestible() <= 1e-3 ? "within" : "OUTSIDE") << " 0.1%)\n";
    if (cmp.sum_abs_difference_constant > 0 && result.tstt > 0) {
      // Equal-cost routes over constant-time links may split either way: say whether the
      // difference there is such a tie (the total cost would not change) or not.
      const double change = std::abs(cmp.constant_cost_change) / result.tstt;
      std::cout << "best known on constant-time links: sum |flow - best known| "
                << short_number(cmp.sum_abs_difference_constant, 6) << "; its split there changes the total travel cost by "
                << short_number(change, 2) << " of it"
                << (change <= std::max(o.gap, 1e-12) ? " (a tie between routes of equal cost: link flows there are not unique)\n"
                                                     : " (more than the target gap: not only ties)\n");
    }
  }
  as::write_flows_csv(o.out, problem, result, o.force);
  std::cout << "wrote " << o.out << " (" << net.links.size() << " links)\n";
  if (algorithm != as::Algorithm::aon && !result.converged) {
    std::cerr << "warning: stopped after " << result.iterations << " iterations at relative gap "
              << short_number(result.relative_gap, 3) << ", above the target " << short_number(o.gap, 3)
              << (result.stalled ? ": the last iterations changed nothing (rounding limits the gap here)" : "") << "\n";
    return kExitNotConverged;
  }
  return kExitOk;
}

}  // namespace

std::function<int()> add_assign_command(CLI::App& app) {
  auto o = std::make_shared<AssignOptions>();
  auto f = std::make_shared<FreightAssignOptions>();
  auto* cmd = app.add_subcommand("assign",
                                 "traffic assignment: user equilibrium on a TNTP network (--tntp), or freight with capacities "
                                 "and mode choice on a silkroute network (--network, --scenario)");
  cmd->add_option("--tntp", o->tntp, "network file, NAME_net.tntp");
  cmd->add_option("--trips", o->trips, "trip table, NAME_trips.tntp (the first class, 'base')");
  cmd->add_option("--out", o->out,
                  "TNTP: CSV of link flows: init_node,term_node,flow,cost; freight: .csv, .json or .txt (default: a table)");
  cmd->add_option("--network", f->network, "freight: the silkroute dataset (default: the embedded Belt and Road network)");
  cmd->add_option("--scenario", f->scenario, "freight: bundled scenario name or .toml file")->default_val("today");
  cmd->add_option("--cargo", f->cargo, "freight: the cargo class of the demand, or classes with their shares: general:0.8,electronics:0.2")->default_val("general");
  cmd->add_option("--year", f->year, "freight: the network and its capacities as of this year (default: the scenario's)")
      ->check(CLI::Range(2000, 2100));
  cmd->add_option("--tolerance", f->tolerance, "freight: stop when the route flows change by less than this share")
      ->default_val(1e-3)
      ->check(CLI::Range(1e-9, 1.0));
  cmd->add_option("--step-rule", f->step_rule,
                  "freight: how each iteration moves the flows towards the logit's answer: conjugate (default; "
                  "conjugate directions, the step by a line search on the equilibrium's objective), sra "
                  "(self-regulated averaging) or msa (successive averages, step 1/k)")
      ->default_val("conjugate")
      ->check(CLI::IsMember({"conjugate", "sra", "msa"}));
  cmd->add_option("--top", f->top, "freight: elements in the table (0: all)")->default_val(25)->check(CLI::Range(0, 100000));
  cmd->add_option("--criticality", f->criticality,
                  "freight: fail the N most loaded capacity elements one by one and assign again (cost incl. congestion)")
      ->check(CLI::Range(1, 1000));
  cmd->add_flag("--cold-start", f->cold_start,
                "freight --criticality: assign each failure from free flow, not from the base run's flows (the check on warm starts)");
  cmd->add_option("--compare", f->compare,
                  "freight: assign two scenarios A B and compare flow, utilization and delay per element, and modes per lane")
      ->expected(2);
  cmd->add_flag("--no-capacities", f->no_capacities, "freight: no waits at capacity-bound elements");
  cmd->add_flag("--calibrate", f->calibrate, "freight: fit rail's constant to China-Europe rail's published volume; with --cargo CLASS, that class's rail and air constants to its published mode split");
  cmd->add_option("--gap", o->gap, "target relative gap (TSTT - SPTT) / TSTT")->default_val(1e-6)->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--algorithm", o->algorithm, "b (Algorithm B, bush-based), bfw, cfw, fw, msa or aon")
      ->default_val("b")
      ->check(CLI::IsMember({"b", "bfw", "cfw", "fw", "msa", "aon"}));
  cmd->add_option("--max-iterations", o->max_iterations, "stop after this many iterations (freight: default 1000)")
      ->default_val(10000)
      ->check(CLI::Range(1, 100000000));
  cmd->add_option("--best-known", o->best_known, "best-known flows, NAME_flow.tntp: report the distance to them");
  cmd->add_option("--warm-start", o->warm_start, "start from the flows of an earlier run (its --out CSV; link-based algorithms)");
  cmd->add_option("--toll-factor", o->toll_factor, "time units per toll unit (default: the file's <TOLL FACTOR>, else 0)")
      ->check(CLI::Range(0.0, 1e12));
  cmd->add_option("--distance-factor", o->distance_factor,
                  "time units per length unit (default: the file's <DISTANCE FACTOR>, else 0)")
      ->check(CLI::Range(0.0, 1e12));
  cmd->add_option("--class", o->extra_classes,
                  "another class: NAME:TRIPS_FILE[:TOLL_FACTOR[:DISTANCE_FACTOR]] (repeatable; factors default to the network's)");
  cmd->add_option("--vdf", o->vdf, "volume-delay function: bpr or conical (Spiess; steepness = the power column)")
      ->default_val("bpr")
      ->check(CLI::IsMember({"bpr", "conical"}));
  cmd->add_option("--threads", o->threads, "threads for the shortest paths (default: all)")->check(CLI::Range(0, 1024));
  cmd->add_flag("--force", o->force, "replace --out if it exists");
  cmd->add_flag("--quiet", o->quiet, "no progress line");
  return [o, f, cmd]() -> int {
    if (!*cmd) return -1;
    // Options of the other kind of run are refused, not ignored.
    auto refuse = [&](const std::vector<std::string>& names, const std::string& why) {
      for (const auto& name : names)
        if (cmd->count(name) > 0) throw std::invalid_argument(name + " " + why);
    };
    if (o->tntp.empty()) {
      refuse({"--trips", "--best-known", "--warm-start", "--class", "--gap", "--algorithm", "--vdf", "--toll-factor",
              "--distance-factor", "--threads"},
             "needs --tntp (a TNTP network); the freight assignment does not use it");
      if (cmd->count("--compare") > 0)
        for (const auto* other : {"--scenario", "--criticality", "--calibrate"})
          if (cmd->count(other) > 0)
            throw std::invalid_argument(std::string(other) + " does not go with --compare A B (the two scenarios are A and B)");
      if (cmd->count("--cold-start") > 0 && f->criticality == 0)
        throw std::invalid_argument("--cold-start is for --criticality N (each failure's assignment starts from free flow)");
      f->out = o->out;
      f->force = o->force;
      f->quiet = o->quiet;
      if (cmd->count("--max-iterations")) f->max_iterations = o->max_iterations;
      return run_freight_assign(*f);
    }
    refuse({"--network", "--scenario", "--cargo", "--year", "--tolerance", "--step-rule", "--top", "--criticality", "--cold-start",
            "--no-capacities", "--calibrate", "--compare"},
           "is for the freight assignment on a silkroute network, not with --tntp");
    if (o->trips.empty()) throw std::invalid_argument("--tntp needs --trips");
    if (o->out.empty()) throw std::invalid_argument("--tntp needs --out");
    return run_assign(*o);
  };
}

}  // namespace silkroute::app
