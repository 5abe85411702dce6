#pragma once
// Pairs made from places: every pair among a list, the places of one kind. Pair files are
// read in io/od_pairs_reader.

#include <set>
#include <string>
#include <vector>

#include "network/network.hpp"
#include "network/od_pair.hpp"

namespace silkroute {


// Every ordered-once pair (a < b) among the given places.
std::vector<OdPair> all_pairs(const std::vector<NodeIndex>& places);

// The nodes of one kind ("city", "seaport", ...); throws std::invalid_argument on an unknown kind.
std::vector<NodeIndex> nodes_of_kind(const Network& net, const std::string& kind);

}  // namespace silkroute
