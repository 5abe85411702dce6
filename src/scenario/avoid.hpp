#pragma once
// Reads "avoid" items as users write them: a country (ISO3 or name), a chokepoint (suez),
// a mode (air), a link id or a place. A prefix (country:, chokepoint:, mode:, link:, node:)
// settles ambiguous cases.

#include <stdexcept>
#include <string>

#include "network/place_finder.hpp"
#include "scenario/scenario.hpp"

namespace silkroute {

// The chokepoint names users may close: the usual straits and canals plus every tag in the data.
std::vector<std::string> known_chokepoints(const Network& net);

// Adds one item to the closures; throws std::invalid_argument naming the item, with
// "did you mean" where something close exists.
void add_avoid_item(const Network& net, const PlaceFinder& places, const std::string& item, Closures& closed);

}  // namespace silkroute
