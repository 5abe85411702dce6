#include "io/dataset_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>

#include "io/dataset_issue.hpp"
#include "io/record_reader.hpp"
#include "network/crossing_dwell.hpp"

namespace silkroute::io {

namespace {

constexpr int kMinYear = 1800;
constexpr int kMaxYear = 2100;
constexpr double kMaxLinkSpeedKmh = 1200;  // above any freight carrier, air included
constexpr double kMaxDetourFactor = 20;    // a link's length over the straight line between its ends
constexpr double kMaxDetourKm = 1000;
constexpr double kShapeSlack = 1.01;       // a length may fall 1% short of its shape (rounding)

bool is_id(const std::string& s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '-' || c == '.'; });
}

bool is_iso3(const std::string& s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isupper(c); });
}

bool is_locode(const std::string& s) {
  return s.size() == 5 && std::isupper(static_cast<unsigned char>(s[0])) && std::isupper(static_cast<unsigned char>(s[1])) &&
         std::all_of(s.begin() + 2, s.end(), [](unsigned char c) { return std::isupper(c) || std::isdigit(c); });
}

bool is_tag(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '_'; });
}

// Which node kinds each mode may start or end at (docs/dataset.md, "Modes at nodes").
bool mode_allowed_at(Mode mode, NodeKind kind) { return contains(mode_traits(mode).node_kinds, kind); }

struct Loader {
  std::string dir;
  IssueSink issues;
  Network net;
  std::vector<int> link_lines;  // line of each link in links.csv, for later checks
  std::vector<bool> link_length_given;  // length_km was in links.csv (else the straight line)
  std::set<NodeIndex> unplaced;  // nodes whose coordinates were bad: no length checks against them

  std::optional<CsvTable> open(const std::string& file, bool required, const std::vector<ColumnSpec>& schema) {
    const auto path = (std::filesystem::path(dir) / file).string();
    if (!std::filesystem::exists(path)) {
      if (required) issues.add(file, 0, "", "required file is missing from " + dir);
      return std::nullopt;
    }
    auto table = read_csv_file(path, file, issues);
    if (!table || !check_header(*table, schema, issues)) return std::nullopt;
    return table;
  }

  void check_country(const RecordReader& r, const std::string& column, const std::string& iso3) {
    if (!net.country(iso3)) r.error(column, "unknown country " + in_quotes(iso3) + "; add it to countries.csv (ISO 3166 alpha-3)");
  }

  std::optional<int> year(const RecordReader& r, const std::string& column) {
    return r.integer(column, kMinYear, kMaxYear, kAlwaysOpen);
  }

  void load_countries() {
    auto t = open("countries.csv", true,
                  {{"iso3", true}, {"name", true}, {"customs_union", false}, {"union_since_year", false}});
    if (!t) return;
    std::set<std::string> seen;
    for (const auto& rec : t->records) {
      RecordReader r(*t, rec, issues);
      Country c;
      c.iso3 = r.text("iso3");
      if (!is_iso3(c.iso3)) {
        r.error("iso3", "expected an ISO 3166 alpha-3 code (three capital letters), got " + in_quotes(c.iso3));
        continue;
      }
      if (!seen.insert(c.iso3).second) {
        r.error("iso3", "duplicate country " + in_quotes(c.iso3));
        continue;
      }
      c.name = r.required_text("name").value_or("");
      c.customs_union = r.text("customs_union");
      if (!c.customs_union.empty() && !is_id(c.customs_union))
        r.error("customs_union", "expected a union id of letters, digits, '_' or '-', got " + in_quotes(c.customs_union));
      c.union_since_year = year(r, "union_since_year").value_or(kAlwaysOpen);
      net.countries.push_back(c);
    }
    net.finalize();
  }

  void load_modes() {
    auto t = open("modes.csv", true,
                  {{"mode", true}, {"speed_kmh", true}, {"cost_usd_per_teu_km", true}, {"co2_kg_per_teu_km", true},
                   {"handling_h", true}, {"handling_cost_usd", true}, {"source", false}});
    if (!t) return;
    for (const auto& rec : t->records) {
      RecordReader r(*t, rec, issues);
      auto mode = parse_mode(r.text("mode"));
      if (!mode) {
        r.error("mode", "expected one of " + mode_names() + ", got " + in_quotes(r.text("mode")));
        continue;
      }
      if (net.mode_params.count(*mode)) {
        r.error("mode", "duplicate row for mode " + in_quotes(r.text("mode")));
        continue;
      }
      ModeParams p;
      auto speed = r.number("speed_kmh", 1, 1200);
      auto cost = r.number("cost_usd_per_teu_km", 0, 100);
      auto co2 = r.number("co2_kg_per_teu_km", 0, 1000);
      auto handling_h = r.number("handling_h", 0, 1000);
      auto handling_cost = r.number("handling_cost_usd", 0, 1e6);
      if (!speed || !cost || !co2 || !handling_h || !handling_cost) continue;
      p = {*speed, *cost, *co2, *handling_h, *handling_cost, r.text("source")};
      net.mode_params[*mode] = p;
    }
  }

