// The matrices' flat-array trees (routing/tree_search) against ShortestPathTree, the
// engine's reference search: for random origins, every destination's weight and figures
// must be the same bits, under scenarios that close chokepoints, nodes and borders, on the
// embedded network, on a larger network generated from it, and on the large network when
// it is built.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "cost/cost_model.hpp"
#include "geo/great_circle.hpp"
#include "io/dataset_reader.hpp"
#include "routing/metric.hpp"
#include "routing/shortest_path.hpp"
#include "routing/topology.hpp"
#include "routing/tree_search.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_file.hpp"
#include "test_support.hpp"

using namespace silkroute;
using silkroute::test::bri;

namespace {

// Returns the number of (origin, destination) pairs with a route.
int expect_trees_equal(const Network& net, const std::vector<Scenario>& scenarios, int origins, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<NodeIndex> pick(0, static_cast<NodeIndex>(net.nodes.size()) - 1);
  const auto topology = build_topology(net);
  int reached = 0;
  for (const auto& scenario : scenarios)
    for (auto objective : {Objective::time, Objective::cost, Objective::generalized}) {
      const CostModel cost(net, net.cargo_classes.front(), objective, scenario);
      const auto metric = customize(net, *topology, cost);
      const TreeGraph graph(topology, metric);
      TreeSearch search(graph);  // one per run, reused from origin to origin as the matrix does
      for (int i = 0; i < origins; ++i) {
        const auto from = pick(rng);
        const ShortestPathTree want(topology, metric, from, {}, true);
        search.grow(from);
        for (NodeIndex to = 0; to < static_cast<NodeIndex>(net.nodes.size()); ++to) {
          const auto where = net.nodes[from].id + " - " + net.nodes[to].id;
          EXPECT_EQ(search.weight_to(to), want.weight_to(to)) << where;
          const auto a = search.figures_to(to);
          const auto b = want.figures_to(to);
          EXPECT_EQ(a.has_value(), b.has_value()) << where;
          if (!a || !b) continue;
          EXPECT_EQ(a->time_h, b->time_h) << where;
          EXPECT_EQ(a->cost_usd, b->cost_usd) << where;
          EXPECT_EQ(a->co2_kg, b->co2_kg) << where;
          EXPECT_EQ(a->distance_km, b->distance_km) << where;
          ++reached;
        }
      }
    }
  return reached;
}

std::vector<Scenario> closures(const Network& net) {
  std::vector<Scenario> out{Scenario{}, load_scenario(net, "red-sea-closure")};
  if (net.node_by_id("dostyk")) {
    Scenario closed;
    closed.closed.nodes.insert("dostyk");
    closed.closed.borders.insert(country_pair("BLR", "POL"));
    out.push_back(closed);
  }
  return out;
}

// The embedded network grown about tenfold: every link cut into `pieces` links through new
// nodes (the country of the link's start, so borders are crossed where they were), and
// random road and rail links between places up to 1,500 km apart, so that routes change
// carrier at more places and have many more states to choose from.
Network generated_network(int pieces, int extra_links, unsigned seed) {
  Network net = bri();
  const auto original_nodes = static_cast<NodeIndex>(net.nodes.size());
  const auto original_links = net.links.size();
  std::vector<Link> links;
  // The time model's line classes are per link index: each piece keeps its link's class, a
  // generated link is standard (as the dataset reader gives every link it does not list).
  std::vector<LineClass> link_class;
  for (std::size_t l = 0; l < original_links; ++l) {
    const Link link = net.links[l];
    const auto cls = l < net.time_model.link_class.size() ? net.time_model.link_class[l] : LineClass::standard;
    const auto a = net.nodes[link.from].position;
    const auto b = net.nodes[link.to].position;
    NodeIndex prev = link.from;
    for (int k = 0; k < pieces; ++k) {
      NodeIndex next = link.to;
      if (k + 1 < pieces) {
        const double f = static_cast<double>(k + 1) / pieces;
        Node mid;
        mid.id = link.id + "~" + std::to_string(k);
        mid.name = mid.id;
        mid.country = net.nodes[link.from].country;
        mid.position = {a.lon + f * (b.lon - a.lon), a.lat + f * (b.lat - a.lat)};
        mid.kind = NodeKind::waypoint;
        next = static_cast<NodeIndex>(net.nodes.size());
        net.nodes.push_back(mid);
      }
      Link piece = link;
      piece.id = link.id + "~" + std::to_string(k);
      piece.from = prev;
      piece.to = next;
      piece.length_km = link.length_km / pieces;
      if (link.time_h) piece.time_h = *link.time_h / pieces;
      if (k > 0) piece.departures_per_week = 0;  // one wait for the service, at its start
      piece.vertices.clear();
      links.push_back(piece);
      link_class.push_back(cls);
      prev = next;
    }
  }
  std::mt19937 rng(seed);
  std::uniform_int_distribution<NodeIndex> pick(0, original_nodes - 1);
  for (int added = 0; added < extra_links;) {
    const auto from = pick(rng);
    const auto to = pick(rng);
    const double km = geo::great_circle_km(net.nodes[from].position, net.nodes[to].position);
    if (from == to || km > 1500) continue;
    Link link;
    link.id = "generated-" + std::to_string(added);
    link.from = from;
    link.to = to;
    link.mode = added % 3 == 0 ? Mode::road : Mode::rail;
    link.gauge_mm = link.mode == Mode::rail ? (added % 2 ? 1435 : 1520) : 0;
    link.length_km = 1.3 * km;
    links.push_back(link);
    link_class.push_back(LineClass::standard);
    ++added;
  }
  net.links = links;
  if (net.time_model.structured) net.time_model.link_class = std::move(link_class);
  net.finalize();
  return net;
}

}  // namespace

TEST(TreeSearch, SameTreesAsShortestPathTreeOnTheEmbeddedNetwork) {
  auto scenarios = closures(bri());
  scenarios.push_back(load_scenario(bri(), "avoid-russia"));
  scenarios.push_back(load_scenario(bri(), "bri-2013"));
  EXPECT_GT(expect_trees_equal(bri(), scenarios, 10, 3), 10000);
}

TEST(TreeSearch, SameTreesAsShortestPathTreeOnAGeneratedLargerNetwork) {
  const auto net = generated_network(8, 400, 21);
  ASSERT_GT(net.nodes.size(), 5 * bri().nodes.size());
  const auto topology = build_topology(net);
  // The closures close edges, so the flat arrays really leave some out.
  const CostModel closed(net, net.cargo_classes.front(), Objective::time, load_scenario(net, "red-sea-closure"));
  EXPECT_LT(TreeGraph(topology, customize(net, *topology, closed)).edge_count(), topology->edge_count());
  EXPECT_GT(expect_trees_equal(net, closures(net), 4, 9), 50000);
}

// The large network (scripts/build_large_network.sh writes build/large; or
// SILKROUTE_LARGE_NETWORK): sea routes of hundreds of marnet edges.
TEST(TreeSearch, SameTreesAsShortestPathTreeOnTheLargeNetwork) {
  const char* env = std::getenv("SILKROUTE_LARGE_NETWORK");
  const std::string dir = env ? env : std::string(SILKROUTE_SOURCE_DIR) + "/build/large";
  if (!std::filesystem::exists(dir + "/nodes.csv"))
    GTEST_SKIP() << "no large network at " << dir << " (run scripts/build_large_network.sh)";
  const auto net = io::read_dataset(dir);
  EXPECT_GT(expect_trees_equal(net, closures(net), 2, 5), 10000);
}
