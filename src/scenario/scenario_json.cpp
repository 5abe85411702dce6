#include "scenario/scenario_json.hpp"

#include <algorithm>
#include <cstdio>
#include <iomanip>
#include <sstream>

#include "network/place_finder.hpp"
#include "scenario/avoid.hpp"
#include "scenario/scenario_file.hpp"

namespace silkroute {

using nlohmann::json;

namespace {

void put(json& j, const char* key, const std::optional<double>& v) {
  if (v) j[key] = *v;
}

json mode_override_json(const ModeOverride& o) {
  json j = json::object();
  put(j, "speed_kmh", o.speed_kmh);
  j["speed_factor"] = o.speed_factor;
  put(j, "cost_usd_per_teu_km", o.cost_usd_per_teu_km);
  j["cost_factor"] = o.cost_factor;
  put(j, "co2_kg_per_teu_km", o.co2_kg_per_teu_km);
  put(j, "handling_h", o.handling_h);
  put(j, "handling_cost_usd", o.handling_cost_usd);
  return j;
}

json link_override_json(const LinkOverride& o) {
  json j = json::object();
  put(j, "speed_kmh", o.speed_kmh);
  j["speed_factor"] = o.speed_factor;
  put(j, "departures_per_week", o.departures_per_week);
  j["departures_factor"] = o.departures_factor;
  put(j, "cost_usd_per_teu_km", o.cost_usd_per_teu_km);
  return j;
}

json transfer_override_json(const TransferOverride& o) {
  json j = json::object();
  put(j, "dwell_h", o.dwell_h);
  j["dwell_factor"] = o.dwell_factor;
  put(j, "cost_usd", o.cost_usd);
  return j;
}

// Reads JSON strictly, naming the path of what is wrong.
class Reader {
 public:
  [[noreturn]] static void fail(const std::string& path, const std::string& message) {
    throw ScenarioError("scenario JSON: '" + path + "': " + message);
  }
  struct Range {
    double low;
    double high;
    bool positive = false;  // low itself excluded
  };
  static void keys(const json& j, const std::string& path, std::initializer_list<const char*> known) {
    if (!j.is_object()) fail(path, "expected an object");
    for (const auto& [k, v] : j.items()) {
      bool ok = false;
      std::vector<std::string> names;
      for (const char* n : known) {
        ok = ok || k == n;
        names.emplace_back(n);
      }
      if (!ok) fail(path + (path.empty() ? "" : ".") + k, "unknown key" + did_you_mean(k, names));
    }
  }
  // Numbers keep to the ranges a scenario file allows (scenario_file.cpp), so that a
  // scenario read from JSON (a sweep's, a cache's) is one the TOML door would take too.
  static double number(const json& j, const std::string& path, Range range) {
    if (!j.is_number()) fail(path, "expected a number");
    const double v = j.get<double>();
    if (!(v >= range.low && v <= range.high) || (range.positive && v <= 0))
      fail(path, "expected a number " + std::string(range.positive ? "above " : "from ") + format(range.low) + " to " +
                     format(range.high) + ", got " + format(v));
    return v;
  }
  static std::optional<double> optional_number(const json& j, const char* key, const std::string& path, Range range) {
    if (!j.contains(key)) return std::nullopt;
    return number(j[key], path.empty() ? key : path + "." + key, range);
  }
  static double number_or(const json& j, const char* key, const std::string& path, double fallback, Range range) {
    return j.contains(key) ? number(j[key], path.empty() ? key : path + "." + key, range) : fallback;
  }
  static std::string format(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
  }
  // An integer year in [low, high] (or kAlwaysOpen where `always` allows it), without
  // wrapping a huge one into range.
  static int year(const json& j, const std::string& path, bool always) {
    if (!j.is_number_integer()) fail(path, "expected an integer");
    const auto y = j.get<std::int64_t>();
    if (!(always && y == kAlwaysOpen) && (y < 1800 || y > kLatestYear)) fail(path, "expected a year from 1800 to 9999");
    return static_cast<int>(y);
  }
  static std::string string(const json& j, const std::string& path) {
    if (!j.is_string()) fail(path, "expected a string");
    return j.get<std::string>();
  }
  static std::set<std::string> strings(const json& j, const std::string& path) {
    if (!j.is_array()) fail(path, "expected a list of strings");
    std::set<std::string> out;
    for (const auto& v : j) out.insert(string(v, path));
    return out;
  }
  static Mode mode(const std::string& text, const std::string& path) {
    auto m = parse_mode(text);
    if (!m) fail(path, "unknown mode '" + text + "'; modes are " + mode_names());
    return *m;
  }
  static CountryPair pair(const std::string& text, const std::string& path) {
    const auto dash = text.find('-');
    if (dash == std::string::npos) fail(path, "expected 'AAA-BBB', got '" + text + "'");
    return country_pair(text.substr(0, dash), text.substr(dash + 1));
  }
};

std::string join_pair(const CountryPair& p) { return p.first + "-" + p.second; }

}  // namespace

json scenario_to_json(const Scenario& s) {
  json j = json::object();
  j["name"] = s.name;
  j["description"] = s.description;
  j["sources"] = s.sources;
  j["year"] = s.year;
  if (s.month) j["month"] = s.month;  // only when set: scenario hashes without a month stay as they were
  if (s.rail_service) j["rail_service"] = std::string(enum_name(*s.rail_service));  // likewise
  if (s.road_crew) j["road_crew"] = std::string(enum_name(*s.road_crew));  // likewise
  j["carbon_price_usd_per_t"] = s.carbon_price_usd_per_t;
  json closed = json::object();
  closed["countries"] = s.closed.countries;
  closed["nodes"] = s.closed.nodes;
  closed["links"] = s.closed.links;
  closed["chokepoints"] = s.closed.chokepoints;
  json modes = json::array();
  for (auto m : s.closed.modes) modes.push_back(std::string(mode_name(m)));
  closed["modes"] = modes;
  json borders = json::array();
  for (const auto& b : s.closed.borders) borders.push_back(join_pair(b));
  closed["borders"] = borders;
  // Only when some are closed, so that scenarios written before the field keep their text and hash.
  if (!s.closed.transfers.empty()) closed["transfers"] = s.closed.transfers;
  j["closed"] = closed;
  json mo = json::object();
  for (const auto& [m, o] : s.mode_overrides) mo[std::string(mode_name(m))] = mode_override_json(o);
  j["mode_overrides"] = mo;
  json lo = json::object();
  for (const auto& [id, o] : s.link_overrides) lo[id] = link_override_json(o);
  j["link_overrides"] = lo;
  json to = json::object();
  for (const auto& [key, o] : s.transfer_overrides) to[key] = transfer_override_json(o);
  j["transfer_overrides"] = to;
  json bo = json::array();
  for (const auto& b : s.border_overrides) {
    json x = json::object();
    x["countries"] = join_pair(b.countries);
    if (b.mode) x["mode"] = std::string(mode_name(*b.mode));
    put(x, "dwell_h", b.dwell_h);
    x["dwell_factor"] = b.dwell_factor;
    put(x, "fee_usd", b.fee_usd);
    x["fee_factor"] = b.fee_factor;
    bo.push_back(x);
  }
  j["border_overrides"] = bo;
  json ag = json::array();
  for (const auto& a : s.added_agreements)
    ag.push_back({{"id", a.id}, {"kind", a.kind}, {"country_a", a.country_a}, {"country_b", a.country_b},
                  {"dwell_factor", a.dwell_factor}, {"fee_factor", a.fee_factor}, {"year", a.year}, {"source", a.source}});
  j["added_agreements"] = ag;
  j["removed_agreements"] = s.removed_agreements;
  json rates = json::array();
  for (const auto& r : s.market_rates)
    rates.push_back({{"from", r.from}, {"to", r.to}, {"mode", std::string(mode_name(r.mode))}, {"usd_per_teu", r.usd_per_teu},
                     {"source", r.source}});
  j["market_rates"] = rates;
  return j;
}

Scenario scenario_from_json(const json& j) {
  using R = Reader;
  R::keys(j, "", {"name", "description", "sources", "year", "month", "rail_service", "road_crew", "carbon_price_usd_per_t", "closed", "mode_overrides",
                  "link_overrides", "transfer_overrides", "border_overrides", "added_agreements", "removed_agreements",
                  "market_rates"});
  Scenario s;
  if (j.contains("name")) s.name = R::string(j["name"], "name");
  if (j.contains("description")) s.description = R::string(j["description"], "description");
  if (j.contains("sources")) {
    const auto& src = j["sources"];
    if (!src.is_array()) R::fail("sources", "expected a list of strings");
    for (const auto& v : src) s.sources.push_back(R::string(v, "sources"));
  }
  if (j.contains("year")) s.year = R::year(j["year"], "year", false);
  if (j.contains("month")) {
    if (!j["month"].is_number_integer()) R::fail("month", "expected an integer month from 1 to 12");
    const auto m = j["month"].get<std::int64_t>();
    if (m < 1 || m > 12) R::fail("month", "expected a month from 1 to 12, got " + std::to_string(m));
    s.month = static_cast<int>(m);
  }
  if (j.contains("rail_service")) {
    const auto text = R::string(j["rail_service"], "rail_service");
    s.rail_service = enum_parse<RailService>(text);
    if (!s.rail_service) R::fail("rail_service", "expected " + enum_list<RailService>() + ", got '" + text + "'");
  }
  if (j.contains("road_crew")) {
    const auto text = R::string(j["road_crew"], "road_crew");
    s.road_crew = enum_parse<RoadCrew>(text);
    if (!s.road_crew) R::fail("road_crew", "expected " + enum_list<RoadCrew>() + ", got '" + text + "'");
  }
  s.carbon_price_usd_per_t = R::number_or(j, "carbon_price_usd_per_t", "", 0, {0, 1e5});
  if (j.contains("closed")) {
    const auto& c = j["closed"];
    R::keys(c, "closed", {"countries", "nodes", "links", "chokepoints", "modes", "borders", "transfers"});
    if (c.contains("countries")) s.closed.countries = R::strings(c["countries"], "closed.countries");
    if (c.contains("nodes")) s.closed.nodes = R::strings(c["nodes"], "closed.nodes");
    if (c.contains("links")) s.closed.links = R::strings(c["links"], "closed.links");
    if (c.contains("chokepoints")) s.closed.chokepoints = R::strings(c["chokepoints"], "closed.chokepoints");
    if (c.contains("modes"))
      for (const auto& m : R::strings(c["modes"], "closed.modes")) s.closed.modes.insert(R::mode(m, "closed.modes"));
    if (c.contains("borders"))
      for (const auto& b : R::strings(c["borders"], "closed.borders")) s.closed.borders.insert(R::pair(b, "closed.borders"));
    if (c.contains("transfers")) s.closed.transfers = R::strings(c["transfers"], "closed.transfers");
  }
  if (j.contains("mode_overrides")) {
    if (!j["mode_overrides"].is_object()) R::fail("mode_overrides", "expected an object");
    for (const auto& [k, v] : j["mode_overrides"].items()) {
      const auto path = "mode_overrides." + k;
      R::keys(v, path, {"speed_kmh", "speed_factor", "cost_usd_per_teu_km", "cost_factor", "co2_kg_per_teu_km", "handling_h",
                        "handling_cost_usd"});
      auto& o = s.mode_overrides[R::mode(k, path)];
      o.speed_kmh = R::optional_number(v, "speed_kmh", path, {0, 1500, true});
      o.speed_factor = R::number_or(v, "speed_factor", path, 1.0, {0.01, 10});
      o.cost_usd_per_teu_km = R::optional_number(v, "cost_usd_per_teu_km", path, {0, 100});
      o.cost_factor = R::number_or(v, "cost_factor", path, 1.0, {0, 100});
      o.co2_kg_per_teu_km = R::optional_number(v, "co2_kg_per_teu_km", path, {0, 100});
      o.handling_h = R::optional_number(v, "handling_h", path, {0, 1000});
      o.handling_cost_usd = R::optional_number(v, "handling_cost_usd", path, {0, 1e6});
    }
  }
  if (j.contains("link_overrides")) {
    if (!j["link_overrides"].is_object()) R::fail("link_overrides", "expected an object");
    for (const auto& [k, v] : j["link_overrides"].items()) {
      const auto path = "link_overrides." + k;
      R::keys(v, path, {"speed_kmh", "speed_factor", "departures_per_week", "departures_factor", "cost_usd_per_teu_km"});
      auto& o = s.link_overrides[k];
      o.speed_kmh = R::optional_number(v, "speed_kmh", path, {0, 1500, true});
      o.speed_factor = R::number_or(v, "speed_factor", path, 1.0, {0.01, 10});
      o.departures_per_week = R::optional_number(v, "departures_per_week", path, {0, 1e4, true});
      o.departures_factor = R::number_or(v, "departures_factor", path, 1.0, {0.01, 100});
      o.cost_usd_per_teu_km = R::optional_number(v, "cost_usd_per_teu_km", path, {0, 100});
    }
  }
  if (j.contains("transfer_overrides")) {
    if (!j["transfer_overrides"].is_object()) R::fail("transfer_overrides", "expected an object");
    for (const auto& [k, v] : j["transfer_overrides"].items()) {
      const auto path = "transfer_overrides." + k;
      R::keys(v, path, {"dwell_h", "dwell_factor", "cost_usd"});
      auto& o = s.transfer_overrides[k];
      o.dwell_h = R::optional_number(v, "dwell_h", path, {0, 1000});
      o.dwell_factor = R::number_or(v, "dwell_factor", path, 1.0, {0, 100});
      o.cost_usd = R::optional_number(v, "cost_usd", path, {0, 1e6});
    }
  }
  if (j.contains("border_overrides")) {
    if (!j["border_overrides"].is_array()) R::fail("border_overrides", "expected a list");
    int i = 0;
    for (const auto& v : j["border_overrides"]) {
      const auto path = "border_overrides[" + std::to_string(i++) + "]";
      R::keys(v, path, {"countries", "mode", "dwell_h", "dwell_factor", "fee_usd", "fee_factor"});
      BorderOverride o;
      if (!v.contains("countries")) R::fail(path, "missing 'countries'");
      o.countries = R::pair(R::string(v["countries"], path + ".countries"), path + ".countries");
      if (v.contains("mode")) o.mode = R::mode(R::string(v["mode"], path + ".mode"), path + ".mode");
      o.dwell_h = R::optional_number(v, "dwell_h", path, {0, 1000});
      o.dwell_factor = R::number_or(v, "dwell_factor", path, 1.0, {0, 100});
      o.fee_usd = R::optional_number(v, "fee_usd", path, {0, 1e6});
      o.fee_factor = R::number_or(v, "fee_factor", path, 1.0, {0, 100});
      s.border_overrides.push_back(o);
    }
  }
  if (j.contains("added_agreements")) {
    if (!j["added_agreements"].is_array()) R::fail("added_agreements", "expected a list");
    int i = 0;
    for (const auto& v : j["added_agreements"]) {
      const auto path = "added_agreements[" + std::to_string(i++) + "]";
      R::keys(v, path, {"id", "kind", "country_a", "country_b", "dwell_factor", "fee_factor", "year", "source"});
      Agreement a;
      a.id = R::string(v.value("id", json()), path + ".id");
      a.kind = v.contains("kind") ? R::string(v["kind"], path + ".kind") : "scenario";
      a.country_a = R::string(v.value("country_a", json()), path + ".country_a");
      a.country_b = R::string(v.value("country_b", json()), path + ".country_b");
      a.dwell_factor = R::number_or(v, "dwell_factor", path, 1.0, {0, 10});
      a.fee_factor = R::number_or(v, "fee_factor", path, 1.0, {0, 10});
      if (v.contains("year")) a.year = R::year(v["year"], path + ".year", true);
      if (v.contains("source")) a.source = R::string(v["source"], path + ".source");
      s.added_agreements.push_back(a);
    }
  }
  if (j.contains("removed_agreements")) s.removed_agreements = R::strings(j["removed_agreements"], "removed_agreements");
  if (j.contains("market_rates")) {
    if (!j["market_rates"].is_array()) R::fail("market_rates", "expected a list");
    int i = 0;
    for (const auto& v : j["market_rates"]) {
      const auto path = "market_rates[" + std::to_string(i++) + "]";
      R::keys(v, path, {"from", "to", "mode", "usd_per_teu", "source"});
      MarketRate r;
      r.from = R::string(v.value("from", json()), path + ".from");
      r.to = R::string(v.value("to", json()), path + ".to");
      if (v.contains("mode")) {
        const auto m = parse_mode(R::string(v["mode"], path + ".mode"));
        if (!m) R::fail(path + ".mode", "unknown mode");
        r.mode = *m;
      }
      const auto rate = R::optional_number(v, "usd_per_teu", path, {0, 1e6});
      if (!rate || *rate < 0) R::fail(path + ".usd_per_teu", "expected a number of USD per TEU, 0 or more");
      r.usd_per_teu = *rate;
      r.source = R::string(v.value("source", json()), path + ".source");
      s.market_rates.push_back(r);
    }
  }
  return s;
}

void check_scenario_ids(const Network& net, const Scenario& s) {
  auto check = [](const std::string& what, const std::string& id, bool found, const std::vector<std::string>& all) {
    if (!found) throw ScenarioError("scenario: unknown " + what + " '" + id + "'" + did_you_mean(id, all));
  };
  std::vector<std::string> node_ids, link_ids, transfer_keys, countries;
  for (const auto& n : net.nodes) node_ids.push_back(n.id);
  for (const auto& l : net.links) link_ids.push_back(l.id);
  for (std::size_t i = 0; i < net.transfers.size(); ++i) transfer_keys.push_back(net.transfer_key(i));
  for (const auto& c : net.countries) countries.push_back(c.iso3);
  for (const auto& c : s.closed.countries) check("country", c, net.country(c) != nullptr, countries);
  for (const auto& n : s.closed.nodes) check("node id", n, net.node_by_id(n).has_value(), node_ids);
  for (const auto& l : s.closed.links) check("link id", l, net.link_by_id(l).has_value(), link_ids);
  for (const auto& [l, o] : s.link_overrides) check("link id", l, net.link_by_id(l).has_value(), link_ids);
  for (const auto& [k, o] : s.transfer_overrides) check("transfer", k, net.transfer_by_key(k).has_value(), transfer_keys);
  for (const auto& k : s.closed.transfers) check("transfer", k, net.transfer_by_key(k).has_value(), transfer_keys);
  for (const auto& r : s.market_rates) {
    check("node id", r.from, net.node_by_id(r.from).has_value(), node_ids);
    check("node id", r.to, net.node_by_id(r.to).has_value(), node_ids);
  }
  // Countries, chokepoints and agreements as the scenario file's reader checks them, so that
  // the JSON door takes no scenario the TOML door would refuse (found by fuzz/scenario_json).
  const auto chokepoints = known_chokepoints(net);
  for (const auto& c : s.closed.chokepoints)
    check("chokepoint", c, std::find(chokepoints.begin(), chokepoints.end(), c) != chokepoints.end(), chokepoints);
  auto check_pair = [&](const std::string& what, const CountryPair& pair) {
    check("country", pair.first, net.country(pair.first) != nullptr, countries);
    check("country", pair.second, net.country(pair.second) != nullptr, countries);
    if (pair.first == pair.second) throw ScenarioError("scenario: " + what + " needs two different countries, got " + pair.first);
  };
  auto has_rule = [&](const CountryPair& pair) {
    for (const auto& r : net.border_rules)
      if (country_pair(r.country_a, r.country_b) == pair) return true;
    return false;
  };
  for (const auto& b : s.closed.borders) {
    check_pair("a closed border", b);
    bool crossed = false;
    for (const auto& l : net.links) {
      const auto& a = net.nodes[l.from].country;
      const auto& z = net.nodes[l.to].country;
      crossed = crossed || (!a.empty() && !z.empty() && a != z && mode_stops_at_borders(l.mode) && country_pair(a, z) == b);
    }
    if (!crossed) throw ScenarioError("scenario: no link of the network crosses the border " + b.first + "-" + b.second);
  }
  for (const auto& o : s.border_overrides) {
    check_pair("a border override", o.countries);
    if (!has_rule(o.countries))
      throw ScenarioError("scenario: the data has no border rule between " + o.countries.first + " and " + o.countries.second);
  }
  std::vector<std::string> agreement_ids;
  for (const auto& a : net.agreements) agreement_ids.push_back(a.id);
  for (const auto& a : s.added_agreements) {
    const auto pair = country_pair(a.country_a, a.country_b);
    check_pair("an agreement", pair);
    if (!has_rule(pair)) throw ScenarioError("scenario: the data has no border rule between " + pair.first + " and " + pair.second);
    agreement_ids.push_back(a.id);
  }
  for (const auto& id : s.removed_agreements)
    check("agreement", id, std::find(agreement_ids.begin(), agreement_ids.end(), id) != agreement_ids.end(), agreement_ids);
}

std::string scenario_key(const Scenario& s) { return scenario_to_json(s).dump(); }

std::string scenario_hash(const Scenario& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : scenario_key(s)) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return text;
}

