#include "server/api.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <ctime>

#include "assignment/freight_assignment.hpp"
#include "assignment/freight_compare.hpp"
#include "assignment/freight_output.hpp"
#include "assignment/freight_parameters.hpp"
#include "io/od_pairs_reader.hpp"
#include "output/analysis_output.hpp"
#include "output/json_writer.hpp"
#include "output/network_geojson.hpp"
#include "output/place_output.hpp"
#include "output/route_output.hpp"
#include "scenario/scenario_json.hpp"
#include "server/openapi.hpp"

namespace silkroute::server {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

[[noreturn]] void bad(const std::string& message) { throw ApiError{400, "InvalidQuery", message}; }

// Every text from a client passes here: bounded, valid UTF-8, no control characters.
const std::string& checked_text(const std::string& text, const std::string& what, std::size_t max_bytes) {
  if (text.size() > max_bytes)
    bad(what + ": " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(max_bytes));
  if (!output::is_valid_utf8(text)) bad(what + ": not valid UTF-8");
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7F) bad(what + ": control characters are not allowed");
  return text;
}

bool is_list_param(const std::string& key) { return key == "avoid" || key == "mode" || key == "bbox"; }

std::string param(const Params& q, const std::string& key, const std::string& fallback = "") {
  auto it = q.find(key);
  if (it == q.end()) return fallback;
  return checked_text(it->second, "parameter '" + key + "'", is_list_param(key) ? kMaxListBytes : kMaxTextBytes);
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
  return checked_text(body[key].get_ref<const std::string&>(), "'" + key + "'", kMaxTextBytes);
}

std::vector<std::string> json_strings(const json& body, const std::string& key) {
  if (!body.contains(key)) bad("missing '" + key + "': a list of places");
  const auto& v = body[key];
  if (!v.is_array()) bad("'" + key + "': expected a list of strings");
  std::vector<std::string> out;
  for (const auto& item : v) {
    if (!item.is_string()) bad("'" + key + "': expected a list of strings");
    out.push_back(checked_text(item.get_ref<const std::string&>(), "'" + key + "'[" + std::to_string(out.size()) + "]",
                               kMaxTextBytes));
  }
  return out;
}

}  // namespace

Api::Api(std::shared_ptr<const Engine> engine, Limits limits)
    : engine_(std::move(engine)),
      net_(engine_->network()),
      limits_(limits) {
  if (limits_.route_cache_bytes > 0) route_cache_ = std::make_shared<ResponseCache>(limits_.route_cache_bytes);
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
  if (!param(q, "month").empty()) r.month = int_param(q, "month", 0, 1, 12);
  r.rail_service = param(q, "rail_service");  // checked by the engine: express or intermodal
  r.road_crew = param(q, "road_crew");        // checked by the engine: single or team
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
  const auto text = route_text(q);
  return {text.status, ordered_json::parse(*text.body)};
}

namespace {

CachedResponse as_text(const ApiResponse& r) { return {r.status, std::make_shared<const std::string>(r.body.dump())}; }

}  // namespace

// Everything the answer depends on, each field ended by a NUL (which no checked text holds).
std::string Api::route_key(const RouteRequest& r) const {
  std::string key;
  for (const auto* text : {&r.from, &r.to, &r.objective, &r.cargo, &r.scenario.name}) key += *text + '\0';
  key += std::to_string(static_cast<int>(r.coordinate_order)) + '\0';
  output::append_json_number(key, r.max_detour);
  key += '\0';
  key += std::to_string(r.alternatives) + '\0';
  key += (r.year ? std::to_string(*r.year) : "") + '\0';
  key += (r.month ? std::to_string(*r.month) : "") + '\0';
  if (r.carbon_price_usd_per_t) output::append_json_number(key, *r.carbon_price_usd_per_t);
  key += '\0';
  for (const auto& a : r.avoid) key += a + ',';
  return key;
}

