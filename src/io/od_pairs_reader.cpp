#include "io/od_pairs_reader.hpp"

#include <filesystem>
#include <map>
#include <stdexcept>

#include "io/csv_table.hpp"
#include "io/record_reader.hpp"
#include "network/place_finder.hpp"
#include "scenario/scenario.hpp"

namespace silkroute {

namespace {

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

// An exact place: a guess from a misspelling would silently move a flow.
std::optional<NodeIndex> exact_place(const PlaceFinder& finder, const io::RecordReader& r, const std::string& column) {
  const auto text = r.required_text(column);
  if (!text) return std::nullopt;
  try {
    return finder.find_exact(*text);
  } catch (const PlaceNotFound& e) {
    r.error(column, e.what());
    return std::nullopt;
  }
}

}  // namespace

std::vector<OdPair> read_od_pairs(const Network& net, const std::string& path) {
  io::IssueSink issues;
  const auto file = file_name(path);
  auto table = io::read_csv_file(path, file, issues);
  std::vector<OdPair> out;
  const std::vector<io::ColumnSpec> schema = {{"origin", true},  {"destination", true}, {"teu_per_year", false},
                                              {"weight", false}, {"lane", false},       {"modes", false},
                                              {"source", false}};
  if (table && io::check_header(*table, schema, issues)) {
    if (table->column("teu_per_year") && table->column("weight"))
      issues.add(file, 1, "weight", "give either teu_per_year or weight, not both");
    const PlaceFinder finder(net);
    for (const auto& rec : table->records) {
      io::RecordReader r(*table, rec, issues);
      OdPair p;
      const auto from = exact_place(finder, r, "origin");
      const auto to = exact_place(finder, r, "destination");
      const std::string weight_column = table->column("teu_per_year") ? "teu_per_year" : "weight";
      if (table->column(weight_column)) p.weight = r.number(weight_column, 0, 1e12).value_or(0);
      p.lane = r.text("lane");
      for (const auto& m : r.list("modes")) {
        if (auto mode = parse_mode(m)) p.modes.insert(*mode);
        else r.error("modes", "unknown mode '" + m + "'; modes are " + mode_names());
      }
      if (!from || !to) continue;
      if (*from == *to) {
        r.error("destination", "origin and destination are the same place (" + net.nodes[*from].id + ")");
        continue;
      }
      p.from = *from;
      p.to = *to;
      out.push_back(p);
    }
    if (table->records.empty()) issues.add(file, 0, "", "no pairs in the file");
  }
  if (!issues.empty()) throw io::DatasetError(issues);
  return out;
}

std::vector<OdPair> bundled_demand(const Network& net) {
  const auto path = std::filesystem::path(net.source_dir) / "demand.csv";
  if (!std::filesystem::exists(path)) return {};
  return read_od_pairs(net, path.string());
}

void apply_country_weights(const Network& net, const std::string& path, std::vector<OdPair>& pairs) {
  io::IssueSink issues;
  const auto file = file_name(path);
  auto table = io::read_csv_file(path, file, issues);
  std::map<CountryPair, double> weight;
  std::map<CountryPair, int> line_of;
  if (table && io::check_header(*table, {{"origin", true}, {"destination", true}, {"weight", true}, {"source", false}}, issues)) {
    const PlaceFinder finder(net);
    for (const auto& rec : table->records) {
      io::RecordReader r(*table, rec, issues);
      auto country_of = [&](const std::string& column) -> std::optional<std::string> {
        const auto text = r.required_text(column);
        if (!text) return std::nullopt;
        if (net.country(*text)) return *text;
        if (auto n = net.node_by_id(*text)) return net.nodes[*n].country;
        r.error(column, "expected an ISO3 country code of the network or a node id, got '" + *text + "'");
        return std::nullopt;
      };
      const auto a = country_of("origin");
      const auto b = country_of("destination");
      const auto w = r.number("weight", 0, 1e15);
      if (!a || !b || !w) continue;
      const auto key = country_pair(*a, *b);
      weight[key] += *w;
      line_of.emplace(key, rec.line);
    }
  }
  if (!issues.empty()) throw io::DatasetError(issues);
  std::map<CountryPair, int> place_pairs;
  for (const auto& p : pairs) ++place_pairs[country_pair(net.nodes[p.from].country, net.nodes[p.to].country)];
  for (const auto& [key, w] : weight)
    if (!place_pairs.count(key) && w > 0)
      issues.add(file, line_of[key], "origin",
                 "weight for " + key.first + "-" + key.second + " but no pair of places between them is compared");
  if (!issues.empty()) throw io::DatasetError(issues);
  for (auto& p : pairs) {
    const auto key = country_pair(net.nodes[p.from].country, net.nodes[p.to].country);
    auto it = weight.find(key);
    p.weight = it == weight.end() ? 0.0 : it->second / place_pairs[key];
  }
}

}  // namespace silkroute
