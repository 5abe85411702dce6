#pragma once
// All-or-nothing loading: every origin's demand on its shortest-path tree at fixed link
// costs, in parallel over origins. Origins are grouped in fixed blocks and the blocks'
// volumes are added in block order, so the result is the same for any thread count.

#include <vector>

#include "assignment/problem.hpp"

namespace silkroute::assignment {

struct AonResult {
  LinkFlows flows;
  double sptt = 0;  // sum over classes and OD pairs of demand * shortest path cost
  std::vector<double> sptt_by_class;
};

// time: travel time per link; each class adds its fixed cost. threads 0: all hardware threads.
AonResult all_or_nothing(const AssignmentProblem& problem, const std::vector<double>& time, int threads);

// Runs fn(i) for i in [0, n) on `threads` workers taking indexes in order (0: hardware threads).
void parallel_for(std::size_t n, int threads, const std::function<void(std::size_t, int worker)>& fn);
int resolve_threads(int threads);

}  // namespace silkroute::assignment
