#pragma once
// The step along a search direction that minimises the Beckmann objective: the lambda in
// [0, 1] where its derivative, sum_a D_a * t_a(v_a + lambda D_a) + fixed_slope, changes sign.
// D is the direction of the total volume; fixed_slope is the classes' fixed costs times their
// directions (constant in lambda). Bisection: the derivative is monotone (t is increasing).

#include <vector>

#include "assignment/volume_delay.hpp"

namespace silkroute::assignment {

double line_search_step(const VolumeDelay& vdf, const std::vector<double>& volume, const std::vector<double>& direction,
                        double fixed_slope);

}  // namespace silkroute::assignment
