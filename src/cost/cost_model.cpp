#include "cost/cost_model.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "network/crossing_dwell.hpp"

namespace silkroute {

std::optional<Objective> parse_objective(std::string_view text) {
  if (text == "fastest") return Objective::time;
  if (text == "cheapest") return Objective::cost;
  return enum_parse<Objective>(text);
}

namespace {

Metrics link_total(const LinkCost& c, double wait_h) {
  Metrics m = c.running;
  m.time_h += wait_h + c.rest_h + c.call_h;
  if (c.border) {
    m.time_h += c.border->dwell_h;
    m.cost_usd += c.border->fee_usd;
  }
  return m;
}

}  // namespace

Metrics LinkCost::total() const { return link_total(*this, wait_h); }
Metrics LinkCost::booked_total() const { return link_total(*this, booked_wait_h); }

CostModel::CostModel(const Network& net, const CargoClass& cargo, Objective objective, const Scenario& scenario)
    : net_(net),
      cargo_(cargo),
      scenario_(scenario),
      weighting_{objective, cargo.value_of_time_usd_per_h(), scenario.carbon_price_usd_per_t} {
  // The structured model reads each link's line class by link index: a network grown without
  // growing that table would read past its end (the dataset reader and the snapshot size it).
  const auto& tm = net.time_model;
  if (tm.structured && tm.link_class.size() != net.links.size())
    throw std::logic_error("time model: " + std::to_string(tm.link_class.size()) + " line classes for " +
                           std::to_string(net.links.size()) + " links (every link needs its line class)");
}

bool CostModel::mode_allowed(Mode mode) const {
  return std::find(cargo_.excluded_modes.begin(), cargo_.excluded_modes.end(), mode) == cargo_.excluded_modes.end();
}

std::optional<BorderCost> CostModel::border_cost(const std::string& from, const std::string& to, Mode mode) const {
  if (from.empty() || to.empty() || from == to || !mode_stops_at_borders(mode)) return std::nullopt;
  BorderCost b{from, to, 0, 0, "", {}};
  const auto* ca = net_.country(from);
  const auto* cb = net_.country(to);
  if (ca && cb && !ca->customs_union.empty() && ca->customs_union == cb->customs_union &&
      std::max(ca->union_since_year, cb->union_since_year) <= scenario_.year) {
    b.regime = "customs union " + ca->customs_union;
    return b;
  }
  const auto* rule = net_.border_rule(from, to, mode);
  if (!rule) {
    // The loader guarantees a rule unless both countries were always in one union; a union
    // joined later than the scenario year without a rule is a data gap we surface plainly.
    b.regime = "no border rule in data";
    return b;
  }
  b.regime = "border rule";
  b.dwell_h = rule->dwell_h;
  // Sourced dwell values are processing times; the time model scales them to what crossings take.
  const auto& tm = net_.time_model;
  if (tm.structured && mode == Mode::rail) b.dwell_h *= tm[TimeParam::rail_border_dwell_factor];
  if (tm.structured && mode == Mode::road) b.dwell_h *= tm[TimeParam::road_border_dwell_factor];
  b.fee_usd = rule->fee_usd;
  // Scenario policy: overrides of the rule first (a new crossing regime), then agreements.
  const auto pair = country_pair(from, to);
  for (const auto& o : scenario_.border_overrides) {
    if (o.countries != pair || (o.mode && *o.mode != mode)) continue;
    if (o.dwell_h) b.dwell_h = *o.dwell_h;
    if (o.fee_usd) b.fee_usd = *o.fee_usd;
    b.dwell_h *= o.dwell_factor;
    b.fee_usd *= o.fee_factor;
    b.regime = "border rule (scenario " + scenario_.name + ")";
  }
  for (const auto* a : scenario_.agreements_in_force(net_)) {
    if (country_pair(a->country_a, a->country_b) != pair) continue;
    b.dwell_h *= a->dwell_factor;
    b.fee_usd *= a->fee_factor;
    b.agreements.push_back(a->id);
  }
  return b;
}

std::string CostModel::customs_territory(const std::string& country) const {
  const auto* c = net_.country(country);
  if (c && !c->customs_union.empty() && c->union_since_year <= scenario_.year) return c->customs_union;
  return country;
}

Metrics CostModel::import_clearance(const std::string& from_country, const std::string& to_country, Mode mode) const {
  if (from_country.empty() || customs_territory(to_country) == customs_territory(from_country)) return {};
  return import_clearance_into(to_country, mode);
}

Metrics CostModel::import_clearance_into(const std::string& to_country, Mode mode) const {
  Metrics m;
  const auto& tm = net_.time_model;
  if (!tm.structured || tm.import_clearance_h.empty() || to_country.empty()) return m;
  const auto it = tm.import_clearance_h.find(TimeModel::clearance_key(customs_territory(to_country), mode_name(mode)));
  if (it != tm.import_clearance_h.end()) m.time_h = it->second * tm[TimeParam::import_clearance_factor];
  return m;
}

std::optional<CostModel::TransitClearance> CostModel::transit_clearance(const std::string& from, const std::string& to,
                                                                       Mode mode) const {
  const auto& tm = net_.time_model;
  if (!tm.structured || from == to) return std::nullopt;
  const auto rule = tm.transit_clearance.find(TimeModel::transit_key(from, to, mode_name(mode)));
  if (rule == tm.transit_clearance.end() || rule->second == from || rule->second == to) return std::nullopt;
  const auto it = tm.import_clearance_h.find(TimeModel::clearance_key(rule->second, mode_name(mode)));
  if (it == tm.import_clearance_h.end()) return std::nullopt;
  TransitClearance c{rule->second, {}};
  c.metrics.time_h = it->second * tm[TimeParam::import_clearance_factor];
  return c;
}

const ModeOverride* CostModel::mode_override(Mode mode) const {
  auto it = scenario_.mode_overrides.find(mode);
  return it == scenario_.mode_overrides.end() ? nullptr : &it->second;
}

std::optional<Region> CostModel::link_region(LinkIndex index) const {
  const auto& link = net_.links[index];
  const auto& regions = net_.time_model.country_region;
  for (auto node : {link.from, link.to})
    if (auto it = regions.find(net_.nodes[node].country); it != regions.end()) return it->second;
  return std::nullopt;
}

double CostModel::model_speed_kmh(LinkIndex index) const {
  const auto& link = net_.links[index];
  const auto& tm = net_.time_model;
  if (!tm.structured) return net_.params(link.mode).speed_kmh;
  const auto region = link_region(index);
  const auto cls = tm.link_class[static_cast<std::size_t>(index)];
  switch (link.mode) {
    case Mode::rail: {
      double v = tm[TimeParam::rail_speed_standard_other_kmh];
      if (link.gauge_mm >= 1520 && link.gauge_mm <= 1524) v = tm[TimeParam::rail_speed_1520_kmh];
      else if (link.gauge_mm < 1435) v = tm[TimeParam::rail_speed_metre_kmh];
      else if (link.gauge_mm == 1676) v = tm[TimeParam::rail_speed_broad_1676_kmh];
      else if (region == Region::china) v = tm[TimeParam::rail_speed_china_kmh];
      // Ordinary intermodal trains share European paths with passenger traffic and wait for
      // slots; the express block trains of China-Europe services run on set paths.
      else if (region == Region::europe) {
        v = rail_service() == RailService::intermodal ? tm[TimeParam::rail_speed_europe_intermodal_kmh]
                                                      : tm[TimeParam::rail_speed_europe_kmh];
        // On the main freight corridors operators run timetabled block shuttles overnight on
        // through paths: every train there runs at least at the corridor's speed.
        if (cls == LineClass::freight_corridor) v = std::max(v, tm[TimeParam::rail_speed_europe_corridor_kmh]);
      }
      if (cls == LineClass::new_line) v *= tm[TimeParam::rail_new_line_factor];
      if (cls == LineClass::slow_line) v *= tm[TimeParam::rail_slow_line_factor];
      return v;
    }
    case Mode::road: {
      auto road_class = cls;
      if (road_class == LineClass::standard)
        road_class = region == Region::europe || region == Region::china || region == Region::middle_east ||
                             region == Region::east_asia
                         ? LineClass::highway
                         : LineClass::trunk;
      return road_class == LineClass::highway ? tm[TimeParam::road_speed_highway_kmh]
             : road_class == LineClass::mountain ? tm[TimeParam::road_speed_mountain_kmh]
                                                 : tm[TimeParam::road_speed_trunk_kmh];
    }
    case Mode::sea:
      // Regional lanes are sailed by smaller, slower ships in every year.
      if (cls == LineClass::regional) return tm[TimeParam::sea_speed_regional_kmh];
      // Liners slowed from 20-23 knots to 16-19 when slow steaming became the rule (2008-2010):
      // a network of an earlier year sails at the earlier service speed.
      return scenario_.year < tm[TimeParam::sea_slow_steaming_year] ? tm[TimeParam::sea_speed_before_slow_steaming_kmh]
                                                                    : tm[TimeParam::sea_speed_kmh];
    case Mode::air: return tm[TimeParam::air_speed_kmh];
    default: return net_.params(link.mode).speed_kmh;
  }
}

LinkCost CostModel::link_cost(LinkIndex index) const {
  const auto& link = net_.links[index];
  const auto& p = net_.params(link.mode);
  const auto* mo = mode_override(link.mode);
  const LinkOverride* lo = nullptr;
  if (!scenario_.link_overrides.empty())
    if (auto it = scenario_.link_overrides.find(link.id); it != scenario_.link_overrides.end()) lo = &it->second;

  double default_speed = mo && mo->speed_kmh ? *mo->speed_kmh : model_speed_kmh(index);
  double speed = lo && lo->speed_kmh ? *lo->speed_kmh : link.speed_kmh.value_or(default_speed);
  double speed_factor = (mo ? mo->speed_factor : 1.0) * (lo ? lo->speed_factor : 1.0);
  double default_rate = mo && mo->cost_usd_per_teu_km ? *mo->cost_usd_per_teu_km : p.cost_usd_per_teu_km;
  double rate = lo && lo->cost_usd_per_teu_km ? *lo->cost_usd_per_teu_km : link.cost_usd_per_teu_km.value_or(default_rate);
  double co2 = mo && mo->co2_kg_per_teu_km ? *mo->co2_kg_per_teu_km : p.co2_kg_per_teu_km;

  LinkCost c;
  c.running.distance_km = link.length_km;
  // An explicit running time (a timetable) beats speed, unless the scenario sets the link's speed.
  const bool timetable = link.time_h && !(lo && lo->speed_kmh);
  c.running.time_h = (timetable ? *link.time_h : link.length_km / speed) / speed_factor;
  // Ships pass the Suez Canal in daily convoys at canal speed: the convoy's transit with its
  // wait at the anchorage replaces sailing the canal's length at service speed.
  if (net_.time_model.structured && link.mode == Mode::sea && link.chokepoint == "suez" && !timetable &&
      !(lo && lo->speed_kmh) && !(mo && mo->speed_kmh))
    c.running.time_h = net_.time_model[TimeParam::sea_suez_transit_h] / speed_factor;
  // A flight's block time (off blocks to on blocks, what timetables quote) is more than its
  // cruise over the great circle: taxiing out and in, climb, descent and approach take about
  // the same time on a short flight as on a long one.
  if (net_.time_model.structured && link.mode == Mode::air && !timetable)
    c.running.time_h += net_.time_model[TimeParam::air_block_allowance_h];
  c.running.cost_usd = link.length_km * rate * (mo ? mo->cost_factor : 1.0) * cargo_.cost_factor;
  c.running.co2_kg = link.length_km * co2;
  // Arriving at random against a timetable of n departures a week waits half a headway on average.
  double departures = lo && lo->departures_per_week ? *lo->departures_per_week : link.departures_per_week;
  const auto& tm = net_.time_model;
  // A flight boards only when it departs: an air link with no published frequency flies as
  // often as the network's typical published one, so that a chain of such links never looks
  // faster than the scheduled direct flight (it waits at every boarding, as cargo does).
  if (departures <= 0 && link.mode == Mode::air && tm.structured) departures = tm[TimeParam::air_departures_per_week_default];
  departures *= lo ? lo->departures_factor : 1.0;
  if (departures > 0) c.wait_h = 0.5 * 168.0 / departures;
  c.booked_wait_h = c.wait_h;
  // Cargo is at the airport before its flight leaves: tendered by the latest acceptance time at
  // the origin, unloaded, broken down and built up again within the minimum connection time at
  // a hub. A shipper books a flight: at the origin the cargo meets the booked departure, so the
  // first flight waits only that time, whatever its frequency; a connecting flight also waits
  // half its headway. So a weekly direct flight beats a daily chain through a hub.
  if (link.mode == Mode::air && tm.structured) {
    c.wait_h += tm[TimeParam::air_connection_h];
    c.booked_wait_h = tm[TimeParam::air_connection_h];
  }
  if (tm.structured && link.mode == Mode::road)
    if (const auto region = link_region(index)) c.rest_h = c.running.time_h * road_rest_per_drive_h(*region);
  if (tm.structured && link.mode == Mode::sea) {
    // Regional services call at more ports on the way than the mainline liners.
    const double call_interval_km = tm.link_class[static_cast<std::size_t>(index)] == LineClass::regional
                                        ? tm[TimeParam::sea_call_interval_regional_km]
                                        : tm[TimeParam::sea_call_interval_km];
    c.call_h = link.length_km / call_interval_km * tm[TimeParam::sea_call_h];
  }
  c.border = border_cost(net_.nodes[link.from].country, net_.nodes[link.to].country, link.mode);
  // A crossing point with a measured dwell (crossings.csv, for this train's service and the
  // network's year) replaces the country pair's rule; agreements and scenario overrides still scale it.
  if (c.border && c.border->regime != "no border rule in data" && c.border->regime.rfind("customs union", 0) != 0)
    if (const auto measured = crossing_dwell_for(tm, link.id, rail_service(), scenario_.year)) {
      const auto* rule = net_.border_rule(c.border->from_country, c.border->to_country, link.mode);
      const double rule_dwell = rule ? rule->dwell_h * (link.mode == Mode::rail ? tm[TimeParam::rail_border_dwell_factor]
                                                        : link.mode == Mode::road ? tm[TimeParam::road_border_dwell_factor]
                                                                                  : 1.0)
                                     : 0.0;
      // Keep the policy's scaling (agreements, overrides) by applying the same ratio.
      const double ratio = rule_dwell > 0 ? c.border->dwell_h / rule_dwell : 1.0;
      c.border->dwell_h = *measured * ratio;
      c.border->regime += " (crossing point)";
    }
  return c;
}

Metrics CostModel::transfer_cost(const Transfer& t) const {
  Metrics m;
  m.time_h = t.dwell_h;
  m.cost_usd = t.cost_usd;
  const auto index = static_cast<std::int32_t>(&t - net_.transfers.data());
  if (index >= 0 && index < static_cast<std::int32_t>(net_.transfers.size())) {
    const auto& key = net_.transfer_key(static_cast<std::size_t>(index));
    if (auto it = scenario_.transfer_overrides.find(key); it != scenario_.transfer_overrides.end()) {
      if (it->second.dwell_h) m.time_h = *it->second.dwell_h;
      if (it->second.cost_usd) m.cost_usd = *it->second.cost_usd;
      m.time_h *= it->second.dwell_factor;
    }
  }
  return m;
}

Metrics CostModel::handling_cost(Mode mode) const {
  const auto& p = net_.params(mode);
  const auto* mo = mode_override(mode);
  Metrics m;
  m.time_h = mo && mo->handling_h ? *mo->handling_h : p.handling_h;
  m.cost_usd = mo && mo->handling_cost_usd ? *mo->handling_cost_usd : p.handling_cost_usd;
  return m;
}

CostModel::RoadTime CostModel::road_time(double road_km, const std::string& country) const {
  const auto& tm = net_.time_model;
  const double flat_kmh = net_.params(Mode::road).speed_kmh;
  if (!tm.structured) return {flat_kmh > 0 ? road_km / flat_kmh : 0, 0};
  const auto it = tm.country_region.find(country);
  if (it == tm.country_region.end()) return {road_km / tm[TimeParam::road_speed_trunk_kmh], 0};
  const auto region = it->second;
  const bool highway = region == Region::europe || region == Region::china || region == Region::middle_east ||
                       region == Region::east_asia;
  const double drive_h = road_km / (highway ? tm[TimeParam::road_speed_highway_kmh] : tm[TimeParam::road_speed_trunk_kmh]);
  return {drive_h, drive_h * road_rest_per_drive_h(region)};
}

double CostModel::road_rest_per_drive_h(Region region) const {
  const auto& tm = net_.time_model;
  const double single = tm[road_rest_param(region)];
  // A crew of two drives in turns and stops only for the daily rest multi-manning rules require;
  // where one driver already rests less (China's breaks, Korea's) the crew does not rest more.
  return road_crew() == RoadCrew::team ? std::min(single, tm[TimeParam::road_rest_per_drive_h_team]) : single;
}

Metrics CostModel::transshipment(NodeIndex port) const {
  Metrics m;
  const auto& tm = net_.time_model;
  if (!tm.structured || port < 0 || tm.feeder_ports.empty()) return m;
  if (const auto it = tm.feeder_ports.find(net_.nodes[port].id); it != tm.feeder_ports.end())
    m.time_h = tm[TimeParam::sea_transshipment_h] + 0.5 * 168.0 / it->second.departures_per_week;
  return m;
}

std::uint16_t CostModel::feeder_direct_regions(NodeIndex port) const {
  const auto& tm = net_.time_model;
  if (!tm.structured || port < 0 || tm.feeder_ports.empty()) return 0;
  const auto it = tm.feeder_ports.find(net_.nodes[port].id);
  return it == tm.feeder_ports.end() ? 0 : it->second.direct_regions;
}

NodeIndex CostModel::feeder_hub(NodeIndex port) const {
  const auto& tm = net_.time_model;
  if (!tm.structured || port < 0 || tm.feeder_ports.empty()) return kNoNode;
  const auto it = tm.feeder_ports.find(net_.nodes[port].id);
  if (it == tm.feeder_ports.end()) return kNoNode;
  const auto hub = net_.node_by_id(it->second.hub);
  return hub ? *hub : kNoNode;
}

Metrics CostModel::dispatch_cost(Mode mode) const {
  Metrics m;
  if (net_.time_model.structured && mode == Mode::rail) m.time_h = net_.time_model[TimeParam::rail_dispatch_h];
  return m;
}

double Weighting::generalized_cost_usd(const Metrics& m) const {
  return m.cost_usd + value_of_time_usd_per_h * m.time_h + carbon_price_usd_per_t * m.co2_kg / 1000.0;
}

double Weighting::weight(const Metrics& m) const {
  const double g = generalized_cost_usd(m);
  constexpr double kTieBreak = 1e-6;
  switch (objective) {
    case Objective::time: return m.time_h + kTieBreak * g;
    case Objective::cost: return m.cost_usd + kTieBreak * g;
    case Objective::co2: return m.co2_kg + kTieBreak * g;
    case Objective::generalized: return g;
  }
  return g;
}

}  // namespace silkroute
