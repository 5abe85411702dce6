#pragma once
// The portable form of a scenario: canonical JSON (keys sorted, every field, ids only) and
// the same content as a scenario TOML file. The JSON text is the key caches use and what a
// sweep sends to its workers; a scenario read back from either form equals the original.

#include <nlohmann/json.hpp>
#include <string>

#include "scenario/scenario.hpp"

namespace silkroute {

nlohmann::json scenario_to_json(const Scenario& scenario);
// Strict: an unknown key or a value of the wrong type throws ScenarioError naming its path.
// Ids are not checked against a network here: check_scenario_ids does that.
Scenario scenario_from_json(const nlohmann::json& json);

// Throws ScenarioError naming the first id the network does not have, with "did you mean".
void check_scenario_ids(const Network& net, const Scenario& scenario);

// Canonical JSON text: equal scenarios give equal text.
std::string scenario_key(const Scenario& scenario);
// A short hash of the key (FNV-1a, 16 hex digits), for names and database rows.
std::string scenario_hash(const Scenario& scenario);

// A scenario file with the same content, readable by parse_scenario.
std::string scenario_to_toml(const Network& net, const Scenario& scenario);

}  // namespace silkroute
