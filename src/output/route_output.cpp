#include "output/route_output.hpp"

#include <algorithm>
#include <cmath>

#include "network/names.hpp"
#include "output/json_writer.hpp"
#include "output/market_rates.hpp"
#include "output/route_legs_csv.hpp"
#include "output/text_table.hpp"

namespace silkroute::output {

using nlohmann::ordered_json;

double round_to(double value, int decimals) {
  const double f = std::pow(10.0, decimals);
  const double r = std::round(value * f) / f;
  return r == 0.0 ? 0.0 : r;  // no "-0"
}

namespace {

// Rounds unless exact figures were asked for.
struct Rounder {
  Precision precision;
  double operator()(double value, int decimals) const {
    return precision == Precision::exact ? value : round_to(value, decimals);
  }
};

std::string place(const Network& net, NodeIndex n) { return net.nodes[n].name; }

void strings(JsonWriter& w, const std::vector<std::string>& items) {
  w.begin_array();
  for (const auto& s : items) w.value(s);
  w.end_array();
}

void id_or_null(JsonWriter& w, const std::string& id) {
  if (id.empty()) w.null();
  else w.value(id);
}

// A place as asked and taken: a node, a gazetteer place or coordinates, and where a place
// that is not a node may join the network.
void write_place_ref(JsonWriter& w, const Network& net, const Place& p) {
  w.begin_object();
  w.key("id");
  id_or_null(w, p.id);
  w.field("name", p.name);
  w.field("country", p.country);
  w.field("lon", p.position.lon);
  w.field("lat", p.position.lat);
  w.field("kind", place_kind_name(p.kind));
  w.field("asked", p.asked);
  w.field("match", p.match);
  if (p.population >= 0) w.field("population", static_cast<std::int64_t>(p.population));
  if (!p.is_node()) {
    w.key("join_terminals");
    w.begin_array();
    for (const auto& t : p.terminals) {
      w.begin_object();
      w.field("id", net.nodes[t.node].id);
      w.field("name", net.nodes[t.node].name);
      w.field("great_circle_km", round_to(t.great_circle_km, 1));
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

// "Nanjing joins the network at Shanghai by road, 342 km" (egress: "leaves ... for").
std::string access_sentence(const Network& net, const Place& place, const AccessLeg& leg, bool egress) {
  return place.name + (egress ? " is reached from the network at " : " joins the network at ") + net.nodes[leg.terminal].name +
         " by road, " + format_number(leg.metrics.distance_km) + " km";
}

void write_carrier(JsonWriter& w, const std::optional<Carrier>& c) {
  if (!c) return w.null();
  w.begin_object();
  w.field("mode", mode_name(c->mode));
  if (c->mode == Mode::rail) w.field("gauge_mm", c->gauge_mm);
  w.end_object();
}

void write_totals(JsonWriter& w, const Route& r, Rounder round_to) {
  w.begin_object();
  w.field("time_h", round_to(r.total.time_h, 1));
  w.field("time_days", round_to(r.total.time_h / 24.0, 1));
  w.field("transit_h", round_to(r.time.transit_h, 1));
  w.field("moving_h", round_to(r.time.moving_h, 1));
  w.field("wait_h", round_to(r.time.wait_h, 1));
  w.field("rest_h", round_to(r.time.rest_h, 1));
  w.field("call_h", round_to(r.time.call_h, 1));
  w.field("transship_h", round_to(r.time.transship_h, 1));
  w.field("dispatch_h", round_to(r.time.dispatch_h, 1));
  w.field("handling_h", round_to(r.time.handling_h, 1));
  w.field("transfer_h", round_to(r.time.transfer_h, 1));
  w.field("border_h", round_to(r.time.border_h, 1));
  w.field("access_h", round_to(r.time.access_h, 1));
  w.field("cost_usd", round_to(r.total.cost_usd, 0));
  w.field("co2_kg", round_to(r.total.co2_kg, 0));
  w.field("distance_km", round_to(r.total.distance_km, 1));
  w.field("generalized_cost_usd", round_to(r.generalized_cost_usd, 0));
  w.end_object();
}

// A first or last mile as a leg of its own: kind "access" (place to terminal) or "egress"
// (terminal to place), by road, with the place's handling in its time and cost.
void write_access_leg(JsonWriter& w, const Network& net, const Place& place, const AccessLeg& leg, bool egress,
                      Rounder round_to) {
  const auto& t = net.nodes[leg.terminal];
  w.begin_object();
  w.field("mode", "road");
  w.field("kind", egress ? "egress" : "access");
  w.field("from", egress ? t.name : place.name);
  w.key("from_id");
  id_or_null(w, egress ? t.id : place.id);
  w.field("to", egress ? place.name : t.name);
  w.key("to_id");
  id_or_null(w, egress ? place.id : t.id);
  w.field("distance_km", round_to(leg.metrics.distance_km, 1));
  w.field("time_h", round_to(leg.metrics.time_h, 1));
  w.field("wait_h", 0.0);
  w.field("rest_h", round_to(leg.rest_h, 1));
  w.field("call_h", 0.0);
  w.field("transship_h", 0.0);
  w.field("cost_usd", round_to(leg.metrics.cost_usd, 0));
  w.field("co2_kg", round_to(leg.metrics.co2_kg, 0));
  w.key("corridors");
  w.begin_array();
  w.end_array();
  w.key("links");
  w.begin_array();
  w.end_array();
  w.field("great_circle_km", round_to(leg.great_circle_km, 1));
  w.field("handling_h", round_to(leg.handling_h, 1));
  w.field("handling_cost_usd", round_to(leg.handling_cost_usd, 0));
  w.field("note", access_sentence(net, place, leg, egress));
  w.end_object();
}

// The scenario's market rates on the lanes this route runs, beside the model's operating cost.
void write_market_rates(JsonWriter& w, const Network& net, const Scenario& scenario, const Route& r, Rounder round_to) {
  w.begin_array();
  for (const auto& m : market_rates_on(net, scenario, r)) {
    w.begin_object();
    w.field("from", m.rate->from);
    w.field("from_name", place(net, r.legs[m.first_leg].from));
    w.field("to", m.rate->to);
    w.field("to_name", place(net, r.legs[m.last_leg].to));
    w.field("mode", mode_name(m.rate->mode));
    w.field("market_rate_usd_per_teu", m.rate->usd_per_teu);
    w.field("operating_cost_usd", round_to(m.operating_cost_usd, 0));
    w.field("source", m.rate->source);
    w.end_object();
  }
  w.end_array();
}

}  // namespace

void write_route_fields(JsonWriter& w, const RouteResult& ctx, std::size_t index, Precision precision) {
  const Rounder round_to{precision};
  const auto& net = ctx.net();
  const auto& r = ctx.answer.routes[index];
  w.field("rank", static_cast<int>(index) + 1);
  w.field("label", r.label);
  w.key("total");
  write_totals(w, r, round_to);
  w.key("legs");
  w.begin_array();
  if (r.access) write_access_leg(w, net, ctx.from_place, *r.access, false, round_to);
  for (const auto& leg : r.legs) {
    w.begin_object();
    w.field("mode", mode_name(leg.carrier.mode));
    w.field("kind", "network");
    if (leg.carrier.mode == Mode::rail) w.field("gauge_mm", leg.carrier.gauge_mm);
    w.field("from", place(net, leg.from));
    w.field("from_id", net.nodes[leg.from].id);
    w.field("to", place(net, leg.to));
    w.field("to_id", net.nodes[leg.to].id);
    w.field("distance_km", round_to(leg.metrics.distance_km, 1));
    w.field("time_h", round_to(leg.metrics.time_h, 1));
    w.field("wait_h", round_to(leg.wait_h, 1));
    w.field("rest_h", round_to(leg.rest_h, 1));
    w.field("call_h", round_to(leg.call_h, 1));
    w.field("transship_h", round_to(leg.transship_h, 1));
    w.field("cost_usd", round_to(leg.metrics.cost_usd, 0));
    w.field("co2_kg", round_to(leg.metrics.co2_kg, 0));
    w.key("corridors");
    strings(w, leg.corridors);
    w.key("links");
    w.begin_array();
    for (auto l : leg.links) w.value(net.links[l].id);
    w.end_array();
    w.end_object();
  }
  if (r.egress) write_access_leg(w, net, ctx.to_place, *r.egress, true, round_to);
  w.end_array();
  w.key("stops");
  w.begin_array();
  for (const auto& s : r.stops) {
    w.begin_object();
    w.field("kind", stop_kind_name(s.kind));
    w.field("at", place(net, s.node));
    w.field("at_id", net.nodes[s.node].id);
    w.key("from");
    write_carrier(w, s.from);
    w.key("to");
    write_carrier(w, s.to);
    w.field("dwell_h", round_to(s.dwell_h, 1));
    w.field("cost_usd", round_to(s.cost_usd, 0));
    w.end_object();
  }
  w.end_array();
  w.key("crossings");
  w.begin_array();
  for (const auto& c : r.crossings) {
    w.begin_object();
    w.field("name", crossing_name(net, c.from_node, c.to_node, c.cost.from_country, c.cost.to_country));
    w.field("from_country", c.cost.from_country);
    w.field("to_country", c.cost.to_country);
    w.field("from", place(net, c.from_node));
    w.field("to", place(net, c.to_node));
    w.field("mode", mode_name(c.mode));
    w.field("regime", c.cost.regime);
    w.key("agreements");
    strings(w, c.cost.agreements);
    w.field("dwell_h", round_to(c.cost.dwell_h, 1));
    w.field("fee_usd", round_to(c.cost.fee_usd, 0));
    w.end_object();
  }
  w.end_array();
  w.key("passages");
  w.begin_array();
  for (const auto& p : r.passages) {
    w.begin_object();
    w.field("chokepoint", p.chokepoint);
    w.field("name", chokepoint_name(p.chokepoint));
    w.field("link", net.links[p.link].id);
    w.end_object();
  }
  w.end_array();
  w.key("countries");
  strings(w, r.countries);
  w.key("corridors");
  strings(w, r.corridors);
  if (!ctx.scenario.market_rates.empty()) {
    w.key("market_rates");
    write_market_rates(w, net, ctx.scenario, r, round_to);
  }
}

void write_route_query(JsonWriter& w, const RouteResult& ctx) {
  w.begin_object();
  w.key("from");
  write_place_ref(w, ctx.net(), ctx.from_place);
  w.key("to");
  write_place_ref(w, ctx.net(), ctx.to_place);
  w.field("cargo", ctx.cargo.id);
  w.field("objective", objective_name(ctx.objective));
  w.field("scenario", ctx.scenario.name);
  w.key("avoid");
  strings(w, ctx.avoid);
  if (ctx.net().time_model.structured) {
    w.field("rail_service", enum_name(ctx.rail_service));
    w.field("rail_service_reason", ctx.rail_service_reason);
    w.field("road_crew", enum_name(ctx.road_crew));
    w.field("road_crew_reason", ctx.road_crew_reason);
  }
  w.end_object();
}

void write_route_json(JsonWriter& w, const RouteResult& ctx, Precision precision) {
  const auto& answer = ctx.answer;
  w.begin_object();
  w.key("query");
  write_route_query(w, ctx);
  w.key("routes");
  w.begin_array();
  for (std::size_t i = 0; i < answer.routes.size(); ++i) {
    w.begin_object();
    write_route_fields(w, ctx, i, precision);
    w.end_object();
  }
  w.end_array();
  w.field("cost_basis", kCostBasis);
  if (answer.routes.empty()) w.field("no_route_reason", answer.no_route_reason);
  w.end_object();
}

void write_route_geojson(JsonWriter& w, const RouteResult& ctx, Precision precision) {
  const auto& answer = ctx.answer;
  const auto& net = ctx.net();
  const Rounder round_to{precision};
  const auto point = [&w](const geo::LonLat& p) {
    w.begin_array();
    w.value(p.lon);
    w.value(p.lat);
    w.end_array();
  };
  // The properties every feature of a route ends with.
  const auto route_figures = [&](const Route& r) {
    w.field("route_time_h", round_to(r.total.time_h, 1));
    w.field("route_transit_h", round_to(r.time.transit_h, 1));
    w.field("route_cost_usd", round_to(r.total.cost_usd, 0));
  };
  w.begin_object();
  w.field("type", "FeatureCollection");
  w.key("features");
  w.begin_array();
  for (std::size_t i = 0; i < answer.routes.size(); ++i) {
    const auto& r = answer.routes[i];
    const int first = r.access ? 1 : 0;  // leg numbers count the first mile
    auto access_feature = [&](const AccessLeg& a, bool egress) {
      const auto& t = net.nodes[a.terminal];
      const auto& place = egress ? ctx.to_place : ctx.from_place;
      w.begin_object();
      w.field("type", "Feature");
      w.key("properties");
      w.begin_object();
      w.field("route", static_cast<int>(i) + 1);
      w.field("route_label", r.label);
      w.field("leg", egress ? static_cast<int>(r.legs.size()) + first + 1 : 1);
      w.field("mode", "road");
      w.field("kind", egress ? "egress" : "access");
      w.field("gauge_mm", 0);
      w.field("from", egress ? t.name : place.name);
      w.key("from_id");
      id_or_null(w, egress ? t.id : place.id);  // none for coordinates
      w.field("to", egress ? place.name : t.name);
      w.key("to_id");
      id_or_null(w, egress ? place.id : t.id);
      w.field("distance_km", round_to(a.metrics.distance_km, 1));
      w.field("time_h", round_to(a.metrics.time_h, 1));
      w.field("cost_usd", round_to(a.metrics.cost_usd, 0));
      w.field("co2_kg", round_to(a.metrics.co2_kg, 0));
      route_figures(r);
      w.field("note", access_sentence(net, place, a, egress));
      w.end_object();
      w.key("geometry");
      w.begin_object();
      w.field("type", "LineString");
      w.key("coordinates");
      w.begin_array();
      point(egress ? t.position : place.position);
      point(egress ? place.position : t.position);
      w.end_array();
      w.end_object();
      w.end_object();
    };
    if (r.access) access_feature(*r.access, false);
    for (std::size_t k = 0; k < r.legs.size(); ++k) {
      const auto& leg = r.legs[k];
      w.begin_object();
      w.field("type", "Feature");
      w.key("properties");
      w.begin_object();
      w.field("route", static_cast<int>(i) + 1);
      w.field("route_label", r.label);
      w.field("leg", static_cast<int>(k) + first + 1);
      w.field("mode", mode_name(leg.carrier.mode));
      w.field("kind", "network");
      w.field("gauge_mm", leg.carrier.mode == Mode::rail ? leg.carrier.gauge_mm : 0);
      w.field("from", place(net, leg.from));
      w.field("from_id", net.nodes[leg.from].id);
      w.field("to", place(net, leg.to));
      w.field("to_id", net.nodes[leg.to].id);
      w.field("distance_km", round_to(leg.metrics.distance_km, 1));
      w.field("time_h", round_to(leg.metrics.time_h, 1));
      w.field("cost_usd", round_to(leg.metrics.cost_usd, 0));
      w.field("co2_kg", round_to(leg.metrics.co2_kg, 0));
      route_figures(r);
      w.end_object();
      w.key("geometry");
      w.begin_object();
      w.field("type", "LineString");
      w.key("coordinates");
      w.begin_array();
      std::vector<geo::LonLat> points;  // the leg's links as drawn, shapes included
      append_path_points(net, leg.nodes, leg.links, points);
      for (const auto& p : points) point(p);
      w.end_array();
      w.end_object();
      w.end_object();
    }
    if (r.egress) access_feature(*r.egress, true);
  }
  w.end_array();
  w.end_object();
}

// The trees for callers that want one (Python, tests): parsed from what the writer wrote, so
// the fields are described once, above.
ordered_json route_json(const RouteResult& ctx, Precision precision) {
  std::string text;
  JsonWriter w(text);
  write_route_json(w, ctx, precision);
  return ordered_json::parse(text);
}

ordered_json route_geojson(const RouteResult& ctx, Precision precision) {
  std::string text;
  JsonWriter w(text);
  write_route_geojson(w, ctx, precision);
  return ordered_json::parse(text);
}

namespace {

std::string hours(double h) { return format_number(h, 1); }

std::string carrier_short(const std::optional<Carrier>& c) { return c ? carrier_name(*c) : ""; }

// What a transit clearance stop was waited for: the rule of transit_clearance.csv for the
// route's origin and destination territories (a country, or its union).
std::string transit_clearance_note(const Network& net, const Route& r, const Stop& s) {
  if (r.countries.empty() || s.node == kNoNode || !s.from) return "customs transit on the way in";
  auto territories = [&](const std::string& iso) {
    std::vector<std::string> v{iso};
    if (const auto* c = net.country(iso); c && !c->customs_union.empty()) v.push_back(c->customs_union);
    return v;
  };
  for (const auto& a : territories(r.countries.front()))
    for (const auto& b : territories(net.nodes[s.node].country))
      if (const auto it = net.time_model.transit_clearance.find(TimeModel::transit_key(a, b, mode_name(s.from->mode)));
          it != net.time_model.transit_clearance.end())
        return "customs transit where the cargo entered " + it->second + " (transit_clearance.csv: " + a + " to " + b +
               " by " + std::string(mode_name(s.from->mode)) + ")";
  return "customs transit on the way in";
}

}  // namespace

std::string route_table(const RouteResult& ctx) {
  const auto& answer = ctx.answer;
  const auto& net = ctx.net();
  std::string out = ctx.from_place.name + " → " + ctx.to_place.name + " · cargo " + ctx.cargo.name +
                    " · objective " + std::string(objective_name(ctx.objective)) + " · scenario " + ctx.scenario.name;
  if (!ctx.avoid.empty()) {
    out += " · avoiding ";
    for (std::size_t i = 0; i < ctx.avoid.size(); ++i) out += (i ? ", " : "") + ctx.avoid[i];
  }
  // The rail service, where a route runs by rail (its speeds depend on it).
  const bool by_rail = std::any_of(answer.routes.begin(), answer.routes.end(), [](const Route& r) {
    return std::any_of(r.legs.begin(), r.legs.end(), [](const auto& leg) { return leg.carrier.mode == Mode::rail; });
  });
  if (by_rail && net.time_model.structured)
    out += " · rail service " + std::string(enum_name(ctx.rail_service)) + " (" + ctx.rail_service_reason + ")";
  // The road crew, where a route runs by road (its drivers' rest depends on it).
  const bool by_road = std::any_of(answer.routes.begin(), answer.routes.end(), [](const Route& r) {
    return std::any_of(r.legs.begin(), r.legs.end(), [](const auto& leg) { return leg.carrier.mode == Mode::road; });
  });
  if (by_road && net.time_model.structured)
    out += " · road crew " + std::string(enum_name(ctx.road_crew)) + " (" + ctx.road_crew_reason + ")";
  out += "\n";
  // What was taken for a place that is not a node, and where it may join.
  for (const auto* p : {&ctx.from_place, &ctx.to_place}) {
    if (p->is_node()) continue;
    out += p->name + " (" + p->country + (p->population >= 0 ? ", population " + format_number(double(p->population)) : "") +
           "; " + p->match + ") is not a network node: it joins by road at the best of ";
    for (std::size_t k = 0; k < p->terminals.size(); ++k)
      out += (k ? ", " : "") + net.nodes[p->terminals[k].node].name + " (" + format_number(p->terminals[k].great_circle_km) + " km)";
    out += ", great-circle distances\n";
  }
  out += "\n";
  if (answer.routes.empty()) return out + "No route: " + answer.no_route_reason + "\n";

  TextTable summary({{"#", Align::right}, {"route", Align::left}, {"days", Align::right}, {"hours", Align::right},
                     {"transit h", Align::right}, {"cost USD", Align::right}, {"CO2 kg", Align::right}, {"km", Align::right},
                     {"border stops", Align::right}});
  for (std::size_t i = 0; i < answer.routes.size(); ++i) {
    const auto& r = answer.routes[i];
    int stops = 0;
    for (const auto& c : r.crossings) stops += c.cost.dwell_h > 0 || c.cost.fee_usd > 0;
    summary.add_row({std::to_string(i + 1), r.label, format_number(r.total.time_h / 24.0, 1), hours(r.total.time_h),
                     hours(r.time.transit_h), format_number(r.total.cost_usd), format_number(r.total.co2_kg), format_number(r.total.distance_km),
                     std::to_string(stops)});
  }
  out += summary.render("") +
         "days and hours: door to door, loading, train assembly and unloading included; transit h: terminal to "
         "terminal, departure to arrival, as operators publish transit times\ncost USD: " + std::string(kCostBasis) + "\n\n";

  for (std::size_t i = 0; i < answer.routes.size(); ++i) {
    const auto& r = answer.routes[i];
    out += "Route " + std::to_string(i + 1) + ": " + r.label + "\n";
    TextTable t({{"step", Align::left}, {"from", Align::left}, {"to", Align::left}, {"km", Align::right},
                 {"hours", Align::right}, {"cost USD", Align::right}, {"CO2 kg", Align::right}, {"note", Align::left}});
    // Legs, stops and crossings in travel order.
    const int n_items = static_cast<int>(r.legs.size() + r.stops.size() + r.crossings.size()) + !!r.access + !!r.egress;
    auto access_row = [&](const AccessLeg& a, bool egress) {
      const auto& place = egress ? ctx.to_place : ctx.from_place;
      const auto& terminal = net.nodes[a.terminal].name;
      t.add_row({egress ? "road (last mile)" : "road (first mile)", egress ? terminal : place.name,
                 egress ? place.name : terminal, format_number(a.metrics.distance_km), hours(a.metrics.time_h),
                 format_number(a.metrics.cost_usd), format_number(a.metrics.co2_kg),
                 access_sentence(net, place, a, egress) + "; incl. " + hours(a.handling_h) + " h " +
                     (egress ? "unloading" : "loading")});
    };
    for (int order = 0; order < n_items; ++order) {
      if (r.access && r.access->order == order) access_row(*r.access, false);
      if (r.egress && r.egress->order == order) access_row(*r.egress, true);
      for (const auto& leg : r.legs) {
        if (leg.order != order) continue;
        std::string note;
        std::vector<std::string> parts;
        if (leg.wait_h > 0) parts.push_back(hours(leg.wait_h) + " h wait for departure");
        if (leg.rest_h > 0) parts.push_back(hours(leg.rest_h) + " h drivers' rest");
        if (leg.call_h > 0) parts.push_back(hours(leg.call_h) + " h port calls");
        if (leg.transship_h > 0) parts.push_back(hours(leg.transship_h) + " h transshipment at a hub");
        for (std::size_t k = 0; k < parts.size(); ++k) note += (k ? ", " : "incl. ") + parts[k];
        if (!leg.corridors.empty()) note += (note.empty() ? "" : "; ") + leg.corridors.front();
        t.add_row({carrier_name(leg.carrier), place(net, leg.from), place(net, leg.to),
                   format_number(leg.metrics.distance_km), hours(leg.metrics.time_h), format_number(leg.metrics.cost_usd),
                   format_number(leg.metrics.co2_kg), note});
      }
      for (const auto& s : r.stops) {
        if (s.order != order) continue;
        std::string what(stop_kind_name(s.kind));
        std::string note = s.kind == StopKind::load       ? "onto " + carrier_short(s.to)
                           : s.kind == StopKind::dispatch ? "train assembly and departure"
                           : s.kind == StopKind::unload ? "off " + carrier_short(s.from)
                           : s.kind == StopKind::import_clearance
                               ? "the cargo enters the customs territory of " + net.nodes[s.node].country + " by " +
                                     std::string(mode_name(s.from->mode))
                           : s.kind == StopKind::transit_clearance ? transit_clearance_note(net, r, s)
                                                        : carrier_short(s.from) + " → " + carrier_short(s.to);
        t.add_row({what, place(net, s.node), "", "", hours(s.dwell_h), format_number(s.cost_usd), "", note});
      }
      for (const auto& c : r.crossings) {
        if (c.order != order) continue;
        std::string note = c.cost.regime;
        for (const auto& a : c.cost.agreements) note += ", " + a;
        t.add_row({"border", crossing_name(net, c.from_node, c.to_node, c.cost.from_country, c.cost.to_country), "", "",
                   hours(c.cost.dwell_h), format_number(c.cost.fee_usd), "", note});
      }
    }
    t.add_row({"total", "", "", format_number(r.total.distance_km), hours(r.total.time_h), format_number(r.total.cost_usd),
               format_number(r.total.co2_kg), format_number(r.total.time_h / 24.0, 1) + " days"});
    out += t.render();
    if (!r.passages.empty()) {
      out += "  chokepoints: ";
      for (std::size_t k = 0; k < r.passages.size(); ++k) out += (k ? ", " : "") + chokepoint_name(r.passages[k].chokepoint);
      out += "\n";
    }
    out += "  countries: ";
    for (std::size_t k = 0; k < r.countries.size(); ++k) out += (k ? " " : "") + r.countries[k];
    const auto& tb = r.time;
    out += "\n  hours: " + hours(tb.moving_h) + " moving, " + hours(tb.wait_h) + " waiting for departures, " +
           (tb.rest_h > 0 ? hours(tb.rest_h) + " drivers' rest, " : std::string()) +
           (tb.call_h > 0 ? hours(tb.call_h) + " port calls, " : std::string()) +
           (tb.transship_h > 0 ? hours(tb.transship_h) + " transshipment, " : std::string()) +
           (tb.dispatch_h > 0 ? hours(tb.dispatch_h) + " train dispatch, " : std::string()) +
           hours(tb.transfer_h) + " changing mode or gauge, " + hours(tb.border_h) + " at borders, " + hours(tb.handling_h) +
           " loading and unloading" + (r.access || r.egress ? ", " + hours(tb.access_h) + " on first and last miles" : "") +
           "; terminal to terminal " + hours(tb.transit_h) + "\n";
    for (const auto& m : market_rates_on(net, ctx.scenario, r))
      out += "  market rate " + place(net, r.legs[m.first_leg].from) + " → " + place(net, r.legs[m.last_leg].to) + " by " +
             std::string(mode_name(m.rate->mode)) + ": " + format_number(m.rate->usd_per_teu) + " USD per TEU (" +
             m.rate->source + "); operating cost of that part " + format_number(m.operating_cost_usd) + " USD\n";
    out += "\n";
  }
  return out;
}

namespace {

// Written straight as dump(2) would print the tree, without building it.
std::string indented(const RouteResult& r, void (*write)(JsonWriter&, const RouteResult&, Precision)) {
  std::string text;
  JsonWriter w(text, 2);
  write(w, r, Precision::exact);
  text += '\n';
  return text;
}

}  // namespace

const std::vector<RouteFormat>& route_format_registry() {
  static const std::vector<RouteFormat> formats = {
      {"table", "aligned tables for people", [](const RouteResult& r) { return route_table(r); }},
      // Machine formats at full precision, as the CSV, the API and Python give them.
      {"json", "the answer as JSON (docs/cli.md), full precision",
       [](const RouteResult& r) { return indented(r, write_route_json); }},
      {"geojson", "legs as GeoJSON features, for QGIS, full precision",
       [](const RouteResult& r) { return indented(r, write_route_geojson); }},
      {"csv", "a row per leg of every route, full precision", [](const RouteResult& r) { return route_legs_csv(r); }},
  };
  return formats;
}

std::vector<std::string> route_formats() {
  std::vector<std::string> names;
  for (const auto& f : route_format_registry()) names.push_back(f.name);
  return names;
}

void write_route(const RouteResult& result, const std::string& format, std::ostream& out) {
  for (const auto& f : route_format_registry())
    if (f.name == format) {
      out << f.render(result);
      return;
    }
  std::string names;
  for (const auto& n : route_formats()) names += (names.empty() ? "" : ", ") + n;
  throw std::invalid_argument("format: expected one of " + names + ", got '" + format + "'");
}

}  // namespace silkroute::output
