// The fast alternatives (routing/alternatives.cpp: goal-directed penalty searches, via paths
// built only when reached, local-optimality windows skipped where the trees prove them) give
// exactly the answers of the plain method (routing/alternatives_reference.cpp): the same
// routes, labels, figures and order, on random place pairs under every bundled scenario,
// every objective, another cargo class and wider bounds.
#include <gtest/gtest.h>

#include "network/place_finder.hpp"

#include <random>
#include <tuple>

#include "routing/alternatives_reference.hpp"
#include "routing/route_builder.hpp"
#include "routing/router.hpp"
#include "scenario/scenario_file.hpp"
#include "test_support.hpp"

using namespace silkroute;
using test::bri;

namespace {

struct Case {
  NodeIndex from = kNoNode;
  NodeIndex to = kNoNode;
  Objective objective = Objective::time;
  std::string scenario = "today";
  std::string cargo;  // empty: the first class
  int wanted = 3;
  double max_detour = kDefaultMaxDetour;
};

struct Tally {
  int routed = 0;        // pairs with a best route
  int alternatives = 0;  // alternatives found, summed
};

// Places a user routes between: every node but sea waypoints, chokepoints and border posts.
std::vector<NodeIndex> places() {
  std::vector<NodeIndex> out;
  for (NodeIndex n = 0; n < static_cast<NodeIndex>(bri().nodes.size()); ++n) {
    const auto kind = bri().nodes[n].kind;
    if (kind != NodeKind::waypoint && kind != NodeKind::chokepoint && kind != NodeKind::border_station)
      out.push_back(n);
  }
  return out;
}

std::vector<std::pair<NodeIndex, NodeIndex>> random_pairs(int count, unsigned seed) {
  const auto p = places();
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::size_t> pick(0, p.size() - 1);
  std::vector<std::pair<NodeIndex, NodeIndex>> out;
  while (static_cast<int>(out.size()) < count) {
    const auto a = p[pick(rng)], b = p[pick(rng)];
    if (a != b) out.emplace_back(a, b);
  }
  return out;
}

Case between(std::pair<NodeIndex, NodeIndex> ends) {
  Case c;
  c.from = ends.first;
  c.to = ends.second;
  return c;
}

void expect_same(const Case& c, Tally& tally) {
  const Scenario scenario = load_scenario(bri(), c.scenario);
  const CostModel cost(bri(), cargo_for(bri(), c.cargo), c.objective, scenario);
  const auto topology = test::cache().topology(bri());
  const auto metric = test::cache().metric(bri(), cost);
  const auto best = shortest_path(*topology, *metric, c.from, c.to);
  if (!best) return;
  ++tally.routed;
  const auto best_route = build_route(bri(), *topology, *metric, *best);
  AlternativeOptions o;
  o.wanted = c.wanted;
  o.max_detour = c.max_detour;
  const auto fast = find_alternatives(bri(), *topology, *metric, c.from, c.to, *best, best_route, o);
  const auto plain = find_alternatives_reference(bri(), *topology, *metric, c.from, c.to, *best, best_route, o);
  const std::string what = bri().nodes[c.from].id + " -> " + bri().nodes[c.to].id + ", " +
                           std::string(objective_name(c.objective)) + ", " + c.scenario +
                           (c.cargo.empty() ? "" : ", " + c.cargo);
  ASSERT_EQ(fast.size(), plain.size()) << what;
  for (std::size_t i = 0; i < fast.size(); ++i) {
    EXPECT_EQ(fast[i].label, plain[i].label) << what << ", alternative " << i;
    EXPECT_EQ(fast[i].links(), plain[i].links()) << what << ", alternative " << i;
    EXPECT_EQ(fast[i].total.time_h, plain[i].total.time_h) << what << ", alternative " << i;
    EXPECT_EQ(fast[i].total.cost_usd, plain[i].total.cost_usd) << what << ", alternative " << i;
    EXPECT_EQ(fast[i].total.co2_kg, plain[i].total.co2_kg) << what << ", alternative " << i;
  }
  tally.alternatives += static_cast<int>(fast.size());
}

}  // namespace

TEST(AlternativesEquivalence, TwoHundredRandomPairsToday) {
  Tally tally;
  for (auto ends : random_pairs(200, 17)) expect_same(between(ends), tally);
  // Most pairs are connected and have alternatives: the comparison is not of empty answers.
  EXPECT_GE(tally.routed, 150);
  EXPECT_GE(tally.alternatives, 2 * tally.routed);
}

TEST(AlternativesEquivalence, EveryBundledScenario) {
  Tally tally;
  const auto scenarios = bundled_scenarios(bri());
  ASSERT_GE(scenarios.size(), 6u);
  unsigned seed = 100;
  for (const auto& s : scenarios)
    for (auto ends : random_pairs(25, seed++)) {
      auto c = between(ends);
      c.scenario = s.name;
      expect_same(c, tally);
    }
  EXPECT_GE(tally.alternatives, tally.routed);
}

TEST(AlternativesEquivalence, EveryObjectiveAnotherCargoAndWiderBounds) {
  Tally tally;
  for (auto objective : {Objective::cost, Objective::co2, Objective::generalized})
    for (auto ends : random_pairs(25, 200 + static_cast<unsigned>(objective))) {
      auto c = between(ends);
      c.objective = objective;
      expect_same(c, tally);
    }
  ASSERT_GE(bri().cargo_classes.size(), 2u);
  for (auto ends : random_pairs(25, 300)) {
    auto c = between(ends);
    c.cargo = bri().cargo_classes.back().id;
    expect_same(c, tally);
  }
  for (auto [wanted, detour, seed] : {std::tuple{6, 4.0, 400u}, std::tuple{2, 1.3, 500u}})
    for (auto ends : random_pairs(25, seed)) {
      auto c = between(ends);
      c.wanted = wanted;
      c.max_detour = detour;
      expect_same(c, tally);
    }
  EXPECT_GE(tally.alternatives, tally.routed);
}

// Quanzhou-Nanchang: a penalty search meets two routes of exactly the same weight (Shenzhen to
// Changsha by two lines); the plain search once kept whichever the heap popped first, which the
// directed search could not know. Ties are now broken by the label, then the state index.
TEST(AlternativesEquivalence, EqualWeightRoutesAreBrokenAlike) {
  Tally tally;
  Case c;
  c.from = PlaceFinder(bri()).find_exact("Quanzhou");
  c.to = PlaceFinder(bri()).find_exact("Nanchang");
  ASSERT_NE(c.from, kNoNode);
  ASSERT_NE(c.to, kNoNode);
  expect_same(c, tally);
  EXPECT_EQ(tally.routed, 1);
  EXPECT_GE(tally.alternatives, 2);
}
