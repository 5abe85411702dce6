// Scenario files (TOML) and their `extends` chains, on the small test network: the input is
// main.toml, and "=== base.toml" lines add more files next to it for it to extend.

#include <cmath>

#include "fuzz_support.hpp"
#include "scenario/scenario_file.hpp"

using namespace silkroute;

namespace {

void check_factor(double f, const char* what) {
  if (!std::isfinite(f) || f < 0) fuzz::finding(std::string("accepted a scenario whose ") + what + " is not a finite factor");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& net = fuzz::mini_network();
  const auto dir = fuzz::fresh_dir("scenario");
  for (const auto& [name, text] : fuzz::split_files(fuzz::as_text(data, size), "main.toml")) fuzz::write_file(dir / name, text);
  try {
    const auto s = load_scenario(net, (dir / "main.toml").string());
    if (!std::isfinite(s.carbon_price_usd_per_t) || s.carbon_price_usd_per_t < 0) fuzz::finding("accepted a bad carbon price");
    for (const auto& [mode, o] : s.mode_overrides) {
      check_factor(o.speed_factor, "mode speed_factor");
      check_factor(o.cost_factor, "mode cost_factor");
      if (o.speed_factor == 0) fuzz::finding("accepted a mode speed_factor of 0");
    }
    for (const auto& [id, o] : s.link_overrides) {
      check_factor(o.speed_factor, "link speed_factor");
      check_factor(o.departures_factor, "link departures_factor");
      if (o.speed_factor == 0 || o.departures_factor == 0) fuzz::finding("accepted a link factor of 0");
    }
    for (const auto& [key, o] : s.transfer_overrides) check_factor(o.dwell_factor, "transfer dwell_factor");
    for (const auto& o : s.border_overrides) {
      check_factor(o.dwell_factor, "border dwell_factor");
      check_factor(o.fee_factor, "border fee_factor");
    }
    for (const auto& a : s.added_agreements)
      if (a.year < 0 || a.year > kLatestYear) fuzz::finding("accepted an agreement year out of range");
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
