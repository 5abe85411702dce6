// Freight assignment on silkroute networks: the delay functions, the unit conversions, the
// nested logit, the equilibrium on a tiny network made here, and the Belt and Road network's
// bundled scenarios (today, avoid-russia) against the published figures the model is
// calibrated to.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "assignment/freight_assignment.hpp"
#include "assignment/freight_compare.hpp"
#include "assignment/freight_criticality.hpp"
#include "assignment/freight_delay.hpp"
#include "assignment/freight_logit.hpp"
#include "assignment/freight_path_size.hpp"
#include "assignment/freight_output.hpp"
#include "io/dataset_issue.hpp"
#include "io/od_pairs_reader.hpp"
#include "routing/topology.hpp"
#include "scenario/scenario_file.hpp"
#include "test_support.hpp"

namespace silkroute::assignment {
namespace {

constexpr double kHoursPerYear = 365 * 24;

// The M/D/1 mean wait written out here, apart from the code under test.
double md1_wait_h(double rho, double batches_per_h) { return rho / (2 * batches_per_h * (1 - rho)); }

// The same queue fed for period_h hours (Kimber-Hollis coordinate transformation of the M/D/1
// wait, written out as docs/assignment.md gives it): the wait the assignment reports.
double md1_period_wait_h(double rho, double batches_per_h, double period_h = kHoursPerYear) {
  const double b = (rho - 1) - 1 / (batches_per_h * period_h);
  return period_h / 4 * (b + std::sqrt(b * b + 4 * rho / (batches_per_h * period_h)));
}

TEST(FreightDelay, QueueWaitTendsToTheStationaryMD1WaitBelowCapacity) {
  // 10 trains of 100 TEU a day each way: 730,000 TEU a year both ways.
  const double capacity = 10 * 100 * 365 * 2.0;
  const double mu = 10.0 / 24;  // trains an hour, one direction
  // Over a very long period the coordinate transformation is the stationary M/D/1 wait.
  for (double rho : {0.1, 0.5, 0.8, 0.95})
    EXPECT_NEAR(queue_wait_h(rho * capacity, capacity, 100, 2, 1e9, kHoursPerYear), md1_wait_h(rho, mu), 1e-3) << rho;
  // Over a year it stays within a tenth of it up to 90% of capacity, and never above it.
  for (double rho : {0.1, 0.5, 0.8, 0.9}) {
    const double w = queue_wait_h(rho * capacity, capacity, 100, 2, kHoursPerYear, kHoursPerYear);
    EXPECT_LE(w, md1_wait_h(rho, mu)) << rho;
    EXPECT_GT(w, 0.9 * md1_wait_h(rho, mu)) << rho;
  }
  EXPECT_EQ(queue_wait_h(0, capacity, 100, 2, kHoursPerYear, kHoursPerYear), 0);
}

TEST(FreightDelay, BeyondCapacityTheWaitGrowsByHalfTheYearsExcessSoBookingsAreRefused) {
  const double capacity = 14 * 108.6 * 365 * 2.0;  // Malaszewicze: 14 trains a day each way
  auto w = [&](double rho) { return queue_wait_h(rho * capacity, capacity, 108.6, 2, kHoursPerYear, kHoursPerYear); };
  // Finite at capacity (days, not infinity), increasing, and past capacity the deterministic
  // backlog of a year's excess: (rho - 1) T / 2 and a little more.
  EXPECT_GT(w(1.0), 24);
  EXPECT_LT(w(1.0), 24 * 7);
  EXPECT_GT(w(1.0), w(0.95));
  for (double rho : {1.05, 1.16, 1.5}) {
    EXPECT_GT(w(rho), (rho - 1) * kHoursPerYear / 2) << rho;
    EXPECT_LT(w(rho), (rho - 1) * kHoursPerYear / 2 + w(1.0)) << rho;
  }
  // Without bound: 16% over capacity (the yard in session 11's strait closure) is about a month,
  // at general cargo's 12.5 USD an hour more than the 4,700 USD a TEU rail saved against the Cape.
  EXPECT_GT(w(1.16) * 12.5, 4700);
  EXPECT_GT(w(3.0), 10 * w(1.16));
}

TEST(FreightDelay, LineDelayIsBprThenAQueueForPathsBeyondCapacity) {
  EXPECT_NEAR(line_delay_h(50, 100, 10, 0.15, 4), 10 * 0.15 * std::pow(0.5, 4), 1e-12);
  EXPECT_EQ(line_overflow_h(100, 100, 100, 2, kHoursPerYear, kHoursPerYear), 0);
  const double over = line_overflow_h(150, 100, 1, 2, kHoursPerYear, kHoursPerYear);
  EXPECT_NEAR(over, queue_wait_h(150, 100, 1, 2, kHoursPerYear, kHoursPerYear) - queue_wait_h(100, 100, 1, 2, kHoursPerYear, kHoursPerYear), 1e-9);
  EXPECT_GT(over, 0);
}

TEST(FreightCapacity, UnitsConvertWithTheDataFactors) {
  FreightParameters p;
  p.teu_per_train = 108.6;
  p.teu_per_sailing = 112;
  p.teu_per_truck = 2;
  p.operating_days_per_year = 365;
  p.directions = 2;
  EXPECT_NEAR(capacity_teu_per_year(14, CapacityUnit::trains_per_day, p), 14 * 108.6 * 365 * 2, 1e-6);
  EXPECT_NEAR(capacity_teu_per_year(35, CapacityUnit::sailings_per_week, p), 35 * 112 * 365 / 7.0 * 2, 1e-6);
  EXPECT_NEAR(capacity_teu_per_year(800, CapacityUnit::trucks_per_day, p), 800 * 2 * 365 * 2, 1e-6);
  EXPECT_NEAR(capacity_teu_per_year(760, CapacityUnit::teu_per_day, p), 760 * 365, 1e-6);
  EXPECT_EQ(capacity_teu_per_year(70000, CapacityUnit::teu_per_year, p), 70000);
}

TEST(FreightLogit, SharesSumToOneAndFallWithCost) {
  const std::vector<MainMode> modes = {MainMode::sea, MainMode::rail, MainMode::rail};
  auto shares = nested_logit_shares(modes, {1000, 1100, 1150}, 0.01, 0.002);
  double sum = 0;
  for (double s : shares) sum += s;
  EXPECT_NEAR(sum, 1, 1e-12);
  auto dearer = nested_logit_shares(modes, {1000, 1300, 1150}, 0.01, 0.002);
  EXPECT_LT(dearer[1], shares[1]);
  EXPECT_GT(dearer[0], shares[0]);  // some of it goes to sea
  EXPECT_GT(dearer[2], shares[2]);  // and some to the other rail route
  // Equal scales: the plain multinomial logit.
  auto flat = nested_logit_shares(modes, {1000, 1100, 1150}, 0.01, 0.01);
  const double z = std::exp(-10.0) + std::exp(-11.0) + std::exp(-11.5);
  EXPECT_NEAR(flat[0], std::exp(-10.0) / z, 1e-12);
  EXPECT_NEAR(flat[2], std::exp(-11.5) / z, 1e-12);
}

TEST(FreightLogit, ACopyOfARouteDoesNotDoubleItsModesShare) {
  // Nesting: a second, identical rail route is a closer substitute than a mode, so rail's
  // share grows less than the plain logit's (which would go from 1/2 to 2/3).
  const auto one = nested_logit_shares({MainMode::sea, MainMode::rail}, {1000, 1000}, 0.01, 0.002);
  const auto two = nested_logit_shares({MainMode::sea, MainMode::rail, MainMode::rail}, {1000, 1000, 1000}, 0.01, 0.002);
  EXPECT_NEAR(one[1], 0.5, 1e-12);
  const double rail = two[1] + two[2];
  EXPECT_GT(rail, 0.5);
  EXPECT_LT(rail, 0.6);
}

// Places in one country: a -> t -> b through a terminal t of `trains_per_day` capacity
// (200 km), a -> b directly (600 km), and with `second_terminal` a -> u -> b through a
// terminal u of the same capacity (220 km).
// The pieces of the small networks below: places in China, standard-gauge rail links, rail's
// unit costs and general cargo.
Network china_network(const std::string& name) {
  Network net;
  net.source_dir = name;
  net.countries.push_back({"CHN", "China", "", kAlwaysOpen});
  net.mode_params[Mode::rail] = {50, 0.5, 0.3, 0, 0, "test"};
  CargoClass general;
  general.id = general.name = "general";
  general.value_usd_per_teu = 50000;
  general.time_cost_pct_per_day = 0.6;
  net.cargo_classes.push_back(general);
  return net;
}
void add_place(Network& net, const std::string& id, NodeKind kind, double lon, double lat = 35) {
  Node n;
  n.id = n.name = id;
  n.country = "CHN";
  n.kind = kind;
  n.position = {lon, lat};
  net.nodes.push_back(n);
}
void add_rail(Network& net, const std::string& id, NodeIndex from, NodeIndex to, double km) {
  Link l;
  l.id = id;
  l.from = from;
  l.to = to;
  l.mode = Mode::rail;
  l.gauge_mm = 1435;
  l.length_km = km;
  net.links.push_back(l);
}

Network tiny_network(double trains_per_day, bool second_terminal = false) {
  Network net = china_network("tiny");
  auto add_node = [&](const std::string& id, NodeKind kind, double lon) { add_place(net, id, kind, lon); };
  auto add_link = [&](const std::string& id, NodeIndex from, NodeIndex to, double km) { add_rail(net, id, from, to, km); };
  add_node("a", NodeKind::city, 100);
  add_node("t", NodeKind::rail_terminal, 101);
  add_node("b", NodeKind::city, 102);
  add_link("r_a_t", 0, 1, 100);
  add_link("r_t_b", 1, 2, 100);
  add_link("r_a_b", 0, 2, 600);
  if (second_terminal) {
    add_node("u", NodeKind::rail_terminal, 101);
    add_link("r_a_u", 0, 3, 110);
    add_link("r_u_b", 3, 2, 110);
    net.capacities.push_back({CapacityElement::node, "u", trains_per_day, CapacityUnit::trains_per_day, kAlwaysOpen, "test"});
  }
  net.capacities.push_back({CapacityElement::node, "t", trains_per_day, CapacityUnit::trains_per_day, kAlwaysOpen, "test"});
  net.finalize();
  return net;
}

FreightParameters tiny_parameters() {
  FreightParameters p;
  p.teu_per_train = 100;
  p.theta_route_per_usd = 0.02;
  p.theta_mode_per_usd = 0.01;
  return p;
}

TEST(FreightAssignment, TerminalWaitAtEquilibriumIsTheFormulaAtItsFlow) {
  const auto net = tiny_network(1);  // 73,000 TEU a year both ways
  const auto p = tiny_parameters();
  const std::vector<FreightDemand> demand = {{0, 2, 100000, "test", "general"}};
  FreightOptions options;
  options.tolerance = 1e-4;
  options.max_iterations = 5000;
  const auto r = assign_freight(net, build_topology(net), Scenario{}, demand, p, options);
  ASSERT_TRUE(r.converged);
  ASSERT_EQ(r.elements.size(), 1u);
  const auto& flow = r.element_flows[0];
  EXPECT_NEAR(r.elements[0].capacity_teu_per_year, 73000, 1e-6);
  // The terminal's flow is the flow of the routes through it, and its wait the M/D/1 formula fed for a year.
  double via_t = 0, total = 0;
  for (const auto& route : r.pairs[0].routes) {
    total += route.teu_per_year;
    if (!route.elements.empty()) via_t += route.teu_per_year;
  }
  EXPECT_NEAR(total, 100000, 1e-6);
  EXPECT_NEAR(flow.flow_teu_per_year, via_t, 1e-6);
  const double rho = via_t / 73000;
  ASSERT_LT(rho, 0.95);
  EXPECT_NEAR(flow.delay_h, md1_period_wait_h(rho, 1.0 / 24), 1e-6);
  // It fills up to where its wait costs about what the 400 km detour costs, not beyond.
  EXPECT_GT(rho, 0.5);
  EXPECT_GT(r.link_teu_per_year[2], 10000);
  // Equilibrium: the flows are the logit's answer to their own costs.
  std::vector<MainMode> modes;
  std::vector<double> cost;
  for (const auto& route : r.pairs[0].routes) {
    modes.push_back(route.mode);
    cost.push_back(route.cost_usd);
  }
  const auto share = nested_logit_shares(modes, cost, p.theta_route_per_usd, p.theta_mode_per_usd);
  for (std::size_t i = 0; i < share.size(); ++i) EXPECT_NEAR(r.pairs[0].routes[i].teu_per_year, 100000 * share[i], 300) << i;
}

TEST(FreightAssignment, WithoutCapacitiesTheShortRouteTakesAlmostEverything) {
  const auto net = tiny_network(1);
  const std::vector<FreightDemand> demand = {{0, 2, 100000, "test", "general"}};
  FreightOptions options;
  options.capacities = false;
  const auto r = assign_freight(net, build_topology(net), Scenario{}, demand, tiny_parameters(), options);
  EXPECT_TRUE(r.elements.empty());
  EXPECT_GT(r.link_teu_per_year[0], 99000);
  EXPECT_LT(r.link_teu_per_year[2], 1000);
}

TEST(FreightLogit, ExpectedCostIsBelowTheCheapestAndRisesWhenAnAlternativeGoes) {
  const std::vector<MainMode> modes = {MainMode::sea, MainMode::rail, MainMode::rail};
  const double all = nested_logit_expected_cost(modes, {1000, 1100, 1150}, 0.01, 0.002);
  EXPECT_LT(all, 1000);  // choice has a value: the expected minimum of perceived costs
  const double fewer = nested_logit_expected_cost({MainMode::sea, MainMode::rail}, {1000, 1100}, 0.01, 0.002);
  EXPECT_GT(fewer, all);
  // One alternative: its cost.
  EXPECT_NEAR(nested_logit_expected_cost({MainMode::rail}, {1234}, 0.01, 0.002), 1234, 1e-9);
}

// Two routes that share most of their length and one that shares nothing, at equal costs: the
// plain logit gives each a third; the path-size logit counts the pair nearer to one route.
TEST(FreightPathSize, OverlappingRoutesShareTheirSizeAndTheDistinctRouteGains) {
  // Links: 0 a-m (900 km, shared), 1 and 2 two ways m-b (100 km each), 3 a-b (1,000 km).
  const std::vector<double> km = {900, 100, 100, 1000};
  const std::vector<LinkIndex> via_1 = {0, 1}, via_2 = {0, 2}, direct = {3};
  const std::vector<MainMode> rail(3, MainMode::rail);
  const auto size = path_size_factors(rail, {via_1, via_2, direct}, km);
  EXPECT_NEAR(size[0], 0.9 / 2 + 0.1, 1e-12);
  EXPECT_NEAR(size[1], 0.55, 1e-12);
  EXPECT_NEAR(size[2], 1, 1e-12);
  const std::vector<double> equal = {2000, 2000, 2000};
  const auto plain = nested_logit_shares(rail, equal, 0.01, 0.002);
  for (double s : plain) EXPECT_NEAR(s, 1.0 / 3, 1e-12);
  auto cost = equal;
  add_path_size_term(cost, size, 1.0, 0.01);
  const auto ps = nested_logit_shares(rail, cost, 0.01, 0.002);
  EXPECT_NEAR(ps[0], 0.55 / 2.1, 1e-12);
  EXPECT_NEAR(ps[1], 0.55 / 2.1, 1e-12);
  EXPECT_NEAR(ps[2], 1 / 2.1, 1e-12);
  // n identical routes are 1/n each; a route of another mode on the same links is not counted.
  const auto copies = path_size_factors({MainMode::rail, MainMode::rail, MainMode::sea}, {direct, direct, direct}, km);
  EXPECT_NEAR(copies[0], 0.5, 1e-12);
  EXPECT_NEAR(copies[2], 1, 1e-12);
  // beta 0 leaves the costs as they were.
  auto same = equal;
  add_path_size_term(same, size, 0, 0.01);
  EXPECT_EQ(same, equal);
}

// a -> m -> t -> b and a -> m -> u -> b share a -> m (500 of their 600 km); a -> b (620 km)
// shares nothing. Terminals t and u hold one train a day each, so their waits bring the direct
// route into use as well.
Network overlap_network() {
  Network net = china_network("overlap");
  add_place(net, "a", NodeKind::city, 100);
  add_place(net, "m", NodeKind::city, 101);
  add_place(net, "t", NodeKind::rail_terminal, 101.5, 35.2);
  add_place(net, "u", NodeKind::rail_terminal, 101.5, 34.8);
  add_place(net, "b", NodeKind::city, 102);
  add_rail(net, "r_a_m", 0, 1, 500);
  add_rail(net, "r_m_t", 1, 2, 50);
  add_rail(net, "r_t_b", 2, 4, 50);
  add_rail(net, "r_m_u", 1, 3, 50);
  add_rail(net, "r_u_b", 3, 4, 50);
  add_rail(net, "r_a_b", 0, 4, 620);
  for (const char* id : {"t", "u"})
    net.capacities.push_back({CapacityElement::node, id, 1, CapacityUnit::trains_per_day, kAlwaysOpen, "test"});
  net.finalize();
  return net;
}

TEST(FreightPathSize, OnANetworkTheDistinctRouteCarriesMoreAndFlowsAnswerTheirCosts) {
  const auto net = overlap_network();
  const auto topology = build_topology(net);
  const std::vector<FreightDemand> demand = {{0, 4, 100000, "test", "general"}};
  FreightOptions options;
  options.tolerance = 1e-5;
  options.max_iterations = 20000;
  auto p = tiny_parameters();
  const auto plain = assign_freight(net, topology, Scenario{}, demand, p, options);
  p.path_size_beta = 1;
  const auto ps = assign_freight(net, topology, Scenario{}, demand, p, options);
  ASSERT_TRUE(plain.converged);
  ASSERT_TRUE(ps.converged);
  ASSERT_EQ(ps.pairs[0].routes.size(), 3u);
  const LinkIndex direct = 5;
  // The overlapping pair counts for less than two routes: the direct route gains.
  EXPECT_GT(ps.link_teu_per_year[direct], plain.link_teu_per_year[direct] + 2000);
  EXPECT_LT(ps.link_teu_per_year[0], plain.link_teu_per_year[0]);
  // Equilibrium: each route's flow is the path-size logit's answer to the final costs.
  std::vector<MainMode> modes;
  std::vector<double> cost;
  std::vector<std::span<const LinkIndex>> links;
  for (const auto& route : ps.pairs[0].routes) {
    modes.push_back(route.mode);
    cost.push_back(route.cost_usd);
    links.emplace_back(route.links);
  }
  std::vector<double> km;
  for (const auto& l : net.links) km.push_back(l.length_km);
  add_path_size_term(cost, path_size_factors(modes, links, km), 1.0, p.theta_route_per_usd);
  const auto share = nested_logit_shares(modes, cost, p.theta_route_per_usd, p.theta_mode_per_usd);
  for (std::size_t i = 0; i < share.size(); ++i) EXPECT_NEAR(ps.pairs[0].routes[i].teu_per_year, 100000 * share[i], 300) << i;
}

// The two-terminal network with 100,000 TEU a year from a to b, assigned tightly: the base
// run of the criticality and warm-start tests.
struct TwoTerminals {
  Network net = tiny_network(1, true);
  std::shared_ptr<const Topology> topology = build_topology(net);
  FreightParameters p = tiny_parameters();
  std::vector<FreightDemand> demand = {{0, 2, 100000, "test", "general"}};
  FreightResult base;
  FreightOptions options;
  TwoTerminals() {
    options.tolerance = 1e-5;
    options.max_iterations = 20000;
    base = assign_freight(net, topology, Scenario{}, demand, p, options);
  }
};

TEST(FreightCriticality, AFailedTerminalCostsItsDetourAndTheQueueItCausesAtTheOther) {
  const TwoTerminals two;
  const auto& [net, topology, p, demand, base, tight] = two;
  auto options = tight;
  ASSERT_TRUE(base.converged);
  const auto c = freight_criticality(net, topology, Scenario{}, demand, p, options, base, 1);
  ASSERT_EQ(c.failures.size(), 1u);
  const auto& f = c.failures[0];
  EXPECT_EQ(f.element, "node");
  // The failed one was the most loaded: t (shorter), and u is where its flow queues now.
  EXPECT_EQ(f.id, "t");
  EXPECT_EQ(f.busiest_alternative, "u");
  EXPECT_GT(f.added_wait_cost_usd, 0);
  EXPECT_EQ(f.unserved_teu_per_year, 0);
  // The cost is the difference of two assignments, the second without t.
  Scenario without_t;
  without_t.closed.nodes.insert("t");
  const auto after = assign_freight(net, topology, without_t, demand, p, options);
  EXPECT_NEAR(f.failure_cost_usd, after.total_cost_usd() - base.total_cost_usd(), 1e-6 * base.total_cost_usd());
  EXPECT_GT(f.failure_cost_usd, 0);
  double via_u_before = 0, via_u_after = 0;
  for (std::size_t i = 0; i < base.elements.size(); ++i)
    if (base.elements[i].id == "u") via_u_before = base.element_flows[i].utilization;
  for (std::size_t i = 0; i < after.elements.size(); ++i)
    if (after.elements[i].id == "u") via_u_after = after.element_flows[i].utilization;
  EXPECT_GT(via_u_after, via_u_before + 0.03);  // part of t's flow, the rest takes the long way
}

TEST(FreightCriticality, WarmStartsReachTheSameFailureCosts) {
  // Three routes a-b, two through terminals: each failure's assignment started from the base
  // run's flows (less the failed terminal's routes) ends where one from free flow ends. (With
  // one pair, every failure touches all the demand: the iterations saved are on the Belt and
  // Road network, BriFreight.CriticalityWarmStartsSaveIterationsWithTheSameCosts.)
  const TwoTerminals two;
  const auto& [net, topology, p, demand, base, tight] = two;
  auto options = tight;
  ASSERT_TRUE(base.converged);
  const auto warm = freight_criticality(net, topology, Scenario{}, demand, p, options, base, 2, true);
  const auto cold = freight_criticality(net, topology, Scenario{}, demand, p, options, base, 2, false);
  ASSERT_EQ(warm.failures.size(), 2u);
  ASSERT_EQ(cold.failures.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& w = warm.failures[i];
    const auto& c = cold.failures[i];
    EXPECT_EQ(w.id, c.id);
    EXPECT_TRUE(w.converged);
    EXPECT_TRUE(c.converged);
    // Within what the tolerance leaves open: 1e-5 of the demand's route flows.
    EXPECT_NEAR(w.failure_cost_usd, c.failure_cost_usd, 1e-3 * std::abs(c.failure_cost_usd)) << w.id;
    EXPECT_NEAR(w.added_wait_cost_usd, c.added_wait_cost_usd, 1e-2 * std::abs(c.added_wait_cost_usd) + 1) << w.id;
    EXPECT_EQ(w.busiest_alternative, c.busiest_alternative);
  }
}

TEST(FreightAssignment, AWarmStartAtEquilibriumStaysThereAndRefusesOtherDemand) {
  const TwoTerminals two;
  const auto& [net, topology, p, demand, base, tight] = two;
  auto options = tight;
  ASSERT_TRUE(base.converged);
  ASSERT_GT(base.iterations, 3);
  options.warm_start = &base;
  const auto again = assign_freight(net, topology, Scenario{}, demand, p, options);
  EXPECT_TRUE(again.converged);
  EXPECT_LE(again.iterations, 3);  // the first step's target is the logit at the base's own waits
  ASSERT_EQ(again.element_flows.size(), base.element_flows.size());
  for (std::size_t i = 0; i < base.element_flows.size(); ++i)
    EXPECT_NEAR(again.element_flows[i].flow_teu_per_year, base.element_flows[i].flow_teu_per_year, 1e-4 * 100000) << i;
  // A closed terminal's routes are dropped and their flow kept on the pair's other routes.
  Scenario without_t;
  without_t.closed.nodes.insert("t");
  const auto after = assign_freight(net, topology, without_t, demand, p, options);
  double total = 0;
  for (const auto& route : after.pairs[0].routes) {
    total += route.teu_per_year;
    for (int el : route.elements) EXPECT_NE(after.elements[el].id, "t");
  }
  EXPECT_NEAR(total, 100000, 1e-6);
  // Another demand is refused, naming the pair.
  const std::vector<FreightDemand> other = {{0, 1, 100000, "test", "general"}};
  try {
    assign_freight(net, topology, Scenario{}, other, p, options);
    FAIL() << "a warm start from another demand was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("warm start: pair 1 is a-b"), std::string::npos) << e.what();
  }
}

TEST(FreightCompare, ClosingTheTerminalMovesItsFlowToTheLongLineRowByRow) {
  const auto net = tiny_network(1);
  const auto topology = build_topology(net);
  const std::vector<FreightDemand> demand = {{0, 2, 100000, "test", "general"}};
  FreightOptions options;
  options.tolerance = 1e-4;
  options.max_iterations = 5000;
  Scenario open, closed;
  closed.name = "no-t";
  closed.closed.nodes.insert("t");
  const auto c = compare_freight_scenarios(net, topology, open, closed, demand, tiny_parameters(), options);
  EXPECT_EQ(c.scenario_a, "today");
  EXPECT_EQ(c.scenario_b, "no-t");
  // The capacity element first, then the plain links by the size of their change.
  ASSERT_GE(c.rows.size(), 3u);
  const auto& t = c.rows[0];
  EXPECT_EQ(t.element, "node");
  EXPECT_EQ(t.id, "t");
  EXPECT_GT(t.utilization_a, 0.5);
  EXPECT_NEAR(t.flow_b, 0, 1e-6);
  EXPECT_NEAR(t.utilization_change(), t.utilization_b - t.utilization_a, 1e-12);
  EXPECT_LT(t.delay_change_h(), 0);
  // Each side is its own run's figure, and the long line takes what the terminal carried.
  const auto a_rows = freight_rows(net, c.a), b_rows = freight_rows(net, c.b);
  const auto longline = std::find_if(c.rows.begin(), c.rows.end(), [](const FreightCompareRow& r) { return r.id == "r_a_b"; });
  ASSERT_NE(longline, c.rows.end());
  EXPECT_TRUE(std::isnan(longline->capacity_a) && std::isnan(longline->utilization_change()));
  EXPECT_NEAR(longline->flow_b, 100000, 1e-6);
  EXPECT_NEAR(longline->flow_a, c.a.link_teu_per_year[2], 1e-9);
  EXPECT_NEAR(longline->flow_change(), c.b.link_teu_per_year[2] - c.a.link_teu_per_year[2], 1e-9);
  EXPECT_NEAR(t.flow_a, a_rows[0].flow_teu_per_year, 1e-9);
  for (std::size_t i = 2; i < c.rows.size(); ++i)
    EXPECT_GE(std::abs(c.rows[i - 1].flow_change()), std::abs(c.rows[i].flow_change())) << i;
  ASSERT_EQ(c.lanes.size(), 1u);
  EXPECT_EQ(c.lanes[0].demand_teu_per_year, 100000);
  EXPECT_NEAR(c.lanes[0].mode_teu_b[static_cast<int>(MainMode::rail)], 100000, 1e-6);
  // The CSV has both sides and the changes; a run against itself changes nothing.
  const auto csv = freight_compare_csv(c);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "element,id,name,kind,capacity_teu_per_year_a,capacity_teu_per_year_b,flow_teu_per_year_a,flow_teu_per_year_b,"
            "flow_change_teu_per_year,utilization_a,utilization_b,utilization_change,delay_h_a,delay_h_b,delay_change_h");
  const auto same = compare_freight(net, c.a, c.a, "a", "a");
  for (const auto& r : same.rows) {
    EXPECT_EQ(r.flow_change(), 0) << r.id;
    EXPECT_EQ(r.delay_change_h(), 0) << r.id;
  }
  const auto geo = freight_compare_geojson(net, c);
  ASSERT_EQ(geo["features"].size(), c.rows.size());
  EXPECT_EQ(geo["features"][0]["geometry"]["type"], "Point");
  EXPECT_EQ(geo["features"][0]["properties"]["flow_change_teu_per_year"].get<double>(), t.flow_change());
}

// An airport's capacity is on its flights: a -> h -> b by air through the airport h, whose
// element serves air only, queues freighters (teu_per_flight) and carries the pair's air flow.
TEST(FreightCapacity, AnAirportsCapacityIsOnItsFlights) {
  Network net;
  net.source_dir = "air";
  net.countries.push_back({"CHN", "China", "", kAlwaysOpen});
  for (const auto& [id, kind, lon] : {std::tuple{"a", NodeKind::city, 100.0}, std::tuple{"h", NodeKind::airport, 110.0},
                                      std::tuple{"b", NodeKind::city, 120.0}}) {
    Node n;
    n.id = n.name = id;
    n.country = "CHN";
    n.kind = kind;
    n.position = {lon, 30};
    net.nodes.push_back(n);
  }
  auto add_link = [&](const std::string& id, NodeIndex from, NodeIndex to, Mode mode, double km) {
    Link l;
    l.id = id;
    l.from = from;
    l.to = to;
    l.mode = mode;
    l.length_km = km;
    net.links.push_back(l);
  };
  add_link("a_a_h", 0, 1, Mode::air, 1000);
  add_link("a_h_b", 1, 2, Mode::air, 1000);
  add_link("d_a_b", 0, 2, Mode::road, 2100);
  net.mode_params[Mode::air] = {800, 2.0, 2.0, 0, 0, "test"};
  net.mode_params[Mode::road] = {60, 1.0, 0.3, 0, 0, "test"};
  CargoClass c;
  c.id = c.name = "electronics";
  c.value_usd_per_teu = 500000;
  c.time_cost_pct_per_day = 1.5;
  net.cargo_classes.push_back(c);
  net.capacities.push_back({CapacityElement::node, "h", 20000, CapacityUnit::teu_per_year, kAlwaysOpen, "test"});
  net.finalize();
  auto p = tiny_parameters();
  p.teu_per_flight = 10;
  const std::vector<FreightDemand> demand = {{0, 2, 10000, "test", "electronics"}};
  const auto r = assign_freight(net, build_topology(net), Scenario{}, demand, p, {});
  ASSERT_EQ(r.elements.size(), 1u);
  const auto& h = r.elements[0];
  EXPECT_EQ(h.kind, "airport");
  EXPECT_EQ(h.node_modes, std::vector<Mode>{Mode::air});
  EXPECT_EQ(h.batch_teu, 10);
  const auto air = r.mode_teu()[static_cast<int>(MainMode::air)];
  EXPECT_GT(air, 0);
  EXPECT_NEAR(r.element_flows[0].flow_teu_per_year, air, 1e-6 * 10000);
  // The wait is the M/D/1 formula (fed for a year) for flights served at the capacity, one direction's worth.
  const double rho = air / 20000;
  ASSERT_LT(rho, 0.95);
  EXPECT_NEAR(r.element_flows[0].delay_h, md1_period_wait_h(rho, 20000.0 / 2 / 10 / (365 * 24)), 1e-6);
}

// A gauge-change yard y between standard gauge (a-y) and broad gauge (y-c-b), with a road
// y-c beside the broad-gauge line: a box can leave its train at y by truck and join a
// broad-gauge train at c. The yard's cranes make that lift too, so its capacity binds it: no
// route from a to b escapes the yard's queue (before, a truck lift at Altynkol and a road leg
// to Almaty carried 1.9 million TEU a year past Altynkol's yard under red-sea-closure).
TEST(FreightCapacity, AGaugeChangeYardAlsoBindsTheLiftsOntoTrucksAtItsNode) {
  Network net = china_network("yard");
  net.mode_params[Mode::road] = {60, 0.6, 1.0, 0, 0, "test"};
  add_place(net, "a", NodeKind::city, 100);
  add_place(net, "y", NodeKind::border_station, 101);
  add_place(net, "c", NodeKind::rail_terminal, 102);
  add_place(net, "b", NodeKind::city, 103);
  add_rail(net, "r_a_y", 0, 1, 100);
  add_rail(net, "r_y_c", 1, 2, 100);
  add_rail(net, "r_c_b", 2, 3, 100);
  net.links[1].gauge_mm = net.links[2].gauge_mm = 1520;
  Link road;
  road.id = "d_y_c";
  road.from = 1;
  road.to = 2;
  road.mode = Mode::road;
  road.length_km = 100;
  net.links.push_back(road);
  net.transfers.push_back({1, {Mode::rail, 1435}, {Mode::rail, 1520}, 4, 100, kAlwaysOpen, "", "test"});
  net.transfers.push_back({1, {Mode::rail, 0}, {Mode::road, 0}, 1, 10, kAlwaysOpen, "", "test"});
  net.transfers.push_back({2, {Mode::road, 0}, {Mode::rail, 0}, 1, 10, kAlwaysOpen, "", "test"});
  // A tenth of the demand's worth: the queue is days long, and a way round it would be taken.
  net.capacities.push_back({CapacityElement::transfer, "y:rail:1435-rail:1520", 10000, CapacityUnit::teu_per_year, kAlwaysOpen, "test"});
  net.finalize();
  const auto topology = build_topology(net);
  const std::vector<FreightDemand> demand = {{0, 3, 100000, "test", "general"}};
  FreightOptions options;
  options.max_iterations = 300;
  const auto r = assign_freight(net, topology, Scenario{}, demand, tiny_parameters(), options);
  ASSERT_EQ(r.elements.size(), 1u);
  // The element sits on the gauge change and on the lifts between train and truck at y, not at c.
  int at_y = 0, lifts = 0;
  for (auto e : r.elements[0].edges) {
    ASSERT_EQ(topology->edges[e].kind, EdgeKind::carrier_change);
    for (auto row : topology->transfers_of_change(topology->edges[e].ref)) {
      EXPECT_EQ(net.transfers[row].node, 1) << "a lift at c is not the yard's";
      at_y += net.transfers[row].node == 1;
      lifts += row == 1;
    }
  }
  EXPECT_GT(at_y, 0);
  EXPECT_GT(lifts, 0);
  // Every box from a to b passes the yard, by train or by truck.
  for (const auto& route : r.pairs[0].routes) EXPECT_EQ(route.elements, std::vector<int>{0});
  EXPECT_NEAR(r.element_flows[0].flow_teu_per_year, 100000, 1e-6 * 100000);
  EXPECT_GT(r.element_flows[0].delay_h, 24);
}

// Two ports joined by a rail line (1,000 km) and a sea lane (1,500 km): the two modes the
// calibration trades off.
Network two_mode_network() {
  Network net = china_network("two-mode");
  add_place(net, "a", NodeKind::seaport, 100, 30);
  add_place(net, "b", NodeKind::seaport, 110, 30);
  add_rail(net, "r_a_b", 0, 1, 1000);
  Link sea = net.links.back();
  sea.id = "s_a_b";
  sea.mode = Mode::sea;
  sea.gauge_mm = 0;
  sea.length_km = 1500;
  net.links.push_back(sea);
  net.mode_params[Mode::sea] = {30, 0.05, 0.15, 0, 0, "test"};
  net.finalize();
  return net;
}

TEST(FreightCalibration, FindsTheModeScaleThatGivesTheTargetRailVolume) {
  const auto net = two_mode_network();
  const auto topology = build_topology(net);
  const std::vector<FreightDemand> demand = {{0, 1, 1000000, "china_europe_rail", "general"}};
  FreightParameters p;
  // Sea is 50 USD a TEU cheaper: rail takes half at a tiny scale, 38% at 0.01; 40% lies between.
  p.rail_target_teu_per_year = 400000;
  FreightOptions options;
  const auto cal = calibrate_mode_scale(net, topology, Scenario{}, demand, p, options);
  ASSERT_TRUE(cal.reached);
  EXPECT_NEAR(cal.rail_teu_per_year, 400000, 0.025 * 400000);
  EXPECT_NEAR(cal.theta_mode_per_usd, std::log(1.5) / 50, 0.1 * std::log(1.5) / 50);  // 0.4 = 1 / (1 + e^(50 theta))
  EXPECT_GE(cal.steps.size(), 3u);
  // The scale found gives that volume when the assignment runs with it.
  p.theta_mode_per_usd = cal.theta_mode_per_usd;
  const auto r = assign_freight(net, topology, Scenario{}, demand, p, options);
  EXPECT_NEAR(r.mode_teu(china_europe_lanes())[static_cast<int>(MainMode::rail)], cal.rail_teu_per_year, 1);
  // A target beyond what any scale gives is reported as not reached.
  p.rail_target_teu_per_year = 900000;
  EXPECT_FALSE(calibrate_mode_scale(net, topology, Scenario{}, demand, p, options).reached);
}

TEST(FreightCalibration, RailConstantShiftsTheModeChoiceToTheTargetVolume) {
  const auto net = two_mode_network();
  const auto topology = build_topology(net);
  const std::vector<FreightDemand> demand = {{0, 1, 1000000, "china_europe_rail", "general"}};
  FreightParameters p;
  p.theta_mode_per_usd = 0.01;
  FreightOptions options;
  const auto rail = [&](double constant) {
    p.rail_constant_usd_per_teu = constant;
    return assign_freight(net, topology, Scenario{}, demand, p, options).mode_teu(china_europe_lanes())[static_cast<int>(MainMode::rail)];
  };
  // A penalty on rail moves boxes to sea; a bonus moves them back.
  EXPECT_LT(rail(100), rail(0));
  EXPECT_GT(rail(-100), rail(0));
  // The calibration finds the constant that gives the target, and the assignment with it agrees.
  p.rail_target_teu_per_year = 200000;
  const auto cal = calibrate_rail_constant(net, topology, Scenario{}, demand, p, options);
  ASSERT_TRUE(cal.reached);
  EXPECT_NEAR(rail(cal.rail_constant_usd_per_teu), 200000, 0.025 * 200000);
  // With sea 50 USD cheaper and theta 0.01: 0.2 = 1 / (1 + e^(0.01 (50 + k))) gives k = 100 ln 4 - 50.
  EXPECT_NEAR(cal.rail_constant_usd_per_teu, 100 * std::log(4.0) - 50, 5);
}

// The rail/sea network with a second class, "slow", worth less than general cargo a TEU, so
// that sea is its cheapest way too and every search finds both routes for it.
Network two_class_network() {
  auto net = two_mode_network();
  CargoClass slow;
  slow.id = slow.name = "slow";
  slow.value_usd_per_teu = 20000;
  slow.time_cost_pct_per_day = 0.6;
  net.cargo_classes.push_back(slow);
  net.finalize();
  return net;
}

double rail_share_of(const FreightResult& r, const std::string& cargo) {
  double rail = 0, all = 0;
  for (const auto& pr : r.pairs) {
    if (r.demand[pr.demand].cargo != cargo) continue;
    rail += pr.mode_teu[static_cast<int>(MainMode::rail)];
    for (double v : pr.mode_teu) all += v;
  }
  return all > 0 ? rail / all : 0;
}

TEST(FreightCalibration, AClassConstantMovesOnlyItsClassAndIsFittedToItsShare) {
  const auto net = two_class_network();
  const auto topology = build_topology(net);
  const std::vector<FreightDemand> both = {{0, 1, 500000, "china_europe_rail", "general"},
                                           {0, 1, 500000, "china_europe_rail", "slow"}};
  FreightParameters p;
  p.theta_mode_per_usd = 0.01;
  FreightOptions options;
  const auto base = assign_freight(net, topology, Scenario{}, both, p, options);
  // A rail bonus for the slow class alone: its boxes move to rail, general cargo's stay.
  p.classes["slow"].rail_constant_usd_per_teu = -300;
  const auto bonus = assign_freight(net, topology, Scenario{}, both, p, options);
  EXPECT_GT(rail_share_of(bonus, "slow"), rail_share_of(base, "slow") + 0.3);
  EXPECT_NEAR(rail_share_of(bonus, "general"), rail_share_of(base, "general"), 1e-9);
  EXPECT_EQ(p.rail_constant_usd_per_teu_for("general"), p.rail_constant_usd_per_teu);
  EXPECT_EQ(p.air_constant_usd_per_teu_for("general"), 0);

  // The fit: a class target of 30% by rail, reached, and the assignment with the constant found
  // (the class as a marginal box beside general cargo) gives it.
  p.classes["slow"].rail_share_target = 0.3;
  const std::vector<FreightDemand> slow = {{0, 1, 1000000, "china_europe_rail", "slow"}};
  const auto cal = calibrate_class_constants(net, topology, Scenario{}, slow, p, options, "slow");
  ASSERT_TRUE(cal.reached);
  EXPECT_NEAR(cal.rail_share, 0.3, 0.005);
  EXPECT_GE(cal.steps.size(), 2u);
  p.classes["slow"].rail_constant_usd_per_teu = cal.rail_constant_usd_per_teu;
  const std::vector<FreightDemand> marginal = {{0, 1, 990000, "china_europe_rail", "general"},
                                               {0, 1, 10000, "china_europe_rail", "slow"}};
  EXPECT_NEAR(rail_share_of(assign_freight(net, topology, Scenario{}, marginal, p, options), "slow"), 0.3, 0.005);
  // A class without a target is refused, with the rows it lacks.
  try {
    calibrate_class_constants(net, topology, Scenario{}, both, p, options, "general");
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("rail_share_target:general"), std::string::npos) << e.what();
  }
}

