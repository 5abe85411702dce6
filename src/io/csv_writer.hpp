#pragma once
// Writes CSV rows (RFC 4180 quoting) for spreadsheets, pandas and QGIS.

#include <string>
#include <vector>

namespace silkroute::io {

std::string csv_row(const std::vector<std::string>& cells);
// Full precision for machines, without trailing noise: 12.5, 0.000123, 1e+15.
// Full precision, plain decimal notation (no exponent); empty for NaN and infinity.
std::string csv_number(double value);

}  // namespace silkroute::io
