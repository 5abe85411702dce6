// Contraction hierarchies give exactly Dijkstra's distances on the same scaled integer
// weights: on random graphs with ties, zero weights, one-way and parallel arcs and
// unreachable parts here, and on Chicago-Regional when ../shared/data is present.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <memory>
#include <queue>
#include <random>

#include "io/tntp_reader.hpp"
#include "routing/ch/contraction_hierarchy.hpp"
#include "routing/ch/static_dijkstra.hpp"

using namespace silkroute;

namespace {

// Random arcs (one-way: u -> v does not imply v -> u) with weights on a coarse grid, so
// many paths tie, and some zero weights; plus self-loops and parallel arcs (the heavier
// one first), which the hierarchy must ignore and resolve to the lighter.
std::vector<ch::WeightedEdge> random_graph(std::int32_t n, int edges_per_node, int weight_steps, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::int32_t> node(0, n - 1);
  std::uniform_int_distribution<int> step(0, weight_steps);
  std::vector<ch::WeightedEdge> edges;
  for (std::int32_t v = 0; v < n; ++v)
    for (int k = 0; k < edges_per_node; ++k) edges.push_back({v, node(rng), step(rng) * 0.25});
  for (int k = 0; k < n / 10; ++k) {
    const auto u = node(rng), v = node(rng);
    edges.push_back({u, v, 7.5});
    edges.push_back({u, v, step(rng) * 0.25});
    edges.push_back({u, u, 0.5});
  }
  return edges;
}

// Checks every source x target cell of the matrix and the point-to-point distance of
// every pair against Dijkstra in weight units, exactly. Returns the unreachable cells.
int expect_same_as_dijkstra(const ch::ContractionHierarchy& hierarchy, const ch::StaticGraph& graph, int sources,
                            int targets, unsigned seed) {
  const auto n = hierarchy.node_count();
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::int32_t> node(0, n - 1);
  std::vector<std::int32_t> s(sources), t(targets);
  for (auto& v : s) v = node(rng);
  for (auto& v : t) v = node(rng);
  t.back() = s.front();  // a cell from a node to itself
  const auto matrix = hierarchy.many_to_many_units(s, t, 2);
  const auto matrix_in_input_units = hierarchy.many_to_many(s, t, 1);
  int unreachable = 0;
  for (int i = 0; i < sources; ++i) {
    const auto reference = graph.units_from(s[i]);
    const auto reference_in_input_units = graph.distances_from(s[i]);
    for (int j = 0; j < targets; ++j) {
      const auto want = reference[t[j]];
      EXPECT_EQ(matrix[i * targets + j], want) << s[i] << "->" << t[j];
      EXPECT_EQ(hierarchy.distance_units(s[i], t[j]), want) << s[i] << "->" << t[j];
      EXPECT_EQ(matrix_in_input_units[i * targets + j], reference_in_input_units[t[j]]);
      unreachable += want == ch::kUnreachable;
    }
  }
  return unreachable;
}

int expect_same_as_dijkstra(std::int32_t n, const std::vector<ch::WeightedEdge>& edges, int sources, int targets,
                            unsigned seed, const ch::BuildOptions& options = {}) {
  return expect_same_as_dijkstra(ch::ContractionHierarchy::build(n, edges, options),
                                 ch::StaticGraph(n, edges, options.weight_scale), sources, targets, seed);
}

}  // namespace

TEST(ContractionHierarchy, MatchesDijkstraOnRandomGraphsWithTies) {
  int unreachable = 0;
  for (unsigned seed : {1u, 2u, 3u, 4u}) {
    const std::int32_t n = 300;
    // Weights 0, 0.25 .. 1: ties everywhere; sparse, so some pairs are unreachable.
    unreachable += expect_same_as_dijkstra(n, random_graph(n, 2, 4, seed), 40, 60, seed);
    // Finer weights, denser graph.
    expect_same_as_dijkstra(n, random_graph(n, 4, 40, seed), 30, 40, seed + 100);
  }
  // The sparse graphs must mix reachable and unreachable pairs to test both.
  EXPECT_GT(unreachable, 0);
  EXPECT_LT(unreachable, 4 * 40 * 60 / 2);
}

