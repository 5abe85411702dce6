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

ordered_json node_ref(const Network& net, NodeIndex n) {
  const auto& node = net.nodes[n];
  return {{"id", node.id}, {"name", node.name}, {"country", node.country}, {"lon", node.position.lon}, {"lat", node.position.lat}};
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
          {"handling_h", round_to(r.time.handling_h, 1)},
          {"transfer_h", round_to(r.time.transfer_h, 1)},
          {"border_h", round_to(r.time.border_h, 1)},
          {"cost_usd", round_to(r.total.cost_usd, 0)},
          {"co2_kg", round_to(r.total.co2_kg, 0)},
          {"distance_km", round_to(r.total.distance_km, 1)},
          {"generalized_cost_usd", round_to(r.generalized_cost_usd, 0)}};
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

ordered_json route_to_json(const Network& net, const Route& r, int rank, Rounder round_to) {
  ordered_json j;
  j["rank"] = rank;
  j["label"] = r.label;
  j["total"] = totals_json(r, round_to);
  j["legs"] = ordered_json::array();
  for (const auto& leg : r.legs) {
    ordered_json links = ordered_json::array();
    for (auto l : leg.links) links.push_back(net.links[l].id);
    ordered_json lj = {{"mode", std::string(mode_name(leg.carrier.mode))}};
    if (leg.carrier.mode == Mode::rail) lj["gauge_mm"] = leg.carrier.gauge_mm;
    lj["from"] = place(net, leg.from);
    lj["from_id"] = net.nodes[leg.from].id;
    lj["to"] = place(net, leg.to);
    lj["to_id"] = net.nodes[leg.to].id;
    lj["distance_km"] = round_to(leg.metrics.distance_km, 1);
    lj["time_h"] = round_to(leg.metrics.time_h, 1);
    lj["wait_h"] = round_to(leg.wait_h, 1);
    lj["cost_usd"] = round_to(leg.metrics.cost_usd, 0);
    lj["co2_kg"] = round_to(leg.metrics.co2_kg, 0);
    lj["corridors"] = leg.corridors;
    lj["links"] = links;
    j["legs"].push_back(lj);
  }
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
  j["query"] = {{"from", node_ref(ctx.net(), ctx.from)},
                {"to", node_ref(ctx.net(), ctx.to)},
                {"cargo", ctx.cargo.id},
                {"objective", std::string(objective_name(ctx.objective))},
                {"scenario", ctx.scenario.name},
                {"avoid", ctx.avoid}};
  j["routes"] = ordered_json::array();
  j["cost_basis"] = kCostBasis;
  for (std::size_t i = 0; i < answer.routes.size(); ++i) {
    j["routes"].push_back(route_to_json(ctx.net(), answer.routes[i], int(i) + 1, round_to));
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
    for (std::size_t k = 0; k < r.legs.size(); ++k) {
      const auto& leg = r.legs[k];
      ordered_json coords = ordered_json::array();
      for (auto n : leg.nodes) coords.push_back({ctx.net().nodes[n].position.lon, ctx.net().nodes[n].position.lat});
      ordered_json props = {{"route", int(i) + 1},
                            {"route_label", r.label},
                            {"leg", int(k) + 1},
                            {"mode", std::string(mode_name(leg.carrier.mode))},
                            {"gauge_mm", leg.carrier.mode == Mode::rail ? leg.carrier.gauge_mm : 0},
                            {"from", place(ctx.net(), leg.from)},
                            {"to", place(ctx.net(), leg.to)},
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
         "as operators publish transit times\ncost USD: " + std::string(kCostBasis) + "\n\n";

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
           hours(tb.transfer_h) + " changing mode or gauge, " + hours(tb.border_h) + " at borders, " + hours(tb.handling_h) +
           " loading and unloading; terminal to terminal " + hours(tb.transit_h) + "\n";
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
      {"json", "the answer as JSON (docs/cli.md)", [](const RouteResult& r) { return route_json(r).dump(2) + "\n"; }},
      {"geojson", "legs as GeoJSON features, for QGIS", [](const RouteResult& r) { return route_geojson(r).dump(2) + "\n"; }},
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
