// The HTTP API's JSON endpoints (/matrix, /compare), called directly: the input is a request
// body; what does not parse as JSON is the server's 400 before the Api sees it.

#include "api_support.hpp"

using namespace silkroute;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& api = fuzz::fuzz_api();
  const auto body = nlohmann::json::parse(fuzz::as_text(data, size), nullptr, false);
  if (body.is_discarded()) return 0;
  fuzz::check_response(api.matrix(body), "/matrix");
  fuzz::check_response(api.compare(body), "/compare");
  return 0;
}
