#include "io/csv_writer.hpp"

#include <cmath>
#include <charconv>
#include <string>

namespace silkroute::io {

std::string csv_row(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    const auto& c = cells[i];
    if (c.find_first_of(",\"\n\r") == std::string::npos) {
      out += c;
      continue;
    }
    out += '"';
    for (char ch : c) {
      if (ch == '"') out += '"';
      out += ch;
    }
    out += '"';
  }
  return out + "\n";
}

std::string csv_number(double value) {
  if (!std::isfinite(value)) return "";
  // The shortest plain decimal that reads back as the same double: full precision for
  // programs, and never "1.8e+06" for 1,800,000 TEU.
  char buf[400];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value == 0 ? 0.0 : value, std::chars_format::fixed);
  if (ec != std::errc()) return std::to_string(value);
  return std::string(buf, end);
}

}  // namespace silkroute::io
