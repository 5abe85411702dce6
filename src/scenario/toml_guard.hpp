#pragma once
// Limits checked on TOML text before toml++ sees it. toml++ 3.3.0 (Debian's) recurses once
// per part of a dotted key or table header and has no limit there, so a file with a
// 50,000-part key overflows the stack (fixed upstream in marzer/tomlplusplus PR #242, after
// 3.3.0). No scenario needs more than a few parts or levels, so the guard refuses keys of
// more than kMaxTomlKeyParts parts and more than kMaxTomlNesting nested arrays or tables,
// naming the line, before parsing.

#include <optional>
#include <string>
#include <string_view>

namespace silkroute {

inline constexpr int kMaxTomlKeyParts = 32;
inline constexpr int kMaxTomlNesting = 32;

// "LINE: what is too deep", or nullopt when the text keeps to the limits. Strings and
// comments are skipped, so dots and brackets inside them do not count.
std::optional<std::string> toml_depth_problem(std::string_view text);

}  // namespace silkroute
