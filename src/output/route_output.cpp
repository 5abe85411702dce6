#include "output/route_output.hpp"

#include <cmath>

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

template <typename T>
void write_strings(JsonWriter& w, const std::vector<T>& items) {
  w.begin_array();
  for (const auto& s : items) w.value(s);
  w.end_array();
}

void write_node_ref(JsonWriter& w, const Network& net, NodeIndex n) {
  const auto& node = net.nodes[n];
  w.begin_object();
  w.field("id", node.id);
  w.field("name", node.name);
  w.field("country", node.country);
  w.field("lon", node.position.lon);
  w.field("lat", node.position.lat);
  w.end_object();
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
  w.field("handling_h", round_to(r.time.handling_h, 1));
  w.field("transfer_h", round_to(r.time.transfer_h, 1));
  w.field("border_h", round_to(r.time.border_h, 1));
  w.field("cost_usd", round_to(r.total.cost_usd, 0));
  w.field("co2_kg", round_to(r.total.co2_kg, 0));
  w.field("distance_km", round_to(r.total.distance_km, 1));
  w.field("generalized_cost_usd", round_to(r.generalized_cost_usd, 0));
  w.end_object();
}

void write_leg(JsonWriter& w, const Network& net, const Leg& leg, Rounder round_to) {
  w.begin_object();
  w.field("mode", mode_name(leg.carrier.mode));
  if (leg.carrier.mode == Mode::rail) w.field("gauge_mm", leg.carrier.gauge_mm);
  w.field("from", net.nodes[leg.from].name);
  w.field("from_id", net.nodes[leg.from].id);
  w.field("to", net.nodes[leg.to].name);
  w.field("to_id", net.nodes[leg.to].id);
  w.field("distance_km", round_to(leg.metrics.distance_km, 1));
  w.field("time_h", round_to(leg.metrics.time_h, 1));
  w.field("wait_h", round_to(leg.wait_h, 1));
  w.field("cost_usd", round_to(leg.metrics.cost_usd, 0));
  w.field("co2_kg", round_to(leg.metrics.co2_kg, 0));
  w.key("corridors");
  write_strings(w, leg.corridors);
  w.key("links");
  w.begin_array();
  for (auto l : leg.links) w.value(net.links[l].id);
  w.end_array();
  w.end_object();
}

void write_stop(JsonWriter& w, const Network& net, const Stop& s, Rounder round_to) {
  w.begin_object();
  w.field("kind", stop_kind_name(s.kind));
  w.field("at", net.nodes[s.node].name);
  w.field("at_id", net.nodes[s.node].id);
  w.key("from");
  write_carrier(w, s.from);
  w.key("to");
  write_carrier(w, s.to);
  w.field("dwell_h", round_to(s.dwell_h, 1));
  w.field("cost_usd", round_to(s.cost_usd, 0));
  w.end_object();
}

void write_crossing(JsonWriter& w, const Network& net, const Crossing& c, Rounder round_to) {
  w.begin_object();
  w.field("from_country", c.cost.from_country);
  w.field("to_country", c.cost.to_country);
  w.field("from", net.nodes[c.from_node].name);
  w.field("to", net.nodes[c.to_node].name);
  w.field("mode", mode_name(c.mode));
  w.field("regime", c.cost.regime);
  w.key("agreements");
  write_strings(w, c.cost.agreements);
  w.field("dwell_h", round_to(c.cost.dwell_h, 1));
  w.field("fee_usd", round_to(c.cost.fee_usd, 0));
  w.end_object();
}

template <typename F>
nlohmann::ordered_json tree_of(F&& write) {
  std::string text;
  JsonWriter w(text);
  write(w);
  return ordered_json::parse(text);
}

}  // namespace

void write_route_fields(JsonWriter& w, const Network& net, const Route& r, int rank, Precision precision) {
  const Rounder round_to{precision};
  w.field("rank", rank);
  w.field("label", r.label);
  w.key("total");
  write_totals(w, r, round_to);
  w.key("legs");
  w.begin_array();
  for (const auto& leg : r.legs) write_leg(w, net, leg, round_to);
  w.end_array();
  w.key("stops");
  w.begin_array();
  for (const auto& s : r.stops) write_stop(w, net, s, round_to);
  w.end_array();
  w.key("crossings");
  w.begin_array();
  for (const auto& c : r.crossings) write_crossing(w, net, c, round_to);
  w.end_array();
  w.key("passages");
  w.begin_array();
  for (const auto& p : r.passages) {
    w.begin_object();
    w.field("chokepoint", p.chokepoint);
    w.field("link", net.links[p.link].id);
    w.end_object();
  }
  w.end_array();
  w.key("countries");
  write_strings(w, r.countries);
  w.key("corridors");
  write_strings(w, r.corridors);
}

