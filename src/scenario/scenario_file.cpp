#include "scenario/scenario_file.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "io/input_limits.hpp"
#include "network/place_finder.hpp"
#include "scenario/avoid.hpp"
#include "scenario/toml_guard.hpp"

namespace silkroute {

namespace fs = std::filesystem;

namespace {

// A scenario file's text: a regular file within the size limit (a folder, /dev/zero or a
// huge file named by `extends` is an error, not an empty or endless scenario).
std::string read_text(const fs::path& file) {
  try {
    return io::read_input_file(file.string(), io::kMaxScenarioBytes, "scenario file");
  } catch (const std::invalid_argument& e) {
    throw ScenarioError(e.what());
  }
}

// Deeper chains are mistakes; the limit also bounds the recursion of loading them.
constexpr std::size_t kMaxExtendsDepth = 16;

// Speeds and departures may be cut to a hundredth, no further: a factor near 0 is a closure,
// which the file should say as one.
constexpr double kMinSpeedFactor = 0.01;

fs::path scenarios_dir(const Network& net) { return fs::path(net.source_dir) / "scenarios"; }

std::vector<std::string> bundled_names(const Network& net) {
  std::vector<std::string> names;
  for (const auto& b : bundled_scenarios(net)) names.push_back(b.name);
  return names;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

Scenario load_with_chain(const Network& net, const std::string& name_or_path, const fs::path& relative_to,
                         std::vector<fs::path>& chain);

// Reads one file's TOML onto a scenario that may already hold its base.
class ScenarioReader {
 public:
  ScenarioReader(const Network& net, fs::path source, std::vector<fs::path>& chain)
      : net_(net), source_(std::move(source)), chain_(chain) {}

  Scenario read(const std::string& text) {
    if (auto problem = toml_depth_problem(text)) throw ScenarioError(source_.string() + ":" + *problem);
    toml::table root;
    try {
      root = toml::parse(text, source_.string());
    } catch (const toml::parse_error& e) {
      throw ScenarioError(source_.string() + ":" + std::to_string(e.source().begin.line) + ": " +
                          std::string(e.description()));
    }
    check_keys(root, "", {"name", "description", "extends", "year", "month", "carbon_price_usd_per_t", "closed", "modes",
                          "links", "transfers", "borders", "agreements", "remove_agreements", "market_rates"});

    Scenario s;
    if (auto* base = root.get("extends")) {
      const auto name = string_value(*base, "extends");
      s = load_with_chain(net_, name, source_.parent_path(), chain_);
    } else {
      s = Scenario{};
      s.name = "";
    }
    s.sources.push_back(source_.string());
    s.name = root.get("name") ? string_value(*root.get("name"), "name") : source_.stem().string();
    if (auto* d = root.get("description")) s.description = string_value(*d, "description");
    if (auto* y = root.get("year")) {
      const auto year = integer_value(*y, "year");
      if (year < 1800 || year > kLatestYear) fail(*y, "year", "expected a year from 1800 to 9999, got " + std::to_string(year));
      s.year = static_cast<int>(year);
    }
    if (auto* m = root.get("month")) {
      const auto month = integer_value(*m, "month");
      if (month < 1 || month > 12) fail(*m, "month", "expected a month from 1 to 12, got " + std::to_string(month));
      s.month = static_cast<int>(month);
    }
    if (auto* c = root.get("carbon_price_usd_per_t")) s.carbon_price_usd_per_t = number_in(*c, "carbon_price_usd_per_t", 0, 1e5);
    if (auto* c = root.get("closed")) read_closed(table_of(*c, "closed"), s);
    if (auto* m = root.get("modes")) read_modes(table_of(*m, "modes"), s);
    if (auto* l = root.get("links")) for_each_table(*l, "links", [&](const toml::table& t, const std::string& key) { read_link(t, key, s); });
    if (auto* t = root.get("transfers"))
      for_each_table(*t, "transfers", [&](const toml::table& tt, const std::string& key) { read_transfer(tt, key, s); });
    if (auto* b = root.get("borders"))
      for_each_table(*b, "borders", [&](const toml::table& t, const std::string& key) { read_border(t, key, s); });
    if (auto* a = root.get("agreements"))
      for_each_table(*a, "agreements", [&](const toml::table& t, const std::string& key) { read_agreement(t, key, s); });
    if (auto* r = root.get("remove_agreements")) read_removed_agreements(*r, s);
    if (auto* m = root.get("market_rates"))
      for_each_table(*m, "market_rates", [&](const toml::table& t, const std::string& key) { read_market_rate(t, key, s); });
    return s;
  }

 private:
  [[noreturn]] void fail(const toml::node& at, const std::string& key, const std::string& message) const {
    throw ScenarioError(source_.string() + ":" + std::to_string(at.source().begin.line) + ": key '" + key + "': " + message);
  }

  void check_keys(const toml::table& t, const std::string& prefix, const std::vector<std::string>& known) const {
    for (const auto& [k, v] : t) {
      const std::string key(k.str());
      if (std::find(known.begin(), known.end(), key) == known.end())
        fail(v, prefix + key, "unknown key" + did_you_mean(key, known) + "; known keys here: " + join(known));
    }
  }

  std::string string_value(const toml::node& n, const std::string& key) const {
    if (auto v = n.value<std::string>(); v && n.is_string()) return *v;
    fail(n, key, "expected a string");
  }

  std::int64_t integer_value(const toml::node& n, const std::string& key) const {
    if (n.is_integer()) return *n.value<std::int64_t>();
    fail(n, key, "expected an integer");
  }

  double number_in(const toml::node& n, const std::string& key, double low, double high) const {
    if (!n.is_number()) fail(n, key, "expected a number");
    const double v = *n.value<double>();
    if (!(v >= low && v <= high))
      fail(n, key, "expected a number from " + format(low) + " to " + format(high) + ", got " + format(v));
    return v;
  }

  double positive(const toml::node& n, const std::string& key, double high) const {
    const double v = number_in(n, key, 0, high);
    if (v <= 0) fail(n, key, "expected a number above 0");
    return v;
  }

  // Multiplies a factor already set (by a base scenario or an earlier entry) by a new one;
  // the product must stay in the range one value may take, so that stacked factors never
  // reach 0, inf or NaN (a speed of 0 would silently remove a link).
  void stack(double& factor, double by, const toml::node& at, const std::string& key, double low, double high) const {
    const double product = factor * by;
    if (!(product >= low && product <= high))
      fail(at, key, "with the factors set before it (in this file or the ones it extends) it gives " + format(product) +
                        ", outside " + format(low) + " to " + format(high));
    factor = product;
  }

  static std::string format(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
  }

  const toml::table& table_of(const toml::node& n, const std::string& key) const {
    if (!n.is_table()) fail(n, key, "expected a table ([" + key + "])");
    return *n.as_table();
  }

  std::vector<std::pair<std::string, const toml::node*>> strings(const toml::node& n, const std::string& key) const {
    if (!n.is_array()) fail(n, key, "expected an array of strings, e.g. [\"a\", \"b\"]");
    std::vector<std::pair<std::string, const toml::node*>> out;
    std::size_t i = 0;
    for (const auto& item : *n.as_array()) out.emplace_back(string_value(item, key + "[" + std::to_string(i++) + "]"), &item);
    return out;
  }

  template <typename F>
  void for_each_table(const toml::node& n, const std::string& key, F&& f) const {
    if (!n.is_array_of_tables() && !(n.is_array() && n.as_array()->empty()))
      fail(n, key, "expected an array of tables ([[" + key + "]])");
    std::size_t i = 0;
    for (const auto& item : *n.as_array()) f(*item.as_table(), key + "[" + std::to_string(i++) + "]");
  }

  std::string country_id(const toml::node& at, const std::string& key, const std::string& text) const {
    if (net_.country(text)) return text;
    std::vector<std::string> ids;
    for (const auto& c : net_.countries) ids.push_back(c.iso3);
    fail(at, key, "unknown country '" + text + "'" + did_you_mean(text, ids) + " (use ISO 3166 alpha-3 codes)");
  }

  NodeIndex node_id(const toml::node& at, const std::string& key, const std::string& text) const {
    if (auto n = net_.node_by_id(text)) return *n;
    std::vector<std::string> ids;
    for (const auto& node : net_.nodes) ids.push_back(node.id);
    fail(at, key, "unknown node id '" + text + "'" + did_you_mean(text, ids));
  }

  LinkIndex link_id(const toml::node& at, const std::string& key, const std::string& text) const {
    if (auto l = net_.link_by_id(text)) return *l;
    std::vector<std::string> ids;
    for (const auto& link : net_.links) ids.push_back(link.id);
    fail(at, key, "unknown link id '" + text + "'" + did_you_mean(text, ids));
  }

  Mode mode_of(const toml::node& at, const std::string& key, const std::string& text) const {
    if (auto m = parse_mode(text)) return *m;
    fail(at, key, "unknown mode '" + text + "'; modes are " + mode_names());
  }

  std::string transfer_key_of(const toml::node& at, const std::string& key, const std::string& text) const {
    if (net_.transfer_by_key(text)) return text;
    std::vector<std::string> keys, here;
    for (std::size_t i = 0; i < net_.transfers.size(); ++i) {
      keys.push_back(net_.transfer_key(i));
      if (net_.nodes[net_.transfers[i].node].id == text) here.push_back(net_.transfer_key(i));
    }
    // A node id names no single facility: list the node's, never close them all unasked.
    if (!here.empty()) fail(at, key, "'" + text + "' is a node; name one of its transfers: " + join(here));
    fail(at, key, "unknown transfer '" + text + "'" + did_you_mean(text, keys) +
                      (keys.empty() ? std::string(" (the network has no transfers)") : " (node:from-to, e.g. " + keys.front() + ")"));
  }

  CountryPair border_of(const toml::node& at, const std::string& key, const std::string& text) const {
    const auto dash = text.find('-');
    if (dash == std::string::npos) fail(at, key, "expected two countries as 'AAA-BBB', got '" + text + "'");
    const auto a = country_id(at, key, text.substr(0, dash));
    const auto b = country_id(at, key, text.substr(dash + 1));
    if (a == b) fail(at, key, "a border needs two different countries, got '" + text + "'");
    return country_pair(a, b);
  }

  CountryPair countries_of(const toml::table& t, const std::string& key) const {
    const auto* n = t.get("countries");
    if (!n) fail(t, key, "missing 'countries = [\"AAA\", \"BBB\"]'");
    const auto items = strings(*n, key + ".countries");
    if (items.size() != 2) fail(*n, key + ".countries", "expected exactly two countries");
    const auto a = country_id(*items[0].second, key + ".countries", items[0].first);
    const auto b = country_id(*items[1].second, key + ".countries", items[1].first);
    if (a == b) fail(*n, key + ".countries", "expected two different countries");
    return country_pair(a, b);
  }

  bool has_border_rule(const CountryPair& pair) const {
    for (const auto& r : net_.border_rules)
      if (country_pair(r.country_a, r.country_b) == pair) return true;
    return false;
  }

  void read_closed(const toml::table& t, Scenario& s) const {
    check_keys(t, "closed.", {"countries", "nodes", "links", "chokepoints", "modes", "borders", "crossings", "transfers"});
    if (auto* n = t.get("countries"))
      for (const auto& [v, at] : strings(*n, "closed.countries")) s.closed.countries.insert(country_id(*at, "closed.countries", v));
    if (auto* n = t.get("nodes"))
      for (const auto& [v, at] : strings(*n, "closed.nodes")) s.closed.nodes.insert(net_.nodes[node_id(*at, "closed.nodes", v)].id);
    if (auto* n = t.get("links"))
      for (const auto& [v, at] : strings(*n, "closed.links")) s.closed.links.insert(net_.links[link_id(*at, "closed.links", v)].id);
    if (auto* n = t.get("modes"))
      for (const auto& [v, at] : strings(*n, "closed.modes")) s.closed.modes.insert(mode_of(*at, "closed.modes", v));
    if (auto* n = t.get("chokepoints")) {
      const auto known = known_chokepoints(net_);
      for (const auto& [v, at] : strings(*n, "closed.chokepoints")) {
        if (std::find(known.begin(), known.end(), v) == known.end())
          fail(*at, "closed.chokepoints", "unknown chokepoint '" + v + "'" + did_you_mean(v, known) + "; known: " + join(known));
        s.closed.chokepoints.insert(v);
      }
    }
    if (auto* n = t.get("borders")) {
      for (const auto& [v, at] : strings(*n, "closed.borders")) {
        const auto pair = border_of(*at, "closed.borders", v);
        if (!crosses(pair)) fail(*at, "closed.borders", "no link of the network crosses the border " + pair.first + "-" + pair.second);
        s.closed.borders.insert(pair);
      }
    }
    // One facility at a node (a dry port's gauge change, a port's rail link), the node staying
    // open for everything else: named by its key, node:from-to as `silkroute info` lists them.
    if (auto* n = t.get("transfers"))
      for (const auto& [v, at] : strings(*n, "closed.transfers")) s.closed.transfers.insert(transfer_key_of(*at, "closed.transfers", v));
    // One crossing: a link that crosses a border, or a border station.
    if (auto* n = t.get("crossings")) {
      for (const auto& [v, at] : strings(*n, "closed.crossings")) {
        if (auto l = net_.link_by_id(v)) {
          const auto& link = net_.links[*l];
          if (net_.nodes[link.from].country == net_.nodes[link.to].country)
            fail(*at, "closed.crossings", "link '" + v + "' does not cross a border; close it under closed.links");
          s.closed.links.insert(net_.links[*l].id);
        } else if (auto node = net_.node_by_id(v)) {
          if (net_.nodes[*node].kind != NodeKind::border_station)
            fail(*at, "closed.crossings", "node '" + v + "' is not a border station; close it under closed.nodes");
          s.closed.nodes.insert(net_.nodes[*node].id);
        } else {
          std::vector<std::string> ids;
          for (const auto& link : net_.links)
            if (net_.nodes[link.from].country != net_.nodes[link.to].country && mode_stops_at_borders(link.mode))
              ids.push_back(link.id);
          for (const auto& node : net_.nodes)
            if (node.kind == NodeKind::border_station) ids.push_back(node.id);
          fail(*at, "closed.crossings", "unknown crossing '" + v + "'" + did_you_mean(v, ids) +
                                            " (a cross-border link id or a border station id)");
        }
      }
    }
  }

  bool crosses(const CountryPair& pair) const {
    for (const auto& l : net_.links) {
      const auto& a = net_.nodes[l.from].country;
      const auto& b = net_.nodes[l.to].country;
      if (!a.empty() && !b.empty() && a != b && mode_stops_at_borders(l.mode) && country_pair(a, b) == pair) return true;
    }
    return false;
  }

  void read_modes(const toml::table& t, Scenario& s) const {
    for (const auto& [k, v] : t) {
      const std::string key = "modes." + std::string(k.str());
      const auto mode = mode_of(v, key, std::string(k.str()));
      const auto& mt = table_of(v, key);
      check_keys(mt, key + ".", {"speed_kmh", "speed_factor", "cost_usd_per_teu_km", "cost_factor", "co2_kg_per_teu_km",
                                 "handling_h", "handling_cost_usd"});
      auto& o = s.mode_overrides[mode];
      if (auto* n = mt.get("speed_kmh")) o.speed_kmh = positive(*n, key + ".speed_kmh", 1500);
      if (auto* n = mt.get("speed_factor"))
        stack(o.speed_factor, number_in(*n, key + ".speed_factor", kMinSpeedFactor, 10), *n, key + ".speed_factor", kMinSpeedFactor, 10);
      if (auto* n = mt.get("cost_usd_per_teu_km")) o.cost_usd_per_teu_km = number_in(*n, key + ".cost_usd_per_teu_km", 0, 100);
      if (auto* n = mt.get("cost_factor")) stack(o.cost_factor, number_in(*n, key + ".cost_factor", 0, 100), *n, key + ".cost_factor", 0, 100);
      if (auto* n = mt.get("co2_kg_per_teu_km")) o.co2_kg_per_teu_km = number_in(*n, key + ".co2_kg_per_teu_km", 0, 100);
      if (auto* n = mt.get("handling_h")) o.handling_h = number_in(*n, key + ".handling_h", 0, 1000);
      if (auto* n = mt.get("handling_cost_usd")) o.handling_cost_usd = number_in(*n, key + ".handling_cost_usd", 0, 1e6);
    }
  }

  void read_link(const toml::table& t, const std::string& key, Scenario& s) const {
    check_keys(t, key + ".", {"id", "ids", "corridor", "mode", "speed_kmh", "speed_factor", "departures_per_week",
                              "departures_factor", "cost_usd_per_teu_km"});
    std::vector<LinkIndex> selected;
    if (auto* n = t.get("id")) selected.push_back(link_id(*n, key + ".id", string_value(*n, key + ".id")));
    if (auto* n = t.get("ids"))
      for (const auto& [v, at] : strings(*n, key + ".ids")) selected.push_back(link_id(*at, key + ".ids", v));
    const auto* corridor = t.get("corridor");
    const auto* mode = t.get("mode");
    if (corridor || mode) {
      if (!selected.empty()) fail(t, key, "give either id/ids or corridor/mode, not both");
      std::optional<std::string> c;
      std::optional<Mode> m;
      if (corridor) c = string_value(*corridor, key + ".corridor");
      if (mode) m = mode_of(*mode, key + ".mode", string_value(*mode, key + ".mode"));
      std::set<std::string> corridors;
      for (LinkIndex l = 0; l < static_cast<LinkIndex>(net_.links.size()); ++l) {
        const auto& link = net_.links[l];
        corridors.insert(link.corridors.begin(), link.corridors.end());
        const bool in_corridor = !c || std::find(link.corridors.begin(), link.corridors.end(), *c) != link.corridors.end();
        if (in_corridor && (!m || link.mode == *m)) selected.push_back(l);
      }
      if (c && !corridors.count(*c))
        fail(*corridor, key + ".corridor", "unknown corridor '" + *c + "'" +
                                               did_you_mean(*c, {corridors.begin(), corridors.end()}));
      if (selected.empty()) fail(t, key, "no link matches this corridor and mode");
    }
    if (selected.empty()) fail(t, key, "say which links: id, ids, corridor or mode");
    LinkOverride add;
    if (auto* n = t.get("speed_kmh")) add.speed_kmh = positive(*n, key + ".speed_kmh", 1500);
    const toml::node* speed_factor_at = t.get("speed_factor");
    const toml::node* departures_factor_at = t.get("departures_factor");
    if (speed_factor_at) add.speed_factor = number_in(*speed_factor_at, key + ".speed_factor", kMinSpeedFactor, 10);
    if (auto* n = t.get("departures_per_week")) add.departures_per_week = positive(*n, key + ".departures_per_week", 1e4);
    if (departures_factor_at)
      add.departures_factor = number_in(*departures_factor_at, key + ".departures_factor", kMinSpeedFactor, 100);
    if (auto* n = t.get("cost_usd_per_teu_km")) add.cost_usd_per_teu_km = number_in(*n, key + ".cost_usd_per_teu_km", 0, 100);
    for (auto l : selected) {
      auto& o = s.link_overrides[net_.links[l].id];
      if (add.speed_kmh) o.speed_kmh = add.speed_kmh;
      if (add.departures_per_week) o.departures_per_week = add.departures_per_week;
      if (add.cost_usd_per_teu_km) o.cost_usd_per_teu_km = add.cost_usd_per_teu_km;
      if (speed_factor_at) stack(o.speed_factor, add.speed_factor, *speed_factor_at, key + ".speed_factor", kMinSpeedFactor, 10);
      if (departures_factor_at)
        stack(o.departures_factor, add.departures_factor, *departures_factor_at, key + ".departures_factor", kMinSpeedFactor, 100);
    }
  }

  void read_transfer(const toml::table& t, const std::string& key, Scenario& s) const {
    check_keys(t, key + ".", {"node", "from", "to", "dwell_h", "dwell_factor", "cost_usd"});
    const auto* n = t.get("node");
    if (!n) fail(t, key, "missing 'node', the id of the transfer's node");
    const auto node = node_id(*n, key + ".node", string_value(*n, key + ".node"));
    auto pattern = [&](const char* name) -> std::optional<CarrierPattern> {
      const auto* p = t.get(name);
      if (!p) return std::nullopt;
      const auto text = string_value(*p, key + "." + name);
      auto parsed = parse_carrier_pattern(text);
      if (!parsed) fail(*p, key + "." + name, "expected a carrier such as rail, rail:1520 or sea, got '" + text + "'");
      return parsed;
    };
    const auto from = pattern("from");
    const auto to = pattern("to");
    auto same = [](const CarrierPattern& x, const std::optional<CarrierPattern>& y) {
      return !y || (x.mode == y->mode && (y->gauge_mm == 0 || x.gauge_mm == y->gauge_mm));
    };
    TransferOverride add;
    const toml::node* dwell_factor_at = t.get("dwell_factor");
    if (auto* v = t.get("dwell_h")) add.dwell_h = number_in(*v, key + ".dwell_h", 0, 1000);
    if (auto* v = t.get("dwell_factor")) add.dwell_factor = number_in(*v, key + ".dwell_factor", 0, 100);
    if (auto* v = t.get("cost_usd")) add.cost_usd = number_in(*v, key + ".cost_usd", 0, 1e6);
    int matched = 0;
    for (std::int32_t i = 0; i < static_cast<std::int32_t>(net_.transfers.size()); ++i) {
      const auto& tr = net_.transfers[i];
      if (tr.node != node) continue;
      if (!((same(tr.a, from) && same(tr.b, to)) || (same(tr.b, from) && same(tr.a, to)))) continue;
      auto& o = s.transfer_overrides[net_.transfer_key(static_cast<std::size_t>(i))];
      if (add.dwell_h) o.dwell_h = add.dwell_h;
      if (add.cost_usd) o.cost_usd = add.cost_usd;
      if (dwell_factor_at) stack(o.dwell_factor, add.dwell_factor, *dwell_factor_at, key + ".dwell_factor", 0, 100);
      ++matched;
    }
    if (matched == 0) fail(t, key, "no transfer at node '" + net_.nodes[node].id + "' matches");
  }

  void read_border(const toml::table& t, const std::string& key, Scenario& s) const {
    check_keys(t, key + ".", {"countries", "mode", "dwell_h", "dwell_factor", "fee_usd", "fee_factor"});
    BorderOverride o;
    o.countries = countries_of(t, key);
    if (!has_border_rule(o.countries))
      fail(t, key, "the data has no border rule between " + o.countries.first + " and " + o.countries.second +
                       " (a customs union or no crossing), so this override would change nothing");
    if (auto* n = t.get("mode")) o.mode = mode_of(*n, key + ".mode", string_value(*n, key + ".mode"));
    if (auto* n = t.get("dwell_h")) o.dwell_h = number_in(*n, key + ".dwell_h", 0, 1000);
    if (auto* n = t.get("dwell_factor")) o.dwell_factor = number_in(*n, key + ".dwell_factor", 0, 100);
    if (auto* n = t.get("fee_usd")) o.fee_usd = number_in(*n, key + ".fee_usd", 0, 1e6);
    if (auto* n = t.get("fee_factor")) o.fee_factor = number_in(*n, key + ".fee_factor", 0, 100);
    // Overrides of one border apply one after the other: their product keeps to one's range.
    double dwell = 1, fee = 1;
    for (const auto& before : s.border_overrides)
      if (before.countries == o.countries && (!before.mode || !o.mode || before.mode == o.mode)) {
        dwell *= before.dwell_factor;
        fee *= before.fee_factor;
      }
    if (auto* n = t.get("dwell_factor")) stack(dwell, o.dwell_factor, *n, key + ".dwell_factor", 0, 100);
    if (auto* n = t.get("fee_factor")) stack(fee, o.fee_factor, *n, key + ".fee_factor", 0, 100);
    s.border_overrides.push_back(o);
  }

  void read_agreement(const toml::table& t, const std::string& key, Scenario& s) const {
    check_keys(t, key + ".", {"id", "kind", "countries", "dwell_factor", "fee_factor", "year", "source"});
    Agreement a;
    const auto* id = t.get("id");
    if (!id) fail(t, key, "missing 'id'");
    a.id = string_value(*id, key + ".id");
    a.kind = t.get("kind") ? string_value(*t.get("kind"), key + ".kind") : "scenario";
    const auto pair = countries_of(t, key);
    if (!has_border_rule(pair))
      fail(t, key, "the data has no border rule between " + pair.first + " and " + pair.second +
                       ", so an agreement between them would change nothing");
    a.country_a = pair.first;
    a.country_b = pair.second;
    if (auto* n = t.get("dwell_factor")) a.dwell_factor = number_in(*n, key + ".dwell_factor", 0, 10);
    if (auto* n = t.get("fee_factor")) a.fee_factor = number_in(*n, key + ".fee_factor", 0, 10);
    if (auto* n = t.get("year")) {
      const auto year = integer_value(*n, key + ".year");
      if (year < 1800 || year > kLatestYear) fail(*n, key + ".year", "expected a year from 1800 to 9999, got " + std::to_string(year));
      a.year = static_cast<int>(year);
    }
    if (auto* n = t.get("source")) a.source = string_value(*n, key + ".source");
    // Agreements between two countries apply one after the other, with the data's own.
    double dwell = 1, fee = 1;
    for (const auto& before : net_.agreements)
      if (country_pair(before.country_a, before.country_b) == pair) dwell *= before.dwell_factor, fee *= before.fee_factor;
    for (const auto& before : s.added_agreements)
      if (country_pair(before.country_a, before.country_b) == pair) dwell *= before.dwell_factor, fee *= before.fee_factor;
    if (auto* n = t.get("dwell_factor")) stack(dwell, a.dwell_factor, *n, key + ".dwell_factor", 0, 10);
    if (auto* n = t.get("fee_factor")) stack(fee, a.fee_factor, *n, key + ".fee_factor", 0, 10);
    s.added_agreements.push_back(a);
  }

  // [[market_rates]] from = "shanghai", to = "rotterdam", usd_per_teu = 2492, source = "..."
  // (mode = "sea" by default). A lane given again replaces the earlier (a base scenario's).
  void read_market_rate(const toml::table& t, const std::string& key, Scenario& s) const {
    check_keys(t, key + ".", {"from", "to", "mode", "usd_per_teu", "source"});
    MarketRate r;
    for (const char* end : {"from", "to"}) {
      const auto* n = t.get(end);
      if (!n) fail(t, key, std::string("missing '") + end + "', the node id where the lane " + (end[0] == 'f' ? "starts" : "ends"));
      const auto text = string_value(*n, key + "." + end);
      node_id(*n, key + "." + end, text);
      (end[0] == 'f' ? r.from : r.to) = text;
    }
    if (r.from == r.to) fail(t, key, "a lane needs two different ends, got '" + r.from + "' twice");
    if (auto* n = t.get("mode")) r.mode = mode_of(*n, key + ".mode", string_value(*n, key + ".mode"));
    const auto* rate = t.get("usd_per_teu");
    if (!rate) fail(t, key, "missing 'usd_per_teu', the rate in USD per TEU (half the published rate per FEU)");
    r.usd_per_teu = number_in(*rate, key + ".usd_per_teu", 0, 1e6);
    const auto* source = t.get("source");
    if (!source) fail(t, key, "missing 'source': say who published the rate and when");
    r.source = string_value(*source, key + ".source");
    std::erase_if(s.market_rates, [&](const MarketRate& m) { return m.from == r.from && m.to == r.to && m.mode == r.mode; });
    s.market_rates.push_back(r);
  }

  void read_removed_agreements(const toml::node& n, Scenario& s) const {
    std::vector<std::string> ids;
    for (const auto& a : net_.agreements) ids.push_back(a.id);
    for (const auto& a : s.added_agreements) ids.push_back(a.id);
    for (const auto& [v, at] : strings(n, "remove_agreements")) {
      if (std::find(ids.begin(), ids.end(), v) == ids.end())
        fail(*at, "remove_agreements", "unknown agreement '" + v + "'" + did_you_mean(v, ids));
      s.removed_agreements.insert(v);
    }
  }

  const Network& net_;
  fs::path source_;
  std::vector<fs::path>& chain_;
};

// A path as an error message shows it: names `extends` made too long are cut, not printed whole.
std::string shown(const fs::path& file) {
  const auto text = file.string();
  return text.size() <= 200 ? text : text.substr(0, 200) + "...";
}

// Whether a scenario file exists. A path the system refuses (a name too long, a folder it
// may not read) is a scenario error naming it, not a filesystem exception.
bool scenario_file_exists(const fs::path& file) {
  std::error_code ec;
  const bool exists = fs::exists(file, ec);
  if (ec) throw ScenarioError("scenario file '" + shown(file) + "' cannot be read: " + ec.message());
  return exists;
}

Scenario load_with_chain(const Network& net, const std::string& name_or_path, const fs::path& relative_to,
                         std::vector<fs::path>& chain) {
  fs::path file;
  const bool looks_like_path = name_or_path.find('/') != std::string::npos ||
                               (name_or_path.size() > 5 && name_or_path.ends_with(".toml"));
  if (looks_like_path) {
    // Relative to the file that extends it (docs/scenarios.md), never to the working folder.
    file = fs::path(name_or_path);
    if (file.is_relative() && !relative_to.empty()) file = relative_to / file;
  } else {
    file = scenarios_dir(net) / (name_or_path + ".toml");
    if (!scenario_file_exists(file) && scenario_file_exists(name_or_path)) file = name_or_path;
  }
  if (!scenario_file_exists(file)) {
    if (looks_like_path) throw ScenarioError("scenario file '" + shown(name_or_path) + "' not found");
    const auto names = bundled_names(net);
    throw ScenarioError("unknown scenario '" + name_or_path + "'" + did_you_mean(name_or_path, names) +
                        "; bundled scenarios: " + (names.empty() ? "none" : join(names)) + "; or give a path to a .toml file");
  }
  std::error_code ec;
  const auto canonical = fs::weakly_canonical(file, ec);
  if (ec) throw ScenarioError("scenario file '" + shown(file) + "' cannot be read: " + ec.message());
  if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
    std::string cycle;
    for (const auto& c : chain) cycle += c.filename().string() + " -> ";
    throw ScenarioError(file.string() + ": 'extends' makes a cycle: " + cycle + canonical.filename().string());
  }
  if (chain.size() >= kMaxExtendsDepth)
    throw ScenarioError(file.string() + ": 'extends' goes " + std::to_string(chain.size()) + " files deep; the limit is " +
                        std::to_string(kMaxExtendsDepth));
  chain.push_back(canonical);
  auto s = ScenarioReader(net, file, chain).read(read_text(file));
  chain.pop_back();
  return s;
}

}  // namespace

Scenario load_scenario(const Network& net, const std::string& name_or_path) {
  std::vector<fs::path> chain;
  return load_with_chain(net, name_or_path, {}, chain);
}

Scenario parse_scenario(const Network& net, const std::string& text, const fs::path& source) {
  std::vector<fs::path> chain{fs::weakly_canonical(source)};
  return ScenarioReader(net, source, chain).read(text);
}

std::vector<BundledScenario> bundled_scenarios(const Network& net) {
  std::vector<BundledScenario> out;
  const auto dir = scenarios_dir(net);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".toml") continue;
    BundledScenario b{entry.path().stem().string(), "", entry.path()};
    try {
      const auto text = io::read_input_file(entry.path().string(), io::kMaxScenarioBytes, "scenario file");
      if (toml_depth_problem(text)) throw std::invalid_argument("too deep");
      auto table = toml::parse(text, entry.path().string());
      b.description = table["description"].value_or(std::string{});
    } catch (const std::exception&) {
      b.description = "(does not parse; `silkroute scenarios --check` says why)";
    }
    out.push_back(b);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

}  // namespace silkroute
