// Routing benchmarks (Google Benchmark). Rerun with scripts/bench.sh; results with the
// machine, commit and data go in docs/performance.md.
//   Chicago-Regional (TNTP, 12,982 nodes, 39,018 links, free-flow time; 14,772 graph nodes
//   once zones are split into sources and sinks): contraction hierarchy build,
//   point-to-point queries (with their search spaces), 1000x1000 matrices, plain Dijkstra
//   baseline. Weights are integer thousandths of a minute (ch::kDefaultWeightScale).
//   The Belt and Road networks are measured in bench/network_bench.cpp.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include "io/dataset_reader.hpp"
#include "io/tntp_reader.hpp"
#include "routing/ch/contraction_hierarchy.hpp"
#include "routing/ch/static_dijkstra.hpp"

using namespace silkroute;

namespace {

std::string shared_data() {
  if (const char* env = std::getenv("SILKROUTE_SHARED_DATA")) return env;
  return std::string(SILKROUTE_SOURCE_DIR) + "/../shared/data";
}

const io::TntpNetwork* chicago() {
  static const io::TntpNetwork* net = [] () -> const io::TntpNetwork* {
    const auto path = shared_data() + "/assignment/chicago-regional/ChicagoRegional_net.tntp";
    if (!std::filesystem::exists(path)) return nullptr;
    return new io::TntpNetwork(io::read_tntp(path));
  }();
  return net;
}

const ch::ContractionHierarchy* chicago_ch() {
  static const ch::ContractionHierarchy* h = chicago() ? new ch::ContractionHierarchy(
      ch::ContractionHierarchy::build(chicago()->graph_nodes, chicago()->edges)) : nullptr;
  return h;
}

// n random file nodes as graph sources and targets (zones use their source/sink split).
std::pair<std::vector<std::int32_t>, std::vector<std::int32_t>> random_ends(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::int32_t> node(1, chicago()->nodes);
  std::vector<std::int32_t> s(n), t(n);
  for (auto& v : s) v = chicago()->source_of(node(rng));
  for (auto& v : t) v = chicago()->target_of(node(rng));
  return {s, t};
}

#define REQUIRE_CHICAGO(state)                                                        \
  if (!chicago()) {                                                                   \
    state.SkipWithError("../shared/data/assignment/chicago-regional is absent");      \
    return;                                                                           \
  }

void ChicagoReadTntp(benchmark::State& state) {
  REQUIRE_CHICAGO(state);
  const auto path = shared_data() + "/assignment/chicago-regional/ChicagoRegional_net.tntp";
  for (auto _ : state) benchmark::DoNotOptimize(io::read_tntp(path));
}
BENCHMARK(ChicagoReadTntp)->Unit(benchmark::kMillisecond);

void BriReadDataset(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(io::read_dataset(std::string(SILKROUTE_SOURCE_DIR) + "/data/bri"));
}
BENCHMARK(BriReadDataset)->Unit(benchmark::kMillisecond);

void ChicagoBuildCH(benchmark::State& state) {
  REQUIRE_CHICAGO(state);
  for (auto _ : state) {
    auto h = ch::ContractionHierarchy::build(chicago()->graph_nodes, chicago()->edges);
    state.counters["shortcuts"] = static_cast<double>(h.stats().shortcuts);
    state.counters["up_arcs"] = static_cast<double>(h.stats().upward_arcs);
    state.counters["down_arcs"] = static_cast<double>(h.stats().downward_arcs);
  }
}
BENCHMARK(ChicagoBuildCH)->Unit(benchmark::kMillisecond)->Iterations(3);

void ChicagoRouteCH(benchmark::State& state) {
  REQUIRE_CHICAGO(state);
  const auto h = chicago_ch();
  auto [s, t] = random_ends(1000, 7);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(h->distance(s[i % 1000], t[i % 1000]));
    ++i;
  }
  // Search space per query (nodes taken from the queues, arcs relaxed), outside the timing.
  ch::SearchCounts counts;
  for (std::size_t k = 0; k < 1000; ++k) h->distance(s[k], t[k], &counts);
  state.counters["settled"] = static_cast<double>(counts.settled) / 1000;
  state.counters["relaxed"] = static_cast<double>(counts.relaxed) / 1000;
}
BENCHMARK(ChicagoRouteCH)->Unit(benchmark::kMicrosecond)->Repetitions(5)->ReportAggregatesOnly(true);

void ChicagoRouteDijkstra(benchmark::State& state) {
  REQUIRE_CHICAGO(state);
  const ch::StaticGraph g(chicago()->graph_nodes, chicago()->edges);
  auto [s, t] = random_ends(100, 7);
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(g.distances_from(s[i++ % 100]));
}
BENCHMARK(ChicagoRouteDijkstra)->Unit(benchmark::kMicrosecond);

void ChicagoMatrix1000(benchmark::State& state) {
  REQUIRE_CHICAGO(state);
  const auto h = chicago_ch();
  auto [s, t] = random_ends(1000, 11);
  for (auto _ : state) benchmark::DoNotOptimize(h->many_to_many(s, t, static_cast<unsigned>(state.range(0))));
}
BENCHMARK(ChicagoMatrix1000)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
