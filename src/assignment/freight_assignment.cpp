#include "assignment/freight_assignment.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

#include "assignment/freight_delay.hpp"
#include "assignment/freight_logit.hpp"
#include "assignment/freight_path_size.hpp"
#include "assignment/freight_step.hpp"
#include "routing/shortest_path.hpp"

namespace silkroute::assignment {

namespace {

// The searches that propose routes each iteration: the best route under all modes, and the
// best one within each main mode's means, so every mode a pair could use gets a route.
enum Generator { all_modes, land, rail_only, road_only, sea_only, air_only, generator_count };

MainMode family(Mode m) {
  switch (m) {
    case Mode::sea:
    case Mode::iww: return MainMode::sea;
    case Mode::rail:
    case Mode::ferry: return MainMode::rail;
    case Mode::road: return MainMode::road;
    case Mode::air: return MainMode::air;
  }
  return MainMode::rail;
}

MainMode main_mode(const Network& net, const std::vector<LinkIndex>& links) {
  std::array<double, kMainModeCount> km{};
  for (auto l : links) km[static_cast<int>(family(net.links[l].mode))] += net.links[l].length_km;
  return static_cast<MainMode>(std::max_element(km.begin(), km.end()) - km.begin());
}

// A land link that crosses a border outside a customs union: a sea route uses none (its land
// legs are the hinterland haul at either end), an air route neither.
bool crosses_border(const Network& net, const Link& link, int year) {
  const auto& a = net.nodes[link.from].country;
  const auto& b = net.nodes[link.to].country;
  if (a.empty() || b.empty() || a == b) return false;
  const auto* ca = net.country(a);
  const auto* cb = net.country(b);
  return !(ca && cb && !ca->customs_union.empty() && ca->customs_union == cb->customs_union &&
           std::max(ca->union_since_year, cb->union_since_year) <= year);
}

// Per generator, the link edges it closes (1) on top of the metric's own closures.
std::vector<std::vector<char>> generator_masks(const Network& net, const Topology& t, int year) {
  std::vector<std::vector<char>> masks(generator_count, std::vector<char>(t.edge_count(), 0));
  for (EdgeIndex e = 0; e < static_cast<EdgeIndex>(t.edge_count()); ++e) {
    if (!is_link_edge(t.edges[e].kind)) continue;
    const auto& link = net.links[t.edges[e].ref];
    const auto f = family(link.mode);
    const bool land_mode = link.mode == Mode::rail || link.mode == Mode::road || link.mode == Mode::ferry;
    const bool crossing = land_mode && crosses_border(net, link, year);
    masks[land][e] = f == MainMode::sea || f == MainMode::air;
    masks[rail_only][e] = f != MainMode::rail;
    masks[road_only][e] = f != MainMode::road;
    masks[sea_only][e] = f == MainMode::air || crossing;
    masks[air_only][e] = !(f == MainMode::air || (link.mode == Mode::road && !crossing));
  }
  return masks;
}

std::vector<LinkIndex> path_links(const Topology& t, const StatePath& path) {
  std::vector<LinkIndex> links;
  for (auto e : path.edges)
    if (is_link_edge(t.edges[e].kind)) links.push_back(t.edges[e].ref);
  return links;
}

// Closes the rail, road and ferry links with neither end in country a or b.
void close_foreign_land(const Network& net, const Topology& t, const std::string& a, const std::string& b,
                        std::vector<double>& weights) {
  auto home = [&](NodeIndex n) { return net.nodes[n].country == a || net.nodes[n].country == b; };
  for (EdgeIndex e = 0; e < static_cast<EdgeIndex>(t.edge_count()); ++e) {
    if (!is_link_edge(t.edges[e].kind)) continue;
    const auto& link = net.links[t.edges[e].ref];
    const auto f = family(link.mode);
    if ((f == MainMode::rail || f == MainMode::road) && !home(link.from) && !home(link.to)) weights[e] = kClosed;
  }
}

struct ClassState {
  std::unique_ptr<CostModel> cost;
  std::shared_ptr<const Metric> base;
  std::shared_ptr<const Metric> congested;
  std::vector<std::vector<double>> generator_weights;
};

// Where each element sits, for a route to collect the elements it passes.
struct ElementIndex {
  std::vector<std::vector<int>> by_edge;
  std::map<NodeIndex, std::vector<int>> by_node;

