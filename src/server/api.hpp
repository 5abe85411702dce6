#pragma once
// The HTTP API's logic, apart from sockets: each endpoint takes the request's parameters
// (query string or JSON body) and gives a status and a JSON body. Shapes follow OSRM where
// they fit ("code": "Ok", routes[].distance in m, duration in s, geometry as GeoJSON;
// table-like matrices), with silkroute's own fields (cost, CO2, borders, chokepoints) added.

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "network/place_finder.hpp"
#include "scenario/scenario.hpp"

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
  Api(const Network& net, Limits limits = {});

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

 private:
  const Scenario& scenario(const std::string& name) const;

  const Network& net_;
  PlaceFinder finder_;
  Limits limits_;
  std::map<std::string, Scenario> bundled_;  // loaded once at start
};

}  // namespace silkroute::server
