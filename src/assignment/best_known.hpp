#pragma once
// Distance of a solution's link flows from a published one (TNTP <NAME>_flow.tntp).

#include <string>
#include <vector>

#include "assignment/tntp_files.hpp"

namespace silkroute::assignment {

struct FlowComparison {
  double sum_abs_difference = 0;  // sum over links of |flow - best known|
  double sum_best_known = 0;      // sum over links of best-known flow
  double max_abs_difference = 0;
  std::int32_t worst_link = -1;
  double relative() const { return sum_best_known > 0 ? sum_abs_difference / sum_best_known : 0.0; }
};

// rows: the best-known file; matched to the network's links by order or by node pair.
FlowComparison compare_flows(const AssignmentNetwork& net, const std::vector<double>& total_flow,
                             const std::vector<LinkFlowRow>& rows, const std::string& file);

}  // namespace silkroute::assignment
