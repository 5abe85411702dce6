#pragma once
// The HTTP API's logic, apart from sockets: each endpoint takes the request's parameters
// (query string or JSON body) and gives a status and a JSON body. Shapes follow OSRM where
// they fit ("code": "Ok", routes[].distance in m, duration in s, geometry as GeoJSON;
// table-like matrices), with silkroute's own fields (cost, CO2, borders, chokepoints) added.

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/engine.hpp"
#include "output/route_output.hpp"
#include "server/response_cache.hpp"

namespace silkroute::server {

// Every text a client sends (a query parameter, a string in a JSON body) is refused when
// longer, before any lookup: a huge unknown place name costs nothing to refuse.
inline constexpr std::size_t kMaxTextBytes = 256;
inline constexpr std::size_t kMaxListBytes = 2048;  // comma-separated lists: avoid, mode, bbox

struct Limits {
  std::size_t max_matrix_cells = 250000;  // origins x destinations per /matrix request
  std::size_t max_compare_pairs = 20000;
  int max_alternatives = 5;
  std::size_t max_network_features = 20000;
  std::size_t route_cache_bytes = 64u << 20;  // serialized /route answers kept; 0: none
  double cpu_budget_s = 5;  // of one thread, per /matrix request: beyond it, 503
};

// What a refused request needs besides its JSON body: its status (400, 413, 503...).
struct ApiError {
  int status;
  std::string code;
  std::string message;
};

struct ApiResponse {
  int status = 200;
  nlohmann::ordered_json body;
};

using Params = std::multimap<std::string, std::string>;

class Api {
 public:
  explicit Api(std::shared_ptr<const Engine> engine, Limits limits = {});

  ApiResponse health() const;
  ApiResponse route(const Params& query) const;  // route_text, parsed
  // The /route answer serialized once, straight from the route's legs; cached per request.
  CachedResponse route_text(const Params& query) const;
  // The cached answer, if this request was answered before (cheap: no routing).
  std::optional<CachedResponse> cached_route(const Params& query) const;
  const ResponseCache* route_cache() const { return route_cache_.get(); }
  ApiResponse matrix(const nlohmann::json& body) const;
  ApiResponse compare(const nlohmann::json& body) const;
  ApiResponse scenarios() const;
  ApiResponse network(const Params& query) const;
  ApiResponse places(const Params& query) const;
  // Freight flows of the bundled demand with capacities (silkroute assign) as GeoJSON, for the
  // map's flow layer: one assignment per scenario and year, kept for later requests.
  ApiResponse assign(const Params& query) const;
  ApiResponse openapi() const;

  // {"code": code, "message": message} with the status.
  static ApiResponse error(int status, const std::string& code, const std::string& message);

  // The typed requests the endpoints hand to the Engine, filled from the query or body.
  RouteRequest route_request(const Params& query) const;
  MatrixRequest matrix_request(const nlohmann::json& body) const;
  CompareRequest compare_request(const nlohmann::json& body) const;

 private:
  // Only the network's bundled scenarios, by name: a client never makes the server read a file.
  ScenarioSpec scenario(const std::string& name) const;

  std::shared_ptr<const Engine> engine_;
  const Network& net_;
  Limits limits_;
  std::vector<std::string> scenario_names_;
  std::shared_ptr<ResponseCache> route_cache_;
  // Assignments already made (a scenario's takes about 0.2 s of CPU): key "scenario|year".
  struct AssignCache {
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<const nlohmann::ordered_json>> answers;
  };
  std::shared_ptr<AssignCache> assign_cache_ = std::make_shared<AssignCache>();
  std::string route_key(const RouteRequest& r) const;
  CachedResponse route_answer(const RouteRequest& r) const;
};

}  // namespace silkroute::server
