#include "output/analysis_output.hpp"
#include "output/market_rates.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "io/csv_writer.hpp"
#include "output/text_table.hpp"

namespace silkroute::output {

using io::csv_number;
using io::csv_row;

namespace {

std::string signed_number(double v, int decimals) {
  if (std::fabs(v) < 0.5 * std::pow(10.0, -decimals)) return format_number(0.0, decimals);
  std::string out = v > 0 ? "+" : "";  // not "x" + temporary: GCC 12 warns falsely (-Wrestrict)
  out += format_number(v, decimals);
  return out;
}
std::string pct(double v) { return signed_number(v, 1) + "%"; }
std::string days(double hours) { return format_number(hours / 24.0, 1); }

std::string place(const Network& net, NodeIndex n) { return net.nodes[n].name; }

std::string country_name(const Network& net, const std::string& iso3) {
  const auto* c = net.country(iso3);
  return c ? c->name : iso3;
}

std::string weight_text(double w) { return w > 0 ? format_number(w) : "-"; }

nlohmann::ordered_json decomposition_json(const TimeDecomposition& d) {
  return {{"network_h", d.network_h}, {"borders_h", d.borders_h}, {"mode_switch_h", d.mode_switch_h}};
}

nlohmann::ordered_json stats_json(const ChangeStats& s) {
  return {{"pairs", s.pairs},
          {"routed_in_both", s.both_routed},
          {"newly_connected", s.newly_connected},
          {"cut_off", s.cut_off},
          {"weight", s.weight},
          {"time_change_h", s.time_change_h},
          {"time_change_pct", s.time_change_pct},
          {"cost_change_pct", s.cost_change_pct},
          {"co2_change_pct", s.co2_change_pct},
          {"faster_share", s.faster_share},
          {"slower_share", s.slower_share},
          {"mode_switched", s.mode_switched},
          {"mode_switch_share", s.mode_switch_share},
          {"time_change_parts_h", decomposition_json(s.time_change_parts)}};
}

nlohmann::ordered_json totals_json(const std::optional<Route>& r) {
  if (!r) return nullptr;
  return {{"time_h", r->total.time_h},
          {"cost_usd", r->total.cost_usd},
          {"co2_kg", r->total.co2_kg},
          {"distance_km", r->total.distance_km},
          {"generalized_cost_usd", r->generalized_cost_usd},
          {"label", r->label}};
}

TextTable aggregate_table(const std::string& first) {
  return TextTable({{first, Align::left},
                    {"name", Align::left},
                    {"pairs", Align::right},
                    {"weight", Align::right},
                    {"time days", Align::right},
                    {"time", Align::right},
                    {"cost", Align::right},
                    {"CO2", Align::right},
                    {"new/cut", Align::right}});
}

void add_aggregate_row(TextTable& t, const std::string& id, const std::string& name, const ChangeStats& s,
                       bool weighted) {
  t.add_row({id, name, std::to_string(s.pairs), weighted ? weight_text(s.weight) : "-", signed_number(s.time_change_h / 24.0, 1),
             pct(s.time_change_pct), pct(s.cost_change_pct), pct(s.co2_change_pct),
             std::to_string(s.newly_connected) + "/" + std::to_string(s.cut_off)});
}

}  // namespace

std::string comparison_table(const Network& net, const Comparison& c, const CompareView& view) {
  std::ostringstream out;
  const auto& s = c.overall;
  const bool weighted = c.weighted;
  out << "Compare " << c.scenario_a << " → " << c.scenario_b << " · cargo " << c.cargo << " · objective "
      << objective_name(c.objective) << " · " << c.pairs.size() << " pairs"
      << (weighted ? " · means weighted by the pairs' weights" : " · unweighted means") << "\n"
      << "cost: " << kCostBasis << "\n\n";
  out << "Overall\n"
      << "  routed in both " << s.both_routed << " of " << s.pairs << " · newly connected " << s.newly_connected
      << " · cut off " << s.cut_off << (weighted ? " · weight " + format_number(s.weight) : "") << "\n"
      << "  time " << signed_number(s.time_change_h / 24.0, 1) << " days (" << pct(s.time_change_pct) << ") · cost "
      << pct(s.cost_change_pct) << " · CO2 " << pct(s.co2_change_pct) << "\n"
      << "  faster by over an hour: " << format_number(100 * s.faster_share) << "% · slower: "
      << format_number(100 * s.slower_share) << "%" << (weighted ? " (of weight)" : " (of pairs)") << "\n"
      << "  change in days per pair: p10 " << signed_number(c.time_change_h.p10 / 24, 1) << " · p25 "
      << signed_number(c.time_change_h.p25 / 24, 1) << " · median " << signed_number(c.time_change_h.p50 / 24, 1)
      << " · p75 " << signed_number(c.time_change_h.p75 / 24, 1) << " · p90 "
      << signed_number(c.time_change_h.p90 / 24, 1) << "\n"
      << "  where the change comes from, days: same modes, network (lines, terminals, closures) "
      << signed_number(s.time_change_parts.network_h / 24.0, 2) << " · same modes, borders "
      << signed_number(s.time_change_parts.borders_h / 24.0, 2) << " · mode switch "
      << signed_number(s.time_change_parts.mode_switch_h / 24.0, 2) << "\n"
      << "  pairs switching mode: " << s.mode_switched << " (" << format_number(100 * s.mode_switch_share) << "%"
      << (weighted ? " of weight" : " of pairs") << ")\n\n";

  // Largest changes in time among pairs routed in both; pairs that gain or lose a route
  // are listed apart, since they have no time change to rank by.
  std::vector<const PairChange*> order, gained, lost;
  for (const auto& pc : c.pairs) {
    if (pc.both()) order.push_back(&pc);
    else if (pc.b) gained.push_back(&pc);
    else if (pc.a) lost.push_back(&pc);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](auto* x, auto* y) { return std::fabs(x->time_change_h()) > std::fabs(y->time_change_h()); });
  if (order.size() > static_cast<std::size_t>(view.top)) order.resize(view.top);
  for (auto [list, title] : {std::pair{&gained, "Newly connected"}, std::pair{&lost, "Cut off"}}) {
    if (list->empty()) continue;
    out << title << " (" << list->size() << " pairs): ";
    for (std::size_t i = 0; i < list->size() && i < static_cast<std::size_t>(view.top); ++i)
      out << (i ? "; " : "") << place(net, (*list)[i]->pair.from) << " - " << place(net, (*list)[i]->pair.to);
    out << (list->size() > static_cast<std::size_t>(view.top) ? "; ..." : "") << "\n";
  }
  if (!gained.empty() || !lost.empty()) out << "\n";
  if (!order.empty()) {
    TextTable t({{"pair", Align::left}, {"weight", Align::right}, {"days A", Align::right}, {"days B", Align::right},
                 {"change", Align::right}, {"network", Align::right}, {"borders", Align::right},
                 {"switch", Align::right}, {"cost", Align::right}, {"route in " + c.scenario_a, Align::left},
                 {"route in " + c.scenario_b, Align::left}});
    for (const auto* p : order) {
      const auto d = p->decomposition();
      t.add_row({place(net, p->pair.from) + " - " + place(net, p->pair.to), weighted ? weight_text(p->pair.weight) : "-",
                 p->a ? days(p->a->total.time_h) : "no route", p->b ? days(p->b->total.time_h) : "no route",
                 p->both() ? signed_number(p->time_change_h() / 24.0, 1) : "", signed_number(d.network_h / 24.0, 1),
                 signed_number(d.borders_h / 24.0, 1), signed_number(d.mode_switch_h / 24.0, 1),
                 p->both() ? pct(p->cost_change_pct()) : "",
                 p->a ? p->a->label : "-", p->b ? p->b->label : "-"});
    }
    out << "Largest changes in time (days; network, borders and switch: where the change comes from)\n" << t.render()
        << "\n";
  }
  if (view.by_country) {
    auto t = aggregate_table("country");
    for (const auto& [iso3, st] : c.by_country) add_aggregate_row(t, iso3, country_name(net, iso3), st, weighted);
    out << "By country (pairs with an end in the country)\n" << t.render() << "\n";
  }
  if (view.by_corridor) {
    auto t = aggregate_table("corridor");
    for (const auto& [k, st] : c.by_corridor) add_aggregate_row(t, k, "", st, weighted);
    out << "By corridor (pairs whose route uses the corridor in either scenario)\n" << t.render() << "\n";
  }
  return out.str();
}

