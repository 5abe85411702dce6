#include "places/place_resolver.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace silkroute {

namespace {

// Several gazetteer places share a name: the most populous is taken only when it is at
// least this many times the next (Athens GRC against Athens USA), and the answer says so.
constexpr double kDominantPopulationRatio = 10.0;
// At most this many ids in one answer or refusal ("and N more" after them).
constexpr std::size_t kMaxListedIds = 12;

std::string km_text(double km) { return std::to_string(static_cast<long long>(std::llround(km))) + " km"; }

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string population_text(long long p) { return p < 0 ? "population unknown" : "population " + std::to_string(p); }

}  // namespace

PlaceResolver::PlaceResolver(const Network& net, const PlaceFinder& finder, std::optional<AccessParams> access)
    : net_(net), finder_(finder), access_(std::move(access)) {
  std::vector<char> road(net.nodes.size(), 0);
  for (const auto& l : net.links)
    if (l.mode == Mode::road) road[l.from] = road[l.to] = 1;
  for (NodeIndex n = 0; n < static_cast<NodeIndex>(net.nodes.size()); ++n)
    if (road[n] && net.nodes[n].kind != NodeKind::waypoint && !net.nodes[n].country.empty()) road_nodes_.push_back(n);
}

const Gazetteer& PlaceResolver::gazetteer() const {
  std::call_once(gazetteer_once_, [&] {
    gazetteer_ = std::make_unique<Gazetteer>(access_ && !access_->gazetteer_path.empty()
                                                 ? Gazetteer::load(access_->gazetteer_path, io::SnapshotOptions::from_environment())
                                                 : Gazetteer{});
  });
  return *gazetteer_;
}

const Gazetteer& PlaceResolver::transport_gazetteer() const {
  std::call_once(transport_once_, [&] {
    transport_ = std::make_unique<Gazetteer>(access_ && !access_->transport_gazetteer_path.empty()
                                                 ? Gazetteer::load(access_->transport_gazetteer_path,
                                                                   io::SnapshotOptions::from_environment())
                                                 : Gazetteer{});
  });
  return *transport_;
}

Gazetteer PlaceResolver::transport_matching(const std::string& text) const {
  if (!access_ || access_->transport_gazetteer_path.empty()) return {};
  return Gazetteer::load_matching(access_->transport_gazetteer_path, text, io::SnapshotOptions::from_environment());
}

Place PlaceResolver::from_node(NodeIndex n, const std::string& asked, const std::string& match) const {
  const auto& node = net_.nodes[n];
  Place p;
  p.kind = PlaceKind::node;
  p.node = n;
  p.id = node.id;
  p.name = node.name;
  p.country = node.country;
  p.what = std::string(node_kind_name(node.kind));
  p.position = node.position;
  p.asked = asked;
  p.match = match;
  return p;
}

Place PlaceResolver::from_gazetteer(const Gazetteer& gz, std::size_t i, const std::string& asked,
                                    const std::string& match) const {
  const auto& g = gz.places()[i];
  Place p;
  p.kind = PlaceKind::gazetteer;
  p.id = g.id;
  p.name = g.name;
  p.country = g.country;
  // A transport location says what UN/LOCODE lists it for: "transport location (port|rail|road)".
  p.what = g.is_transport_location() && !g.function.empty() ? "transport location (" + g.function + ")"
           : g.is_transport_location()                      ? std::string("transport location")
                                                            : g.kind;
  p.position = g.position;
  p.population = g.population;
  p.asked = asked;
  p.match = match;
  join(p);
  return p;
}

void PlaceResolver::join(Place& p) const {
  if (!access_) {
    p.no_join_reason = "the network's dataset has no access.csv, so only its nodes are places";
    return;
  }
  std::vector<AccessTerminal> near;
  bool any_in_country = false;
  for (auto n : road_nodes_) {
    if (net_.nodes[n].country != p.country) continue;
    any_in_country = true;
    const double km = geo::great_circle_km(p.position, net_.nodes[n].position);
    if (km <= access_->max_great_circle_km) near.push_back({n, km});
  }
  std::sort(near.begin(), near.end(), [&](const AccessTerminal& a, const AccessTerminal& b) {
    return a.great_circle_km != b.great_circle_km ? a.great_circle_km < b.great_circle_km
                                                  : net_.nodes[a.node].id < net_.nodes[b.node].id;
  });
  if (near.size() > static_cast<std::size_t>(access_->candidate_terminals)) near.resize(access_->candidate_terminals);
  p.terminals = std::move(near);
  if (!p.terminals.empty()) return;
  const std::string where = p.country.empty() ? "its country (unknown)" : p.country;
  p.no_join_reason =
      any_in_country
          ? "no terminal with road access in " + where + " within " + km_text(access_->max_great_circle_km) +
                " (great circle)"
          : "the network has no terminal with road access in " + where +
                ", and a first or last mile crosses a border only through the network's own crossings";
}

