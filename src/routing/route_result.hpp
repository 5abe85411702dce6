#pragma once
// What a route request gives back: the answer and everything needed to read it (the network,
// the scenario and cargo class it was costed under, what was asked). It owns or shares all
// of it, so outputs made from it can never outlive what they read.

#include <memory>
#include <string>
#include <vector>

#include "routing/router.hpp"

namespace silkroute {

struct RouteResult {
  std::shared_ptr<const Network> network;
  Scenario scenario;
  CargoClass cargo;
  Objective objective = Objective::time;
  NodeIndex from = kNoNode;  // kNoNode when the origin is not a node (from_place joins by road)
  NodeIndex to = kNoNode;
  Place from_place;  // what was asked and how it was taken (places/place.hpp)
  Place to_place;
  std::vector<std::string> avoid;
  // The rail service that carries the trip's rail legs, and why: "requested", or the rule of
  // rail_services.csv that chose it (docs/time-model.md, "Rail services").
  RailService rail_service = RailService::express;
  std::string rail_service_reason;
  // Who drove the trip's trucks, and why: "requested", or the rule of road_crews.csv.
  RoadCrew road_crew = RoadCrew::single;
  std::string road_crew_reason;
  RouteAnswer answer;

  const Network& net() const { return *network; }
};

}  // namespace silkroute
