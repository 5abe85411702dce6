#pragma once
// Freight assignment on a silkroute network: where the demand table's containers go when
// terminals, crossings, ferries and lines fill up. A nested logit chooses the mode (upper
// nest: sea, rail, road, air) and the route within it (lower nest), by cargo class, under
// generalized costs that include the waits at capacity-bound elements; averaging the flows
// towards the logit's answer, with a step from a line search (freight_step.hpp), finds the
// stochastic user equilibrium (Sheffi 1985, ch. 12). Routes are
// generated as the run goes (column generation): each iteration searches the engine's
// topology under a congested metric, a new Metric over the same graph, never a rebuild.

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "assignment/freight_capacity.hpp"
#include "assignment/freight_parameters.hpp"
#include "cost/cost_model.hpp"
#include "network/od_pair.hpp"
#include "routing/metric.hpp"
#include "routing/topology.hpp"
#include "scenario/scenario.hpp"
#include "util/enum_names.hpp"

namespace silkroute {
// The upper nest: a route's main mode is the one it runs the most kilometres on (inland
// waterways count as sea, ferries as rail: the Caspian ferries carry rail wagons).
#define SILKROUTE_MAIN_MODES(X) X(sea, "sea") X(rail, "rail") X(road, "road") X(air, "air")
SILKROUTE_ENUM(MainMode, unsigned char, SILKROUTE_MAIN_MODES)
// How far each iteration moves the flows towards the logit's answer (freight_step.hpp).
#define SILKROUTE_FREIGHT_STEP_RULES(X) X(conjugate, "conjugate") X(self_regulated, "sra") X(successive, "msa")
SILKROUTE_ENUM(FreightStepRule, unsigned char, SILKROUTE_FREIGHT_STEP_RULES)
}  // namespace silkroute

namespace silkroute::assignment {

inline constexpr int kMainModeCount = 4;

struct FreightDemand {
  NodeIndex from = kNoNode;
  NodeIndex to = kNoNode;
  double teu_per_year = 0;  // both directions together, as demand.csv counts
  std::string lane;
  std::string cargo;  // a cargo class id of the network
};

// A cargo class and its share of every pair's TEU.
struct CargoShare {
  std::string cargo;
  double share = 1.0;
};

// "general" or "general:0.8,electronics:0.2" -> shares (summing to 1; throws
// std::invalid_argument naming the part at fault, an unknown class with the known ones).
std::vector<CargoShare> parse_cargo_shares(const Network& net, const std::string& text);

// The demand table (demand.csv's pairs) as freight demand, each pair split over the cargo
// classes by their shares. Its `modes` column is read and ignored (the nested logit chooses
// modes): `warning` is set when a row has one.
std::vector<FreightDemand> freight_demand(const std::vector<OdPair>& pairs, const std::vector<CargoShare>& cargo,
                                          std::string* warning);
inline std::vector<FreightDemand> freight_demand(const std::vector<OdPair>& pairs, const std::string& cargo,
                                                 std::string* warning) {
  return freight_demand(pairs, std::vector<CargoShare>{{cargo, 1.0}}, warning);
}

struct FreightIteration {
  int iteration = 0;
  double flow_change = 0;  // sum |target - current| route flow / total demand, before the step
  int routes = 0;          // routes in the sets so far
  double max_utilization = 0;
};

struct FreightResult;

struct FreightOptions {
  int max_iterations = 1000;
  double tolerance = 1e-3;  // stop when flow_change falls below it
  bool capacities = true;   // false: no delays (the free-flow logit)
  int year = 0;             // capacities in force this year; 0: the scenario's year
  bool skip_unrouted = false;  // a pair with no route is left unserved (else an error)
  FreightStepRule step_rule = FreightStepRule::conjugate;
  std::function<void(const FreightIteration&)> progress;
  // A warm start: an earlier result of the same demand (not owned; it must outlive the call).
  // Each pair starts with its routes and flows there, less the routes this scenario closes
  // (their flow is spread over the pair's other routes in proportion to theirs), so the first
  // iteration prices the waits at those flows instead of at free flow, and the route sets
  // need not be found again; a pair that lost no route resumes the averaging with small
  // steps. Set by freight_criticality, whose failures each differ from the base run by one
  // element.
  const FreightResult* warm_start = nullptr;
};

struct FreightRoute {
  StateIndex first_state = -1;
  std::vector<EdgeIndex> edges;
  std::vector<LinkIndex> links;
  std::vector<int> elements;  // capacity elements passed
  MainMode mode = MainMode::sea;
  double base_cost_usd = 0;  // generalized cost without waits at elements
  double base_time_h = 0;
  double cost_usd = 0;  // at the final flows, waits included
  double wait_h = 0;    // at the final flows
  double teu_per_year = 0;
};

struct FreightPairResult {
  std::size_t demand = 0;  // index into the demand
  std::vector<FreightRoute> routes;
  std::array<double, kMainModeCount> mode_teu{};
  bool unrouted = false;  // no route at all (with skip_unrouted): its demand is not served
  double expected_cost_usd = 0;  // per TEU at the final costs: the nested logit's logsum
};

struct FreightElementResult {
  double flow_teu_per_year = 0;
  double utilization = 0;
  double delay_h = 0;
};

struct FreightResult {
  std::vector<FreightDemand> demand;
  std::vector<FreightElement> elements;
  std::vector<FreightElementResult> element_flows;
  std::vector<FreightPairResult> pairs;
  std::vector<double> link_teu_per_year;  // every link, both directions
  std::vector<FreightIteration> history;
  int iterations = 0;
  bool converged = false;
  FreightStepRule step_rule = FreightStepRule::conjugate;  // the rule that ran
  int year = 0;
  FreightParameters parameters;