std::string comparison_csv(const Network& net, const Comparison& c, const CompareView& view) {
  std::string out;
  if (view.by_country || view.by_corridor) {
    out += csv_row({"group", "id", "name", "pairs", "routed_in_both", "newly_connected", "cut_off", "weight",
                    "time_change_h", "time_change_pct", "cost_change_pct", "co2_change_pct", "network_h", "borders_h",
                    "mode_switch_h", "mode_switched"});
    auto row = [&](const std::string& group, const std::string& id, const std::string& name, const ChangeStats& s) {
      out += csv_row({group, id, name, std::to_string(s.pairs), std::to_string(s.both_routed),
                      std::to_string(s.newly_connected), std::to_string(s.cut_off), csv_number(s.weight),
                      csv_number(s.time_change_h), csv_number(s.time_change_pct), csv_number(s.cost_change_pct),
                      csv_number(s.co2_change_pct), csv_number(s.time_change_parts.network_h),
                      csv_number(s.time_change_parts.borders_h), csv_number(s.time_change_parts.mode_switch_h),
                      std::to_string(s.mode_switched)});
    };
    row("overall", "", "", c.overall);
    if (view.by_country)
      for (const auto& [k, s] : c.by_country) row("country", k, country_name(net, k), s);
    if (view.by_corridor)
      for (const auto& [k, s] : c.by_corridor) row("corridor", k, "", s);
    return out;
  }
  out += csv_row({"origin", "destination", "origin_country", "destination_country", "weight", "time_h_a", "time_h_b",
                  "cost_usd_a", "cost_usd_b", "co2_kg_a", "co2_kg_b", "distance_km_a", "distance_km_b",
                  "time_change_h", "time_change_pct", "cost_change_pct", "route_a", "route_b", "mode_switch", "network_h",
                  "borders_h", "mode_switch_h", "route_b_on_modes_of_a"});
  for (const auto& p : c.pairs) {
    auto v = [](const std::optional<Route>& r, double Metrics::*field) {
      return r ? csv_number((r->total).*field) : std::string();
    };
    out += csv_row({net.nodes[p.pair.from].id, net.nodes[p.pair.to].id, net.nodes[p.pair.from].country,
                    net.nodes[p.pair.to].country, csv_number(p.pair.weight), v(p.a, &Metrics::time_h),
                    v(p.b, &Metrics::time_h), v(p.a, &Metrics::cost_usd), v(p.b, &Metrics::cost_usd),
                    v(p.a, &Metrics::co2_kg), v(p.b, &Metrics::co2_kg), v(p.a, &Metrics::distance_km),
                    v(p.b, &Metrics::distance_km), p.both() ? csv_number(p.time_change_h()) : "",
                    p.both() ? csv_number(p.time_change_pct()) : "", p.both() ? csv_number(p.cost_change_pct()) : "",
                    p.a ? p.a->label : "", p.b ? p.b->label : "", p.both() ? (p.mode_switch() ? "1" : "0") : "",
                    p.both() ? csv_number(p.decomposition().network_h) : "",
                    p.both() ? csv_number(p.decomposition().borders_h) : "",
                    p.both() ? csv_number(p.decomposition().mode_switch_h) : "",
                    p.b_on_modes_of_a ? p.b_on_modes_of_a->label : ""});
  }
  return out;
}

