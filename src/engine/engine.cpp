#include "engine/engine.hpp"

#include <cmath>
#include <stdexcept>

#include "cost/access_leg.hpp"
#include "cost/rail_service.hpp"
#include "cost/road_crew.hpp"
#include "geo/great_circle.hpp"
#include "io/dataset_reader.hpp"
#include "io/dataset_snapshot.hpp"
#include "io/od_pairs_reader.hpp"
#include "routing/router.hpp"
#include "routing/routing_snapshot.hpp"
#include "scenario/avoid.hpp"
#include "util/number_text.hpp"

namespace silkroute {

Objective objective_from_text(const std::string& text) {
  auto o = parse_objective(text);
  if (!o) throw std::invalid_argument("objective: expected time, cost, co2 or generalized, got '" + text + "'");
  return *o;
}

MatrixMetric matrix_metric_from_text(const std::string& text) {
  auto m = parse_matrix_metric(text);
  if (!m) throw std::invalid_argument("metric: expected time, cost, co2, distance or generalized, got '" + text + "'");
  return *m;
}

void check_year(int year) {
  if (year < kEarliestYear || year > kLastYear)
    throw std::invalid_argument("year: expected " + std::to_string(kEarliestYear) + " to " + std::to_string(kLastYear) +
                                " (the data holds today's corridors and the projects dated since; earlier networks "
                                "are not modelled), got " + std::to_string(year));
}

void check_carbon_price(double usd_per_t) {
  if (!std::isfinite(usd_per_t) || usd_per_t < 0 || usd_per_t > 1e5)
    throw std::invalid_argument("carbon price: expected 0 to 100000 USD per tonne CO2, got " + util::number_text(usd_per_t));
}

Engine::Engine(std::shared_ptr<const Network> network)
    : net_(std::move(network)),
      finder_(*net_),
      resolver_(*net_, finder_, net_->source_dir.empty() ? std::nullopt : read_access_params(net_->source_dir)) {}

std::shared_ptr<Engine> Engine::open(const std::string& dataset_dir) {
  // From the dataset's binary snapshot when it is current (io/dataset_snapshot.hpp).
  const auto options = io::SnapshotOptions::from_environment();
  io::SnapshotKey key;
  io::SnapshotOutcome outcome = io::SnapshotOutcome::disabled;
  auto engine = std::make_shared<Engine>(std::make_shared<const Network>(io::load_dataset(dataset_dir, options, &outcome, &key)));
  if (outcome == io::SnapshotOutcome::hit || outcome == io::SnapshotOutcome::hit_by_stat ||
      outcome == io::SnapshotOutcome::written) {
    engine->snapshot_key_ = key;
    engine->routing_snapshot_path_ = routing_snapshot_path(dataset_dir, options);
  }
  return engine;
}

void Engine::use_routing_snapshot() {
  if (!snapshot_key_) return;
  routing_snapshot_ = std::make_shared<const RoutingSnapshot>(routing_snapshot_path_, *snapshot_key_);
  cache_.use_snapshot(routing_snapshot_);
}

void Engine::keep_routing_snapshot() const {
  if (!snapshot_key_ || !cache_.built_any()) return;
  const auto topology = cache_.current_topology();
  if (!topology) return;
  RoutingSnapshot::write(routing_snapshot_path_, *snapshot_key_, *topology, cache_.current_metrics(), routing_snapshot_.get());
}

NodeIndex Engine::place(const std::string& text, const std::string& field) const {
  const auto p = resolver_.resolve(text, field, CoordinateOrder::lat_lon);
  if (p.is_node()) return p.node;
  throw PlaceNotFound(field + ": " + p.name + (p.country.empty() ? "" : " (" + p.country + ")") +
                      " is not a network node; a route joins it by road (silkroute route), but " + field +
                      " takes network places only" +
                      (p.terminals.empty() ? "" : "; its nearest terminal is " + finder_.describe(p.terminals.front().node)));
}

Place Engine::resolve_place(const std::string& text, const std::string& field, CoordinateOrder order) const {
  return resolver_.resolve(text, field, order);
}

std::vector<Place> Engine::search_places(const std::string& query, std::size_t limit, CoordinateOrder order) const {
  if (query.find_first_not_of(" \t") == std::string::npos) throw std::invalid_argument("places: give a name to look for");
  return resolver_.search(query, limit, order);
}

Scenario Engine::scenario(const ScenarioSpec& spec) const {
  if (!spec.toml.empty()) return parse_scenario(*net_, spec.toml, spec.source);
  if (spec.name.empty()) return Scenario{};
  const bool bundled_name = spec.name.find('/') == std::string::npos && !spec.name.ends_with(".toml");
  if (!bundled_name) return load_scenario(*net_, spec.name);
  std::lock_guard lock(scenarios_mutex_);
  if (auto it = bundled_.find(spec.name); it != bundled_.end()) return it->second;
  auto s = load_scenario(*net_, spec.name);
  bundled_.emplace(spec.name, s);
  return s;
}

std::vector<BundledScenario> Engine::bundled_scenarios() const { return silkroute::bundled_scenarios(*net_); }

std::vector<OdPair> Engine::pairs(const PairsSpec& spec) const {
  const auto& net = *net_;
  std::vector<OdPair> out;
  const int sources = !spec.pairs_file.empty() + !spec.places.empty() + !spec.all_kind.empty();
  if (sources > 1) throw std::invalid_argument("pairs: give one of a pairs file, places or a kind of place");
  if (!spec.pairs_file.empty()) {
    out = read_od_pairs(net, spec.pairs_file);
  } else if (!spec.places.empty()) {
    std::vector<NodeIndex> nodes;
    for (const auto& p : spec.places) nodes.push_back(place(p, "places"));
    if (nodes.size() < 2) throw std::invalid_argument("places: give at least two places");
    out = all_pairs(nodes);
  } else if (!spec.all_kind.empty()) {
    out = all_pairs(nodes_of_kind(net, spec.all_kind));
    if (out.empty()) throw std::invalid_argument("all " + spec.all_kind + ": fewer than two such places in the network");
  }
  for (const auto& [a, b, w] : spec.pairs) {
    if (!std::isfinite(w) || w < 0) throw std::invalid_argument("pairs: weight must be a number of 0 or more, got " + util::number_text(w));
    out.push_back(OdPair{place(a, "pairs"), place(b, "pairs"), w, "", {}});
  }
  if (out.empty() && spec.pairs_file.empty()) {
    out = bundled_demand(net);
    if (out.empty()) throw std::invalid_argument("no pairs: the network has no demand.csv; give pairs, places or a kind");
  }
  if (!spec.weights_file.empty()) apply_country_weights(net, spec.weights_file, out);
  if (!spec.modes.empty()) {
    std::set<Mode> only;
    for (const auto& m : spec.modes) {
      auto mode = parse_mode(m);
      if (!mode) throw std::invalid_argument("modes: unknown mode '" + m + "'; modes are " + mode_names());
      only.insert(*mode);
    }
    for (auto& p : out) p.modes = only;
  }
  if (out.empty()) throw std::invalid_argument("no pairs in " + spec.pairs_file);
  return out;
}

PairRoutingOptions Engine::routing_options(const std::string& cargo, const std::string& objective,
                                           unsigned threads) const {
  cargo_for(*net_, cargo);  // an unknown cargo class: a clear error before any work
  return {cargo, objective_from_text(objective), threads};
}

RouteResult Engine::route(const RouteRequest& r) const {
  const auto& net = *net_;
  RouteResult out;
  out.network = net_;
  out.from_place = resolve_place(r.from, "from", r.coordinate_order);
  out.to_place = resolve_place(r.to, "to", r.coordinate_order);
  for (const auto* p : {&out.from_place, &out.to_place})
    if (!p->is_node() && p->terminals.empty())
      throw std::invalid_argument(std::string(p == &out.from_place ? "from" : "to") + ": " + p->name +
                                  (p->country.empty() ? "" : " (" + p->country + ")") + " cannot join the network: " +
                                  p->no_join_reason);
  out.from = out.from_place.node;
  out.to = out.to_place.node;
  const bool same = out.from_place.kind == out.to_place.kind &&
                    (out.from_place.is_node() ? out.from == out.to
                     : out.from_place.kind == PlaceKind::gazetteer ? out.from_place.id == out.to_place.id
                     : geo::great_circle_km(out.from_place.position, out.to_place.position) < 0.01);
  if (same) throw std::invalid_argument("from and to are the same place: " + out.from_place.name);
  out.objective = objective_from_text(r.objective);
  if (r.alternatives < 0 || r.alternatives > kMaxAlternatives)
    throw std::invalid_argument("alternatives: expected 0 to " + std::to_string(kMaxAlternatives) + ", got " +
                                std::to_string(r.alternatives));
  if (!std::isfinite(r.max_detour) || r.max_detour < 1.0 || r.max_detour > kMaxMaxDetour)
    throw std::invalid_argument("max detour: expected a ratio of 1 to " + std::to_string(static_cast<int>(kMaxMaxDetour)) +
                                " (an alternative's objective over the best route's), got " + util::number_text(r.max_detour));
  out.cargo = cargo_for(net, r.cargo);
  out.scenario = scenario(r.scenario);
  if (r.year) {
    check_year(*r.year);
    out.scenario.year = *r.year;
    out.scenario.name = (r.scenario.empty() ? "" : out.scenario.name + " ") + "as of " + std::to_string(*r.year);
  }
  if (r.month) {
    if (*r.month < 1 || *r.month > 12)
      throw std::invalid_argument("month: expected 1 to 12 (its seasonal closures apply), got " + std::to_string(*r.month));
    out.scenario.month = *r.month;
  }
  if (r.carbon_price_usd_per_t) {
    check_carbon_price(*r.carbon_price_usd_per_t);
    out.scenario.carbon_price_usd_per_t = *r.carbon_price_usd_per_t;
  }
  // The rail service: as requested, else as rail_services.csv gives it for the trip's ends.
  if (!r.rail_service.empty()) {
    const auto service = parse_rail_service(r.rail_service);
    if (!service)
      throw std::invalid_argument("rail service: expected " + enum_list<RailService>(" or ") + ", got '" + r.rail_service + "'");
    out.rail_service = *service;
    out.rail_service_reason = "requested";
  } else {
    out.rail_service = rail_service_for(net.time_model, out.from_place.country, out.to_place.country);
    out.rail_service_reason = rail_service_reason(net.time_model, out.from_place.country, out.to_place.country);
  }
  // Express is the unset default, so its metrics (and scenario hashes) stay shared.
  if (out.rail_service != RailService::express) out.scenario.rail_service = out.rail_service;
  // Who drives the trucks: as requested, else as road_crews.csv gives it for the trip's ends.
  if (!r.road_crew.empty()) {
    const auto crew = parse_road_crew(r.road_crew);
    if (!crew) throw std::invalid_argument("road crew: expected " + enum_list<RoadCrew>(" or ") + ", got '" + r.road_crew + "'");
    out.road_crew = *crew;
    out.road_crew_reason = "requested";
  } else {
    const double km = geo::great_circle_km(out.from_place.position, out.to_place.position);
    out.road_crew = road_crew_for(net.time_model, out.from_place.country, out.to_place.country, km);
    out.road_crew_reason = road_crew_reason(net.time_model, out.from_place.country, out.to_place.country, km);
  }
  // One driver is the unset default, so its metrics (and scenario hashes) stay shared.
  if (out.road_crew != RoadCrew::single) out.scenario.road_crew = out.road_crew;
  for (const auto& item : r.avoid) add_avoid_item(net, finder_, item, out.scenario.closed);
  out.avoid = r.avoid;
  RouteQuery q;
  q.from = out.from;
  q.to = out.to;
  q.cargo = out.cargo.id;
  q.objective = out.objective;
  q.alternatives = r.alternatives;
  q.from_terminals = out.from_place.terminals;
  q.to_terminals = out.to_place.terminals;
  if (resolver_.access()) q.access = &*resolver_.access();
  q.max_detour = r.max_detour;
  out.answer = find_routes(net, cache_, out.scenario, q);
  return out;
}

MatrixResult Engine::matrix(const MatrixRequest& r, const MatrixProgress& progress) const {
  MatrixResult out;
  out.metric = matrix_metric_from_text(r.metric);
  const std::string objective =
      !r.objective.empty() ? r.objective : (out.metric == MatrixMetric::distance_km ? "time" : r.metric);
  const auto options = routing_options(r.cargo, objective, r.threads);
  if (r.origins.empty() || r.destinations.empty()) throw std::invalid_argument("origins and destinations must not be empty");
  for (const auto& p : r.origins) out.origins.push_back(place(p, "origins"));
  for (const auto& p : r.destinations) out.destinations.push_back(place(p, "destinations"));
  const auto s = scenario(r.scenario);
  out.values = route_matrix(*net_, cache_, s, out.origins, out.destinations, out.metric, options, progress);
  return out;
}

Comparison Engine::compare(const CompareRequest& r) const {
  const auto options = routing_options(r.cargo, r.objective, r.threads);
  const auto a = scenario(r.a);
  const auto b = scenario(r.b);
  return compare_scenarios(*net_, cache_, a, b, pairs(r.pairs), options);
}

TradeImpact Engine::impact(const ImpactRequest& r) const {
  if (!std::isfinite(r.elasticity) || r.elasticity < 0.1 || r.elasticity > 30)
    throw std::invalid_argument("elasticity: expected 0.1 to 30 (World Bank BRI studies use about 5), got " +
                                util::number_text(r.elasticity));
  return trade_impact(*net_, compare(r.compare), r.elasticity);
}

CriticalityResult Engine::criticality(const CriticalityRequest& r) const {
  const auto options = routing_options(r.cargo, r.objective, r.threads);
  return silkroute::criticality(*net_, cache_, scenario(r.scenario), pairs(r.pairs), options);
}

}  // namespace silkroute
