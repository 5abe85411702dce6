#include "output/place_output.hpp"

#include "io/csv_writer.hpp"
#include "output/route_output.hpp"
#include "output/text_table.hpp"

namespace silkroute::output {

using nlohmann::ordered_json;

namespace {

std::string source_of(const Place& p) { return p.is_node() ? "network" : "gazetteer"; }

}  // namespace

std::string joins_text(const Network& net, const Place& p, double circuity) {
  if (p.is_node()) return "node";
  if (p.terminals.empty()) return "no: " + p.no_join_reason;
  const auto& t = p.terminals.front();
  std::string s = "road to " + net.nodes[t.node].name + " (" + net.nodes[t.node].id + "), " +
                  format_number(t.great_circle_km * circuity) + " km";
  if (p.terminals.size() > 1) s += " (or " + std::to_string(p.terminals.size() - 1) + " more)";
  return s;
}

ordered_json place_json(const Network& net, const Place& p, double circuity) {
  ordered_json j = {{"id", p.id},
                    {"name", p.name},
                    {"country", p.country},
                    {"kind", p.what},
                    {"population", p.population >= 0 ? ordered_json(p.population) : ordered_json(nullptr)},
                    {"location", {p.position.lon, p.position.lat}},
                    {"source", source_of(p)},
                    {"match", p.match}};
  if (p.is_node()) {
    j["joins"] = {{"node", true}};
  } else if (p.terminals.empty()) {
    j["joins"] = {{"node", false}, {"reason", p.no_join_reason}};
  } else {
    auto terminals = ordered_json::array();
    for (const auto& t : p.terminals)
      terminals.push_back({{"terminal", net.nodes[t.node].name},
                           {"terminal_id", net.nodes[t.node].id},
                           {"great_circle_km", round_to(t.great_circle_km, 1)},
                           {"road_km", round_to(t.great_circle_km * circuity, 1)}});
    j["joins"] = {{"node", false}, {"terminals", terminals}};
  }
  return j;
}

std::string places_table(const Network& net, const std::vector<Place>& places, double circuity) {
  TextTable t({{"name", Align::left}, {"id", Align::left}, {"country", Align::left}, {"kind", Align::left},
               {"population", Align::right}, {"match", Align::left}, {"joins the network", Align::left}});
  for (const auto& p : places)
    t.add_row({p.name, p.id, p.country, p.what, p.population >= 0 ? format_number(double(p.population)) : "",
               p.match, joins_text(net, p, circuity)});
  return t.render("");
}

std::string places_csv(const Network& net, const std::vector<Place>& places, double circuity) {
  std::string out = io::csv_row({"id", "name", "country", "kind", "population", "lon", "lat", "source", "match",
                                 "joins", "terminal_id", "road_km"});
  for (const auto& p : places) {
    const bool joined = !p.is_node() && !p.terminals.empty();
    out += io::csv_row({p.id, p.name, p.country, p.what, p.population >= 0 ? std::to_string(p.population) : "",
                        io::csv_number(p.position.lon), io::csv_number(p.position.lat), source_of(p), p.match,
                        p.is_node() ? "node" : joined ? "road" : "no",
                        joined ? net.nodes[p.terminals.front().node].id : "",
                        joined ? io::csv_number(round_to(p.terminals.front().great_circle_km * circuity, 1)) : ""});
  }
  return out;
}

}  // namespace silkroute::output
