#include "analysis/time_model_fit.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "analysis/cv_folds.hpp"
#include "routing/routing_cache.hpp"
#include "util/parallel.hpp"

namespace silkroute {

double range_error(double model_h, double low_h, double high_h) {
  if (model_h < low_h) return (low_h - model_h) / low_h;
  if (model_h > high_h) return (model_h - high_h) / high_h;
  return 0;
}

namespace {

double log_error(double model_h, double low_h, double high_h) {
  const double nearest = std::clamp(model_h, low_h, high_h);
  return std::abs(std::log(std::max(model_h, 1e-6) / nearest));
}

bool inside_widened(double model_h, double low_h, double high_h) {
  return model_h >= low_h * (1 - kTimeWidening) && model_h <= high_h * (1 + kTimeWidening);
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Figures of model times against published ranges (low, high, model).
FitFigures figures_of(const std::vector<std::array<double, 3>>& rows) {
  FitFigures f;
  std::vector<double> errors;
  int inside = 0;
  double log_sum = 0;
  for (const auto& [low, high, m] : rows) {
    errors.push_back(range_error(m, low, high));
    inside += inside_widened(m, low, high);
    log_sum += log_error(m, low, high);
  }
  f.pairs = static_cast<int>(rows.size());
  if (f.pairs) {
    f.share_inside = static_cast<double>(inside) / f.pairs;
    f.median_error = median(errors);
    f.mean_abs_log_error = log_sum / f.pairs;
  }
  return f;
}

FitFigures figures(const std::vector<PublishedPair>& pairs, const std::vector<std::size_t>& subset,
                   const std::vector<double>& model_h) {
  std::vector<std::array<double, 3>> rows;
  for (std::size_t k = 0; k < subset.size(); ++k)
    rows.push_back({*pairs[subset[k]].time_low_h, *pairs[subset[k]].time_high_h, model_h[k]});
  return figures_of(rows);
}

// Routes pairs under the parameters in `work` (one routing cache per thread: each pair's
// closures make its own metric).
class Evaluator {
 public:
  Evaluator(Network& work, const std::vector<PublishedPair>& pairs)
      : work_(work),
        pairs_(pairs),
        finder_(work),
        places_(work, finder_, work.source_dir.empty() ? std::nullopt : read_access_params(work.source_dir)),
        caches_(static_cast<std::size_t>(thread_count(0))) {
    for (auto& c : caches_) c = std::make_unique<RoutingCache>(64);
  }

  void set(const std::vector<double>& values, const std::vector<TimeParam>& fitted) {
    for (std::size_t i = 0; i < fitted.size(); ++i) work_.time_model.param(fitted[i]).value = values[i];
    for (auto& c : caches_) c->clear();
  }

  // Model times of `subset`, NaN where a pair has no route.
  std::vector<double> times(const std::vector<std::size_t>& subset) {
    ++evaluations;
    std::vector<double> out(subset.size(), std::nan(""));
    parallel_for_workers(subset.size(), 0, [&](std::size_t k, int worker) {
      try {
        if (auto m = measure_pair(work_, *caches_[static_cast<std::size_t>(worker)], places_, pairs_[subset[k]], kLatestYear))
          out[k] = m->time_h;
      } catch (const std::exception&) {
      }
    });
    return out;
  }

  double loss(const std::vector<std::size_t>& subset) {
    const auto t = times(subset);
    double sum = 0;
    for (std::size_t k = 0; k < subset.size(); ++k) {
      const auto& p = pairs_[subset[k]];
      // A pair that loses its route under some parameters (it cannot: parameters change
      // weights, not the graph) would count as a large error.
      sum += std::isnan(t[k]) ? 5.0 : log_error(t[k], *p.time_low_h, *p.time_high_h);
    }
    return subset.empty() ? 0 : sum / static_cast<double>(subset.size());
  }

  // The pair's structure group: its mode and the regions of its ends (regions.csv).
  std::string group(const PublishedPair& p) const {
    auto region = [&](const std::string& name, const char* field) -> std::string {
      try {
        const auto place = places_.resolve(name, field, CoordinateOrder::lat_lon);
        const auto it = work_.time_model.country_region.find(place.country);
        if (it != work_.time_model.country_region.end()) return std::string(enum_name(it->second));
      } catch (const std::exception&) {
      }
      return "";
    };
    return structure_group(p.mode, region(p.origin, "origin"), region(p.destination, "destination"));
  }

  int evaluations = 0;

 private:
  Network& work_;
  const std::vector<PublishedPair>& pairs_;
  PlaceFinder finder_;
  PlaceResolver places_;  // gazetteer towns join the network as in the route command
  std::vector<std::unique_ptr<RoutingCache>> caches_;
};

// Pattern search (Hooke-Jeeves style) in coordinates scaled to [0, 1] between each
// parameter's bounds: robust to the loss's steps (a route switching corridors) and needs
// no gradient. Deterministic.
std::vector<double> pattern_search(Evaluator& ev, const std::vector<std::size_t>& subset, const std::vector<TimeParam>& fitted,
                                   const std::vector<TimeParamValue>& start, int max_evaluations, double prior_weight,
                                   const std::function<void(int)>& on_evaluation) {
  const auto n = fitted.size();
  std::vector<double> lo(n), hi(n), x(n), x_prior(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& v = start[static_cast<std::size_t>(fitted[i])];
    lo[i] = v.lower;
    hi[i] = v.upper;
    // Every fit starts from the sourced prior, never from an earlier fit's values: those saw
    // every pair, and a fold started there would carry its held-out pairs' information.
    x[i] = v.upper > v.lower ? (v.prior - v.lower) / (v.upper - v.lower) : 0;
    x_prior[i] = x[i];
  }
  // Published figures are noisy and a fit of a few dozen parameters to them overfits: the
  // pull toward the sourced priors is what cross-validation shows generalizes.
  auto pull = [&](const std::vector<double>& u) {
    if (prior_weight <= 0 || n == 0) return 0.0;
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += (u[i] - x_prior[i]) * (u[i] - x_prior[i]);
    return prior_weight * sum / static_cast<double>(n);
  };
  auto values = [&](const std::vector<double>& u) {
    std::vector<double> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = lo[i] + std::clamp(u[i], 0.0, 1.0) * (hi[i] - lo[i]);
    return out;
  };
  int evals = 0;
  auto f = [&](const std::vector<double>& u) {
    ev.set(values(u), fitted);
    ++evals;
    const double l = ev.loss(subset) + pull(u);
    if (on_evaluation) on_evaluation(evals);
    return l;
  };
  double best = f(x);
  double step = 0.25;
  while (step > 1.0 / 128 && evals < max_evaluations) {
    bool improved = false;
    for (std::size_t i = 0; i < n && evals < max_evaluations; ++i) {
      for (double dir : {+1.0, -1.0}) {
        auto y = x;
        y[i] = std::clamp(x[i] + dir * step, 0.0, 1.0);
        if (y[i] == x[i]) continue;
        const double l = f(y);
        if (l < best - 1e-12) {
          best = l;
          x = y;
          improved = true;
          break;
        }
      }
    }
    if (!improved) step /= 2;
  }
  return values(x);
}

}  // namespace

FitFigures fit_figures(const std::vector<FittedPair>& pairs, double FittedPair::*time, const std::string& mode) {
  std::vector<std::array<double, 3>> rows;
  for (const auto& p : pairs)
    if (!std::isnan(p.*time) && (mode.empty() || p.pair.mode == mode))
      rows.push_back({*p.pair.time_low_h, *p.pair.time_high_h, p.*time});
  return figures_of(rows);
}

FitResult fit_time_model(const Network& net, const std::vector<PublishedPair>& pairs, const FitOptions& options) {
  if (!net.time_model.structured)
    throw std::runtime_error("the dataset has no time_model.csv: there are no time-model parameters to fit (docs/time-model.md)");
  FitResult result;
  Network work = net;
  work.finalize();
  Evaluator ev(work, pairs);
  const auto& start = net.time_model.params;
  result.start.assign(start.begin(), start.end());
  std::vector<TimeParam> fitted;
  std::vector<double> start_values;
  for (auto p : enum_values<TimeParam>())
    if (net.time_model.param(p).fitted) {
      fitted.push_back(p);
      start_values.push_back(net.time_model.param(p).prior);
    }

  // The pairs a fit can use: a published time and a route under the dataset's values.
  std::vector<std::size_t> usable;
  {
    std::vector<std::size_t> all;
    for (std::size_t i = 0; i < pairs.size(); ++i) all.push_back(i);
    ev.set(start_values, fitted);
    const auto t = ev.times(all);
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      const auto& p = pairs[i];
      if (p.time_low_h && p.time_high_h && !std::isnan(t[i])) {
        usable.push_back(i);
        continue;
      }
      CalibrationRow row;
      row.pair = p;
      row.problem = !p.time_low_h ? "no published time" : "no route or unknown place";
      result.skipped.push_back(row);
    }
  }
  ev.set(start_values, fitted);
  const auto start_h = ev.times(usable);
  result.start_figures = figures(pairs, usable, start_h);

