#pragma once
// The HTTP API's logic, apart from sockets: each endpoint takes the request's parameters
// (query string or JSON body) and gives a status and a JSON body. Shapes follow OSRM where
// they fit ("code": "Ok", routes[].distance in m, duration in s, geometry as GeoJSON;
// table-like matrices), with silkroute's own fields (cost, CO2, borders, chokepoints) added.

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/engine.hpp"

namespace silkroute::server {

struct Limits {
  std::size_t max_matrix_cells = 250000;  // origins x destinations per /matrix request
  std::size_t max_compare_pairs = 20000;
  int max_alternatives = 5;
  std::size_t max_network_features = 20000;
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
  ApiResponse route(const Params& query) const;
  ApiResponse matrix(const nlohmann::json& body) const;
  ApiResponse compare(const nlohmann::json& body) const;
  ApiResponse scenarios() const;
  ApiResponse network(const Params& query) const;
  ApiResponse places(const Params& query) const;
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
};

}  // namespace silkroute::server