  ElementIndex(const Topology& t, const std::vector<FreightElement>& elements) : by_edge(t.edge_count()) {
    for (int i = 0; i < static_cast<int>(elements.size()); ++i) {
      for (auto e : elements[i].edges) by_edge[e].push_back(i);
      if (elements[i].node != kNoNode) by_node[elements[i].node].push_back(i);
    }
  }
};

bool serves(const FreightElement& el, Mode m) {
  return std::find(el.node_modes.begin(), el.node_modes.end(), m) != el.node_modes.end();
}

FreightRoute make_route(const Network& net, const Topology& t, const Metric& base, const StatePath& path,
                        const std::vector<FreightElement>& elements, const ElementIndex& index) {
  FreightRoute r;
  r.first_state = path.first_state;
  r.edges = path.edges;
  std::set<int> passed;
  auto visit_state = [&](StateIndex s) {
    auto it = index.by_node.find(t.state_node[s]);
    if (it == index.by_node.end()) return;
    for (int el : it->second)
      if (serves(elements[el], t.state_carrier[s].mode)) passed.insert(el);
  };
  visit_state(path.first_state);
  r.base_cost_usd = base.state_handling_weight[path.first_state];
  r.base_time_h = base.state_handling[path.first_state].time_h;
  for (auto e : path.edges) {
    r.base_cost_usd += base.edge_weight[e];
    r.base_time_h += base.edge_metrics[e].time_h;
    if (is_link_edge(t.edges[e].kind)) r.links.push_back(t.edges[e].ref);
    for (int el : index.by_edge[e]) passed.insert(el);
    visit_state(t.edges[e].to);
  }
  const auto last = t.edges[path.edges.back()].to;
  const auto origin = t.state_node[path.first_state];
  r.base_cost_usd += base.end_weight(t, last, origin);
  r.base_time_h += base.state_handling[last].time_h + base.clearance(t, last, origin).time_h +
                   (base.transshipped(last, origin) ? base.state_transship[last].time_h : 0.0);
  // Leaving a feeder port by sea: transshipped at its hub unless the hub is the destination.
  if (base.transshipped(path.first_state, t.state_node[last])) {
    r.base_cost_usd += base.state_transship_weight[path.first_state];
    r.base_time_h += base.state_transship[path.first_state].time_h;
  }
  r.elements.assign(passed.begin(), passed.end());
  r.mode = main_mode(net, r.links);
  return r;
}

double element_delay_h(const FreightElement& el, double flow, const FreightParameters& p) {
  const double hours = p.operating_days_per_year * 24;
  if (el.delay == DelayKind::line)
    return line_delay_h(flow, el.capacity_teu_per_year, el.free_time_h, p.line_bpr_alpha, p.line_bpr_beta) +
           line_overflow_h(flow, el.capacity_teu_per_year, el.batch_teu, p.directions, p.delay_period_h, hours);
  return queue_wait_h(flow, el.capacity_teu_per_year, el.batch_teu, p.directions, p.delay_period_h, hours);
}

// The base metric plus each element's wait, priced at the class's value of time. A node's
// wait is split in halves over the link edges into and out of it and its loading step, so a
// route through it, from it or to it pays it once (where it arrives and leaves on a mode the
// element serves).
std::shared_ptr<const Metric> congested_metric(const Topology& t, const Metric& base, const CostModel& cost,
                                               const std::vector<FreightElement>& elements,
                                               const std::vector<double>& delay_h) {
  auto m = std::make_shared<Metric>(base);
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (delay_h[i] <= 0) continue;
    Metrics wait;
    wait.time_h = delay_h[i];
    const double w = cost.generalized_cost_usd(wait);
    const auto& el = elements[i];
    for (auto e : el.edges)
      if (m->edge_weight[e] != kClosed) m->edge_weight[e] += w;
    if (el.node == kNoNode) continue;
    for (StateIndex s : t.states_of(el.node)) {
      if (!serves(el, t.state_carrier[s].mode)) continue;
      if (m->state_handling_weight[s] != kClosed) m->state_handling_weight[s] += w / 2;
      // (A route by air starts in the departure twin: Metric::origin_state.)
      if (const auto o = base.origin_state(t, s); o != s) m->state_handling_weight[o] += w / 2;
      for (auto e = t.first_edge[s]; e < t.first_edge[s + 1]; ++e) {
        if (!is_link_edge(t.edges[e].kind)) continue;
        for (auto le : t.edges_of_link(t.edges[e].ref))
          if (le >= 0 && m->edge_weight[le] != kClosed) m->edge_weight[le] += w / 2;
      }
    }
  }
  return m;
}

bool same_route(const FreightRoute& a, const StatePath& b) { return a.first_state == b.first_state && a.edges == b.edges; }

// Where a warm-started pair that lost no route resumes the averaging: step 1/(k + 10). Chosen
// by `--criticality 8` on today and avoid-russia (docs/assignment.md): 0 (every pair restarts
// at a whole step) leaves noise of the base run's own convergence on elements as steep as the
// Caspian ferries; the base run's whole count makes the pairs a failure pushes off a full
// yard crawl.
constexpr int kWarmResume = 10;

// A warm start: each pair's routes of `start` that this run's metric leaves open, rebuilt
// under it (their costs and elements may differ), with their flows; a closed route's flow
// goes to the pair's other routes in proportion to theirs, so each pair's flows still sum to
// its demand (or to nothing, where every route closed: the first step then loads it whole).
void start_from(const Network& net, const Topology& t, const FreightResult& start, const std::vector<FreightDemand>& demand,
                const std::vector<ClassState*>& class_of, FreightResult& result, const ElementIndex& index,
                std::vector<std::vector<double>>& flow, std::vector<int>& resumed) {
  if (start.demand.size() != demand.size())
    throw std::invalid_argument("warm start: it has " + std::to_string(start.demand.size()) + " pairs of demand, this run " +
                                std::to_string(demand.size()));
  for (std::size_t d = 0; d < demand.size(); ++d) {
    const auto& a = start.demand[d];
    const auto& b = demand[d];
    if (a.from != b.from || a.to != b.to || a.cargo != b.cargo)
      throw std::invalid_argument("warm start: pair " + std::to_string(d + 1) + " is " + net.nodes[a.from].id + "-" +
                                  net.nodes[a.to].id + " (" + a.cargo + ") there, " + net.nodes[b.from].id + "-" +
                                  net.nodes[b.to].id + " (" + b.cargo + ") here");
    double kept = 0, closed = 0;
    for (const auto& old : start.pairs[d].routes) {
      StatePath path;
      path.first_state = old.first_state;
      path.edges = old.edges;
      auto route = make_route(net, t, *class_of[d]->base, path, result.elements, index);
      if (!(route.base_cost_usd < kMissingTransferWeight)) {  // through a closure (infinite) or a missing transfer
        closed += old.teu_per_year;
        continue;
      }
      result.pairs[d].routes.push_back(std::move(route));
      flow[d].push_back(old.teu_per_year);
      kept += old.teu_per_year;
    }
    if (kept > 0)
      for (auto& f : flow[d]) f *= (kept + closed) / kept;
    // A pair the change leaves its routes resumes the averaging as if kWarmResume iterations
    // were done (its first step a small one), so a start at equilibrium is not thrown off by a
    // whole step; a pair that lost a route restarts it at step 1.
    if (closed == 0) resumed[d] = std::min(start.iterations, kWarmResume);
  }
}

}  // namespace

