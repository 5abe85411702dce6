#include "assignment/algorithm_b.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>

#include "assignment/all_or_nothing.hpp"
#include "assignment/convergence.hpp"
#include "assignment/shortest_path_tree.hpp"

namespace silkroute::assignment {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Differences below this fraction of a path's cost are rounding, not disequilibrium.
constexpr double kRelativeTolerance = 1e-14;

struct Bush {
  std::int32_t cls = 0;
  std::int32_t od_index = 0;  // index into the class's OdTable origins
  std::int32_t origin = 0;
  std::vector<double> flow;            // this origin's flow on each link
  std::vector<std::uint8_t> member;    // link in the bush
  std::vector<std::int32_t> order;     // reachable nodes, topologically sorted (origin first)
  double negligible = 0;               // flows up to this are rounding crumbs (1e-14 of the demand)
};

class AlgorithmB {
 public:
  AlgorithmB(const AssignmentProblem& problem, const AssignmentOptions& options)
      : p_(problem), g_(problem.graph()), opt_(options), m_(problem.link_count()), n_(g_.node_count) {
    min_label_.resize(n_);
    max_label_.resize(n_);
    max_any_label_.resize(n_);
    min_pred_.resize(n_);
    max_pred_.resize(n_);
    position_.resize(n_);
    indegree_.resize(n_);
  }

  AssignmentResult run() {
    const auto start = std::chrono::steady_clock::now();
    auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    initialise();
    AssignmentResult result;
    double moved = p_.total_demand();
    int idle = 0;  // iterations in a row that changed nothing
    const double demand = p_.total_demand();
    for (int k = 1;; ++k) {
      if (k > 1) {
        moved = 0;
        bool reshaped = false;
        for (auto& bush : bushes_) {
          reshaped = improve(bush) || reshaped;
          moved += shift(bush);
        }
        // Extra equilibration passes without changing the bushes: cheap, and they let the
        // next bush update see nearly equilibrated bushes.
        for (int pass = 0; pass < kExtraPasses; ++pass)
          for (auto& bush : bushes_) moved += shift(bush);
        // Nothing moved and no bush changed: the next iteration would be the same (the gap
        // left is rounding), so stop rather than spin to --max-iterations.
        idle = moved == 0 && !reshaped ? idle + 1 : 0;
      }
      const LinkFlows flows = resum();
      const auto aon = all_or_nothing(p_, time_, opt_.threads);
      const double tstt = total_system_travel_time(p_, flows, time_);
      IterationReport report{k, relative_gap(tstt, aon.sptt), beckmann_objective(p_, flows), moved / demand, seconds()};
      result.history.push_back(report);
      if (opt_.progress) opt_.progress(report);
      result.iterations = k;
      result.tstt = tstt;
      result.sptt = aon.sptt;
      result.relative_gap = report.relative_gap;
      result.objective = report.objective;
      result.converged = report.relative_gap <= opt_.target_gap;
      result.stalled = idle >= 2 && !result.converged;
      if (result.converged || result.stalled || k >= opt_.max_iterations) {
        result.flows = flows;
        break;
      }
    }
    result.time = time_;
    result.elapsed_s = seconds();
    return result;
  }

 private:
  static constexpr int kExtraPasses = 2;

  double cost(const Bush& b, std::int32_t a) const { return time_[a] + p_.fixed_cost(b.cls)[a]; }

  void update_link(std::int32_t a) {
    const double v = total_[a] > 0 ? total_[a] : 0.0;
    time_[a] = p_.vdf().time(a, v);
    derivative_[a] = p_.vdf().derivative(a, v);
  }

  // Every bush starts as its origin's shortest-path tree at free-flow costs, carrying the
  // origin's whole demand (an all-or-nothing loading).
  void initialise() {
    std::vector<double> free_time;
    p_.vdf().times(std::vector<double>(m_, 0.0), free_time);
    for (std::size_t c = 0; c < p_.class_count(); ++c) {
      const auto& od = p_.classes()[c].demand;
      for (std::size_t k = 0; k < od.origins.size(); ++k) {
        Bush b;
        b.cls = static_cast<std::int32_t>(c);
        b.od_index = static_cast<std::int32_t>(k);
        b.origin = od.origins[k];
        bushes_.push_back(std::move(b));
      }
    }
    const int workers = resolve_threads(opt_.threads);
    struct Scratch {
      std::unique_ptr<ShortestPathTree> tree;
      std::vector<double> node_flow, cost;
      std::int32_t cost_class = -1;
    };
    std::vector<Scratch> scratch(workers);
    parallel_for(bushes_.size(), workers, [&](std::size_t i, int w) {
      auto& s = scratch[w];
      auto& b = bushes_[i];
      if (!s.tree) {
        s.tree = std::make_unique<ShortestPathTree>(g_);
        s.node_flow.assign(n_, 0.0);
      }
      if (s.cost_class != b.cls) {
        s.cost.resize(m_);
        for (std::size_t a = 0; a < m_; ++a) s.cost[a] = free_time[a] + p_.fixed_cost(b.cls)[a];
        s.cost_class = b.cls;
      }
      s.tree->run(b.origin, s.cost.data());
      b.flow.assign(m_, 0.0);
      b.member.assign(m_, 0);
      const auto& od = p_.classes()[b.cls].demand;
      double origin_demand = 0;
      for (std::int32_t e = od.first[b.od_index]; e < od.first[b.od_index + 1]; ++e) {
        s.node_flow[od.destination[e]] += od.demand[e];
        origin_demand += od.demand[e];
      }
      b.negligible = 1e-14 * origin_demand;
      const auto& pred = s.tree->pred_link();
      const auto& settled = s.tree->settled();
      for (auto it = settled.rbegin(); it != settled.rend(); ++it) {
        const std::int32_t u = *it;
        const std::int32_t a = pred[u];
        if (a >= 0) {
          b.member[a] = 1;
          b.flow[a] += s.node_flow[u];
          s.node_flow[g_.tail[a]] += s.node_flow[u];
        }
        s.node_flow[u] = 0;
      }
    });
    for (auto& b : bushes_) sort_topologically(b);
    time_.assign(m_, 0.0);
    derivative_.assign(m_, 0.0);
    resum();
  }