  void load_cargo() {
    auto t = open("cargo.csv", true,
                  {{"id", true}, {"name", true}, {"value_usd_per_teu", true}, {"time_cost_pct_per_day", true},
                   {"cost_factor", false}, {"excluded_modes", false}, {"source", false}});
    if (!t) return;
    std::set<std::string> seen;
    for (const auto& rec : t->records) {
      RecordReader r(*t, rec, issues);
      CargoClass c;
      c.id = r.text("id");
      if (!is_id(c.id)) {
        r.error("id", "expected an id of letters, digits, '_', '-' or '.', got " + in_quotes(c.id));
        continue;
      }
      if (!seen.insert(c.id).second) {
        r.error("id", "duplicate cargo class " + in_quotes(c.id));
        continue;
      }
      c.name = r.required_text("name").value_or("");
      auto value = r.number("value_usd_per_teu", 0, 1e9);
      auto pct = r.number("time_cost_pct_per_day", 0, 100);
      auto factor = r.number("cost_factor", 0.01, 100, 1.0);
      for (const auto& m : r.list("excluded_modes")) {
        if (auto mode = parse_mode(m)) c.excluded_modes.push_back(*mode);
        else r.error("excluded_modes", "expected modes separated by '|' from " + mode_names() + ", got " + in_quotes(m));
      }
      if (!value || !pct || !factor) continue;
      c.value_usd_per_teu = *value;
      c.time_cost_pct_per_day = *pct;
      c.cost_factor = *factor;
      c.source = r.text("source");
      net.cargo_classes.push_back(c);
    }
    if (t->records.empty()) issues.add("cargo.csv", 0, "", "no cargo classes; at least one row is needed");
  }

  void load_nodes() {
    auto t = open("nodes.csv", true,
                  {{"id", true}, {"name", true}, {"alt_names", false}, {"country", true}, {"lon", true}, {"lat", true},
                   {"kind", true}, {"locode", false}, {"opened_year", false}, {"project", false}, {"source", false}});
    if (!t) return;
    std::set<std::string> seen;
    std::set<std::string> locodes;
    for (const auto& rec : t->records) {
      RecordReader r(*t, rec, issues);
      Node n;
      n.id = r.text("id");
      if (!is_id(n.id)) {
        r.error("id", "expected an id of letters, digits, '_', '-' or '.', got " + in_quotes(n.id));
        continue;
      }
      if (!seen.insert(n.id).second) {
        r.error("id", "duplicate node id " + in_quotes(n.id));
        continue;
      }
      n.name = r.required_text("name").value_or(n.id);
      n.alt_names = r.list("alt_names");
      auto kind = parse_node_kind(r.text("kind"));
      if (!kind) r.error("kind", "expected one of " + node_kind_names() + ", got " + in_quotes(r.text("kind")));
      n.kind = kind.value_or(NodeKind::city);
      n.country = r.text("country");
      if (n.country.empty()) {
        if (kind && *kind != NodeKind::waypoint && *kind != NodeKind::chokepoint)
          r.error("country", "is empty; only waypoint and chokepoint nodes may lie outside a country");
      } else {
        check_country(r, "country", n.country);
      }
      auto lon = r.number("lon", -180, 180);
      auto lat = r.number("lat", -90, 90);
      n.position = {lon.value_or(0), lat.value_or(0)};
      if (!lon || !lat) unplaced.insert(static_cast<NodeIndex>(net.nodes.size()));
      n.locode = r.text("locode");
      if (!n.locode.empty()) {
        if (!is_locode(n.locode)) r.error("locode", "expected a UN/LOCODE of 5 characters such as CNCKG, got " + in_quotes(n.locode));
        else if (!locodes.insert(n.locode).second) r.error("locode", "duplicate UN/LOCODE " + in_quotes(n.locode));
      }
      n.opened_year = year(r, "opened_year").value_or(kAlwaysOpen);
      n.project = r.text("project");
      n.source = r.text("source");
      net.nodes.push_back(std::move(n));
    }
    net.finalize();
  }

  std::optional<NodeIndex> node_ref(const RecordReader& r, const std::string& column) {
    const auto id = r.text(column);
    if (id.empty()) {
      r.error(column, "is empty; expected a node id from nodes.csv");
      return std::nullopt;
    }
    auto idx = net.node_by_id(id);
    if (!idx) r.error(column, "unknown node " + in_quotes(id) + " (not in nodes.csv)");
    return idx;
  }

