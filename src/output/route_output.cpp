#include "output/route_output.hpp"

#include <cmath>

#include "network/names.hpp"
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

// A place as asked and taken: a node, a gazetteer place or coordinates, and where a place
// that is not a node may join the network.
ordered_json place_ref(const Network& net, const Place& p) {
  ordered_json j = {{"id", p.id.empty() ? ordered_json(nullptr) : ordered_json(p.id)},
                    {"name", p.name},
                    {"country", p.country},
                    {"lon", p.position.lon},
                    {"lat", p.position.lat},
                    {"kind", std::string(place_kind_name(p.kind))},
                    {"asked", p.asked},
                    {"match", p.match}};
  if (p.population >= 0) j["population"] = p.population;
  if (!p.is_node()) {
    auto terminals = ordered_json::array();
    for (const auto& t : p.terminals)
      terminals.push_back({{"id", net.nodes[t.node].id}, {"name", net.nodes[t.node].name}, {"great_circle_km", round_to(t.great_circle_km, 1)}});
    j["join_terminals"] = terminals;
  }
  return j;
}

// "Nanjing joins the network at Shanghai by road, 342 km" (egress: "leaves ... for").
std::string access_sentence(const Network& net, const Place& place, const AccessLeg& leg, bool egress) {
  return place.name + (egress ? " is reached from the network at " : " joins the network at ") + net.nodes[leg.terminal].name +
         " by road, " + format_number(leg.metrics.distance_km) + " km";
}

ordered_json carrier_json(const std::optional<Carrier>& c) {
  if (!c) return nullptr;
  ordered_json j = {{"mode", std::string(mode_name(c->mode))}};
  if (c->mode == Mode::rail) j["gauge_mm"] = c->gauge_mm;
  return j;
}

ordered_json totals_json(const Route& r, Rounder round_to) {
  return {{"time_h", round_to(r.total.time_h, 1)},
          {"time_days", round_to(r.total.time_h / 24.0, 1)},
          {"transit_h", round_to(r.time.transit_h, 1)},
          {"moving_h", round_to(r.time.moving_h, 1)},
          {"wait_h", round_to(r.time.wait_h, 1)},
          {"rest_h", round_to(r.time.rest_h, 1)},
          {"call_h", round_to(r.time.call_h, 1)},
          {"dispatch_h", round_to(r.time.dispatch_h, 1)},
          {"handling_h", round_to(r.time.handling_h, 1)},
          {"transfer_h", round_to(r.time.transfer_h, 1)},
          {"border_h", round_to(r.time.border_h, 1)},
          {"access_h", round_to(r.time.access_h, 1)},
          {"cost_usd", round_to(r.total.cost_usd, 0)},
          {"co2_kg", round_to(r.total.co2_kg, 0)},
          {"distance_km", round_to(r.total.distance_km, 1)},
          {"generalized_cost_usd", round_to(r.generalized_cost_usd, 0)}};
}

// A first or last mile as a leg of its own: kind "access" (place to terminal) or "egress"
// (terminal to place), by road, with the place's handling in its time and cost.
ordered_json access_leg_json(const Network& net, const Place& place, const AccessLeg& leg, bool egress, Rounder round_to) {
  const auto& t = net.nodes[leg.terminal];
  const ordered_json place_id = place.id.empty() ? ordered_json(nullptr) : ordered_json(place.id);
  ordered_json lj = {{"mode", "road"}, {"kind", egress ? "egress" : "access"}};
  lj["from"] = egress ? t.name : place.name;
  lj["from_id"] = egress ? ordered_json(t.id) : place_id;
  lj["to"] = egress ? place.name : t.name;
  lj["to_id"] = egress ? place_id : ordered_json(t.id);
  lj["distance_km"] = round_to(leg.metrics.distance_km, 1);
  lj["time_h"] = round_to(leg.metrics.time_h, 1);
  lj["wait_h"] = 0.0;
  lj["rest_h"] = round_to(leg.rest_h, 1);
  lj["call_h"] = 0.0;
  lj["cost_usd"] = round_to(leg.metrics.cost_usd, 0);
  lj["co2_kg"] = round_to(leg.metrics.co2_kg, 0);
  lj["corridors"] = ordered_json::array();
  lj["links"] = ordered_json::array();
  lj["great_circle_km"] = round_to(leg.great_circle_km, 1);
  lj["handling_h"] = round_to(leg.handling_h, 1);
  lj["handling_cost_usd"] = round_to(leg.handling_cost_usd, 0);
  lj["note"] = access_sentence(net, place, leg, egress);
  return lj;
}