std::vector<CargoShare> parse_cargo_shares(const Network& net, const std::string& text) {
  std::vector<CargoShare> out;
  std::string known;
  for (const auto& c : net.cargo_classes) known += (known.empty() ? "" : ", ") + c.id;
  std::size_t start = 0;
  double total = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find(',', start), text.size());
    const auto part = text.substr(start, end - start);
    const auto colon = part.find(':');
    CargoShare cs{part.substr(0, colon), 1.0};
    if (!net.cargo(cs.cargo))
      throw std::invalid_argument("--cargo: unknown cargo class '" + cs.cargo + "'; classes are " + known);
    if (colon != std::string::npos) {
      const auto number = part.substr(colon + 1);
      std::size_t used = 0;
      try {
        cs.share = std::stod(number, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used == 0 || used != number.size() || !(cs.share > 0) || cs.share > 1)
        throw std::invalid_argument("--cargo: expected CLASS:SHARE with a share above 0 and at most 1, got '" + part + "'");
    } else if (text.find(',') != std::string::npos) {
      throw std::invalid_argument("--cargo: with several classes each needs its share (CLASS:SHARE), got '" + part + "'");
    }
    for (const auto& seen : out)
      if (seen.cargo == cs.cargo) throw std::invalid_argument("--cargo: class '" + cs.cargo + "' given twice");
    total += cs.share;
    out.push_back(cs);
    start = end + 1;
  }
  if (std::abs(total - 1) > 1e-6)
    throw std::invalid_argument("--cargo: the shares add up to " + std::to_string(total) + ", not 1");
  return out;
}

std::vector<FreightDemand> freight_demand(const std::vector<OdPair>& pairs, const std::vector<CargoShare>& cargo,
                                          std::string* warning) {
  std::vector<FreightDemand> out;
  bool has_modes = false;
  for (const auto& p : pairs) {
    has_modes = has_modes || !p.modes.empty();
    for (const auto& c : cargo) out.push_back({p.from, p.to, p.weight * c.share, p.lane, c.cargo});
  }
  if (warning)
    *warning = has_modes ? "demand.csv: the 'modes' column is ignored by assign: the nested logit chooses each pair's modes" : "";
  return out;
}

std::array<double, kMainModeCount> FreightResult::mode_teu(const std::vector<std::string>& lanes) const {
  std::array<double, kMainModeCount> out{};
  for (const auto& p : pairs) {
    if (!lanes.empty() && std::find(lanes.begin(), lanes.end(), demand[p.demand].lane) == lanes.end()) continue;
    for (int m = 0; m < kMainModeCount; ++m) out[m] += p.mode_teu[m];
  }
  return out;
}

