#include "assignment/convergence.hpp"

namespace silkroute::assignment {

double total_system_travel_time(const AssignmentProblem& problem, const LinkFlows& flows, const std::vector<double>& time) {
  double tstt = 0;
  for (std::size_t c = 0; c < problem.class_count(); ++c) {
    const auto& x = flows.by_class[c];
    const auto& fixed = problem.fixed_cost(c);
    for (std::size_t a = 0; a < x.size(); ++a) tstt += x[a] * (time[a] + fixed[a]);
  }
  return tstt;
}

double beckmann_objective(const AssignmentProblem& problem, const LinkFlows& flows) {
  double z = 0;
  const auto& vdf = problem.vdf();
  for (std::size_t a = 0; a < flows.total.size(); ++a) z += vdf.integral(a, flows.total[a]);
  for (std::size_t c = 0; c < problem.class_count(); ++c) {
    const auto& x = flows.by_class[c];
    const auto& fixed = problem.fixed_cost(c);
    for (std::size_t a = 0; a < x.size(); ++a) z += fixed[a] * x[a];
  }
  return z;
}

double relative_gap(double tstt, double sptt) { return tstt > 0 ? (tstt - sptt) / tstt : 0.0; }

}  // namespace silkroute::assignment
