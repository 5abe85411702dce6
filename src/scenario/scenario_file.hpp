#pragma once
// Scenario files (TOML): a year, closures, border policy, parameter overrides, and an
// optional base scenario to extend. The format is documented in docs/scenarios.md.
// Every error names the file, the line and the key; unknown ids get "did you mean".

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace silkroute {

class ScenarioError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// A bundled scenario name (a file <network>/scenarios/NAME.toml) or a path to a file.
Scenario load_scenario(const Network& net, const std::string& name_or_path);

// Parses scenario text; `source` names it in messages and anchors relative `extends` paths.
Scenario parse_scenario(const Network& net, const std::string& text, const std::filesystem::path& source);

struct BundledScenario {
  std::string name;
  std::string description;
  std::filesystem::path path;
};
// The scenarios shipped with a network (its scenarios/ folder), by name.
std::vector<BundledScenario> bundled_scenarios(const Network& net);

}  // namespace silkroute
