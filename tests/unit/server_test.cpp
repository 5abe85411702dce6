// The HTTP API: good and bad requests give the documented shapes and statuses, the
// OpenAPI document lists what the server does, and the server answers in parallel.
#include <gtest/gtest.h>

#include "test_support.hpp"
#include <httplib.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>
#include <thread>

#include "io/dataset_reader.hpp"
#include "output/json_writer.hpp"
#include "output/route_output.hpp"
#include "scenario/scenario_file.hpp"
#include "server/api.hpp"
#include "server/http_server.hpp"

using namespace silkroute;
using nlohmann::json;

namespace {

using test::bri;

const server::Api& api() {
  static const server::Api a(test::bri_engine_ptr());
  return a;
}

server::Params q(std::initializer_list<std::pair<const std::string, std::string>> items) { return server::Params(items); }

}  // namespace

TEST(Api, RouteHasOsrmShapeAndSilkrouteFields) {
  const auto r = api().route(q({{"from", "Chongqing"}, {"to", "Duisburg"}, {"alternatives", "1"}}));
  ASSERT_EQ(r.status, 200) << r.body.dump();
  EXPECT_EQ(r.body["code"], "Ok");
  const auto& best = r.body["routes"][0];
  // About 10,100-10,300 km by Altynkol, whichever way the last miles go (metres).
  EXPECT_NEAR(best["distance"].get<double>(), 10200000, 150000);
  // Door to door: the published 14-16 days terminal to terminal plus loading, assembly and unloading.
  EXPECT_GT(best["duration"].get<double>() / 86400, 14.0);  // seconds
  EXPECT_LT(best["duration"].get<double>() / 86400, 20.0);
  EXPECT_EQ(best["geometry"]["type"], "LineString");
  EXPECT_GT(best["geometry"]["coordinates"].size(), 5u);
  // By rail through Altynkol (the last miles may go by truck, from Berlin or after a Baltic
  // ferry: under the time model these tie the train to Duisburg within a few hours).
  const auto label = best["label"].get<std::string>();
  EXPECT_EQ(label.rfind("rail", 0), 0u) << label;
  EXPECT_NE(label.find("Altynkol"), std::string::npos) << label;
  EXPECT_FALSE(best["crossings"].empty());
  EXPECT_EQ(r.body["waypoints"][1]["id"], "duisburg");
  EXPECT_EQ(r.body["waypoints"][1]["exact"], true);
  // A near miss is refused with a suggestion, never taken silently.
  const auto near_miss = api().route(q({{"from", "Chongqin"}, {"to", "Duisburg"}, {"alternatives", "0"}}));
  EXPECT_EQ(near_miss.status, 400);
  EXPECT_EQ(near_miss.body["code"], "InvalidPlace");
  EXPECT_NE(near_miss.body["message"].get<std::string>().find("did you mean Chongqing"), std::string::npos)
      << near_miss.body.dump();
  // The default number of alternatives is the request's, as on the command line.
  const auto defaults = api().route(q({{"from", "Chongqing"}, {"to", "Duisburg"}}));
  EXPECT_EQ(defaults.body["routes"].size(), 1u + kDefaultAlternatives);
}

TEST(Api, RedSeaScenarioChangesASeaRoute) {
  const auto today = api().route(q({{"from", "Shanghai"}, {"to", "Rotterdam"}, {"avoid", "rail,road"}, {"alternatives", "0"}}));
  const auto closed = api().route(
      q({{"from", "Shanghai"}, {"to", "Rotterdam"}, {"avoid", "rail,road"}, {"alternatives", "0"}, {"scenario", "red-sea-closure"}}));
  ASSERT_EQ(closed.status, 200);
  const double extra_days = (closed.body["routes"][0]["duration"].get<double>() - today.body["routes"][0]["duration"].get<double>()) / 86400;
  EXPECT_GE(extra_days, 8);
  EXPECT_LE(extra_days, 14);
  EXPECT_NE(closed.body["routes"][0]["label"].get<std::string>().find("the Cape of Good Hope"), std::string::npos);
}

