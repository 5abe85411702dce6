#include "places/place_coverage.hpp"

#include <set>

namespace silkroute {

std::vector<PlaceCoverage> capital_and_city_coverage(const Network& net, const PlaceResolver& resolver,
                                                     const PlaceCoverageRule& rule) {
  std::vector<PlaceCoverage> out;
  const auto& gazetteer = resolver.gazetteer();
  // The gazetteer holds towns of Europe, Asia and Africa only, but capitals of the whole
  // world: a capital counts where its country has towns there, or is in the network.
  std::set<std::string> countries;
  for (const auto& g : gazetteer.places())
    if (g.kind != "capital") countries.insert(g.country);
  for (const auto& c : net.countries) countries.insert(c.iso3);

  for (std::size_t i = 0; i < gazetteer.places().size(); ++i) {
    const auto& g = gazetteer.places()[i];
    const bool capital = g.kind == "capital" && countries.count(g.country);
    if (!capital && !(g.kind != "capital" && g.population >= rule.min_population)) continue;
    PlaceCoverage c;
    c.place = i;
    const auto region = net.time_model.country_region.find(g.country);
    c.region = region == net.time_model.country_region.end() ? "(no region)" : std::string(enum_name(region->second));
    // A node of the same name and country nearby is the place itself (as `route` takes it).
    try {
      const auto by_name = resolver.resolve(g.name, "place", CoordinateOrder::lat_lon);
      if (by_name.is_node() && by_name.country == g.country &&
          geo::great_circle_km(by_name.position, g.position) <= 50) {
        c.status = CoverageStatus::node;
        c.terminal = by_name.node;
        out.push_back(c);
        continue;
      }
    } catch (const std::exception&) {
      // ambiguous or unknown by name: judged by its id below
    }
    const auto p = resolver.resolve(g.id, "place", CoordinateOrder::lat_lon);
    if (p.is_node()) {
      c.status = CoverageStatus::node;
      c.terminal = p.node;
    } else if (p.terminals.empty()) {
      c.status = CoverageStatus::no_join;
      c.reason = p.no_join_reason;
    } else {
      c.terminal = p.terminals.front().node;
      c.great_circle_km = p.terminals.front().great_circle_km;
      c.status = c.great_circle_km <= rule.max_join_km ? CoverageStatus::joins : CoverageStatus::too_far;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace silkroute