double FreightResult::total_cost_usd() const {
  double sum = 0;
  for (const auto& p : pairs)
    if (!p.unrouted) sum += demand[p.demand].teu_per_year * p.expected_cost_usd;
  return sum;
}

double FreightResult::total_wait_cost_usd() const {
  double sum = 0;
  for (const auto& p : pairs)
    for (const auto& r : p.routes) sum += r.teu_per_year * (r.cost_usd - r.base_cost_usd);
  return sum;
}

double FreightResult::unserved_teu_per_year() const {
  double sum = 0;
  for (const auto& p : pairs)
    if (p.unrouted) sum += demand[p.demand].teu_per_year;
  return sum;
}

const std::vector<std::string>& china_europe_lanes() {
  static const std::vector<std::string> lanes = {"china_europe_rail", "asia_europe_sea"};
  return lanes;
}

namespace {

// The costs the mode choice weighs: each route's cost plus its mode's constant for the cargo
// class (rail's and air's; sea and road carry none), less the path-size term of routes that
// overlap others of their mode (freight_path_size.hpp).
std::vector<double> choice_costs(const std::vector<double>& link_km, const std::vector<FreightRoute>& routes, const std::vector<MainMode>& modes,
                                 std::vector<double> cost, const FreightParameters& p, const std::string& cargo) {
  const double rail = p.rail_constant_usd_per_teu_for(cargo), air = p.air_constant_usd_per_teu_for(cargo);
  for (std::size_t r = 0; r < cost.size(); ++r) {
    if (modes[r] == MainMode::rail) cost[r] += rail;
    if (modes[r] == MainMode::air) cost[r] += air;
  }
  if (p.path_size_beta > 0 && routes.size() > 1) {
    std::vector<std::span<const LinkIndex>> links;
    links.reserve(routes.size());
    for (const auto& route : routes) links.emplace_back(route.links);
    add_path_size_term(cost, path_size_factors(modes, links, link_km), p.path_size_beta, p.theta_route_per_usd);
  }
  return cost;
}

}  // namespace