  // What the served demand pays, USD a year: sum over pairs of TEU x expected cost (the
  // logsum, waits included); and the waits' part, sum over routes of TEU x wait cost.
  double total_cost_usd() const;
  double total_wait_cost_usd() const;
  double unserved_teu_per_year() const;

  // TEU a year by main mode over the pairs of the given lanes (all lanes when empty).
  std::array<double, kMainModeCount> mode_teu(const std::vector<std::string>& lanes = {}) const;
};

// Runs the assignment. Throws std::invalid_argument naming the cargo class or the pair when
// demand cannot be routed at all.
FreightResult assign_freight(const Network& net, std::shared_ptr<const Topology> topology, const Scenario& scenario,
                             const std::vector<FreightDemand>& demand, const FreightParameters& parameters,
                             const FreightOptions& options = {});

// The lanes whose rail volume counts as China-Europe rail (the calibration target).
const std::vector<std::string>& china_europe_lanes();

struct CalibrationStep {
  double theta_mode_per_usd = 0;
  double rail_teu_per_year = 0;
  double rail_constant_usd_per_teu = 0;
};
struct FreightCalibration {
  double theta_mode_per_usd = 0;
  double rail_teu_per_year = 0;
  double rail_constant_usd_per_teu = 0;
  bool reached = false;  // the target lies within the scale's range
  std::vector<CalibrationStep> steps;
};

// Fits rail's alternative-specific constant (between -20,000 and 20,000 USD a TEU) by bisection,
// with the scales as given, so that the China-Europe lanes carry rail_target_teu_per_year by
// rail in the calibration year: the usual way to match a nested logit to observed shares.
FreightCalibration calibrate_rail_constant(const Network& net, std::shared_ptr<const Topology> topology,
                                           const Scenario& scenario, const std::vector<FreightDemand>& demand,
                                           FreightParameters parameters, FreightOptions options);

struct ClassCalibrationStep {
  double rail_constant_usd_per_teu = 0;
  double air_constant_usd_per_teu = 0;
  double rail_share = 0;  // of the class's China-Europe TEU
  double air_share = 0;
};
struct ClassCalibration {
  std::string cargo;
  double rail_constant_usd_per_teu = 0;
  double air_constant_usd_per_teu = 0;
  double rail_share = 0, air_share = 0;
  std::optional<double> rail_target, air_target;
  bool reached = false;  // every target met within half a percentage point
  std::vector<ClassCalibrationStep> steps;
};

// Fits a cargo class's own rail and air constants (those of its share targets in
// parameters.classes) so that the class's China-Europe TEU go by rail and by air in the
// published shares. `demand` is the bundled demand as that class alone; each run assigns it
// as a marginal box (a hundredth of each pair) beside general cargo (the rest), with the
// capacities of the calibration year, so the class meets the waits of the traffic rail's
// constant is fitted to and its shares do not depend on a class mix no source gives. Each
// constant in turn by false position, for at most ten rounds. Throws std::invalid_argument when
// the class has no target.
ClassCalibration calibrate_class_constants(const Network& net, std::shared_ptr<const Topology> topology,
                                           const Scenario& scenario, const std::vector<FreightDemand>& demand,
                                           FreightParameters parameters, FreightOptions options, const std::string& cargo);

// Fits theta_mode (between 1e-5 and theta_route) by bisection on its logarithm so that the
// China-Europe lanes carry rail_target_teu_per_year by rail in the calibration year.
FreightCalibration calibrate_mode_scale(const Network& net, std::shared_ptr<const Topology> topology,
                                        const Scenario& scenario, const std::vector<FreightDemand>& demand,
                                        FreightParameters parameters, FreightOptions options);

}  // namespace silkroute::assignment
