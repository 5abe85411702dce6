#include "assignment/all_or_nothing.hpp"

#include <algorithm>
#include <exception>
#include <memory>

#include "assignment/shortest_path_tree.hpp"
#include "util/parallel.hpp"

namespace silkroute::assignment {

namespace {
// Origins per block: the unit of parallel work and of the fixed summation order.
constexpr std::size_t kOriginsPerBlock = 4;
}  // namespace

int resolve_threads(int threads) { return thread_count(threads); }

void parallel_for(std::size_t n, int threads, const std::function<void(std::size_t, int)>& fn) {
  parallel_for_workers(n, threads, fn);
}

AonResult all_or_nothing(const AssignmentProblem& problem, const std::vector<double>& time, int threads) {
  const auto& g = problem.graph();
  const std::size_t m = problem.link_count();
  const std::size_t classes = problem.class_count();
  AonResult out;
  out.flows = LinkFlows(classes, m);
  out.sptt_by_class.assign(classes, 0.0);
  const int workers = resolve_threads(threads);
  for (std::size_t c = 0; c < classes; ++c) {
    const auto& od = problem.classes()[c].demand;
    const auto& fixed = problem.fixed_cost(c);
    std::vector<double> cost(m);
    for (std::size_t a = 0; a < m; ++a) cost[a] = time[a] + fixed[a];
    const std::size_t origins = od.origins.size();
    const std::size_t blocks = (origins + kOriginsPerBlock - 1) / kOriginsPerBlock;
    std::vector<std::vector<double>> block_volume(blocks);
    std::vector<double> block_sptt(blocks, 0.0);
    struct Scratch {
      std::unique_ptr<ShortestPathTree> tree;
      std::vector<double> node_flow;
    };
    std::vector<Scratch> scratch(workers);
    parallel_for(blocks, workers, [&](std::size_t blk, int w) {
      auto& s = scratch[w];
      if (!s.tree) {
        s.tree = std::make_unique<ShortestPathTree>(g);
        s.node_flow.assign(g.node_count, 0.0);
      }
      auto& vol = block_volume[blk];
      vol.assign(m, 0.0);
      double sptt = 0;
      const std::size_t end = std::min(origins, (blk + 1) * kOriginsPerBlock);
      for (std::size_t k = blk * kOriginsPerBlock; k < end; ++k) {
        s.tree->run(od.origins[k], cost.data(), od.destination.data() + od.first[k],
                    static_cast<std::size_t>(od.first[k + 1] - od.first[k]));
        const auto& dist = s.tree->distance();
        for (std::int32_t e = od.first[k]; e < od.first[k + 1]; ++e) {
          // Reachability was checked when the problem was built.
          s.node_flow[od.destination[e]] += od.demand[e];
          sptt += od.demand[e] * dist[od.destination[e]];
        }
        // Push flows back up the tree, farthest node first.
        const auto& settled = s.tree->settled();
        const auto& pred = s.tree->pred_link();
        for (auto it = settled.rbegin(); it != settled.rend(); ++it) {
          const std::int32_t u = *it;
          const double f = s.node_flow[u];
          if (f == 0) continue;
          s.node_flow[u] = 0;
          const std::int32_t a = pred[u];
          if (a < 0) continue;
          vol[a] += f;
          s.node_flow[g.tail[a]] += f;
        }
      }
      block_sptt[blk] = sptt;
    });
    // Fixed-order sums, split over links so the reduction runs in parallel too.
    auto& total = out.flows.by_class[c];
    const std::size_t chunk = 4096;
    parallel_for((m + chunk - 1) / chunk, workers, [&](std::size_t part, int) {
      const std::size_t a0 = part * chunk, a1 = std::min(m, a0 + chunk);
      for (std::size_t b = 0; b < blocks; ++b)
        for (std::size_t a = a0; a < a1; ++a) total[a] += block_volume[b][a];
    });
    for (double v : block_sptt) out.sptt_by_class[c] += v;
    out.sptt += out.sptt_by_class[c];
  }
  out.flows.sum_classes();
  return out;
}

}  // namespace silkroute::assignment