  // Link totals from the bushes, added in bush order (removes the drift of many small
  // updates and keeps the result independent of everything but the input).
  LinkFlows resum() {
    LinkFlows flows(p_.class_count(), m_);
    for (const auto& b : bushes_) {
      auto& x = flows.by_class[b.cls];
      for (std::size_t a = 0; a < m_; ++a) x[a] += b.flow[a];
    }
    flows.sum_classes();
    total_ = flows.total;
    for (std::size_t a = 0; a < m_; ++a) update_link(static_cast<std::int32_t>(a));
    return flows;
  }

  void sort_topologically(Bush& b) {
    std::fill(indegree_.begin(), indegree_.end(), 0);
    for (std::size_t a = 0; a < m_; ++a)
      if (b.member[a]) ++indegree_[g_.head[a]];
    b.order.clear();
    b.order.push_back(b.origin);
    for (std::size_t i = 0; i < b.order.size(); ++i) {
      const std::int32_t u = b.order[i];
      for (std::int32_t k = g_.out_first[u]; k < g_.out_first[u + 1]; ++k) {
        const std::int32_t a = g_.out_link[k];
        if (b.member[a] && --indegree_[g_.head[a]] == 0) b.order.push_back(g_.head[a]);
      }
    }
    for (std::size_t a = 0; a < m_; ++a)
      if (b.member[a] && indegree_[g_.head[a]] > 0) throw std::logic_error("algorithm B: a bush has a cycle");
  }

  // Labels over the bush in topological order: the shortest path to each node (over all
  // bush links), the longest used path (links carrying flow) and the longest path over all
  // bush links (the potential that keeps the bush acyclic when links are added).
  void compute_labels(const Bush& b) {
    for (std::size_t i = 0; i < b.order.size(); ++i) {
      const std::int32_t u = b.order[i];
      position_[u] = static_cast<std::int32_t>(i);
      if (u == b.origin) {
        min_label_[u] = max_label_[u] = max_any_label_[u] = 0;
        min_pred_[u] = max_pred_[u] = -1;
        continue;
      }
      double lo = kInf, hi = -kInf, hi_any = -kInf;
      std::int32_t lo_pred = -1, hi_pred = -1;
      for (std::int32_t k = g_.in_first[u]; k < g_.in_first[u + 1]; ++k) {
        const std::int32_t a = g_.in_link[k];
        if (!b.member[a]) continue;
        const std::int32_t i_node = g_.tail[a];
        const double c = cost(b, a);
        if (min_label_[i_node] + c < lo) {
          lo = min_label_[i_node] + c;
          lo_pred = a;
        }
        hi_any = std::max(hi_any, max_any_label_[i_node] + c);
        if (b.flow[a] > 0 && max_label_[i_node] + c > hi) {
          hi = max_label_[i_node] + c;
          hi_pred = a;
        }
      }
      min_label_[u] = lo;
      min_pred_[u] = lo_pred;
      max_label_[u] = hi;
      max_pred_[u] = hi_pred;
      max_any_label_[u] = hi_any;
    }
  }

  // Drops unused links (keeping each node's shortest-path link, so every node stays
  // reachable) and adds links that shorten a path without closing a cycle.
  // Returns whether the bush changed.
  bool improve(Bush& b) {
    compute_labels(b);
    bool removed = false;
    for (std::int32_t u : b.order)
      for (std::int32_t k = g_.in_first[u]; k < g_.in_first[u + 1]; ++k) {
        const std::int32_t a = g_.in_link[k];
        if (b.member[a] && b.flow[a] <= b.negligible && a != min_pred_[u]) {
          removed = true;
          b.member[a] = 0;
          b.flow[a] = 0;
        }
      }
    // The bush spans every node the origin reaches, so both ends of a candidate link are labelled.
    // A zone other than the origin ends routes only: no link leaves it.
    bool added = false;
    for (std::int32_t u : b.order) {
      if (g_.no_through[u] && u != b.origin) continue;
      const double lu = min_label_[u], uu = max_any_label_[u];
      for (std::int32_t k = g_.out_first[u]; k < g_.out_first[u + 1]; ++k) {
        const std::int32_t a = g_.out_link[k];
        if (b.member[a]) continue;
        const std::int32_t v = g_.head[a];
        if (v == b.origin) continue;
        if (lu + cost(b, a) < min_label_[v] * (1 - kRelativeTolerance) && uu < max_any_label_[v]) {
          b.member[a] = 1;
          added = true;
        }
      }
    }
    if (added) sort_topologically(b);
    return added || removed;
  }

