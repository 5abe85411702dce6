#pragma once
// A route as users read it: legs on one carrier, stops where cargo changes carrier or is
// loaded, border crossings, chokepoints passed, and totals that are the sum of all of them.

#include <optional>
#include <string>
#include <vector>

#include "cost/cost_model.hpp"
#include "network/network.hpp"
#include "util/enum_names.hpp"

namespace silkroute {

struct Leg {
  Carrier carrier;
  NodeIndex from = kNoNode;
  NodeIndex to = kNoNode;
  std::vector<NodeIndex> nodes;  // every node passed, from .. to
  std::vector<LinkIndex> links;
  Metrics metrics;    // running time plus waits for departures, freight cost, CO2, distance
  double wait_h = 0;  // part of metrics.time_h spent waiting for a departure
  double rest_h = 0;  // part of metrics.time_h drivers spend resting (drivers' hours)
  double call_h = 0;  // part of metrics.time_h a liner spends at calls on the way
  double transship_h = 0;  // part of metrics.time_h a box spends transshipped at a hub (feeder ports)
  std::vector<std::string> corridors;
  int order = 0;  // position among legs, stops and crossings
};

#define SILKROUTE_STOP_KINDS(X) \
  X(load, "load") X(dispatch, "dispatch") X(unload, "unload") X(mode_change, "mode change") X(gauge_change, "gauge change") \
  X(import_clearance, "import clearance") X(transit_clearance, "transit clearance")
SILKROUTE_ENUM(StopKind, unsigned char, SILKROUTE_STOP_KINDS)
inline std::string_view stop_kind_name(StopKind kind) { return enum_name(kind); }

struct Stop {
  StopKind kind = StopKind::load;
  NodeIndex node = kNoNode;
  std::optional<Carrier> from;
  std::optional<Carrier> to;
  double dwell_h = 0;
  double cost_usd = 0;
  int order = 0;
};

struct Crossing {
  NodeIndex from_node = kNoNode;
  NodeIndex to_node = kNoNode;
  Mode mode = Mode::rail;
  BorderCost cost;
  int order = 0;
};

// The first or last mile of a place that is not a node: by road between the place and the
// terminal where it joins the network (cost/access_leg.hpp). The place itself is the
// request's (RouteResult::from_place / to_place).
struct AccessLeg {
  NodeIndex terminal = kNoNode;
  double great_circle_km = 0;
  Metrics metrics;          // the drive plus loading (unloading) the truck at the place
  double handling_h = 0;    // part of metrics.time_h spent loading or unloading
  double handling_cost_usd = 0;
  int order = 0;
  double rest_h = 0;  // part of metrics.time_h drivers spend resting
};

struct Passage {
  std::string chokepoint;
  LinkIndex link = -1;
};

// Where a route's hours go. door to door (time_h) = moving + waits + rests + calls + transshipments + dispatch
// + handling + transfers + borders (import clearance included, as published transit times count it); terminal to terminal (transit_h) leaves out loading and
// train assembly at the origin and unloading at the destination: it runs from departure to
// arrival, which is what operators and the press publish as transit times.
struct TimeBreakdown {
  double moving_h = 0;    // running on links
  double wait_h = 0;      // waiting for departures
  double rest_h = 0;      // drivers' rest on the road
  double call_h = 0;      // a liner's calls at ports on the way
  double transship_h = 0; // transshipment at a hub for a feeder port: the wait for the feeder and the connection
  double dispatch_h = 0;  // assembling and dispatching the first departure at the origin (door to door only)
  double handling_h = 0;  // loading at the origin and unloading at the destination
  double transfer_h = 0;  // mode and gauge changes on the way
  double border_h = 0;    // border crossings, and import clearance where the cargo enters its destination's customs territory
  double transit_h = 0;   // terminal to terminal: time_h less handling_h, dispatch_h and access_h
  double access_h = 0;    // first and last mile by road, places that are not nodes (handling apart)
};

struct Route {
  std::vector<Leg> legs;
  std::vector<Stop> stops;
  std::vector<Crossing> crossings;
  std::vector<Passage> passages;
  Metrics total;
  TimeBreakdown time;
  double generalized_cost_usd = 0;
  std::vector<std::string> corridors;  // in order of first use
  std::vector<std::string> countries;  // in order of first visit
  std::string label;                   // "rail via Dostyk, Malaszewicze"
  std::optional<AccessLeg> access;     // the first mile, when the origin is not a node
  std::optional<AccessLeg> egress;     // the last mile, when the destination is not a node
  std::vector<LinkIndex> links() const;
};

}  // namespace silkroute
