#include "network/validation_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <tuple>
#include <numeric>
#include <set>

#include "network/place_finder.hpp"

namespace silkroute {

namespace {

std::string km_text(double km) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f km", km);
  return buf;
}

std::string ratio_text(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2fx", r);
  return buf;
}

bool is_land(Mode m) { return m == Mode::rail || m == Mode::road; }

void check_lengths(const Network& net, const ValidationThresholds& t, std::vector<ValidationFinding>& out) {
  const auto& classes = net.time_model.link_class;
  for (std::size_t i = 0; i < net.links.size(); ++i) {
    const auto& l = net.links[i];
    if (!is_land(l.mode)) continue;
    const auto points = link_geometry(net, l);
    const double geometry_km = geo::polyline_km(points);
    if (geometry_km <= 0) continue;
    const double ratio = l.length_km / geometry_km;
    const bool mountain_road = l.mode == Mode::road && i < classes.size() && classes[i] == LineClass::mountain;
    const double allowed = mountain_road ? t.mountain_road_length_ratio : t.length_ratio;
    if (ratio <= allowed || l.length_km - geometry_km <= t.length_excess_km) continue;
    const bool shaped = points.size() > 2;
    out.push_back({FindingSeverity::warning, "length_vs_geometry", "links.csv", l.id,
                   std::string(mode_name(l.mode)) + " link of " + km_text(l.length_km) + " is " + ratio_text(ratio) +
                       (shaped ? " its shape's " : " the great circle's ") + km_text(geometry_km) +
                       (shaped ? ": the length or the shape is wrong" : ": a winding line wants a shape (shapes.csv), else the length is wrong")});
  }
}

void check_no_link(const Network& net, std::vector<ValidationFinding>& out) {
  std::vector<bool> linked(net.nodes.size(), false);
  for (const auto& l : net.links) linked[l.from] = linked[l.to] = true;
  for (std::size_t i = 0; i < net.nodes.size(); ++i)
    if (!linked[i])
      out.push_back({FindingSeverity::warning, "no_link", "nodes.csv", net.nodes[i].id,
                     std::string(node_kind_name(net.nodes[i].kind)) + " " + net.nodes[i].name + " has no link: no route starts, ends or passes there"});
}

// Union-find over (node, carrier) states, the states routing moves between: a link joins a
// carrier's states at its two ends, a transfer joins two carriers at its node.
class States {
 public:
  std::size_t state(NodeIndex n, Carrier c) {
    const auto [it, added] = index_.try_emplace({n, c.mode, c.gauge_mm}, parent_.size());
    if (added) {
      parent_.push_back(parent_.size());
      node_.push_back(n);
      carrier_.push_back(c);
    }
    return it->second;
  }
  std::size_t root(std::size_t s) {
    while (parent_[s] != s) s = parent_[s] = parent_[parent_[s]];
    return s;
  }
  void join(std::size_t a, std::size_t b) {
    a = root(a);
    b = root(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }
  std::size_t size() const { return parent_.size(); }
  NodeIndex node(std::size_t s) const { return node_[s]; }
  Carrier carrier(std::size_t s) const { return carrier_[s]; }
  // The states at a node, for its transfers.
  std::vector<std::size_t> at(NodeIndex n) const {
    std::vector<std::size_t> r;
    for (auto it = index_.lower_bound({n, Mode{}, 0}); it != index_.end() && std::get<0>(it->first) == n; ++it)
      r.push_back(it->second);
    return r;
  }

 private:
  std::map<std::tuple<NodeIndex, Mode, int>, std::size_t> index_;
  std::vector<std::size_t> parent_;
  std::vector<NodeIndex> node_;
  std::vector<Carrier> carrier_;
};

void check_reachability(const Network& net, std::vector<ValidationFinding>& out) {
  States states;
  for (const auto& l : net.links) states.join(states.state(l.from, l.carrier()), states.state(l.to, l.carrier()));
  for (const auto& tr : net.transfers) {
    const auto here = states.at(tr.node);
    for (auto a : here)
      if (tr.a.matches(states.carrier(a)))
        for (auto b : here)
          if (tr.b.matches(states.carrier(b))) states.join(a, b);
  }
  // The network is the component with the most nodes; every other one is cut off from it.
  std::map<std::size_t, std::set<NodeIndex>> nodes_of;
  std::map<std::size_t, std::set<std::string>> carriers_of;
  for (std::size_t s = 0; s < states.size(); ++s) {
    const auto r = states.root(s);
    nodes_of[r].insert(states.node(s));
    carriers_of[r].insert(carrier_name(states.carrier(s)));
  }
  std::size_t main = 0, most = 0;
  for (const auto& [r, nodes] : nodes_of)
    if (nodes.size() > most) {
      most = nodes.size();
      main = r;
    }
  for (const auto& [r, nodes] : nodes_of) {
    if (r == main) continue;
    // Name the group by its node ids (sorted), so the output does not depend on file order.
    std::vector<std::string> ids;
    for (auto n : nodes) ids.push_back(net.nodes[n].id);
    std::sort(ids.begin(), ids.end());
    std::string list, carriers;
    for (std::size_t i = 0; i < ids.size() && i < 8; ++i) list += (i ? ", " : "") + ids[i];
    if (ids.size() > 8) list += ", ... (" + std::to_string(ids.size()) + " nodes)";
    for (const auto& c : carriers_of[r]) carriers += (carriers.empty() ? "" : ", ") + c;
    out.push_back({FindingSeverity::warning, "unreachable", "links.csv", ids.front(),
                   "cut off from the rest of the network: " + carriers + " at " + list +
                       " (no link or transfer joins them to it)"});
  }
}

// Two nodes of one UN/LOCODE are a loader error already; here, one name twice in a country.
void check_duplicates(const Network& net, const ValidationThresholds& t, std::vector<ValidationFinding>& out) {
  std::map<std::pair<std::string, std::string>, std::vector<NodeIndex>> by_name;  // (country, name)
  for (std::size_t i = 0; i < net.nodes.size(); ++i) {
    const auto& n = net.nodes[i];
    if (n.country.empty()) continue;  // sea waypoints
    const auto index = static_cast<NodeIndex>(i);
    std::set<std::string> names{normalize_name(n.name)};
    for (const auto& a : n.alt_names) names.insert(normalize_name(a));
    for (const auto& name : names)
      if (!name.empty()) by_name[{n.country, name}].push_back(index);
  }
  std::set<std::pair<NodeIndex, NodeIndex>> reported;
  const auto report = [&](NodeIndex a, NodeIndex b, const std::string& why) {
    if (a > b) std::swap(a, b);
    if (!reported.insert({a, b}).second) return;
    out.push_back({FindingSeverity::warning, "duplicate_place", "nodes.csv", net.nodes[a].id,
                   "and " + net.nodes[b].id + " " + why + " (" +
                       km_text(geo::great_circle_km(net.nodes[a].position, net.nodes[b].position)) +
                       " apart): one place twice, or a name that belongs to only one of them"});
  };
  for (const auto& [key, nodes] : by_name)
    for (std::size_t i = 0; i < nodes.size(); ++i)
      for (std::size_t j = i + 1; j < nodes.size(); ++j)
        if (nodes[i] != nodes[j] &&
            geo::great_circle_km(net.nodes[nodes[i]].position, net.nodes[nodes[j]].position) <= t.duplicate_km)
          report(nodes[i], nodes[j], "share the name '" + key.second + "' in " + key.first);
}

// Where segments a-b and c-d cross, as the fraction along a-b; lon/lat taken as planar, which
// is fine for the few hundred km of a road link away from the poles and the antimeridian.
std::optional<double> crossing_fraction(geo::LonLat a, geo::LonLat b, geo::LonLat c, geo::LonLat d) {
  const auto side = [](geo::LonLat p, geo::LonLat q, geo::LonLat r) {
    return (q.lon - p.lon) * (r.lat - p.lat) - (q.lat - p.lat) * (r.lon - p.lon);
  };
  if (side(a, b, c) * side(a, b, d) >= 0 || side(c, d, a) * side(c, d, b) >= 0) return std::nullopt;
  const double den = (a.lon - b.lon) * (c.lat - d.lat) - (a.lat - b.lat) * (c.lon - d.lon);
  if (den == 0) return std::nullopt;
  return ((a.lon - c.lon) * (c.lat - d.lat) - (a.lat - c.lat) * (c.lon - d.lon)) / den;
}

void check_road_across_sea(const Network& net, const ValidationThresholds& t, std::vector<ValidationFinding>& out) {
  std::vector<const Link*> lanes;  // open sea: sea links between two waypoints
  for (const auto& l : net.links)
    if (l.mode == Mode::sea && net.nodes[l.from].kind == NodeKind::waypoint && net.nodes[l.to].kind == NodeKind::waypoint)
      lanes.push_back(&l);
  for (const auto& road : net.links) {
    if (road.mode != Mode::road) continue;
    const auto points = link_geometry(net, road);
    const double total_km = geo::polyline_km(points);
    double along_km = 0;
    bool found = false;
    for (std::size_t i = 0; i + 1 < points.size() && !found; ++i) {
      const double segment_km = geo::great_circle_km(points[i], points[i + 1]);
      for (const auto* lane : lanes) {
        const auto f = crossing_fraction(points[i], points[i + 1], net.nodes[lane->from].position, net.nodes[lane->to].position);
        if (!f) continue;
        const double at_km = along_km + *f * segment_km;
        if (std::min(at_km, total_km - at_km) <= t.fixed_link_km) continue;
        out.push_back({FindingSeverity::error, "road_across_sea", "links.csv", road.id,
                       "road drawn across the open sea: it crosses the sea lane " + lane->id + " " + km_text(at_km) +
                           " from " + net.nodes[road.from].id + ", " + km_text(total_km - at_km) + " from " +
                           net.nodes[road.to].id + " (give it a shape along the coast, or it is a ferry)"});
        found = true;
        break;
      }
      along_km += segment_km;
    }
  }
}

}  // namespace

std::vector<geo::LonLat> link_geometry(const Network& net, const Link& link) { return link_points(net, link); }

std::vector<ValidationFinding> validate_network(const Network& net, const ValidationThresholds& thresholds) {
  std::vector<ValidationFinding> out;
  check_road_across_sea(net, thresholds, out);
  check_lengths(net, thresholds, out);
  check_no_link(net, out);
  check_reachability(net, out);
  check_duplicates(net, thresholds, out);
  std::stable_sort(out.begin(), out.end(), [](const ValidationFinding& a, const ValidationFinding& b) {
    return std::tie(b.severity, a.check, a.element) < std::tie(a.severity, b.check, b.element);
  });
  return out;
}

}  // namespace silkroute
