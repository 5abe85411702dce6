#pragma once
// First-order trade effects of a change in trade costs, from structural gravity:
//   trade_B / trade_A = (tau_B / tau_A) ^ (-elasticity)
// where tau = 1 + (freight cost + value of time x transit time) / cargo value is the
// ad-valorem trade cost of moving one unit between two places. Partial equilibrium: prices,
// incomes and multilateral resistance are held fixed, so this overstates the effect of
// changes that lower costs to everyone at once and ignores trade diversion.

#include <string>
#include <vector>

#include "analysis/compare.hpp"

namespace silkroute {

// World Bank (2019) "Belt and Road Economics" used a trade-cost elasticity of about 5, the
// median of structural gravity estimates in Head & Mayer (2014).
inline constexpr double kDefaultTradeElasticity = 5.0;

struct PairImpact {
  std::string country_a;
  std::string country_b;
  int place_pairs = 0;
  double weight = 0;
  double time_change_pct = 0;
  double cost_change_pct = 0;
  double trade_cost_change_pct = 0;  // change in tau
  double trade_change_pct = 0;
};

struct CountryImpact {
  std::string country;
  double weight = 0;
  double trade_cost_change_pct = 0;
  double trade_change_pct = 0;  // weighted over its partners
};

struct TradeImpact {
  std::string scenario_a;
  std::string scenario_b;
  std::string cargo;
  double elasticity = kDefaultTradeElasticity;
  double value_usd_per_teu = 0;
  double value_of_time_usd_per_h = 0;
  std::vector<PairImpact> country_pairs;  // by trade change, largest first
  std::vector<CountryImpact> countries;   // by trade change, largest first
  double overall_trade_change_pct = 0;
  int pairs_excluded = 0;  // routed in only one scenario: not a marginal change
};

TradeImpact trade_impact(const Network& net, const Comparison& comparison, double elasticity);

}  // namespace silkroute
