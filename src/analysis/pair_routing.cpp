#include "analysis/pair_routing.hpp"

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "routing/graph_cache.hpp"
#include "routing/route_builder.hpp"
#include "routing/router.hpp"
#include "routing/shortest_path.hpp"

namespace silkroute {

Scenario restricted_to_modes(const Scenario& scenario, const std::set<Mode>& modes) {
  Scenario s = scenario;
  if (modes.empty()) return s;
  for (auto m : {Mode::rail, Mode::road, Mode::sea, Mode::ferry, Mode::air, Mode::iww})
    if (!modes.count(m)) s.closed.modes.insert(m);
  return s;
}

void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& f) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, n));
  if (threads <= 1) {
    for (std::size_t i = 0; i < n; ++i) f(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i; (i = next.fetch_add(1)) < n;) {
        try {
          f(i);
        } catch (...) {
          std::lock_guard lock(error_mutex);
          if (!error) error = std::current_exception();
        }
      }
    });
  }
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

std::vector<std::optional<Route>> route_pairs(const Network& net, const Scenario& scenario,
                                              const std::vector<OdPair>& pairs, const PairRoutingOptions& options) {
  std::vector<std::optional<Route>> out(pairs.size());
  const auto& cargo = cargo_for(net, options.cargo);

  // One graph per mode set; one task per (mode set, origin).
  std::map<std::set<Mode>, std::map<NodeIndex, std::vector<std::size_t>>> groups;
  for (std::size_t i = 0; i < pairs.size(); ++i) groups[pairs[i].modes][pairs[i].from].push_back(i);

  for (const auto& [modes, by_origin] : groups) {
    const Scenario s = restricted_to_modes(scenario, modes);
    const CostModel cost(net, cargo, options.objective, s);
    const auto graph_ptr = cached_state_graph(net, cost);
    const auto& graph = *graph_ptr;
    std::vector<const std::vector<std::size_t>*> tasks;
    std::vector<NodeIndex> origins;
    for (const auto& [origin, list] : by_origin) {
      origins.push_back(origin);
      tasks.push_back(&list);
    }
    parallel_for(tasks.size(), options.threads, [&](std::size_t t) {
      const ShortestPathTree tree(graph, cost, origins[t]);
      for (auto i : *tasks[t])
        if (auto path = tree.path_to(pairs[i].to)) out[i] = build_route(net, graph, cost, *path);
    });
  }
  return out;
}

}  // namespace silkroute
