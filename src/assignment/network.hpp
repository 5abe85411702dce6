#pragma once
// The road network and demand of a static user-equilibrium assignment, as read from TNTP
// files (TransportationNetworks): links with their volume-delay parameters, zones, and one
// demand table per traffic class.

#include <cstdint>
#include <string>
#include <vector>

namespace silkroute::assignment {

// Links as columns (one entry per link, in file order). Nodes are 0-based here; the file's
// own numbers are node + 1.
struct LinkTable {
  std::vector<std::int32_t> from, to;
  std::vector<double> capacity;        // flow units per period (veh/h in most TNTP files)
  std::vector<double> length;          // file units (miles, feet, km: see the network's README)
  std::vector<double> free_flow_time;  // file time units (minutes in most)
  std::vector<double> b;               // BPR B (alpha of the conical function, see volume_delay.hpp)
  std::vector<double> power;           // BPR power (conical alpha)
  std::vector<double> toll;
  std::vector<std::int32_t> link_type;
  std::vector<std::int32_t> file_line;  // where each link was read, for messages

  std::size_t size() const { return from.size(); }
};

struct AssignmentNetwork {
  std::string source;             // file the network was read from
  std::int32_t node_count = 0;
  std::int32_t zone_count = 0;    // zones are nodes 0 .. zone_count-1
  std::int32_t first_thru_node = 1;  // file numbering: nodes below it are never passed through
  double toll_factor = 0;         // generalized cost = time + toll_factor*toll + distance_factor*length
  double distance_factor = 0;
  LinkTable links;

  // A node that routes may not pass through (a zone below FIRST THRU NODE).
  bool blocks_through(std::int32_t node) const { return node + 1 < first_thru_node; }
};

// Demand of one class as a sparse table, origin by origin (origins ascending).
struct OdTable {
  std::vector<std::int32_t> origins;        // 0-based node of each origin with demand
  std::vector<std::int32_t> first;          // entries of origins[k]: first[k] .. first[k+1]-1
  std::vector<std::int32_t> destination;    // 0-based node
  std::vector<double> demand;               // flow units per period, > 0
  std::vector<std::int32_t> file_line;      // where each entry was read
  std::string source;
  double total() const;
};

// A class of travellers: its own demand, and its own weights on tolls and distance (its value
// of time, expressed as the minutes one unit of toll or distance is worth).
struct TrafficClass {
  std::string name;
  OdTable demand;
  double toll_factor = 0;
  double distance_factor = 0;
};

}  // namespace silkroute::assignment