namespace {

// A TOML basic string: JSON's escapes are TOML's too, except that TOML also refuses a raw
// DEL (U+007F), which JSON leaves as it is (found by fuzz/scenario_json).
std::string quoted(const std::string& s) {
  std::string out;
  for (char c : json(s).dump()) {
    if (c == '\x7f') out += "\\u007F";
    else out += c;
  }
  return out;
}

std::string number(double v) {
  std::ostringstream out;
  out << std::setprecision(17) << v;
  auto text = out.str();
  // TOML floats need a decimal point or an exponent; integers stay integers where the reader
  // takes either.
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

template <typename Container>
std::string list(const Container& items) {
  std::string out = "[";
  for (const auto& i : items) out += (out.size() > 1 ? ", " : "") + quoted(i);
  return out + "]";
}

void line(std::ostringstream& out, const char* key, const std::optional<double>& v) {
  if (v) out << key << " = " << number(*v) << "\n";
}

void factor(std::ostringstream& out, const char* key, double v) {
  if (v != 1.0) out << key << " = " << number(v) << "\n";
}

}  // namespace

std::string scenario_to_toml(const Network& net, const Scenario& s) {
  std::ostringstream out;
  out << "# Written by silkroute from a scenario; scenario hash " << scenario_hash(s) << "\n";
  out << "name = " << quoted(s.name) << "\n";
  if (!s.description.empty()) out << "description = " << quoted(s.description) << "\n";
  if (s.year != kLatestYear) out << "year = " << s.year << "\n";
  if (s.month) out << "month = " << s.month << "\n";
  if (s.carbon_price_usd_per_t != 0) out << "carbon_price_usd_per_t = " << number(s.carbon_price_usd_per_t) << "\n";
  if (!s.removed_agreements.empty()) out << "remove_agreements = " << list(s.removed_agreements) << "\n";
  const auto& c = s.closed;
  if (!c.empty()) {
    out << "\n[closed]\n";
    if (!c.countries.empty()) out << "countries = " << list(c.countries) << "\n";
    if (!c.nodes.empty()) out << "nodes = " << list(c.nodes) << "\n";
    if (!c.links.empty()) out << "links = " << list(c.links) << "\n";
    if (!c.chokepoints.empty()) out << "chokepoints = " << list(c.chokepoints) << "\n";
    if (!c.modes.empty()) {
      std::vector<std::string> names;
      for (auto m : c.modes) names.emplace_back(mode_name(m));
      out << "modes = " << list(names) << "\n";
    }
    if (!c.borders.empty()) {
      std::vector<std::string> names;
      for (const auto& b : c.borders) names.push_back(join_pair(b));
      out << "borders = " << list(names) << "\n";
    }
    if (!c.transfers.empty()) out << "transfers = " << list(c.transfers) << "\n";
  }
  for (const auto& [m, o] : s.mode_overrides) {
    out << "\n[modes." << mode_name(m) << "]\n";
    line(out, "speed_kmh", o.speed_kmh);
    factor(out, "speed_factor", o.speed_factor);
    line(out, "cost_usd_per_teu_km", o.cost_usd_per_teu_km);
    factor(out, "cost_factor", o.cost_factor);
    line(out, "co2_kg_per_teu_km", o.co2_kg_per_teu_km);
    line(out, "handling_h", o.handling_h);
    line(out, "handling_cost_usd", o.handling_cost_usd);
  }
  for (const auto& [id, o] : s.link_overrides) {
    out << "\n[[links]]\nid = " << quoted(id) << "\n";
    line(out, "speed_kmh", o.speed_kmh);
    factor(out, "speed_factor", o.speed_factor);
    line(out, "departures_per_week", o.departures_per_week);
    factor(out, "departures_factor", o.departures_factor);
    line(out, "cost_usd_per_teu_km", o.cost_usd_per_teu_km);
  }
  for (const auto& [key, o] : s.transfer_overrides) {
    const auto index = net.transfer_by_key(key);
    if (!index) throw ScenarioError("scenario: unknown transfer '" + key + "'");
    const auto& t = net.transfers[*index];
    out << "\n[[transfers]]\nnode = " << quoted(net.nodes[t.node].id) << "\nfrom = " << quoted(carrier_pattern_name(t.a))
        << "\nto = " << quoted(carrier_pattern_name(t.b)) << "\n";
    line(out, "dwell_h", o.dwell_h);
    factor(out, "dwell_factor", o.dwell_factor);
    line(out, "cost_usd", o.cost_usd);
  }
  for (const auto& b : s.border_overrides) {
    out << "\n[[borders]]\ncountries = " << list(std::vector<std::string>{b.countries.first, b.countries.second}) << "\n";
    if (b.mode) out << "mode = " << quoted(std::string(mode_name(*b.mode))) << "\n";
    line(out, "dwell_h", b.dwell_h);
    factor(out, "dwell_factor", b.dwell_factor);
    line(out, "fee_usd", b.fee_usd);
    factor(out, "fee_factor", b.fee_factor);
  }
  for (const auto& a : s.added_agreements) {
    out << "\n[[agreements]]\nid = " << quoted(a.id) << "\nkind = " << quoted(a.kind)
        << "\ncountries = " << list(std::vector<std::string>{a.country_a, a.country_b}) << "\n";
    factor(out, "dwell_factor", a.dwell_factor);
    factor(out, "fee_factor", a.fee_factor);
    if (a.year != kAlwaysOpen) out << "year = " << a.year << "\n";
    if (!a.source.empty()) out << "source = " << quoted(a.source) << "\n";
  }
  for (const auto& r : s.market_rates)
    out << "\n[[market_rates]]\nfrom = " << quoted(r.from) << "\nto = " << quoted(r.to) << "\nmode = "
        << quoted(std::string(mode_name(r.mode))) << "\nusd_per_teu = " << number(r.usd_per_teu)
        << "\nsource = " << quoted(r.source) << "\n";
  return out.str();
}

}  // namespace silkroute
