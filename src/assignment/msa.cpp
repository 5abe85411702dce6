// Method of successive averages: step 1/k towards the all-or-nothing flows. Converges, but
// slowly; kept as the textbook baseline.
#include "assignment/link_based.hpp"

namespace silkroute::assignment {

namespace {
class MsaRule : public DirectionRule {
 public:
  void target(const LinkFlows&, const LinkFlows& y, const std::vector<double>&, LinkFlows& s) override { s = y; }
  // Iteration k moves to x_{k+1} = x_k + (y_k - x_k) / (k + 1): the average of all loadings.
  double fixed_step(int iteration) const override { return 1.0 / (iteration + 1.0); }
};
}  // namespace

std::unique_ptr<DirectionRule> make_msa_rule() { return std::make_unique<MsaRule>(); }

}  // namespace silkroute::assignment
