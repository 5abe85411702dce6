#pragma once
// Aligned plain-text tables for the terminal; widths count UTF-8 characters, not bytes.

#include <string>
#include <vector>

namespace silkroute::output {

enum class Align { left, right };

class TextTable {
 public:
  explicit TextTable(std::vector<std::pair<std::string, Align>> columns);
  void add_row(std::vector<std::string> cells);
  std::string render(const std::string& indent = "  ") const;

 private:
  std::vector<std::pair<std::string, Align>> columns_;
  std::vector<std::vector<std::string>> rows_;
};

std::size_t display_width(const std::string& utf8);
// 12345.6 -> "12,346"; digits after the point as asked.
std::string format_number(double value, int decimals = 0);

}  // namespace silkroute::output