TEST(ContractionHierarchy, CorrectEvenWhenWitnessSearchesGiveUpAtOnce) {
  // With one settled node per witness search nearly every pair gets a shortcut: a bigger
  // hierarchy, the same distances.
  ch::BuildOptions options;
  options.witness_settle_limit = 1;
  expect_same_as_dijkstra(200, random_graph(200, 3, 8, 9), 30, 30, 9, options);
  const auto lean = ch::ContractionHierarchy::build(200, random_graph(200, 3, 8, 9));
  const auto eager = ch::ContractionHierarchy::build(200, random_graph(200, 3, 8, 9), options);
  EXPECT_GT(eager.stats().shortcuts, lean.stats().shortcuts);
}

TEST(ContractionHierarchy, DisconnectedPartsAndOneWayArcs) {
  // Two components: 0->1->2 (one-way) and 3<->4; node 5 has no arcs at all.
  const std::vector<ch::WeightedEdge> edges = {{0, 1, 1}, {1, 2, 2}, {3, 4, 1}, {4, 3, 1.5}};
  const auto h = ch::ContractionHierarchy::build(6, edges);
  EXPECT_EQ(h.distance(0, 2), 3);
  EXPECT_EQ(h.distance(4, 3), 1.5);
  EXPECT_TRUE(std::isinf(h.distance(0, 4)));
  EXPECT_TRUE(std::isinf(h.distance(2, 0)));  // one-way
  EXPECT_TRUE(std::isinf(h.distance(5, 0)));
  EXPECT_EQ(h.distance(5, 5), 0);
  EXPECT_EQ(h.distance_units(2, 1), ch::kUnreachable);
  const auto m = h.many_to_many({0, 2, 5}, {2, 0, 3}, 1);
  EXPECT_EQ(m[0], 3);
  EXPECT_TRUE(std::isinf(m[1 * 3 + 1]));  // 2 -> 0
  EXPECT_TRUE(std::isinf(m[0 * 3 + 2]));  // 0 -> 3
  EXPECT_TRUE(std::isinf(m[2 * 3 + 0]));  // 5 -> 2
  EXPECT_TRUE(h.many_to_many({0, 1}, {}).empty());
  EXPECT_TRUE(h.many_to_many({}, {0, 1}).empty());
}

TEST(ContractionHierarchy, ParallelArcsKeepTheLightestAndSelfLoopsAreIgnored) {
  const std::vector<ch::WeightedEdge> edges = {{0, 1, 5}, {0, 1, 2}, {0, 1, 9}, {1, 1, 0}, {1, 2, 1}, {0, 2, 4}};
  const auto h = ch::ContractionHierarchy::build(3, edges);
  EXPECT_EQ(h.distance(0, 1), 2);
  EXPECT_EQ(h.distance(0, 2), 3);
  EXPECT_EQ(h.distance(1, 1), 0);
}

TEST(ContractionHierarchy, QueriesStillWorkAfterTheHierarchyIsMovedOrCopied) {
  // Query buffers are kept per thread; they must follow the object, not its old address.
  const auto edges = random_graph(200, 3, 8, 11);
  const ch::StaticGraph graph(200, edges);
  auto first = ch::ContractionHierarchy::build(200, edges);
  const auto want = graph.units_from(5)[17];
  EXPECT_EQ(first.distance_units(5, 17), want);
  const auto moved = std::move(first);
  EXPECT_EQ(moved.distance_units(5, 17), want);
  auto copy = std::make_unique<ch::ContractionHierarchy>(moved);
  EXPECT_EQ(copy->distance_units(5, 17), want);
  copy.reset();
  EXPECT_EQ(moved.distance_units(5, 17), want);
  EXPECT_EQ(moved.distance_units(17, 5), graph.units_from(17)[5]);
}