nlohmann::ordered_json comparison_json(const Network& net, const Comparison& c) {
  nlohmann::ordered_json j;
  j["scenario_a"] = c.scenario_a;
  j["scenario_b"] = c.scenario_b;
  j["cargo"] = c.cargo;
  j["objective"] = objective_name(c.objective);
  j["overall"] = stats_json(c.overall);
  j["time_change_h_quantiles"] = {{"p10", c.time_change_h.p10}, {"p25", c.time_change_h.p25}, {"p50", c.time_change_h.p50},
                                  {"p75", c.time_change_h.p75}, {"p90", c.time_change_h.p90}};
  auto& countries = j["by_country"] = nlohmann::ordered_json::array();
  for (const auto& [k, s] : c.by_country) {
    auto row = stats_json(s);
    row["country"] = k;
    row["name"] = country_name(net, k);
    countries.push_back(row);
  }
  auto& corridors = j["by_corridor"] = nlohmann::ordered_json::array();
  for (const auto& [k, s] : c.by_corridor) {
    auto row = stats_json(s);
    row["corridor"] = k;
    corridors.push_back(row);
  }
  auto& pairs = j["pairs"] = nlohmann::ordered_json::array();
  for (const auto& p : c.pairs) {
    pairs.push_back({{"origin", net.nodes[p.pair.from].id},
                     {"destination", net.nodes[p.pair.to].id},
                     {"weight", p.pair.weight},
                     {"a", totals_json(p.a)},
                     {"b", totals_json(p.b)},
                     {"b_on_modes_of_a", totals_json(p.b_on_modes_of_a)},
                     {"mode_switch", p.mode_switch()},
                     {"time_change_parts_h", p.both() ? decomposition_json(p.decomposition()) : nullptr}});
  }
  return j;
}

