#pragma once
// The loop shared by the link-based algorithms (MSA, Frank-Wolfe, conjugate and bi-conjugate
// Frank-Wolfe): all-or-nothing at the current costs gives the gap and the auxiliary flows y;
// a direction rule turns y into a target s; the flows move to x + step * (s - x).

#include <memory>
#include <vector>

#include "assignment/problem.hpp"

namespace silkroute::assignment {

class DirectionRule {
 public:
  virtual ~DirectionRule() = default;
  // The target s (per class) of the next step from x, given the all-or-nothing flows y and
  // the derivative of the travel time of each link at x.
  virtual void target(const LinkFlows& x, const LinkFlows& y, const std::vector<double>& derivative, LinkFlows& s) = 0;
  // A predetermined step for this iteration (MSA), or a negative value for a line search.
  virtual double fixed_step(int /*iteration*/) const { return -1.0; }
  // The step that was taken (conjugate rules restart after a full step).
  virtual void took_step(double /*step*/) {}
};

std::unique_ptr<DirectionRule> make_msa_rule();
std::unique_ptr<DirectionRule> make_frank_wolfe_rule();
std::unique_ptr<DirectionRule> make_conjugate_frank_wolfe_rule();
std::unique_ptr<DirectionRule> make_biconjugate_frank_wolfe_rule();

// rule null: all-or-nothing only (one loading at free-flow times, no equilibration).
AssignmentResult run_link_based(const AssignmentProblem& problem, const AssignmentOptions& options, DirectionRule* rule);

// sum over links of h_a * (sum over classes of u_ca) * (sum over classes of w_ca): the
// products the conjugate rules use (the Hessian of the objective acts on total volumes).
double hessian_product(const std::vector<double>& h, const std::vector<double>& u_total, const std::vector<double>& w_total);

}  // namespace silkroute::assignment

namespace silkroute::assignment {
// Conjugate Frank-Wolfe weight alpha of the previous target s1 (Mitradjieva and Patriksson
// 2013): the new target alpha*s1 + (1-alpha)*y is conjugate to the previous direction with
// respect to the Hessian diag(h). Clamped to [0, 1 - 1e-5] so y always contributes.
double conjugate_weight(const std::vector<double>& h, const std::vector<double>& x_total, const std::vector<double>& y_total,
                        const std::vector<double>& s1_total);
}  // namespace silkroute::assignment