TEST(Api, BadRequestsGetClearErrors) {
  auto check = [](const server::ApiResponse& r, int status, const std::string& code, const std::string& text) {
    EXPECT_EQ(r.status, status) << r.body.dump();
    EXPECT_EQ(r.body["code"], code) << r.body.dump();
    EXPECT_NE(r.body["message"].get<std::string>().find(text), std::string::npos) << r.body.dump();
  };
  check(api().route(q({{"from", "Chongqing"}})), 400, "InvalidQuery", "'from' and 'to' are required");
  // A name no place has (Atlantis itself is a UN/LOCODE road location near Cape Town, ZAATL).
  check(api().route(q({{"from", "Chongqing"}, {"to", "Atlantisia"}})), 400, "InvalidPlace", "unknown place 'Atlantisia'");
  check(api().matrix(json{{"origins", {"Xian"}}, {"destinations", {"Duisbrug"}}}), 400, "InvalidPlace",
        "destinations: unknown place 'Duisbrug'; did you mean Duisburg");
  check(api().compare(json{{"b", "red-sea-closure"}, {"pairs", json::array({json::array({"Nanjin", "Duisburg"})})}}), 400,
        "InvalidPlace", "Nanjin");
  // Nanjing and Nanning are both places; each is taken as itself.
  const auto nanjing = api().route(q({{"from", "Nanjing"}, {"to", "Nanning"}, {"alternatives", "0"}}));
  EXPECT_EQ(nanjing.body["waypoints"][0]["id"], "nanjing") << nanjing.body.dump();
  EXPECT_EQ(nanjing.body["waypoints"][1]["id"], "nanning");
  check(api().route(q({{"from", "xian"}, {"to", "duisburg"}, {"year", "1990"}})), 400, "InvalidQuery", "year");
  check(api().route(q({{"from", "xian"}, {"to", "duisburg"}, {"carbon_price", "abc"}})), 400, "InvalidQuery", "carbon_price");
  check(api().route(q({{"from", "xian"}, {"to", "duisburg"}, {"scenario", "../../etc/passwd.toml"}})), 404, "NotFound",
        "unknown scenario");
  check(api().route(q({{"from", "xian"}, {"to", "duisburg"}, {"alternatives", "99"}})), 400, "InvalidQuery", "alternatives");
  check(api().route(q({{"from", "xian"}, {"to", "duisburg"}, {"scenario", "red-sea"}})), 404, "NotFound",
        "did you mean 'red-sea-closure'");
  check(api().route(q({{"from", "xian"}, {"to", "duisburg"}, {"avoid", "sea,rail,road"}})), 400, "NoRoute", "avoided");
  check(api().matrix(json{{"origins", {"xian"}}}), 400, "InvalidQuery", "destinations");
  check(api().matrix(json{{"origins", json::array({1, 2})}, {"destinations", {"xian"}}}), 400, "InvalidQuery", "list of strings");
  check(api().compare(json{{"b", "today"}, {"pairs", {{"xian"}}}}), 400, "InvalidQuery", "pairs");
  check(api().network(q({{"bbox", "1,2,3"}})), 400, "InvalidQuery", "bbox");
  check(api().places(q({})), 400, "InvalidQuery", "'q' is required");
  const server::Api small(test::bri_engine_ptr(), server::Limits{.max_matrix_cells = 4});
  check(small.matrix(json{{"origins", {"xian", "chongqing", "wuhan"}}, {"destinations", {"duisburg", "lodz"}}}), 413, "TooBig",
        "limit is 4");
}

TEST(Api, MatrixNetworkPlacesScenarios) {
  const auto m = api().matrix(json{{"origins", {"xian", "kunming"}}, {"destinations", {"duisburg", "vientiane"}}});
  ASSERT_EQ(m.status, 200) << m.body.dump();
  EXPECT_EQ(m.body["values"].size(), 2u);
  EXPECT_NEAR(m.body["durations"][0][0].get<double>(), m.body["values"][0][0].get<double>() * 3600, 1e-6);
  const auto rail = api().network(q({{"mode", "rail"}, {"bbox", "100,15,110,30"}}));
  ASSERT_EQ(rail.status, 200);
  int links = 0;
  for (const auto& f : rail.body["features"]) {
    if (f["properties"]["kind"] != "link") continue;
    ++links;
    EXPECT_EQ(f["properties"]["mode"], "rail");
    EXPECT_TRUE(f["properties"]["gauge_mm"].is_number());
  }
  EXPECT_GT(links, 3);
  int place_points = 0;
  for (const auto& f : rail.body["features"]) place_points += f["properties"]["kind"] == "node";
  EXPECT_GT(place_points, 3);  // Kunming, Vientiane, Boten ...
  const auto in2013 = api().network(q({{"mode", "rail"}, {"bbox", "100,15,110,30"}, {"year", "2013"}}));
  EXPECT_LT(in2013.body["features"].size(), rail.body["features"].size());  // no China-Laos railway
  const auto places = api().places(q({{"q", "duis"}}));
  EXPECT_EQ(places.body["places"][0]["id"], "duisburg");
  const auto scenarios = api().scenarios();
  EXPECT_EQ(scenarios.body["scenarios"].size(), bundled_scenarios(test::bri()).size());
  EXPECT_GE(scenarios.body["scenarios"].size(), 7u);
  // Each says what it closes, so the map can draw it.
  bool red_sea_closes_suez = false;
  for (const auto& sc : scenarios.body["scenarios"])
    if (sc["name"] == "red-sea-closure")
      for (const auto& c : sc["closed"]["chokepoints"]) red_sea_closes_suez = red_sea_closes_suez || c == "suez";
  EXPECT_TRUE(red_sea_closes_suez) << scenarios.body.dump();
}

