#include "io/published_pairs_reader.hpp"

#include "geo/great_circle.hpp"
#include "io/csv_table.hpp"
#include "io/dataset_issue.hpp"
#include "io/record_reader.hpp"
#include "network/mode.hpp"

namespace silkroute {

namespace {

// The year of a `corridor | kind | year | source | URL` note; none for older free-text notes.
std::optional<int> note_year(const std::string& note) {
  const std::string sep = " | ";
  const auto first = note.find(sep);
  if (first == std::string::npos) return std::nullopt;
  const auto second = note.find(sep, first + sep.size());
  if (second == std::string::npos) return std::nullopt;
  const auto start = second + sep.size();
  const auto end = note.find(sep, start);
  if (end == std::string::npos || end - start != 4) return std::nullopt;
  int year = 0;
  for (auto i = start; i < end; ++i) {
    if (note[i] < '0' || note[i] > '9') return std::nullopt;
    year = year * 10 + (note[i] - '0');
  }
  return year;
}

}  // namespace

std::vector<PublishedPair> read_published_pairs(const std::string& path) {
  io::IssueSink issues;
  const std::string file = path.substr(path.find_last_of('/') + 1);
  std::vector<PublishedPair> out;
  auto table = io::read_csv_file(path, file, issues);
  const std::vector<io::ColumnSpec> schema = {
      {"origin", true},       {"destination", true}, {"mode", true},          {"via", false},
      {"time_low_h", true},   {"time_high_h", true}, {"distance", true},      {"distance_unit", true},
      {"source_note", false}, {"avoid", false},      {"network_year", false}, {"measure", false},
      {"service", false}};
  if (table && io::check_header(*table, schema, issues)) {
    for (const auto& rec : table->records) {
      io::RecordReader r(*table, rec, issues);
      PublishedPair p;
      p.line = rec.line;
      p.origin = r.required_text("origin").value_or("");
      p.destination = r.required_text("destination").value_or("");
      p.mode = r.text("mode");
      if (!parse_mode(p.mode)) r.error("mode", "expected one of " + mode_names() + ", got '" + p.mode + "'");
      p.via = r.text("via");
      p.source_note = r.text("source_note");
      p.published_year = note_year(p.source_note);
      bool ok = true;
      p.time_low_h = r.optional_number("time_low_h", 0, 1e5, &ok);
      p.time_high_h = r.optional_number("time_high_h", 0, 1e5, &ok);
      const auto distance = r.optional_number("distance", 0, 1e5, &ok);
      const auto unit = r.text("distance_unit");
      if (distance) {
        if (unit == "km") p.distance_km = *distance;
        else if (unit == "nm") p.distance_km = *distance * geo::kKmPerNauticalMile;
        else r.error("distance_unit", "expected km or nm, got '" + unit + "'");
      }
      p.avoid = r.list("avoid");
      if (!r.text("network_year").empty()) p.network_year = r.integer("network_year", 1800, 2100);
      const auto measure = r.text("measure");
      if (measure == "sailing") p.sailing = true;
      else if (!measure.empty() && measure != "terminal")
        r.error("measure", "expected terminal or sailing, got '" + measure + "'");
      // The rail service the source names (docs/time-model.md, "Rail services"); empty: the rule.
      if (const auto service = r.text("service"); !service.empty()) {
        p.rail_service = enum_parse<RailService>(service);
        if (!p.rail_service) r.error("service", "expected express or intermodal, got '" + service + "'");
        else if (p.mode != "rail") r.error("service", "a rail service is for rail rows, this row is " + p.mode);
      }
      out.push_back(p);
    }
  }
  if (!issues.empty()) throw io::DatasetError(issues);
  return out;
}

}  // namespace silkroute