TEST(ContractionHierarchy, WeightsAreRoundedToTheScaleAndConvertedBack) {
  // At the default scale (1000 units per input unit) 0.0004 rounds to 0 and 1.2346 to
  // 1.235 (1235 units).
  const std::vector<ch::WeightedEdge> edges = {{0, 1, 0.0004}, {1, 2, 1.2346}, {0, 2, 1.3}};
  const auto h = ch::ContractionHierarchy::build(3, edges);
  EXPECT_EQ(h.distance_units(0, 1), 0u);
  EXPECT_EQ(h.distance_units(0, 2), 1235u);
  EXPECT_DOUBLE_EQ(h.distance(0, 2), 1.235);
  ch::BuildOptions coarse;
  coarse.weight_scale = 1;  // whole units: 0, 1 and 1 tie at 1
  const auto c = ch::ContractionHierarchy::build(3, edges, coarse);
  EXPECT_EQ(c.distance(0, 2), 1);
}

TEST(ContractionHierarchy, BadInputIsRejectedWithTheEdge) {
  auto message = [](const std::function<void()>& f) {
    try {
      f();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message([] { ch::ContractionHierarchy::build(2, {{0, 1, 1}, {1, 0, -1}}); }),
            "edge 1 (1 -> 0): weight must be finite and 0 or more, got -1.000000");
  EXPECT_NE(message([] { ch::ContractionHierarchy::build(2, {{0, 1, std::nan("")}}); }).find("edge 0 (0 -> 1): weight"),
            std::string::npos);
  EXPECT_EQ(message([] { ch::ContractionHierarchy::build(2, {{0, 2, 1}}); }), "edge 0 (0 -> 2): to is outside 0..1");
  EXPECT_NE(message([] { ch::ContractionHierarchy::build(2, {{0, 1, 3e6}}); }).find("use a smaller weight_scale"),
            std::string::npos);
  // Fine on its own, but two such arcs in a row could overflow a 31-bit distance.
  EXPECT_NE(message([] { ch::ContractionHierarchy::build(3, {{0, 1, 1.5e6}, {1, 2, 1.5e6}}); }).find("paths could weigh"),
            std::string::npos);
  const auto h = ch::ContractionHierarchy::build(2, {{0, 1, 1}});
  EXPECT_THROW(h.distance(0, 2), std::out_of_range);
  EXPECT_THROW(h.many_to_many({-1}, {0}), std::out_of_range);
}

TEST(ContractionHierarchy, ChicagoRegionalMatchesDijkstra) {
  const std::string path = std::string(SILKROUTE_SOURCE_DIR) + "/../shared/data/assignment/chicago-regional/ChicagoRegional_net.tntp";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "../shared/data is absent: " << path;
  const auto net = io::read_tntp(path);
  EXPECT_EQ(net.nodes, 12982);
  EXPECT_EQ(net.edges.size(), 39018u);
  // Free-flow times have at most three decimals, so at the default scale the integer
  // weights are exact: the hierarchy's distances are the file's sums of times.
  const auto h = ch::ContractionHierarchy::build(net.graph_nodes, net.edges);
  expect_same_as_dijkstra(h, ch::StaticGraph(net.graph_nodes, net.edges), 20, 300, 42);

  // The same against a Dijkstra on the unscaled doubles, to the rounding of the sums.
  std::vector<std::vector<std::pair<std::int32_t, double>>> out(net.graph_nodes);
  for (const auto& e : net.edges) out[e.from].push_back({e.to, e.weight});
  const std::int32_t s = net.source_of(1791);
  std::vector<double> dist(net.graph_nodes, INFINITY);
  using Entry = std::pair<double, std::int32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  dist[s] = 0;
  heap.push({0, s});
  while (!heap.empty()) {
    const auto [d, u] = heap.top();
    heap.pop();
    if (d > dist[u]) continue;
    for (const auto& [v, w] : out[u])
      if (d + w < dist[v]) heap.push({dist[v] = d + w, v});
  }
  for (std::int32_t k = 1; k <= net.nodes; k += 37) {
    const auto t = net.target_of(k);
    if (std::isinf(dist[t])) EXPECT_TRUE(std::isinf(h.distance(s, t)));
    else EXPECT_NEAR(h.distance(s, t), dist[t], 1e-9 * std::max(1.0, dist[t])) << k;
  }
}
