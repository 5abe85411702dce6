#include "server/openapi.hpp"

#include "engine/engine.hpp"
#include "util/number_text.hpp"

namespace silkroute::server {

const std::string& openapi_document() {
  const std::string doc = R"json({
  "openapi": "3.0.3",
  "info": {
    "title": "silkroute",
    "version": "0.1.0",
    "description": "Routes, costs, CO2 and what-ifs on the Belt and Road freight network. Shapes follow OSRM where they fit: code, routes[].distance (m), duration (s), geometry (GeoJSON)."
  },
  "paths": {
    "/health": {"get": {"summary": "Liveness and network size", "responses": {"200": {"description": "ok"}}}},
    "/route": {"get": {
      "summary": "Best route and alternatives between two places",
      "parameters": [
        {"name": "from", "in": "query", "required": true, "schema": {"type": "string"}, "description": "name, UN/LOCODE or id of a node or gazetteer place (exact), or coordinates lon,lat; a place that is not a node joins by road (legs of kind access/egress), also when road is avoided"},
        {"name": "to", "in": "query", "required": true, "schema": {"type": "string"}},
        {"name": "cargo", "in": "query", "schema": {"type": "string", "enum": ["general", "electronics", "reefer", "bulk"]}},
        {"name": "objective", "in": "query", "schema": {"type": "string", "enum": ["time", "cost", "co2", "generalized"], "default": "time"}},
        {"name": "avoid", "in": "query", "schema": {"type": "string"}, "description": "comma-separated countries, chokepoints, modes, link ids or places; avoiding road closes it as a line-haul mode, a place that is not a node keeps its first and last mile by road (access/egress legs) and is loaded at the nearest terminal of each open mode"},
        {"name": "alternatives", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 5, "default": @DEFAULT_ALTERNATIVES@}},
        {"name": "scenario", "in": "query", "schema": {"type": "string"}, "description": "a name from /scenarios"},
        {"name": "year", "in": "query", "schema": {"type": "integer", "minimum": @EARLIEST_YEAR@, "maximum": @LAST_YEAR@}, "description": "network as of this year"},
        {"name": "month", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 12}, "description": "apply that month's seasonal closures (the Khunjerab pass, December to March)"},
        {"name": "rail_service", "in": "query", "schema": {"type": "string", "enum": ["express", "intermodal"]}, "description": "the rail service that carries the trip; default: rail_services.csv by the regions of its ends"},
        {"name": "road_crew", "in": "query", "schema": {"type": "string", "enum": ["single", "team"]}, "description": "who drives the trip's trucks: one driver or a double-manned crew; default: road_crews.csv by the regions of its ends and their distance"},
        {"name": "carbon_price", "in": "query", "schema": {"type": "number", "minimum": 0}, "description": "USD per tonne CO2, in the generalized cost"},
        {"name": "max_detour", "in": "query", "schema": {"type": "number", "minimum": 1, "maximum": 10, "default": @DEFAULT_MAX_DETOUR@}, "description": "an alternative's objective at most this times the best route's"}
      ],
      "responses": {
        "200": {"description": "code Ok; routes[] with distance, duration, geometry, label, total, legs, stops, crossings, passages"},
        "400": {"description": "code InvalidQuery, InvalidPlace (no exact match; the message says 'did you mean'), InvalidScenario or NoRoute (with message)"},
        "404": {"description": "code NotFound: unknown scenario"}
      }}},
    "/matrix": {"post": {
      "summary": "Origin-destination matrix",
      "requestBody": {"required": true, "content": {"application/json": {"schema": {
        "type": "object", "required": ["origins", "destinations"],
        "properties": {
          "origins": {"type": "array", "items": {"type": "string"}},
          "destinations": {"type": "array", "items": {"type": "string"}},
          "metric": {"type": "string", "enum": ["time", "cost", "co2", "distance", "generalized"], "default": "time"},
          "objective": {"type": "string", "enum": ["time", "cost", "co2", "generalized"]},
          "cargo": {"type": "string"}, "scenario": {"type": "string"}}}}}},
      "responses": {
        "200": {"description": "code Ok; values[i][j] (null: no route); durations in s for metric time; sources; destinations"},
        "400": {"description": "InvalidQuery or InvalidPlace"}, "404": {"description": "NotFound"},
        "413": {"description": "TooBig: more cells than the server allows, or a body over the size limit"},
        "503": {"description": "TooExpensive: over the CPU budget per request; or Busy: too many requests waiting"}}}},
    "/compare": {"post": {
      "summary": "Time, cost and CO2 of pairs under two scenarios",
      "requestBody": {"required": true, "content": {"application/json": {"schema": {
        "type": "object", "required": ["b"],
        "properties": {
          "a": {"type": "string", "default": "today"}, "b": {"type": "string"},
          "pairs": {"type": "array", "items": {"type": "array"}, "description": "[origin, destination(, weight)]; default: the bundled demand"},
          "modes": {"type": "array", "items": {"type": "string"}},
          "objective": {"type": "string", "default": "generalized"}, "cargo": {"type": "string"}}}}}},
      "responses": {"200": {"description": "code Ok; overall, by_country, by_corridor, pairs"},
        "400": {"description": "InvalidQuery or InvalidPlace"}, "404": {"description": "NotFound"}, "413": {"description": "TooBig"}}}},
    "/scenarios": {"get": {"summary": "Bundled scenarios", "responses": {"200": {"description": "code Ok; scenarios[] with name, description, year"}}}},
    "/network": {"get": {
      "summary": "The network as GeoJSON: links (LineString) and places (Point)",
      "parameters": [
        {"name": "bbox", "in": "query", "schema": {"type": "string"}, "description": "min_lon,min_lat,max_lon,max_lat"},
        {"name": "mode", "in": "query", "schema": {"type": "string"}, "description": "comma-separated modes"},
        {"name": "year", "in": "query", "schema": {"type": "integer"}}
      ],
      "responses": {"200": {"description": "FeatureCollection"}, "400": {"description": "InvalidQuery"}, "413": {"description": "TooBig"}}}},
    "/places": {"get": {
      "summary": "Places matching a name (nodes and gazetteer cities) and whether and where each joins the network",
      "parameters": [
        {"name": "q", "in": "query", "required": true, "schema": {"type": "string"}},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10}}
      ],
      "responses": {"200": {"description": "code Ok; places[] with id, name, country, kind, population, location, source, match, joins"}, "400": {"description": "InvalidQuery"}}}},
    "/assign": {"get": {
      "summary": "Freight flows of the bundled demand with capacities and the nested logit (silkroute assign), once per scenario and year, then cached",
      "parameters": [
        {"name": "scenario", "in": "query", "schema": {"type": "string", "default": "today"}, "description": "a bundled scenario"},
        {"name": "year", "in": "query", "schema": {"type": "integer"}, "description": "capacities in force that year"},
        {"name": "compare", "in": "query", "schema": {"type": "string"}, "description": "a bundled scenario A to compare the scenario (B) against"}
      ],
      "responses": {"200": {"description": "FeatureCollection: per element flow_teu_per_year, capacity_teu_per_year, utilization, delay_h; assignment (iterations, converged). With compare: the same columns with _a and _b, their changes, and comparison (both runs, lanes)"},
        "400": {"description": "InvalidQuery"}, "404": {"description": "NotFound (unknown scenario)"}}}},
    "/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3"}}}}
  }
})json";
  // Defaults and limits come from the request types, not from a second copy here.
  static const std::string filled = [&doc] {
    std::string d = doc;
    auto fill = [&](const std::string& key, int value) {
      for (auto at = d.find(key); at != std::string::npos; at = d.find(key)) d.replace(at, key.size(), std::to_string(value));
    };
    fill("@DEFAULT_ALTERNATIVES@", kDefaultAlternatives);
    fill("@EARLIEST_YEAR@", kEarliestYear);
    fill("@LAST_YEAR@", kLastYear);
    for (auto at = d.find("@DEFAULT_MAX_DETOUR@"); at != std::string::npos; at = d.find("@DEFAULT_MAX_DETOUR@"))
      d.replace(at, 20, util::number_text(kDefaultMaxDetour));
    return d;
  }();
  return filled;
}

}  // namespace silkroute::server
