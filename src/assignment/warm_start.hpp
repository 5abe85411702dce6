#pragma once
// A warm start must be a feasible flow for this problem's demand: at every node, each
// class's inflow minus outflow equals the demand ending there minus the demand starting
// there. Flows from another demand or another network are refused instead of silently
// producing an equilibrium of something else.

#include "assignment/problem.hpp"

namespace silkroute::assignment {

// Throws std::invalid_argument naming the worst node and class when the imbalance exceeds
// `relative_tolerance` of the class's total demand.
void check_flow_conservation(const AssignmentProblem& problem, const LinkFlows& flows, double relative_tolerance = 1e-6);

}  // namespace silkroute::assignment