std::optional<CachedResponse> Api::cached_route(const Params& q) const {
  if (!route_cache_) return std::nullopt;
  try {
    return route_cache_->get(route_key(route_request(q)));
  } catch (...) {  // ApiError (a bad parameter) is not a std::exception; either way route_text says why
    return std::nullopt;
  }
}

CachedResponse Api::route_text(const Params& q) const {
  RouteRequest request;
  try {
    request = route_request(q);
  } catch (...) {
    return as_text(guarded([&]() -> ApiResponse { throw; }));  // rethrown inside guarded: one list of statuses
  }
  const auto key = route_cache_ ? route_key(request) : std::string();
  if (route_cache_)
    if (auto hit = route_cache_->get(key)) return *hit;
  auto answer = route_answer(request);
  if (route_cache_ && answer.status < 500) route_cache_->put(key, answer);
  return answer;
}

// Written once, in the order of the JSON tree it replaced: OSRM's fields first (metres,
// seconds, one geometry for the whole route from its legs), then silkroute's.
CachedResponse Api::route_answer(const RouteRequest& request) const {
  RouteResult result;
  try {
    result = engine_->route(request);
  } catch (...) {
    return as_text(guarded([&]() -> ApiResponse { throw; }));
  }
  const auto& answer = result.answer;
  auto text = std::make_shared<std::string>();
  text->reserve(8192 * (answer.routes.size() + 1));
  output::JsonWriter w(*text);
  w.begin_object();
  w.field("code", answer.routes.empty() ? "NoRoute" : "Ok");
  if (answer.routes.empty()) w.field("message", answer.no_route_reason);
  const auto point = [&w](const geo::LonLat& p) {
    w.begin_array();
    w.value(p.lon);
    w.value(p.lat);
    w.end_array();
  };
  // What was asked and what was taken, with how: a node, a gazetteer place or coordinates.
  const auto waypoint = [&](const Place& p) {
    w.begin_object();
    w.field("name", p.name);
    w.key("id");
    if (p.id.empty()) w.null();
    else w.value(p.id);
    w.key("location");
    point(p.position);
    w.field("asked", p.asked);
    w.field("kind", place_kind_name(p.kind));
    w.field("match", p.match);
    w.field("exact", true);
    w.end_object();
  };
  w.key("waypoints");
  w.begin_array();
  waypoint(result.from_place);
  waypoint(result.to_place);
  w.end_array();
  w.key("routes");
  w.begin_array();
  for (std::size_t i = 0; i < answer.routes.size(); ++i) {
    const auto& r = answer.routes[i];
    w.begin_object();
    // OSRM's fields first: metres, seconds, one geometry for the whole route, from its legs.
    w.field("distance", r.total.distance_km * 1000.0);
    w.field("duration", r.total.time_h * 3600.0);
    w.key("geometry");
    w.begin_object();
    w.field("type", "LineString");
    w.key("coordinates");
    w.begin_array();
    if (r.access) point(result.from_place.position);
    std::vector<geo::LonLat> points;  // every leg's links as drawn, shapes included, each joint once
    for (const auto& leg : r.legs) append_path_points(net_, leg.nodes, leg.links, points);
    for (const auto& p : points) point(p);
    if (r.egress) point(result.to_place.position);
    w.end_array();
    w.end_object();
    output::write_route_fields(w, result, i, output::Precision::exact);
    w.end_object();
  }
  w.end_array();
  w.key("query");
  output::write_route_query(w, result);
  w.key("legs_geojson");
  output::write_route_geojson(w, result, output::Precision::exact);
  w.end_object();
  return {answer.routes.empty() ? 400 : 200, std::move(text)};
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
    // The budget is thread CPU time: the matrix runs on this thread (threads = 1).
    const auto cpu_now = [] {
      timespec t{};
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
      return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
    };
    const double cpu_start = cpu_now();
    std::string budget_text;
    output::append_json_number(budget_text, limits_.cpu_budget_s);
    const auto m = engine_->matrix(matrix_request(body), [&](std::size_t done, std::size_t all) {
      if (done < all && cpu_now() - cpu_start > limits_.cpu_budget_s)
        throw ApiError{503, "TooExpensive",
                       "the matrix took more than " + budget_text + " s of CPU after " +
                           std::to_string(done) + " of " + std::to_string(all) + " origins; ask for fewer origins"};
    });
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
ApiResponse Api::assign(const Params& q) const {
  return guarded([&] {
    namespace as = silkroute::assignment;
    const auto name = param(q, "scenario", "today");
    const auto spec = scenario(name);  // bundled scenarios only, with "did you mean"
    std::optional<int> year;
    if (!param(q, "year").empty()) year = int_param(q, "year", kLatestYear, kEarliestYear, kLastYear);
    // compare=A: both assigned, B (scenario) against A, per element in both and the change.
    const auto compare = param(q, "compare");
    std::optional<ScenarioSpec> compare_spec;
    if (!compare.empty()) compare_spec = scenario(compare);
    const auto key = name + "|" + (year ? std::to_string(*year) : std::string()) + "|" + compare;
    std::shared_ptr<const ordered_json> answer;
    {
      std::lock_guard lock(assign_cache_->mutex);
      if (auto it = assign_cache_->answers.find(key); it != assign_cache_->answers.end()) answer = it->second;
    }
    if (!answer) {
      // Two first requests for one scenario may both assign; the answers are equal.
      const auto sc = engine_->scenario(spec);
      const auto demand = as::freight_demand(bundled_demand(net_), as::parse_cargo_shares(net_, "general"), nullptr);
      if (demand.empty()) throw ApiError{404, "NotFound", net_.source_dir + " has no demand.csv to assign"};
      as::FreightOptions options;
      if (year) options.year = *year;
      options.skip_unrouted = true;  // an early year's network may not reach every pair: reported, not refused
      ordered_json body;
      if (compare_spec) {
        const auto c = as::compare_freight_scenarios(net_, engine_->cache().topology(net_), engine_->scenario(*compare_spec),
                                                     sc, demand, as::read_freight_parameters(net_), options);
        body = as::freight_compare_geojson(net_, c);
        const auto runs = ordered_json::parse(as::freight_compare_json(c));
        body["code"] = "Ok";
        body["comparison"] = {{"a", runs["a"]}, {"b", runs["b"]}, {"lanes", runs["lanes"]}};
      } else {
        const auto r = as::assign_freight(net_, engine_->cache().topology(net_), sc, demand,
                                          as::read_freight_parameters(net_), options);
        body = as::freight_geojson(net_, r);
        // What the map's summary line says: the mode split of China-Europe and of all demand.
        auto modes = [](const std::array<double, as::kMainModeCount>& teu) {
          ordered_json m = ordered_json::object();
          for (int i = 0; i < as::kMainModeCount; ++i) m[std::string(enum_name(static_cast<MainMode>(i)))] = teu[i];
          return m;
        };
        ordered_json run{{"scenario", name},
                         {"capacity_year", r.year >= kLatestYear ? ordered_json(nullptr) : ordered_json(r.year)},
                         {"cargo", "general"},
                         {"iterations", r.iterations},
                         {"step_rule", std::string(enum_name(r.step_rule))},
                         {"converged", r.converged},
                         {"unserved_teu_per_year", r.unserved_teu_per_year()},
                         {"china_europe_teu_per_year", modes(r.mode_teu(as::china_europe_lanes()))},
                         {"all_lanes_teu_per_year", modes(r.mode_teu())}};
        body["code"] = "Ok";
        body["assignment"] = run;
      }
      auto made = std::make_shared<const ordered_json>(std::move(body));
      std::lock_guard lock(assign_cache_->mutex);
      // Scenarios x years bound the keys, but a client walking the years should not hold
      // hundreds of answers (about 1 MB each): past 16, the oldest key in order goes.
      if (assign_cache_->answers.size() >= 16 && !assign_cache_->answers.count(key))
        assign_cache_->answers.erase(assign_cache_->answers.begin());
      answer = assign_cache_->answers.emplace(key, made).first->second;
    }
    return ApiResponse{200, *answer};
  });
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
