#pragma once
// The nested logit of mode and route: a pair's demand splits over the main modes (upper nest)
// by their composite costs, and within a mode over its routes (lower nest):
//     P(r | m) = exp(-theta_route c_r) / sum over r' in m of exp(-theta_route c_r')
//     C_m      = -(1 / theta_route) ln sum over r in m of exp(-theta_route c_r)   (the logsum)
//     P(m)     = exp(-theta_mode C_m) / sum over m' of exp(-theta_mode C_m')
// with costs in USD per TEU and 0 < theta_mode <= theta_route (McFadden 1978; Ben-Akiva and
// Lerman 1985, ch. 10). Computed relative to each nest's cheapest route, so large costs
// never overflow.

#include <vector>

#include "assignment/freight_assignment.hpp"

namespace silkroute::assignment {

// Share of each route (its main mode and cost); the shares sum to 1.
std::vector<double> nested_logit_shares(const std::vector<MainMode>& mode, const std::vector<double>& cost, double theta_route,
                                        double theta_mode);

// The expected cost of the choice (USD per TEU): -(1/theta_mode) ln sum over m of exp(-theta_mode C_m),
// the logsum, the nested logit's measure of what a pair's shippers pay (Williams 1977). Unlike
// the flow-weighted mean cost it never falls when an alternative is taken away.
double nested_logit_expected_cost(const std::vector<MainMode>& mode, const std::vector<double>& cost, double theta_route,
                                  double theta_mode);

}  // namespace silkroute::assignment
