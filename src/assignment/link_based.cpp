#include "assignment/link_based.hpp"

#include <chrono>

#include "assignment/all_or_nothing.hpp"
#include "assignment/convergence.hpp"
#include "assignment/line_search.hpp"

namespace silkroute::assignment {

double hessian_product(const std::vector<double>& h, const std::vector<double>& u_total, const std::vector<double>& w_total) {
  double s = 0;
  for (std::size_t a = 0; a < h.size(); ++a) s += h[a] * u_total[a] * w_total[a];
  return s;
}

AssignmentResult run_link_based(const AssignmentProblem& problem, const AssignmentOptions& options, DirectionRule* rule) {
  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  const auto& vdf = problem.vdf();
  const std::size_t m = problem.link_count(), classes = problem.class_count();
  AssignmentResult result;
  std::vector<double> time, derivative;
  LinkFlows x;
  double step = 1.0;
  if (options.warm_start) {
    x = *options.warm_start;
    step = 0.0;
  } else {
    vdf.times(std::vector<double>(m, 0.0), time);
    x = all_or_nothing(problem, time, options.threads).flows;
  }
  LinkFlows s(classes, m);
  std::vector<double> direction(m);
  int zero_steps = 0;
  for (int k = 1;; ++k) {
    vdf.times(x.total, time);
    const auto aon = all_or_nothing(problem, time, options.threads);
    const double tstt = total_system_travel_time(problem, x, time);
    IterationReport report{k, relative_gap(tstt, aon.sptt), beckmann_objective(problem, x), step, seconds()};
    result.history.push_back(report);
    if (options.progress) options.progress(report);
    result.iterations = k;
    result.tstt = tstt;
    result.sptt = aon.sptt;
    result.relative_gap = report.relative_gap;
    result.objective = report.objective;
    result.converged = report.relative_gap <= options.target_gap;
    // Two zero steps in a row: the line search finds no descent along fresh directions, so
    // further iterations would repeat themselves (the gap left is rounding).
    result.stalled = !result.converged && zero_steps >= 2;
    if (!rule || result.converged || result.stalled || k >= options.max_iterations) break;

    vdf.derivatives(x.total, derivative);
    rule->target(x, aon.flows, derivative, s);
    double fixed_slope = 0;
    for (std::size_t c = 0; c < classes; ++c) {
      const auto& fixed = problem.fixed_cost(c);
      for (std::size_t a = 0; a < m; ++a) fixed_slope += fixed[a] * (s.by_class[c][a] - x.by_class[c][a]);
    }
    for (std::size_t a = 0; a < m; ++a) direction[a] = s.total[a] - x.total[a];
    step = rule->fixed_step(k);
    if (step < 0) step = line_search_step(vdf, x.total, direction, fixed_slope);
    rule->took_step(step);
    zero_steps = step == 0 ? zero_steps + 1 : 0;
    for (std::size_t c = 0; c < classes; ++c) {
      auto& xc = x.by_class[c];
      const auto& sc = s.by_class[c];
      for (std::size_t a = 0; a < m; ++a) xc[a] += step * (sc[a] - xc[a]);
    }
    x.sum_classes();
  }
  vdf.times(x.total, time);
  result.flows = std::move(x);
  result.time = std::move(time);
  result.elapsed_s = seconds();
  return result;
}

}  // namespace silkroute::assignment
