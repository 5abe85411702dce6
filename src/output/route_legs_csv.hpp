#pragma once
// A route answer's legs as one CSV table (a row per leg of every route), at full precision,
// for spreadsheets and pandas; the same table goes to XLSX.

#include <string>

#include "routing/route_result.hpp"

namespace silkroute::output {

std::string route_legs_csv(const RouteResult& result);

}  // namespace silkroute::output
