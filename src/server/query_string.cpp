#include "server/query_string.hpp"

#include "output/json_writer.hpp"

namespace silkroute::server {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void check_text(const std::string& text, const std::string& what) {
  if (!output::is_valid_utf8(text)) throw std::invalid_argument(what + ": not valid UTF-8");
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7F) throw std::invalid_argument(what + ": control characters are not allowed");
}

}  // namespace

std::string percent_decode(std::string_view text, bool plus_is_space, const char* what) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      const int hi = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
      const int lo = hi >= 0 ? hex_value(text[i + 2]) : -1;
      if (lo < 0) throw std::invalid_argument(std::string(what) + ": '%' must be followed by two hexadecimal digits");
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += plus_is_space && c == '+' ? ' ' : c;
    }
  }
  return out;
}

Target parse_target(std::string_view target, const QueryLimits& limits) {
  if (target.empty() || target.front() != '/') throw std::invalid_argument("request target: expected a path starting with '/'");
  Target out;
  const auto q = target.find('?');
  out.path = percent_decode(target.substr(0, q), false, "path");
  check_text(out.path, "path");
  if (q == std::string_view::npos) return out;
  auto query = target.substr(q + 1);
  std::size_t count = 0;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (piece.empty()) continue;
    if (++count > limits.max_params)
      throw std::invalid_argument("query: more than " + std::to_string(limits.max_params) + " parameters");
    const auto eq = piece.find('=');
    auto key = percent_decode(piece.substr(0, eq), true, "query parameter name");
    check_text(key, "query parameter name");
    if (key.size() > 64) throw std::invalid_argument("query parameter name: longer than 64 bytes");
    const auto what = "parameter '" + key + "'";
    auto value = eq == std::string_view::npos ? std::string() : percent_decode(piece.substr(eq + 1), true, what.c_str());
    if (value.size() > limits.max_value_bytes)
      throw std::invalid_argument(what + ": " + std::to_string(value.size()) + " bytes; the limit is " +
                                  std::to_string(limits.max_value_bytes));
    check_text(value, what);
    out.params.emplace(std::move(key), std::move(value));
  }
  return out;
}

}  // namespace silkroute::server
