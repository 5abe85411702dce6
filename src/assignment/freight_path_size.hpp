#pragma once
// Path size: routes that share links are not independent alternatives. The logit's lower nest
// treats every route of a mode as a distinct choice, so a bundle of routes that differ only
// in a short stretch (two yards at the same border, two approaches to the same port) draws
// more of the pair than one route that shares nothing. The path-size logit (Ben-Akiva and
// Bierlaire 1999, "Discrete choice methods and their applications to short term travel
// decisions"; Frejinger and Bierlaire 2007, Transportation Research B 41(3)) corrects each
// route's utility by beta ln PS_r, with
//     PS_r = sum over the links a of r of (l_a / L_r) / N_a,
// l_a the link's length, L_r the route's, N_a the number of routes of the same nest (main
// mode) that use a: 1 for a route that shares nothing, 1/n for each of n identical routes.
// In costs (USD per TEU): the route's choice cost falls by beta ln(PS_r) / theta_route, so
// overlapping routes lose appeal (ln PS < 0 raises their cost).

#include <span>
#include <vector>

#include "assignment/freight_assignment.hpp"

namespace silkroute::assignment {

// Path size of each route among the routes of its own main mode. links[r] are route r's links
// (each counted once), link_length_km every link's length; a route of zero length has size 1.
std::vector<double> path_size_factors(const std::vector<MainMode>& mode, const std::vector<std::span<const LinkIndex>>& links,
                                      const std::vector<double>& link_length_km);

// Adds the path-size term to choice costs: cost[r] -= beta ln(path_size[r]) / theta_route.
void add_path_size_term(std::vector<double>& cost, const std::vector<double>& path_size, double beta, double theta_route);

}  // namespace silkroute::assignment