// The map's network layer draws a line that has stopped (closed_year) only for the years it ran:
// Tallink's Riga-Stockholm, 2006 to 2020.
TEST(Api, NetworkHasAStoppedLineOnlyInTheYearsItRan) {
  const auto ferry = [](const std::string& year) {
    server::Params p{{"mode", "ferry"}};
    if (!year.empty()) p.emplace("year", year);
    const auto answer = api().network(p);
    EXPECT_EQ(answer.status, 200);
    std::map<std::string, nlohmann::ordered_json> links;
    for (const auto& f : answer.body["features"])
      if (f["properties"]["kind"] == "link") links[f["properties"]["id"]] = f["properties"];
    return links;
  };
  const auto in_2020 = ferry("2020");
  ASSERT_TRUE(in_2020.count("f_riga_stockholm"));
  EXPECT_EQ(in_2020.at("f_riga_stockholm")["closed_year"], 2021);
  EXPECT_EQ(in_2020.at("f_riga_stockholm")["opened_year"], 2006);
  EXPECT_FALSE(ferry("2021").count("f_riga_stockholm"));
  EXPECT_FALSE(ferry("2005").count("f_riga_stockholm"));
  EXPECT_FALSE(ferry("").count("f_riga_stockholm"));  // today
  EXPECT_TRUE(ferry("").count("f_genoa_tunis"));       // a line that runs has no closed_year
  EXPECT_TRUE(ferry("").at("f_genoa_tunis")["closed_year"].is_null());
}

// The map's freight layer: the bundled demand assigned with capacities, as GeoJSON features
// with flow, capacity, utilization and wait; today's bottleneck at Malaszewicze, the Caspian
// ferries filling when Russia is avoided.
TEST(Api, AssignGivesTheFreightLayer) {
  auto find = [](const json& body, const std::string& id) {
    for (const auto& f : body["features"])
      if (f["properties"]["id"] == id) return f;
    return json();
  };
  const auto today = api().assign(q({}));
  ASSERT_EQ(today.status, 200) << today.body.dump().substr(0, 300);
  EXPECT_EQ(today.body["type"], "FeatureCollection");
  EXPECT_EQ(today.body["assignment"]["scenario"], "today");
  EXPECT_TRUE(today.body["assignment"]["converged"]);
  const double rail = today.body["assignment"]["china_europe_teu_per_year"]["rail"].get<double>();
  EXPECT_GT(rail, 1.5e6);  // calibrated to the published 1.9 million TEU of 2023
  EXPECT_LT(rail, 2.3e6);
  const auto mala = find(today.body, "malaszewicze:rail:1520-rail:1435");
  ASSERT_FALSE(mala.is_null());
  EXPECT_EQ(mala["geometry"]["type"], "Point");
  EXPECT_GT(mala["properties"]["utilization"].get<double>(), 0.75);
  // Hours of waiting at the yard near its capacity (about 3.3 h since the EU's 1520 mm rail
  // borders dwell 6 h and take some trains and the time model was refitted: BriFreight.CalibratedModeScale...;
  // about 3.0 h since session 19, when Liepāja's railway to Riga opened its ferry to Travemünde to some trains).
  EXPECT_GT(mala["properties"]["delay_h"].get<double>(), 2.5);
  int lines = 0;
  for (const auto& f : today.body["features"]) {
    const auto& p = f["properties"];
    EXPECT_GE(p["flow_teu_per_year"].get<double>(), 0);
    // A capacity and a utilization come together, or neither (null: none in the data).
    EXPECT_EQ(p["capacity_teu_per_year"].is_null(), p["utilization"].is_null()) << p.dump();
    lines += f["geometry"]["type"] == "LineString";
  }
  EXPECT_GT(lines, 50);
  const auto avoid = api().assign(q({{"scenario", "avoid-russia"}, {"year", "2023"}}));
  ASSERT_EQ(avoid.status, 200);
  EXPECT_EQ(avoid.body["assignment"]["capacity_year"], 2023);
  const auto ferries = find(avoid.body, "f_kuryk_baku");
  ASSERT_FALSE(ferries.is_null());
  EXPECT_GT(ferries["properties"]["utilization"].get<double>(), 0.5);
  EXPECT_GT(ferries["properties"]["delay_h"].get<double>(), 24);  // days of waiting, as reported
  EXPECT_EQ(find(avoid.body, "malaszewicze:rail:1520-rail:1435")["properties"]["flow_teu_per_year"].get<double>(), 0);
  // Asked again, the same answer (kept, not assigned anew).
  EXPECT_EQ(api().assign(q({{"scenario", "avoid-russia"}, {"year", "2023"}})).body, avoid.body);
  // Bad input: an unknown scenario with a suggestion, a year out of range; never a file path.
  const auto unknown = api().assign(q({{"scenario", "avoid-rusia"}}));
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.body["message"].get<std::string>().find("did you mean 'avoid-russia'"), std::string::npos)
      << unknown.body.dump();
  EXPECT_EQ(api().assign(q({{"year", "1500"}})).status, 400);
  EXPECT_EQ(api().assign(q({{"scenario", "/etc/passwd"}})).status, 404);
}

