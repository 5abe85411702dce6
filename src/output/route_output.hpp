#pragma once
// Route answers as a terminal table, JSON and GeoJSON (docs/cli.md describes the shapes).

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "output/json_writer.hpp"
#include "routing/route_result.hpp"

namespace silkroute::output {

// Machine formats for programs (Python, the API) keep full precision; people read rounded
// figures (0.1 h, 1 USD) so that the same inputs print the same bytes.
enum class Precision { rounded, exact };

std::string route_table(const RouteResult& result);
nlohmann::ordered_json route_json(const RouteResult& result, Precision precision = Precision::rounded);
nlohmann::ordered_json route_geojson(const RouteResult& result, Precision precision = Precision::rounded);

// The same answers written straight into a string, for callers that send them on (the
// server): route_json and route_geojson are these, parsed. One description of each field.
void write_route_json(JsonWriter& w, const RouteResult& result, Precision precision);
void write_route_query(JsonWriter& w, const RouteResult& result);  // the "query" object
// One route's fields (rank, label, total, legs, ...) into the object the writer has open.
void write_route_fields(JsonWriter& w, const Network& net, const Route& route, int rank, Precision precision);
// Each node's "[lon,lat]" as JSON text, indexed by node: written once per network, so that
// geometries are copied rather than formatted number by number.
using LonLatText = std::vector<std::string>;
LonLatText lonlat_text(const Network& net);
void write_lonlat(JsonWriter& w, const Network& net, NodeIndex node);
// Legs as GeoJSON features; lonlat (optional) is lonlat_text(result.net()).
void write_route_geojson(JsonWriter& w, const RouteResult& result, Precision precision, const LonLatText* lonlat = nullptr);

// Output formats by name, in one registry: a new format is one entry there.
struct RouteFormat {
  std::string name;
  std::string description;
  std::string (*render)(const RouteResult& result);
};
const std::vector<RouteFormat>& route_format_registry();
std::vector<std::string> route_formats();  // names, for option checks and messages
// Writes the result in the named format (std::invalid_argument on an unknown one).
void write_route(const RouteResult& result, const std::string& format, std::ostream& out);

// Rounds for output so the same inputs print the same bytes.
double round_to(double value, int decimals);

}  // namespace silkroute::output
