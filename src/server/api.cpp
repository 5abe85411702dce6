#include "server/api.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "analysis/compare.hpp"
#include "analysis/matrix.hpp"
#include "output/analysis_output.hpp"
#include "output/network_geojson.hpp"
#include "output/route_output.hpp"
#include "routing/router.hpp"
#include "scenario/avoid.hpp"
#include "scenario/scenario_file.hpp"
#include "server/openapi.hpp"

namespace silkroute::server {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

// An error the client caused, with its HTTP status and OSRM-style code.
struct ApiError {
  int status;
  std::string code;
  std::string message;
};

[[noreturn]] void bad(const std::string& message) { throw ApiError{400, "InvalidQuery", message}; }

std::string param(const Params& q, const std::string& key, const std::string& fallback = "") {
  auto it = q.find(key);
  return it == q.end() ? fallback : it->second;
}

int int_param(const Params& q, const std::string& key, int fallback, int low, int high) {
  const auto text = param(q, key);
  if (text.empty()) return fallback;
  try {
    std::size_t used = 0;
    const int v = std::stoi(text, &used);
    if (used != text.size() || v < low || v > high) throw std::invalid_argument("range");
    return v;
  } catch (const std::exception&) {
    bad("parameter '" + key + "': expected an integer from " + std::to_string(low) + " to " + std::to_string(high) +
        ", got '" + text + "'");
  }
}

std::vector<std::string> split(const std::string& text, char sep = ',') {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(text);
  while (std::getline(in, cur, sep))
    if (!cur.empty()) out.push_back(cur);
  return out;
}

// Runs an endpoint, turning every failure into a JSON error with the right status.
template <typename F>
ApiResponse guarded(F&& f) {
  try {
    return f();
  } catch (const ApiError& e) {
    return Api::error(e.status, e.code, e.message);
  } catch (const PlaceNotFound& e) {
    return Api::error(404, "NotFound", e.what());
  } catch (const ScenarioError& e) {
    return Api::error(400, "InvalidScenario", e.what());
  } catch (const std::invalid_argument& e) {
    return Api::error(400, "InvalidQuery", e.what());
  } catch (const json::exception& e) {
    return Api::error(400, "InvalidQuery", std::string("bad JSON value: ") + e.what());
  } catch (const std::exception& e) {
    return Api::error(500, "InternalError", e.what());
  }
}

std::string json_string(const json& body, const std::string& key, const std::string& fallback = "") {
  if (!body.contains(key) || body[key].is_null()) return fallback;
  if (!body[key].is_string()) bad("'" + key + "': expected a string");
  return body[key].get<std::string>();
}

std::vector<std::string> json_strings(const json& body, const std::string& key) {
  if (!body.contains(key)) bad("missing '" + key + "': a list of places");
  const auto& v = body[key];
  if (!v.is_array()) bad("'" + key + "': expected a list of strings");
  std::vector<std::string> out;
  for (const auto& item : v) {
    if (!item.is_string()) bad("'" + key + "': expected a list of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace

Api::Api(const Network& net, Limits limits) : net_(net), finder_(net), limits_(limits) {
  for (const auto& b : bundled_scenarios(net)) bundled_.emplace(b.name, load_scenario(net, b.path.string()));
  if (!bundled_.count("today")) bundled_.emplace("today", Scenario{});
}

ApiResponse Api::error(int status, const std::string& code, const std::string& message) {
  return {status, ordered_json{{"code", code}, {"message", message}}};
}

const Scenario& Api::scenario(const std::string& name) const {
  if (name.empty()) return bundled_.at("today");
  auto it = bundled_.find(name);
  if (it != bundled_.end()) return it->second;
  std::vector<std::string> names;
  for (const auto& [k, v] : bundled_) names.push_back(k);
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  throw ApiError{404, "NotFound", "unknown scenario '" + name + "'" + did_you_mean(name, names) + "; scenarios: " + list};
}

ApiResponse Api::health() const {
  return {200, ordered_json{{"code", "Ok"},
                            {"status", "ok"},
                            {"network", net_.source_dir},
                            {"nodes", net_.nodes.size()},
                            {"links", net_.links.size()},
                            {"scenarios", bundled_.size()}}};
}

ApiResponse Api::route(const Params& q) const {
  return guarded([&] {
    const auto from_text = param(q, "from");
    const auto to_text = param(q, "to");
    if (from_text.empty() || to_text.empty()) bad("'from' and 'to' are required, e.g. /route?from=Chongqing&to=Duisburg");
    RouteQuery query;
    const auto from_match = finder_.find(from_text);
    const auto to_match = finder_.find(to_text);
    query.from = from_match.node;
    query.to = to_match.node;
    if (query.from == query.to) bad("origin and destination are the same place");
    const auto objective = parse_objective(param(q, "objective", "time"));
    if (!objective) bad("'objective': expected time, cost, co2 or generalized");
    query.objective = *objective;
    query.cargo = param(q, "cargo");
    query.alternatives = int_param(q, "alternatives", 2, 0, limits_.max_alternatives);
    Scenario s = scenario(param(q, "scenario"));
    if (const auto year = param(q, "year"); !year.empty()) s.year = int_param(q, "year", kLatestYear, 1800, 9999);
    const auto avoid = split(param(q, "avoid"));
    for (const auto& item : avoid) add_avoid_item(net_, finder_, item, s.closed);
    const auto& cargo = cargo_for(net_, query.cargo);
    const auto answer = find_routes(net_, s, query);
    const output::RouteContext ctx{net_, cargo, query.objective, s, query.from, query.to, avoid};
    const output::ExactNumbers exact;
    auto body = output::route_json(ctx, answer);
    const auto geo = output::route_geojson(ctx, answer);
    ordered_json out;
    out["code"] = answer.routes.empty() ? "NoRoute" : "Ok";
    if (answer.routes.empty()) out["message"] = answer.no_route_reason;
    // A place taken from a near miss says so: "exact": false with what was asked.
    auto waypoint = [&](const PlaceMatch& m, const std::string& asked) {
      return ordered_json{{"name", net_.nodes[m.node].name},
                          {"id", net_.nodes[m.node].id},
                          {"location", {net_.nodes[m.node].position.lon, net_.nodes[m.node].position.lat}},
                          {"asked", asked},
                          {"exact", m.exact}};
    };
    out["waypoints"] = {waypoint(from_match, from_text), waypoint(to_match, to_text)};
    out["routes"] = ordered_json::array();
    for (auto& r : body["routes"]) {
      // OSRM's fields first: metres, seconds, one geometry for the whole route.
      ordered_json route;
      route["distance"] = r["total"]["distance_km"].get<double>() * 1000.0;
      route["duration"] = r["total"]["time_h"].get<double>() * 3600.0;
      ordered_json coords = ordered_json::array();
      for (const auto& f : geo["features"]) {
        if (f["properties"]["route"] != r["rank"]) continue;
        for (const auto& c : f["geometry"]["coordinates"])
          if (coords.empty() || coords.back() != c) coords.push_back(c);
      }
      route["geometry"] = {{"type", "LineString"}, {"coordinates", coords}};
      for (auto& [k, v] : r.items()) route[k] = v;
      out["routes"].push_back(route);
    }
    out["query"] = body["query"];
    out["legs_geojson"] = geo;
    return ApiResponse{answer.routes.empty() ? 400 : 200, out};
  });
}

ApiResponse Api::matrix(const json& body) const {
  return guarded([&] {
    if (!body.is_object()) bad("expected a JSON object with 'origins' and 'destinations'");
    const auto origins = json_strings(body, "origins");
    const auto destinations = json_strings(body, "destinations");
    if (origins.empty() || destinations.empty()) bad("'origins' and 'destinations' must not be empty");
    if (origins.size() * destinations.size() > limits_.max_matrix_cells)
      throw ApiError{413, "TooBig", "matrix of " + std::to_string(origins.size()) + " x " +
                                        std::to_string(destinations.size()) + " cells; the limit is " +
                                        std::to_string(limits_.max_matrix_cells)};
    const auto metric_text = json_string(body, "metric", "time");
    const auto metric = parse_matrix_metric(metric_text);
    if (!metric) bad("'metric': expected time, cost, co2, distance or generalized");
    const auto objective_text = json_string(body, "objective", metric_text == "distance" ? "time" : metric_text);
    const auto objective = parse_objective(objective_text);
    if (!objective) bad("'objective': expected time, cost, co2 or generalized");
    std::vector<NodeIndex> o, d;
    for (const auto& p : origins) o.push_back(finder_.find(p).node);
    for (const auto& p : destinations) d.push_back(finder_.find(p).node);
    const auto& s = scenario(json_string(body, "scenario"));
    const auto values = route_matrix(net_, s, o, d, *metric, {json_string(body, "cargo"), *objective, 1});
    ordered_json out;
    out["code"] = "Ok";
    out["metric"] = metric_text;
    auto rows = ordered_json::array();
    for (std::size_t i = 0; i < o.size(); ++i) {
      auto row = ordered_json::array();
      for (std::size_t j = 0; j < d.size(); ++j) {
        const double v = values[i * d.size() + j];
        row.push_back(std::isnan(v) ? ordered_json(nullptr) : ordered_json(v));
      }
      rows.push_back(row);
    }
    out["values"] = rows;
    if (*metric == MatrixMetric::time_h) {
      auto durations = rows;  // OSRM's name and unit: seconds
      for (auto& row : durations)
        for (auto& v : row)
          if (!v.is_null()) v = v.get<double>() * 3600.0;
      out["durations"] = durations;
    }
    auto refs = [&](const std::vector<NodeIndex>& nodes) {
      auto a = ordered_json::array();
      for (auto n : nodes)
        a.push_back({{"name", net_.nodes[n].name},
                     {"id", net_.nodes[n].id},
                     {"location", {net_.nodes[n].position.lon, net_.nodes[n].position.lat}}});
      return a;
    };
    out["sources"] = refs(o);
    out["destinations"] = refs(d);
    return ApiResponse{200, out};
  });
}

ApiResponse Api::compare(const json& body) const {
  return guarded([&] {
    if (!body.is_object()) bad("expected a JSON object with 'a', 'b' and optionally 'pairs'");
    const auto& a = scenario(json_string(body, "a", "today"));
    const auto& b = scenario(json_string(body, "b"));
    std::vector<OdPair> pairs;
    if (body.contains("pairs")) {
      if (!body["pairs"].is_array()) bad("'pairs': expected a list of [origin, destination] or [origin, destination, weight]");
      for (const auto& p : body["pairs"]) {
        if (!p.is_array() || p.size() < 2 || p.size() > 3 || !p[0].is_string() || !p[1].is_string())
          bad("'pairs': expected a list of [origin, destination] or [origin, destination, weight]");
        const double w = p.size() == 3 ? p[2].get<double>() : 1.0;
        pairs.push_back(OdPair{finder_.find(p[0].get<std::string>()).node, finder_.find(p[1].get<std::string>()).node, w, "", {}});
      }
    } else {
      pairs = bundled_demand(net_);
    }
    if (pairs.empty()) bad("no pairs: give 'pairs'");
    if (pairs.size() > limits_.max_compare_pairs)
      throw ApiError{413, "TooBig", std::to_string(pairs.size()) + " pairs; the limit is " +
                                        std::to_string(limits_.max_compare_pairs)};
    if (body.contains("modes")) {
      std::set<Mode> only;
      for (const auto& m : json_strings(body, "modes")) {
        auto mode = parse_mode(m);
        if (!mode) bad("'modes': unknown mode '" + m + "'");
        only.insert(*mode);
      }
      for (auto& p : pairs) p.modes = only;
    }
    const auto objective = parse_objective(json_string(body, "objective", "generalized"));
    if (!objective) bad("'objective': expected time, cost, co2 or generalized");
    const auto c = compare_scenarios(net_, a, b, pairs, {json_string(body, "cargo"), *objective, 1});
    auto out = output::comparison_json(net_, c);
    ordered_json wrapped{{"code", "Ok"}};
    for (auto& [k, v] : out.items()) wrapped[k] = v;
    return ApiResponse{200, wrapped};
  });
}

ApiResponse Api::scenarios() const {
  ordered_json list = ordered_json::array();
  for (const auto& [name, s] : bundled_)
    list.push_back({{"name", name}, {"description", s.description}, {"year", s.year == kLatestYear ? ordered_json(nullptr) : ordered_json(s.year)}});
  return {200, ordered_json{{"code", "Ok"}, {"scenarios", list}}};
}

ApiResponse Api::network(const Params& q) const {
  return guarded([&] {
    double box[4] = {-180, -90, 180, 90};
    if (const auto text = param(q, "bbox"); !text.empty()) {
      const auto parts = split(text);
      if (parts.size() != 4) bad("'bbox': expected min_lon,min_lat,max_lon,max_lat");
      for (int i = 0; i < 4; ++i) {
        try {
          box[i] = std::stod(parts[i]);
        } catch (const std::exception&) {
          bad("'bbox': expected four numbers, got '" + text + "'");
        }
      }
      if (box[0] > box[2] || box[1] > box[3]) bad("'bbox': min must not exceed max");
    }
    std::set<Mode> modes;
    for (const auto& m : split(param(q, "mode"))) {
      auto mode = parse_mode(m);
      if (!mode) bad("'mode': unknown mode '" + m + "'; modes are " + mode_names());
      modes.insert(*mode);
    }
    output::NetworkFilter filter;
    filter.bbox = {box[0], box[1], box[2], box[3]};
    filter.modes = modes;
    filter.year = int_param(q, "year", kLatestYear, 1800, 9999);
    auto features = output::links_geojson(net_, filter)["features"];
    auto nodes = output::nodes_geojson(net_, filter);  // kept alive while its features move
    for (auto& f : nodes["features"]) features.push_back(std::move(f));
    if (features.size() > limits_.max_network_features)
      throw ApiError{413, "TooBig", "more than " + std::to_string(limits_.max_network_features) +
                                        " features; narrow the bbox or the modes"};
    return ApiResponse{200, ordered_json{{"type", "FeatureCollection"}, {"features", features}}};
  });
}

ApiResponse Api::places(const Params& q) const {
  return guarded([&] {
    const auto text = param(q, "q");
    if (text.empty()) bad("'q' is required, e.g. /places?q=duis");
    const int limit = int_param(q, "limit", 10, 1, 50);
    ordered_json list = ordered_json::array();
    for (auto n : finder_.suggestions(text, 4 * static_cast<std::size_t>(limit))) {
      const auto& node = net_.nodes[n];
      if (node.kind == NodeKind::waypoint) continue;
      if (static_cast<int>(list.size()) >= limit) break;
      list.push_back({{"id", node.id},
                      {"name", node.name},
                      {"country", node.country},
                      {"kind", std::string(node_kind_name(node.kind))},
                      {"location", {node.position.lon, node.position.lat}}});
    }
    return ApiResponse{200, ordered_json{{"code", "Ok"}, {"places", list}}};
  });
}

ApiResponse Api::openapi() const { return {200, ordered_json::parse(openapi_document())}; }

}  // namespace silkroute::server
