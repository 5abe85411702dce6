#include "assignment/freight_capacity.hpp"

#include <algorithm>
#include <map>

namespace silkroute::assignment {

namespace {

bool per_vehicle(CapacityUnit unit) {
  return unit == CapacityUnit::trains_per_day || unit == CapacityUnit::trucks_per_day ||
         unit == CapacityUnit::sailings_per_week;
}

bool is_water(Mode m) { return m == Mode::sea || m == Mode::ferry; }

// The queue's customer: what a source's unit counts, else what the element serves.
double batch_for(CapacityUnit unit, Mode served, const FreightParameters& p) {
  switch (unit) {
    case CapacityUnit::trains_per_day: return p.teu_per_train;
    case CapacityUnit::trucks_per_day: return p.teu_per_truck;
    case CapacityUnit::sailings_per_week: return p.teu_per_sailing;
    default: break;
  }
  if (is_water(served)) return p.teu_per_sailing;
  if (served == Mode::road) return p.teu_per_truck;
  if (served == Mode::air) return p.teu_per_flight;
  return p.teu_per_train;
}

std::string country_of(const Network& net, NodeIndex n) { return net.nodes[n].country; }

}  // namespace

double capacity_teu_per_year(double value, CapacityUnit unit, const FreightParameters& p) {
  const double days = p.operating_days_per_year;
  switch (unit) {
    case CapacityUnit::teu_per_day: return value * days;
    case CapacityUnit::teu_per_week: return value * days / 7;
    case CapacityUnit::teu_per_year: return value;
    case CapacityUnit::trains_per_day: return value * p.teu_per_train * days * p.directions;
    case CapacityUnit::trucks_per_day: return value * p.teu_per_truck * days * p.directions;
    case CapacityUnit::sailings_per_week: return value * p.teu_per_sailing * days / 7 * p.directions;
  }
  return value;
}

std::vector<FreightElement> freight_elements(const Network& net, const Topology& t, const Metric& metric,
                                             const FreightParameters& p, int year) {
  // The row in force per element: the latest dated at or before the year.
  std::map<std::pair<CapacityElement, std::string>, std::size_t> in_force;
  std::vector<std::pair<CapacityElement, std::string>> order;
  for (std::size_t i = 0; i < net.capacities.size(); ++i) {
    const auto& c = net.capacities[i];
    if (c.year > year) continue;
    const auto key = std::make_pair(c.element, c.id);
    auto it = in_force.find(key);
    if (it == in_force.end()) {
      in_force.emplace(key, i);
      order.push_back(key);
    } else if (net.capacities[it->second].year <= c.year) {
      it->second = i;
    }
  }

  std::vector<FreightElement> out;
  for (const auto& key : order) {
    const auto& c = net.capacities[in_force[key]];
    FreightElement e;
    e.element = c.element;
    e.id = c.id;
    e.capacity_teu_per_year = capacity_teu_per_year(c.value, c.unit, p);
    e.source_value = c.value;
    e.source_unit = c.unit;
    e.source_year = c.year;
    e.source = c.source;
    Mode served = Mode::rail;
    switch (c.element) {
      case CapacityElement::link: {
        const auto l = *net.link_by_id(c.id);  // the dataset reader checked the id
        const auto& link = net.links[l];
        served = link.mode;
        e.name = net.nodes[link.from].name + "-" + net.nodes[link.to].name;
        e.kind = is_water(link.mode) ? "ferry" : "line";
        e.delay = is_water(link.mode) ? DelayKind::queue : DelayKind::line;
        e.free_time_h = metric.link_cost[l].running.time_h;
        for (auto edge : t.edges_of_link(l))
          if (edge >= 0) e.edges.push_back(edge);
        break;
      }
      case CapacityElement::node: {
        e.node = *net.node_by_id(c.id);
        const auto& node = net.nodes[e.node];
        e.name = node.name;
        // An airport's capacity is its air cargo terminals' (capacities.csv gives TEU-equivalents
        // of its tonnes): the flights in and out, not the trucks that feed it.
        if (c.unit == CapacityUnit::trucks_per_day) e.node_modes = {Mode::road};
        else if (node.kind == NodeKind::airport) e.node_modes = {Mode::air};
        else if (node.kind == NodeKind::seaport && c.unit != CapacityUnit::trains_per_day) e.node_modes = {Mode::sea, Mode::ferry};
        else e.node_modes = {Mode::rail};
        served = e.node_modes.front();
        e.kind = node.kind == NodeKind::seaport         ? "port"
                 : node.kind == NodeKind::border_station ? "border station"
                 : node.kind == NodeKind::airport        ? "airport"
                                                         : "terminal";
        break;
      }
      case CapacityElement::transfer: {
        const auto row = *net.transfer_by_key(c.id);
        const auto& tr = net.transfers[row];
        e.name = net.nodes[tr.node].name + " " + c.id.substr(c.id.find(':') + 1);
        const bool water = is_water(tr.a.mode) || is_water(tr.b.mode);
        served = water ? Mode::ferry : Mode::rail;
        const bool gauge = tr.a.mode == tr.b.mode;
        e.kind = gauge ? "gauge change" : water ? "ferry terminal" : "transfer";
        // A gauge-change yard's cranes and tracks also lift the boxes that leave or join its
        // trains by truck at the same node: without this a box could skip the yard's queue by
        // a lift onto a truck and another onto a train further on (Altynkol-Almaty by road,
        // 1.9 million TEU a year under red-sea-closure before).
        const auto lift_at_yard = [&](std::int32_t other) {
          const auto& o = net.transfers[other];
          const bool rail_road = (o.a.mode == Mode::rail && o.b.mode == Mode::road) ||
                                 (o.a.mode == Mode::road && o.b.mode == Mode::rail);
          return gauge && tr.a.mode == Mode::rail && o.node == tr.node && rail_road;
        };
        for (EdgeIndex edge = 0; edge < static_cast<EdgeIndex>(t.edge_count()); ++edge) {
          if (t.edges[edge].kind != EdgeKind::carrier_change) continue;
          const auto rows = t.transfers_of_change(t.edges[edge].ref);
          if (std::find(rows.begin(), rows.end(), static_cast<std::int32_t>(row)) != rows.end() ||
              std::any_of(rows.begin(), rows.end(), lift_at_yard))
            e.edges.push_back(edge);
        }
        break;
      }
      case CapacityElement::border: {
        const auto dash = c.id.find('-');
        const auto a = c.id.substr(0, dash), b = c.id.substr(dash + 1);
        e.name = c.id;
        e.kind = "border";
        served = c.unit == CapacityUnit::trucks_per_day ? Mode::road : Mode::rail;
        const bool any_mode = !per_vehicle(c.unit);
        for (LinkIndex l = 0; l < static_cast<LinkIndex>(net.links.size()); ++l) {
          const auto& link = net.links[l];
          const auto ca = country_of(net, link.from), cb = country_of(net, link.to);
          if (!((ca == a && cb == b) || (ca == b && cb == a))) continue;
          if (!any_mode && link.mode != served) continue;
          for (auto edge : t.edges_of_link(l))
            if (edge >= 0) e.edges.push_back(edge);
        }
        break;
      }
    }
    e.batch_teu = batch_for(c.unit, served, p);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace silkroute::assignment