TEST(FreightParametersFile, ClassConstantsAreReadAndTheirErrorsNamed) {
  const auto dir = std::filesystem::temp_directory_path() / ("freight_class_params_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "freight_assignment.csv").string();
  auto net = two_class_network();
  net.source_dir = dir.string();
  {
    std::ofstream f(path);
    f << "parameter,value,source\nrail_constant_usd_per_teu,100,x\nair_constant_usd_per_teu:slow,150000,x\n"
         "rail_share_target:slow,0.05,x\n";
  }
  const auto p = read_freight_parameters(net);
  EXPECT_EQ(p.air_constant_usd_per_teu_for("slow"), 150000);
  EXPECT_EQ(p.rail_constant_usd_per_teu_for("slow"), 100) << "no rail constant of its own: the general one";
  EXPECT_EQ(p.classes.at("slow").rail_share_target, 0.05);
  const auto refused = [&](const std::string& rows, const std::vector<std::string>& parts) {
    {
      std::ofstream f(path);
      f << "parameter,value,source\n" << rows;
    }
    try {
      read_freight_parameters(net);
      ADD_FAILURE() << "expected an error for " << rows;
    } catch (const io::DatasetError& e) {
      for (const auto& part : parts) EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    }
  };
  refused("air_constant_usd_per_teu:slwo,1,x\n", {"freight_assignment.csv:2", "unknown cargo class 'slwo'", "slow"});
  refused("boat_constant_usd_per_teu:slow,1,x\n", {"freight_assignment.csv:2", "parameter", "air_constant_usd_per_teu:CLASS"});
  refused("rail_share_target:slow,0.6,x\nair_share_target:slow,0.5,x\n", {"freight_assignment.csv:2", "add up to more than 1"});
  refused("air_share_target:slow,1.5,x\n", {"freight_assignment.csv:2", "value"});
  std::filesystem::remove_all(dir);
}

TEST(FreightParametersFile, ErrorsNameFileLineAndField) {
  const auto dir = std::filesystem::temp_directory_path() / ("freight_params_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "freight_assignment.csv").string();
  {
    std::ofstream f(path);
    f << "parameter,value,source\nteu_per_train,abc,x\nteu_per_wagon,2,x\n";
  }
  try {
    read_freight_parameters_file(path);
    FAIL() << "expected an error";
  } catch (const io::DatasetError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("freight_assignment.csv:2"), std::string::npos) << what;
    EXPECT_NE(what.find("value"), std::string::npos) << what;
    EXPECT_NE(what.find("freight_assignment.csv:3"), std::string::npos) << what;
    EXPECT_NE(what.find("teu_per_wagon"), std::string::npos) << what;
  }
  {
    std::ofstream f(path);
    f << "parameter,value,source\ntheta_route_per_usd,0.001,x\ntheta_mode_per_usd,0.01,x\n";
  }
  try {
    read_freight_parameters_file(path);
    FAIL() << "expected an error";
  } catch (const io::DatasetError& e) {
    EXPECT_NE(std::string(e.what()).find("freight_assignment.csv:3"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

// The Belt and Road network with its bundled demand, one cargo class.
FreightResult bri_run(const std::string& scenario, int year) {
  const auto& net = test::bri();
  static const auto topology = build_topology(net);
  const auto demand = freight_demand(bundled_demand(net), "general", nullptr);
  FreightOptions options;
  options.year = year;
  return assign_freight(net, topology, load_scenario(net, scenario), demand, read_freight_parameters(net), options);
}

const FreightElementResult* element(const FreightResult& r, const std::string& id) {
  for (std::size_t i = 0; i < r.elements.size(); ++i)
    if (r.elements[i].id == id) return &r.element_flows[i];
  return nullptr;
}

TEST(BriFreight, CalibratedModeScaleGivesChinaEuropeRailNearItsPublishedVolume) {
  const auto r = bri_run("today", 2023);
  EXPECT_TRUE(r.converged);
  const auto ce = r.mode_teu(china_europe_lanes());
  // 1.9 million TEU in 2023 (China State Railway Group), within 5%.
  EXPECT_NEAR(ce[static_cast<int>(MainMode::rail)], 1.9e6, 0.05 * 1.9e6);
  // Every pair's demand is assigned, no more, no less.
  for (const auto& pr : r.pairs) {
    double sum = 0;
    for (double v : pr.mode_teu) sum += v;
    EXPECT_NEAR(sum, r.demand[pr.demand].teu_per_year, 1e-6 * sum);
  }
  // The Poland-Belarus gauge change runs near its capacity with hours of waiting. (Operators
  // reported 2-3 days in 2021-2023; under the structured time model the assignment spreads
  // rail over more corridors, through Erenhot and Zabaikalsk as well as Dostyk, and gives
  // 10-20 h depending on how slow the sea is against rail: docs/assignment.md says so. Since
  // the Taiyuan-Datong-Hohhot line of coverage wave 7, Shanxi's and Shaanxi's trains leave by
  // Erenhot, and Malaszewicze runs at about 90%. Since session 13 express trains pass the
  // Xinjiang crossings in about an hour while Erenhot keeps CAREC's 44 h for ordinary trains, so
  // half of Erenhot's flow moved to Altynkol and Malaszewicze runs at 87% with about 5.5 h.
  // Since session 14 the EU's rail borders on 1520 mm track (Kena, Narva, Vainikkala) dwell 6 h
  // instead of Brest's 36, some trains take them, and Malaszewicze runs at 84% with about 4.6 h.
  // Since session 15's refit of the time model (European express trains 40 -> 30 km/h, so more
  // trains leave the 1520 mm track later, at the Baltic borders) it runs at 80% with 3.3 h.
  // Since session 18's Brenner corridor it runs at 75-76% with about 2.6 h: the assignment's sea
  // option for the North Sea pairs (Shanghai-Rotterdam, -Antwerp, Ningbo-, Qingdao-, Busan-
  // Rotterdam, Xi'an- and Chongqing-Duisburg) lands at Trieste and crosses the Brenner by rail, so
  // it became about 5 h faster and 60 USD cheaper and China-Europe rail fell 1.9% at the old
  // constant; with rail's constant refitted (3,906 -> 3,867) the total is back at 1.89 million, but
  // the equilibrium's route set gained Dostyk-St Petersburg for Shanghai-Rotterdam (55,000 TEU),
  // taken off Dostyk-Malaszewicze, as Dostyk queues longer (7.8 -> 11.7 h): a shift between
  // the 1520 mm exits, not a loss of rail.)
  const auto* mal = element(r, "malaszewicze:rail:1520-rail:1435");
  ASSERT_TRUE(mal);
  EXPECT_GT(mal->utilization, 0.72);
  EXPECT_GT(mal->delay_h, 2);
}

// Electronics, with the class constants fitted to the published split (3% rail, 22% air of
// China-Europe value, 2019), no longer all fly: a marginal box beside general cargo, with the
// capacities of 2023, goes as the calibration found.
TEST(BriFreight, ElectronicsKeepTheirPublishedModeSplit) {
  const auto& net = test::bri();
  static const auto topology = build_topology(net);
  const auto p = read_freight_parameters(net);
  ASSERT_TRUE(p.classes.count("electronics"));
  const auto demand = freight_demand(bundled_demand(net), parse_cargo_shares(net, "general:0.99,electronics:0.01"), nullptr);
  FreightOptions options;
  options.year = p.calibration_year;
  const auto r = assign_freight(net, topology, load_scenario(net, "today"), demand, p, options);
  std::array<double, kMainModeCount> teu{};
  const auto& lanes = china_europe_lanes();
  for (const auto& pr : r.pairs) {
    const auto& d = r.demand[pr.demand];
    if (d.cargo != "electronics" || std::find(lanes.begin(), lanes.end(), d.lane) == lanes.end()) continue;
    for (int m = 0; m < kMainModeCount; ++m) teu[m] += pr.mode_teu[m];
  }
  double all = 0;
  for (double v : teu) all += v;
  ASSERT_GT(all, 0);
  EXPECT_NEAR(teu[static_cast<int>(MainMode::air)] / all, *p.classes.at("electronics").air_share_target, 0.01);
  EXPECT_NEAR(teu[static_cast<int>(MainMode::rail)] / all, *p.classes.at("electronics").rail_share_target, 0.01);
  // General cargo has no constants of its own: rail's, and no air constant.
  EXPECT_EQ(p.rail_constant_usd_per_teu_for("general"), p.rail_constant_usd_per_teu);
  EXPECT_EQ(p.air_constant_usd_per_teu_for("general"), 0);
}

// Criticality's failures assigned from the base run's flows: the pairs that do not pass the
// failed element start at their equilibrium, where a run from free flow repeats the whole
// assignment; the failure costs agree within what the tolerance resolves.
TEST(BriFreight, CriticalityWarmStartsSaveIterationsWithTheSameCosts) {
  const auto& net = test::bri();
  static const auto topology = build_topology(net);
  const auto demand = freight_demand(bundled_demand(net), "general", nullptr);
  const auto p = read_freight_parameters(net);
  const auto today = load_scenario(net, "today");
  FreightOptions options;
  options.year = 2023;
  const auto base = assign_freight(net, topology, today, demand, p, options);
  ASSERT_TRUE(base.converged);
  const auto warm = freight_criticality(net, topology, today, demand, p, options, base, 3, true);
  const auto cold = freight_criticality(net, topology, today, demand, p, options, base, 3, false);
  ASSERT_EQ(warm.failures.size(), 3u);
  ASSERT_EQ(cold.failures.size(), 3u);
  int warm_iterations = 0, cold_iterations = 0;
  for (const auto& w : warm.failures) {
    // The same three elements, each matched by its id: two failures whose costs are close
    // may rank either way.
    const auto it = std::find_if(cold.failures.begin(), cold.failures.end(), [&](const auto& c) { return c.id == w.id; });
    ASSERT_NE(it, cold.failures.end()) << w.id << " is among the warm run's three costliest failures, not the cold run's";
    const auto& c = *it;
    EXPECT_TRUE(w.converged) << w.id;
    // A failure cost is the difference of two totals of about 180 billion USD, each known to
    // what a 0.1% flow tolerance resolves, and to the route sets each run found. A warm run
    // keeps the base run's open routes beside those it finds, so it chooses among at least as
    // many: its cost is never above the cold run's by more than 1.5 ten-thousandths of the
    // total (Altynkol's failure, which pushes Dostyk's yard to 99%: 0.88e-4 before the yards
    // bound their truck lifts, 9179f84, 1.04e-4 since). It may be below: with the time model of
    // session 15, Kazakhstan-Russia's failure costs 1.34 billion USD warm and 2.46 billion cold,
    // the same at a tolerance of 2e-4, as the cold run never finds the base run's ways round
    // by Erenhot (82% full warm, 89% cold): the assignment's answer depends on its route sets
    // (docs/assignment.md, Criticality).
    EXPECT_LT(w.failure_cost_usd, c.failure_cost_usd + 1.5e-4 * base.total_cost_usd()) << w.id;
    EXPECT_GT(w.failure_cost_usd, 0) << w.id;
    EXPECT_NEAR(w.unserved_teu_per_year, c.unserved_teu_per_year, 1) << w.id;
    warm_iterations += w.iterations;
    cold_iterations += c.iterations;
  }
  EXPECT_LT(warm_iterations, cold_iterations);
}

// Every pair whose published lane is a sea lane keeps a route that is mostly at sea, and the
// logit gives it most of the pair: Busan-Rotterdam once lost its only sea route when the sea
// generator's best path became Vladivostok and the Trans-Siberian to a Baltic port.
TEST(BriFreight, SeaLanePairsKeepTheirSeaRoute) {
  const auto& net = test::bri();
  const auto r = bri_run("today", 2023);
  int checked = 0;
  for (const auto& pr : r.pairs) {
    const auto& d = r.demand[pr.demand];
    if (d.lane != "asia_europe_sea") continue;
    ++checked;
    const bool has_sea = std::any_of(pr.routes.begin(), pr.routes.end(),
                                     [](const FreightRoute& route) { return route.mode == MainMode::sea; });
    EXPECT_TRUE(has_sea) << net.nodes[d.from].id << "-" << net.nodes[d.to].id;
    EXPECT_GT(pr.mode_teu[static_cast<int>(MainMode::sea)], 0.5 * d.teu_per_year)
        << net.nodes[d.from].id << "-" << net.nodes[d.to].id;
  }
  EXPECT_GE(checked, 5);
}

TEST(BriFreight, AvoidRussiaFillsTheCaspianAndSendsTheRestToSea) {
  const auto today = bri_run("today", 0);
  const auto avoid = bri_run("avoid-russia", 0);
  // The Caspian fleets bind: the container feeders and the rail ferries fill, and the ferry's
  // few sailings make days of waiting, as operators report (capacities.csv, SOURCES.md).
  for (const auto* id : {"baku", "f_aktau_baku", "f_kuryk_baku"}) {
    const auto* before = element(today, id);
    const auto* after = element(avoid, id);
    ASSERT_TRUE(before && after) << id;
    EXPECT_GT(after->utilization, before->utilization + 0.5) << id;
  }
  EXPECT_GT(element(avoid, "f_aktau_baku")->utilization, 0.8);
  EXPECT_GT(element(avoid, "f_kuryk_baku")->delay_h, 48);
  // What crosses the Caspian by ship is about what its operators state as the corridor's
  // container capacity (80,000-100,000 TEU a year, 2023-2025), not the ports' 240,000.
  double across = 0;
  for (const auto* id : {"f_aktau_baku", "f_kuryk_baku", "f_turkmenbashi_baku"}) across += element(avoid, id)->flow_teu_per_year;
  EXPECT_GT(across, 60000);
  EXPECT_LT(across, 140000);
  EXPECT_LT(element(avoid, "malaszewicze:rail:1520-rail:1435")->flow_teu_per_year, 1);
  const auto rail = static_cast<int>(MainMode::rail), sea = static_cast<int>(MainMode::sea);
  EXPECT_LT(avoid.mode_teu(china_europe_lanes())[rail], 0.2 * today.mode_teu(china_europe_lanes())[rail]);
  EXPECT_GT(avoid.mode_teu(china_europe_lanes())[sea], today.mode_teu(china_europe_lanes())[sea] + 1e6);
  // The outputs hold every element with its capacity, and every loaded link.
  const auto rows = freight_rows(test::bri(), avoid);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.front().id, "f_aktau_baku");  // the Caspian feeders, the most utilized
  const auto csv = freight_csv(rows);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "element,id,name,kind,flow_teu_per_year,capacity_teu_per_year,utilization,delay_h");
  // Compared, the Caspian's elements are among the largest rises of utilization and the
  // gauge changes on the Russian routes among the largest falls.
  const auto c = compare_freight(test::bri(), today, avoid, "today", "avoid-russia");
  auto rank = [&](const std::string& id) {
    for (std::size_t i = 0; i < c.rows.size(); ++i)
      if (c.rows[i].id == id) return static_cast<int>(i);
    return -1;
  };
  for (const auto* id : {"f_aktau_baku", "f_kuryk_baku", "malaszewicze:rail:1520-rail:1435"}) {
    EXPECT_GE(rank(id), 0) << id;
    EXPECT_LT(rank(id), 12) << id;
  }
  EXPECT_GT(c.rows[rank("f_aktau_baku")].utilization_change(), 0.5);
  EXPECT_LT(c.rows[rank("malaszewicze:rail:1520-rail:1435")].utilization_change(), -0.5);
}

// Two terminals side by side, each of one train a day (73,000 TEU a year both ways), and a
// 10,000 km line around them: 150,000 TEU a year fill both beyond capacity, where the year's
// queue grows by half its excess and the waits are steep.
Network two_full_terminals() {
  auto net = china_network("stiff");
  add_place(net, "a", NodeKind::city, 100);
  add_place(net, "t", NodeKind::rail_terminal, 101);
  add_place(net, "b", NodeKind::city, 102);
  add_place(net, "u", NodeKind::rail_terminal, 101);
  add_rail(net, "r_a_t", 0, 1, 100);
  add_rail(net, "r_t_b", 1, 2, 100);
  add_rail(net, "r_a_b", 0, 2, 10000);
  add_rail(net, "r_a_u", 0, 3, 110);
  add_rail(net, "r_u_b", 3, 2, 110);
  for (const char* id : {"t", "u"})
    net.capacities.push_back({CapacityElement::node, id, 1, CapacityUnit::trains_per_day, kAlwaysOpen, "test"});
  net.finalize();
  return net;
}

TEST(FreightStepRule, ConjugateDirectionsReachTheGapWhereAveragingIsStillFarOff) {
  const auto net = two_full_terminals();
  const auto topology = build_topology(net);
  const std::vector<FreightDemand> demand = {{0, 2, 150000, "test", "general"}, {0, 1, 37500, "test", "general"}};
  auto run = [&](FreightStepRule rule, int max_iterations) {
    FreightOptions o;
    o.tolerance = 1e-4;
    o.max_iterations = max_iterations;
    o.step_rule = rule;
    return assign_freight(net, topology, Scenario{}, demand, tiny_parameters(), o);
  };
  // In 100 iterations the default reaches a flow change of 0.01%; neither averaging rule does
  // (measured: self-regulated averaging needs about 980, successive averages about 430).
  const auto conjugate = run(FreightStepRule::conjugate, 100);
  ASSERT_TRUE(conjugate.converged);
  EXPECT_EQ(conjugate.step_rule, FreightStepRule::conjugate);
  EXPECT_GT(conjugate.element_flows[0].utilization, 1.05);  // beyond capacity: the steep part
  for (auto rule : {FreightStepRule::self_regulated, FreightStepRule::successive}) {
    const auto r = run(rule, 100);
    EXPECT_FALSE(r.converged) << enum_name(rule);
    EXPECT_GT(r.history.back().flow_change, 1e-4) << enum_name(rule);
    // Given the iterations, they reach the same equilibrium.
    const auto done = run(rule, 5000);
    ASSERT_TRUE(done.converged) << enum_name(rule);
    for (std::size_t i = 0; i < done.element_flows.size(); ++i)
      EXPECT_NEAR(done.element_flows[i].flow_teu_per_year, conjugate.element_flows[i].flow_teu_per_year, 1e-4 * 187500)
          << enum_name(rule) << " element " << i;
  }
  // And it is the equilibrium: each pair's flows are the logit's answer to their own costs.
  for (const auto& pair : conjugate.pairs) {
    std::vector<MainMode> modes;
    std::vector<double> cost;
    for (const auto& route : pair.routes) {
      modes.push_back(route.mode);
      cost.push_back(route.cost_usd);
    }
    const double teu = demand[pair.demand].teu_per_year;
    const auto share = nested_logit_shares(modes, cost, tiny_parameters().theta_route_per_usd, tiny_parameters().theta_mode_per_usd);
    for (std::size_t i = 0; i < share.size(); ++i) EXPECT_NEAR(pair.routes[i].teu_per_year, teu * share[i], 1e-4 * teu) << i;
  }
}

}  // namespace
}  // namespace silkroute::assignment