// The scenario's market rates on the lanes this route runs, beside the model's operating cost.
ordered_json market_rates_json(const Network& net, const Scenario& scenario, const Route& r, Rounder round_to) {
  ordered_json out = ordered_json::array();
  for (const auto& m : market_rates_on(net, scenario, r))
    out.push_back({{"from", m.rate->from},
                   {"from_name", place(net, r.legs[m.first_leg].from)},
                   {"to", m.rate->to},
                   {"to_name", place(net, r.legs[m.last_leg].to)},
                   {"mode", std::string(mode_name(m.rate->mode))},
                   {"market_rate_usd_per_teu", m.rate->usd_per_teu},
                   {"operating_cost_usd", round_to(m.operating_cost_usd, 0)},
                   {"source", m.rate->source}});
  return out;
}

ordered_json route_to_json(const RouteResult& ctx, const Route& r, int rank, Rounder round_to) {
  const auto& net = ctx.net();
  ordered_json j;
  j["rank"] = rank;
  j["label"] = r.label;
  j["total"] = totals_json(r, round_to);
  j["legs"] = ordered_json::array();
  if (r.access) j["legs"].push_back(access_leg_json(net, ctx.from_place, *r.access, false, round_to));
  for (const auto& leg : r.legs) {
    ordered_json links = ordered_json::array();
    for (auto l : leg.links) links.push_back(net.links[l].id);
    ordered_json lj = {{"mode", std::string(mode_name(leg.carrier.mode))}, {"kind", "network"}};
    if (leg.carrier.mode == Mode::rail) lj["gauge_mm"] = leg.carrier.gauge_mm;
    lj["from"] = place(net, leg.from);
    lj["from_id"] = net.nodes[leg.from].id;
    lj["to"] = place(net, leg.to);
    lj["to_id"] = net.nodes[leg.to].id;
    lj["distance_km"] = round_to(leg.metrics.distance_km, 1);
    lj["time_h"] = round_to(leg.metrics.time_h, 1);
    lj["wait_h"] = round_to(leg.wait_h, 1);
    lj["rest_h"] = round_to(leg.rest_h, 1);
    lj["call_h"] = round_to(leg.call_h, 1);
    lj["cost_usd"] = round_to(leg.metrics.cost_usd, 0);
    lj["co2_kg"] = round_to(leg.metrics.co2_kg, 0);
    lj["corridors"] = leg.corridors;
    lj["links"] = links;
    j["legs"].push_back(lj);
  }
  if (r.egress) j["legs"].push_back(access_leg_json(net, ctx.to_place, *r.egress, true, round_to));
  j["stops"] = ordered_json::array();
  for (const auto& s : r.stops) {
    j["stops"].push_back({{"kind", std::string(stop_kind_name(s.kind))},
                          {"at", place(net, s.node)},
                          {"at_id", net.nodes[s.node].id},
                          {"from", carrier_json(s.from)},
                          {"to", carrier_json(s.to)},
                          {"dwell_h", round_to(s.dwell_h, 1)},
                          {"cost_usd", round_to(s.cost_usd, 0)}});
  }
  j["crossings"] = ordered_json::array();
  for (const auto& c : r.crossings) {
    j["crossings"].push_back({{"name", crossing_name(net, c.from_node, c.to_node, c.cost.from_country, c.cost.to_country)},
                              {"from_country", c.cost.from_country},
                              {"to_country", c.cost.to_country},
                              {"from", place(net, c.from_node)},
                              {"to", place(net, c.to_node)},
                              {"mode", std::string(mode_name(c.mode))},
                              {"regime", c.cost.regime},
                              {"agreements", c.cost.agreements},
                              {"dwell_h", round_to(c.cost.dwell_h, 1)},
                              {"fee_usd", round_to(c.cost.fee_usd, 0)}});
  }
  j["passages"] = ordered_json::array();
  for (const auto& p : r.passages) j["passages"].push_back({{"chokepoint", p.chokepoint}, {"name", chokepoint_name(p.chokepoint)}, {"link", net.links[p.link].id}});
  j["countries"] = r.countries;
  j["corridors"] = r.corridors;
  return j;
}

}  // namespace

ordered_json route_json(const RouteResult& ctx, Precision precision) {
  const auto& answer = ctx.answer;
  const Rounder round_to{precision};
  ordered_json j;
  j["query"] = {{"from", place_ref(ctx.net(), ctx.from_place)},
                {"to", place_ref(ctx.net(), ctx.to_place)},
                {"cargo", ctx.cargo.id},
                {"objective", std::string(objective_name(ctx.objective))},
                {"scenario", ctx.scenario.name},
                {"avoid", ctx.avoid}};
  j["routes"] = ordered_json::array();
  j["cost_basis"] = kCostBasis;
  for (std::size_t i = 0; i < answer.routes.size(); ++i) {
    j["routes"].push_back(route_to_json(ctx, answer.routes[i], int(i) + 1, round_to));
    if (!ctx.scenario.market_rates.empty())
      j["routes"].back()["market_rates"] = market_rates_json(ctx.net(), ctx.scenario, answer.routes[i], round_to);
  }
  if (answer.routes.empty()) j["no_route_reason"] = answer.no_route_reason;
  return j;
}

