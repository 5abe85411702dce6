#include "routing/metric.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>

namespace silkroute {

std::shared_ptr<const Metric> customize(const Network& net, const Topology& t, const CostModel& cost,
                                        MetricOptions options) {
  const auto& scenario = cost.scenario();
  auto m = std::make_shared<Metric>();
  m->weighting = cost.weighting();
  const auto n_edges = t.edge_count();
  m->edge_weight.assign(n_edges, kClosed);
  m->edge_metrics.assign(n_edges, Metrics{});
  m->edge_transfer.assign(n_edges, -1);

  // Links: costed once, both directions alike.
  m->link_cost.resize(net.links.size());
  for (LinkIndex l = 0; l < static_cast<LinkIndex>(net.links.size()); ++l) {
    const auto& link = net.links[l];
    if (!scenario.link_open(net, l) || !cost.mode_allowed(link.mode)) continue;
    auto c = cost.link_cost(l);
    const auto total = c.total();
    const auto booked = c.booked_total();
    auto& f = m->link_cost[l];
    f = {c.running, c.wait_h, c.booked_wait_h, c.rest_h, c.call_h, -1};
    if (c.border) {
      f.border = static_cast<std::int32_t>(m->link_borders.size());
      m->link_borders.push_back(std::move(*c.border));
    }
    const double w = cost.weight(total), booked_w = cost.weight(booked);
    // From a departure state the link is boarded at a booked departure (LinkCost::booked_wait_h).
    for (auto e : t.edges_of_link(l)) {
      const bool boarded_booked = t.is_departure(t.edge_from[e]);
      m->edge_metrics[e] = boarded_booked ? booked : total;
      m->edge_weight[e] = boarded_booked ? booked_w : w;
    }
  }

  // Feeder ports: the sea state of a port only feeders call at, with its hub and the
  // transshipment there (CostModel::transshipment).
  const auto n_all_states = t.state_count();
  m->state_transship.assign(n_all_states, Metrics{});
  m->state_transship_weight.assign(n_all_states, 0.0);
  m->state_feeder_hub.assign(n_all_states, kNoNode);
  m->state_direct_regions.assign(n_all_states, 0);
  m->node_region_bit.assign(net.nodes.size(), 0);
  for (std::size_t n = 0; n < net.nodes.size(); ++n)
    if (const auto it = net.time_model.country_region.find(net.nodes[n].country); it != net.time_model.country_region.end())
      m->node_region_bit[n] = static_cast<std::uint16_t>(1u << static_cast<unsigned>(it->second));
  for (StateIndex s = 0; s < static_cast<StateIndex>(n_all_states); ++s) {
    if (t.state_carrier[s].mode != Mode::sea) continue;
    const auto hub = cost.feeder_hub(t.state_node[s]);
    if (hub == kNoNode) continue;
    m->state_feeder_hub[s] = hub;
    m->state_direct_regions[s] = cost.feeder_direct_regions(t.state_node[s]);
    m->state_transship[s] = cost.transshipment(t.state_node[s]);
    m->state_transship_weight[s] = cost.weight(m->state_transship[s]);
  }

  // Carrier changes: the cheapest open facility that can make the change.
  for (StateIndex from = 0; from < static_cast<StateIndex>(t.state_count()); ++from)
  for (auto e = t.first_edge[from]; e < t.first_edge[from + 1]; ++e) {
    const auto& edge = t.edges[e];
    if (edge.kind != EdgeKind::carrier_change) continue;
    for (auto row : t.transfers_of_change(edge.ref)) {
      const auto& tr = net.transfers[row];
      if (!scenario.transfer_open(net, static_cast<std::size_t>(row))) continue;
      const auto metrics = cost.transfer_cost(tr);
      const double w = cost.weight(metrics);
      if (m->edge_transfer[e] < 0 || w < m->edge_weight[e]) {
        m->edge_transfer[e] = row;
        m->edge_weight[e] = w;
        m->edge_metrics[e] = metrics;
      }
    }
    // A lift between a truck and a train is the lift a rail terminal makes when it loads a train
    // at an origin or unloads one at a destination (modes.csv: the road-rail transfer plus the
    // gate and the terminal's fees), so it costs no less: otherwise a truck to the next station
    // loads a train for less than the terminal at the origin charges for the same train.
    const auto mode_a = t.state_carrier[from].mode, mode_b = t.state_carrier[edge.to].mode;
    if (m->edge_transfer[e] >= 0 && ((mode_a == Mode::road && mode_b == Mode::rail) ||
                                     (mode_a == Mode::rail && mode_b == Mode::road))) {
      const auto rail_lift = cost.handling_cost(Mode::rail);  // only asked where rail exists
      auto& lift = m->edge_metrics[e];
      lift.time_h = std::max(lift.time_h, rail_lift.time_h);
      lift.cost_usd = std::max(lift.cost_usd, rail_lift.cost_usd);
      m->edge_weight[e] = cost.weight(lift);
    }
    // A box brought to a station by truck, barge or plane waits for the train's assembly and
    // departure, as at an origin hub (a first-mile truck must not dodge the dispatch, nor a
    // chain of changes through a carrier that never moves). Port and ferry transfers onto rail
    // wait for their train within their own dwell (transfers.csv).
    const auto onto = t.state_carrier[edge.to].mode;
    const auto off = t.state_carrier[from].mode;
    if (m->edge_transfer[e] >= 0 && onto == Mode::rail && off != Mode::rail && off != Mode::sea && off != Mode::ferry) {
      m->edge_metrics[e] += cost.dispatch_cost(onto);
      m->edge_weight[e] = cost.weight(m->edge_metrics[e]);
    }
    // A box landed at a feeder port, or loaded there onto a ship, was (or will be) transshipped
    // at the hub: the sea leg's end is here, not the route's. (A trip that goes on by land from
    // the hub's own feeder is charged it too: the change does not know where the sea leg began.)
    // A port that direct services also call at (direct_from) is not charged here: a box changing
    // carrier there is taken to sail them (Bandar Abbas's rail and road traffic comes by Iran's
    // direct Asian and Indian services).
    for (const auto s : {from, edge.to})
      if (m->edge_transfer[e] >= 0 && m->state_feeder_hub[s] != kNoNode && m->state_direct_regions[s] == 0) {
        m->edge_metrics[e] += m->state_transship[s];
        m->edge_weight[e] = cost.weight(m->edge_metrics[e]);
      }
    if (m->edge_transfer[e] < 0 && options.allow_missing_transfers && scenario.node_open(net, t.state_node[edge.to]))
      m->edge_weight[e] = kMissingTransferWeight;
  }

  // Loading and unloading: only where the node is open and the carrier has an open link there
  // (no handling step without its leg), and only at through states (a departure state is
  // entered by a carrier change, never loaded at or unloaded from).
  const auto n_states = t.state_count();
  m->state_handling.resize(n_states);
  m->state_handling_weight.assign(n_states, kClosed);
  m->state_dispatch.resize(n_states);
  m->state_origin_weight.assign(n_states, kClosed);
  for (StateIndex s = 0; s < static_cast<StateIndex>(n_states); ++s) {
    const auto mode = t.state_carrier[s].mode;
    m->state_handling[s] = cost.handling_cost(mode);
    m->state_dispatch[s] = cost.dispatch_cost(mode);
    if (t.is_departure(s) || !scenario.node_open(net, t.state_node[s])) continue;
    bool has_open_link = false;
    bool scheduled = false;  // a shuttle on a timetable: its wait for departure replaces assembly
    for (auto e = t.first_edge[s]; e < t.first_edge[s + 1]; ++e) {
      if (!is_link_edge(t.edges[e].kind) || m->edge_weight[e] == kClosed) continue;
      has_open_link = true;
      scheduled = scheduled || net.links[t.edges[e].ref].departures_per_week > 0;
    }
    if (!has_open_link) continue;
    if (scheduled) m->state_dispatch[s] = Metrics{};
    m->state_handling_weight[s] = cost.weight(m->state_handling[s]);
    auto origin = m->state_handling[s];
    origin += m->state_dispatch[s];
    m->state_origin_weight[s] = cost.weight(origin);
  }
  // A route by air starts at a booked departure: in the air state's departure twin, whose
  // flights wait the acceptance time only (Metric::origin_state).
  for (StateIndex s = 0; s < static_cast<StateIndex>(t.through_states); ++s) {
    const auto twin = t.state_twin[s];
    if (t.state_carrier[s].mode != Mode::air || twin < 0 || m->state_origin_weight[s] == kClosed) continue;
    m->state_handling[twin] = m->state_handling[s];
    m->state_handling_weight[twin] = m->state_handling_weight[s];
    m->state_dispatch[twin] = m->state_dispatch[s];
    m->state_origin_weight[twin] = m->state_origin_weight[s];
    m->state_origin_weight[s] = kClosed;
  }

  // Customs territories per node, and each state's import clearance from another territory.
  std::map<std::string, std::int32_t> territories;
  m->node_territory.assign(net.nodes.size(), -1);
  for (std::size_t n = 0; n < net.nodes.size(); ++n) {
    const auto& country = net.nodes[n].country;
    if (country.empty()) continue;
    const auto t_id = cost.customs_territory(country);
    m->node_territory[n] = territories.emplace(t_id, static_cast<std::int32_t>(territories.size())).first->second;
  }
  m->state_import.assign(n_states, Metrics{});
  m->state_import_weight.assign(n_states, 0.0);
  // From any other territory: the clearance depends only on the territory the cargo enters
  // and the mode, so it is looked up once per pair (a string key per state cost 1.2 M
  // instructions of a route command's 33 M).
  std::vector<std::optional<Metrics>> import_of(territories.size() * kModeCount);
  for (StateIndex s = 0; s < static_cast<StateIndex>(n_states); ++s) {
    const auto node = t.state_node[s];
    const auto territory = m->node_territory[node];
    if (territory < 0) continue;  // no country: no clearance
    auto& known = import_of[static_cast<std::size_t>(territory) * kModeCount + static_cast<std::size_t>(t.state_carrier[s].mode)];
    if (!known) known = cost.import_clearance_into(net.nodes[node].country, t.state_carrier[s].mode);
    m->state_import[s] = *known;
    if (m->state_import[s].time_h > 0) m->state_import_weight[s] = cost.weight(m->state_import[s]);
  }
  // Transit clearances (transit_clearance.csv) between territories the network has this year.
  for (const auto& [key, via] : net.time_model.transit_clearance) {
    const auto bar1 = key.find('|');
    const auto bar2 = key.find('|', bar1 + 1);
    const auto from_t = territories.find(key.substr(0, bar1));
    const auto to_t = territories.find(key.substr(bar1 + 1, bar2 - bar1 - 1));
    const auto mode = enum_parse<Mode>(key.substr(bar2 + 1));
    if (from_t == territories.end() || to_t == territories.end() || !mode) continue;
    if (const auto c = cost.transit_clearance(from_t->first, to_t->first, *mode); c && c->metrics.time_h > 0)
      m->transit_rules.push_back({from_t->second, to_t->second, *mode, c->territory, c->metrics, cost.weight(c->metrics)});
  }
  // Ordered, so that every run weighs and reports them alike.
  std::sort(m->transit_rules.begin(), m->transit_rules.end(), [](const auto& a, const auto& b) {
    return std::tie(a.origin_territory, a.destination_territory, a.mode) < std::tie(b.origin_territory, b.destination_territory, b.mode);
  });
  return m;
}

}  // namespace silkroute
