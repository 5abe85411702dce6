#pragma once
// Turns network elements into time, money and CO2 for one cargo class under one scenario,
// and combines them into the weight an objective minimizes. Kept apart from the graph and
// the search (as Valhalla's costing is), so a new cargo or objective needs no new algorithm.

#include <optional>
#include <string>
#include <vector>

#include "network/network.hpp"
#include "util/enum_names.hpp"
#include "scenario/scenario.hpp"

namespace silkroute {

#define SILKROUTE_OBJECTIVES(X) X(time, "time") X(cost, "cost") X(co2, "co2") X(generalized, "generalized")
SILKROUTE_ENUM(Objective, unsigned char, SILKROUTE_OBJECTIVES)
// The names, plus "fastest" and "cheapest".
std::optional<Objective> parse_objective(std::string_view text);
inline std::string_view objective_name(Objective objective) { return enum_name(objective); }

struct Metrics {
  double time_h = 0;
  double cost_usd = 0;
  double co2_kg = 0;
  double distance_km = 0;

  Metrics& operator+=(const Metrics& o) {
    time_h += o.time_h;
    cost_usd += o.cost_usd;
    co2_kg += o.co2_kg;
    distance_km += o.distance_km;
    return *this;
  }
};

// What a border costs to cross, and why.
struct BorderCost {
  std::string from_country;
  std::string to_country;
  double dwell_h = 0;
  double fee_usd = 0;
  std::string regime;                   // "customs union EAEU" or "border rule"
  std::vector<std::string> agreements;  // ids of agreements that reduced it
};

// How an objective turns metrics into the one number a search minimizes. A tiny share of
// generalized cost breaks ties sensibly (among equally fast routes, the cheaper one).
struct Weighting {
  Objective objective = Objective::time;
  double value_of_time_usd_per_h = 0;
  double carbon_price_usd_per_t = 0;

  double generalized_cost_usd(const Metrics& m) const;
  double weight(const Metrics& m) const;
};

// One link traversed: running, waiting for a departure, and the border if it crosses one.
struct LinkCost {
  Metrics running;  // time_h is running time only
  double wait_h = 0;  // boarded on the way (a connection at a hub): half the headway, plus a flight's connection
  // Boarded at a booked departure (the route's origin, or just after a change of carrier): a
  // flight is booked, so its cargo meets the departure within the acceptance time and does not
  // wait half its headway. Equal to wait_h for every other mode.
  double booked_wait_h = 0;
  double rest_h = 0;  // drivers' rest a truck takes on it (drivers' hours of the region)
  double call_h = 0;  // a liner's calls at ports on the way
  std::optional<BorderCost> border;

  Metrics total() const;
  // total() boarded at a booked departure.
  Metrics booked_total() const;
};

class CostModel {
 public:
  CostModel(const Network& net, const CargoClass& cargo, Objective objective, const Scenario& scenario);

  LinkCost link_cost(LinkIndex link) const;
  Metrics transfer_cost(const Transfer& transfer) const;
  // Loading at the origin or unloading at the destination.
  Metrics handling_cost(Mode mode) const;
  // Driving (and drivers' rest) over road_km of a standard road in a country (ISO3): what a
  // first- or last-mile truck takes. The flat road speed of modes.csv without a time model.
  struct RoadTime {
    double drive_h = 0;
    double rest_h = 0;
  };
  RoadTime road_time(double road_km, const std::string& country) const;
  // Hours a truck stands for its drivers' rest per hour driven in a region: the region's drivers'
  // hours for one driver, the multi-manning rule for a crew of two (road_crew()).
  double road_rest_per_drive_h(Region region) const;
  // Assembling and dispatching a train at the origin hub: door to door, not in transit time.
  Metrics dispatch_cost(Mode mode) const;
  // A box that leaves or reaches a port no mainline service calls at (port_services.csv) is
  // transshipped at the port's hub: the wait for the feeder (half its headway) and the
  // connection (sea_transshipment_h). Zero for every other port. Where a route is charged it
  // is the routing metric's business: at its ends, unless the other end is the hub itself.
  Metrics transshipment(NodeIndex port) const;
  // The hub of a feeder port, kNoNode for any other node (or a hub the network lacks).
  NodeIndex feeder_hub(NodeIndex port) const;
  // The regions whose direct services call at such a port (port_services.csv: direct_from), as bits
  // 1 << Region: a box between the port and a place there is not transshipped. 0 for every other port.
  std::uint16_t feeder_direct_regions(NodeIndex port) const;
  std::optional<BorderCost> border_cost(const std::string& from_country, const std::string& to_country, Mode mode) const;
  // The customs territory a country belongs to in the scenario's year: its union (EAEU, EU)
  // once it has joined, else the country itself.
  std::string customs_territory(const std::string& country) const;
  // The wait for import clearance of a route that ends in `to_country` arriving by `mode`
  // from `from_country` (clearance.csv, times import_clearance_factor): only where the cargo
  // enters another customs territory; none for transit, domestic or intra-union trips.
  Metrics import_clearance(const std::string& from_country, const std::string& to_country, Mode mode) const;
  // The same clearance for cargo from any other territory.
  Metrics import_clearance_into(const std::string& to_country, Mode mode) const;
  // The clearance a trip from customs territory `from` to territory `to` by `mode` also waits
  // where it enters a territory it only crosses (transit_clearance.csv: China-Central Asia
  // trains at the EAEU's gauge change), with that territory; none where no rule names the pair.
  struct TransitClearance {
    std::string territory;
    Metrics metrics;
  };
  std::optional<TransitClearance> transit_clearance(const std::string& from, const std::string& to, Mode mode) const;

  // The value the objective minimizes (see Weighting).
  double weight(const Metrics& m) const { return weighting_.weight(m); }
  double generalized_cost_usd(const Metrics& m) const { return weighting_.generalized_cost_usd(m); }
  const Weighting& weighting() const { return weighting_; }

  const Network& network() const { return net_; }
  const CargoClass& cargo() const { return cargo_; }
  Objective objective() const { return weighting_.objective; }
  const Scenario& scenario() const { return scenario_; }
  bool mode_allowed(Mode mode) const;
  // The rail service of the trip (Scenario::rail_service; express when unset).
  RailService rail_service() const { return scenario_.rail_service.value_or(RailService::express); }
  // Who drives the trip's trucks (Scenario::road_crew; one driver when unset).
  RoadCrew road_crew() const { return scenario_.road_crew.value_or(RoadCrew::single); }

 private:
  const ModeOverride* mode_override(Mode mode) const;
  // The structured time model's speed for a link before scenario overrides (km/h).
  double model_speed_kmh(LinkIndex link) const;
  std::optional<Region> link_region(LinkIndex link) const;

  // The network must outlive the model (costing runs while a Metric is customized); the
  // cargo class and the scenario are copied, so temporaries passed in cannot dangle.
  const Network& net_;
  CargoClass cargo_;
  Scenario scenario_;
  Weighting weighting_;
};

}  // namespace silkroute
