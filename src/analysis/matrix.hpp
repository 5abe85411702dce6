#pragma once
// Origin-destination matrices of time, cost, CO2 or distance: one shortest-path tree per
// origin, origins in parallel. Each cell is a metric of the route the objective picks.

#include <functional>
#include <string>
#include <vector>

#include "analysis/pair_routing.hpp"

namespace silkroute {

enum class MatrixMetric { time_h, cost_usd, co2_kg, distance_km, generalized_cost_usd };
std::optional<MatrixMetric> parse_matrix_metric(std::string_view text);
std::string_view matrix_metric_name(MatrixMetric metric);  // "time_h", ...

// Called after each origin with (origins done, origins in all); from worker threads.
using MatrixProgress = std::function<void(std::size_t, std::size_t)>;

// Row-major origins x destinations; NaN where there is no route (and 0 on the diagonal).
std::vector<double> route_matrix(const Network& net, RoutingCache& cache, const Scenario& scenario, const std::vector<NodeIndex>& origins,
                                 const std::vector<NodeIndex>& destinations, MatrixMetric metric,
                                 const PairRoutingOptions& options, const MatrixProgress& progress = {});

}  // namespace silkroute
