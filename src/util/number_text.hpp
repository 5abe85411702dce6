#pragma once
// A number as people read it in messages: the shortest text that reads back to the same
// double (1e+09, 2.5, nan, -inf), not std::to_string's fixed six decimals
// (-1000000000.000000, 0.000000 for 1e-9).
#include <charconv>
#include <cmath>
#include <string>

namespace silkroute::util {

inline std::string number_text(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  char buf[32];
  const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  return std::string(buf, end);
}

}  // namespace silkroute::util
