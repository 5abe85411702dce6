#include "importers/line_topology.hpp"

#include "geo/point_index.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace silkroute::importers {

namespace {

// Points within the snap distance share a node (the nearest one), found by a spherical index.
class NodeGrid {
 public:
  explicit NodeGrid(double snap_m) : snap_km_(snap_m / 1000.0) {}

  std::optional<std::int32_t> find(const geo::LonLat& p) const {
    if (auto hit = index_.nearest_within(p, snap_km_)) return hit->id;
    return std::nullopt;
  }

  std::int32_t insert(const geo::LonLat& p, long long& snapped) {
    if (auto n = find(p)) {
      if (positions[*n].lon != p.lon || positions[*n].lat != p.lat) ++snapped;
      return *n;
    }
    const auto n = static_cast<std::int32_t>(positions.size());
    index_.insert(p, n);  // throws on a coordinate that is not a lon/lat
    positions.push_back(p);
    return n;
  }

  std::vector<geo::LonLat> positions;

 private:
  double snap_km_;
  geo::PointIndex index_;
};

}  // namespace

std::string TopologyReport::text(const TopologyOptions& options) const {
  std::ostringstream out;
  out << "lines read: " << lines << "\n"
      << "snapped: " << snapped_endpoints << " endpoints joined to a node within " << options.snap_m << " m\n"
      << "split: " << splits << " times where another line ends on a vertex\n"
      << "dropped: " << dropped_degenerate << " lines with fewer than two distinct points, " << dropped_loops
      << " pieces that start and end at one node, " << merged_duplicates << " duplicates (shorter kept)\n"
      << "named: " << named_points << " nodes from points, " << unmatched_points << " points farther than "
      << options.snap_m << " m from any node\n"
      << "result: " << nodes << " nodes, " << links << " links\n";
  return out.str();
}

Network build_line_network(const std::vector<ImportLine>& lines, const std::vector<ImportPoint>& points,
                           const TopologyOptions& options, TopologyReport& report) {
  // 10 km joins anything a GIS layer means to join; beyond, lines collapse into one node.
  if (!(options.snap_m >= 0 && options.snap_m <= 10000))
    throw std::invalid_argument("snap distance: expected 0 to 10000 m, got " + std::to_string(options.snap_m));
  report.lines = static_cast<long long>(lines.size());
  NodeGrid grid(options.snap_m);
  // 1. Endpoints become nodes.
  std::vector<char> usable(lines.size(), 0);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& pts = lines[i].points;
    if (pts.size() < 2 || geo::polyline_km(pts, 0, pts.size() - 1) == 0) {
      ++report.dropped_degenerate;
      continue;
    }
    usable[i] = 1;
    grid.insert(pts.front(), report.snapped_endpoints);
    grid.insert(pts.back(), report.snapped_endpoints);
  }
  // 2. Pieces between nodes: a line is cut at every interior vertex that is a node.
  struct Piece {
    std::int32_t a, b;
    double km;
    std::size_t line;
  };
  std::map<std::tuple<std::int32_t, std::int32_t, int>, Piece> pieces;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!usable[i]) continue;
    const auto& pts = lines[i].points;
    std::size_t start = 0;
    auto start_node = *grid.find(pts.front());
    for (std::size_t k = 1; k < pts.size(); ++k) {
      const bool last = k + 1 == pts.size();
      const auto node = last ? grid.find(pts.back()) : grid.find(pts[k]);
      if (!node) continue;
      if (!last) ++report.splits;
      const double km = geo::polyline_km(pts, start, k);
      if (*node == start_node) {
        ++report.dropped_loops;
      } else {
        const auto key = std::make_tuple(std::min(start_node, *node), std::max(start_node, *node), static_cast<int>(lines[i].mode));
        auto [it, inserted] = pieces.emplace(key, Piece{start_node, *node, km, i});
        if (!inserted) {
          ++report.merged_duplicates;
          if (km < it->second.km) it->second = Piece{start_node, *node, km, i};
        }
      }
      start = k;
      start_node = *node;
    }
  }
  // 3. The network.
  Network net;
  for (std::size_t n = 0; n < grid.positions.size(); ++n) {
    Node node;
    node.id = options.id_prefix + "n" + std::to_string(n);
    node.name = "junction " + std::to_string(n);
    node.country = options.country;
    node.position = grid.positions[n];
    node.kind = NodeKind::rail_terminal;
    node.source = "line endpoints (import)";
    net.nodes.push_back(node);
  }
  for (const auto& p : points) {
    const auto n = grid.find(p.position);
    if (!n) {
      ++report.unmatched_points;
      continue;
    }
    ++report.named_points;
    net.nodes[*n].name = p.name;
    net.nodes[*n].source = p.source;
  }
  int k = 0;
  for (const auto& [key, p] : pieces) {
    const auto& line = lines[p.line];
    Link link;
    link.id = options.id_prefix + "l" + std::to_string(k++);
    link.from = p.a;
    link.to = p.b;
    link.mode = line.mode;
    link.gauge_mm = line.mode == Mode::rail ? line.gauge_mm : 0;
    // The straight line between snapped ends can exceed a short curved piece by the snap.
    link.length_km = std::max(p.km, geo::great_circle_km(grid.positions[p.a], grid.positions[p.b]));
    link.speed_kmh = line.speed_kmh;
    link.source = line.source + (line.name.empty() ? "" : " (" + line.name + ")");
    net.links.push_back(link);
  }
  report.nodes = static_cast<long long>(net.nodes.size());
  report.links = static_cast<long long>(net.links.size());
  // A network without a link is no import: say so rather than write an empty dataset.
  if (net.links.empty())
    throw std::invalid_argument("no usable line: " + std::to_string(lines.size()) + " lines read, " +
                                std::to_string(report.dropped_degenerate) + " with fewer than two distinct points, " +
                                std::to_string(report.dropped_loops) + " pieces starting and ending at one node");
  net.finalize();
  return net;
}

}  // namespace silkroute::importers
