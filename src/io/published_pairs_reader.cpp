#include "io/published_pairs_reader.hpp"

#include <algorithm>
#include <map>

#include "geo/great_circle.hpp"
#include "io/csv_table.hpp"
#include "io/dataset_issue.hpp"
#include "io/input_limits.hpp"
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

struct BatchMark {
  int line = 0;
  int order = 0;
  std::string name;
};

// `# batch: ORDER NAME free text` comment lines, by line: ORDER a whole number (the order the
// batches were curated in), NAME one word. A malformed batch line is an issue, not a comment.
std::vector<BatchMark> batch_marks(const std::string& text, const std::string& file, io::IssueSink& issues) {
  static const std::string kPrefix = "# batch:";
  std::vector<BatchMark> marks;
  std::map<std::string, int> order_of;
  int line = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++line;
    std::string_view l(text.data() + start, end - start);
    start = end + 1;
    if (l.substr(0, kPrefix.size()) != kPrefix) continue;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    const std::string whole(l.substr(0, 200));
    l.remove_prefix(kPrefix.size());
    auto word = [&l]() {
      while (!l.empty() && l.front() == ' ') l.remove_prefix(1);
      const auto n = std::min(l.find(' '), l.size());
      const std::string w(l.substr(0, n));
      l.remove_prefix(n);
      return w;
    };
    const auto order_text = word();
    const auto name = word();
    const bool digits = !order_text.empty() && order_text.size() <= 6 &&
                        std::all_of(order_text.begin(), order_text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || name.empty()) {
      issues.add(file, line, "batch", "expected '# batch: ORDER NAME ...' with ORDER a whole number, got '" + whole + "'");
      continue;
    }
    const int order = std::stoi(order_text);
    if (const auto it = order_of.find(name); it != order_of.end() && it->second != order) {
      issues.add(file, line, "batch", "batch '" + name + "' has order " + std::to_string(order) + " here and " +
                                          std::to_string(it->second) + " above");
      continue;
    }
    order_of[name] = order;
    marks.push_back({line, order, name});
  }
  return marks;
}

}  // namespace

std::vector<PublishedPair> read_published_pairs(const std::string& path) {
  io::IssueSink issues;
  const std::string file = path.substr(path.find_last_of('/') + 1);
  std::vector<PublishedPair> out;
  std::optional<io::CsvTable> table;
  std::vector<BatchMark> marks;
  try {
    const auto text = io::read_input_file(path, io::kMaxCsvBytes, "CSV table");
    marks = batch_marks(text, file, issues);
    table = io::parse_csv(text, file, issues);
  } catch (const std::invalid_argument& e) {
    issues.add(file, 0, "", e.what());
  }
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
      // On a road row, the crew the source names ("Road crews"): single or team.
      if (const auto service = r.text("service"); !service.empty()) {
        if (p.mode == "road") {
          p.road_crew = enum_parse<RoadCrew>(service);
          if (!p.road_crew) r.error("service", "expected single or team (the road crew), got '" + service + "'");
        } else {
          p.rail_service = enum_parse<RailService>(service);
          if (!p.rail_service) r.error("service", "expected express or intermodal, got '" + service + "'");
          else if (p.mode != "rail") r.error("service", "a rail service is for rail rows, this row is " + p.mode);
        }
      }
      // The batch of the last batch line above the row.
      const auto mark = std::find_if(marks.rbegin(), marks.rend(), [&](const BatchMark& m) { return m.line < rec.line; });
      if (mark != marks.rend()) {
        p.batch = mark->name;
        p.batch_order = mark->order;
      } else if (!marks.empty()) {
        issues.add(file, rec.line, "batch", "a row before the file's first '# batch:' line: every row of a file with "
                                            "batches needs one (tests/calibration/README.md)");
      }
      out.push_back(p);
    }
  }
  if (!issues.empty()) throw io::DatasetError(issues);
  return out;
}

}  // namespace silkroute
