#include "analysis/matrix_comparison.hpp"

#include <cmath>

namespace silkroute {

MatrixComparison compare_matrices(const Network& net, RoutingCache& cache, const Scenario& a, const Scenario& b,
                                  const std::vector<NodeIndex>& origins, const std::vector<NodeIndex>& destinations,
                                  MatrixMetric metric, const PairRoutingOptions& options) {
  MatrixComparison out;
  out.a = route_matrix(net, cache, a, origins, destinations, metric, options);
  out.b = route_matrix(net, cache, b, origins, destinations, metric, options);
  out.change.resize(out.a.size());
  for (std::size_t k = 0; k < out.a.size(); ++k) {
    out.change[k] = out.b[k] - out.a[k];  // NaN when either is
    out.cut_off += !std::isnan(out.a[k]) && std::isnan(out.b[k]);
    out.newly_connected += std::isnan(out.a[k]) && !std::isnan(out.b[k]);
  }
  return out;
}

}  // namespace silkroute