void write_route_query(JsonWriter& w, const RouteResult& ctx) {
  w.begin_object();
  w.key("from");
  write_node_ref(w, ctx.net(), ctx.from);
  w.key("to");
  write_node_ref(w, ctx.net(), ctx.to);
  w.field("cargo", ctx.cargo.id);
  w.field("objective", objective_name(ctx.objective));
  w.field("scenario", ctx.scenario.name);
  w.key("avoid");
  write_strings(w, ctx.avoid);
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
    write_route_fields(w, ctx.net(), answer.routes[i], int(i) + 1, precision);
    w.end_object();
  }
  w.end_array();
  if (answer.routes.empty()) w.field("no_route_reason", answer.no_route_reason);
  w.end_object();
}

void write_lonlat(JsonWriter& w, const Network& net, NodeIndex n) {
  w.begin_array();
  w.value(net.nodes[n].position.lon);
  w.value(net.nodes[n].position.lat);
  w.end_array();
}

void write_route_geojson(JsonWriter& w, const RouteResult& ctx, Precision precision, const LonLatText* lonlat) {
  const auto& answer = ctx.answer;
  const auto& net = ctx.net();
  const Rounder round_to{precision};
  w.begin_object();
  w.field("type", "FeatureCollection");
  w.key("features");
  w.begin_array();
  for (std::size_t i = 0; i < answer.routes.size(); ++i) {
    const auto& r = answer.routes[i];
    for (std::size_t k = 0; k < r.legs.size(); ++k) {
      const auto& leg = r.legs[k];
      w.begin_object();
      w.field("type", "Feature");
      w.key("properties");
      w.begin_object();
      w.field("route", int(i) + 1);
      w.field("route_label", r.label);
      w.field("leg", int(k) + 1);
      w.field("mode", mode_name(leg.carrier.mode));
      w.field("gauge_mm", leg.carrier.mode == Mode::rail ? leg.carrier.gauge_mm : 0);
      w.field("from", net.nodes[leg.from].name);
      w.field("to", net.nodes[leg.to].name);
      w.field("distance_km", round_to(leg.metrics.distance_km, 1));
      w.field("time_h", round_to(leg.metrics.time_h, 1));
      w.field("cost_usd", round_to(leg.metrics.cost_usd, 0));
      w.field("co2_kg", round_to(leg.metrics.co2_kg, 0));
      w.field("route_time_h", round_to(r.total.time_h, 1));
      w.field("route_transit_h", round_to(r.time.transit_h, 1));
      w.field("route_cost_usd", round_to(r.total.cost_usd, 0));
      w.end_object();
      w.key("geometry");
      w.begin_object();
      w.field("type", "LineString");
      w.key("coordinates");
      w.begin_array();
      for (auto n : leg.nodes) {
        if (lonlat) w.raw((*lonlat)[n]);
        else write_lonlat(w, net, n);
      }
      w.end_array();
      w.end_object();
      w.end_object();
    }
  }
  w.end_array();
  w.end_object();
}

LonLatText lonlat_text(const Network& net) {
  LonLatText out(net.nodes.size());
  for (std::size_t n = 0; n < net.nodes.size(); ++n) {
    JsonWriter w(out[n]);
    write_lonlat(w, net, static_cast<NodeIndex>(n));
  }
  return out;
}

ordered_json route_json(const RouteResult& ctx, Precision precision) {
  return tree_of([&](JsonWriter& w) { write_route_json(w, ctx, precision); });
}

ordered_json route_geojson(const RouteResult& ctx, Precision precision) {
  return tree_of([&](JsonWriter& w) { write_route_geojson(w, ctx, precision); });
}

namespace {

std::string hours(double h) { return format_number(h, 1); }

std::string carrier_short(const std::optional<Carrier>& c) { return c ? carrier_name(*c) : ""; }

}  // namespace

