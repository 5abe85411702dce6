#pragma once
// Pair files: the bundled demand table (TEU a year), a user's pair file, weights by country
// pair. Every problem is reported with file, line and column (io::DatasetError).

#include <string>
#include <vector>

#include "network/od_pair.hpp"

namespace silkroute {

// Reads a CSV with columns origin, destination and optionally teu_per_year or weight, lane,
// modes ("sea" or "rail|road|ferry") and source. Places are node ids, UN/LOCODEs or exact
// names. Every problem is reported with file, line and column (throws io::DatasetError).
std::vector<OdPair> read_od_pairs(const Network& net, const std::string& path);

// The network's bundled demand table (<network>/demand.csv); empty if it has none.
std::vector<OdPair> bundled_demand(const Network& net);

// Weights by country pair (CSV: origin,destination,weight with ISO3 codes or place ids),
// spread evenly over the pairs of places between the two countries. Pairs with no weight
// row get weight 0 and a country pair with weight but no place pair is reported.
void apply_country_weights(const Network& net, const std::string& path, std::vector<OdPair>& pairs);

}  // namespace silkroute