Place PlaceResolver::resolve(const std::string& raw, const std::string& field, CoordinateOrder order) const {
  const auto text = trim(raw);
  if (text.empty()) throw PlaceNotFound(field + ": empty place name");
  if (auto pos = parse_coordinates(text, order, field)) {
    Place p;
    p.kind = PlaceKind::coordinates;
    p.position = *pos;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4f°%c %.4f°%c", std::fabs(pos->lat), pos->lat < 0 ? 'S' : 'N', std::fabs(pos->lon),
                  pos->lon < 0 ? 'W' : 'E');
    p.name = buf;
    p.what = "coordinates";
    p.asked = raw;
    p.match = std::string("coordinates (") + (order == CoordinateOrder::lat_lon ? "latitude,longitude" : "longitude,latitude") + ")";
    // The country a point lies in, from the nearest gazetteer place (else the nearest node).
    double best = INFINITY;
    std::string nearest;
    for (const auto& g : gazetteer().places()) {
      const double km = geo::great_circle_km(*pos, g.position);
      if (km < best) {
        best = km;
        p.country = g.country;
        nearest = g.name;
      }
    }
    if (nearest.empty())
      for (const auto& node : net_.nodes) {
        if (node.country.empty()) continue;
        const double km = geo::great_circle_km(*pos, node.position);
        if (km < best) {
          best = km;
          p.country = node.country;
          nearest = node.name;
        }
      }
    if (!nearest.empty()) p.match += "; country " + p.country + " from the nearest place, " + nearest + " (" + km_text(best) + ")";
    join(p);
    return p;
  }
  try {
    if (auto n = finder_.exact_match(text)) return from_node(*n, raw, "network node");
  } catch (const PlaceNotFound& e) {
    throw PlaceNotFound(field + ": " + e.what());
  }
  // The rule for names (docs/cli.md, "Any place"): a node first; then a populated place
  // (Natural Earth, or a freight place chosen by hand) owns its name, so UN/LOCODE's transport
  // locations are not even read for it (a village called Alexandria never hijacks Alexandria);
  // a transport location is taken by name only where no populated place has the name and it
  // is the one location so named. Transport locations are reached by their id or code too.
  const auto& gz = gazetteer();
  auto describe = [](const Gazetteer& g, std::size_t i) {
    const auto& p = g.places()[i];
    if (p.is_transport_location())
      return p.name + " (" + p.country + ", UN/LOCODE " + p.locode + " " + (p.function.empty() ? "location" : p.function) +
             ", id " + p.id + ")";
    return p.name + " (" + p.country + ", " + p.kind + ", " + population_text(p.population) + ", id " + p.id + ")";
  };
  auto refuse = [&](const Gazetteer& g, const std::vector<std::size_t>& found, const std::string& what) {
    std::string list;
    for (std::size_t k = 0; k < found.size() && k < kMaxListedIds; ++k) list += "\n  " + describe(g, found[k]);
    if (found.size() > kMaxListedIds) list += "\n  ... and " + std::to_string(found.size() - kMaxListedIds) + " more";
    throw PlaceNotFound(field + ": '" + text + "' names " + std::to_string(found.size()) + " " + what +
                        "; use one of these ids:" + list);
  };
  const auto found = gz.exact(text);
  if (found.size() == 1) return from_gazetteer(gz, found[0], raw, "gazetteer");
  if (found.size() > 1) {
    const auto& top = gz.places()[found[0]];
    const auto& next = gz.places()[found[1]];
    if (top.population > 0 && next.population >= 0 && top.population >= kDominantPopulationRatio * next.population) {
      std::string others;
      for (std::size_t k = 1; k < found.size(); ++k) others += (k > 1 ? ", " : "") + gz.places()[found[k]].id;
      return from_gazetteer(gz, found[0], raw,
                            "gazetteer: the most populous of " + std::to_string(found.size()) +
                                " places so named (at least 10 times the next); others: " + others);
    }
    refuse(gz, found, "places of similar size");
  }
  // Only the transport locations so named are read (from the gazetteer's snapshot), not all of them.
  const auto tz = transport_matching(text);
  const auto transport = tz.exact(text);
  if (transport.size() == 1)
    return from_gazetteer(tz, transport[0], raw, "gazetteer: UN/LOCODE transport location, the only place so named");
  if (transport.size() > 1)
    refuse(tz, transport, "UN/LOCODE transport locations (no population figure to choose by)");
  // Did you mean: the nearest spellings among nodes and gazetteer places (ties all shown,
  // at most three); a gazetteer place that is a node already is named once, as the node.
  const auto q = normalize_name(text);
  struct Candidate {
    std::size_t distance;
    int rank;  // nodes before gazetteer places, then the more populous
    std::string text;
  };
  std::vector<Candidate> near;
  auto distance_to = [&](const std::string& name, const std::vector<std::string>& alts) {
    auto d = edit_distance(q, normalize_name(name));
    for (const auto& a : alts) d = std::min(d, edit_distance(q, normalize_name(a)));
    return d;
  };
  for (auto n : finder_.suggestions(text, 3))
    near.push_back({distance_to(net_.nodes[n].name, net_.nodes[n].alt_names), 0, finder_.describe(n)});
  for (const auto* g : {&gz, &transport_gazetteer()})
    for (auto i : g->near(text, 6)) {
      const auto& p = g->places()[i];
      if (twin_node(p)) continue;
      auto alts = p.alt_names;
      alts.push_back(p.ascii_name);
      // Populated places before transport locations at the same distance.
      near.push_back({distance_to(p.name, alts), g == &gz ? 1 : 2, describe(*g, i)});
    }
  std::stable_sort(near.begin(), near.end(), [](const Candidate& a, const Candidate& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.rank < b.rank;
  });
  std::string msg = field + ": unknown place '" + text + "'";
  if (!near.empty()) {
    msg += "; did you mean ";
    for (std::size_t i = 0; i < near.size() && i < 3 && near[i].distance == near[0].distance; ++i)
      msg += (i ? ", " : "") + near[i].text;
    msg += "?";
  }
  throw PlaceNotFound(msg);
}

