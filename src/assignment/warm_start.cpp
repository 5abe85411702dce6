#include "assignment/warm_start.hpp"

#include <cmath>
#include <stdexcept>

namespace silkroute::assignment {

void check_flow_conservation(const AssignmentProblem& problem, const LinkFlows& flows, double relative_tolerance) {
  const auto& g = problem.graph();
  for (std::size_t c = 0; c < problem.class_count(); ++c) {
    const auto& od = problem.classes()[c].demand;
    std::vector<double> balance(g.node_count, 0.0);  // inflow - outflow - (arrivals - departures)
    for (std::size_t a = 0; a < problem.link_count(); ++a) {
      balance[g.head[a]] += flows.by_class[c][a];
      balance[g.tail[a]] -= flows.by_class[c][a];
    }
    for (std::size_t k = 0; k < od.origins.size(); ++k)
      for (std::int32_t e = od.first[k]; e < od.first[k + 1]; ++e) {
        balance[od.destination[e]] -= od.demand[e];
        balance[od.origins[k]] += od.demand[e];
      }
    std::int32_t worst = 0;
    for (std::int32_t u = 0; u < g.node_count; ++u)
      if (std::abs(balance[u]) > std::abs(balance[worst])) worst = u;
    const double total = od.total();
    if (std::abs(balance[worst]) > relative_tolerance * total)
      throw std::invalid_argument("warm start: the flows of class '" + problem.classes()[c].name +
                                  "' do not fit this demand: at node " + std::to_string(worst + 1) +
                                  " inflow - outflow differs from arrivals - departures by " + std::to_string(balance[worst]) +
                                  " (the warm start must come from the same network and trips)");
  }
}

}  // namespace silkroute::assignment
