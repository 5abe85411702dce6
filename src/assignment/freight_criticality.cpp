#include "assignment/freight_criticality.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "io/csv_writer.hpp"
#include "output/text_table.hpp"

namespace silkroute::assignment {

namespace {

// Each pair's cost at the base run (TEU x expected cost): what unserved demand loses.
std::vector<double> pair_costs(const FreightResult& r) {
  std::vector<double> out(r.pairs.size(), 0.0);
  for (std::size_t i = 0; i < r.pairs.size(); ++i)
    if (!r.pairs[i].unrouted) out[i] = r.demand[r.pairs[i].demand].teu_per_year * r.pairs[i].expected_cost_usd;
  return out;
}

// What the routes pay waiting at the chosen elements, USD a year: a route's wait cost is
// shared among its elements in proportion to their waits (it is linear in hours).
double wait_cost_at(const FreightResult& r, const std::vector<char>& chosen) {
  double sum = 0;
  for (const auto& pr : r.pairs)
    for (const auto& route : pr.routes) {
      if (route.wait_h <= 0) continue;
      double hours = 0;
      for (int el : route.elements)
        if (chosen[el]) hours += r.element_flows[el].delay_h;
      sum += route.teu_per_year * (route.cost_usd - route.base_cost_usd) * hours / route.wait_h;
    }
  return sum;
}

}  // namespace

FreightCriticality freight_criticality(const Network& net, std::shared_ptr<const Topology> topology,
                                       const Scenario& scenario, const std::vector<FreightDemand>& demand,
                                       const FreightParameters& parameters, FreightOptions options,
                                       const FreightResult& base, int top, bool warm_start) {
  FreightCriticality out;
  out.base_cost_usd = base.total_cost_usd();
  out.base_wait_cost_usd = base.total_wait_cost_usd();
  options.skip_unrouted = true;
  options.progress = nullptr;
  options.warm_start = warm_start ? &base : nullptr;
  const auto base_pair_cost = pair_costs(base);

  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < base.elements.size(); ++i)
    if (base.element_flows[i].flow_teu_per_year > 0.5) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return base.element_flows[a].flow_teu_per_year > base.element_flows[b].flow_teu_per_year;
  });
  if (top > 0 && static_cast<int>(order.size()) > top) order.resize(top);

  for (auto i : order) {
    const auto& el = base.elements[i];
    Scenario failed = scenario;
    switch (el.element) {
      case CapacityElement::link: failed.closed.links.insert(el.id); break;
      case CapacityElement::node: failed.closed.nodes.insert(el.id); break;
      case CapacityElement::transfer:
        failed.closed.nodes.insert(net.nodes[net.transfers[*net.transfer_by_key(el.id)].node].id);
        break;
      case CapacityElement::border: {
        const auto dash = el.id.find('-');
        failed.closed.borders.insert(country_pair(el.id.substr(0, dash), el.id.substr(dash + 1)));
        break;
      }
    }
    const auto r = assign_freight(net, topology, failed, demand, parameters, options);
    FreightFailure f;
    f.element = std::string(enum_name(el.element));
    f.id = el.id;
    f.name = el.name;
    f.flow_teu_per_year = base.element_flows[i].flow_teu_per_year;
    f.unserved_teu_per_year = r.unserved_teu_per_year();
    f.iterations = r.iterations;
    f.converged = r.converged;
    double served_before = 0;
    for (std::size_t p = 0; p < r.pairs.size(); ++p)
      if (!r.pairs[p].unrouted) served_before += base_pair_cost[p];
    f.failure_cost_usd = (r.total_cost_usd() - served_before) + (out.base_cost_usd - served_before);
    // Congestion on the alternatives: the waits at the elements still in use after the
    // failure, after against before (the failed element's queue, and those it takes out of
    // use, are gone with it and are not counted as relief).
    std::vector<char> in_use(r.elements.size(), 0);
    for (std::size_t j = 0; j < r.elements.size(); ++j) in_use[j] = j != i && r.element_flows[j].flow_teu_per_year > 0.5;
    f.added_wait_cost_usd = wait_cost_at(r, in_use) - wait_cost_at(base, in_use);
    for (std::size_t j = 0; j < r.elements.size(); ++j) {
      if (j == i) continue;
      const double rise = r.element_flows[j].utilization - base.element_flows[j].utilization;
      if (rise > 0.005 && r.element_flows[j].utilization > f.busiest_alternative_utilization) {
        f.busiest_alternative = r.elements[j].name;
        f.busiest_alternative_utilization = r.element_flows[j].utilization;
      }
    }
    out.failures.push_back(f);
  }
  std::stable_sort(out.failures.begin(), out.failures.end(),
                   [](const FreightFailure& a, const FreightFailure& b) { return a.failure_cost_usd > b.failure_cost_usd; });
  return out;
}

std::string freight_criticality_table(const FreightCriticality& c) {
  using output::Align;
  using output::format_number;
  output::TextTable t({{"element", Align::left}, {"id", Align::left}, {"carried TEU/yr", Align::right},
                       {"failure cost USD/yr", Align::right}, {"change of waits elsewhere", Align::right},
                       {"unserved TEU/yr", Align::right}, {"fullest alternative", Align::left}});
  for (const auto& f : c.failures)
    t.add_row({f.element, f.id, format_number(f.flow_teu_per_year), format_number(f.failure_cost_usd),
               format_number(f.added_wait_cost_usd), format_number(f.unserved_teu_per_year),
               f.busiest_alternative.empty() ? "" : f.busiest_alternative + " " + format_number(100 * f.busiest_alternative_utilization) + "%"});
  return "Criticality with capacities: each element fails alone and the freight is assigned again (base cost " +
         format_number(c.base_cost_usd) + " USD a year, of which waits " + format_number(c.base_wait_cost_usd) + ")\n" +
         t.render();
}

std::string freight_criticality_csv(const FreightCriticality& c) {
  std::string out = io::csv_row({"element", "id", "name", "flow_teu_per_year", "failure_cost_usd", "wait_cost_change_usd",
                                 "unserved_teu_per_year", "fullest_alternative", "fullest_alternative_utilization"});
  for (const auto& f : c.failures)
    out += io::csv_row({f.element, f.id, f.name, io::csv_number(f.flow_teu_per_year), io::csv_number(f.failure_cost_usd),
                        io::csv_number(f.added_wait_cost_usd), io::csv_number(f.unserved_teu_per_year), f.busiest_alternative,
                        io::csv_number(f.busiest_alternative_utilization)});
  return out;
}

std::string freight_criticality_json(const FreightCriticality& c, const std::string& scenario_name) {
  using json = nlohmann::ordered_json;
  json rows = json::array();
  for (const auto& f : c.failures)
    rows.push_back({{"element", f.element},
                    {"id", f.id},
                    {"name", f.name},
                    {"flow_teu_per_year", f.flow_teu_per_year},
                    {"failure_cost_usd", f.failure_cost_usd},
                    {"wait_cost_change_usd", f.added_wait_cost_usd},
                    {"unserved_teu_per_year", f.unserved_teu_per_year},
                    {"fullest_alternative", f.busiest_alternative},
                    {"fullest_alternative_utilization", f.busiest_alternative_utilization},
                    {"iterations", f.iterations},
                    {"converged", f.converged}});
  json j{{"scenario", scenario_name},
         {"base_cost_usd", c.base_cost_usd},
         {"base_wait_cost_usd", c.base_wait_cost_usd},
         {"failures", rows}};
  return j.dump(1) + "\n";
}

}  // namespace silkroute::assignment
