#include "server/api.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <sstream>

#include "output/analysis_output.hpp"
#include "output/network_geojson.hpp"
#include "output/place_output.hpp"
#include "output/route_output.hpp"
#include "scenario/scenario_json.hpp"
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

// Whether text is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool valid_utf8(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra;
    std::uint32_t cp;
    if (c < 0x80) extra = 0, cp = c;
    else if ((c & 0xE0) == 0xC0) extra = 1, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) extra = 2, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) extra = 3, cp = c & 0x07;
    else return false;
    if (i + extra >= text.size()) return false;  // cut short
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto d = static_cast<unsigned char>(text[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    static constexpr std::uint32_t kMinOf[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMinOf[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

// A query parameter's text; one that is not UTF-8 is the client's error (400), found here
// before any message or answer repeats it.
std::string param(const Params& q, const std::string& key, const std::string& fallback = "") {
  auto it = q.find(key);
  if (it == q.end()) return fallback;
  if (!valid_utf8(it->second)) bad("parameter '" + key + "': not valid UTF-8");
  return it->second;
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
    // A place that does not match exactly is refused, never replaced by a near one.
    return Api::error(400, "InvalidPlace", e.what());
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

Api::Api(std::shared_ptr<const Engine> engine, Limits limits)
    : engine_(std::move(engine)), net_(engine_->network()), limits_(limits) {
  for (const auto& b : engine_->bundled_scenarios()) {
    engine_->scenario({b.name, "", ""});  // parsed once now: a broken bundled scenario fails at start
    scenario_names_.push_back(b.name);
  }
}

ApiResponse Api::error(int status, const std::string& code, const std::string& message) {
  return {status, ordered_json{{"code", code}, {"message", message}}};
}

ScenarioSpec Api::scenario(const std::string& name) const {
  if (name.empty() || std::find(scenario_names_.begin(), scenario_names_.end(), name) != scenario_names_.end())
    return {name, "", ""};
  std::string list;
  for (const auto& n : scenario_names_) list += (list.empty() ? "" : ", ") + n;
  throw ApiError{404, "NotFound", "unknown scenario '" + name + "'" + did_you_mean(name, scenario_names_) + "; scenarios: " + list};
}

ApiResponse Api::health() const {
  return {200, ordered_json{{"code", "Ok"},
                            {"status", "ok"},
                            {"network", net_.source_dir},
                            {"nodes", net_.nodes.size()},
                            {"links", net_.links.size()},
                            {"scenarios", scenario_names_.size()}}};
}

RouteRequest Api::route_request(const Params& q) const {
  RouteRequest r;
  r.from = param(q, "from");
  r.to = param(q, "to");
  r.coordinate_order = CoordinateOrder::lon_lat;  // from=lon,lat, as GeoJSON and OSRM write points
  if (r.from.empty() || r.to.empty()) bad("'from' and 'to' are required, e.g. /route?from=Chongqing&to=Duisburg");
  r.objective = param(q, "objective", r.objective);
  r.cargo = param(q, "cargo");
  r.alternatives = int_param(q, "alternatives", r.alternatives, 0, limits_.max_alternatives);
  r.scenario = scenario(param(q, "scenario"));
  if (!param(q, "year").empty()) r.year = int_param(q, "year", kLatestYear, kEarliestYear, kLastYear);
  if (const auto text = param(q, "carbon_price"); !text.empty()) {
    try {
      std::size_t used = 0;
      r.carbon_price_usd_per_t = std::stod(text, &used);
      if (used != text.size()) throw std::invalid_argument("trailing text");
    } catch (const std::exception&) {
      bad("parameter 'carbon_price': expected a number of USD per tonne CO2, got '" + text + "'");
    }
    if (!(*r.carbon_price_usd_per_t >= 0 && *r.carbon_price_usd_per_t <= 1e5))
      bad("parameter 'carbon_price': expected 0 to 100000 USD per tonne CO2, got '" + text + "'");
  }
  if (const auto text = param(q, "max_detour"); !text.empty()) {
    try {
      std::size_t used = 0;
      r.max_detour = std::stod(text, &used);
      if (used != text.size()) throw std::invalid_argument("trailing text");
    } catch (const std::exception&) {
      bad("parameter 'max_detour': expected a ratio such as 1.5, got '" + text + "'");
    }
  }
  r.avoid = split(param(q, "avoid"));
  return r;
}

ApiResponse Api::route(const Params& q) const {
  return guarded([&] {
    const auto result = engine_->route(route_request(q));
    const auto& answer = result.answer;
    auto body = output::route_json(result, output::Precision::exact);
    ordered_json out;
    out["code"] = answer.routes.empty() ? "NoRoute" : "Ok";
    if (answer.routes.empty()) out["message"] = answer.no_route_reason;
    // What was asked and what was taken, with how: a node, a gazetteer place or coordinates.
    auto waypoint = [&](const Place& p) {
      return ordered_json{{"name", p.name},
                          {"id", p.id.empty() ? ordered_json(nullptr) : ordered_json(p.id)},
                          {"location", {p.position.lon, p.position.lat}},
                          {"asked", p.asked},
                          {"kind", std::string(place_kind_name(p.kind))},
                          {"match", p.match},
                          {"exact", true}};
    };
    out["waypoints"] = {waypoint(result.from_place), waypoint(result.to_place)};
    out["routes"] = ordered_json::array();
    for (std::size_t i = 0; i < answer.routes.size(); ++i) {
      const auto& r = answer.routes[i];
      // OSRM's fields first: metres, seconds, one geometry for the whole route, from its legs.
      ordered_json route;
      route["distance"] = r.total.distance_km * 1000.0;
      route["duration"] = r.total.time_h * 3600.0;
      ordered_json coords = ordered_json::array();
      NodeIndex last = kNoNode;
      if (r.access) coords.push_back({result.from_place.position.lon, result.from_place.position.lat});
      for (const auto& leg : r.legs)
        for (auto n : leg.nodes) {
          if (n == last) continue;
          coords.push_back({net_.nodes[n].position.lon, net_.nodes[n].position.lat});
          last = n;
        }
      if (r.egress) coords.push_back({result.to_place.position.lon, result.to_place.position.lat});
      route["geometry"] = {{"type", "LineString"}, {"coordinates", std::move(coords)}};
      for (auto& [k, v] : body["routes"][i].items()) route[k] = std::move(v);
      out["routes"].push_back(std::move(route));
    }
    out["query"] = std::move(body["query"]);
    out["legs_geojson"] = output::route_geojson(result, output::Precision::exact);
    return ApiResponse{answer.routes.empty() ? 400 : 200, out};
  });
}

MatrixRequest Api::matrix_request(const json& body) const {
  if (!body.is_object()) bad("expected a JSON object with 'origins' and 'destinations'");
  MatrixRequest r;
  r.origins = json_strings(body, "origins");
  r.destinations = json_strings(body, "destinations");
  if (r.origins.empty() || r.destinations.empty()) bad("'origins' and 'destinations' must not be empty");
  if (r.origins.size() * r.destinations.size() > limits_.max_matrix_cells)
    throw ApiError{413, "TooBig", "matrix of " + std::to_string(r.origins.size()) + " x " +
                                      std::to_string(r.destinations.size()) + " cells; the limit is " +
                                      std::to_string(limits_.max_matrix_cells)};
  r.metric = json_string(body, "metric", r.metric);
  r.objective = json_string(body, "objective");
  r.cargo = json_string(body, "cargo");
  r.scenario = scenario(json_string(body, "scenario"));
  r.threads = 1;  // the server's pool serves requests in parallel already
  return r;
}

ApiResponse Api::matrix(const json& body) const {
  return guarded([&] {
    const auto m = engine_->matrix(matrix_request(body));
    ordered_json out;
    out["code"] = "Ok";
    out["metric"] = json_string(body, "metric", "time");
    auto rows = ordered_json::array();
    const auto n_dest = m.destinations.size();
    for (std::size_t i = 0; i < m.origins.size(); ++i) {
      auto row = ordered_json::array();
      for (std::size_t j = 0; j < n_dest; ++j) {
        const double v = m.values[i * n_dest + j];
        row.push_back(std::isnan(v) ? ordered_json(nullptr) : ordered_json(v));
      }
      rows.push_back(row);
    }
    out["values"] = rows;
    if (m.metric == MatrixMetric::time_h) {
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
    out["sources"] = refs(m.origins);
    out["destinations"] = refs(m.destinations);
    return ApiResponse{200, out};
  });
}

CompareRequest Api::compare_request(const json& body) const {
  if (!body.is_object()) bad("expected a JSON object with 'a', 'b' and optionally 'pairs'");
  CompareRequest r;
  r.a = scenario(json_string(body, "a", "today"));
  r.b = scenario(json_string(body, "b"));
  if (body.contains("pairs")) {
    if (!body["pairs"].is_array()) bad("'pairs': expected a list of [origin, destination] or [origin, destination, weight]");
    for (const auto& p : body["pairs"]) {
      if (!p.is_array() || p.size() < 2 || p.size() > 3 || !p[0].is_string() || !p[1].is_string() ||
          (p.size() == 3 && !p[2].is_number()))
        bad("'pairs': expected a list of [origin, destination] or [origin, destination, weight]");
      r.pairs.pairs.emplace_back(p[0].get<std::string>(), p[1].get<std::string>(), p.size() == 3 ? p[2].get<double>() : 1.0);
    }
    if (r.pairs.pairs.empty()) bad("no pairs: give 'pairs'");
    if (r.pairs.pairs.size() > limits_.max_compare_pairs)
      throw ApiError{413, "TooBig", std::to_string(r.pairs.pairs.size()) + " pairs; the limit is " +
                                        std::to_string(limits_.max_compare_pairs)};
  }
  if (body.contains("modes")) r.pairs.modes = json_strings(body, "modes");
  r.objective = json_string(body, "objective", r.objective);
  r.cargo = json_string(body, "cargo");
  r.threads = 1;
  return r;
}

ApiResponse Api::compare(const json& body) const {
  return guarded([&] {
    const auto c = engine_->compare(compare_request(body));
    auto out = output::comparison_json(net_, c);
    ordered_json wrapped{{"code", "Ok"}};
    for (auto& [k, v] : out.items()) wrapped[k] = std::move(v);
    return ApiResponse{200, wrapped};
  });
}

ApiResponse Api::scenarios() const {
  ordered_json list = ordered_json::array();
  for (const auto& name : scenario_names_) {
    const auto s = engine_->scenario({name, "", ""});
    // What it closes, by id, so the map can show it (the scenario's portable form).
    const auto portable = scenario_to_json(s);
    list.push_back({{"name", name},
                    {"description", s.description},
                    {"year", s.year == kLatestYear ? ordered_json(nullptr) : ordered_json(s.year)},
                    {"closed", portable["closed"]}});
  }
  return {200, ordered_json{{"code", "Ok"}, {"scenarios", list}}};
}
ApiResponse Api::network(const Params& q) const {
  return guarded([&] {
    double box[4] = {-180, -90, 180, 90};
    if (const auto text = param(q, "bbox"); !text.empty()) {
      const auto parts = split(text);
      if (parts.size() != 4) bad("'bbox': expected min_lon,min_lat,max_lon,max_lat");
      for (int i = 0; i < 4; ++i) {
        // Longitudes in -180..180, latitudes in -90..90; NaN and trailing text are refused.
        const double limit = i % 2 == 0 ? 180 : 90;
        try {
          std::size_t used = 0;
          box[i] = std::stod(parts[i], &used);
          if (used != parts[i].size()) throw std::invalid_argument("trailing text");
        } catch (const std::exception&) {
          bad("'bbox': expected four numbers, got '" + text + "'");
        }
        if (!(box[i] >= -limit && box[i] <= limit))
          bad("'bbox': expected min_lon,min_lat,max_lon,max_lat with longitudes in -180..180 and latitudes in -90..90, got '" +
              text + "'");
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
    const auto& access = engine_->resolver().access();
    const double circuity = access ? access->circuity_factor : 0;
    ordered_json list = ordered_json::array();
    for (const auto& p : engine_->search_places(text, static_cast<std::size_t>(limit), CoordinateOrder::lon_lat))
      list.push_back(output::place_json(net_, p, circuity));
    return ApiResponse{200, ordered_json{{"code", "Ok"}, {"places", list}}};
  });
}

ApiResponse Api::openapi() const { return {200, ordered_json::parse(openapi_document())}; }

}  // namespace silkroute::server
