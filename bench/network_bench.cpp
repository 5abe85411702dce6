// Benchmarks of the engine on the Belt and Road networks (Google Benchmark). Rerun with
// scripts/bench.sh; results with the machine, commit and data go in docs/performance.md.
//   embedded: data/bri; large: build/large (scripts/build_large_network.sh), skipped if absent.
//   A route (cached metric) with and without alternatives; a matrix under a new scenario
//   (metric customized inside the timing); re-weighting alone (topology rebuilt vs metric
//   only); criticality on the bundled demand with failures as masks.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include <algorithm>
#include <optional>

#include <chrono>
#include <cstdlib>
#include <ctime>

#include "analysis/matrix_comparison.hpp"
#include "engine/engine.hpp"
#include "routing/ch/contraction_hierarchy.hpp"
#include "places/gazetteer.hpp"
#include "io/dataset_reader.hpp"
#include "network/validation_report.hpp"
#include "routing/metric.hpp"
#include "routing/topology.hpp"

using namespace silkroute;

namespace {

std::shared_ptr<Engine> open_engine(const std::string& dir) {
  if (!std::filesystem::exists(dir + "/nodes.csv")) return nullptr;
  return Engine::open(dir);
}

Engine* embedded() {
  static const auto e = open_engine(std::string(SILKROUTE_SOURCE_DIR) + "/data/bri");
  return e.get();
}

Engine* large() {
  static const auto e = [] {
    const char* env = std::getenv("SILKROUTE_LARGE_NETWORK");
    return open_engine(env ? env : std::string(SILKROUTE_SOURCE_DIR) + "/build/large");
  }();
  return e.get();
}

Engine* network_of(benchmark::State& state) {
  Engine* e = state.range(0) == 0 ? embedded() : large();
  if (!e) state.SkipWithError("no large network: run scripts/build_large_network.sh");
  state.SetLabel(state.range(0) == 0 ? "embedded" : "large");
  return e;
}

void Route(benchmark::State& state) {
  Engine* e = network_of(state);
  if (!e) return;
  RouteRequest r;
  r.from = state.range(0) == 0 ? "Chongqing" : "shanghai";
  r.to = state.range(0) == 0 ? "Duisburg" : "rotterdam";
  r.alternatives = static_cast<int>(state.range(1));
  for (auto _ : state) benchmark::DoNotOptimize(e->route(r));
}
BENCHMARK(Route)->Args({0, 0})->Args({0, 3})->Args({1, 0})->Args({1, 3})->Unit(benchmark::kMicrosecond);

// A first/last-mile join on the embedded network (cached metric, gazetteer loaded): resolving
// a city that is not a node and its candidate terminals (arg 0), and the whole route from it,
// searched from every candidate terminal at once (arg 1), against the route from a node.
void PlaceJoin(benchmark::State& state) {
  Engine* e = embedded();
  RouteRequest r;
  r.from = "Nantong";
  r.to = "Duisburg";
  r.alternatives = 0;
  e->route(r);  // loads the gazetteer and customizes the metric once
  if (state.range(0) == 0) {
    for (auto _ : state) benchmark::DoNotOptimize(e->resolve_place(r.from, "from"));
  } else {
    for (auto _ : state) benchmark::DoNotOptimize(e->route(r));
  }
  state.SetLabel(state.range(0) == 0 ? "resolve + join" : "route Nantong-Duisburg");
}
BENCHMARK(PlaceJoin)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// Reading the gazetteer (data/places/places.csv), which the first query naming a place that
// is not a node pays once.
void GazetteerLoad(benchmark::State& state) {
  const auto path = std::string(SILKROUTE_SOURCE_DIR) + "/data/places/places.csv";
  for (auto _ : state) benchmark::DoNotOptimize(Gazetteer::load(path));
}
BENCHMARK(GazetteerLoad)->Unit(benchmark::kMillisecond);

// 500 x 500 places (embedded: drawn with repetition from its places; large: every place)
// under red-sea-closure, with the scenario's metric customized inside the timed loop.
void MatrixUnderScenario(benchmark::State& state) {
  Engine* e = network_of(state);
  if (!e) return;
  const auto& net = e->network();
  std::vector<std::string> places;
  for (const auto& n : net.nodes)
    if (n.kind != NodeKind::waypoint) places.push_back(n.id);
  MatrixRequest r;
  if (state.range(0) == 0) {
    std::mt19937 rng(3);
    std::uniform_int_distribution<std::size_t> pick(0, places.size() - 1);
    for (int i = 0; i < 500; ++i) r.origins.push_back(places[pick(rng)]);
    for (int i = 0; i < 500; ++i) r.destinations.push_back(places[pick(rng)]);
  } else {
    r.origins = r.destinations = places;
  }
  r.scenario.name = "red-sea-closure";
  r.threads = 2;
  for (auto _ : state) {
    e->cache().clear();  // a new scenario: its metric is customized inside the timing
    benchmark::DoNotOptimize(e->matrix(r));
  }
  state.counters["cells"] = static_cast<double>(r.origins.size() * r.destinations.size());
}
BENCHMARK(MatrixUnderScenario)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// What a scenario change costs: the metric alone (the engine's way) against the topology
// and the metric both built afresh (what every scenario cost before topology and metric
// were apart).
void ScenarioMetricOnly(benchmark::State& state) {
  Engine* e = network_of(state);
  if (!e) return;
  const auto& net = e->network();
  const auto topology = build_topology(net);
  const auto s = e->scenario({"red-sea-closure", "", ""});
  for (auto _ : state) {
    const CostModel cost(net, net.cargo_classes.front(), Objective::time, s);
    benchmark::DoNotOptimize(customize(net, *topology, cost));
  }
}
BENCHMARK(ScenarioMetricOnly)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void ScenarioTopologyAndMetric(benchmark::State& state) {
  Engine* e = network_of(state);
  if (!e) return;
  const auto& net = e->network();
  const auto s = e->scenario({"red-sea-closure", "", ""});
  for (auto _ : state) {
    const auto topology = build_topology(net);
    const CostModel cost(net, net.cargo_classes.front(), Objective::time, s);
    benchmark::DoNotOptimize(customize(net, *topology, cost));
  }
}
BENCHMARK(ScenarioTopologyAndMetric)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// Criticality of every element the bundled demand uses (embedded network), one thread and two.
void Criticality(benchmark::State& state) {
  Engine* e = embedded();
  CriticalityRequest r;
  r.threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(e->criticality(r));
}
BENCHMARK(Criticality)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The 1,000 x 1,000 place matrix and its scenario comparison (issue 17, item 2), 2 threads,
// time objective, metric customized inside the timing (a new scenario each time). Places: on
// the large network every place (non-waypoint node) and then sea waypoints drawn with a fixed
// seed up to 1,000 distinct nodes (it has about 500 places); on the embedded network (under
// 1,000 nodes) its places drawn with repetition. Every row is a full tree either way.
// Counters: the process's CPU seconds per iteration (both threads) and the 1-minute load.
std::vector<NodeIndex> thousand_places(const Network& net, bool large_network) {
  std::vector<NodeIndex> places, waypoints;
  for (NodeIndex n = 0; n < static_cast<NodeIndex>(net.nodes.size()); ++n)
    (net.nodes[n].kind == NodeKind::waypoint ? waypoints : places).push_back(n);
  std::mt19937 rng(17);
  if (!large_network) {
    std::uniform_int_distribution<std::size_t> pick(0, places.size() - 1);
    std::vector<NodeIndex> out;
    for (int i = 0; i < 1000; ++i) out.push_back(places[pick(rng)]);
    return out;
  }
  std::shuffle(waypoints.begin(), waypoints.end(), rng);
  for (std::size_t i = 0; places.size() < 1000 && i < waypoints.size(); ++i) places.push_back(waypoints[i]);
  return places;
}

double process_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

void report_cpu_and_load(benchmark::State& state, double cpu_s) {
  state.counters["cpu_s"] = benchmark::Counter(cpu_s / static_cast<double>(state.iterations()));
  double load[1] = {0};
  if (getloadavg(load, 1) == 1) state.counters["load1"] = load[0];
}

void PlaceMatrix1000(benchmark::State& state) {
  Engine* e = network_of(state);
  if (!e) return;
  const auto places = thousand_places(e->network(), state.range(0) == 1);
  const auto today = e->scenario({"today", "", ""});
  const PairRoutingOptions options{"", Objective::time, 2};
  const double cpu0 = process_cpu_s();
  for (auto _ : state) {
    e->cache().clear();
    benchmark::DoNotOptimize(route_matrix(e->network(), e->cache(), today, places, places, MatrixMetric::time_h, options));
  }
  report_cpu_and_load(state, process_cpu_s() - cpu0);
}
BENCHMARK(PlaceMatrix1000)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// Base (today) and red-sea-closure matrices with the per-cell differences.
void PlaceMatrixComparison1000(benchmark::State& state) {
  Engine* e = network_of(state);
  if (!e) return;
  const auto places = thousand_places(e->network(), state.range(0) == 1);
  const auto today = e->scenario({"today", "", ""});
  const auto closed = e->scenario({"red-sea-closure", "", ""});
  const PairRoutingOptions options{"", Objective::time, 2};
  const double cpu0 = process_cpu_s();
  for (auto _ : state) {
    e->cache().clear();
    benchmark::DoNotOptimize(
        compare_matrices(e->network(), e->cache(), today, closed, places, places, MatrixMetric::time_h, options));
  }
  report_cpu_and_load(state, process_cpu_s() - cpu0);
}
BENCHMARK(PlaceMatrixComparison1000)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// What a plain (not customizable) CH on the large network's state graph would cost per
// scenario: contracting its open edges under the scenario's time weights (a lower bound for
// the multimodal CH, which needs a source and a sink per place besides), and then a 1,000 x
// 1,000 bucket query between one state of each place (counter m2m_ms, one run, 2 threads).
void ContractLargeStateGraph(benchmark::State& state) {
  Engine* e = large();
  if (!e) {
    state.SkipWithError("no large network: run scripts/build_large_network.sh");
    return;
  }
  const auto& net = e->network();
  const auto topology = build_topology(net);
  const CostModel cost(net, net.cargo_classes.front(), Objective::time, e->scenario({"today", "", ""}));
  const auto metric = customize(net, *topology, cost);
  std::vector<ch::WeightedEdge> edges;
  double total = 0;
  for (EdgeIndex k = 0; k < static_cast<EdgeIndex>(topology->edge_count()); ++k)
    if (metric->edge_weight[k] != kClosed) {
      edges.push_back({topology->edge_from[k], topology->edges[k].to, metric->edge_weight[k]});
      total += metric->edge_weight[k];
    }
  ch::BuildOptions build;
  build.weight_scale = std::min(1000.0, 2e9 / std::max(1.0, total));  // sums stay within 31 bits
  const auto n = static_cast<std::int32_t>(topology->state_count());
  std::optional<ch::ContractionHierarchy> hierarchy;
  const double cpu0 = process_cpu_s();
  for (auto _ : state) hierarchy.emplace(ch::ContractionHierarchy::build(n, edges, build));
  report_cpu_and_load(state, process_cpu_s() - cpu0);
  std::vector<std::int32_t> ends;
  for (auto place : thousand_places(net, true)) ends.push_back(topology->states_of(place).front());
  const auto started = std::chrono::steady_clock::now();
  benchmark::DoNotOptimize(hierarchy->many_to_many(ends, ends, 2));
  state.counters["m2m_ms"] = 1e3 * std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  state.counters["states"] = n;
  state.counters["edges"] = static_cast<double>(edges.size());
  state.counters["shortcuts"] = static_cast<double>(hierarchy->stats().shortcuts);
}
BENCHMARK(ContractLargeStateGraph)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

void LargeReadDataset(benchmark::State& state) {
  const char* env = std::getenv("SILKROUTE_LARGE_NETWORK");
  const std::string dir = env ? env : std::string(SILKROUTE_SOURCE_DIR) + "/build/large";
  if (!std::filesystem::exists(dir + "/nodes.csv")) {
    state.SkipWithError("no large network: run scripts/build_large_network.sh");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(io::read_dataset(dir));
}
BENCHMARK(LargeReadDataset)->Unit(benchmark::kMillisecond);

// What `silkroute validate data/bri` does (issue 14, item 5: under 100 ms): the loader's checks
// (arg 0), and those with the validation report (arg 1).
void BriReadAndValidate(benchmark::State& state) {
  const auto dir = std::string(SILKROUTE_SOURCE_DIR) + "/data/bri";
  for (auto _ : state) {
    const auto net = io::read_dataset(dir);
    if (state.range(0) == 1) benchmark::DoNotOptimize(validate_network(net));
    benchmark::DoNotOptimize(net.links.size());
  }
  state.SetLabel(state.range(0) == 0 ? "read (loader's checks)" : "read + validation report");
}
BENCHMARK(BriReadAndValidate)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// The validation report alone on the loaded network.
void BriValidationReport(benchmark::State& state) {
  const auto net = io::read_dataset(std::string(SILKROUTE_SOURCE_DIR) + "/data/bri");
  for (auto _ : state) benchmark::DoNotOptimize(validate_network(net));
}
BENCHMARK(BriValidationReport)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