// compare=A: the scenario against A, element by element, each side equal to its own layer.
TEST(Api, AssignComparesTwoScenarios) {
  const auto avoid = api().assign(q({{"scenario", "avoid-russia"}, {"year", "2023"}}));
  const auto today = api().assign(q({{"year", "2023"}}));
  const auto c = api().assign(q({{"scenario", "avoid-russia"}, {"year", "2023"}, {"compare", "today"}}));
  ASSERT_EQ(c.status, 200) << c.body.dump().substr(0, 300);
  EXPECT_EQ(c.body["comparison"]["a"]["scenario"], "today");
  EXPECT_EQ(c.body["comparison"]["b"]["scenario"], "avoid-russia");
  auto flows = [](const json& body, const std::string& suffix) {
    std::map<std::string, double> m;
    for (const auto& f : body["features"]) {
      const auto& p = f["properties"];
      m[p["element"].get<std::string>() + "|" + p["id"].get<std::string>()] = p["flow_teu_per_year" + suffix].get<double>();
    }
    return m;
  };
  const auto a = flows(today.body, ""), b = flows(avoid.body, "");
  const auto ca = flows(c.body, "_a"), cb = flows(c.body, "_b");
  for (const auto& [key, v] : ca) {
    EXPECT_EQ(v, a.count(key) ? a.at(key) : 0.0) << key;
    EXPECT_EQ(cb.at(key), b.count(key) ? b.at(key) : 0.0) << key;
  }
  // First the element whose use changes most (a Russian-route gauge change emptied, or the
  // Caspian filled): by more than half its capacity.
  const auto& first = c.body["features"][0]["properties"];
  ASSERT_FALSE(first["utilization_change"].is_null()) << first.dump();
  EXPECT_GT(std::abs(first["utilization_change"].get<double>()), 0.5) << first.dump();
  EXPECT_EQ(api().assign(q({{"compare", "avoid-rusia"}})).status, 404);
}

