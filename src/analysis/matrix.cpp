#include "analysis/matrix.hpp"

#include <algorithm>
#include <atomic>
#include <limits>
#include <map>
#include <memory>

#include "cost/pair_rules.hpp"
#include "geo/great_circle.hpp"
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

namespace {

// The matrix of origins x destinations under one scenario: one tree per origin.
std::vector<double> one_rule_matrix(const Network& net, RoutingCache& cache, const Scenario& scenario,
                                    const std::vector<NodeIndex>& origins, const std::vector<NodeIndex>& destinations,
                                    MatrixMetric metric, const PairRoutingOptions& options, const MatrixProgress& progress) {
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

}  // namespace

std::vector<double> route_matrix(const Network& net, RoutingCache& cache, const Scenario& scenario, const std::vector<NodeIndex>& origins,
                                 const std::vector<NodeIndex>& destinations, MatrixMetric metric,
                                 const PairRoutingOptions& options, const MatrixProgress& progress) {
  // A cell is the route the route command gives its pair, under the rules of its ends (rail
  // service, road crew): the cells are grouped by rules, and each group's origins and
  // destinations are routed under its scenario (usually one group: the whole matrix).
  const auto n_dest = destinations.size();
  // The rules by pair of countries, looked up once each.
  std::map<std::string, int> country_index;
  auto index_of = [&](NodeIndex n) { return country_index.emplace(net.nodes[n].country, static_cast<int>(country_index.size())).first->second; };
  std::vector<int> origin_country(origins.size()), destination_country(n_dest);
  for (std::size_t i = 0; i < origins.size(); ++i) origin_country[i] = index_of(origins[i]);
  for (std::size_t j = 0; j < n_dest; ++j) destination_country[j] = index_of(destinations[j]);
  std::vector<std::string> country_of(country_index.size());
  for (const auto& [name, k] : country_index) country_of[static_cast<std::size_t>(k)] = name;
  const auto n_countries = country_of.size();
  std::vector<CountryPairRules> by_countries(n_countries * n_countries);
  for (std::size_t a = 0; a < n_countries; ++a)
    for (std::size_t b = 0; b < n_countries; ++b)
      by_countries[a * n_countries + b] = country_pair_rules(net.time_model, country_of[a], country_of[b]);
  std::vector<PairRules> rules(origins.size() * n_dest);
  std::map<PairRules, std::pair<std::vector<char>, std::vector<char>>> groups;  // rows and columns used
  for (std::size_t i = 0; i < origins.size(); ++i)
    for (std::size_t j = 0; j < n_dest; ++j) {
      const auto& c = by_countries[static_cast<std::size_t>(origin_country[i]) * n_countries +
                                   static_cast<std::size_t>(destination_country[j])];
      // The distance only matters where a rule gives a crew from some distance on.
      const auto r = origins[i] == destinations[j] ? PairRules{}
                     : c.at(c.far_crew == RoadCrew::single
                                ? 0.0
                                : geo::great_circle_km(net.nodes[origins[i]].position, net.nodes[destinations[j]].position));
      rules[i * n_dest + j] = r;
      auto& [rows, columns] = groups[r];
      rows.resize(origins.size());
      columns.resize(n_dest);
      rows[i] = columns[j] = 1;
    }
  if (groups.size() <= 1) {
    const auto r = groups.empty() ? PairRules{} : groups.begin()->first;
    return one_rule_matrix(net, cache, with_pair_rules(scenario, r), origins, destinations, metric, options, progress);
  }
  std::vector<double> out(origins.size() * n_dest, std::numeric_limits<double>::quiet_NaN());
  std::size_t done = 0, total = 0;
  for (const auto& [r, used] : groups) total += static_cast<std::size_t>(std::count(used.first.begin(), used.first.end(), 1));
  for (const auto& [r, used] : groups) {
    std::vector<std::size_t> row_of, column_of;
    std::vector<NodeIndex> sub_origins, sub_destinations;
    for (std::size_t i = 0; i < origins.size(); ++i)
      if (used.first[i]) row_of.push_back(i), sub_origins.push_back(origins[i]);
    for (std::size_t j = 0; j < n_dest; ++j)
      if (used.second[j]) column_of.push_back(j), sub_destinations.push_back(destinations[j]);
    const std::size_t before = done;
    const auto sub = one_rule_matrix(net, cache, with_pair_rules(scenario, r), sub_origins, sub_destinations, metric, options,
                                     progress ? MatrixProgress([&](std::size_t k, std::size_t) { progress(before + k, total); })
                                              : MatrixProgress());
    done += sub_origins.size();
    for (std::size_t a = 0; a < row_of.size(); ++a)
      for (std::size_t b = 0; b < column_of.size(); ++b) {
        const auto cell = row_of[a] * n_dest + column_of[b];
        if (rules[cell] == r) out[cell] = sub[a * column_of.size() + b];
      }
  }
  return out;
}

}  // namespace silkroute
