#pragma once
// A small RFC 4180 CSV reader that remembers the line each record starts on,
// so every later error can name file, line and column.

#include <optional>
#include <string>
#include <vector>

#include "io/dataset_issue.hpp"

namespace silkroute::io {

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts
  std::vector<std::string> cells;
};

struct CsvTable {
  std::string file;  // name used in messages, e.g. "links.csv"
  std::vector<std::string> header;
  std::vector<CsvRecord> records;

  // Column position, or nullopt if the header does not have it.
  std::optional<std::size_t> column(const std::string& name) const;
};

// Parses CSV text. Lines whose first character is '#' are comments. A UTF-8 BOM and CRLF
// line ends are accepted. Structural problems (unclosed quote, wrong cell count) go to issues.
CsvTable parse_csv(const std::string& text, const std::string& file, IssueSink& issues);

// Reads a file; a missing or unreadable file is an issue, and the table is then empty.
std::optional<CsvTable> read_csv_file(const std::string& path, const std::string& file, IssueSink& issues);

}  // namespace silkroute::io
