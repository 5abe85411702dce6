#pragma once
// Where the network is fragile: each link, node, border and chokepoint the demand uses is
// failed alone, and the demand's total generalized cost is recomputed. Only the pairs whose
// best route uses the failed element are routed again: a failure elsewhere cannot change
// a best route (costs do not depend on flows in this model). A failure is a mask over the
// scenario's metric (the failed element's edges closed), never a new graph or a re-costing.

#include <string>
#include <vector>

#include "analysis/pair_routing.hpp"
#include "util/enum_names.hpp"

namespace silkroute {

#define SILKROUTE_ELEMENT_KINDS(X) X(link, "link") X(node, "node") X(border, "border") X(chokepoint, "chokepoint")
SILKROUTE_ENUM(ElementKind, unsigned char, SILKROUTE_ELEMENT_KINDS)
inline std::string_view element_kind_name(ElementKind kind) { return enum_name(kind); }

struct CriticalElement {
  ElementKind kind = ElementKind::link;
  std::string id;    // link or node id, "CHN-KAZ", "suez"
  std::string name;  // for people: "Alashankou - Dostyk (rail)", "Dostyk (KAZ)"
  int pairs_affected = 0;
  double affected_weight = 0;      // TEU a year on routes through the element
  double cut_off_weight = 0;       // of which left with no route at all
  double extra_cost_usd = 0;       // rise of the demand's generalized cost, rerouted flows only
  double extra_time_h_per_unit = 0;  // weighted mean delay of the rerouted flows
  // The largest affected flow and where it goes instead.
  std::string example_pair;
  std::string moves_to;  // route label after the failure, or "no route"
  double score_usd = 0;  // extra cost plus cut-off demand at its baseline cost (ranking key)
};

struct CriticalityResult {
  std::string scenario;
  std::string cargo;
  Objective objective = Objective::generalized;
  int pairs = 0;
  int pairs_routed = 0;
  double demand_weight = 0;
  double base_cost_usd = 0;  // generalized cost of all routed demand
  std::vector<CriticalElement> elements;  // by score, largest first
  // Work done, for the record: failures tried, pair routes recomputed, wall time.
  int elements_tested = 0;
  long long pairs_recomputed = 0;
  double seconds = 0;
};

CriticalityResult criticality(const Network& net, RoutingCache& cache, const Scenario& scenario,
                              const std::vector<OdPair>& pairs, const PairRoutingOptions& options);

// The edges a failed element closes: a link's two edges; every edge into or out of a node's
// states; the crossings of a border by modes that stop at borders; the links of a chokepoint.
std::vector<EdgeIndex> edges_of_element(const Network& net, const Topology& topology, ElementKind kind,
                                        const std::string& id);

}  // namespace silkroute
