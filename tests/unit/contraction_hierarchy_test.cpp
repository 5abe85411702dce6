// Contraction hierarchies give exactly Dijkstra's distances: on random graphs here, and
// on Chicago-Regional when ../shared/data is present.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <random>

#include "io/tntp_reader.hpp"
#include "routing/ch/contraction_hierarchy.hpp"
#include "routing/ch/static_dijkstra.hpp"

using namespace silkroute;

namespace {

std::vector<ch::WeightedEdge> random_graph(std::int32_t n, int edges_per_node, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::int32_t> node(0, n - 1);
  std::uniform_real_distribution<double> weight(0.0, 10.0);
  std::vector<ch::WeightedEdge> edges;
  for (std::int32_t v = 0; v < n; ++v)
    for (int k = 0; k < edges_per_node; ++k) edges.push_back({v, node(rng), std::round(weight(rng) * 4) / 4});
  edges.push_back({0, 0, 1.0});    // a self-loop is ignored
  edges.push_back({1, 2, 0.0});    // zero weights are allowed
  edges.push_back({1, 2, 5.0});    // a parallel edge: the lighter one counts
  return edges;
}

void expect_same_as_dijkstra(std::int32_t n, const std::vector<ch::WeightedEdge>& edges, int sources, int targets,
                             unsigned seed) {
  const auto hierarchy = ch::ContractionHierarchy::build(n, edges);
  const ch::StaticGraph graph(n, edges);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::int32_t> node(0, n - 1);
  std::vector<std::int32_t> s(sources), t(targets);
  for (auto& v : s) v = node(rng);
  for (auto& v : t) v = node(rng);
  const auto matrix = hierarchy.many_to_many(s, t, 2);
  for (int i = 0; i < sources; ++i) {
    const auto reference = graph.distances_from(s[i]);
    for (int j = 0; j < targets; ++j) {
      const double want = reference[t[j]];
      const double got = matrix[i * targets + j];
      if (std::isinf(want)) EXPECT_TRUE(std::isinf(got)) << s[i] << "->" << t[j];
      else EXPECT_NEAR(got, want, 1e-9 * std::max(1.0, want)) << s[i] << "->" << t[j];
    }
  }
  EXPECT_EQ(hierarchy.distance(s[0], t[0]), matrix[0]);
}

}  // namespace

TEST(ContractionHierarchy, MatchesDijkstraOnRandomGraphs) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const std::int32_t n = 400;
    expect_same_as_dijkstra(n, random_graph(n, 3, seed), 30, 40, seed);
  }
}

TEST(ContractionHierarchy, DisconnectedPartsAreUnreachable) {
  // Two components: 0->1->2 and 3->4.
  const std::vector<ch::WeightedEdge> edges = {{0, 1, 1}, {1, 2, 2}, {3, 4, 1}};
  const auto h = ch::ContractionHierarchy::build(5, edges);
  EXPECT_EQ(h.distance(0, 2), 3);
  EXPECT_TRUE(std::isinf(h.distance(0, 4)));
  EXPECT_TRUE(std::isinf(h.distance(2, 0)));  // directed
}

TEST(ContractionHierarchy, ChicagoRegionalMatchesDijkstra) {
  const std::string path = std::string(SILKROUTE_SOURCE_DIR) + "/../shared/data/assignment/chicago-regional/ChicagoRegional_net.tntp";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "../shared/data is absent: " << path;
  const auto net = io::read_tntp(path);
  EXPECT_EQ(net.nodes, 12982);
  EXPECT_EQ(net.edges.size(), 39018u);
  expect_same_as_dijkstra(net.graph_nodes, net.edges, 20, 200, 42);
}
