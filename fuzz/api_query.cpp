// The HTTP API's query-string endpoints (/route, /network, /places), called directly: the
// input is "ENDPOINT?QUERY" (a bare query goes to /route), the target parsed by
// server::parse_target, the parser the server itself runs on every request target.

#include <stdexcept>

#include "api_support.hpp"
#include "server/query_string.hpp"

using namespace silkroute;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& api = fuzz::fuzz_api();
  // "route?from=...", "network?bbox=...", "places?q=..."; without a known path: /route.
  auto text = std::string(fuzz::as_text(data, size));
  std::string path = "route";
  if (const auto mark = text.find('?'); mark != std::string::npos && mark < 10) {
    path = text.substr(0, mark);
    text.erase(0, mark + 1);
  }
  if (path != "network" && path != "places") path = "route";
  server::Target target;
  try {
    target = server::parse_target("/" + path + "?" + text);
  } catch (const std::invalid_argument& e) {
    // The server's 400 before the Api sees the request: the message must name what is wrong.
    if (std::string_view(e.what()).empty()) fuzz::finding("parse_target refused a target without a message");
    return 0;
  }
  if (target.path != "/" + path) fuzz::finding("parse_target changed the path " + path + " to " + target.path);
  if (path == "network") fuzz::check_response(api.network(target.params), "/network");
  else if (path == "places") fuzz::check_response(api.places(target.params), "/places");
  else fuzz::check_response(api.route(target.params), "/route");
  return 0;
}