TEST(HttpServer, ServesInParallelAndMatchesItsOpenApi) {
  server::ServerOptions options;
  options.port = 0;
  options.max_body_bytes = 4096;
  std::ostringstream log;
  server::HttpServer http(test::bri_engine_ptr(), options, log);
  const int port = http.bind();
  std::thread serving([&] { http.serve(); });

  httplib::Client client("127.0.0.1", port);
  // GET /assign runs the whole freight assignment (about 1-2 s alone, 5-6 s on a loaded
  // machine, more under the sanitizers): the client's default 5 s read timeout is not a bound
  // on the server, only on the test's patience.
  client.set_read_timeout(120, 0);
  // Every path in the OpenAPI document answers, with a status it documents.
  auto doc = client.Get("/openapi.json");
  ASSERT_TRUE(doc);
  ASSERT_EQ(doc->status, 200);
  const auto spec = json::parse(doc->body);
  const std::map<std::string, std::string> sample_query = {
      {"/route", "?from=Xian&to=Duisburg"}, {"/places", "?q=lodz"}, {"/network", "?mode=ferry"}};
  for (const auto& [path, item] : spec["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      httplib::Result res = method == "get"
                                ? client.Get((path + (sample_query.count(path) ? sample_query.at(path) : "")).c_str())
                                : client.Post(path.c_str(), path == "/matrix" ? R"({"origins":["xian"],"destinations":["lodz"]})"
                                                                              : R"({"b":"red-sea-closure","pairs":[["xian","lodz"]]})",
                                              "application/json");
      ASSERT_TRUE(res) << path;
      EXPECT_TRUE(op["responses"].contains(std::to_string(res->status))) << method << " " << path << " -> " << res->status;
      EXPECT_EQ(res->get_header_value("Content-Type"), "application/json") << path;
    }
  }
  // Malformed and oversized requests: JSON errors, and the server keeps answering.
  auto bad_json = client.Post("/matrix", "{not json", "application/json");
  EXPECT_EQ(bad_json->status, 400);
  auto huge = client.Post("/matrix", std::string(10000, 'x'), "application/json");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
  EXPECT_EQ(client.Get("/matrix")->status, 405);
  EXPECT_EQ(client.Get("/nope")->status, 404);
  EXPECT_EQ(json::parse(client.Get("/nope")->body)["code"], "NotFound");
  // CORS is off unless asked.
  EXPECT_FALSE(client.Get("/health")->has_header("Access-Control-Allow-Origin"));

  // Parallel clients get the same, correct answer: the engine's.
  RouteRequest expected_request;
  expected_request.from = "Chongqing";
  expected_request.to = "Duisburg";
  expected_request.alternatives = 0;
  const auto expected_label = test::bri_engine().route(expected_request).answer.routes.at(0).label;
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i)
    clients.emplace_back([&] {
      httplib::Client c("127.0.0.1", port);
      for (int k = 0; k < 5; ++k) {
        auto r = c.Get("/route?from=Chongqing&to=Duisburg&alternatives=0");
        if (r && r->status == 200 && json::parse(r->body)["routes"][0]["label"] == expected_label) ++ok;
      }
    });
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok.load(), 40);
  // A second server on the same port is refused, not silently sharing it.
  server::ServerOptions same = options;
  same.port = port;
  std::ostringstream log2;
  server::HttpServer second(test::bri_engine_ptr(), same, log2);
  EXPECT_THROW(second.bind(), std::runtime_error);
  http.stop();
  serving.join();
  // One log line per request.
  const auto text = log.str();
  EXPECT_GE(std::count(text.begin(), text.end(), '\n'), 40);
  EXPECT_NE(text.find("GET /health 200"), std::string::npos);
}

TEST(HttpServer, ServesThePageUncompressedAndNothingOutsideIt) {
  const auto dir = std::filesystem::temp_directory_path() / ("silkroute_web_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "assets");
  const std::string script(300000, 'x');  // compressible: the library would Brotli it
  std::ofstream(dir / "index.html") << "<html>page</html>";
  std::ofstream(dir / "assets" / "app.js") << script;
  std::ofstream(dir.parent_path() / "secret.txt") << "secret";
  server::ServerOptions options;
  options.port = 0;
  options.static_dir = dir.string();
  std::ostringstream log;
  server::HttpServer http(test::bri_engine_ptr(), options, log);
  const int port = http.bind();
  std::thread serving([&] { http.serve(); });
  httplib::Client client("127.0.0.1", port);
  const auto page = client.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->body, "<html>page</html>");
  const auto js = client.Get("/assets/app.js", {{"Accept-Encoding", "br, gzip"}});
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->body, script);
  EXPECT_FALSE(js->has_header("Content-Encoding"));
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(client.Get("/../secret.txt")->status, 404);
  EXPECT_EQ(client.Get("/assets/../../secret.txt")->status, 404);
  EXPECT_EQ(client.Get("/missing.js")->status, 404);
  // The API still answers beside the page.
  EXPECT_EQ(client.Get("/health")->status, 200);
  http.stop();
  serving.join();
  std::filesystem::remove_all(dir);
  std::filesystem::remove(dir.parent_path() / "secret.txt");
}