  // Random folds (as drawn since the first fit, so its figures stay comparable).
  const int folds = std::max(2, std::min(options.folds, static_cast<int>(usable.size())));
  std::vector<int> fold_of(pairs.size(), -1);
  {
    const auto f = random_folds(usable.size(), folds, options.seed);
    for (std::size_t k = 0; k < usable.size(); ++k) fold_of[usable[k]] = f[k];
  }
  // Grouped folds: no structure group on both sides.
  std::vector<std::string> group_of(pairs.size());
  for (auto i : usable) group_of[i] = ev.group(pairs[i]);
  std::vector<int> grouped_of(pairs.size(), -1);
  int grouped_folds_n = 0;
  if (options.grouped_cv) {
    std::vector<std::string> g;
    for (auto i : usable) g.push_back(group_of[i]);
    result.groups = static_cast<int>(std::set<std::string>(g.begin(), g.end()).size());
    grouped_folds_n = std::max(2, std::min(folds, result.groups));
    const auto f = grouped_folds(g, grouped_folds_n, options.seed);
    for (std::size_t k = 0; k < usable.size(); ++k) grouped_of[usable[k]] = f[k];
  }
  // Batches in the order they were curated; a step per batch after the first.
  std::vector<int> batch_orders;
  if (options.batch_cv) {
    std::map<std::string, int> order_of;
    for (auto i : usable) {
      const auto& p = pairs[i];
      if (p.batch.empty())
        throw std::runtime_error("the cross-validation by batch needs every pair to carry a batch ('# batch:' lines, "
                                 "tests/calibration/README.md): " + p.origin + " -> " + p.destination + " (line " +
                                 std::to_string(p.line) + ") has none");
      const auto [it, added] = order_of.emplace(p.batch, p.batch_order);
      if (!added && it->second != p.batch_order)
        throw std::runtime_error("batch '" + p.batch + "' has order " + std::to_string(p.batch_order) + " at " + p.origin +
                                 " -> " + p.destination + " (line " + std::to_string(p.line) + ") and " +
                                 std::to_string(it->second) + " elsewhere");
      batch_orders.push_back(p.batch_order);
    }
    std::sort(batch_orders.begin(), batch_orders.end());
    batch_orders.erase(std::unique(batch_orders.begin(), batch_orders.end()), batch_orders.end());
  }