std::string route_table(const RouteResult& ctx) {
  const auto& answer = ctx.answer;
  const auto& net = ctx.net();
  std::string out = net.nodes[ctx.from].name + " → " + net.nodes[ctx.to].name + " · cargo " + ctx.cargo.name +
                    " · objective " + std::string(objective_name(ctx.objective)) + " · scenario " + ctx.scenario.name;
  if (!ctx.avoid.empty()) {
    out += " · avoiding ";
    for (std::size_t i = 0; i < ctx.avoid.size(); ++i) out += (i ? ", " : "") + ctx.avoid[i];
  }
  out += "\n\n";
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
         "days and hours: door to door, loading and unloading included; transit h: terminal to terminal, "
         "as operators publish transit times\n\n";

  for (std::size_t i = 0; i < answer.routes.size(); ++i) {
    const auto& r = answer.routes[i];
    out += "Route " + std::to_string(i + 1) + ": " + r.label + "\n";
    TextTable t({{"step", Align::left}, {"from", Align::left}, {"to", Align::left}, {"km", Align::right},
                 {"hours", Align::right}, {"cost USD", Align::right}, {"CO2 kg", Align::right}, {"note", Align::left}});
    // Legs, stops and crossings in travel order.
    const int n_items = static_cast<int>(r.legs.size() + r.stops.size() + r.crossings.size());
    for (int order = 0; order < n_items; ++order) {
      for (const auto& leg : r.legs) {
        if (leg.order != order) continue;
        std::string note;
        if (leg.wait_h > 0) note = "incl. " + hours(leg.wait_h) + " h wait for departure";
        if (!leg.corridors.empty()) note += (note.empty() ? "" : "; ") + leg.corridors.front();
        t.add_row({carrier_name(leg.carrier), place(net, leg.from), place(net, leg.to),
                   format_number(leg.metrics.distance_km), hours(leg.metrics.time_h), format_number(leg.metrics.cost_usd),
                   format_number(leg.metrics.co2_kg), note});
      }
      for (const auto& s : r.stops) {
        if (s.order != order) continue;
        std::string what(stop_kind_name(s.kind));
        std::string note = s.kind == StopKind::load ? "onto " + carrier_short(s.to)
                           : s.kind == StopKind::unload ? "off " + carrier_short(s.from)
                                                        : carrier_short(s.from) + " → " + carrier_short(s.to);
        t.add_row({what, place(net, s.node), "", "", hours(s.dwell_h), format_number(s.cost_usd), "", note});
      }
      for (const auto& c : r.crossings) {
        if (c.order != order) continue;
        std::string note = c.cost.regime;
        for (const auto& a : c.cost.agreements) note += ", " + a;
        t.add_row({"border " + c.cost.from_country + "→" + c.cost.to_country, place(net, c.from_node),
                   place(net, c.to_node), "", hours(c.cost.dwell_h), format_number(c.cost.fee_usd), "", note});
      }
    }
    t.add_row({"total", "", "", format_number(r.total.distance_km), hours(r.total.time_h), format_number(r.total.cost_usd),
               format_number(r.total.co2_kg), format_number(r.total.time_h / 24.0, 1) + " days"});
    out += t.render();
    if (!r.passages.empty()) {
      out += "  chokepoints: ";
      for (std::size_t k = 0; k < r.passages.size(); ++k) out += (k ? ", " : "") + r.passages[k].chokepoint;
      out += "\n";
    }
    out += "  countries: ";
    for (std::size_t k = 0; k < r.countries.size(); ++k) out += (k ? " " : "") + r.countries[k];
    const auto& tb = r.time;
    out += "\n  hours: " + hours(tb.moving_h) + " moving, " + hours(tb.wait_h) + " waiting for departures, " +
           hours(tb.transfer_h) + " changing mode or gauge, " + hours(tb.border_h) + " at borders, " + hours(tb.handling_h) +
           " loading and unloading; terminal to terminal " + hours(tb.transit_h) + "\n\n";
  }
  return out;
}

const std::vector<RouteFormat>& route_format_registry() {
  static const std::vector<RouteFormat> formats = {
      {"table", "aligned tables for people", [](const RouteResult& r) { return route_table(r); }},
      {"json", "the answer as JSON (docs/cli.md)", [](const RouteResult& r) { return route_json(r).dump(2) + "\n"; }},
      {"geojson", "legs as GeoJSON features, for QGIS", [](const RouteResult& r) { return route_geojson(r).dump(2) + "\n"; }},
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
