#include "analysis/time_model_fit.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>

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

FitFigures figures(const std::vector<PublishedPair>& pairs, const std::vector<std::size_t>& subset,
                   const std::vector<double>& model_h) {
  FitFigures f;
  std::vector<double> errors;
  int inside = 0;
  double log_sum = 0;
  for (std::size_t k = 0; k < subset.size(); ++k) {
    const auto& p = pairs[subset[k]];
    const double m = model_h[k];
    errors.push_back(range_error(m, *p.time_low_h, *p.time_high_h));
    inside += inside_widened(m, *p.time_low_h, *p.time_high_h);
    log_sum += log_error(m, *p.time_low_h, *p.time_high_h);
  }
  f.pairs = static_cast<int>(subset.size());
  if (f.pairs) {
    f.share_inside = static_cast<double>(inside) / f.pairs;
    f.median_error = median(errors);
    f.mean_abs_log_error = log_sum / f.pairs;
  }
  return f;
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
  {
    ev.set(start_values, fitted);
    result.start_figures = figures(pairs, usable, ev.times(usable));
  }

  // Folds: a seeded shuffle (our own Fisher-Yates, so every platform draws the same folds).
  const int folds = std::max(2, std::min(options.folds, static_cast<int>(usable.size())));
  std::vector<std::size_t> order = usable;
  std::mt19937_64 rng(options.seed);
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
  std::vector<int> fold_of(pairs.size(), -1);
  for (std::size_t k = 0; k < order.size(); ++k) fold_of[order[k]] = static_cast<int>(k % static_cast<std::size_t>(folds));

  const int fits = folds + 1;
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

  // Each fold predicted by the fit on the others.
  std::vector<double> cv_h(pairs.size(), std::nan(""));
  for (int f = 0; f < folds; ++f) {
    std::vector<std::size_t> train, test;
    for (auto i : usable) (fold_of[i] == f ? test : train).push_back(i);
    const auto v = pattern_search(ev, train, fitted, result.start, options.max_evaluations, options.prior_weight, progress);
    ++fits_done;
    ev.set(v, fitted);
    const auto t = ev.times(test);
    for (std::size_t k = 0; k < test.size(); ++k) cv_h[test[k]] = t[k];
  }
  std::vector<double> cv_usable;
  for (std::size_t k = 0; k < usable.size(); ++k) {
    const auto i = usable[k];
    cv_usable.push_back(cv_h[i]);
    result.pairs.push_back({pairs[i], in_sample_h[k], cv_h[i], fold_of[i]});
  }
  result.cross_validated = figures(pairs, usable, cv_usable);
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
