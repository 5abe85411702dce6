#pragma once
// Mode chains a planner would not weigh as an alternative, however the search found them.
// The search costs every leg by the model's figures, so it can stitch modes into a chain that
// is cheap enough on paper and absurd in practice: a ship that lands the cargo on one coast
// and takes it to sea again on another, a truck driving thousands of kilometres between two
// trains, rail that carries the cargo back toward where it started. These rules judge a
// candidate alternative against the best route (docs/cli.md, "Alternatives"); the fast method,
// its plain reference and the search for places joined by road apply them alike.

#include <string>

#include "network/network.hpp"
#include "routing/route.hpp"

namespace silkroute {

// A road stretch between two legs of other modes (a truck bridging two trains, a train and a
// ship) longer than this is no multimodal service: the pre- and on-carriage of published
// intermodal services is a few hundred kilometres (Kashgar-Osh between Chinese and Uzbek rail,
// about 500 km in the network); at this length the truck could as well drive the whole way.
inline constexpr double kMaxRoadBridgeKm = 1000;

// A leg off the sea (rail, road, inland water, ferry) that comes back toward the origin by more
// than this (great circle from the origin, against the farthest the cargo has been: any node
// of a leg off the sea, the ports where a sea leg takes and lands it) carries the cargo back
// over ground it has covered: a ship from Qingdao to Vietnam, then rail north through China
// and on to Europe (1,650 km back); a truck from Xi'an to the south coast, a ship, then rail
// back past Xi'an (920 km). Sea lanes follow coasts and are not judged. Legitimate routes of
// the survey in docs/cli.md come back at most 800 km (around the Caspian by land).
inline constexpr double kMaxBacktrackKm = 800;

// Why `candidate` is an absurd mode chain next to `best` (empty when it is not):
//   - sea, land, sea again: the cargo is landed and shipped again, more sea passages than
//     the best route has (at least one is always allowed);
//   - a road bridge: a road stretch between legs of other modes longer than kMaxRoadBridgeKm
//     and longer than the best route's own longest road bridge;
//   - backtracking: a leg off the sea returns toward the origin by more than kMaxBacktrackKm.
std::string absurd_mode_chain(const Network& net, const Route& candidate, const Route& best);

}  // namespace silkroute