FreightResult assign_freight(const Network& net, std::shared_ptr<const Topology> topology, const Scenario& scenario,
                             const std::vector<FreightDemand>& demand, const FreightParameters& p,
                             const FreightOptions& options) {
  const Topology& t = *topology;
  std::vector<double> link_km;  // the path-size term's weights
  link_km.reserve(net.links.size());
  for (const auto& link : net.links) link_km.push_back(link.length_km);
  FreightResult result;
  result.demand = demand;
  result.parameters = p;
  result.year = options.year > 0 ? options.year : std::min(scenario.year, kLatestYear);
  Scenario sc = scenario;
  if (options.year > 0) sc.year = options.year;

  // One cost model and base metric per cargo class the demand names.
  std::map<std::string, ClassState> classes;
  std::vector<ClassState*> class_of(demand.size());
  for (std::size_t d = 0; d < demand.size(); ++d) {
    const auto* cargo = net.cargo(demand[d].cargo);
    if (!cargo) throw std::invalid_argument("unknown cargo class '" + demand[d].cargo + "'");
    auto& cs = classes[cargo->id];
    if (!cs.cost) {
      cs.cost = std::make_unique<CostModel>(net, *cargo, Objective::generalized, sc);
      cs.base = customize(net, t, *cs.cost);
    }
    class_of[d] = &cs;
  }
  if (classes.empty()) throw std::invalid_argument("no freight demand to assign");
  const auto masks = generator_masks(net, t, sc.year);
  result.elements = options.capacities ? freight_elements(net, t, *classes.begin()->second.base, p, sc.year)
                                       : std::vector<FreightElement>{};
  const ElementIndex index(t, result.elements);
  const auto n_el = result.elements.size();

  result.pairs.resize(demand.size());
  for (std::size_t d = 0; d < demand.size(); ++d) result.pairs[d].demand = d;
  std::vector<std::vector<double>> flow(demand.size());  // per pair, per route: TEU a year
  std::vector<double> el_flow(n_el, 0.0), delay(n_el, 0.0);
  double total_demand = 0;
  for (const auto& d : demand) total_demand += d.teu_per_year;

  auto update_delays = [&] {
    std::fill(el_flow.begin(), el_flow.end(), 0.0);
    for (std::size_t d = 0; d < demand.size(); ++d)
      for (std::size_t r = 0; r < flow[d].size(); ++r)
        for (int el : result.pairs[d].routes[r].elements) el_flow[el] += flow[d][r];
    for (std::size_t i = 0; i < n_el; ++i) delay[i] = element_delay_h(result.elements[i], el_flow[i], p);
  };
  std::vector<int> resumed(demand.size(), 0);
  if (options.warm_start) {
    start_from(net, t, *options.warm_start, demand, class_of, result, index, flow, resumed);
    update_delays();
  }
  auto route_cost = [&](const FreightRoute& r, const CostModel& cost, double* wait_h) {
    double w = 0;
    for (int el : r.elements) w += delay[el];
    if (wait_h) *wait_h = w;
    Metrics m;
    m.time_h = w;
    return r.base_cost_usd + cost.generalized_cost_usd(m);
  };

  // Route generation is most of the work (the searches): every iteration while it still finds
  // routes, then every kSearchEvery-th once kQuietIterations in a row found none.
  constexpr int kQuietIterations = 5, kSearchEvery = 10;
  int quiet = 0;
  AveragingSteps averaging(options.step_rule);
  std::vector<std::vector<double>> prev_target;  // the line search's previous point (conjugate directions)
  bool conjugate = false;
  result.step_rule = options.step_rule;
  // For the line search: each pair's costs without waits and its class's value of time.
  std::vector<LineSearchPair> line(demand.size());
  for (std::size_t d = 0; d < demand.size(); ++d) {
    const auto& cost = *class_of[d]->cost;
    line[d].flow = &flow[d];
    line[d].routes = &result.pairs[d].routes;
    line[d].value_of_time_usd_per_h = cost.generalized_cost_usd(Metrics{.time_h = 1}) - cost.generalized_cost_usd(Metrics{});
    if (!(line[d].value_of_time_usd_per_h > 0)) line[d].value_of_time_usd_per_h = 1;  // waits cost it nothing: any scale
  }
  for (int it = 1; it <= options.max_iterations; ++it) {
    const bool search = quiet < kQuietIterations || it % kSearchEvery == 0;
    int found = 0;
    // A congested metric per class, and its weights under each route generator.
    for (auto& [id, cs] : classes) {
      if (!search) break;
      cs.congested = congested_metric(t, *cs.base, *cs.cost, result.elements, delay);
      cs.generator_weights.assign(generator_count, cs.congested->edge_weight.to_vector());
      for (int g = 1; g < generator_count; ++g)
        for (std::size_t e = 0; e < t.edge_count(); ++e)
          if (masks[g][e]) cs.generator_weights[g][e] = kClosed;
    }
    double change = 0;
    std::vector<std::vector<double>> target(demand.size());
    for (std::size_t d = 0; d < demand.size(); ++d) {
      auto& cs = *class_of[d];
      auto& routes = result.pairs[d].routes;
      for (int g = 0; g < generator_count && search; ++g) {
        SearchOptions so;
        so.weights = &cs.generator_weights[g];
        auto path = shortest_path(t, *cs.congested, demand[d].from, demand[d].to, so);
        if (g == sea_only && path && path->weight < kMissingTransferWeight) {
          // A sea route's land legs are the hinterland haul at either end. Where the sea
          // generator's best path is mostly land (Busan-Rotterdam by the Trans-Siberian from
          // Vladivostok to a Baltic port), search again with the land links outside the pair's
          // own two countries closed, so the pair keeps a sea route to choose.
          const auto legs = path_links(t, *path);
          if (main_mode(net, legs) != MainMode::sea) {
            auto weights = cs.generator_weights[g];
            close_foreign_land(net, t, net.nodes[demand[d].from].country, net.nodes[demand[d].to].country, weights);
            so.weights = &weights;
            path = shortest_path(t, *cs.congested, demand[d].from, demand[d].to, so);
          }
        }
        if (!path || path->weight >= kMissingTransferWeight) continue;
        if (std::any_of(routes.begin(), routes.end(), [&](const FreightRoute& r) { return same_route(r, *path); })) continue;
        routes.push_back(make_route(net, t, *cs.base, *path, result.elements, index));
        flow[d].push_back(0.0);
        ++found;
      }
      result.pairs[d].unrouted = routes.empty();
      if (routes.empty() && options.skip_unrouted) continue;
      if (routes.empty())
        throw std::invalid_argument("no route from " + net.nodes[demand[d].from].id + " to " + net.nodes[demand[d].to].id +
                                    " for cargo class '" + demand[d].cargo + "' in this scenario");
      std::vector<double> cost(routes.size());
      for (std::size_t r = 0; r < routes.size(); ++r) cost[r] = route_cost(routes[r], *cs.cost, nullptr);
      std::vector<MainMode> modes(routes.size());
      for (std::size_t r = 0; r < routes.size(); ++r) modes[r] = routes[r].mode;
      const auto share = nested_logit_shares(modes, choice_costs(link_km, routes, modes, cost, p, demand[d].cargo), p.theta_route_per_usd, p.theta_mode_per_usd);
      if (options.step_rule == FreightStepRule::conjugate) {
        std::vector<double> base(routes.size());
        for (std::size_t r = 0; r < routes.size(); ++r) base[r] = routes[r].base_cost_usd;
        line[d].fixed_usd = choice_costs(link_km, routes, modes, base, p, demand[d].cargo);
        line[d].modes = modes;
      }
      target[d].resize(routes.size());
      for (std::size_t r = 0; r < routes.size(); ++r) {
        target[d][r] = demand[d].teu_per_year * share[r];
        change += std::abs(target[d][r] - flow[d][r]);
      }
    }
    if (search) quiet = found == 0 ? quiet + 1 : 0;
    if (options.step_rule == FreightStepRule::conjugate) {
      // A pair whose flows do not yet add up to its demand (the first iteration, or a warm
      // start whose every route closed) is loaded whole; the rest move by the step that
      // minimizes the equilibrium's objective along (target - flow) (freight_step.hpp).
      bool loaded = false;
      for (std::size_t d = 0; d < demand.size(); ++d) {
        double sum = 0;
        for (double f : flow[d]) sum += f;
        if (target[d].empty() || std::abs(sum - demand[d].teu_per_year) <= 1e-9 * demand[d].teu_per_year) continue;
        flow[d] = target[d];
        loaded = true;
      }
      if (loaded) update_delays();
      for (std::size_t d = 0; d < demand.size(); ++d) line[d].target = &target[d];
      auto wait = [&](int e, double v) { return element_delay_h(result.elements[e], v, p); };
      // The point the flows move towards: the logit's answer mixed with the previous point so
      // that the two directions are conjugate (freight_step.hpp); afresh after new routes.
      if (conjugate && !loaded && found == 0) {
        const double mix = conjugate_mix(line, el_flow, wait, p.theta_route_per_usd, p.theta_mode_per_usd, prev_target);
        for (std::size_t d = 0; d < demand.size(); ++d)
          for (std::size_t r = 0; r < target[d].size(); ++r) target[d][r] = mix * prev_target[d][r] + (1 - mix) * target[d][r];
      }
      const double step = line_search_step(line, el_flow, wait, p.theta_route_per_usd, p.theta_mode_per_usd);
      for (std::size_t d = 0; d < demand.size(); ++d)
        for (std::size_t r = 0; r < target[d].size(); ++r) flow[d][r] += step * (target[d][r] - flow[d][r]);
      prev_target = target;
      conjugate = step < 1;  // after a full step the flows are the point itself: start afresh
    } else {
      // Averaging: step 1/beta towards the logit's flows (freight_step.hpp); a warm-started
      // pair resumes with small steps.
      const double beta = averaging.next_beta(it, change);
      for (std::size_t d = 0; d < demand.size(); ++d) {
        const double step = 1.0 / (beta + resumed[d]);
        for (std::size_t r = 0; r < target[d].size(); ++r) flow[d][r] += step * (target[d][r] - flow[d][r]);
      }
    }
    update_delays();
    FreightIteration report;
    report.iteration = it;
    report.flow_change = total_demand > 0 ? change / total_demand : 0;
    for (const auto& pr : result.pairs) report.routes += static_cast<int>(pr.routes.size());
    for (std::size_t i = 0; i < n_el; ++i)
      report.max_utilization = std::max(report.max_utilization, el_flow[i] / result.elements[i].capacity_teu_per_year);
    result.history.push_back(report);
    result.iterations = it;
    if (options.progress) options.progress(report);
    if (it > 1 && report.flow_change < options.tolerance) {
      result.converged = true;
      break;
    }
  }

  // Final figures at the final flows.
  result.link_teu_per_year.assign(net.links.size(), 0.0);
  for (std::size_t d = 0; d < demand.size(); ++d) {
    auto& pr = result.pairs[d];
    for (std::size_t r = 0; r < pr.routes.size(); ++r) {
      auto& route = pr.routes[r];
      route.teu_per_year = flow[d][r];
      route.cost_usd = route_cost(route, *class_of[d]->cost, &route.wait_h);
      pr.mode_teu[static_cast<int>(route.mode)] += flow[d][r];
      for (auto l : route.links) result.link_teu_per_year[l] += flow[d][r];
    }
    std::vector<MainMode> modes;
    std::vector<double> cost;
    for (const auto& route : pr.routes) {
      modes.push_back(route.mode);
      cost.push_back(route.cost_usd);
    }
    if (!pr.routes.empty())
      pr.expected_cost_usd =
          nested_logit_expected_cost(modes, choice_costs(link_km, pr.routes, modes, cost, p, demand[d].cargo), p.theta_route_per_usd, p.theta_mode_per_usd);
  }
  result.element_flows.resize(n_el);
  for (std::size_t i = 0; i < n_el; ++i)
    result.element_flows[i] = {el_flow[i], el_flow[i] / result.elements[i].capacity_teu_per_year, delay[i]};
  return result;
}

