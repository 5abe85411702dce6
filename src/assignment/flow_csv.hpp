#pragma once
// The result file of an assignment, a CSV in the network file's own node numbering:
//   init_node,term_node,flow,cost[,flow_<class>...]
// one row per link in the network file's order; flow is the total volume, cost the link's
// generalized cost (travel time + toll_factor*toll + distance_factor*length of the first
// class) at that volume; with several classes, each class's volume follows. Also read back
// as a warm start, and flows files of other tools are matched to links the same way.

#include <string>
#include <vector>

#include "assignment/problem.hpp"

namespace silkroute::assignment {

// Writes to a temporary file next to `path`, then renames it over `path`, so a reader never
// sees half a file. Throws std::invalid_argument when `path` exists and !overwrite.
void write_flows_csv(const std::string& path, const AssignmentProblem& problem, const AssignmentResult& result, bool overwrite);

// Reads a file written by write_flows_csv (same network, same classes): LinkFlows for a
// warm start. Throws io::DatasetError naming file, line and column.
LinkFlows read_flows_csv(const std::string& path, const AssignmentProblem& problem);

struct RowKey {
  std::int32_t init_node = 0, term_node = 0;  // file numbering
  int line = 0;
};

// The link each row describes: rows in the network's link order match one to one; otherwise
// each (init_node, term_node) must name exactly one link. Throws io::DatasetError.
std::vector<std::int32_t> match_rows_to_links(const AssignmentNetwork& net, const std::vector<RowKey>& rows,
                                              const std::string& file);

}  // namespace silkroute::assignment