std::string criticality_table(const CriticalityResult& r, int top) {
  std::ostringstream out;
  out << "Criticality · scenario " << r.scenario << " · cargo " << r.cargo << " · objective "
      << objective_name(r.objective) << "\n"
      << "Demand: " << r.pairs_routed << " of " << r.pairs << " pairs routed, " << format_number(r.demand_weight)
      << " TEU a year, generalized cost " << format_number(r.base_cost_usd / 1e9, 2) << " bn USD a year\n"
      << "Each element on a demand route failed alone. Ranked by failure cost: the extra generalized cost of "
         "the rerouted flows plus the baseline cost of the flows left with no route.\n"
      << "Generalized cost: " << kCostBasis << ", plus the cargo's value of time.\n"
      << "Recomputed " << r.pairs_recomputed << " pair routes for " << r.elements_tested << " failures in "
      << format_number(r.seconds, 2) << " s (only pairs whose route used the element).\n\n";
  for (auto kind : {ElementKind::chokepoint, ElementKind::border, ElementKind::node, ElementKind::link}) {
    TextTable t({{"#", Align::right}, {"element", Align::left}, {"failure cost USD/yr", Align::right},
                 {"extra cost USD/yr", Align::right},
                 {"TEU/yr affected", Align::right}, {"TEU/yr cut off", Align::right}, {"delay days", Align::right},
                 {"largest flow", Align::left}, {"moves to", Align::left}});
    // Links of one line fail alike (each cuts the same flows): one row per such chain.
    std::vector<std::pair<const CriticalElement*, int>> rows;
    for (const auto& e : r.elements) {
      if (e.kind != kind || e.score_usd <= 0) continue;
      auto& last = rows.empty() ? rows.emplace_back(nullptr, 0) : rows.back();
      const bool same = last.first && kind == ElementKind::link && last.first->score_usd == e.score_usd &&
                        last.first->affected_weight == e.affected_weight && last.first->moves_to == e.moves_to;
      if (same) ++last.second;
      else if (!last.first) last = {&e, 0};
      else rows.emplace_back(&e, 0);
    }
    int n = 0;
    for (const auto& [e, alike] : rows) {
      if (++n > top) break;
      std::string name = e->name + (kind == ElementKind::link || kind == ElementKind::node ? " [" + e->id + "]" : "");
      if (alike > 0) name += " and " + std::to_string(alike) + " more link" + (alike > 1 ? "s" : "") + " with the same effect";
      t.add_row({std::to_string(n), name, format_number(e->score_usd), format_number(e->extra_cost_usd),
                 format_number(e->affected_weight),
                 format_number(e->cut_off_weight),
                 e->cut_off_weight < e->affected_weight ? signed_number(e->extra_time_h_per_unit / 24, 1) : "",
                 e->example_pair, e->moves_to});
    }
    if (n == 0) continue;
    std::string title = std::string(element_kind_name(kind));
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
    out << title << "s, most critical first\n" << t.render() << "\n";
  }
  return out.str();
}

