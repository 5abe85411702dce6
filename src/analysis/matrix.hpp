#pragma once
// Origin-destination matrices of time, cost, CO2 or distance: one shortest-path tree per
// origin, origins in parallel. Each cell is a metric of the route the objective picks.

#include <functional>
#include <string>
#include <vector>

#include "analysis/pair_routing.hpp"
#include "util/enum_names.hpp"

namespace silkroute {

#define SILKROUTE_MATRIX_METRICS(X)                                                                  \
  X(time_h, "time_h") X(cost_usd, "cost_usd") X(co2_kg, "co2_kg") X(distance_km, "distance_km")    \
  X(generalized_cost_usd, "generalized_cost_usd")
SILKROUTE_ENUM(MatrixMetric, unsigned char, SILKROUTE_MATRIX_METRICS)
// "time" or "time_h", "cost" or "cost_usd", ...: the short names are the unit-less prefixes.
std::optional<MatrixMetric> parse_matrix_metric(std::string_view text);
inline std::string_view matrix_metric_name(MatrixMetric metric) { return enum_name(metric); }

// Called after each origin with (origins done, origins in all); from worker threads.
using MatrixProgress = std::function<void(std::size_t, std::size_t)>;

// Row-major origins x destinations; NaN where there is no route (and 0 on the diagonal).
std::vector<double> route_matrix(const Network& net, RoutingCache& cache, const Scenario& scenario, const std::vector<NodeIndex>& origins,
                                 const std::vector<NodeIndex>& destinations, MatrixMetric metric,
                                 const PairRoutingOptions& options, const MatrixProgress& progress = {});

}  // namespace silkroute
