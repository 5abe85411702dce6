#pragma once
// Route answers as a terminal table, JSON and GeoJSON (docs/cli.md describes the shapes).

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "routing/route_result.hpp"

namespace silkroute::output {

// Machine formats for programs (Python, the API) keep full precision; people read rounded
// figures (0.1 h, 1 USD) so that the same inputs print the same bytes.
enum class Precision { rounded, exact };

std::string route_table(const RouteResult& result);
nlohmann::ordered_json route_json(const RouteResult& result, Precision precision = Precision::rounded);
nlohmann::ordered_json route_geojson(const RouteResult& result, Precision precision = Precision::rounded);

// The same answers written straight into text (compact, the bytes dump() gives for the trees
// above), for the server: no tree is built. Fields are described once, here.
class JsonWriter;
void write_route_json(JsonWriter& w, const RouteResult& result, Precision precision);
void write_route_geojson(JsonWriter& w, const RouteResult& result, Precision precision);
// The "query" object of route_json.
void write_route_query(JsonWriter& w, const RouteResult& result);
// The fields of route `index` (rank, label, total, legs, ..., market_rates when the scenario
// has market rates) inside an object the caller opened.
void write_route_fields(JsonWriter& w, const RouteResult& result, std::size_t index, Precision precision);

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
