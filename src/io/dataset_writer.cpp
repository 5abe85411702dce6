#include "io/dataset_writer.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unordered_set>

#include "io/csv_writer.hpp"

namespace silkroute::io {

namespace fs = std::filesystem;

namespace {

std::ofstream open_for_writing(const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::invalid_argument(path + ": cannot write");
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : "|") + s;
  return out;
}

std::string year(int y) { return y == kAlwaysOpen ? "" : std::to_string(y); }
std::string optional_number(const std::optional<double>& v) { return v ? csv_number(*v) : ""; }

}  // namespace

void write_nodes_csv(const Network& net, const std::string& path, const std::string& comment) {
  auto out = open_for_writing(path);
  out << "# " << comment << "\n";
  out << csv_row({"id", "name", "alt_names", "country", "lon", "lat", "kind", "locode", "opened_year", "project", "source"});
  for (const auto& n : net.nodes)
    out << csv_row({n.id, n.name, joined(n.alt_names), n.country, csv_number(n.position.lon), csv_number(n.position.lat),
                    std::string(node_kind_name(n.kind)), n.locode, year(n.opened_year), n.project, n.source});
}

void write_links_csv(const Network& net, const std::string& path, const std::string& comment) {
  auto out = open_for_writing(path);
  out << "# " << comment << "\n";
  out << csv_row({"id", "from", "to", "mode", "gauge_mm", "length_km", "speed_kmh", "time_h", "cost_usd_per_teu_km",
                  "departures_per_week", "corridors", "chokepoint", "opened_year", "project", "source", "closed_year"});
  for (const auto& l : net.links)
    out << csv_row({l.id, net.nodes[l.from].id, net.nodes[l.to].id, std::string(mode_name(l.mode)),
                    l.mode == Mode::rail ? std::to_string(l.gauge_mm) : "", csv_number(l.length_km),
                    optional_number(l.speed_kmh), optional_number(l.time_h), optional_number(l.cost_usd_per_teu_km),
                    l.departures_per_week > 0 ? csv_number(l.departures_per_week) : "", joined(l.corridors), l.chokepoint,
                    year(l.opened_year), l.project, l.source, year(l.closed_year)});
}

// Copies a table of the base dataset. A table keyed by link (its first column `link` or
// `link_id`: line classes, shapes, crossings, seasonal closures) keeps only the rows of links
// the written network still has, since an import may replace links (the sea lanes).
static void copy_table_of_links(const Network& net, const fs::path& from, const fs::path& to) {
  std::ifstream in(from);
  std::string line;
  std::vector<std::string> lines;
  bool keyed = false, header_seen = false;
  std::unordered_set<std::string> ids;
  while (std::getline(in, line)) {
    if (!header_seen && !line.empty() && line[0] != '#') {
      header_seen = true;
      const auto first = line.substr(0, line.find(','));
      keyed = first == "link" || first == "link_id";
      if (keyed)
        for (const auto& l : net.links) ids.insert(l.id);
    } else if (keyed && !line.empty() && line[0] != '#' && !ids.count(line.substr(0, line.find(',')))) {
      continue;
    }
    lines.push_back(line);
  }
  if (!keyed) {
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
    return;
  }
  auto out = open_for_writing(to.string());
  for (const auto& l : lines) out << l << "\n";
}

void write_dataset(const Network& net, const std::string& out_dir, const std::string& base_dir, const std::string& comment) {
  fs::create_directories(out_dir);
  write_nodes_csv(net, (fs::path(out_dir) / "nodes.csv").string(), comment);
  write_links_csv(net, (fs::path(out_dir) / "links.csv").string(), comment);
  if (base_dir.empty()) return;
  for (const auto& entry : fs::directory_iterator(base_dir)) {
    const auto name = entry.path().filename().string();
    if (name == "nodes.csv" || name == "links.csv") continue;
    const auto target = fs::path(out_dir) / name;
    if (entry.is_directory()) fs::copy(entry.path(), target, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    else if (entry.path().extension() == ".csv") copy_table_of_links(net, entry.path(), target);
  }
}

void write_standalone_dataset(const Network& net, const std::string& out_dir, const std::string& base_dir,
                              const std::string& comment) {
  fs::create_directories(out_dir);
  write_nodes_csv(net, (fs::path(out_dir) / "nodes.csv").string(), comment);
  write_links_csv(net, (fs::path(out_dir) / "links.csv").string(), comment);
  auto countries = open_for_writing((fs::path(out_dir) / "countries.csv").string());
  countries << "# " << comment << "\n" << csv_row({"iso3", "name", "customs_union", "union_since_year"});
  for (const auto& c : net.countries) countries << csv_row({c.iso3, c.name, c.customs_union, year(c.union_since_year)});
  for (const char* table : {"modes.csv", "cargo.csv"})
    fs::copy_file(fs::path(base_dir) / table, fs::path(out_dir) / table, fs::copy_options::overwrite_existing);
}

}  // namespace silkroute::io