FreightCalibration calibrate_rail_constant(const Network& net, std::shared_ptr<const Topology> topology,
                                           const Scenario& scenario, const std::vector<FreightDemand>& demand,
                                           FreightParameters p, FreightOptions options) {
  options.year = p.calibration_year;
  options.progress = nullptr;
  FreightCalibration cal;
  cal.theta_mode_per_usd = p.theta_mode_per_usd;
  auto rail_at = [&](double constant) {
    p.rail_constant_usd_per_teu = constant;
    const auto r = assign_freight(net, topology, scenario, demand, p, options);
    const double rail = r.mode_teu(china_europe_lanes())[static_cast<int>(MainMode::rail)];
    cal.steps.push_back({p.theta_mode_per_usd, rail, constant});
    return rail;
  };
  // Rail's volume falls as its constant rises: bisection between a bonus and a penalty of
  // 20,000 USD a TEU (more than any cost difference between modes on a lane).
  double lo = -20000, hi = 20000;
  const double target = p.rail_target_teu_per_year;
  const double f_lo = rail_at(lo) - target, f_hi = rail_at(hi) - target;
  if ((f_lo > 0) == (f_hi > 0)) {
    const bool lo_closer = std::abs(f_lo) < std::abs(f_hi);
    cal.rail_constant_usd_per_teu = lo_closer ? lo : hi;
    cal.rail_teu_per_year = (lo_closer ? f_lo : f_hi) + target;
    return cal;
  }
  for (int i = 0; i < 30; ++i) {
    const double mid = (lo + hi) / 2;
    const double f = rail_at(mid) - target;
    cal.rail_constant_usd_per_teu = mid;
    cal.rail_teu_per_year = f + target;
    if (f > 0) lo = mid;
    else hi = mid;
    if (std::abs(f) < 0.005 * target) break;
  }
  cal.reached = std::abs(cal.rail_teu_per_year - target) < 0.025 * target;
  return cal;
}

