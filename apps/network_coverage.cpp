#include "network_coverage.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "io/csv_table.hpp"
#include "cost/access_leg.hpp"
#include "io/dataset_issue.hpp"
#include "network/place_finder.hpp"
#include "output/text_table.hpp"
#include "places/place_coverage.hpp"

namespace silkroute::app {

using output::Align;
using output::format_number;
using output::TextTable;

namespace {

constexpr const char* kNoRegion = "(no region)";
constexpr const char* kAtSea = "(at sea)";

// Country -> time-model region from regions.csv beside the dataset; empty when the file is absent.
// A malformed file is an error naming file and line, like any dataset file.
std::map<std::string, std::string> read_regions(const std::string& dir) {
  std::map<std::string, std::string> regions;
  const auto path = std::filesystem::path(dir) / "regions.csv";
  if (!std::filesystem::exists(path)) return regions;
  io::IssueSink issues;
  const auto table = io::read_csv_file(path.string(), "regions.csv", issues);
  if (table) {
    const auto iso3 = table->column("iso3");
    const auto region = table->column("region");
    if (!iso3 || !region) issues.add("regions.csv", 1, "", "expected the columns iso3 and region");
    else
      for (const auto& r : table->records) {
        const auto& code = r.cells[*iso3];
        if (code.size() != 3) issues.add("regions.csv", r.line, "iso3", "expected an ISO 3166 alpha-3 code, got '" + code + "'");
        else if (r.cells[*region].empty()) issues.add("regions.csv", r.line, "region", "is empty");
        else regions[code] = r.cells[*region];
      }
  }
  if (!issues.empty()) throw io::DatasetError(issues);
  return regions;
}

struct RegionCounts {
  std::set<std::string> countries;
  std::map<NodeKind, int> kinds;
  int air_hubs = 0;
  std::map<Mode, double> km;  // a link's length split half to each end's region
};

// The capitals and million cities of the gazetteer: how many are nodes, join within the
// rule's distance, or do not, by region; then every one that does not, by name.
std::string place_coverage_section(const Network& net) {
  const auto access = read_access_params(net.source_dir);
  if (!access || access->gazetteer_path.empty()) return "";
  const PlaceFinder finder(net);
  const PlaceResolver resolver(net, finder, access);
  const PlaceCoverageRule rule;
  const auto coverage = capital_and_city_coverage(net, resolver, rule);
  const auto& places = resolver.gazetteer().places();

  std::map<std::string, std::map<CoverageStatus, int>> by_region;
  for (const auto& c : coverage) ++by_region[c.region][c.status];
  std::string out = "\nCapitals and cities of " + format_number(static_cast<double>(rule.min_population)) +
                    "+ people (gazetteer): a node, or joined by road within " + format_number(rule.max_join_km) +
                    " km great circle\n\n";
  TextTable t({{"region", Align::left}, {"places", Align::right}, {"nodes", Align::right}, {"join", Align::right},
               {"too far", Align::right}, {"no join", Align::right}});
  std::map<CoverageStatus, int> total;
  const auto row = [&](const std::string& name, const std::map<CoverageStatus, int>& counts) {
    int all = 0;
    for (const auto& [s, n] : counts) all += n;
    const auto get = [&](CoverageStatus s) {
      const auto it = counts.find(s);
      return std::to_string(it == counts.end() ? 0 : it->second);
    };
    t.add_row({name, std::to_string(all), get(CoverageStatus::node), get(CoverageStatus::joins),
               get(CoverageStatus::too_far), get(CoverageStatus::no_join)});
  };
  for (const auto& [region, counts] : by_region) {
    row(region, counts);
    for (const auto& [s, n] : counts) total[s] += n;
  }
  row("total", total);
  out += t.render();

  TextTable miss({{"region", Align::left}, {"place", Align::left}, {"gazetteer id", Align::left}, {"country", Align::left}, {"kind", Align::left},
                  {"population", Align::right}, {"nearest terminal", Align::left}});
  for (const auto& c : coverage) {
    if (c.status == CoverageStatus::node || c.status == CoverageStatus::joins) continue;
    const auto& g = places[c.place];
    miss.add_row({c.region, g.name, g.id, g.country, g.kind, g.population < 0 ? "-" : format_number(static_cast<double>(g.population)),
                  c.status == CoverageStatus::too_far ? net.nodes[c.terminal].id + ", " + format_number(c.great_circle_km) + " km"
                                                      : c.reason.find(" within ") != std::string::npos
                                                            ? "none within " + format_number(resolver.access()->max_great_circle_km) + " km"
                                                            : "none in the country"});
  }
  const int missing = total[CoverageStatus::too_far] + total[CoverageStatus::no_join];
  if (missing > 0) out += "\n  not served (" + std::to_string(missing) + "):\n" + miss.render();
  return out;
}

}  // namespace

std::string network_coverage(const Network& net) {
  const auto regions = read_regions(net.source_dir);
  const auto region_of = [&](const Node& n) -> std::string {
    if (n.country.empty()) return kAtSea;
    if (regions.empty()) return kNoRegion;
    const auto it = regions.find(n.country);
    return it == regions.end() ? kNoRegion : it->second;
  };

  // Coverage is today's network: a line that has stopped (closed_year) is not counted.
  const auto runs = [](const Link& l) { return l.closed_year == kStillRuns; };
  // An air hub is a node with at least one air link (a city stands for its airport).
  std::vector<bool> air_hub(net.nodes.size(), false);
  for (const auto& l : net.links)
    if (l.mode == Mode::air && runs(l)) air_hub[l.from] = air_hub[l.to] = true;

  std::map<std::string, RegionCounts> by_region;
  for (std::size_t i = 0; i < net.nodes.size(); ++i) {
    const auto& n = net.nodes[i];
    auto& r = by_region[region_of(n)];
    if (!n.country.empty()) r.countries.insert(n.country);
    ++r.kinds[n.kind];
    if (air_hub[i]) ++r.air_hubs;
  }
  std::map<Mode, std::pair<int, double>> by_mode;
  int stopped = 0;
  // Land links whose length is a map estimate rather than a published km: their source says so (issue 14, item 2).
  int land = 0, land_approx = 0;
  const auto says_approximate = [](std::string source) {
    std::transform(source.begin(), source.end(), source.begin(), [](unsigned char c) { return std::tolower(c); });
    return source.find("approx") != std::string::npos || source.find("map estimate") != std::string::npos;
  };
  for (const auto& l : net.links) {
    if (!runs(l)) {
      ++stopped;
      continue;
    }
    if (l.mode == Mode::rail || l.mode == Mode::road) {
      ++land;
      land_approx += says_approximate(l.source);
    }
    by_region[region_of(net.nodes[l.from])].km[l.mode] += l.length_km / 2;
    by_region[region_of(net.nodes[l.to])].km[l.mode] += l.length_km / 2;
    auto& m = by_mode[l.mode];
    ++m.first;
    m.second += l.length_km;
  }

  const auto kind_count = [](const RegionCounts& r, NodeKind k) {
    const auto it = r.kinds.find(k);
    return it == r.kinds.end() ? 0 : it->second;
  };
  const auto km = [](const RegionCounts& r, Mode m) {
    const auto it = r.km.find(m);
    return it == r.km.end() ? std::string("-") : format_number(it->second);
  };

  std::string out = "Coverage of " + net.source_dir + "\n";
  out += regions.empty() ? "  (no regions.csv beside the dataset: nodes are not grouped by region)\n\n"
                         : "  by time-model region (regions.csv); a link's km count half to the region of each end\n\n";
  TextTable t({{"region", Align::left}, {"countries", Align::right}, {"cities", Align::right},
               {"seaports", Align::right}, {"dry ports, terminals", Align::right}, {"border stations", Align::right},
               {"airports", Align::right}, {"air hubs", Align::right}, {"rail km", Align::right},
               {"road km", Align::right}, {"sea km", Align::right}, {"ferry km", Align::right}, {"air km", Align::right}});
  RegionCounts total;
  for (const auto& [name, r] : by_region) {
    t.add_row({name, std::to_string(r.countries.size()), std::to_string(kind_count(r, NodeKind::city)),
               std::to_string(kind_count(r, NodeKind::seaport)),
               std::to_string(kind_count(r, NodeKind::dryport) + kind_count(r, NodeKind::rail_terminal)),
               std::to_string(kind_count(r, NodeKind::border_station)), std::to_string(kind_count(r, NodeKind::airport)),
               std::to_string(r.air_hubs), km(r, Mode::rail), km(r, Mode::road), km(r, Mode::sea), km(r, Mode::ferry),
               km(r, Mode::air)});
    total.countries.insert(r.countries.begin(), r.countries.end());
    for (const auto& [k, c] : r.kinds) total.kinds[k] += c;
    total.air_hubs += r.air_hubs;
    for (const auto& [m, v] : r.km) total.km[m] += v;
  }
  t.add_row({"total", std::to_string(total.countries.size()), std::to_string(kind_count(total, NodeKind::city)),
             std::to_string(kind_count(total, NodeKind::seaport)),
             std::to_string(kind_count(total, NodeKind::dryport) + kind_count(total, NodeKind::rail_terminal)),
             std::to_string(kind_count(total, NodeKind::border_station)), std::to_string(kind_count(total, NodeKind::airport)),
             std::to_string(total.air_hubs), km(total, Mode::rail), km(total, Mode::road), km(total, Mode::sea),
             km(total, Mode::ferry), km(total, Mode::air)});
  out += t.render() + "\n";

  TextTable m({{"mode", Align::left}, {"links", Align::right}, {"km", Align::right}});
  for (const auto& [mode, v] : by_mode) m.add_row({std::string(mode_name(mode)), std::to_string(v.first), format_number(v.second)});
  out += m.render();
  out += "  seaports: " + std::to_string(kind_count(total, NodeKind::seaport)) +
         "; air hubs (nodes with an air link): " + std::to_string(total.air_hubs) + "\n";
  if (land > 0)
    out += "  land lengths approximate: " + std::to_string(land_approx) + " of " + std::to_string(land) +
           " rail and road links (their source says \"approx.\" or \"map estimate\")\n";
  if (stopped > 0)
    out += "  not counted: " + std::to_string(stopped) + " links that have stopped running (closed_year)\n";
  out += place_coverage_section(net);
  return out;
}

}  // namespace silkroute::app
