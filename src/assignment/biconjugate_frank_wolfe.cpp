// Bi-conjugate Frank-Wolfe (Mitradjieva and Patriksson 2013): the target combines the
// all-or-nothing flows with the last two targets, conjugate to both previous directions.
// After a restart it takes one Frank-Wolfe and one conjugate step before bi-conjugate ones.
#include <algorithm>

#include "assignment/link_based.hpp"

namespace silkroute::assignment {

namespace {

class BiconjugateFrankWolfeRule : public DirectionRule {
 public:
  void target(const LinkFlows& x, const LinkFlows& y, const std::vector<double>& h, LinkFlows& s) override {
    const std::size_t classes = s.by_class.size();
    double beta0 = 1, beta1 = 0, beta2 = 0;
    if (steps_ == 1) {
      const double alpha = conjugate_weight(h, x.total, y.total, s1_.total);
      beta0 = 1 - alpha;
      beta1 = alpha;
    } else if (steps_ >= 2) {
      // Totals of the vectors the two conjugacy conditions are written in.
      const std::size_t m = h.size();
      double mu_num = 0, mu_den = 0, nu_num = 0, nu_den = 0;
      for (std::size_t a = 0; a < m; ++a) {
        const double xv = tau_ * s1_.total[a] + (1 - tau_) * s2_.total[a] - x.total[a];
        const double yv = y.total[a] - x.total[a];
        const double zv = s1_.total[a] - x.total[a];
        const double wv = s2_.total[a] - s1_.total[a];
        mu_num += h[a] * xv * yv;
        mu_den += h[a] * xv * wv;
        nu_num += h[a] * zv * yv;
        nu_den += h[a] * zv * zv;
      }
      const double mu = mu_den != 0 ? std::max(0.0, -mu_num / mu_den) : 0.0;
      const double nu = nu_den != 0 ? std::max(0.0, -nu_num / nu_den + mu * tau_ / (1 - tau_)) : 0.0;
      beta0 = 1 / (1 + mu + nu);
      beta1 = nu * beta0;
      beta2 = mu * beta0;
    }
    for (std::size_t c = 0; c < classes; ++c)
      for (std::size_t a = 0; a < s.by_class[c].size(); ++a)
        s.by_class[c][a] = beta0 * y.by_class[c][a] + beta1 * (steps_ >= 1 ? s1_.by_class[c][a] : 0.0) +
                           beta2 * (steps_ >= 2 ? s2_.by_class[c][a] : 0.0);
    s.sum_classes();
    if (steps_ >= 1) s2_ = s1_;
    s1_ = s;
    ++steps_;
  }
  void took_step(double step) override {
    tau_ = step;
    if (step >= 1.0 || step <= 0.0) steps_ = 0;  // restart from a Frank-Wolfe step
  }

 private:
  LinkFlows s1_, s2_;  // the last two targets
  double tau_ = 0;     // the last step
  int steps_ = 0;      // targets since the last restart
};

}  // namespace

std::unique_ptr<DirectionRule> make_biconjugate_frank_wolfe_rule() { return std::make_unique<BiconjugateFrankWolfeRule>(); }

}  // namespace silkroute::assignment