  const int batch_steps_n = batch_orders.empty() ? 0 : static_cast<int>(batch_orders.size()) - 1;
  const int fits = 1 + folds + (options.grouped_cv ? grouped_folds_n : 0) + batch_steps_n;
  int fits_done = 0;
  auto progress = [&](int evals) {
    if (options.progress) options.progress(fits_done, fits, evals);
  };

  // The fit on all pairs: the parameters the dataset should carry.
  const auto all_values = pattern_search(ev, usable, fitted, result.start, options.max_evaluations, options.prior_weight, progress);
  ++fits_done;
  ev.set(all_values, fitted);
  const auto in_sample_h = ev.times(usable);
  result.in_sample = figures(pairs, usable, in_sample_h);
  result.fitted = result.start;
  for (std::size_t i = 0; i < fitted.size(); ++i) result.fitted[static_cast<std::size_t>(fitted[i])].value = all_values[i];

  // Predicts each part of a partition of the usable pairs by the fit on the rest.
  auto predict = [&](const std::vector<int>& part_of, int parts, std::vector<double>& out_h) {
    for (int f = 0; f < parts; ++f) {
      std::vector<std::size_t> train, test;
      for (auto i : usable) (part_of[i] == f ? test : train).push_back(i);
      const auto v = pattern_search(ev, train, fitted, result.start, options.max_evaluations, options.prior_weight, progress);
      ++fits_done;
      if (test.empty()) continue;
      ev.set(v, fitted);
      const auto t = ev.times(test);
      for (std::size_t k = 0; k < test.size(); ++k) out_h[test[k]] = t[k];
    }
  };