  // One pass over the bush from its last node to its origin: at each node, move flow from
  // the longest used segment to the shortest one by a Newton step. Returns the flow moved.
  double shift(Bush& b) {
    compute_labels(b);
    double moved = 0;
    for (std::size_t idx = b.order.size(); idx-- > 1;) {
      const std::int32_t j = b.order[idx];
      const std::int32_t top = max_pred_[j], bottom = min_pred_[j];
      if (top < 0 || top == bottom) continue;
      if (max_label_[j] - min_label_[j] <= kRelativeTolerance * max_label_[j]) continue;
      // Walk both paths back to where they meet, the later node (in topological order) first.
      long_seg_.assign(1, top);
      short_seg_.assign(1, bottom);
      std::int32_t u = g_.tail[top], w = g_.tail[bottom];
      bool ok = true;
      while (u != w) {
        if (position_[u] > position_[w]) {
          const std::int32_t a = max_pred_[u];
          if (a < 0) {
            ok = false;
            break;
          }
          long_seg_.push_back(a);
          u = g_.tail[a];
        } else {
          const std::int32_t a = min_pred_[w];
          short_seg_.push_back(a);
          w = g_.tail[a];
        }
      }
      if (!ok) continue;
      double c_long = 0, d_long = 0, capacity = kInf, c_short = 0, d_short = 0;
      for (std::int32_t a : long_seg_) {
        c_long += cost(b, a);
        d_long += derivative_[a];
        capacity = std::min(capacity, b.flow[a]);
      }
      for (std::int32_t a : short_seg_) {
        c_short += cost(b, a);
        d_short += derivative_[a];
      }
      const double diff = c_long - c_short;
      if (!(capacity > 0) || diff <= kRelativeTolerance * c_long) continue;
      const double slope = d_long + d_short;
      const double delta = slope > 0 ? std::min(capacity, diff / slope) : capacity;
      if (!(delta > 0)) continue;
      for (std::int32_t a : long_seg_) {
        // Emptying the segment: links whose flow equalled the bottleneck's up to rounding are
        // emptied too, or a crumb of flow would stay on a link whose upstream is empty.
        const double left = b.flow[a] - delta;
        b.flow[a] = delta == capacity && left <= 1e-11 * b.flow[a] ? 0.0 : left;
        total_[a] -= delta;
        update_link(a);
      }
      for (std::int32_t a : short_seg_) {
        b.flow[a] += delta;
        total_[a] += delta;
        update_link(a);
      }
      moved += delta;
    }
    return moved;
  }

  const AssignmentProblem& p_;
  const LinkGraph& g_;
  const AssignmentOptions& opt_;
  std::size_t m_;
  std::int32_t n_;
  std::vector<Bush> bushes_;
  std::vector<double> total_, time_, derivative_;
  std::vector<double> min_label_, max_label_, max_any_label_;
  std::vector<std::int32_t> min_pred_, max_pred_, position_, indegree_;
  std::vector<std::int32_t> long_seg_, short_seg_;
};

}  // namespace

AssignmentResult run_algorithm_b(const AssignmentProblem& problem, const AssignmentOptions& options) {
  // Bushes are dense (a flow and a flag per link per origin): refuse up front what the
  // machine cannot hold rather than fail half-way.
  std::size_t bushes = 0;
  for (const auto& c : problem.classes()) bushes += c.demand.origins.size();
  const double need_bytes = static_cast<double>(bushes) * static_cast<double>(problem.link_count()) * (sizeof(double) + 1);
  const double have_bytes = static_cast<double>(::sysconf(_SC_PHYS_PAGES)) * static_cast<double>(::sysconf(_SC_PAGE_SIZE));
  if (have_bytes > 0 && need_bytes > 0.8 * have_bytes)
    throw std::invalid_argument("algorithm B would need " + std::to_string(static_cast<long>(need_bytes / 1e9 + 0.5)) +
                                " GB for its bushes (" + std::to_string(bushes) + " origins x " +
                                std::to_string(problem.link_count()) + " links), more than this machine's memory: use --algorithm bfw");
  if (options.warm_start)
    throw std::invalid_argument(
        "--warm-start works with the link-based algorithms (msa, fw, cfw, bfw): algorithm B keeps one bush per origin, "
        "which a flows file does not hold");
  return AlgorithmB(problem, options).run();
}

}  // namespace silkroute::assignment
