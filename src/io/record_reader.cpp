#include "io/record_reader.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <sstream>

namespace silkroute::io {

std::string in_quotes(const std::string& s) { return "'" + s + "'"; }

namespace {
std::string format_bound(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}
}  // namespace

bool check_header(const CsvTable& table, const std::vector<ColumnSpec>& schema, IssueSink& issues) {
  bool ok = true;
  for (const auto& spec : schema) {
    if (spec.required && !table.column(spec.name)) {
      issues.add(table.file, 1, spec.name, "required column is missing from the header");
      ok = false;
    }
  }
  // A column named twice would have its second copy ignored: refuse it.
  std::map<std::string, std::size_t> first_field;
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    const auto [at, fresh] = first_field.emplace(table.header[i], i);
    if (!fresh) {
      issues.add(table.file, 1, table.header[i],
                 "column appears twice in the header (fields " + std::to_string(at->second + 1) + " and " + std::to_string(i + 1) + ")");
      ok = false;
    }
  }
  for (const auto& name : table.header) {
    bool known = false;
    for (const auto& spec : schema) known = known || spec.name == name;
    if (!known) {
      std::string expected;
      for (const auto& spec : schema) expected += (expected.empty() ? "" : ", ") + spec.name;
      issues.add(table.file, 1, name, "unknown column; expected columns are: " + expected);
      ok = false;
    }
  }
  return ok;
}

std::string RecordReader::text(const std::string& column) const {
  auto pos = table_.column(column);
  if (!pos) return "";
  return record_.cells[*pos];
}

void RecordReader::error(const std::string& column, const std::string& message) const {
  issues_.add(table_.file, record_.line, column, message);
}

std::optional<std::string> RecordReader::required_text(const std::string& column) const {
  auto t = text(column);
  if (t.empty()) {
    error(column, "is empty; a value is required");
    return std::nullopt;
  }
  return t;
}

std::optional<double> RecordReader::optional_number(const std::string& column, double min, double max,
                                                    bool* ok) const {
  const auto t = text(column);
  if (t.empty()) return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || ptr != t.data() + t.size() || !std::isfinite(v)) {
    error(column, "expected a number, got " + in_quotes(t));
    if (ok) *ok = false;
    return std::nullopt;
  }
  if (v < min || v > max) {
    error(column, "expected a number between " + format_bound(min) + " and " + format_bound(max) + ", got " + in_quotes(t));
    if (ok) *ok = false;
    return std::nullopt;
  }
  return v;
}

std::optional<double> RecordReader::number(const std::string& column, double min, double max,
                                           std::optional<double> fallback) const {
  if (text(column).empty()) {
    if (fallback) return fallback;
    error(column, "is empty; expected a number between " + format_bound(min) + " and " + format_bound(max));
    return std::nullopt;
  }
  return optional_number(column, min, max, nullptr);
}

std::optional<int> RecordReader::integer(const std::string& column, int min, int max, std::optional<int> fallback) const {
  const auto t = text(column);
  if (t.empty()) {
    if (fallback) return fallback;
    error(column, "is empty; expected a whole number between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  int v = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || ptr != t.data() + t.size() || v < min || v > max) {
    error(column, "expected a whole number between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
                      in_quotes(t));
    return std::nullopt;
  }
  return v;
}

std::vector<std::string> RecordReader::list(const std::string& column) const {
  // Split by hand: a string stream per cell was a tenth of a command's start-up.
  std::vector<std::string> out;
  const auto cell = text(column);
  std::size_t start = 0;
  while (start <= cell.size()) {
    auto end = cell.find('|', start);
    if (end == std::string::npos) end = cell.size();
    const auto b = cell.find_first_not_of(' ', start);
    if (b != std::string::npos && b < end) {
      const auto e = cell.find_last_not_of(' ', end - 1);
      out.push_back(cell.substr(b, e - b + 1));
    }
    start = end + 1;
  }
  return out;
}

}  // namespace silkroute::io
