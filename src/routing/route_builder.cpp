#include "routing/route_builder.hpp"

#include <algorithm>

#include "network/names.hpp"

namespace silkroute {

std::vector<LinkIndex> Route::links() const {
  std::vector<LinkIndex> out;
  for (const auto& leg : legs) out.insert(out.end(), leg.links.begin(), leg.links.end());
  return out;
}

namespace {

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

std::string make_label(const Network& net, const Route& r) {
  std::vector<std::string> chain;
  double total_km = 0;
  for (const auto& leg : r.legs) total_km += leg.metrics.distance_km;
  for (const auto& leg : r.legs) {
    if (leg.metrics.distance_km < 0.02 * total_km) continue;  // first/last-mile trucking is not the corridor
    const std::string m(mode_name(leg.carrier.mode));
    if (chain.empty() || chain.back() != m) chain.push_back(m);
  }
  std::string label;
  for (const auto& m : chain) label += (label.empty() ? "" : "+") + m;
  // Name what tells corridors apart: frontier posts with a customs stop, ferry crossings, sea passages.
  std::vector<std::string> via;
  for (const auto& leg : r.legs)
    if (mode_traits(leg.carrier.mode).names_crossing) add_unique(via, net.nodes[leg.from].name + "-" + net.nodes[leg.to].name);
  for (const auto& p : r.passages) add_unique(via, chokepoint_phrase(p.chokepoint));
  for (const auto& c : r.crossings)
    // The ends are not "via": a border at the destination is named by the destination.
    if ((c.cost.dwell_h > 0 || c.cost.fee_usd > 0) && c.to_node != r.legs.back().to && c.to_node != r.legs.front().from)
      add_unique(via, net.nodes[c.to_node].name);
  if (via.size() > 4) via.resize(4);
  if (!via.empty()) {
    label += " via ";
    for (std::size_t i = 0; i < via.size(); ++i) label += (i ? ", " : "") + via[i];
  }
  return label;
}

}  // namespace

Route build_route(const Network& net, const Topology& g, const Metric& metric, const StatePath& path) {
  return build_route(net, g, metric, path, RouteEnds{});
}

Route build_route(const Network& net, const Topology& g, const Metric& metric, const StatePath& path,
                  const RouteEnds& ends) {
  // Legs are built first, then totals, then the label (which reads the legs).
  Route r;
  int order = 0;
  const auto first_carrier = g.state_carrier[path.first_state];
  const auto origin = g.state_node[path.first_state];
  if (ends.access) {
    r.access = ends.access;
    r.access->order = order++;
  }
  if (!ends.access || ends.loaded_after_access) {
    const auto& m = metric.state_handling[path.first_state];
    r.stops.push_back({StopKind::load, origin, std::nullopt, first_carrier, m.time_h, m.cost_usd, order++});
    const auto& d = metric.state_dispatch[path.first_state];
    if (d.time_h > 0 || d.cost_usd > 0)
      r.stops.push_back({StopKind::dispatch, origin, std::nullopt, first_carrier, d.time_h, d.cost_usd, order++});
  }
  add_unique(r.countries, net.nodes[origin].country);

  // A feeder port's transshipment at its hub (Metric::state_transship) is shown on the sea leg
  // that leaves or reaches the port.
  auto add_transship = [](Leg& l, double hours) {
    l.metrics.time_h += hours;
    l.transship_h += hours;
  };
  double transship_pending_h = 0;  // loaded onto a ship at a feeder port: for the next leg

  Leg* leg = nullptr;
  StateIndex at = path.first_state;
  for (auto e : path.edges) {
    const auto& edge = g.edges[e];
    if (edge.kind == EdgeKind::carrier_change) {
      const auto c1 = g.state_carrier[at];
      const auto c2 = g.state_carrier[edge.to];
      const auto kind = c1.mode == c2.mode ? StopKind::gauge_change : StopKind::mode_change;
      auto m = metric.edge_metrics[e];
      if (metric.state_feeder_hub[at] != kNoNode && metric.state_direct_regions[at] == 0) {
        const double hours = metric.state_transship[at].time_h;
        m.time_h -= hours;
        if (r.legs.empty()) transship_pending_h += hours;
        else add_transship(r.legs.back(), hours);
      }
      if (metric.state_feeder_hub[edge.to] != kNoNode && metric.state_direct_regions[edge.to] == 0) {
        m.time_h -= metric.state_transship[edge.to].time_h;
        transship_pending_h += metric.state_transship[edge.to].time_h;
      }
      r.stops.push_back({kind, g.state_node[at], c1, c2, m.time_h, m.cost_usd, order++});
      leg = nullptr;
      at = edge.to;
      continue;
    }
    const auto& link = net.links[edge.ref];
    const bool forward = edge.kind == EdgeKind::link_forward;
    const NodeIndex a = forward ? link.from : link.to;
    const NodeIndex b = forward ? link.to : link.from;
    if (!leg) {
      r.legs.push_back({});
      leg = &r.legs.back();
      leg->carrier = link.carrier();
      leg->from = a;
      leg->nodes.push_back(a);
      leg->order = order++;
      if (transship_pending_h > 0) {
        add_transship(*leg, transship_pending_h);
        transship_pending_h = 0;
      }
    }
    const auto& lc = metric.link_cost[edge.ref];
    // Boarded from a departure state: at a booked departure (LinkCost::booked_wait_h).
    const double wait_h = g.is_departure(at) ? lc.booked_wait_h : lc.wait_h;
    leg->to = b;
    leg->nodes.push_back(b);
    leg->links.push_back(edge.ref);
    leg->metrics += lc.running;
    leg->metrics.time_h += wait_h + lc.rest_h + lc.call_h;
    leg->wait_h += wait_h;
    leg->rest_h += lc.rest_h;
    leg->call_h += lc.call_h;
    for (const auto& c : link.corridors) {
      add_unique(leg->corridors, c);
      add_unique(r.corridors, c);
    }
    if (!link.chokepoint.empty() && (r.passages.empty() || r.passages.back().chokepoint != link.chokepoint))
      r.passages.push_back({link.chokepoint, edge.ref});
    if (const auto* border = metric.border_of(edge.ref)) {
      // The cost model prices a crossing per link; a crossing in the reverse direction
      // names the countries as travelled.
      auto crossing = *border;
      if (!forward) std::swap(crossing.from_country, crossing.to_country);
      r.crossings.push_back({a, b, link.mode, crossing, order++});
      // A crossing with a stop splits the leg so the table reads in travel order.
      if (border->dwell_h > 0 || border->fee_usd > 0) leg = nullptr;
    }
    add_unique(r.countries, net.nodes[b].country);
    at = edge.to;
  }
  // A route that starts or ends by sea at a feeder port is transshipped at the hub, unless its
  // other end is that hub (a destination place, joined by road, is not).
  if (!r.legs.empty()) {
    if (metric.transshipped(path.first_state, ends.egress ? kNoNode : g.state_node[at]))
      add_transship(r.legs.front(), metric.state_transship[path.first_state].time_h);
    if (metric.transshipped(at, origin)) add_transship(r.legs.back(), metric.state_transship[at].time_h);
  }
  // A route that brings its cargo into another customs territory waits for import clearance
  // where it arrives (transit through a territory does not).
  if (metric.imports(g, at, origin)) {
    const auto& m = metric.state_import[at];
    r.stops.push_back({StopKind::import_clearance, g.state_node[at], g.state_carrier[at], std::nullopt, m.time_h,
                       m.cost_usd, order++});
  }
  // A trip that also waits where it entered a territory it only crossed (transit_clearance.csv):
  // reported at its destination, with the rule that charges it.
  if (const auto* t = metric.transit(g, at, origin))
    r.stops.push_back({StopKind::transit_clearance, g.state_node[at], g.state_carrier[at], std::nullopt, t->metrics.time_h,
                       t->metrics.cost_usd, order++});
  if (!ends.egress || ends.unloaded_before_egress) {
    const auto last = g.state_carrier[at];
    const auto& m = metric.state_handling[at];
    r.stops.push_back({StopKind::unload, g.state_node[at], last, std::nullopt, m.time_h, m.cost_usd, order++});
  }
  if (ends.egress) {
    r.egress = ends.egress;
    r.egress->order = order++;
  }

  for (const auto& l : r.legs) r.total += l.metrics;
  for (const auto& s : r.stops) {
    r.total.time_h += s.dwell_h;
    r.total.cost_usd += s.cost_usd;
  }
  for (const auto& c : r.crossings) {
    r.total.time_h += c.cost.dwell_h;
    r.total.cost_usd += c.cost.fee_usd;
  }
  for (const auto& l : r.legs) {
    r.time.moving_h += l.metrics.time_h - l.wait_h - l.rest_h - l.call_h - l.transship_h;
    r.time.wait_h += l.wait_h;
    r.time.rest_h += l.rest_h;
    r.time.call_h += l.call_h;
    r.time.transship_h += l.transship_h;
  }
  for (const auto& s : r.stops) {
    if (s.kind == StopKind::load || s.kind == StopKind::unload) r.time.handling_h += s.dwell_h;
    else if (s.kind == StopKind::dispatch) r.time.dispatch_h += s.dwell_h;
    else if (s.kind == StopKind::import_clearance || s.kind == StopKind::transit_clearance) r.time.border_h += s.dwell_h;
    else r.time.transfer_h += s.dwell_h;
  }
  for (const auto& c : r.crossings) r.time.border_h += c.cost.dwell_h;
  // First and last miles: their drive is access time, their loading handling; neither is
  // terminal to terminal.
  for (const auto* a : {&r.access, &r.egress}) {
    if (!*a) continue;
    r.total += (*a)->metrics;
    r.time.access_h += (*a)->metrics.time_h - (*a)->handling_h;
    r.time.handling_h += (*a)->handling_h;
  }
  // Published transit times run from the train's departure: neither loading, train assembly
  // nor the first and last miles are in them.
  r.time.transit_h = r.total.time_h - r.time.handling_h - r.time.dispatch_h - r.time.access_h;
  r.generalized_cost_usd = metric.weighting.generalized_cost_usd(r.total);
  r.label = make_label(net, r);
  return r;
}


Metrics path_metrics(const Topology& topology, const Metric& metric, const StatePath& path) {
  const StateIndex last = path.edges.empty() ? path.first_state : topology.edges[path.edges.back()].to;
  const auto origin = topology.state_node[path.first_state];
  // Summed in the order the trees carry figures (ShortestPathTree, TreeSearch): the start's
  // steps, the edges, then the end's.
  Metrics m = metric.state_handling[path.first_state];
  m += metric.state_dispatch[path.first_state];
  if (metric.transshipped(path.first_state, topology.state_node[last])) m += metric.state_transship[path.first_state];
  for (auto e : path.edges) m += metric.edge_metrics[e];
  m += metric.state_handling[last];
  m += metric.clearance(topology, last, origin);
  if (metric.transshipped(last, origin)) m += metric.state_transship[last];
  return m;
}

}  // namespace silkroute