namespace {

// The constant c at which falling(c) (a share minus its target, falling as c rises) is within
// `tol` of 0: brackets from c0 by doubling steps from 1,000 USD, then false position with the
// Illinois rule (the shares move in steps as route sets change, where plain secants stall).
template <class F>
double solve_falling(F falling, double c0, double tol, int max_runs) {
  double a = c0, fa = falling(a);
  if (std::abs(fa) < tol) return a;
  double step = fa > 0 ? 1000 : -1000;  // a share above its target: raise the constant
  double b = a + step, fb = falling(b);
  int runs = 2;
  while ((fa > 0) == (fb > 0) && runs < max_runs && std::abs(b) < 1e6) {  // the file's bounds
    a = b;
    fa = fb;
    step *= 2;
    b = a + step;
    fb = falling(b);
    ++runs;
  }
  if ((fa > 0) == (fb > 0)) return std::abs(fa) < std::abs(fb) ? a : b;
  int side = 0;
  while (runs < max_runs) {
    const double c = (a * fb - b * fa) / (fb - fa);
    const double fc = falling(c);
    ++runs;
    if (std::abs(fc) < tol) return c;
    if ((fc > 0) == (fa > 0)) {
      a = c;
      fa = fc;
      if (side == -1) fb /= 2;
      side = -1;
    } else {
      b = c;
      fb = fc;
      if (side == 1) fa /= 2;
      side = 1;
    }
  }
  return std::abs(fa) < std::abs(fb) ? a : b;
}

}  // namespace

