#include "importers/osm_rail_import.hpp"

#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>

#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "io/input_limits.hpp"

namespace silkroute::importers {

namespace {

struct RailWay {
  std::vector<osmium::object_id_type> refs;
  std::vector<geo::LonLat> points;
  int gauge_mm;
  std::string name;
  long long id;
};

class RailHandler : public osmium::handler::Handler {
 public:
  RailHandler(const OsmRailOptions& options, OsmRailReport& report, std::vector<ImportPoint>& stations,
              const std::string& file)
      : options_(options), report_(report), stations_(stations), file_(file) {}

  void node(const osmium::Node& node) {
    const char* railway = node.tags()["railway"];
    if (!railway || (std::string(railway) != "station" && std::string(railway) != "halt")) return;
    const char* name = node.tags()["name"];
    if (!name || !node.location().valid()) return;
    stations_.push_back({{node.location().lon(), node.location().lat()}, name, file_ + " node " + std::to_string(node.id())});
    ++report_.stations;
  }

  void way(const osmium::Way& way) {
    const char* railway = way.tags()["railway"];
    if (!railway || (std::string(railway) != "rail" && std::string(railway) != "narrow_gauge")) return;
    if (way.tags()["service"] && !options_.service_tracks) {
      ++report_.service_skipped;
      return;
    }
    ++report_.ways;
    RailWay w;
    w.id = way.id();
    w.gauge_mm = options_.default_gauge_mm;
    if (const char* gauge = way.tags()["gauge"]) {
      std::string g = gauge;
      if (g.find(';') != std::string::npos) ++report_.gauge_multi;
      try {
        w.gauge_mm = std::stoi(g.substr(0, g.find(';')));
      } catch (const std::exception&) {
        ++report_.gauge_missing;
      }
    } else {
      ++report_.gauge_missing;
    }
    if (const char* name = way.tags()["name"]) w.name = name;
    for (const auto& nr : way.nodes()) {
      if (!nr.location().valid()) continue;
      w.refs.push_back(nr.ref());
      w.points.push_back({nr.location().lon(), nr.location().lat()});
      ++uses_[nr.ref()];
    }
    ways.push_back(std::move(w));
  }

  std::vector<RailWay> ways;
  std::unordered_map<osmium::object_id_type, int> uses_;

 private:
  const OsmRailOptions& options_;
  OsmRailReport& report_;
  std::vector<ImportPoint>& stations_;
  std::string file_;
};

}  // namespace

std::string OsmRailReport::text() const {
  std::ostringstream out;
  out << "OSM: " << ways << " railway ways (" << service_skipped << " service tracks left out), " << pieces
      << " pieces after splitting at shared nodes; " << gauge_missing << " without a readable gauge (default used), "
      << gauge_multi << " multi-gauge (first used); " << stations << " named stations and halts\n";
  return out.str();
}

void read_osm_rail(const std::string& path, const OsmRailOptions& options, std::vector<ImportLine>& lines,
                   std::vector<ImportPoint>& stations, OsmRailReport& report) {
  if (auto problem = io::input_file_problem(path, io::kMaxOsmBytes, "OpenStreetMap file")) throw std::invalid_argument(*problem);
  // The gauges a dataset takes (docs/dataset.md: 500 to 2000 mm).
  if (options.default_gauge_mm < 500 || options.default_gauge_mm > 2000)
    throw std::invalid_argument("default gauge: expected 500 to 2000 mm, got " + std::to_string(options.default_gauge_mm));
  const auto file = std::filesystem::path(path).filename().string();
  using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
  Index index;
  osmium::handler::NodeLocationsForWays<Index> locations(index);
  locations.ignore_errors();
  RailHandler handler(options, report, stations, file);
  try {
    osmium::io::Reader reader(path, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way);
    osmium::apply(reader, locations, handler);
    reader.close();
  } catch (const std::exception& e) {
    throw std::invalid_argument(path + ": cannot read as OpenStreetMap data (" + e.what() + ")");
  }
  // Split each way at interior nodes another way also uses: OSM junctions.
  for (const auto& w : handler.ways) {
    std::size_t start = 0;
    for (std::size_t k = 1; k < w.refs.size(); ++k) {
      const bool shared = handler.uses_[w.refs[k]] > 1;
      if (k + 1 < w.refs.size() && !shared) continue;
      ImportLine line;
      line.points.assign(w.points.begin() + static_cast<long>(start), w.points.begin() + static_cast<long>(k) + 1);
      line.mode = Mode::rail;
      line.gauge_mm = w.gauge_mm;
      line.name = w.name;
      line.source = file + " way " + std::to_string(w.id) + " (OpenStreetMap, ODbL)";
      lines.push_back(std::move(line));
      ++report.pieces;
      start = k;
    }
  }
}

}  // namespace silkroute::importers
