#include "importers/sea_lanes_import.hpp"

#include "geo/point_index.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <unordered_map>

namespace silkroute::importers {

namespace {

// Finds or creates the node for a point, merging points within the snap distance (the
// nearest node wins), with a spherical index.
class SnapGrid {
 public:
  explicit SnapGrid(double snap_km) : snap_km_(snap_km) {}

  std::int32_t node_for(const geo::LonLat& p, std::vector<geo::LonLat>& positions, long long& snapped) {
    if (auto hit = index_.nearest_within(p, snap_km_)) {
      const auto& q = positions[hit->id];
      if (q.lon != p.lon || q.lat != p.lat) ++snapped;
      return hit->id;
    }
    const auto n = static_cast<std::int32_t>(positions.size());
    index_.insert(p, n);
    positions.push_back(p);
    return n;
  }

  const geo::PointIndex& index() const { return index_; }

 private:
  double snap_km_;
  geo::PointIndex index_;
};

}  // namespace

std::string SeaLaneImportReport::text(const SeaLaneImportOptions& options) const {
  std::ostringstream out;
  out << "sea lanes: " << features << " features (" << parts << " line parts), " << skipped_no_geometry
      << " without line geometry skipped\n"
      << "topology: " << lane_nodes << " nodes, " << lane_links << " links; " << snapped_endpoints
      << " endpoints snapped within " << options.snap_km << " km, " << dropped_zero_length
      << " zero-length parts dropped, " << merged_duplicates << " duplicate links merged"
      << (options.arctic ? "" : ", " + std::to_string(dropped_arctic) + " Arctic-passage links dropped (--arctic keeps them)")
      << "\n"
      << "replaced: " << base_sea_links_removed << " sea links and " << base_waypoints_removed
      << " sea waypoints of the base network\n";
  out << "chokepoints tagged from 'pass':";
  for (const auto& c : chokepoints) out << " " << c;
  out << "\n";
  int far = 0;
  for (const auto& [port, km] : ports)
    if (km > options.warn_port_km) {
      out << "warning: port " << port << " is " << std::lround(km) << " km from the nearest lane node\n";
      ++far;
    }
  out << "ports joined to lanes: " << ports.size() << (far ? " (" + std::to_string(far) + " far, see warnings)" : "") << "\n";
  return out.str();
}

namespace {

// The lanes as a graph: one node per endpoint (within the snap distance), one link per
// node pair (the shorter of duplicates), tagged with the passage it goes through.
struct LaneLink {
  std::int32_t a, b;
  double km;
  std::string chokepoint;
};

struct LaneTopology {
  std::vector<geo::LonLat> positions;
  std::unique_ptr<SnapGrid> grid;
  std::map<std::pair<std::int32_t, std::int32_t>, LaneLink> links;
};

LaneTopology lane_topology(const gis::VectorLayer& lanes, const SeaLaneImportOptions& options, SeaLaneImportReport& report) {
  LaneTopology t;
  t.grid = std::make_unique<SnapGrid>(options.snap_km);
  auto& positions = t.positions;
  auto& grid = *t.grid;
  auto& lane_links = t.links;
  std::set<std::string> chokepoints;
  for (const auto& f : lanes.features) {
    auto pass_it = f.attributes.find("pass");
    std::string pass = pass_it == f.attributes.end() ? "" : pass_it->second;
    if (!options.arctic && (pass == "northwest" || pass == "northeast")) {
      report.dropped_arctic += static_cast<long long>(f.lines.size());
      continue;
    }
    for (const auto& line : f.lines) {
      ++report.parts;
      if (line.size() < 2) {
        ++report.dropped_zero_length;
        continue;
      }
      const auto a = grid.node_for(line.front(), positions, report.snapped_endpoints);
      const auto b = grid.node_for(line.back(), positions, report.snapped_endpoints);
      const double km = geo::polyline_km(line);
      if (a == b || km <= 0) {
        ++report.dropped_zero_length;
        continue;
      }
      const auto key = std::minmax(a, b);
      auto [it, inserted] = lane_links.emplace(key, LaneLink{key.first, key.second, km, pass});
      if (!inserted) {
        ++report.merged_duplicates;
        if (km < it->second.km) it->second = LaneLink{key.first, key.second, km, pass.empty() ? it->second.chokepoint : pass};
      }
      if (!pass.empty()) chokepoints.insert(pass);
    }
  }
  report.chokepoints.assign(chokepoints.begin(), chokepoints.end());
  return t;
}

// The base network without its sea lanes and waypoints; remap takes base node indices to
// the new network's (kNoNode for removed waypoints).
struct LandNetwork {
  Network net;
  std::vector<NodeIndex> remap;
  std::vector<char> had_sea_link;  // base nodes the base reaches by sea
};

LandNetwork base_without_sea(const Network& base, SeaLaneImportReport& report) {
  LandNetwork land;
  auto& net = land.net;
  auto& remap = land.remap;
  auto& had_sea_link = land.had_sea_link;
  net.countries = base.countries;
  net.border_rules = base.border_rules;
  net.agreements = base.agreements;
  net.mode_params = base.mode_params;
  net.cargo_classes = base.cargo_classes;
  remap.assign(base.nodes.size(), kNoNode);
  // Only ports the base reaches by sea get lanes (not the Caspian ferry ports).
  had_sea_link.assign(base.nodes.size(), 0);
  for (const auto& link : base.links)
    if (link.mode == Mode::sea) had_sea_link[link.from] = had_sea_link[link.to] = 1;
  for (NodeIndex n = 0; n < static_cast<NodeIndex>(base.nodes.size()); ++n) {
    if (base.nodes[n].kind == NodeKind::waypoint) {
      ++report.base_waypoints_removed;
      continue;
    }
    remap[n] = static_cast<NodeIndex>(net.nodes.size());
    net.nodes.push_back(base.nodes[n]);
  }
  for (const auto& link : base.links) {
    if (link.mode == Mode::sea) {
      ++report.base_sea_links_removed;
      continue;
    }
    Link copy = link;
    copy.from = remap[link.from];
    copy.to = remap[link.to];
    if (copy.from == kNoNode || copy.to == kNoNode) continue;  // a non-sea link to a waypoint: not in our data
    net.links.push_back(copy);
  }
  for (const auto& t : base.transfers) {
    Transfer copy = t;
    copy.node = remap[t.node];
    if (copy.node != kNoNode) net.transfers.push_back(copy);
  }
  return land;
}

// Adds the lane nodes and links; returns the index of the first lane node.
NodeIndex add_lanes(Network& net, const LaneTopology& lanes, const SeaLaneImportOptions& options, SeaLaneImportReport& report) {
  const auto& positions = lanes.positions;
  const auto& lane_links = lanes.links;
  const auto first_lane_node = static_cast<NodeIndex>(net.nodes.size());
  for (std::size_t i = 0; i < positions.size(); ++i) {
    Node n;
    n.id = "m" + std::to_string(i);
    n.name = "sea lane node " + std::to_string(i);
    n.position = positions[i];
    n.kind = NodeKind::waypoint;
    n.source = options.source;
    net.nodes.push_back(n);
  }
  for (const auto& [key, l] : lane_links) {
    Link link;
    link.id = "m";  // appended: GCC 12 warns falsely (-Wrestrict) on "x" + temporary
    link.id += std::to_string(l.a);
    link.id += '_';
    link.id += std::to_string(l.b);
    link.from = first_lane_node + l.a;
    link.to = first_lane_node + l.b;
    link.mode = Mode::sea;
    link.length_km = l.km;
    link.chokepoint = l.chokepoint;
    link.corridors = {"maritime_silk_road"};
    link.source = options.source;
    net.links.push_back(link);
  }
  report.lane_nodes = static_cast<long long>(positions.size());
  report.lane_links = static_cast<long long>(lane_links.size());
  return first_lane_node;
}

// Joins each seaport the base reached by sea to its nearest lane node.
void join_ports(Network& net, const Network& base, const LandNetwork& land, const LaneTopology& lanes,
                NodeIndex first_lane_node, SeaLaneImportReport& report) {
  const auto& remap = land.remap;
  const auto& had_sea_link = land.had_sea_link;
  const auto& positions = lanes.positions;
  const auto& grid = *lanes.grid;
  std::vector<char> joins(first_lane_node, 0);
  for (NodeIndex n = 0; n < static_cast<NodeIndex>(base.nodes.size()); ++n)
    if (remap[n] != kNoNode && had_sea_link[n]) joins[remap[n]] = 1;
  for (NodeIndex n = 0; n < first_lane_node; ++n) {
    if (net.nodes[n].kind != NodeKind::seaport || !joins[n] || positions.empty()) continue;
    const auto nearest = grid.index().nearest(net.nodes[n].position);
    const double best = nearest->km;
    const auto best_i = static_cast<std::size_t>(nearest->id);
    Link access;
    access.id = "p_" + net.nodes[n].id;
    access.from = n;
    access.to = first_lane_node + static_cast<NodeIndex>(best_i);
    access.mode = Mode::sea;
    access.length_km = best;
    access.corridors = {"maritime_silk_road"};
    access.source = "port access: straight line to the nearest lane node";
    net.links.push_back(access);
    report.ports.emplace_back(net.nodes[n].id, best);
  }
}

}  // namespace

Network import_sea_lanes(const Network& base, const gis::VectorLayer& lanes, const SeaLaneImportOptions& options,
                         SeaLaneImportReport& report) {
  report.features = static_cast<long long>(lanes.features.size());
  report.skipped_no_geometry = lanes.skipped_empty;
  const auto topology = lane_topology(lanes, options, report);
  auto land = base_without_sea(base, report);
  const auto first_lane_node = add_lanes(land.net, topology, options, report);
  join_ports(land.net, base, land, topology, first_lane_node, report);
  land.net.source_dir = base.source_dir;
  land.net.finalize();
  return std::move(land.net);
}

}  // namespace silkroute::importers