  void load_links() {
    auto t = open("links.csv", true,
                  {{"id", true}, {"from", true}, {"to", true}, {"mode", true}, {"gauge_mm", false},
                   {"length_km", false}, {"speed_kmh", false}, {"time_h", false}, {"cost_usd_per_teu_km", false},
                   {"departures_per_week", false}, {"corridors", false}, {"chokepoint", false},
                   {"opened_year", false}, {"project", false}, {"source", false}, {"closed_year", false}});
    if (!t) return;
    std::set<std::string> seen;
    for (const auto& rec : t->records) {
      RecordReader r(*t, rec, issues);
      Link l;
      l.id = r.text("id");
      if (!is_id(l.id)) {
        r.error("id", "expected an id of letters, digits, '_', '-' or '.', got " + in_quotes(l.id));
        continue;
      }
      if (!seen.insert(l.id).second) {
        r.error("id", "duplicate link id " + in_quotes(l.id));
        continue;
      }
      auto from = node_ref(r, "from");
      auto to = node_ref(r, "to");
      auto mode = parse_mode(r.text("mode"));
      if (!mode) r.error("mode", "expected one of " + mode_names() + ", got " + in_quotes(r.text("mode")));
      bool ok = from && to && mode;
      if (from && to && *from == *to) {
        r.error("to", "a link must join two different nodes; both ends are " + in_quotes(r.text("from")));
        ok = false;
      }
      if (mode) {
        l.mode = *mode;
        if (*mode == Mode::rail) {
          auto gauge = r.integer("gauge_mm", 500, 2000);
          ok = ok && gauge.has_value();
          l.gauge_mm = gauge.value_or(0);
        } else if (!r.text("gauge_mm").empty()) {
          r.error("gauge_mm", "only rail links have a gauge; leave it empty for mode " + in_quotes(r.text("mode")));
          ok = false;
        }
      }
      if (ok) {
        for (auto [idx, column] : {std::pair{*from, "from"}, std::pair{*to, "to"}}) {
          const auto& n = net.nodes[idx];
          if (!mode_allowed_at(*mode, n.kind)) {
            r.error(column, "mode " + std::string(mode_name(*mode)) + " cannot be used at " + in_quotes(n.id) + ", a " +
                                std::string(node_kind_name(n.kind)) + " node (see docs/dataset.md, modes at nodes)");
            ok = false;
          }
        }
      }
      bool numbers_ok = true;
      auto length = r.optional_number("length_km", 0.001, 50000, &numbers_ok);
      l.speed_kmh = r.optional_number("speed_kmh", 1, kMaxLinkSpeedKmh, &numbers_ok);
      l.time_h = r.optional_number("time_h", 0.001, 10000, &numbers_ok);
      l.cost_usd_per_teu_km = r.optional_number("cost_usd_per_teu_km", 0, 100, &numbers_ok);
      l.departures_per_week = r.optional_number("departures_per_week", 0.01, 10000, &numbers_ok).value_or(0);
      l.corridors = r.list("corridors");
      l.chokepoint = r.text("chokepoint");
      if (!l.chokepoint.empty() && !is_tag(l.chokepoint)) {
        r.error("chokepoint", "expected a lower-case name such as suez or babelmandeb, got " + in_quotes(l.chokepoint));
        numbers_ok = false;
      }
      auto opened = year(r, "opened_year");
      const auto closed = year(r, "closed_year");  // empty or no column: kStillRuns
      if (opened && closed && *closed != kStillRuns && *closed <= *opened) {
        r.error("closed_year", "is " + std::to_string(*closed) + ", not after opened_year " + std::to_string(*opened) +
                                   ": the first year the link no longer runs comes after the year it opened");
        numbers_ok = false;
      }
      l.project = r.text("project");
      l.source = r.text("source");
      if (!ok || !numbers_ok || !opened || !closed) continue;
      l.opened_year = *opened;
      l.closed_year = *closed;
      l.from = *from;
      l.to = *to;
      const double straight_km = geo::great_circle_km(net.nodes[l.from].position, net.nodes[l.to].position);
      if (length && !unplaced.count(l.from) && !unplaced.count(l.to)) {
        // A path can't be shorter than the straight line; allow 2% for rounded coordinates.
        if (*length < straight_km * 0.98 - 1.0) {
          r.error("length_km", "is " + r.text("length_km") + " km, shorter than the straight-line distance of " +
                                   std::to_string(static_cast<int>(straight_km)) + " km between its ends");
          continue;
        }
        // Nor far longer: the embedded data's most winding links are 3.3 times the straight
        // line (short border roads), imported railways between junctions 6 times (Natural
        // Earth); 20 times, or 1000 km more, leaves room and still catches a mistyped length.
        if (*length > std::max(straight_km * kMaxDetourFactor, straight_km + kMaxDetourKm)) {
          r.error("length_km", "is " + r.text("length_km") + " km, more than " + std::to_string(static_cast<int>(kMaxDetourFactor)) +
                                   " times the straight-line distance of " + std::to_string(static_cast<int>(straight_km)) +
                                   " km between its ends (and more than " + std::to_string(static_cast<int>(kMaxDetourKm)) +
                                   " km longer)");
          continue;
        }
        l.length_km = *length;
      } else if (length) {
        l.length_km = *length;
      } else {
        l.length_km = std::max(straight_km, 0.001);
      }
      // An explicit time may not get round the speed limit of speed_kmh.
      if (l.time_h && l.length_km / *l.time_h > kMaxLinkSpeedKmh) {
        r.error("time_h", "is " + r.text("time_h") + " h for " + std::to_string(static_cast<int>(l.length_km)) + " km, faster than " +
                              std::to_string(static_cast<int>(kMaxLinkSpeedKmh)) + " km/h");
        continue;
      }
      net.links.push_back(std::move(l));
      link_lines.push_back(rec.line);
      link_length_given.push_back(length.has_value());
    }
    net.finalize();
  }

  // shapes.csv: the drawn course of land links (docs/dataset.md, "Shapes"). A line cannot be
  // shorter than its own course, so a published length below the shape's is an error; an empty
  // length takes the shape's.
  void load_shapes() {
    auto t = open("shapes.csv", false, {{"link_id", true}, {"vertices", true}, {"source", false}});
    if (!t) return;
    std::set<LinkIndex> seen;
    for (const auto& rec : t->records) {
      RecordReader r(*t, rec, issues);
      const auto id = r.text("link_id");
      const auto index = net.link_by_id(id);
      if (!index) {
        r.error("link_id", "no link " + in_quotes(id) + " in links.csv");
        continue;
      }
      auto& link = net.links[static_cast<std::size_t>(*index)];
      if (link.mode != Mode::rail && link.mode != Mode::road) {
        r.error("link_id", in_quotes(id) + " is a " + std::string(mode_name(link.mode)) +
                               " link; only rail and road links take a shape (sea lanes run through waypoint nodes)");
        continue;
      }
      if (!seen.insert(*index).second) {
        r.error("link_id", "a second shape for " + in_quotes(id));
        continue;
      }
      auto vertices = parse_vertices(r);
      if (!vertices) continue;
      link.vertices = std::move(*vertices);
      const auto i = static_cast<std::size_t>(*index);
      if (unplaced.count(link.from) || unplaced.count(link.to)) continue;
      const double shape_km = geo::polyline_km(link_points(net, link));
      if (!link_length_given[i]) {
        link.length_km = shape_km;
      } else if (link.length_km * kShapeSlack < shape_km) {
        issues.add("links.csv", link_lines[i], "length_km",
                   "is " + format_km(link.length_km) + " km, shorter than the " + format_km(shape_km) + " km of " + in_quotes(id) +
                       "'s shape (shapes.csv line " + std::to_string(r.line()) + "): the length or the shape is wrong");
      }
    }
  }

