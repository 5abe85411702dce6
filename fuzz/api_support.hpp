#pragma once
// The HTTP API's logic without sockets, with small limits so that each input stays quick. A 500 answer is a finding:
// every bad request must get a 4xx with a message.


#include "fuzz_support.hpp"
#include "server/api.hpp"

namespace silkroute::fuzz {

// The small test network (fast to route under the sanitizers) with one bundled scenario,
// so that scenario names are exercised too.
inline const server::Api& fuzz_api() {
  static const server::Api api = [] {
    const auto dir = fresh_dir("api_network");
    std::filesystem::copy(source_dir() / "tests/data/mini", dir, std::filesystem::copy_options::recursive);
    std::filesystem::create_directories(dir / "scenarios");
    write_file(dir / "scenarios/red-sea-closure.toml", "year = 2020\n[closed]\nchokepoints = [\"suez\", \"babelmandeb\"]\n");
    server::Limits limits;
    limits.max_matrix_cells = 64;
    limits.max_compare_pairs = 16;
    return server::Api(Engine::open(dir.string()), limits);
  }();
  return api;
}

inline void check_response(const server::ApiResponse& r, const char* endpoint) {
  if (r.status >= 500) finding(std::string(endpoint) + " answered " + std::to_string(r.status) + ": " + r.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (r.status < 200 || r.status > 499) finding(std::string(endpoint) + ": status out of range");
  // The server sends the body as JSON text: it must serialize (valid UTF-8 throughout).
  try {
    (void)r.body.dump();
  } catch (const nlohmann::json::exception& e) {
    finding(std::string(endpoint) + ": the answer does not serialize: " + e.what());
  }
}

}  // namespace silkroute::fuzz
