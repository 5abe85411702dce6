#pragma once
// One assignment problem (network, volume-delay functions, traffic classes), the options of
// a run, what a run reports per iteration and what it returns. The algorithms take a const
// problem and return plain results; they never read files or print.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "assignment/link_graph.hpp"
#include "assignment/network.hpp"
#include "assignment/volume_delay.hpp"

namespace silkroute::assignment {

enum class Algorithm { aon, msa, fw, cfw, bfw, b };

// "aon", "msa", "fw", "cfw", "bfw", "b"; throws std::invalid_argument otherwise.
Algorithm algorithm_from_name(const std::string& name);
std::string algorithm_name(Algorithm a);

class AssignmentProblem {
 public:
  // Throws std::invalid_argument when a class's demand is empty or cannot be routed.
  AssignmentProblem(const AssignmentNetwork& net, std::vector<TrafficClass> classes, VolumeDelay vdf);

  const AssignmentNetwork& network() const { return *net_; }
  const LinkGraph& graph() const { return graph_; }
  const VolumeDelay& vdf() const { return vdf_; }
  const std::vector<TrafficClass>& classes() const { return classes_; }
  std::size_t link_count() const { return graph_.link_count(); }
  std::size_t class_count() const { return classes_.size(); }
  // Cost of class c on link a beyond the travel time: toll and distance, in time units.
  const std::vector<double>& fixed_cost(std::size_t c) const { return fixed_cost_[c]; }
  double total_demand() const;

 private:
  const AssignmentNetwork* net_;
  LinkGraph graph_;
  VolumeDelay vdf_;
  std::vector<TrafficClass> classes_;
  std::vector<std::vector<double>> fixed_cost_;
};

// Link volumes of every class and their sum (the volume the travel times see).
struct LinkFlows {
  std::vector<std::vector<double>> by_class;
  std::vector<double> total;

  LinkFlows() = default;
  LinkFlows(std::size_t classes, std::size_t links)
      : by_class(classes, std::vector<double>(links, 0.0)), total(links, 0.0) {}
  void sum_classes();
};

struct IterationReport {
  int iteration = 0;
  double relative_gap = 0;  // (TSTT - SPTT) / TSTT
  double objective = 0;     // Beckmann objective (with the classes' fixed costs)
  double step = 0;          // link-based: the step along the direction; B: flow moved / demand
  double elapsed_s = 0;
};

using ProgressFn = std::function<void(const IterationReport&)>;

struct AssignmentOptions {
  Algorithm algorithm = Algorithm::b;
  double target_gap = 1e-6;
  int max_iterations = 1000;
  int threads = 0;                         // 0: all hardware threads
  const LinkFlows* warm_start = nullptr;   // link-based algorithms start from these flows
  ProgressFn progress;
};

struct AssignmentResult {
  LinkFlows flows;
  std::vector<double> time;  // congested travel time per link at the final flows
  int iterations = 0;
  double relative_gap = 0;
  double objective = 0;
  double tstt = 0;  // total system travel time (generalized cost), sum of flow * cost
  double sptt = 0;  // shortest-path travel time, sum of demand * shortest path cost
  bool converged = false;
  bool stalled = false;  // stopped early: iterations no longer changed the flows
  double elapsed_s = 0;
  std::vector<IterationReport> history;
};

// Runs the chosen algorithm. Throws std::invalid_argument for a warm start that does not fit.
AssignmentResult assign(const AssignmentProblem& problem, const AssignmentOptions& options);

}  // namespace silkroute::assignment