ClassCalibration calibrate_class_constants(const Network& net, std::shared_ptr<const Topology> topology,
                                           const Scenario& scenario, const std::vector<FreightDemand>& demand,
                                           FreightParameters p, FreightOptions options, const std::string& cargo) {
  const auto it = p.classes.find(cargo);
  if (it == p.classes.end() || (!it->second.rail_share_target && !it->second.air_share_target))
    throw std::invalid_argument("freight_assignment.csv has no rail_share_target:" + cargo + " or air_share_target:" + cargo +
                                " to fit cargo class '" + cargo + "' to");
  options.year = p.calibration_year;
  options.progress = nullptr;
  // A marginal box of the class in the calibrated traffic: each pair's demand stays general
  // cargo but for a hundredth of the class, so the waits are those general cargo meets (the
  // traffic rail's constant is fitted to) and the class's shares do not depend on a class mix
  // no source gives.
  constexpr double kMarginalShare = 0.01;
  std::vector<FreightDemand> mixed;
  const bool has_general = cargo != "general" && net.cargo("general");
  for (const auto& d : demand) {
    if (has_general) {
      mixed.push_back(d);
      mixed.back().teu_per_year *= 1 - kMarginalShare;
      mixed.back().cargo = "general";
    }
    mixed.push_back(d);
    if (has_general) mixed.back().teu_per_year *= kMarginalShare;
  }
  ClassCalibration cal;
  cal.cargo = cargo;
  cal.rail_target = it->second.rail_share_target;
  cal.air_target = it->second.air_share_target;
  auto& own = p.classes[cargo];
  own.rail_constant_usd_per_teu = p.rail_constant_usd_per_teu_for(cargo);
  own.air_constant_usd_per_teu = p.air_constant_usd_per_teu_for(cargo);
  // The class's China-Europe shares by rail and by air at the constants in `own`.
  const auto& lanes = china_europe_lanes();
  const auto shares = [&] {
    const auto r = assign_freight(net, topology, scenario, mixed, p, options);
    std::array<double, kMainModeCount> teu{};
    for (const auto& pr : r.pairs) {
      const auto& d = r.demand[pr.demand];
      if (d.cargo != cargo || std::find(lanes.begin(), lanes.end(), d.lane) == lanes.end()) continue;
      for (int m = 0; m < kMainModeCount; ++m) teu[m] += pr.mode_teu[m];
    }
    double total = 0;
    for (double v : teu) total += v;
    if (total <= 0) throw std::invalid_argument("no China-Europe demand to fit cargo class '" + cargo + "' on");
    return std::pair{teu[static_cast<int>(MainMode::rail)] / total, teu[static_cast<int>(MainMode::air)] / total};
  };
  const auto record = [&](std::pair<double, double> s) {
    cal.rail_constant_usd_per_teu = *own.rail_constant_usd_per_teu;
    cal.air_constant_usd_per_teu = *own.air_constant_usd_per_teu;
    cal.rail_share = s.first;
    cal.air_share = s.second;
    cal.steps.push_back({cal.rail_constant_usd_per_teu, cal.air_constant_usd_per_teu, s.first, s.second});
  };
  const auto met = [](std::optional<double> target, double share, double tol) { return !target || std::abs(share - *target) < tol; };
  // Each constant in turn, holding the other (each share falls with its own constant and
  // hardly moves with the other's), until both shares are within a twentieth of a point.
  // One constant fitted to its share, the other held.
  const auto fit = [&](std::optional<double> ClassModeConstants::*constant, std::optional<double> target, bool air) {
    if (met(target, air ? cal.air_share : cal.rail_share, 2.5e-4)) return;
    own.*constant = solve_falling(
        [&](double c) {
          own.*constant = c;
          const auto s = shares();
          return (air ? s.second : s.first) - *target;
        },
        *(own.*constant), 2.5e-4, 40);
    record(shares());
  };
  record(shares());
  for (int round = 0; round < 10; ++round) {
    if (met(cal.rail_target, cal.rail_share, 5e-4) && met(cal.air_target, cal.air_share, 5e-4)) break;
    fit(&ClassModeConstants::air_constant_usd_per_teu, cal.air_target, true);
    fit(&ClassModeConstants::rail_constant_usd_per_teu, cal.rail_target, false);
  }
  cal.reached = met(cal.rail_target, cal.rail_share, 5e-3) && met(cal.air_target, cal.air_share, 5e-3);
  return cal;
}

FreightCalibration calibrate_mode_scale(const Network& net, std::shared_ptr<const Topology> topology,
                                        const Scenario& scenario, const std::vector<FreightDemand>& demand,
                                        FreightParameters p, FreightOptions options) {
  options.year = p.calibration_year;
  options.progress = nullptr;
  FreightCalibration cal;
  auto rail_at = [&](double theta) {
    p.theta_mode_per_usd = theta;
    const auto r = assign_freight(net, topology, scenario, demand, p, options);
    const double rail = r.mode_teu(china_europe_lanes())[static_cast<int>(MainMode::rail)];
    cal.steps.push_back({theta, rail});
    return rail;
  };
  double lo = std::log(1e-5), hi = std::log(p.theta_route_per_usd);
  const double target = p.rail_target_teu_per_year;
  const double f_lo = rail_at(std::exp(lo)) - target, f_hi = rail_at(std::exp(hi)) - target;
  if ((f_lo > 0) == (f_hi > 0)) {
    const bool lo_closer = std::abs(f_lo) < std::abs(f_hi);
    cal.theta_mode_per_usd = std::exp(lo_closer ? lo : hi);
    cal.rail_teu_per_year = (lo_closer ? f_lo : f_hi) + target;
    return cal;
  }
  const bool rising = f_hi > f_lo;
  for (int i = 0; i < 14; ++i) {
    const double mid = (lo + hi) / 2;
    const double f = rail_at(std::exp(mid)) - target;
    cal.theta_mode_per_usd = std::exp(mid);
    cal.rail_teu_per_year = f + target;
    if ((f < 0) == rising) lo = mid;
    else hi = mid;
    if (std::abs(f) < 0.005 * target) break;
  }
  cal.reached = std::abs(cal.rail_teu_per_year - target) < 0.025 * target;
  return cal;
}

}  // namespace silkroute::assignment
