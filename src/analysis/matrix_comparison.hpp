#pragma once
// Two scenarios' origin-destination matrices side by side, cell by cell: what a scenario
// changes for every pair at once (the matrix form of compare_scenarios, which builds whole
// routes for fewer pairs). Each matrix is route_matrix's, so its cells are those routes'.

#include <vector>

#include "analysis/matrix.hpp"

namespace silkroute {

struct MatrixComparison {
  std::vector<double> a;       // row-major origins x destinations under scenario A (NaN: no route)
  std::vector<double> b;       // the same under scenario B
  std::vector<double> change;  // b - a; NaN where either has no route
  std::size_t cut_off = 0;          // cells with a route in A and none in B
  std::size_t newly_connected = 0;  // none in A, a route in B
};

MatrixComparison compare_matrices(const Network& net, RoutingCache& cache, const Scenario& a, const Scenario& b,
                                  const std::vector<NodeIndex>& origins, const std::vector<NodeIndex>& destinations,
                                  MatrixMetric metric, const PairRoutingOptions& options);

}  // namespace silkroute