namespace {

// The /route answer as the server assembled it before it was written straight into text:
// JSON trees from route_json and route_geojson (whose bytes the command line's golden tests
// pin), merged and dumped. The written answer must be these bytes.
std::string route_answer_from_trees(const Engine& engine, const RouteRequest& request) {
  using nlohmann::ordered_json;
  const auto result = engine.route(request);
  const auto& answer = result.answer;
  const auto& net = engine.network();
  auto body = output::route_json(result, output::Precision::exact);
  ordered_json out;
  out["code"] = answer.routes.empty() ? "NoRoute" : "Ok";
  if (answer.routes.empty()) out["message"] = answer.no_route_reason;
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
    ordered_json route;
    route["distance"] = r.total.distance_km * 1000.0;
    route["duration"] = r.total.time_h * 3600.0;
    ordered_json coords = ordered_json::array();
    if (r.access) coords.push_back({result.from_place.position.lon, result.from_place.position.lat});
    std::vector<geo::LonLat> points;  // the legs' links as drawn (shapes.csv), each joint once
    for (const auto& leg : r.legs) append_path_points(net, leg.nodes, leg.links, points);
    for (const auto& p : points) coords.push_back({p.lon, p.lat});
    if (r.egress) coords.push_back({result.to_place.position.lon, result.to_place.position.lat});
    route["geometry"] = {{"type", "LineString"}, {"coordinates", std::move(coords)}};
    for (auto& [k, v] : body["routes"][i].items()) route[k] = std::move(v);
    out["routes"].push_back(std::move(route));
  }
  out["query"] = std::move(body["query"]);
  out["legs_geojson"] = output::route_geojson(result, output::Precision::exact);
  return out.dump();
}

}  // namespace

TEST(Api, WrittenRouteAnswerIsTheTreeAnswer) {
  const server::Api uncached(test::bri_engine_ptr(), server::Limits{.route_cache_bytes = 0});
  // Nodes; alternatives; gazetteer places and coordinates (first and last miles); market
  // rates (red-sea-2024-spot); a country avoided; no route at all.
  const std::vector<server::Params> requests = {
      q({{"from", "Chongqing"}, {"to", "Duisburg"}}),
      q({{"from", "Chongqing"}, {"to", "Duisburg"}, {"alternatives", "0"}}),
      q({{"from", "Nantong"}, {"to", "Duisburg"}, {"alternatives", "1"}}),
      q({{"from", "121.47,31.23"}, {"to", "Rotterdam"}, {"alternatives", "1"}}),
      q({{"from", "Shanghai"}, {"to", "Rotterdam"}, {"scenario", "red-sea-2024-spot"}, {"avoid", "rail,road"}}),
      q({{"from", "Xian"}, {"to", "Duisburg"}, {"avoid", "RUS"}, {"objective", "cost"}}),
      q({{"from", "Chongqing"}, {"to", "Duisburg"}, {"avoid", "rail,road,sea,ferry,air,iww"}}),
  };
  int with_market_rates = 0, with_access = 0, without_route = 0;
  for (const auto& params : requests) {
    const auto written = uncached.route_text(params);
    const auto expected = route_answer_from_trees(test::bri_engine(), uncached.route_request(params));
    EXPECT_EQ(*written.body, expected) << params.begin()->second;
    // The command line's indented JSON, written without a tree, is what dump(2) prints.
    const auto result = test::bri_engine().route(uncached.route_request(params));
    for (auto* write : {&output::write_route_json, &output::write_route_geojson}) {
      std::string pretty;
      output::JsonWriter indented(pretty, 2);
      write(indented, result, output::Precision::rounded);
      const auto tree = write == &output::write_route_json ? output::route_json(result) : output::route_geojson(result);
      EXPECT_EQ(pretty, tree.dump(2));
    }
    const auto tree = nlohmann::json::parse(*written.body);
    if (!tree["routes"].empty()) {
      with_market_rates += tree["routes"][0].contains("market_rates") && !tree["routes"][0]["market_rates"].empty();
      with_access += tree["routes"][0]["legs"][0]["kind"] == "access";
    } else {
      without_route += written.status == 400;
    }
  }
  // The requests reach what they are there for.
  EXPECT_GE(with_market_rates, 1);
  EXPECT_GE(with_access, 2);
  EXPECT_EQ(without_route, 1);
}
