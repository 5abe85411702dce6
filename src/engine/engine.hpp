#pragma once
// The one path from every front end to the model: the command line, the HTTP API and
// Python each fill a typed request (engine/requests.hpp) and call the Engine, which checks
// it, resolves places exactly, builds the scenario and runs the search. It owns what
// queries share: the network, the place finder, the bundled scenarios and the routing
// cache (topology and metrics).

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "analysis/compare.hpp"
#include "analysis/criticality.hpp"
#include "analysis/matrix.hpp"
#include "analysis/trade_impact.hpp"
#include "engine/requests.hpp"
#include "io/dataset_snapshot.hpp"
#include "network/place_finder.hpp"
#include "places/place_resolver.hpp"
#include "routing/route_result.hpp"
#include "routing/routing_cache.hpp"
#include "scenario/scenario_file.hpp"

namespace silkroute {

struct MatrixResult {
  std::vector<NodeIndex> origins;
  std::vector<NodeIndex> destinations;
  MatrixMetric metric = MatrixMetric::time_h;
  std::vector<double> values;  // row-major; NaN where no route
};

// Years a request may ask for: the data describes today's corridors and the projects dated
// since; networks before kEarliestYear are not in it.
inline constexpr int kEarliestYear = 2000;
inline constexpr int kLastYear = 2100;

class Engine {
 public:
  explicit Engine(std::shared_ptr<const Network> network);
  // Reads a dataset folder (io::DatasetError on a bad one), from its binary snapshot in
  // SILKROUTE_CACHE_DIR or ~/.cache/silkroute when that is current (io/dataset_snapshot.hpp).
  static std::shared_ptr<Engine> open(const std::string& dataset_dir);

  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const Network& network() const { return *net_; }
  const std::shared_ptr<const Network>& network_ptr() const { return net_; }
  const PlaceFinder& places() const { return finder_; }
  RoutingCache& cache() const { return cache_; }

  // An exact match on id, UN/LOCODE, name or alternative name (case and accents ignored);
  // anything else throws PlaceNotFound "field: unknown place 'x'; did you mean ...".
  // A gazetteer place that is not a node is refused here too, saying so: matrices and
  // analyses run between network places.
  NodeIndex place(const std::string& text, const std::string& field) const;
  // Any place: a node, a gazetteer place or coordinates (in the given order), with the
  // terminals where it joins when it is not a node. Same refusals as place().
  Place resolve_place(const std::string& text, const std::string& field,
                      CoordinateOrder order = CoordinateOrder::lat_lon) const;
  // Places matching a query (silkroute places, /places): nodes and gazetteer places.
  std::vector<Place> search_places(const std::string& query, std::size_t limit,
                                   CoordinateOrder order = CoordinateOrder::lat_lon) const;
  const PlaceResolver& resolver() const { return resolver_; }
  Scenario scenario(const ScenarioSpec& spec) const;
  std::vector<BundledScenario> bundled_scenarios() const;
  std::vector<OdPair> pairs(const PairsSpec& spec) const;

  // The route command's routing snapshot (routing/routing_snapshot.hpp): the topology and
  // metrics the last run kept beside the dataset's snapshot are read instead of built, and
  // keep_routing_snapshot() writes what this run built for the next. Nothing without a
  // dataset snapshot (SILKROUTE_CACHE_DIR=off, an unreadable folder).
  void use_routing_snapshot();
  void keep_routing_snapshot() const;

  RouteResult route(const RouteRequest& request) const;
  MatrixResult matrix(const MatrixRequest& request, const MatrixProgress& progress = {}) const;
  Comparison compare(const CompareRequest& request) const;
  TradeImpact impact(const ImpactRequest& request) const;
  CriticalityResult criticality(const CriticalityRequest& request) const;

 private:
  PairRoutingOptions routing_options(const std::string& cargo, const std::string& objective, unsigned threads) const;

  std::shared_ptr<const Network> net_;
  std::optional<io::SnapshotKey> snapshot_key_;  // of the dataset snapshot the network came from
  std::string routing_snapshot_path_;
  std::shared_ptr<const RoutingSnapshot> routing_snapshot_;
  PlaceFinder finder_;
  PlaceResolver resolver_;
  mutable RoutingCache cache_;
  mutable std::mutex scenarios_mutex_;
  mutable std::map<std::string, Scenario> bundled_;  // parsed on first use
};

// Parsers shared by every front end, with one message each.
Objective objective_from_text(const std::string& text);
MatrixMetric matrix_metric_from_text(const std::string& text);
void check_year(int year);
void check_carbon_price(double usd_per_t);

}  // namespace silkroute
