#pragma once
// Criticality with capacities: each loaded capacity-bound element fails alone and the freight
// assignment runs again, so a failure's cost includes the congestion it causes on the
// alternatives (their waits rise as the diverted flow fills them), not only the longer routes.

#include <string>
#include <vector>

#include "assignment/freight_assignment.hpp"

namespace silkroute::assignment {

struct FreightFailure {
  std::string element;  // link, node, transfer, border
  std::string id;
  std::string name;
  double flow_teu_per_year = 0;  // what it carried before failing
  // Rise of the served demand's generalized cost (USD a year), waits included, plus the
  // unserved demand's cost before the failure.
  double failure_cost_usd = 0;
  // Of that, the change of the waits at the elements still in use after the failure: the
  // congestion it causes on the alternatives (negative: it relieves them).
  double added_wait_cost_usd = 0;
  double unserved_teu_per_year = 0;
  std::string busiest_alternative;  // the element whose utilization rose the most
  double busiest_alternative_utilization = 0;
  int iterations = 0;  // of the assignment without it
  bool converged = false;
};

struct FreightCriticality {
  double base_cost_usd = 0;
  double base_wait_cost_usd = 0;
  std::vector<FreightFailure> failures;  // by failure cost, highest first
};

// Fails each of the `top` most loaded capacity elements of `base` (a run of the same inputs)
// in turn: a line closes its link, a terminal or port its node, a carrier change the node it
// is at, a border every crossing between the two countries. With `warm_start` (the default)
// each failure's assignment starts from the base run's routes and flows, less those through
// the failed element, instead of from free flow: the same equilibrium in fewer iterations
// (docs/assignment.md, "Criticality with capacities").
FreightCriticality freight_criticality(const Network& net, std::shared_ptr<const Topology> topology,
                                       const Scenario& scenario, const std::vector<FreightDemand>& demand,
                                       const FreightParameters& parameters, FreightOptions options,
                                       const FreightResult& base, int top, bool warm_start = true);

std::string freight_criticality_table(const FreightCriticality& c);
std::string freight_criticality_csv(const FreightCriticality& c);
std::string freight_criticality_json(const FreightCriticality& c, const std::string& scenario_name);

}  // namespace silkroute::assignment
