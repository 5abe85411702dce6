#include "assignment/best_known.hpp"

#include <cmath>

#include "assignment/flow_csv.hpp"

namespace silkroute::assignment {

FlowComparison compare_flows(const AssignmentNetwork& net, const std::vector<double>& total_flow,
                             const std::vector<LinkFlowRow>& rows, const std::string& file,
                             const std::vector<double>& link_cost) {
  std::vector<RowKey> keys;
  for (const auto& r : rows) keys.push_back({r.init_node, r.term_node, r.line});
  const auto link = match_rows_to_links(net, keys, file);
  FlowComparison cmp;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double d = std::abs(total_flow[link[i]] - rows[i].flow);
    cmp.sum_abs_difference += d;
    cmp.sum_best_known += rows[i].flow;
    const auto a = link[i];
    if (net.links.b[a] > 0 && net.links.power[a] > 0) {
      cmp.sum_abs_difference_congestible += d;
      cmp.sum_best_known_congestible += rows[i].flow;
    } else {
      cmp.sum_abs_difference_constant += d;
      if (!link_cost.empty()) cmp.constant_cost_change += link_cost[a] * (rows[i].flow - total_flow[a]);
    }
    if (d > cmp.max_abs_difference) {
      cmp.max_abs_difference = d;
      cmp.worst_link = link[i];
    }
  }
  return cmp;
}

}  // namespace silkroute::assignment
