#include "output/sheet_table.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "io/csv_table.hpp"
#include "io/dataset_issue.hpp"

namespace silkroute::output {

namespace {

bool plain_number(const std::string& cell) {
  if (cell.empty()) return false;
  // "0123" is an identifier; "0", "0.5" and "-0.25" are numbers.
  const std::size_t digits = cell[0] == '-' ? 1 : 0;
  if (cell.size() > digits + 1 && cell[digits] == '0' && cell[digits + 1] != '.') return false;
  double value = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  return ec == std::errc() && end == cell.data() + cell.size() && std::isfinite(value);
}

}  // namespace

SheetTable sheet_table_from_csv(const std::string& csv_text, const std::string& what) {
  io::IssueSink issues;
  const auto csv = io::parse_csv(csv_text, what, issues);
  if (!issues.empty()) throw std::invalid_argument(what + ": the table is not valid CSV (" + issues.report() + ")");
  SheetTable t;
  t.header = csv.header;
  t.numeric.assign(t.header.size(), true);
  std::vector<bool> any(t.header.size(), false);
  for (const auto& record : csv.records) {
    auto cells = record.cells;
    cells.resize(t.header.size());
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (cells[c].empty()) continue;
      any[c] = true;
      if (t.numeric[c] && !plain_number(cells[c])) t.numeric[c] = false;
    }
    t.rows.push_back(std::move(cells));
  }
  for (std::size_t c = 0; c < any.size(); ++c) t.numeric[c] = t.numeric[c] && any[c];
  return t;
}

}  // namespace silkroute::output
