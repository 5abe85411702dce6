#pragma once
// Algorithm B (Dial 2006, "A path-based user-equilibrium traffic assignment algorithm that
// obviates path storage and enumeration", Transportation Research B 40(10)): one acyclic
// bush per origin and class; within each bush, flow moves from the longest used path to the
// shortest path into each node, segment by segment, with Newton steps. Bushes grow by links
// that shorten paths and shed unused ones. Reaches relative gaps of 1e-10 and below.

#include "assignment/problem.hpp"

namespace silkroute::assignment {

// Bushes are processed one after the other (each shift changes the costs the next one sees),
// so the result does not depend on options.threads; the gap's shortest paths run in parallel.
AssignmentResult run_algorithm_b(const AssignmentProblem& problem, const AssignmentOptions& options);

}  // namespace silkroute::assignment