  // "lon lat;lon lat;..." with each point on Earth; nullopt after an issue naming the vertex.
  static std::optional<std::vector<geo::LonLat>> parse_vertices(const RecordReader& r) {
    const auto text = r.text("vertices");
    std::vector<geo::LonLat> points;
    std::size_t start = 0;
    for (int k = 1; start <= text.size(); ++k) {
      const auto end = std::min(text.find(';', start), text.size());
      const auto item = text.substr(start, end - start);
      start = end + 1;
      double lon = 0, lat = 0;
      char rest = 0;
      if (std::sscanf(item.c_str(), " %lf %lf %c", &lon, &lat, &rest) != 2 || !geo::valid_lon(lon) || !geo::valid_lat(lat)) {
        r.error("vertices", "vertex " + std::to_string(k) + " is " + in_quotes(item) +
                                ", expected 'lon lat' with lon from -180 to 180 and lat from -90 to 90");
        return std::nullopt;
      }
      points.push_back({lon, lat});
    }
    return points;
  }

  static std::string format_km(double km) { return std::to_string(static_cast<long long>(std::lround(km))); }

  void load_transfers() {
    auto t = open("transfers.csv", false,
                  {{"node", true}, {"from", true}, {"to", true}, {"dwell_h", true}, {"cost_usd", true},
                   {"opened_year", false}, {"project", false}, {"source", false}});
    if (!t) return;
    for (const auto& rec : t->records) {
      RecordReader r(*t, rec, issues);
      Transfer tr;
      auto node = node_ref(r, "node");
      auto a = parse_carrier_pattern(r.text("from"));
      auto b = parse_carrier_pattern(r.text("to"));
      const std::string expected = "expected a mode (" + mode_names() + ") or rail:GAUGE such as rail:1520";
      if (!a) r.error("from", expected + ", got " + in_quotes(r.text("from")));
      if (!b) r.error("to", expected + ", got " + in_quotes(r.text("to")));
      if (a && b && a->mode == b->mode && a->gauge_mm == b->gauge_mm) {
        r.error("to", "a transfer must join two different carriers; both are " + in_quotes(r.text("from")));
        continue;
      }
      if (a && b && a->mode == Mode::rail && b->mode == Mode::rail && (a->gauge_mm == 0 || b->gauge_mm == 0)) {
        r.error("to", "a gauge change must name both gauges, e.g. rail:1435 to rail:1520");
        continue;
      }
      auto dwell = r.number("dwell_h", 0, 10000);
      auto cost = r.number("cost_usd", 0, 1e6);
      auto opened = year(r, "opened_year");
      if (!node || !a || !b || !dwell || !cost || !opened) continue;
      tr = {*node, *a, *b, *dwell, *cost, *opened, r.text("project"), r.text("source")};
      net.transfers.push_back(tr);
    }
  }

  void load_borders() {
    auto t = open("borders.csv", false,
                  {{"country_a", true}, {"country_b", true}, {"mode", false}, {"dwell_h", true}, {"fee_usd", true},
                   {"source", false}});
    if (!t) return;
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    for (const auto& rec : t->records) {
      RecordReader r(*t, rec, issues);
      BorderRule b;
      b.country_a = r.text("country_a");
      b.country_b = r.text("country_b");
      check_country(r, "country_a", b.country_a);
      check_country(r, "country_b", b.country_b);
      if (b.country_a == b.country_b) r.error("country_b", "a border joins two different countries");
      const auto mode_text = r.text("mode");
      if (!mode_text.empty()) {
        b.mode = parse_mode(mode_text);
        if (!b.mode) r.error("mode", "expected empty (all modes) or one of " + mode_names() + ", got " + in_quotes(mode_text));
      }
      auto dwell = r.number("dwell_h", 0, 10000);
      auto fee = r.number("fee_usd", 0, 1e6);
      const auto key = std::make_tuple(std::min(b.country_a, b.country_b), std::max(b.country_a, b.country_b), mode_text);
      if (!seen.insert(key).second) {
        r.error("country_b", "duplicate rule for " + b.country_a + "-" + b.country_b +
                                 (mode_text.empty() ? "" : " (" + mode_text + ")"));
        continue;
      }
      if (!dwell || !fee) continue;
      b.dwell_h = *dwell;
      b.fee_usd = *fee;
      b.source = r.text("source");
      net.border_rules.push_back(b);
    }
  }

  // capacities.csv: what lines, terminals, carrier changes and borders can carry.
  void load_capacities() {
    auto t = open("capacities.csv", false,
                  {{"element", true}, {"id", true}, {"capacity", true}, {"unit", true}, {"year", false}, {"source", true}});
    if (!t) return;
    net.finalize();  // transfer keys
    std::set<std::tuple<std::string, std::string, int>> seen;
    for (const auto& rec : t->records) {
      RecordReader r(*t, rec, issues);
      Capacity c;
      const auto element = r.text("element");
      const auto kind = enum_parse<CapacityElement>(element);
      if (!kind) {
        r.error("element", "expected one of " + enum_list<CapacityElement>() + ", got " + in_quotes(element));
        continue;
      }
      c.element = *kind;
      c.id = r.text("id");
      bool known = false;
      switch (c.element) {
        case CapacityElement::link: known = net.link_by_id(c.id).has_value(); break;
        case CapacityElement::node: known = net.node_by_id(c.id).has_value(); break;
        case CapacityElement::transfer: known = net.transfer_by_key(c.id).has_value(); break;
        case CapacityElement::border: {
          const auto dash = c.id.find('-');
          known = dash != std::string::npos &&
                  std::any_of(net.border_rules.begin(), net.border_rules.end(), [&](const BorderRule& b) {
                    return std::minmax(b.country_a, b.country_b) ==
                           std::minmax(c.id.substr(0, dash), c.id.substr(dash + 1));
                  });
          break;
        }
      }
      if (!known) {
        const auto hint = c.element == CapacityElement::transfer ? " (a transfer is named node:carrier-carrier, e.g. dostyk:rail:1435-rail:1520)"
                          : c.element == CapacityElement::border ? " (a border is AAA-BBB with a rule in borders.csv)"
                                                                  : "";
        r.error("id", "unknown " + element + " " + in_quotes(c.id) + hint);
        continue;
      }
      const auto unit_text = r.text("unit");
      const auto unit = enum_parse<CapacityUnit>(unit_text);
      if (!unit) {
        r.error("unit", "expected one of " + enum_list<CapacityUnit>() + ", got " + in_quotes(unit_text));
        continue;
      }
      c.unit = *unit;
      const auto value = r.number("capacity", 1e-6, 1e9);
      c.year = r.integer("year", 1800, 9999, kAlwaysOpen).value_or(kAlwaysOpen);
      c.source = r.text("source");
      if (c.source.empty()) r.error("source", "every capacity needs its source");
      if (!value || c.source.empty()) continue;
      c.value = *value;
      if (!seen.insert({element, c.id, c.year}).second) {
        r.error("id", "duplicate capacity for " + element + " " + in_quotes(c.id) + " in the same year");
        continue;
      }
      net.capacities.push_back(c);
    }
  }

