#pragma once
// A request target ("/route?from=X%C3%A1&to=Y") split into its decoded path and parameters,
// checked at the door: bad percent-encoding, invalid UTF-8, control characters, too many
// parameters or too long ones are refused with a message that names the part.

#include <stdexcept>
#include <string>
#include <string_view>

#include "server/api.hpp"

namespace silkroute::server {

struct QueryLimits {
  std::size_t max_params = 32;
  std::size_t max_value_bytes = 4096;  // each, decoded; the Api checks tighter limits per field
};

struct Target {
  std::string path;
  Params params;
};

// std::invalid_argument with a message for a 400 on anything malformed.
Target parse_target(std::string_view target, const QueryLimits& limits = {});

// Percent-decoding; '+' is a space when plus_is_space (in a query, as forms send it).
std::string percent_decode(std::string_view text, bool plus_is_space, const char* what);

}  // namespace silkroute::server
