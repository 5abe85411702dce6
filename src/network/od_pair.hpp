#pragma once
// An origin-destination pair with its weight: what analyses route many of.

#include <set>
#include <string>

#include "network/network.hpp"

namespace silkroute {

struct OdPair {
  NodeIndex from = kNoNode;
  NodeIndex to = kNoNode;
  double weight = 1.0;     // TEU a year in the demand table; 1 when unweighted
  std::string lane;        // demand lane (asia_europe_sea, china_europe_rail, ...), may be empty
  std::set<Mode> modes;    // modes the flow may use; empty: any mode the cargo allows
};

}  // namespace silkroute
