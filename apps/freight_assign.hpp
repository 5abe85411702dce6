#pragma once
// silkroute assign --network/--scenario: freight assignment on a silkroute network
// (capacities, waits, nested logit of mode and route). Part of the assign command.
#include <string>
#include <vector>

namespace silkroute::app {

struct FreightAssignOptions {
  std::string network, scenario = "today", cargo = "general", out;
  int year = 0;  // 0: the scenario's
  int max_iterations = 1000;
  double tolerance = 1e-3;
  std::string step_rule = "conjugate";  // freight_step.hpp: conjugate, sra or msa
  int top = 25;
  int criticality = 0;  // > 0: fail the N most loaded capacity elements one by one
  std::vector<std::string> compare;  // two scenarios (A B): both assigned and compared
  bool no_capacities = false, calibrate = false, force = false, quiet = false;
  bool cold_start = false;  // criticality: each failure from free flow, not from the base run
};

int run_freight_assign(const FreightAssignOptions& o);

}  // namespace silkroute::app