  // Seasonal closures (seasonal_closures.csv, optional): a link closed every year from one
  // month to another, both included; a range may wrap the year end (12 to 3: December to March).
  void load_seasonal_closures() {
    auto t = open("seasonal_closures.csv", false,
                  {{"link", true}, {"closed_from_month", true}, {"closed_to_month", true}, {"source", true}});
    if (!t) return;
    net.finalize();  // link lookup
    for (const auto& rec : t->records) {
      RecordReader r(*t, rec, issues);
      const auto id = r.text("link");
      const auto link = net.link_by_id(id);
      if (!link) {
        r.error("link", "unknown link " + in_quotes(id));
        continue;
      }
      const auto from = r.integer("closed_from_month", 1, 12);
      const auto to = r.integer("closed_to_month", 1, 12);
      if (r.text("source").empty()) r.error("source", "every seasonal closure needs its source");
      if (!from || !to) continue;
      auto& months = net.links[*link].closed_months;
      if (months) {
        r.error("link", "duplicate seasonal closure for link " + in_quotes(id));
        continue;
      }
      for (int m = *from;; m = m % 12 + 1) {
        months = static_cast<std::uint16_t>(months | (1u << m));
        if (m == *to) break;
      }
    }
  }

  // The structured time model (docs/time-model.md): optional as a whole; once time_model.csv
  // is there, every parameter and every country's region must be too.
  void load_time_model() {
    auto& tm = net.time_model;
    tm.link_class.assign(net.links.size(), LineClass::standard);
    auto t = open("time_model.csv", false,
                  {{"parameter", true}, {"value", true}, {"prior", true}, {"unit", true}, {"lower", true}, {"upper", true},
                   {"fitted", true}, {"source", true}});
    if (!t) return;
    tm.structured = true;
    std::set<TimeParam> seen;
    for (const auto& rec : t->records) {
      RecordReader r(*t, rec, issues);
      const auto name = r.text("parameter");
      const auto param = enum_parse<TimeParam>(name);
      if (!param) {
        r.error("parameter", "unknown time-model parameter " + in_quotes(name) + "; expected one of " + enum_list<TimeParam>());
        continue;
      }
      if (!seen.insert(*param).second) {
        r.error("parameter", "duplicate parameter " + in_quotes(name));
        continue;
      }
      auto& v = tm.param(*param);
      const auto lower = r.number("lower", 0, 1e6);
      const auto upper = r.number("upper", 0, 1e6);
      const auto value = r.number("value", 0, 1e6);
      const auto prior = r.number("prior", 0, 1e6);
      const auto fitted = r.text("fitted");
      if (fitted != "yes" && fitted != "no") r.error("fitted", "expected yes or no, got " + in_quotes(fitted));
      v.unit = r.text("unit");
      v.source = r.text("source");
      if (v.source.empty()) r.error("source", "every time-model parameter needs its source");
      if (!lower || !upper || !value || !prior) continue;
      if (*lower > *upper) r.error("upper", "upper bound below lower bound");
      if (*value < *lower || *value > *upper)
        r.error("value", in_quotes(name) + " = " + r.text("value") + " lies outside its bounds [" + r.text("lower") + ", " +
                             r.text("upper") + "]");
      if (*prior < *lower || *prior > *upper) r.error("prior", in_quotes(name) + "'s prior lies outside its bounds");
      v.value = *value;
      v.prior = *prior;
      v.lower = *lower;
      v.upper = *upper;
      v.fitted = fitted == "yes";
    }
    for (auto p : enum_values<TimeParam>())
      if (!seen.count(p)) issues.add("time_model.csv", 0, "parameter", "missing parameter " + in_quotes(std::string(enum_name(p))));

    if (auto rt = open("regions.csv", true, {{"iso3", true}, {"region", true}})) {
      for (const auto& rec : rt->records) {
        RecordReader r(*rt, rec, issues);
        const auto iso3 = r.text("iso3");
        check_country(r, "iso3", iso3);
        const auto region = enum_parse<Region>(r.text("region"));
        if (!region) {
          r.error("region", "expected one of " + enum_list<Region>() + ", got " + in_quotes(r.text("region")));
          continue;
        }
        if (!tm.country_region.emplace(iso3, *region).second) r.error("iso3", "duplicate region for " + in_quotes(iso3));
      }
      for (const auto& c : net.countries)
        if (!tm.country_region.count(c.iso3))
          issues.add("regions.csv", 0, "iso3", "no region for country " + in_quotes(c.iso3) + " (countries.csv); add a row");
    }

    // Crossing points with a measured dwell (docs/time-model.md, "Borders and terminals"): per link,
    // optionally for one rail service (express block trains clear where ordinary trains queue) and
    // from a year on (a crossing's dwell changes as its procedures do).
    if (auto ct = open("crossings.csv", false,
                       {{"link", true}, {"dwell_h", true}, {"source", true}, {"service", false}, {"from_year", false}})) {
      net.finalize();  // link lookup
      for (const auto& rec : ct->records) {
        RecordReader r(*ct, rec, issues);
        const auto id = r.text("link");
        const auto link = net.link_by_id(id);
        if (!link) {
          r.error("link", "unknown link " + in_quotes(id));
          continue;
        }
        const auto& l = net.links[*link];
        if (net.nodes[l.from].country == net.nodes[l.to].country) {
          r.error("link", "link " + in_quotes(id) + " does not cross a border");
          continue;
        }
        if (r.text("source").empty()) r.error("source", "every crossing dwell needs its source");
        std::optional<RailService> service;
        if (const auto text = r.text("service"); !text.empty()) {
          service = enum_parse<RailService>(text);
          if (!service) {
            r.error("service", "expected " + enum_list<RailService>() + " or empty (every service), got " + in_quotes(text));
            continue;
          }
          if (l.mode != Mode::rail) {
            r.error("service", "a rail service on " + std::string(mode_name(l.mode)) + " link " + in_quotes(id) +
                                   "; leave it empty");
            continue;
          }
        }
        int from_year = 0;
        if (!r.text("from_year").empty()) {
          const auto year = r.integer("from_year", 1800, kLastCrossingYear);
          if (!year) continue;
          from_year = *year;
        }
        const auto dwell = r.number("dwell_h", 0, 1000);
        if (!dwell) continue;
        if (!tm.crossing_dwell_h.emplace(crossing_dwell_key(id, service, from_year), *dwell).second) {
          r.error("link", "duplicate crossing " + in_quotes(id) + " for " +
                              (service ? std::string(enum_name(*service)) : std::string("every service")) +
                              (from_year ? " from " + std::to_string(from_year) : std::string(" in every year")));
          continue;
        }
        if (service || from_year) {
          // The earliest year of the link's dated rows, so that a lookup knows how far back to look.
          auto [marker, fresh] = tm.crossing_dwell_h.emplace(crossing_variants_key(id), from_year);
          if (!fresh && from_year && (marker->second == 0 || from_year < marker->second)) marker->second = from_year;
        }
      }
    }

    // Import clearance where a route's cargo enters its destination's customs territory
    // (docs/time-model.md, "Import clearance"): per territory (a country, or a customs union
    // named in countries.csv) and arrival mode.
    if (auto it = open("clearance.csv", false, {{"territory", true}, {"mode", true}, {"import_h", true}, {"source", true}})) {
      std::set<std::string> unions;
      for (const auto& c : net.countries)
        if (!c.customs_union.empty()) unions.insert(c.customs_union);
      for (const auto& rec : it->records) {
        RecordReader r(*it, rec, issues);
        const auto territory = r.text("territory");
        if (!unions.count(territory) && !net.country(territory)) {
          r.error("territory", "expected a country of countries.csv or a customs union named there, got " + in_quotes(territory));
          continue;
        }
        const auto mode = r.text("mode");
        if (mode != "rail" && mode != "road") {
          r.error("mode", "expected rail or road (import clearance of trains and trucks), got " + in_quotes(mode));
          continue;
        }
        if (r.text("source").empty()) r.error("source", "every import clearance needs its source");
        const auto hours = r.number("import_h", 0, 1000);
        if (!hours) continue;
        if (!tm.import_clearance_h.emplace(TimeModel::clearance_key(territory, mode), *hours).second)
          r.error("territory", "duplicate import clearance for " + in_quotes(territory) + " by " + mode);
      }
    }

    // Clearance on the way in (docs/time-model.md, "Transit clearance"): a trip from one
    // territory to another that also waits, where it enters a third it only crosses, that
    // territory's clearance (clearance.csv, same mode).
    if (auto it = open("transit_clearance.csv", false,
                       {{"origin_territory", true}, {"destination_territory", true}, {"mode", true},
                        {"via_territory", true}, {"source", true}})) {
      std::set<std::string> unions;
      for (const auto& c : net.countries)
        if (!c.customs_union.empty()) unions.insert(c.customs_union);
      for (const auto& rec : it->records) {
        RecordReader r(*it, rec, issues);
        bool ok = true;
        for (const char* field : {"origin_territory", "destination_territory", "via_territory"}) {
          const auto territory = r.text(field);
          if (!unions.count(territory) && !net.country(territory)) {
            r.error(field, "expected a country of countries.csv or a customs union named there, got " + in_quotes(territory));
            ok = false;
          }
        }
        const auto mode = r.text("mode");
        if (mode != "rail" && mode != "road") {
          r.error("mode", "expected rail or road (clearance of trains and trucks), got " + in_quotes(mode));
          ok = false;
        }
        if (r.text("source").empty()) r.error("source", "every transit clearance needs its source");
        if (!ok) continue;
        const auto from = r.text("origin_territory");
        const auto to = r.text("destination_territory");
        const auto via = r.text("via_territory");
        if (via == from || via == to || from == to) {
          r.error("via_territory", "the territory crossed must differ from both ends, got " + in_quotes(from) + " to " +
                                       in_quotes(to) + " via " + in_quotes(via));
          continue;
        }
        if (!tm.import_clearance_h.count(TimeModel::clearance_key(via, mode))) {
          r.error("via_territory", "no clearance for " + in_quotes(via) + " by " + mode + " in clearance.csv");
          continue;
        }
        if (!tm.transit_clearance.emplace(TimeModel::transit_key(from, to, mode), via).second)
          r.error("origin_territory", "duplicate transit clearance from " + in_quotes(from) + " to " + in_quotes(to) + " by " + mode);
      }
    }

    // Which rail service carries a trip, by the regions of its ends (docs/time-model.md,
    // "Rail services"); pairs not listed run express.
    if (auto st = open("rail_services.csv", false,
                       {{"origin_region", true}, {"destination_region", true}, {"service", true}, {"source", true}})) {
      for (const auto& rec : st->records) {
        RecordReader r(*st, rec, issues);
        const auto from = enum_parse<Region>(r.text("origin_region"));
        const auto to = enum_parse<Region>(r.text("destination_region"));
        const auto service = enum_parse<RailService>(r.text("service"));
        if (!from) r.error("origin_region", "expected one of " + enum_list<Region>() + ", got " + in_quotes(r.text("origin_region")));
        if (!to)
          r.error("destination_region",
                  "expected one of " + enum_list<Region>() + ", got " + in_quotes(r.text("destination_region")));
        if (!service) r.error("service", "expected one of " + enum_list<RailService>() + ", got " + in_quotes(r.text("service")));
        if (r.text("source").empty()) r.error("source", "every rail service rule needs its source");
        if (!from || !to || !service) continue;
        if (!tm.rail_service_rule.emplace(TimeModel::region_pair_key(*from, *to), *service).second)
          r.error("destination_region", "duplicate rule for " + in_quotes(r.text("origin_region")) + " to " +
                                            in_quotes(r.text("destination_region")));
      }
    }

    // Which crew drives a road trip, by the regions of its ends (docs/time-model.md, "Road
    // crews"); pairs not listed, domestic trips and trips shorter than min_km: one driver.
    if (auto st = open("road_crews.csv", false,
                       {{"origin_region", true}, {"destination_region", true}, {"crew", true}, {"min_km", true}, {"source", true}})) {
      for (const auto& rec : st->records) {
        RecordReader r(*st, rec, issues);
        const auto from = enum_parse<Region>(r.text("origin_region"));
        const auto to = enum_parse<Region>(r.text("destination_region"));
        const auto crew = enum_parse<RoadCrew>(r.text("crew"));
        if (!from) r.error("origin_region", "expected one of " + enum_list<Region>() + ", got " + in_quotes(r.text("origin_region")));
        if (!to)
          r.error("destination_region",
                  "expected one of " + enum_list<Region>() + ", got " + in_quotes(r.text("destination_region")));
        if (!crew) r.error("crew", "expected one of " + enum_list<RoadCrew>() + ", got " + in_quotes(r.text("crew")));
        // Great-circle km between the trip's ends; no trip on Earth is longer than 20,000 km.
        const auto min_km = r.number("min_km", 0, 20000);
        if (r.text("source").empty()) r.error("source", "every road crew rule needs its source");
        if (!from || !to || !crew || !min_km) continue;
        if (!tm.road_crew_rule.emplace(TimeModel::region_pair_key(*from, *to), TimeModel::RoadCrewRule{*crew, *min_km}).second)
          r.error("destination_region", "duplicate rule for " + in_quotes(r.text("origin_region")) + " to " +
                                            in_quotes(r.text("destination_region")));
      }
    }

    // Ports no mainline service calls at (docs/time-model.md, "Sea"): their boxes are
    // transshipped at a hub: a route that leaves or reaches one by sea waits there for the
    // feeder and the connection (routing/metric.hpp).
    if (auto pt = open("port_services.csv", false,
                       {{"port", true}, {"service", true}, {"hub", true}, {"departures_per_week", true}, {"direct_from", false},
                        {"source", true}})) {
      net.finalize();  // node lookup
      const auto seaport = [&](RecordReader& r, const char* field, const std::string& id) {
        const auto node = net.node_by_id(id);
        if (!node) {
          r.error(field, "unknown node " + in_quotes(id));
          return false;
        }
        bool sea_link = false;
        for (const auto& l : net.links) sea_link = sea_link || (l.mode == Mode::sea && (l.from == *node || l.to == *node));
        if (!sea_link) r.error(field, in_quotes(id) + " has no sea link: expected a seaport of the sea network");
        return sea_link;
      };
      for (const auto& rec : pt->records) {
        RecordReader r(*pt, rec, issues);
        const auto port = r.text("port");
        const auto hub = r.text("hub");
        if (r.text("service") != "feeder") {
          r.error("service", "expected feeder (a port only feeder services call at), got " + in_quotes(r.text("service")));
          continue;
        }
        if (r.text("source").empty()) r.error("source", "every port service needs its source");
        const auto departures = r.number("departures_per_week", 0.01, 100);
        if (!seaport(r, "port", port) || !seaport(r, "hub", hub) || !departures) continue;
        if (hub == port) {
          r.error("hub", "a feeder port cannot be its own hub");
          continue;
        }
        std::uint16_t direct = 0;
        for (const auto& name : r.list("direct_from")) {
          if (const auto region = enum_parse<Region>(name)) direct |= static_cast<std::uint16_t>(1u << static_cast<unsigned>(*region));
          else r.error("direct_from", "expected regions separated by '|' from " + enum_list<Region>() + ", got " + in_quotes(name));
        }
        if (!tm.feeder_ports.emplace(port, TimeModel::FeederPort{hub, *departures, direct}).second)
          r.error("port", "duplicate port " + in_quotes(port));
      }
      for (const auto& [port, feeder] : tm.feeder_ports)
        if (tm.feeder_ports.count(feeder.hub))
          issues.add("port_services.csv", 0, "hub", "hub " + in_quotes(feeder.hub) + " of " + in_quotes(port) + " is itself a feeder port");
    }

    if (auto lt = open("line_classes.csv", false, {{"link", true}, {"class", true}, {"source", true}})) {
      net.finalize();  // link lookup
      std::set<std::string> listed;
      for (const auto& rec : lt->records) {
        RecordReader r(*lt, rec, issues);
        const auto id = r.text("link");
        const auto link = net.link_by_id(id);
        if (!link) {
          r.error("link", "unknown link " + in_quotes(id));
          continue;
        }
        if (!listed.insert(id).second) {
          r.error("link", "duplicate class for link " + in_quotes(id));
          continue;
        }
        const auto cls = enum_parse<LineClass>(r.text("class"));
        const auto mode = net.links[*link].mode;
        const bool rail_class =
            cls == LineClass::new_line || cls == LineClass::slow_line || cls == LineClass::freight_corridor;
        const bool road_class = cls == LineClass::highway || cls == LineClass::trunk || cls == LineClass::mountain;
        const bool sea_class = cls == LineClass::regional;
        if (!cls || !((mode == Mode::rail && rail_class) || (mode == Mode::road && road_class) ||
                      (mode == Mode::sea && sea_class))) {
          r.error("class", "expected new_line, slow_line or freight_corridor for a rail link, highway, trunk or mountain for a road link, "
                           "regional for a sea link; got " +
                               in_quotes(r.text("class")) + " for a " + std::string(mode_name(mode)) + " link");
          continue;
        }
        if (cls == LineClass::freight_corridor) {
          // The corridor speed is a European standard-gauge figure: elsewhere it would do nothing.
          const auto& l = net.links[*link];
          const auto in_europe = [&](NodeIndex n) {
            const auto it = tm.country_region.find(net.nodes[n].country);
            return it != tm.country_region.end() && it->second == Region::europe;
          };
          if (l.gauge_mm < 1435 || (l.gauge_mm >= 1520 && l.gauge_mm <= 1524) || l.gauge_mm == 1676 ||
              !(in_europe(l.from) || in_europe(l.to))) {
            r.error("class", "freight_corridor is for European standard-gauge rail links; " + in_quotes(id) +
                                 " is not one");
            continue;
          }
        }
        if (r.text("source").empty()) r.error("source", "every line class needs its reason and source");
        tm.link_class[static_cast<std::size_t>(*link)] = *cls;
      }
    }
  }

