// Frank-Wolfe (LeBlanc et al. 1975): the linearised problem's solution, the all-or-nothing
// flows, is the target; the step is the exact line search.
#include "assignment/link_based.hpp"

namespace silkroute::assignment {

namespace {
class FrankWolfeRule : public DirectionRule {
 public:
  void target(const LinkFlows&, const LinkFlows& y, const std::vector<double>&, LinkFlows& s) override { s = y; }
};
}  // namespace

std::unique_ptr<DirectionRule> make_frank_wolfe_rule() { return std::make_unique<FrankWolfeRule>(); }

}  // namespace silkroute::assignment
