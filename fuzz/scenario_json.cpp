// The portable scenario form (canonical JSON: what a sweep sends to its workers and caches
// key on), read strictly; what it accepts must travel unchanged through JSON and through
// the TOML form, which parse_scenario reads with the same limits.

#include "fuzz_support.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/scenario_json.hpp"

using namespace silkroute;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& net = fuzz::mini_network();
  const auto j = nlohmann::json::parse(fuzz::as_text(data, size), nullptr, false);
  if (j.is_discarded()) return 0;
  Scenario s;
  try {
    s = scenario_from_json(j);
    check_scenario_ids(net, s);
  } catch (const std::invalid_argument&) {
    return 0;
  }
  if (!(scenario_from_json(scenario_to_json(s)) == s)) fuzz::finding("the JSON round trip changes the scenario");
  Scenario back;
  try {
    back = parse_scenario(net, scenario_to_toml(net, s), "roundtrip.toml");
  } catch (const std::invalid_argument& e) {
    fuzz::finding(std::string("the TOML door refuses what the JSON door took: ") + e.what());
  }
  back.sources = s.sources;
  back.name = s.name;
  if (!(scenario_key(back) == scenario_key(s))) fuzz::finding("the TOML round trip changes the scenario: " + scenario_key(s) + " became " + scenario_key(back));
  return 0;
}
