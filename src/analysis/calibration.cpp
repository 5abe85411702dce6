#include "analysis/calibration.hpp"

#include <algorithm>
#include <utility>

#include "cost/pair_rules.hpp"
#include "geo/great_circle.hpp"
#include "network/place_finder.hpp"
#include "routing/router.hpp"
#include "scenario/avoid.hpp"

namespace silkroute {

namespace {

// A published figure is for one mode, so every other mode is closed. A ferry row measured
// terminal to terminal keeps rail to reach the port; a sailing-time row is the crossing
// alone, so a rail way round the sea cannot stand in for it. A sailing row may name the town
// where the ferry's port is its own node (Stockholm for the Port of Stockholm): the roads
// from a named end that is not itself a seaport to a seaport stay open; only the ferry legs
// are timed, and a route without one is no measure of the crossing.
Closures closures_for(const Network& net, const PlaceFinder& places, const PublishedPair& p, NodeIndex from,
                      NodeIndex to) {
  Closures c;
  const auto mode = *parse_mode(p.mode);
  const bool rail_to_port = mode == Mode::ferry && !p.sailing;
  // A flight row names a city whose airport may be a node of its own (Baku's port and Heydar
  // Aliyev airport, Lagos's Apapa and Murtala Muhammed): the roads from an airport node to the
  // places it serves stay open, every other road is closed, and only the flights are timed.
  const bool road_to_airport = mode == Mode::air;
  // Likewise a liner schedule names a city whose port is a node of its own (Doha's port at
  // Mesaieed, Kolkata's at Haldia, Bangkok's deep-sea port at Laem Chabang): the roads that join
  // the named place to a seaport stay open, and only the sailing is timed (measure_pair).
  const auto is_seaport = [&](NodeIndex n) { return net.nodes[n].kind == NodeKind::seaport; };
  const bool road_to_seaport =
      mode == Mode::sea && from != kNoNode && to != kNoNode && (!is_seaport(from) || !is_seaport(to));
  for (Mode m : kAllModes)
    if (m != mode && !(rail_to_port && m == Mode::rail) && !((road_to_airport || road_to_seaport) && m == Mode::road))
      c.modes.insert(m);
  if (road_to_airport)
    for (const auto& link : net.links)
      if (link.mode == Mode::road && net.nodes[link.from].kind != NodeKind::airport &&
          net.nodes[link.to].kind != NodeKind::airport)
        c.links.insert(link.id);
  if (mode == Mode::ferry && p.sailing) {
    c.modes.erase(Mode::road);
    const auto end_to_port = [&](NodeIndex end, NodeIndex other) {
      return end != kNoNode && (end == from || end == to) && net.nodes[end].kind != NodeKind::seaport &&
             net.nodes[other].kind == NodeKind::seaport;
    };
    for (const auto& link : net.links)
      if (link.mode == Mode::road && !end_to_port(link.from, link.to) && !end_to_port(link.to, link.from))
        c.links.insert(link.id);
  }
  if (road_to_seaport)
    for (const auto& link : net.links) {
      if (link.mode != Mode::road) continue;
      const bool ends_to_ends = (link.from == from && link.to == to) || (link.from == to && link.to == from);
      const bool joins_place = (link.from == from || link.from == to || link.to == from || link.to == to) &&
                               (is_seaport(link.from) || is_seaport(link.to)) && !ends_to_ends;
      if (!joins_place) c.links.insert(link.id);
    }
  for (const auto& item : p.avoid) add_avoid_item(net, places, item, c);
  return c;
}

}  // namespace

std::optional<PairMeasure> measure_pair(const Network& net, RoutingCache& cache, const PlaceResolver& places,
                                        const PublishedPair& p, int year) {
  // A liner schedule was sailed by the fleet of its year (slow steaming changed service
  // speeds, docs/time-model.md), on lanes that have not changed: sea rows are timed as of the
  // year they were published.
  if (p.mode == "sea" && p.published_year) year = std::min(year, *p.published_year);
  // A train's transit time was run through the crossings of its year: a border's dwell changes
  // with its procedures (crossings.csv, from_year), so rail rows are timed as of the year they
  // were published, on the lines and crossings of that year.
  if (p.mode == "rail" && p.published_year) year = std::min(year, *p.published_year);
  // A ferry's crossing was sailed by the line of its year: lines open and end (closed_year),
  // so a ferry row published while its line ran is timed on that year's network.
  if (p.mode == "ferry" && p.published_year) year = std::min(year, *p.published_year);
  const auto from = places.resolve(p.origin, "origin", CoordinateOrder::lat_lon);
  const auto to = places.resolve(p.destination, "destination", CoordinateOrder::lat_lon);
  Scenario s;
  s.year = year;
  s.closed = closures_for(net, places.finder(), p, from.node, to.node);
  RouteQuery q;
  q.from = from.node;
  q.to = to.node;
  q.from_terminals = from.terminals;
  q.to_terminals = to.terminals;
  if (places.access()) q.access = &*places.access();
  // The service and crew the source names, else the ones the route command would choose for
  // these ends (the same rules a matrix cell gets).
  auto rules = pair_rules(net.time_model, from.country, to.country, geo::great_circle_km(from.position, to.position));
  if (p.rail_service) rules.rail_service = *p.rail_service;
  if (p.road_crew) rules.road_crew = *p.road_crew;
  s = with_pair_rules(std::move(s), rules);
  q.alternatives = 0;
  q.objective = Objective::time;
  // Calibration is about the physical network: use the most permissive cargo class.
  for (const auto& c : net.cargo_classes)
    if (c.excluded_modes.empty()) q.cargo = c.id;
  const auto answer = find_routes(net, cache, s, q);
  if (answer.routes.empty()) return std::nullopt;
  const auto& r = answer.routes.front();
  PairMeasure m{r.total.time_h, r.total.distance_km, r.label};
  if (p.sailing || p.mode == "air") {
    // Ferry timetables quote the crossing and airlines the flight: running time of those
    // legs only, no wait for the departure.
    const auto mode = p.sailing ? Mode::ferry : Mode::air;
    m.time_h = 0;
    bool crossed = false;
    for (const auto& leg : r.legs)
      if (leg.carrier.mode == mode) {
        m.time_h += leg.metrics.time_h - leg.wait_h;
        crossed = true;
      }
    if (!crossed) return std::nullopt;
  } else if (p.mode == "sea" && std::any_of(r.legs.begin(), r.legs.end(),
                                             [](const auto& leg) { return leg.carrier.mode != Mode::sea; })) {
    // A liner schedule runs port to port: a route that drives from the named city to its port
    // is timed from the port, as a row naming the port is (import clearance kept), without the
    // drive and the change between truck and ship.
    m.time_h = r.time.transit_h - r.time.transfer_h;
    for (const auto& leg : r.legs)
      if (leg.carrier.mode != Mode::sea) m.time_h -= leg.metrics.time_h;
  } else {
    // Published figures run terminal to terminal: loading and unloading are not in them. The
    // terminals are in the named places, so a place the network reaches only by a first or last
    // mile by road is timed with that drive (a Lagos-Kaduna train is not the 156 km to Ibadan);
    // a liner schedule still runs port to port (above).
    m.time_h = r.time.transit_h + (p.mode == "sea" ? 0.0 : r.time.access_h);
  }
  return m;
}

std::vector<CalibrationRow> calibrate(const Network& net, const std::vector<PublishedPair>& pairs) {
  const PlaceFinder finder(net);
  const PlaceResolver places(net, finder, net.source_dir.empty() ? std::nullopt : read_access_params(net.source_dir));
  RoutingCache cache;
  std::vector<CalibrationRow> rows;
  for (const auto& p : pairs) {
    CalibrationRow row;
    row.pair = p;
    try {
      const auto today = measure_pair(net, cache, places, p, kLatestYear);
      if (!today) {
        row.problem = "no route";
        rows.push_back(row);
        continue;
      }
      row.model_time_h = today->time_h;
      row.route_label = today->label;
      row.model_distance_km = today->distance_km;
      if (p.network_year) {
        const auto then = measure_pair(net, cache, places, p, *p.network_year);
        if (then) row.model_distance_km = then->distance_km;
        else row.problem = "no route as of " + std::to_string(*p.network_year);
      }
      if (p.time_low_h && p.time_high_h)
        row.time_ok = *row.model_time_h >= *p.time_low_h * (1 - kTimeWidening) &&
                      *row.model_time_h <= *p.time_high_h * (1 + kTimeWidening);
      if (p.distance_km)
        row.distance_ok = std::abs(*row.model_distance_km - *p.distance_km) <= distance_tolerance(p.mode) * *p.distance_km;
    } catch (const std::exception& e) {
      row.problem = e.what();
    }
    rows.push_back(row);
  }
  return rows;
}

}  // namespace silkroute
