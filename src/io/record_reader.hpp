#pragma once
// Typed access to the cells of one CSV record. Every failed conversion becomes an issue
// naming file, line and column, and returns nullopt so the caller can keep checking.

#include <optional>
#include <string>
#include <vector>

#include "io/csv_table.hpp"

namespace silkroute::io {

struct ColumnSpec {
  std::string name;
  bool required;  // must be present in the header
};

// Checks the header against the schema: missing required columns and unknown columns.
// Returns false when the table cannot be read further.
bool check_header(const CsvTable& table, const std::vector<ColumnSpec>& schema, IssueSink& issues);

class RecordReader {
 public:
  RecordReader(const CsvTable& table, const CsvRecord& record, IssueSink& issues)
      : table_(table), record_(record), issues_(issues) {}

  int line() const { return record_.line; }
  // Raw cell text; "" when the column is absent from the header.
  std::string text(const std::string& column) const;
  // Non-empty text, or an issue.
  std::optional<std::string> required_text(const std::string& column) const;
  // A number within [min, max]; empty cells give `fallback` (an issue if there is none).
  std::optional<double> number(const std::string& column, double min, double max,
                               std::optional<double> fallback = std::nullopt) const;
  // Like number(), but an empty cell gives nullopt without an issue.
  std::optional<double> optional_number(const std::string& column, double min, double max, bool* ok) const;
  std::optional<int> integer(const std::string& column, int min, int max, std::optional<int> fallback = std::nullopt) const;
  // Splits on '|' and trims; empty cell gives an empty list.
  std::vector<std::string> list(const std::string& column) const;

  void error(const std::string& column, const std::string& message) const;

 private:
  const CsvTable& table_;
  const CsvRecord& record_;
  IssueSink& issues_;
};

// "abc" -> "'abc'", for messages.
std::string in_quotes(const std::string& s);

}  // namespace silkroute::io
