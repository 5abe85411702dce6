// Conjugate Frank-Wolfe (Mitradjieva and Patriksson 2013, "The stiff is moving - conjugate
// direction Frank-Wolfe methods with applications to traffic assignment", Transportation
// Science 47(2)): the target mixes the previous target into the all-or-nothing flows so that
// successive directions are conjugate; far fewer zig-zags than Frank-Wolfe near equilibrium.
#include <algorithm>

#include "assignment/link_based.hpp"

namespace silkroute::assignment {

double conjugate_weight(const std::vector<double>& h, const std::vector<double>& x_total, const std::vector<double>& y_total,
                        const std::vector<double>& s1_total) {
  double num = 0, den = 0;
  for (std::size_t a = 0; a < h.size(); ++a) {
    const double d1 = s1_total[a] - x_total[a];
    num += h[a] * d1 * (y_total[a] - x_total[a]);
    den += h[a] * d1 * (y_total[a] - s1_total[a]);
  }
  if (den == 0) return 0.0;
  return std::clamp(num / den, 0.0, 1.0 - 1e-5);
}

namespace {

class ConjugateFrankWolfeRule : public DirectionRule {
 public:
  void target(const LinkFlows& x, const LinkFlows& y, const std::vector<double>& h, LinkFlows& s) override {
    if (!have_previous_) {
      s = y;
    } else {
      const double alpha = conjugate_weight(h, x.total, y.total, previous_.total);
      for (std::size_t c = 0; c < s.by_class.size(); ++c)
        for (std::size_t a = 0; a < s.by_class[c].size(); ++a)
          s.by_class[c][a] = alpha * previous_.by_class[c][a] + (1 - alpha) * y.by_class[c][a];
      s.sum_classes();
    }
    previous_ = s;
    have_previous_ = true;
  }
  // A full step (or none) leaves no useful previous direction: start again from Frank-Wolfe.
  void took_step(double step) override {
    if (step >= 1.0 || step <= 0.0) have_previous_ = false;
  }

 private:
  LinkFlows previous_;
  bool have_previous_ = false;
};

}  // namespace

std::unique_ptr<DirectionRule> make_conjugate_frank_wolfe_rule() { return std::make_unique<ConjugateFrankWolfeRule>(); }

}  // namespace silkroute::assignment