bool PlaceResolver::twin_node(const GazetteerPlace& g) const {
  std::optional<NodeIndex> n;
  try {
    n = finder_.exact_match(g.name);
    if (!n) n = finder_.exact_match(g.ascii_name);
  } catch (const PlaceNotFound&) {
    return false;
  }
  constexpr double kTwinKm = 50;  // a node of the same name this near is the same city
  return n && net_.nodes[*n].country == g.country && geo::great_circle_km(net_.nodes[*n].position, g.position) <= kTwinKm;
}

std::vector<Place> PlaceResolver::search(const std::string& raw, std::size_t limit, CoordinateOrder order) const {
  const auto query = trim(raw);
  if (parse_coordinates(query, order, "places")) return {resolve(query, "places", order)};
  std::vector<Place> out;
  std::set<std::string> seen;
  auto add = [&](Place p) {
    if (out.size() >= limit) return;
    const std::string key = place_kind_name(p.kind).data() + std::string(":") + p.id;
    if (seen.insert(key).second) out.push_back(std::move(p));
  };
  // Exact matches: a node, then gazetteer places (all of them: a list hides nothing).
  std::optional<NodeIndex> node;
  try {
    node = finder_.exact_match(query);
  } catch (const PlaceNotFound&) {
  }
  if (node) add(from_node(*node, raw, "exact"));
  // Populated places, then UN/LOCODE transport locations.
  const std::vector<const Gazetteer*> gazetteers = {&gazetteer(), &transport_gazetteer()};
  for (const auto* gz : gazetteers)
    for (auto i : gz->exact(query))
      if (!twin_node(gz->places()[i])) add(from_gazetteer(*gz, i, raw, "exact"));
  // Then names that start with it or are a few letters from it.
  for (auto n : finder_.suggestions(query, limit)) add(from_node(n, raw, "near"));
  for (const auto* gz : gazetteers)
    for (auto i : gz->near(query, limit))
      if (!twin_node(gz->places()[i])) add(from_gazetteer(*gz, i, raw, "near"));
  return out;
}

}  // namespace silkroute
