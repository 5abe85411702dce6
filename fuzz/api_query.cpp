// The HTTP API's query-string endpoints (/route, /network, /places), called directly: the
// input is a query string as a client sends it, parsed by cpp-httplib as the server does.

#include "api_support.hpp"

using namespace silkroute;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& api = fuzz::fuzz_api();
  httplib::Params raw;
  httplib::detail::parse_query_text(std::string(fuzz::as_text(data, size)), raw);
  const server::Params query(raw.begin(), raw.end());
  fuzz::check_response(api.route(query), "/route");
  fuzz::check_response(api.network(query), "/network");
  fuzz::check_response(api.places(query), "/places");
  return 0;
}