  void load_agreements() {
    auto t = open("agreements.csv", false,
                  {{"id", true}, {"kind", true}, {"country_a", true}, {"country_b", true}, {"dwell_factor", true},
                   {"fee_factor", true}, {"year", false}, {"source", false}});
    if (!t) return;
    std::set<std::string> seen;
    for (const auto& rec : t->records) {
      RecordReader r(*t, rec, issues);
      Agreement a;
      a.id = r.text("id");
      if (!is_id(a.id)) {
        r.error("id", "expected an id of letters, digits, '_', '-' or '.', got " + in_quotes(a.id));
        continue;
      }
      if (!seen.insert(a.id).second) {
        r.error("id", "duplicate agreement id " + in_quotes(a.id));
        continue;
      }
      a.kind = r.text("kind");
      if (!is_tag(a.kind)) r.error("kind", "expected a lower-case kind such as single_window or aeo_mra, got " + in_quotes(a.kind));
      a.country_a = r.text("country_a");
      a.country_b = r.text("country_b");
      check_country(r, "country_a", a.country_a);
      check_country(r, "country_b", a.country_b);
      auto dwell = r.number("dwell_factor", 0, 10);
      auto fee = r.number("fee_factor", 0, 10);
      auto y = year(r, "year");
      if (!dwell || !fee || !y) continue;
      a.dwell_factor = *dwell;
      a.fee_factor = *fee;
      a.year = *y;
      a.source = r.text("source");
      net.agreements.push_back(a);
    }
  }

