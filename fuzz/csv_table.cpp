// The CSV layer under every table reader: parse_csv, then the header check and every typed
// conversion of RecordReader on every cell, as the dataset reader uses them.

#include <limits>

#include "fuzz_support.hpp"
#include "io/csv_table.hpp"
#include "io/record_reader.hpp"

using namespace silkroute;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  io::IssueSink issues;
  const auto table = io::parse_csv(std::string(fuzz::as_text(data, size)), "fuzz.csv", issues);
  std::vector<io::ColumnSpec> schema;
  for (const auto& h : table.header) schema.push_back({h, false});
  if (!io::check_header(table, schema, issues)) return 0;
  for (const auto& rec : table.records) {
    if (rec.line < 1 || rec.cells.size() != table.header.size()) fuzz::finding("a record with a bad line or cell count");
    io::RecordReader r(table, rec, issues);
    for (const auto& h : table.header) {
      bool ok = true;
      const auto n = r.number(h, -1e9, 1e9, 0.0);
      if (n && !(*n >= -1e9 && *n <= 1e9)) fuzz::finding("number() out of its range");
      (void)r.optional_number(h, 0, std::numeric_limits<double>::max(), &ok);
      const auto i = r.integer(h, -100, 100, 0);
      if (i && (*i < -100 || *i > 100)) fuzz::finding("integer() out of its range");
      (void)r.list(h);
    }
  }
  (void)issues.report();
  return 0;
}
