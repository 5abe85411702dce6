#pragma once
// The capacity-bound elements of a silkroute network in one scenario year: each capacities.csv
// element (a line, a terminal or border station, a carrier change, all crossings between two
// countries) with its capacity in TEU a year, how it delays (a queue or a line's volume-delay
// function) and where it sits on the routing topology, so a route knows which elements it
// passes and a congested metric knows which edges to slow down.

#include <string>
#include <vector>

#include "assignment/freight_parameters.hpp"
#include "network/network.hpp"
#include "routing/metric.hpp"
#include "routing/topology.hpp"

namespace silkroute::assignment {

enum class DelayKind : unsigned char { queue, line };

struct FreightElement {
  CapacityElement element = CapacityElement::link;
  std::string id;    // as in capacities.csv
  std::string name;  // for people: "Małaszewicze", "Aktau-Baku ferry", "BLR-POL"
  std::string kind;  // line, ferry, port, terminal, border station, gauge change, transfer, border
  DelayKind delay = DelayKind::queue;
  double capacity_teu_per_year = 0;  // both directions, against demand.csv's both-way TEU
  double batch_teu = 0;              // a train, sailing or truck: the queue's customer
  double free_time_h = 0;            // lines: running time the volume-delay function scales
  // The capacities.csv row in force: its value, unit, year and source.
  double source_value = 0;
  CapacityUnit source_unit = CapacityUnit::teu_per_year;
  int source_year = kAlwaysOpen;
  std::string source;
  // Where it sits: link-edges and carrier-change edges that pass it (links, transfers and
  // borders), or the node and the modes it serves there (terminals, ports, border stations).
  std::vector<EdgeIndex> edges;
  NodeIndex node = kNoNode;
  std::vector<Mode> node_modes;
};

// The elements in force in `year` (the latest capacities.csv row of each element dated at or
// before it), converted to TEU a year with the parameters' factors. Rows for elements the
// scenario closes are kept (they carry no flow). Deterministic order: capacities.csv order.
std::vector<FreightElement> freight_elements(const Network& net, const Topology& topology, const Metric& metric,
                                             const FreightParameters& p, int year);

// The capacity of one row in TEU a year, both directions (see freight_assignment.csv).
double capacity_teu_per_year(double value, CapacityUnit unit, const FreightParameters& p);

}  // namespace silkroute::assignment