  // Checks that need several tables: modes used by links have parameters, links that cross
  // a border have a rule for it.
  void check_cross_table() {
    std::set<Mode> reported;
    for (std::size_t i = 0; i < net.links.size(); ++i) {
      const auto& l = net.links[i];
      if (!net.mode_params.count(l.mode) && reported.insert(l.mode).second)
        issues.add("modes.csv", 0, "mode",
                   "no row for mode " + in_quotes(std::string(mode_name(l.mode))) + ", used by links.csv line " +
                       std::to_string(link_lines[i]));
      const auto& a = net.nodes[l.from].country;
      const auto& b = net.nodes[l.to].country;
      if (a.empty() || b.empty() || a == b || !mode_stops_at_borders(l.mode)) continue;
      const auto* ca = net.country(a);
      const auto* cb = net.country(b);
      if (!ca || !cb) continue;  // already reported as an unknown country
      const bool always_union = !ca->customs_union.empty() && ca->customs_union == cb->customs_union &&
                                ca->union_since_year == kAlwaysOpen && cb->union_since_year == kAlwaysOpen;
      if (!always_union && !net.border_rule(a, b, l.mode))
        issues.add("links.csv", link_lines[i], "to",
                   "link " + in_quotes(l.id) + " crosses the " + a + "-" + b + " border by " + std::string(mode_name(l.mode)) +
                       ", but borders.csv has no rule for that pair");
    }
  }
};

}  // namespace

Network read_dataset(const std::string& dir) {
  Loader loader;
  loader.dir = dir;
  loader.net.source_dir = dir;
  if (!std::filesystem::is_directory(dir)) {
    loader.issues.add(dir, 0, "", "not a dataset folder (expected a directory of CSV tables, see docs/dataset.md)");
    throw DatasetError(loader.issues);
  }
  loader.load_countries();
  loader.load_modes();
  loader.load_cargo();
  loader.load_nodes();
  loader.load_links();
  loader.load_shapes();
  loader.load_transfers();
  loader.load_borders();
  loader.load_agreements();
  loader.load_capacities();
  loader.load_time_model();
  loader.load_seasonal_closures();
  loader.check_cross_table();
  if (!loader.issues.empty()) throw DatasetError(loader.issues);
  loader.net.finalize();
  return std::move(loader.net);
}

}  // namespace silkroute::io