std::string criticality_csv(const CriticalityResult& r) {
  std::string out = csv_row({"rank", "kind", "id", "name", "failure_cost_usd", "extra_cost_usd", "affected_teu", "cut_off_teu",
                             "delay_h", "pairs_affected", "largest_flow", "moves_to"});
  int rank = 0;
  for (const auto& e : r.elements)
    out += csv_row({std::to_string(++rank), std::string(element_kind_name(e.kind)), e.id, e.name, csv_number(e.score_usd),
                    csv_number(e.extra_cost_usd), csv_number(e.affected_weight), csv_number(e.cut_off_weight),
                    csv_number(e.extra_time_h_per_unit), std::to_string(e.pairs_affected), e.example_pair, e.moves_to});
  return out;
}

nlohmann::ordered_json criticality_json(const CriticalityResult& r) {
  nlohmann::ordered_json j;
  j["scenario"] = r.scenario;
  j["cargo"] = r.cargo;
  j["objective"] = objective_name(r.objective);
  j["pairs"] = r.pairs;
  j["pairs_routed"] = r.pairs_routed;
  j["demand_teu"] = r.demand_weight;
  j["base_cost_usd"] = r.base_cost_usd;
  j["elements_tested"] = r.elements_tested;
  j["pairs_recomputed"] = r.pairs_recomputed;
  j["seconds"] = r.seconds;
  auto& list = j["elements"] = nlohmann::ordered_json::array();
  for (const auto& e : r.elements) list.push_back(critical_element_json(e));
  return j;
}

nlohmann::ordered_json critical_element_json(const CriticalElement& e) {
  return {{"kind", element_kind_name(e.kind)},
          {"id", e.id},
          {"name", e.name},
          {"failure_cost_usd", e.score_usd},
          {"extra_cost_usd", e.extra_cost_usd},
          {"affected_teu", e.affected_weight},
          {"cut_off_teu", e.cut_off_weight},
          {"delay_h", e.extra_time_h_per_unit},
          {"pairs_affected", e.pairs_affected},
          {"largest_flow", e.example_pair},
          {"moves_to", e.moves_to}};
}

