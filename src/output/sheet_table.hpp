#pragma once
// A table for a spreadsheet: header, text cells and which columns are numbers. Built from
// the CSV that every tabular output already writes, so that .csv and .xlsx never disagree.

#include <string>
#include <vector>

namespace silkroute::output {

struct SheetTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as wide as the header
  // A column is numeric when every non-empty cell is a plain finite number (an id with a
  // leading zero such as "007" stays text); empty cells are blanks in either kind.
  std::vector<bool> numeric;
};

// Parses CSV text written by silkroute (std::invalid_argument naming 'what' when malformed).
SheetTable sheet_table_from_csv(const std::string& csv_text, const std::string& what);

}  // namespace silkroute::output