  // Each fold predicted by the fit on the others.
  std::vector<double> cv_h(pairs.size(), std::nan(""));
  predict(fold_of, folds, cv_h);
  std::vector<double> grouped_h(pairs.size(), std::nan(""));
  if (options.grouped_cv) {
    predict(grouped_of, grouped_folds_n, grouped_h);
    result.grouped_folds = grouped_folds_n;
  }
  // Each batch predicted by the fit on the batches curated before it.
  std::vector<double> batch_h(pairs.size(), std::nan(""));
  for (std::size_t b = 1; b < batch_orders.size(); ++b) {
    std::vector<std::size_t> train, test;
    for (auto i : usable) {
      if (pairs[i].batch_order < batch_orders[b]) train.push_back(i);
      else if (pairs[i].batch_order == batch_orders[b]) test.push_back(i);
    }
    const auto v = pattern_search(ev, train, fitted, result.start, options.max_evaluations, options.prior_weight, progress);
    ++fits_done;
    ev.set(v, fitted);
    const auto t = ev.times(test);
    std::set<std::string> names;
    for (std::size_t k = 0; k < test.size(); ++k) {
      batch_h[test[k]] = t[k];
      names.insert(pairs[test[k]].batch);
    }
    BatchStep step;
    for (const auto& n : names) step.batch += (step.batch.empty() ? "" : "+") + n;
    step.train_pairs = static_cast<int>(train.size());
    step.test = figures(pairs, test, t);
    result.batch_steps.push_back(step);
  }

  for (std::size_t k = 0; k < usable.size(); ++k) {
    const auto i = usable[k];
    FittedPair fp;
    fp.pair = pairs[i];
    fp.in_sample_h = in_sample_h[k];
    fp.cross_validated_h = cv_h[i];
    fp.fold = fold_of[i];
    fp.start_h = start_h[k];
    fp.group = group_of[i];
    fp.grouped_h = grouped_h[i];
    fp.grouped_fold = grouped_of[i];
    fp.batch_h = batch_h[i];
    result.pairs.push_back(fp);
  }
  result.cross_validated = fit_figures(result.pairs, &FittedPair::cross_validated_h);
  result.grouped = fit_figures(result.pairs, &FittedPair::grouped_h);
  result.by_batch = fit_figures(result.pairs, &FittedPair::batch_h);
  result.evaluations = ev.evaluations;
  return result;
}

std::string time_model_csv(const std::string& original_text, const std::vector<TimeParamValue>& values) {
  // Rewrites the value column of each parameter row; comments, order and sources stay.
  std::istringstream in(original_text);
  std::string out, line;
  bool header_seen = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || !header_seen) {
      if (!line.empty() && line[0] != '#') header_seen = true;
      out += line + "\n";
      continue;
    }
    const auto c1 = line.find(',');
    const auto c2 = c1 == std::string::npos ? std::string::npos : line.find(',', c1 + 1);
    const auto param = c1 == std::string::npos ? std::nullopt : enum_parse<TimeParam>(line.substr(0, c1));
    if (!param || c2 == std::string::npos) {
      out += line + "\n";
      continue;
    }
    std::ostringstream v;
    v.precision(4);
    v << values[static_cast<std::size_t>(*param)].value;
    out += line.substr(0, c1 + 1);
    out += v.str();
    out += line.substr(c2);
    out += "\n";
  }
  return out;
}

}  // namespace silkroute
