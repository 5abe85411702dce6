#pragma once
// A scenario is an overlay on one network: which year's projects exist, what is closed,
// and price settings. Route-time "avoid" options are closures too.

#include <set>
#include <string>

#include "network/network.hpp"

namespace silkroute {

inline constexpr int kLatestYear = 9999;

struct Closures {
  std::set<std::string> countries;    // ISO3
  std::set<NodeIndex> nodes;
  std::set<LinkIndex> links;
  std::set<std::string> chokepoints;  // link chokepoint tags
  std::set<Mode> modes;

  bool empty() const { return countries.empty() && nodes.empty() && links.empty() && chokepoints.empty() && modes.empty(); }
};

struct Scenario {
  std::string name = "today";
  int year = kLatestYear;  // projects opened after this year are absent
  Closures closed;
  double carbon_price_usd_per_t = 0;

  bool node_open(const Network& net, NodeIndex n) const;
  bool link_open(const Network& net, LinkIndex l) const;
  bool transfer_open(const Network& net, const Transfer& t) const;
};

}  // namespace silkroute
