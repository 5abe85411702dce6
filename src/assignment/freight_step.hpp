#pragma once
// The step rules of the freight assignment: how far each iteration moves the route flows
// towards the nested logit's answer to their costs (the "target").
//
// - self-regulated averaging (Liu, He and He, 'Method of successive weighted averages (MSWA)
//   and self-regulated averaging schemes for solving stochastic user equilibrium problem',
//   Networks and Spatial Economics 9, 2009): the step is 1/beta; beta starts at 1 and grows
//   by 2 after an iteration whose flows ended further from their target than the one before
//   (an overshoot), by 0.1 after one that came closer. The steps still sum to infinity with
//   squares that sum finitely (Blum's conditions), but stay long while they work.
// - the method of successive averages (Sheffi 1985, ch. 12): step 1/k, the textbook baseline.
// - conjugate directions with a line search (the default): the flows move towards a point that
//   mixes the logit's answer with the previous point so that successive directions are
//   conjugate under the curvature of the equilibrium's objective (below), as conjugate
//   Frank-Wolfe does for deterministic equilibrium (Mitradjieva and Patriksson 2013), by the
//   step that minimizes that objective along the direction, found by bisection on its slope (a
//   line search on the logit's objective: Chen and Alfa 1991, Transportation Planning and
//   Technology 16(1); Maher 1998, Transportation Research B 32(8)).
//
// The objective (Fisk 1980, Transportation Research B 14(3); its nested form as in Bekhor and
// Prashker 1999, Transportation Research Record 1676), in hours, each class's costs divided by
// its value of time so that the waits, which every class pays in hours, make it one function:
//     Z(f) = sum_e integral_0^{v_e} W_e  +  sum_pairs (1/vot) [ sum_r f_r k_r + (1/theta_route) sum_r f_r ln f_r
//            + (1/theta_mode - 1/theta_route) sum_m F_m ln F_m ]
// with W_e an element's wait at its flow v_e, k_r a route's cost without waits (its base cost,
// mode constant and path-size term, USD), F_m a pair's flow by main mode. Its minimum, with each
// pair's flows summing to its demand, is where the flows equal the nested logit's shares of
// their own costs (theta_mode below theta_route keeps it convex), and (target - flow) descends.
// Where an element's wait is steep (the M/D/1 queue fed for a year grows by half a year's excess
// past capacity), averaging steps must shrink to about the inverse of that steepness before the
// flows settle; the line search takes the step the objective asks for instead. Where several
// near-full elements compete for the same boxes (under the Red Sea closure, the yards at
// Altynkol and Dostyk, Erenhot, Malaszewicze and the Baltic ports, all above 96%), the objective
// is a narrow valley and steps along the logit's answer alone zig-zag across it (880
// iterations there); conjugate directions follow the valley (about 130).

#include <vector>

#include <functional>

#include "assignment/freight_assignment.hpp"  // FreightStepRule, FreightRoute

namespace silkroute::assignment {

// The rule's name in prose, for the outputs ("self-regulated averaging").
const char* step_rule_description(FreightStepRule rule);

// Averaging steps: beta, the inverse of the step of iteration `iteration` (from 1), given the
// flow change measured before it (sum |target - flow|). Self-regulated averaging keeps its
// beta between calls.
class AveragingSteps {
 public:
  explicit AveragingSteps(FreightStepRule rule) : rule_(rule) {}
  double next_beta(int iteration, double change);

 private:
  FreightStepRule rule_;
  double beta_ = 1, last_change_ = 0;
};

// One pair of demand as the line search sees it: per route its flow, target, cost without
// waits (k_r above, USD), main mode and elements; and the class's value of time.
struct LineSearchPair {
  const std::vector<double>* flow = nullptr;
  const std::vector<double>* target = nullptr;
  std::vector<double> fixed_usd;
  std::vector<MainMode> modes;
  const std::vector<FreightRoute>* routes = nullptr;
  double value_of_time_usd_per_h = 1;
};

// The step in (0, 1] that minimizes Z along (target - flow) for every pair at once: bisection
// on Z's slope, which rises with the step (Z is convex). element_wait_h(i, v) is element i's
// wait at flow v; element_flow the elements' flows at the current route flows.
double line_search_step(const std::vector<LineSearchPair>& pairs, const std::vector<double>& element_flow,
                        const std::function<double(int, double)>& element_wait_h, double theta_route_per_usd,
                        double theta_mode_per_usd);

// Z's curvature between two directions u and v (per pair, per route: changes of flow):
// u' H v, with the waits' slopes taken by central differences. Infinite where a route without
// flow would change (its entropy term's curvature).
double curvature(const std::vector<LineSearchPair>& pairs, const std::vector<double>& element_flow,
                 const std::function<double(int, double)>& element_wait_h, double theta_route_per_usd,
                 double theta_mode_per_usd, const std::vector<std::vector<double>>& u,
                 const std::vector<std::vector<double>>& v);

// Conjugate directions, as in conjugate Frank-Wolfe (Mitradjieva and Patriksson 2013,
// Transportation Science 47(2)): the share of the previous point (pairs' targets) to mix into
// the logit's answer so that the new direction is conjugate to the previous one under Z's
// curvature, in [0, 0.99]; 0 where the route sets differ or a curvature is not finite.
double conjugate_mix(const std::vector<LineSearchPair>& pairs, const std::vector<double>& element_flow,
                     const std::function<double(int, double)>& element_wait_h, double theta_route_per_usd,
                     double theta_mode_per_usd, const std::vector<std::vector<double>>& previous_target);

}  // namespace silkroute::assignment
