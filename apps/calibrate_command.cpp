#include "calibrate_command.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <unistd.h>

#include "analysis/calibration.hpp"
#include "analysis/time_model_fit.hpp"
#include "cli_common.hpp"
#include "io/csv_writer.hpp"
#include "io/dataset_reader.hpp"
#include "output/text_table.hpp"

namespace silkroute::app {

namespace {

struct CalibrateCommand {
  std::vector<std::string> pairs_paths;
  std::string network;
  bool fit = false;
  FitOptions options;
  std::string write_params;
  std::string out;
  bool force = false;
  std::vector<std::string> cv;  // with --fit: grouped, batch or none beside the random folds; empty: all the files allow
};

std::vector<PublishedPair> read_all(const std::vector<std::string>& paths) {
  std::vector<PublishedPair> pairs;
  for (const auto& p : paths) {
    auto more = read_published_pairs(p);
    pairs.insert(pairs.end(), more.begin(), more.end());
  }
  return pairs;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

std::string pair_name(const PublishedPair& p) {
  return p.origin + " → " + p.destination + (p.avoid.empty() ? "" : " (avoid " + p.avoid.front() + ")");
}

int run_check(const CalibrateCommand& c, const Network& net) {
  const auto rows = calibrate(net, read_all(c.pairs_paths));
  using output::Align;
  output::TextTable t({{"pair", Align::left}, {"mode", Align::left}, {"model h", Align::right}, {"published h", Align::right},
                       {"time", Align::left}, {"model km", Align::right}, {"published km", Align::right},
                       {"diff", Align::right}, {"dist", Align::left}, {"model route", Align::left}});
  int failed = 0;
  std::string csv = io::csv_row({"origin", "destination", "mode", "model_time_h", "time_low_h", "time_high_h", "time_ok",
                                 "model_distance_km", "published_distance_km", "distance_ok", "route", "problem"});
  for (const auto& r : rows) {
    const auto& p = r.pair;
    failed += !r.ok();
    std::string published_h = p.time_low_h ? output::format_number(*p.time_low_h) + "-" + output::format_number(*p.time_high_h) : "";
    std::string diff;
    if (p.distance_km && r.model_distance_km)
      diff = output::format_number(100.0 * (*r.model_distance_km - *p.distance_km) / *p.distance_km, 1) + "%";
    auto verdict = [&](bool has, bool ok) { return !r.problem.empty() ? "FAIL" : !has ? "" : ok ? "ok" : "FAIL"; };
    t.add_row({pair_name(p), p.mode, r.model_time_h ? output::format_number(*r.model_time_h, 1) : "-", published_h,
               verdict(p.time_low_h.has_value(), r.time_ok),
               r.model_distance_km ? output::format_number(*r.model_distance_km) : "-",
               p.distance_km ? output::format_number(*p.distance_km) : "", diff,
               verdict(p.distance_km.has_value(), r.distance_ok), r.problem.empty() ? r.route_label : r.problem});
    auto num = [](const std::optional<double>& v) { return v ? io::csv_number(*v) : std::string(); };
    csv += io::csv_row({p.origin, p.destination, p.mode, num(r.model_time_h), num(p.time_low_h), num(p.time_high_h),
                        p.time_low_h ? (r.time_ok ? "1" : "0") : "", num(r.model_distance_km), num(p.distance_km),
                        p.distance_km ? (r.distance_ok ? "1" : "0") : "", r.route_label, r.problem});
  }
  if (!c.out.empty()) write_output(csv, c.out, c.force);
  std::cout << "Calibration of " << net.source_dir << " against " << joined(c.pairs_paths) << "\n"
            << "time: model (terminal to terminal) inside the published range widened by 15% each side; "
               "distance: within 5% at sea and by air, 10% by rail and road\n\n"
            << t.render("") << "\n" << (rows.size() - failed) << " passed, " << failed << " failed\n";
  return failed == 0 ? kExitOk : 1;
}

std::string percent(double share) { return output::format_number(100.0 * share, 1) + "%"; }

int run_fit(CalibrateCommand c, const Network& net) {
  const bool tty = isatty(STDERR_FILENO);
  c.options.progress = [tty](int fits_done, int fits, int evals) {
    if (tty && evals % 10 == 0)
      std::cerr << "\rcalibrate: fit " << (fits_done + 1) << " of " << fits << ", evaluation " << evals << "   " << std::flush;
  };
  const auto pairs = read_all(c.pairs_paths);
  const bool batches = std::all_of(pairs.begin(), pairs.end(), [](const PublishedPair& p) { return !p.batch.empty(); });
  auto wants = [&](const std::string& what) { return c.cv.empty() || std::find(c.cv.begin(), c.cv.end(), what) != c.cv.end(); };
  c.options.grouped_cv = wants("grouped");
  c.options.batch_cv = wants("batch") && (batches || !c.cv.empty());
  const auto r = fit_time_model(net, pairs, c.options);
  if (tty) std::cerr << "\r" << std::string(60, ' ') << "\r";

  using output::Align;
  output::TextTable params({{"parameter", Align::left}, {"unit", Align::left}, {"prior", Align::right},
                            {"dataset", Align::right}, {"fitted", Align::right}, {"lower", Align::right},
                            {"upper", Align::right}});
  for (auto p : enum_values<TimeParam>()) {
    const auto i = static_cast<std::size_t>(p);
    if (!r.start[i].fitted) continue;
    params.add_row({std::string(enum_name(p)), r.start[i].unit, output::format_number(r.start[i].prior, 2),
                    output::format_number(r.start[i].value, 2),
                    output::format_number(r.fitted[i].value, 2), output::format_number(r.start[i].lower, 2),
                    output::format_number(r.start[i].upper, 2)});
  }
  output::TextTable figs({{"", Align::left}, {"pairs", Align::right}, {"inside range +-15%", Align::right},
                          {"median error", Align::right}, {"mean |log error|", Align::right}});
  auto add = [&](const std::string& what, const FitFigures& f) {
    figs.add_row({what, std::to_string(f.pairs), percent(f.share_inside), percent(f.median_error),
                  output::format_number(f.mean_abs_log_error, 3)});
  };
  add("sourced priors", r.start_figures);
  add("fitted on all pairs (in sample)", r.in_sample);
  add(std::to_string(c.options.folds) + "-fold cross-validated", r.cross_validated);
  const std::string grouped_name = std::to_string(r.grouped_folds) + " folds by structure group";
  if (r.grouped_folds) add(grouped_name, r.grouped);
  if (!r.batch_steps.empty()) {
    add("by batch, each on the ones before", r.by_batch);
    add("newest batch (" + r.batch_steps.back().batch + ") on the ones before", r.batch_steps.back().test);
  }

  // Per mode, each column "inside / median error" (pairs: those the column predicts).
  std::vector<std::pair<std::string, double FittedPair::*>> columns = {
      {"priors", &FittedPair::start_h}, {"in sample", &FittedPair::in_sample_h}, {std::to_string(c.options.folds) + "-fold", &FittedPair::cross_validated_h}};
  if (r.grouped_folds) columns.push_back({"by group", &FittedPair::grouped_h});
  if (!r.batch_steps.empty()) columns.push_back({"by batch", &FittedPair::batch_h});
  std::vector<std::pair<std::string, Align>> mode_cols = {{"mode", Align::left}, {"pairs", Align::right}};
  for (const auto& col : columns) mode_cols.push_back({col.first, Align::right});
  output::TextTable by_mode(mode_cols);
  for (const std::string mode : {"rail", "road", "sea", "ferry", "air", "iww", ""}) {
    const auto n = fit_figures(r.pairs, &FittedPair::in_sample_h, mode).pairs;
    if (n == 0) continue;
    std::vector<std::string> row = {mode.empty() ? "all" : mode, std::to_string(n)};
    for (const auto& col : columns) {
      const auto f = fit_figures(r.pairs, col.second, mode);
      row.push_back(f.pairs == 0 ? "-"
                    : percent(f.share_inside) + " / " + percent(f.median_error) +
                          (f.pairs != n ? " (" + std::to_string(f.pairs) + ")" : ""));
    }
    by_mode.add_row(row);
  }
  output::TextTable steps({{"batch", Align::left}, {"fitted on", Align::right}, {"pairs", Align::right},
                           {"inside range +-15%", Align::right}, {"median error", Align::right},
                           {"mean |log error|", Align::right}});
  for (const auto& s : r.batch_steps)
    steps.add_row({s.batch, std::to_string(s.train_pairs), std::to_string(s.test.pairs), percent(s.test.share_inside),
                   percent(s.test.median_error), output::format_number(s.test.mean_abs_log_error, 3)});

  std::cout << "Time-model fit of " << net.source_dir << " on " << joined(c.pairs_paths) << "\n"
            << r.pairs.size() << " pairs with a published time and a route; " << r.skipped.size()
            << " skipped (no published time, unknown place or no route); " << r.evaluations << " evaluations\n\n"
            << params.render("") << "\n"
            << figs.render("")
            << "error: relative distance of the model's terminal-to-terminal time from the published range (0 inside it);\n"
               "cross-validated: each pair predicted by the parameters fitted on the other folds";
  if (r.grouped_folds)
    std::cout << ";\nby structure group: folds that keep each mode and region pair (" << r.groups
              << " groups) whole, so no corridor is on both sides";
  if (!r.batch_steps.empty())
    std::cout << ";\nby batch: each batch of pairs predicted by the fit on the batches curated before it, as fresh pairs "
                 "arrive (the first batch is not predicted);\nnewest batch: the figure to expect on pairs never seen, "
                 "the batch the model's structure has been\nworked on least (docs/calibration.md)";
  std::cout << "\n\ninside / median error by mode (in brackets: the pairs a column predicts, where fewer)\n\n"
            << by_mode.render("");
  if (!r.batch_steps.empty()) std::cout << "\nby batch, in the order curated\n\n" << steps.render("");

  if (!c.out.empty()) {
    std::string csv = io::csv_row({"origin", "destination", "mode", "time_low_h", "time_high_h", "in_sample_h",
                                   "cross_validated_h", "fold", "cross_validated_error", "group", "grouped_h",
                                   "grouped_fold", "batch", "batch_h"});
    auto maybe = [](double v) { return std::isnan(v) ? std::string() : io::csv_number(v); };
    for (const auto& p : r.pairs)
      csv += io::csv_row({p.pair.origin, p.pair.destination, p.pair.mode, io::csv_number(*p.pair.time_low_h),
                          io::csv_number(*p.pair.time_high_h), io::csv_number(p.in_sample_h),
                          io::csv_number(p.cross_validated_h), std::to_string(p.fold),
                          io::csv_number(range_error(p.cross_validated_h, *p.pair.time_low_h, *p.pair.time_high_h)),
                          p.group, maybe(p.grouped_h), p.grouped_fold < 0 ? "" : std::to_string(p.grouped_fold),
                          p.pair.batch, maybe(p.batch_h)});
    write_output(csv, c.out, c.force);
  }
  if (!c.write_params.empty()) {
    const auto path = std::filesystem::path(net.source_dir) / "time_model.csv";
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    write_output(time_model_csv(text.str(), r.fitted), c.write_params, c.force);
  }
  return kExitOk;
}

}  // namespace

std::function<int()> add_calibrate_command(CLI::App& app) {
  auto c = std::make_shared<CalibrateCommand>();
  auto* cmd = app.add_subcommand("calibrate", "compare model times with published figures; --fit fits the time model");
  cmd->add_option("PAIRS", c->pairs_paths, "CSVs of published pairs (tests/calibration/*.csv)")->required();
  cmd->add_option("--network", c->network, "dataset folder (default: the embedded Belt and Road network)");
  cmd->add_flag("--fit", c->fit, "fit the time model's global parameters and report k-fold cross-validated error");
  cmd->add_option("--folds", c->options.folds, "folds of the cross-validation")->default_val(5)->check(CLI::Range(2, 50));
  cmd->add_option("--seed", c->options.seed, "seed of the fold assignment")->default_val(1);
  cmd->add_option("--max-evaluations", c->options.max_evaluations, "evaluations per fit")
      ->default_val(400)
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--prior-weight", c->options.prior_weight,
                  "with --fit: pull toward the sourced priors (0: fit the pairs alone; docs/calibration.md)")
      ->default_val(3)
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--cv", c->cv,
                  "with --fit: cross-validations beside the random folds, comma-separated: grouped (folds by mode and "
                  "region pair), batch (each batch on the ones before; needs '# batch:' lines), none; default: grouped, "
                  "and batch when every pair has one")
      ->delimiter(',')
      ->check(CLI::IsMember({"grouped", "batch", "none"}));
  cmd->add_option("--write-params", c->write_params, "with --fit: write time_model.csv with the fitted values to this file");
  cmd->add_option("--out", c->out, "per-pair figures as CSV (with --fit: in-sample and cross-validated times)");
  cmd->add_flag("--force", c->force, "overwrite existing output files");
  return [c, cmd]() -> int {
    if (!*cmd) return -1;
    const auto net = io::read_dataset(c->network.empty() ? default_network_dir() : c->network);
    return c->fit ? run_fit(*c, net) : run_check(*c, net);
  };
}

}  // namespace silkroute::app
