#include "network_info.hpp"

#include "network/names.hpp"

#include <map>
#include <set>

#include "output/text_table.hpp"

namespace silkroute::app {

using output::Align;
using output::format_number;
using output::TextTable;

std::string network_info(const Network& net) {
  std::string out = "Network " + net.source_dir + "\n";
  out += "  " + std::to_string(net.nodes.size()) + " nodes, " + std::to_string(net.links.size()) + " links, " +
         std::to_string(net.countries.size()) + " countries, " + std::to_string(net.transfers.size()) + " transfers, " +
         std::to_string(net.border_rules.size()) + " border rules, " + std::to_string(net.agreements.size()) +
         " agreements, " + std::to_string(net.cargo_classes.size()) + " cargo classes\n\n";

  std::map<std::string, int> kinds;
  for (const auto& n : net.nodes) ++kinds[std::string(node_kind_name(n.kind))];
  TextTable nodes({{"node kind", Align::left}, {"count", Align::right}});
  for (const auto& [k, n] : kinds) nodes.add_row({k, std::to_string(n)});
  out += nodes.render() + "\n";

  std::map<std::string, std::pair<int, double>> modes;
  for (const auto& l : net.links) {
    auto& m = modes[carrier_name(l.carrier())];
    ++m.first;
    m.second += l.length_km;
  }
  TextTable links({{"carrier", Align::left}, {"links", Align::right}, {"km", Align::right}});
  for (const auto& [k, v] : modes) links.add_row({k, std::to_string(v.first), format_number(v.second)});
  out += links.render() + "\n";

  std::map<std::string, std::pair<int, double>> corridors;
  for (const auto& l : net.links)
    for (const auto& c : l.corridors) {
      auto& v = corridors[c];
      ++v.first;
      v.second += l.length_km;
    }
  if (!corridors.empty()) {
    TextTable t({{"corridor", Align::left}, {"links", Align::right}, {"km", Align::right}});
    for (const auto& [k, v] : corridors) t.add_row({k, std::to_string(v.first), format_number(v.second)});
    out += t.render() + "\n";
  }

  std::map<std::string, int> gauge_changes;
  std::map<std::string, int> mode_changes;
  for (const auto& t : net.transfers) {
    const auto& node = net.nodes[t.node].name;
    if (t.a.mode == Mode::rail && t.b.mode == Mode::rail) ++gauge_changes[node];
    else ++mode_changes[node];
  }
  out += "  gauge-change stations (" + std::to_string(gauge_changes.size()) + "):";
  for (const auto& [n, c] : gauge_changes) out += " " + n + ";";
  out += "\n  transfer terminals: " + std::to_string(mode_changes.size()) + "\n";

  std::set<std::string> chokepoints;
  for (const auto& l : net.links)
    if (!l.chokepoint.empty()) chokepoints.insert(l.chokepoint);
  out += "  chokepoints (" + std::to_string(chokepoints.size()) + "):";
  // Names, with the tag that --avoid and scenarios take.
  std::string names;
  for (const auto& c : chokepoints) names += (names.empty() ? " " : ", ") + chokepoint_name(c) + " (" + c + ")";
  out += names;
  out += "\n";

  std::map<int, std::set<std::string>> projects;
  for (const auto& l : net.links)
    if (l.opened_year > kAlwaysOpen && !l.project.empty()) projects[l.opened_year].insert(l.project);
  for (const auto& n : net.nodes)
    if (n.opened_year > kAlwaysOpen && !n.project.empty()) projects[n.opened_year].insert(n.project);
  for (const auto& t : net.transfers)
    if (t.opened_year > kAlwaysOpen && !t.project.empty()) projects[t.opened_year].insert(t.project);
  auto by_year = [&](const std::string& title, const std::map<int, std::set<std::string>>& ids_by_year) {
    if (ids_by_year.empty()) return;
    out += "  " + title + ":\n";
    for (const auto& [year, ids] : ids_by_year) {
      out += "    " + std::to_string(year) + ":";
      for (const auto& id : ids) out += " " + id;
      out += "\n";
    }
  };
  by_year("projects by opening year", projects);
  // Lines and services that stopped (links.csv, closed_year): absent from that year on.
  std::map<int, std::set<std::string>> closed;
  for (const auto& l : net.links)
    if (l.closed_year != kStillRuns) closed[l.closed_year].insert(l.id);
  by_year("links by closing year (absent from that year on)", closed);
  out += "  cargo classes:";
  for (const auto& c : net.cargo_classes)
    out += " " + c.id + " (" + format_number(c.value_of_time_usd_per_h(), 1) + " USD/TEU-h);";
  out += "\n";
  return out;
}

}  // namespace silkroute::app