ordered_json route_geojson(const RouteResult& ctx, Precision precision) {
  const auto& answer = ctx.answer;
  const Rounder round_to{precision};
  ordered_json fc = {{"type", "FeatureCollection"}, {"features", ordered_json::array()}};
  for (std::size_t i = 0; i < answer.routes.size(); ++i) {
    const auto& r = answer.routes[i];
    const int first = r.access ? 1 : 0;  // leg numbers count the first mile
    auto access_feature = [&](const AccessLeg& a, bool egress) {
      const auto& t = ctx.net().nodes[a.terminal].position;
      const auto& place = egress ? ctx.to_place : ctx.from_place;
      const ordered_json place_id = place.id.empty() ? ordered_json(nullptr) : ordered_json(place.id);  // none for coordinates
      ordered_json coords = ordered_json::array();
      coords.push_back(egress ? ordered_json{t.lon, t.lat} : ordered_json{place.position.lon, place.position.lat});
      coords.push_back(egress ? ordered_json{place.position.lon, place.position.lat} : ordered_json{t.lon, t.lat});
      ordered_json props = {{"route", int(i) + 1},
                            {"route_label", r.label},
                            {"leg", egress ? int(r.legs.size()) + first + 1 : 1},
                            {"mode", "road"},
                            {"kind", egress ? "egress" : "access"},
                            {"gauge_mm", 0},
                            {"from", egress ? ctx.net().nodes[a.terminal].name : place.name},
                            {"from_id", egress ? ordered_json(ctx.net().nodes[a.terminal].id) : place_id},
                            {"to", egress ? place.name : ctx.net().nodes[a.terminal].name},
                            {"to_id", egress ? place_id : ordered_json(ctx.net().nodes[a.terminal].id)},
                            {"distance_km", round_to(a.metrics.distance_km, 1)},
                            {"time_h", round_to(a.metrics.time_h, 1)},
                            {"cost_usd", round_to(a.metrics.cost_usd, 0)},
                            {"co2_kg", round_to(a.metrics.co2_kg, 0)},
                            {"route_time_h", round_to(r.total.time_h, 1)},
                            {"route_transit_h", round_to(r.time.transit_h, 1)},
                            {"route_cost_usd", round_to(r.total.cost_usd, 0)},
                            {"note", access_sentence(ctx.net(), place, a, egress)}};
      fc["features"].push_back({{"type", "Feature"},
                                {"properties", props},
                                {"geometry", {{"type", "LineString"}, {"coordinates", coords}}}});
    };
    if (r.access) access_feature(*r.access, false);
    for (std::size_t k = 0; k < r.legs.size(); ++k) {
      const auto& leg = r.legs[k];
      ordered_json coords = ordered_json::array();
      for (auto n : leg.nodes) coords.push_back({ctx.net().nodes[n].position.lon, ctx.net().nodes[n].position.lat});
      ordered_json props = {{"route", int(i) + 1},
                            {"route_label", r.label},
                            {"leg", int(k) + first + 1},
                            {"mode", std::string(mode_name(leg.carrier.mode))},
                            {"kind", "network"},
                            {"gauge_mm", leg.carrier.mode == Mode::rail ? leg.carrier.gauge_mm : 0},
                            {"from", place(ctx.net(), leg.from)},
                            {"from_id", ctx.net().nodes[leg.from].id},
                            {"to", place(ctx.net(), leg.to)},
                            {"to_id", ctx.net().nodes[leg.to].id},
                            {"distance_km", round_to(leg.metrics.distance_km, 1)},
                            {"time_h", round_to(leg.metrics.time_h, 1)},
                            {"cost_usd", round_to(leg.metrics.cost_usd, 0)},
                            {"co2_kg", round_to(leg.metrics.co2_kg, 0)},
                            {"route_time_h", round_to(r.total.time_h, 1)},
                            {"route_transit_h", round_to(r.time.transit_h, 1)},
                            {"route_cost_usd", round_to(r.total.cost_usd, 0)}};
      fc["features"].push_back({{"type", "Feature"},
                                {"properties", props},
                                {"geometry", {{"type", "LineString"}, {"coordinates", coords}}}});
    }
    if (r.egress) access_feature(*r.egress, true);
  }
  return fc;
}

namespace {

std::string hours(double h) { return format_number(h, 1); }

std::string carrier_short(const std::optional<Carrier>& c) { return c ? carrier_name(*c) : ""; }

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

const std::vector<RouteFormat>& route_format_registry() {
  static const std::vector<RouteFormat> formats = {
      {"table", "aligned tables for people", [](const RouteResult& r) { return route_table(r); }},
      // Machine formats at full precision, as the CSV, the API and Python give them.
      {"json", "the answer as JSON (docs/cli.md), full precision",
       [](const RouteResult& r) { return route_json(r, Precision::exact).dump(2) + "\n"; }},
      {"geojson", "legs as GeoJSON features, for QGIS, full precision",
       [](const RouteResult& r) { return route_geojson(r, Precision::exact).dump(2) + "\n"; }},
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
