#pragma once
// Readers for the TNTP files of the TransportationNetworks collection: the network
// (<NAME>_net.tntp), the trip table (<NAME>_trips.tntp) and link flows (<NAME>_flow.tntp,
// the best-known solutions). Every problem is reported with file, line and field and
// thrown as io::DatasetError (the command line exits 2).

#include <string>
#include <vector>

#include "assignment/network.hpp"

namespace silkroute::assignment {

// Metadata: <NUMBER OF ZONES>, <NUMBER OF NODES>, <FIRST THRU NODE>, <NUMBER OF LINKS>,
// optional <TOLL FACTOR> and <DISTANCE FACTOR>. Links: init_node term_node capacity length
// free_flow_time b power [speed toll link_type] ;
AssignmentNetwork read_tntp_network(const std::string& path);

// "Origin o" blocks of "d : flow;" entries. Intrazonal entries (o == d) and zeros are
// dropped (they load no link); the <TOTAL OD FLOW> in the metadata, when given, must match
// the sum of all entries. Zones must lie in 1..zone_count of the network.
OdTable read_tntp_trips(const std::string& path, std::int32_t zone_count);

struct LinkFlowRow {
  std::int32_t init_node = 0;  // file numbering
  std::int32_t term_node = 0;
  double flow = 0;
  double cost = 0;
  int line = 0;
};

// "From To Volume Cost" rows (the best-known solutions).
std::vector<LinkFlowRow> read_tntp_flows(const std::string& path);

}  // namespace silkroute::assignment
