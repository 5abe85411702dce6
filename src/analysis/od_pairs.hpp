#pragma once
// Origin-destination pairs with weights: the bundled demand table (TEU a year), a user's
// pair file, a list of places, or every pair of places of one kind.

#include <set>
#include <string>
#include <vector>

#include "network/network.hpp"

namespace silkroute {

struct OdPair {
  NodeIndex from = kNoNode;
  NodeIndex to = kNoNode;
  double weight = 1.0;     // TEU a year in the demand table; 1 when unweighted
  std::string lane;        // demand lane (asia_europe_sea, china_europe_rail, ...), may be empty
  std::set<Mode> modes;    // modes the flow may use; empty: any mode the cargo allows
};

// Reads a CSV with columns origin, destination and optionally teu_per_year or weight, lane,
// modes ("sea" or "rail|road|ferry") and source. Places are node ids, UN/LOCODEs or exact
// names. Every problem is reported with file, line and column (throws io::DatasetError).
std::vector<OdPair> read_od_pairs(const Network& net, const std::string& path);

// The network's bundled demand table (<network>/demand.csv); empty if it has none.
std::vector<OdPair> bundled_demand(const Network& net);

// Every ordered-once pair (a < b) among the given places.
std::vector<OdPair> all_pairs(const std::vector<NodeIndex>& places);

// The nodes of one kind ("city", "seaport", ...); throws std::invalid_argument on an unknown kind.
std::vector<NodeIndex> nodes_of_kind(const Network& net, const std::string& kind);

// Weights by country pair (CSV: origin,destination,weight with ISO3 codes or place ids),
// spread evenly over the pairs of places between the two countries. Pairs with no weight
// row get weight 0 and a country pair with weight but no place pair is reported.
void apply_country_weights(const Network& net, const std::string& path, std::vector<OdPair>& pairs);

}  // namespace silkroute
