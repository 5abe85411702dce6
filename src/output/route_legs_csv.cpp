#include "output/route_legs_csv.hpp"

#include "io/csv_writer.hpp"

namespace silkroute::output {

std::string route_legs_csv(const RouteResult& ctx) {
  const auto& net = ctx.net();
  using io::csv_number;
  std::string out = io::csv_row({"route", "route_label", "leg", "mode", "gauge_mm", "from", "from_id", "to", "to_id",
                                 "distance_km", "time_h", "wait_h", "cost_usd", "co2_kg", "corridors"});
  for (std::size_t i = 0; i < ctx.answer.routes.size(); ++i) {
    const auto& r = ctx.answer.routes[i];
    for (std::size_t k = 0; k < r.legs.size(); ++k) {
      const auto& leg = r.legs[k];
      std::string corridors;
      for (const auto& c : leg.corridors) corridors += (corridors.empty() ? "" : "|") + c;
      out += io::csv_row({std::to_string(i + 1), r.label, std::to_string(k + 1), std::string(mode_name(leg.carrier.mode)),
                          leg.carrier.mode == Mode::rail ? std::to_string(leg.carrier.gauge_mm) : "",
                          net.nodes[leg.from].name, net.nodes[leg.from].id, net.nodes[leg.to].name, net.nodes[leg.to].id,
                          csv_number(leg.metrics.distance_km), csv_number(leg.metrics.time_h), csv_number(leg.wait_h),
                          csv_number(leg.metrics.cost_usd), csv_number(leg.metrics.co2_kg), corridors});
    }
  }
  return out;
}

}  // namespace silkroute::output
