#include "scenario/toml_guard.hpp"

namespace silkroute {

namespace {

bool bare_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace

std::optional<std::string> toml_depth_problem(std::string_view text) {
  int line = 1;
  int parts = 1;    // parts of the dotted key (or dotted value) being read
  int nesting = 0;  // open [ and { outside strings
  std::size_t i = 0;
  const auto n = text.size();
  // Skips a string starting at i (quote q, triple when multi-line), counting its lines.
  auto skip_string = [&](char q) {
    const bool triple = text.substr(i, 3) == std::string(3, q);
    i += triple ? 3 : 1;
    while (i < n) {
      const char c = text[i];
      if (c == '\n') {
        if (!triple) return;  // an unclosed one-line string: the parser says so
        ++line;
      }
      if (c == '\\' && q == '"') {
        if (i + 1 < n && text[i + 1] == '\n') ++line;
        i += 2;
        continue;
      }
      if (c == q && (!triple || text.substr(i, 3) == std::string(3, q))) {
        i += triple ? 3 : 1;
        return;
      }
      ++i;
    }
  };
  while (i < n) {
    const char c = text[i];
    if (c == '"' || c == '\'') {
      skip_string(c);
      continue;
    }
    if (c == '#') {
      while (i < n && text[i] != '\n') ++i;
      continue;
    }
    if (c == '.') {
      if (++parts > kMaxTomlKeyParts)
        return std::to_string(line) + ": a key with more than " + std::to_string(kMaxTomlKeyParts) + " dotted parts";
    } else if (c == '[' || c == '{') {
      parts = 1;
      if (++nesting > kMaxTomlNesting)
        return std::to_string(line) + ": more than " + std::to_string(kMaxTomlNesting) + " nested arrays or tables";
    } else if (c == ']' || c == '}') {
      parts = 1;
      if (nesting > 0) --nesting;
    } else if (c == '\n') {
      parts = 1;
      ++line;
    } else if (!bare_key_char(c) && c != ' ' && c != '\t') {
      parts = 1;
    }
    ++i;
  }
  return std::nullopt;
}

}  // namespace silkroute
