#pragma once
// Distance of a solution's link flows from a published one (TNTP <NAME>_flow.tntp).

#include <string>
#include <vector>

#include "assignment/tntp_files.hpp"

namespace silkroute::assignment {

struct FlowComparison {
  double sum_abs_difference = 0;  // sum over links of |flow - best known|
  double sum_best_known = 0;      // sum over links of best-known flow
  // The same over links whose time strictly increases with volume (B > 0, power > 0): there
  // equilibrium link flows are unique. On constant-time links ties between equal-cost
  // routes may split either way (Winnipeg's intersection squares), so both are reported.
  double sum_abs_difference_congestible = 0;
  double sum_best_known_congestible = 0;
  // On constant-time links: the difference, and how much moving to the best-known split there
  // would change the total travel cost (sum of cost x (best known - flow); needs link costs).
  // Near zero, the difference is a tie between routes of equal cost, not an error.
  double sum_abs_difference_constant = 0;
  double constant_cost_change = 0;
  double max_abs_difference = 0;
  std::int32_t worst_link = -1;
  double relative() const { return sum_best_known > 0 ? sum_abs_difference / sum_best_known : 0.0; }
  double relative_congestible() const {
    return sum_best_known_congestible > 0 ? sum_abs_difference_congestible / sum_best_known_congestible : 0.0;
  }
};

// rows: the best-known file; matched to the network's links by order or by node pair.
// link_cost: each link's cost at total_flow (for constant_cost_change; empty: left at 0).
FlowComparison compare_flows(const AssignmentNetwork& net, const std::vector<double>& total_flow,
                             const std::vector<LinkFlowRow>& rows, const std::string& file,
                             const std::vector<double>& link_cost = {});

}  // namespace silkroute::assignment
