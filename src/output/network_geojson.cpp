#include "output/network_geojson.hpp"

#include "network/names.hpp"

namespace silkroute::output {

using nlohmann::ordered_json;

namespace {

bool inside(const NetworkFilter& f, const geo::LonLat& p) {
  return p.lon >= f.bbox[0] && p.lon <= f.bbox[2] && p.lat >= f.bbox[1] && p.lat <= f.bbox[3];
}

ordered_json year_or_null(int year) { return year == kAlwaysOpen ? ordered_json(nullptr) : ordered_json(year); }

}  // namespace

std::string link_colour(const Link& link) {
  if (link.mode == Mode::rail) {
    switch (link.gauge_mm) {
      case 1435: return "#1f5fbf";
      case 1520: return "#c0392b";
      case 1000: return "#e67e22";
      case 1067: return "#8e44ad";
      case 1668: return "#16a085";
      default: return "#555555";
    }
  }
  return std::string(mode_traits(link.mode).colour);
}

ordered_json links_geojson(const Network& net, const NetworkFilter& filter) {
  ordered_json features = ordered_json::array();
  for (const auto& link : net.links) {
    if (!filter.modes.empty() && !filter.modes.count(link.mode)) continue;
    if (link.opened_year > filter.year) continue;
    if (link.closed_year != kStillRuns && link.closed_year <= filter.year) continue;
    const auto& a = net.nodes[link.from].position;
    const auto& b = net.nodes[link.to].position;
    if (!inside(filter, a) && !inside(filter, b)) continue;
    std::string corridors;
    for (const auto& c : link.corridors) corridors += (corridors.empty() ? "" : "|") + c;
    ordered_json props{{"kind", "link"},
                       {"id", link.id},
                       {"mode", std::string(mode_name(link.mode))},
                       {"gauge_mm", link.mode == Mode::rail ? ordered_json(link.gauge_mm) : ordered_json(nullptr)},
                       {"from", net.nodes[link.from].name},
                       {"to", net.nodes[link.to].name},
                       {"from_id", net.nodes[link.from].id},
                       {"to_id", net.nodes[link.to].id},
                       {"length_km", link.length_km},
                       {"corridors", corridors},
                       {"chokepoint", link.chokepoint},
                       {"chokepoint_name", link.chokepoint.empty() ? "" : chokepoint_name(link.chokepoint)},
                       {"opened_year", year_or_null(link.opened_year)},
                       {"closed_year", year_or_null(link.closed_year)},
                       {"project", link.project},
                       {"colour", link_colour(link)},
                       {"source", link.source}};
    ordered_json coords = ordered_json::array();
    for (const auto& p : link_points(net, link)) coords.push_back({p.lon, p.lat});
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "LineString"}, {"coordinates", std::move(coords)}}},
                        {"properties", props}});
  }
  return {{"type", "FeatureCollection"}, {"features", features}};
}

ordered_json nodes_geojson(const Network& net, const NetworkFilter& filter) {
  ordered_json features = ordered_json::array();
  for (const auto& node : net.nodes) {
    if ((node.kind == NodeKind::waypoint && !filter.waypoints) || !inside(filter, node.position) ||
        node.opened_year > filter.year)
      continue;
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "Point"}, {"coordinates", {node.position.lon, node.position.lat}}}},
                        {"properties",
                         {{"kind", "node"},
                          {"id", node.id},
                          {"name", node.name},
                          {"country", node.country},
                          {"node_kind", std::string(node_kind_name(node.kind))},
                          {"locode", node.locode},
                          {"opened_year", year_or_null(node.opened_year)},
                          {"project", node.project},
                          {"source", node.source}}}});
  }
  return {{"type", "FeatureCollection"}, {"features", features}};
}

}  // namespace silkroute::output
