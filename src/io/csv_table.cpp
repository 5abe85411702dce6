#include "io/csv_table.hpp"

#include <stdexcept>

#include "io/input_limits.hpp"

namespace silkroute::io {

std::optional<std::size_t> CsvTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  return std::nullopt;
}

namespace {

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }

}  // namespace

CsvTable parse_csv(const std::string& raw, const std::string& file, IssueSink& issues) {
  CsvTable table;
  table.file = file;
  std::string_view text(raw);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  std::size_t i = 0;
  int line = 1;
  bool have_header = false;
  while (i < text.size()) {
    // Skip comment and blank lines.
    if (text[i] == '#' || text[i] == '\n' || (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      while (i < text.size() && text[i] != '\n') ++i;
      ++i;
      ++line;
      continue;
    }
    CsvRecord rec;
    rec.line = line;
    rec.cells.reserve(table.header.size());
    std::string cell;
    bool quoted_cell = false;
    bool ok = true;
    while (i < text.size()) {
      char c = text[i];
      if (c == '"' && blank(cell)) {
        // Quoted field: read to the closing quote; "" is a literal quote.
        cell.clear();
        quoted_cell = true;
        ++i;
        bool closed = false;
        while (i < text.size()) {
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              cell += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (text[i] == '\n') ++line;
          cell += text[i++];
        }
        if (!closed) {
          issues.add(file, rec.line, "", "unclosed quote: a field opened with \" never ends");
          ok = false;
          i = text.size();
        }
        continue;
      }
      if (c == ',') {
        rec.cells.push_back(quoted_cell ? cell : trim(cell));
        cell.clear();
        quoted_cell = false;
        ++i;
        continue;
      }
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
        continue;
      }
      if (c == '\n') {
        ++i;
        break;
      }
      // Plain characters up to the next one that means something, in one piece.
      std::size_t end = i + 1;
      while (end < text.size() && text[end] != ',' && text[end] != '\n' && text[end] != '\r' && text[end] != '"') ++end;
      cell.append(text.substr(i, end - i));
      i = end;
    }
    rec.cells.push_back(quoted_cell ? cell : trim(cell));
    ++line;
    if (!ok) break;
    if (!have_header) {
      table.header = rec.cells;
      have_header = true;
      continue;
    }
    if (rec.cells.size() != table.header.size()) {
      issues.add(file, rec.line, "",
                 "expected " + std::to_string(table.header.size()) + " fields as in the header, got " +
                     std::to_string(rec.cells.size()));
      continue;
    }
    table.records.push_back(std::move(rec));
  }
  if (!have_header) issues.add(file, 0, "", "empty file: expected a header line");
  return table;
}

std::optional<CsvTable> read_csv_file(const std::string& path, const std::string& file, IssueSink& issues) {
  std::string text;
  try {
    text = read_input_file(path, kMaxCsvBytes, "CSV table");
  } catch (const std::invalid_argument& e) {
    issues.add(file, 0, "", e.what());
    return std::nullopt;
  }
  return parse_csv(text, file, issues);
}

}  // namespace silkroute::io
