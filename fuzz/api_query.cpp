// The HTTP API's query-string endpoints (/route, /network, /places), called directly: the
// input is "ENDPOINT?QUERY" (a bare query goes to /route), the query parsed by cpp-httplib
// as the server does.

#include "api_support.hpp"

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
  httplib::Params raw;
  httplib::detail::parse_query_text(text, raw);
  const server::Params query(raw.begin(), raw.end());
  if (path == "network") fuzz::check_response(api.network(query), "/network");
  else if (path == "places") fuzz::check_response(api.places(query), "/places");
  else fuzz::check_response(api.route(query), "/route");
  return 0;
}
