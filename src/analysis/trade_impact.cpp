#include "analysis/trade_impact.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "routing/router.hpp"

namespace silkroute {

TradeImpact trade_impact(const Network& net, const Comparison& c, double elasticity) {
  TradeImpact out;
  out.scenario_a = c.scenario_a;
  out.scenario_b = c.scenario_b;
  out.cargo = c.cargo;
  out.elasticity = elasticity;
  const auto& cargo = cargo_for(net, c.cargo);
  out.value_usd_per_teu = cargo.value_usd_per_teu;
  out.value_of_time_usd_per_h = cargo.value_of_time_usd_per_h();
  auto tau = [&](const Route& r) {
    return 1.0 + (r.total.cost_usd + out.value_of_time_usd_per_h * r.total.time_h) / out.value_usd_per_teu;
  };

  struct Sum {
    int n = 0;
    double w = 0, log_tau = 0, time_pct = 0, cost_pct = 0;
  };
  std::map<CountryPair, Sum> by_pair;
  bool any_weight = false;
  for (const auto& pc : c.pairs) any_weight = any_weight || pc.pair.weight > 0;
  for (const auto& pc : c.pairs) {
    if (!pc.both()) {
      if (pc.a || pc.b) ++out.pairs_excluded;
      continue;
    }
    const auto& ca = net.nodes[pc.pair.from].country;
    const auto& cb = net.nodes[pc.pair.to].country;
    if (ca.empty() || cb.empty() || ca == cb) continue;  // domestic flows are not trade
    const double w = any_weight ? pc.pair.weight : 1.0;
    auto& s = by_pair[country_pair(ca, cb)];
    ++s.n;
    s.w += w;
    s.log_tau += w * std::log(tau(*pc.b) / tau(*pc.a));
    s.time_pct += w * pc.time_change_pct();
    s.cost_pct += w * pc.cost_change_pct();
  }

  std::map<std::string, Sum> by_country;
  double total_w = 0, total_trade = 0;
  for (const auto& [key, s] : by_pair) {
    if (s.w <= 0) continue;
    PairImpact p;
    p.country_a = key.first;
    p.country_b = key.second;
    p.place_pairs = s.n;
    p.weight = s.w;
    const double d_log_tau = s.log_tau / s.w;
    p.trade_cost_change_pct = 100.0 * (std::exp(d_log_tau) - 1.0);
    p.trade_change_pct = 100.0 * (std::exp(-elasticity * d_log_tau) - 1.0);
    p.time_change_pct = s.time_pct / s.w;
    p.cost_change_pct = s.cost_pct / s.w;
    out.country_pairs.push_back(p);
    for (const auto& country : {key.first, key.second}) {
      auto& cs = by_country[country];
      cs.w += s.w;
      cs.log_tau += s.w * d_log_tau;
      cs.time_pct += s.w * p.trade_change_pct;  // reused: weighted trade change
    }
    total_w += s.w;
    total_trade += s.w * p.trade_change_pct;
  }
  for (const auto& [country, s] : by_country)
    out.countries.push_back({country, s.w, 100.0 * (std::exp(s.log_tau / s.w) - 1.0), s.time_pct / s.w});
  if (total_w > 0) out.overall_trade_change_pct = total_trade / total_w;
  std::sort(out.country_pairs.begin(), out.country_pairs.end(), [](const auto& a, const auto& b) {
    return a.trade_change_pct != b.trade_change_pct ? a.trade_change_pct > b.trade_change_pct
                                                    : std::tie(a.country_a, a.country_b) < std::tie(b.country_a, b.country_b);
  });
  std::sort(out.countries.begin(), out.countries.end(), [](const auto& a, const auto& b) {
    return a.trade_change_pct != b.trade_change_pct ? a.trade_change_pct > b.trade_change_pct : a.country < b.country;
  });
  return out;
}

}  // namespace silkroute