std::string impact_table(const Network& net, const TradeImpact& t, int top) {
  std::ostringstream out;
  out << "Trade impact " << t.scenario_a << " → " << t.scenario_b << " · cargo " << t.cargo << "\n"
      << "PARTIAL-EQUILIBRIUM, FIRST-ORDER ESTIMATE: trade_B/trade_A = (tau_B/tau_A)^-" << format_number(t.elasticity, 1)
      << ", tau = 1 + (freight cost + " << format_number(t.value_of_time_usd_per_h, 1)
      << " USD/h x transit time) / " << format_number(t.value_usd_per_teu) << " USD per TEU; freight cost: "
      << kCostBasis << ".\n"
      << "Prices, incomes and trade diversion are held fixed; read the numbers as direction and rough size.\n"
      << "Overall (weighted by the pairs' weights): " << pct(t.overall_trade_change_pct) << " trade"
      << (t.pairs_excluded ? " · " + std::to_string(t.pairs_excluded) + " pairs routed in one scenario only are left out" : "")
      << "\n\n";
  TextTable c({{"country", Align::left}, {"name", Align::left}, {"weight", Align::right}, {"trade cost", Align::right},
               {"trade", Align::right}});
  for (const auto& x : t.countries)
    c.add_row({x.country, country_name(net, x.country), format_number(x.weight), pct(x.trade_cost_change_pct),
               pct(x.trade_change_pct)});
  out << "By country (over its partners, weighted)\n" << c.render() << "\n";
  TextTable p({{"countries", Align::left}, {"place pairs", Align::right}, {"weight", Align::right}, {"time", Align::right},
               {"cost", Align::right}, {"trade cost", Align::right}, {"trade", Align::right}});
  int n = 0;
  for (const auto& x : t.country_pairs) {
    if (++n > top) break;
    p.add_row({x.country_a + "-" + x.country_b, std::to_string(x.place_pairs), format_number(x.weight), pct(x.time_change_pct),
               pct(x.cost_change_pct), pct(x.trade_cost_change_pct), pct(x.trade_change_pct)});
  }
  out << "Country pairs, largest trade change first\n" << p.render();
  return out.str();
}

std::string impact_csv(const TradeImpact& t) {
  std::string out = csv_row({"level", "country_a", "country_b", "place_pairs", "weight", "time_change_pct",
                             "cost_change_pct", "trade_cost_change_pct", "trade_change_pct"});
  for (const auto& x : t.countries)
    out += csv_row({"country", x.country, "", "", csv_number(x.weight), "", "", csv_number(x.trade_cost_change_pct),
                    csv_number(x.trade_change_pct)});
  for (const auto& x : t.country_pairs)
    out += csv_row({"country_pair", x.country_a, x.country_b, std::to_string(x.place_pairs), csv_number(x.weight),
                    csv_number(x.time_change_pct), csv_number(x.cost_change_pct), csv_number(x.trade_cost_change_pct),
                    csv_number(x.trade_change_pct)});
  return out;
}

nlohmann::ordered_json impact_json(const TradeImpact& t) {
  nlohmann::ordered_json j;
  j["scenario_a"] = t.scenario_a;
  j["scenario_b"] = t.scenario_b;
  j["cargo"] = t.cargo;
  j["method"] = "partial-equilibrium first-order structural gravity: trade_B/trade_A = (tau_B/tau_A)^-elasticity";
  j["elasticity"] = t.elasticity;
  j["value_usd_per_teu"] = t.value_usd_per_teu;
  j["value_of_time_usd_per_h"] = t.value_of_time_usd_per_h;
  j["overall_trade_change_pct"] = t.overall_trade_change_pct;
  j["pairs_excluded"] = t.pairs_excluded;
  auto& countries = j["countries"] = nlohmann::ordered_json::array();
  for (const auto& x : t.countries)
    countries.push_back({{"country", x.country}, {"weight", x.weight}, {"trade_cost_change_pct", x.trade_cost_change_pct},
                         {"trade_change_pct", x.trade_change_pct}});
  auto& pairs = j["country_pairs"] = nlohmann::ordered_json::array();
  for (const auto& x : t.country_pairs)
    pairs.push_back({{"country_a", x.country_a}, {"country_b", x.country_b}, {"place_pairs", x.place_pairs},
                     {"weight", x.weight}, {"time_change_pct", x.time_change_pct}, {"cost_change_pct", x.cost_change_pct},
                     {"trade_cost_change_pct", x.trade_cost_change_pct}, {"trade_change_pct", x.trade_change_pct}});
  return j;
}

}  // namespace silkroute::output
