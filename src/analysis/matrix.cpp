#include "analysis/matrix.hpp"

#include <atomic>
#include <limits>
#include <memory>

#include "routing/route_builder.hpp"
#include "routing/router.hpp"
#include "routing/tree_search.hpp"
#include "util/parallel.hpp"

namespace silkroute {

std::optional<MatrixMetric> parse_matrix_metric(std::string_view text) {
  if (auto m = enum_parse<MatrixMetric>(text)) return m;
  if (text == "generalized") return MatrixMetric::generalized_cost_usd;
  for (auto m : enum_values<MatrixMetric>()) {
    const auto name = enum_name(m);
    if (name.substr(0, name.rfind('_')) == text) return m;
  }
  return std::nullopt;
}

std::vector<double> route_matrix(const Network& net, RoutingCache& cache, const Scenario& scenario, const std::vector<NodeIndex>& origins,
                                 const std::vector<NodeIndex>& destinations, MatrixMetric metric,
                                 const PairRoutingOptions& options, const MatrixProgress& progress) {
  const auto& cargo = cargo_for(net, options.cargo);
  const CostModel cost(net, cargo, options.objective, scenario);
  const auto topology = cache.topology(net);
  const auto edge_metric = cache.metric(net, cost);
  const auto n_dest = destinations.size();
  std::vector<double> out(origins.size() * n_dest, std::numeric_limits<double>::quiet_NaN());
  std::atomic<std::size_t> done{0};
  // The metric's open edges as flat arrays once; a search (buffers) per thread, reused.
  const TreeGraph graph(topology, edge_metric);
  std::vector<std::unique_ptr<TreeSearch>> searches(static_cast<std::size_t>(thread_count(static_cast<int>(options.threads))));
  parallel_for_workers(origins.size(), static_cast<int>(options.threads), [&](std::size_t i, int worker) {
    auto& search = searches[static_cast<std::size_t>(worker)];
    if (!search) search = std::make_unique<TreeSearch>(graph);
    // Figures carried along the tree: a cell reads its destination's, no path is traced.
    search->grow(origins[i]);
    for (std::size_t j = 0; j < n_dest; ++j) {
      if (destinations[j] == origins[i]) {
        out[i * n_dest + j] = 0;
        continue;
      }
      const auto figures = search->figures_to(destinations[j]);
      if (!figures) continue;
      const auto& total = *figures;
      double v = 0;
      switch (metric) {
        case MatrixMetric::time_h: v = total.time_h; break;
        case MatrixMetric::cost_usd: v = total.cost_usd; break;
        case MatrixMetric::co2_kg: v = total.co2_kg; break;
        case MatrixMetric::distance_km: v = total.distance_km; break;
        case MatrixMetric::generalized_cost_usd: v = edge_metric->weighting.generalized_cost_usd(total); break;
      }
      out[i * n_dest + j] = v;
    }
    const auto finished = ++done;
    if (progress) progress(finished, origins.size());
  });
  return out;
}

}  // namespace silkroute
