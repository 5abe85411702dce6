#include "assignment/problem.hpp"

#include <filesystem>
#include <stdexcept>

#include "io/dataset_issue.hpp"

namespace silkroute::assignment {

Algorithm algorithm_from_name(const std::string& name) {
  if (name == "aon") return Algorithm::aon;
  if (name == "msa") return Algorithm::msa;
  if (name == "fw") return Algorithm::fw;
  if (name == "cfw") return Algorithm::cfw;
  if (name == "bfw") return Algorithm::bfw;
  if (name == "b") return Algorithm::b;
  throw std::invalid_argument("unknown assignment algorithm '" + name + "' (expected aon, msa, fw, cfw, bfw or b)");
}

std::string algorithm_name(Algorithm a) {
  switch (a) {
    case Algorithm::aon: return "aon";
    case Algorithm::msa: return "msa";
    case Algorithm::fw: return "fw";
    case Algorithm::cfw: return "cfw";
    case Algorithm::bfw: return "bfw";
    case Algorithm::b: return "b";
  }
  return "?";
}

void LinkFlows::sum_classes() {
  if (by_class.empty()) return;
  total.assign(by_class[0].size(), 0.0);
  for (const auto& x : by_class)
    for (std::size_t a = 0; a < x.size(); ++a) total[a] += x[a];
}

AssignmentProblem::AssignmentProblem(const AssignmentNetwork& net, std::vector<TrafficClass> classes, VolumeDelay vdf)
    : net_(&net), graph_(net), vdf_(std::move(vdf)), classes_(std::move(classes)) {
  if (classes_.empty()) throw std::invalid_argument("an assignment needs at least one traffic class");
  if (vdf_.size() != graph_.link_count()) throw std::invalid_argument("volume-delay functions: one per link expected");
  const auto& L = net.links;
  for (const auto& cls : classes_) {
    if (cls.toll_factor < 0 || cls.distance_factor < 0)
      throw std::invalid_argument("class '" + cls.name + "': toll and distance factors must be 0 or more");
    std::vector<double> fixed(L.size());
    for (std::size_t a = 0; a < L.size(); ++a) fixed[a] = cls.toll_factor * L.toll[a] + cls.distance_factor * L.length[a];
    fixed_cost_.push_back(std::move(fixed));
  }
  // Every OD pair with demand must have a route; found by a search that ignores costs.
  io::IssueSink issues;
  std::vector<int> seen(net.node_count, -1);
  std::vector<std::int32_t> stack;
  int stamp = 0;
  for (const auto& cls : classes_) {
    const auto& od = cls.demand;
    if (od.origins.empty()) throw std::invalid_argument("class '" + cls.name + "' has no demand between different zones");
    const auto file = std::filesystem::path(od.source).filename().string();
    for (std::size_t k = 0; k < od.origins.size(); ++k) {
      const std::int32_t o = od.origins[k];
      ++stamp;
      stack.assign(1, o);
      seen[o] = stamp;
      while (!stack.empty()) {
        const std::int32_t u = stack.back();
        stack.pop_back();
        if (graph_.no_through[u] && u != o) continue;
        for (std::int32_t i = graph_.out_first[u]; i < graph_.out_first[u + 1]; ++i) {
          const std::int32_t v = graph_.head[graph_.out_link[i]];
          if (seen[v] != stamp) {
            seen[v] = stamp;
            stack.push_back(v);
          }
        }
      }
      for (std::int32_t e = od.first[k]; e < od.first[k + 1]; ++e)
        if (seen[od.destination[e]] != stamp)
          issues.add(file, od.file_line[e], "destination",
                     "zone " + std::to_string(od.destination[e] + 1) + " cannot be reached from origin " + std::to_string(o + 1) +
                         " in " + std::filesystem::path(net.source).filename().string() +
                         (net.first_thru_node > 1 ? " (zones below FIRST THRU NODE are never passed through)" : ""));
    }
  }
  if (!issues.empty()) throw io::DatasetError(issues);
}

double AssignmentProblem::total_demand() const {
  double s = 0;
  for (const auto& c : classes_) s += c.demand.total();
  return s;
}

}  // namespace silkroute::assignment
