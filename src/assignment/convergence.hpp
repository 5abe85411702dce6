#pragma once
// How far a flow pattern is from user equilibrium, and the objective the algorithms minimise.
//
// Relative gap = (TSTT - SPTT) / TSTT, with TSTT = sum over links and classes of
// flow * generalized cost at the current flows and SPTT = sum over OD pairs of demand *
// shortest-path generalized cost at the same costs. It is 0 exactly at equilibrium.
// Beckmann objective = sum over links of the integral of the travel time from 0 to the link's
// total volume, plus each class's fixed costs (toll, distance) times its volume.

#include <vector>

#include "assignment/problem.hpp"

namespace silkroute::assignment {

double total_system_travel_time(const AssignmentProblem& problem, const LinkFlows& flows, const std::vector<double>& time);
double beckmann_objective(const AssignmentProblem& problem, const LinkFlows& flows);
double relative_gap(double tstt, double sptt);

}  // namespace silkroute::assignment
