#include "output/market_rates.hpp"

namespace silkroute::output {

std::vector<LaneRate> market_rates_on(const Network& net, const Scenario& scenario, const Route& route) {
  std::vector<LaneRate> out;
  for (const auto& rate : scenario.market_rates) {
    const auto from = net.node_by_id(rate.from);
    const auto to = net.node_by_id(rate.to);
    if (!from || !to) continue;  // check_scenario_ids refuses these before routing
    for (std::size_t i = 0; i < route.legs.size(); ++i) {
      if (route.legs[i].carrier.mode != rate.mode || route.legs[i].from != *from) continue;
      // The lane may call at ports on the way (a transshipment splits legs): follow the
      // legs of the same mode until the lane's end.
      double cost = 0;
      for (std::size_t j = i; j < route.legs.size() && route.legs[j].carrier.mode == rate.mode; ++j) {
        cost += route.legs[j].metrics.cost_usd;
        if (route.legs[j].to == *to) {
          out.push_back({&rate, i, j, cost});
          break;
        }
      }
    }
  }
  return out;
}

}  // namespace silkroute::output
