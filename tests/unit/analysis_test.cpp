// The analyses on the embedded network: many-pair routing agrees with single routes,
// compare reports the changes a user knows from the world, criticality names the elements
// an analyst would, and the trade impact follows its formula.
#include <gtest/gtest.h>

#include "io/od_pairs_reader.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include "analysis/compare.hpp"
#include "analysis/criticality.hpp"
#include "analysis/matrix.hpp"
#include "analysis/matrix_comparison.hpp"
#include "analysis/od_pairs.hpp"
#include "analysis/trade_impact.hpp"
#include "io/dataset_issue.hpp"
#include "io/dataset_reader.hpp"
#include "network/place_finder.hpp"
#include "output/analysis_output.hpp"
#include "routing/route_builder.hpp"
#include "routing/router.hpp"
#include "routing/shortest_path.hpp"
#include "routing/metric.hpp"
#include "routing/topology.hpp"
#include "routing/tree_search.hpp"
#include <map>
#include "scenario/scenario_file.hpp"

using namespace silkroute;

namespace {

using test::bri;

NodeIndex id(const std::string& node_id) { return *bri().node_by_id(node_id); }

const PairChange& find_pair(const Comparison& c, const std::string& from, const std::string& to) {
  for (const auto& p : c.pairs)
    if (p.pair.from == id(from) && p.pair.to == id(to)) return p;
  throw std::runtime_error("pair not compared: " + from + " - " + to);
}

std::string temp_file(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace

// A feeder port whose direct services come from some regions (port_services.csv: direct_from)
// is transshipped on a trip to Europe but not on one to Asia. A tree grown from it towards every
// destination charges the transshipment at the start, so its best start state may be the port's
// rail or road one where the trip to Asia sails direct; the tree must still give the single
// search's route (it gave Mombasa-Shanghai 20-95 weight units too many in session 19).
TEST(PairRouting, TreeFromAFeederPortWithDirectServicesAgreesWithTheSingleSearch) {
  const auto topology = build_topology(bri());
  for (auto objective : {Objective::time, Objective::generalized}) {
    const CostModel cost(bri(), bri().cargo_classes.front(), objective, Scenario{});
    const auto metric = customize(bri(), *topology, cost);
    for (const char* port : {"mombasa", "dar_es_salaam", "bandar_abbas"}) {
      const auto from = *bri().node_by_id(port);
      const ShortestPathTree tree(topology, metric, from, {}, true);
      const TreeGraph graph(topology, metric);  // the matrices' trees
      TreeSearch matrix_tree(graph);
      matrix_tree.grow(from);
      int direct = 0;
      for (const char* place : {"shanghai", "singapore", "jebel_ali", "jeddah", "nhava_sheva", "rotterdam", "nairobi", "mumbai"}) {
        const auto to = *bri().node_by_id(place);
        if (to == from) continue;
        direct += tree_may_exempt_start(*topology, *metric, from, to);
        const auto single = shortest_path(*topology, *metric, from, to);
        const auto many = tree.path_to(to);
        ASSERT_EQ(single.has_value(), many.has_value()) << port << " - " << place;
        if (!single) continue;
        EXPECT_NEAR(single->weight, many->weight, 1e-9 * single->weight) << port << " - " << place;
        EXPECT_NEAR(single->weight, tree.weight_to(to), 1e-9 * single->weight) << port << " - " << place;
        // The matrix's figures are the traced route's.
        const auto figures = tree.figures_to(to);
        ASSERT_TRUE(figures.has_value());
        EXPECT_NEAR(figures->time_h, path_metrics(*topology, *metric, *single).time_h, 1e-9) << port << " - " << place;
        EXPECT_NEAR(single->weight, matrix_tree.weight_to(to), 1e-9 * single->weight) << port << " - " << place;
        EXPECT_NEAR(figures->time_h, matrix_tree.figures_to(to)->time_h, 1e-9) << port << " - " << place;
      }
      EXPECT_GE(direct, 3) << port << ": the direct regions or the hub name some of the destinations";
    }
  }
}

TEST(PairRouting, TreeAndSingleSearchAgreeOnRandomPairs) {
  std::vector<NodeIndex> places;
  for (NodeIndex n = 0; n < static_cast<NodeIndex>(bri().nodes.size()); ++n)
    if (bri().nodes[n].kind != NodeKind::waypoint) places.push_back(n);
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::size_t> pick(0, places.size() - 1);
  for (auto objective : {Objective::time, Objective::cost, Objective::generalized}) {
    const CostModel cost(bri(), bri().cargo_classes.front(), objective, Scenario{});
    const auto topology = build_topology(bri());
    const auto metric = customize(bri(), *topology, cost);
    for (int i = 0; i < 20; ++i) {
      const auto from = places[pick(rng)];
      const ShortestPathTree tree(topology, metric, from);
      for (int j = 0; j < 10; ++j) {
        const auto to = places[pick(rng)];
        if (to == from) continue;
        const auto single = shortest_path(*topology, *metric, from, to);
        const auto many = tree.path_to(to);
        ASSERT_EQ(single.has_value(), many.has_value()) << bri().nodes[from].id << " - " << bri().nodes[to].id;
        if (single) {
          EXPECT_NEAR(single->weight, many->weight, 1e-6 * single->weight);
        }
      }
    }
  }
}

TEST(PairRouting, RoutePairsMatchesFindRoutesAndHonoursModes) {
  std::vector<OdPair> pairs = {{id("xian"), id("duisburg"), 1, "", {}},
                               {id("shanghai"), id("rotterdam"), 1, "", {Mode::sea}},
                               {id("xian"), id("almaty"), 1, "", {}}};
  const auto routes = route_pairs(bri(), test::cache(), Scenario{}, pairs, {"", Objective::time, 2});
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    ASSERT_TRUE(routes[i]);
    RouteQuery q;
    q.from = pairs[i].from;
    q.to = pairs[i].to;
    q.alternatives = 0;
    // The route command's answer: under the rules of the pair's ends (Xi'an-Duisburg's trucks
    // driven by a team, road_crews.csv), as route_pairs routes it.
    const auto rules = pair_rules(bri(), pairs[i].from, pairs[i].to);
    const auto single = find_routes(bri(), test::cache(), with_pair_rules(restricted_to_modes(Scenario{}, pairs[i].modes), rules), q);
    EXPECT_NEAR(routes[i]->total.time_h, single.routes.front().total.time_h, 1e-6);
  }
  for (const auto& leg : routes[1]->legs) EXPECT_EQ(leg.carrier.mode, Mode::sea);
  EXPECT_EQ(pair_rules(bri(), id("xian"), id("duisburg")).road_crew, RoadCrew::team);
}

TEST(Compare, RedSeaClosureOnTheDemandTable) {
  const auto demand = bundled_demand(bri());
  ASSERT_GE(demand.size(), 30u);
  const auto c = compare_scenarios(bri(), test::cache(), load_scenario(bri(), "today"), load_scenario(bri(), "red-sea-closure"), demand, {});
  const auto& sr = find_pair(c, "shanghai", "rotterdam");
  ASSERT_TRUE(sr.both());
  EXPECT_GE(sr.time_change_h() / 24, 8);
  EXPECT_LE(sr.time_change_h() / 24, 14);
  EXPECT_NE(sr.b->label.find("the Cape of Good Hope"), std::string::npos);
  EXPECT_EQ(sr.b->label.find("capegoodhope"), std::string::npos) << "a tag, not a name, in " << sr.b->label;
  // Rail from Xi'an never used the Red Sea: unchanged.
  EXPECT_NEAR(find_pair(c, "xian", "duisburg").time_change_h(), 0, 1e-9);
  EXPECT_GT(c.overall.time_change_h, 24);
  EXPECT_EQ(c.overall.cut_off, 0);
  // Europe loses, and Greece (Piraeus lives off Suez) more than the Netherlands.
  auto country = [&](const std::string& iso3) {
    for (const auto& [k, s] : c.by_country)
      if (k == iso3) return s;
    throw std::runtime_error("no row for " + iso3);
  };
  EXPECT_GT(country("GRC").time_change_pct, country("NLD").time_change_pct);
  EXPECT_GT(country("NLD").time_change_pct, 20);
  EXPECT_NEAR(country("KAZ").time_change_pct, 0, 1e-9);
}

TEST(Compare, BriProjectsGainMostWhereNewLinesOpened) {
  const auto cities = all_pairs(nodes_of_kind(bri(), "city"));
  const auto c = compare_scenarios(bri(), test::cache(), load_scenario(bri(), "bri-2013"), load_scenario(bri(), "today"), cities, {});
  std::map<std::string, double> change, cost_change;
  for (const auto& [k, s] : c.by_country) {
    change[k] = s.time_change_pct;
    cost_change[k] = s.cost_change_pct;
  }
  // Laos (China-Laos railway 2021), Ethiopia (Addis-Djibouti 2018) and Georgia (Baku-Tbilisi-Kars
  // 2017) gain more time than France, where nothing was built.
  EXPECT_LT(change["LAO"], -10);
  EXPECT_LT(change["THA"], change["FRA"] - 5);  // by the China-Laos railway to Vientiane and Nong Khai
  // Ethiopia relative to France: its percentage moves with the base of its sea trips, the same in
  // both years (sessions 18-19's sea lanes and East African transshipment: -5.2% -> -5.0%).
  EXPECT_LT(change["ETH"], change["FRA"] - 2.5);
  EXPECT_LT(change["GEO"], -3);
  EXPECT_GT(change["FRA"], -3);
  // Kenya's SGR (2017) moved boxes from trucks to trains: door to door it is hardly faster than
  // a truck (terminal handling at both ends), but it is cheaper, while France's costs did not fall.
  EXPECT_LT(cost_change["KEN"], -1);
  EXPECT_LT(cost_change["KEN"], cost_change["FRA"]);
  // Along corridors, the China-Laos railway changed the most.
  ASSERT_FALSE(c.by_corridor.empty());
  EXPECT_EQ(c.by_corridor.front().first, "china_laos");
  EXPECT_LT(c.overall.time_change_pct, 0);
  // Every city was reachable in 2013 (Dire Dawa by road, Novi Sad by the old line): the new
  // lines made them faster, they did not connect them.
  EXPECT_EQ(c.overall.newly_connected, 0);
  EXPECT_EQ(c.overall.cut_off, 0);          // nothing closed since 2013
}

TEST(Compare, CsvHasAHeaderAndOneRowPerPair) {
  std::vector<OdPair> pairs = {{id("xian"), id("duisburg"), 1, "", {}}, {id("kunming"), id("vientiane"), 1, "", {}}};
  const auto c = compare_scenarios(bri(), test::cache(), load_scenario(bri(), "bri-2013"), load_scenario(bri(), "today"), pairs, {});
  const auto csv = output::comparison_csv(bri(), c, {});
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3);
  EXPECT_EQ(csv.rfind("origin,destination,origin_country", 0), 0u);
  EXPECT_NE(csv.find("kunming,vientiane,CHN,LAO,1,"), std::string::npos);
}

TEST(OdPairs, CountryWeightsSpreadOverPlacePairs) {
  auto pairs = all_pairs({id("xian"), id("chongqing"), id("duisburg")});
  const auto path = temp_file("weights.csv", "origin,destination,weight\nCHN,DEU,1000\n");
  apply_country_weights(bri(), path, pairs);
  for (const auto& p : pairs) {
    const bool china_germany = bri().nodes[p.to].country == "DEU";
    EXPECT_DOUBLE_EQ(p.weight, china_germany ? 500 : 0) << bri().nodes[p.from].id << "-" << bri().nodes[p.to].id;
  }
}

TEST(OdPairs, ErrorsNameFileLineAndColumn) {
  const auto path = temp_file("bad_pairs.csv", "origin,destination,weight\nxian,duisburg,5\nxain,duisburg,1\nxian,xian,2\n"
                                               "xian,duisburg,-3\n");
  try {
    read_od_pairs(bri(), path);
    FAIL() << "expected errors";
  } catch (const io::DatasetError& e) {
    const std::string text = e.what();
    EXPECT_NE(text.find("bad_pairs.csv:3: column 'origin'"), std::string::npos) << text;
    // Xi'an first (Hail, as near by edit distance since coverage wave 8, may follow).
    EXPECT_NE(text.find("did you mean Xi'an (CHN, city, id xian)"), std::string::npos) << text;
    EXPECT_NE(text.find("bad_pairs.csv:4: column 'destination': origin and destination are the same place"),
              std::string::npos) << text;
    EXPECT_NE(text.find("bad_pairs.csv:5: column 'weight'"), std::string::npos) << text;
  }
}

TEST(Criticality, NamesTheChokepointsAndBordersAnAnalystWould) {
  const auto r = criticality(bri(), test::cache(), Scenario{}, bundled_demand(bri()), {});
  auto rank_of = [&](ElementKind kind, const std::string& element) {
    int rank = 0;
    for (const auto& e : r.elements) {
      if (e.kind != kind) continue;
      ++rank;
      if (e.id == element) return rank;
    }
    return 1000;
  };
  EXPECT_LE(rank_of(ElementKind::chokepoint, "suez"), 3);
  EXPECT_LE(rank_of(ElementKind::chokepoint, "babelmandeb"), 3);
  EXPECT_LE(rank_of(ElementKind::chokepoint, "malacca"), 5);
  // Brest-Malaszewicze. Fourth since coverage wave 12 (session 12): the Klaipeda-Kiel ro-ro now takes
  // rail freight round a closed Belarus-Poland border, so its failure costs about what the
  // Belarus-Russia and Kazakhstan-Russia borders' do (1.81, 2.15 and 1.85 bn USD a year). Fifth
  // since session 15: the EU's 1520 mm borders at 6 h and the team crews at the pairs' ends give
  // China-Europe more ways round it (Klaipeda-Kiel, trucks from the Baltic).
  EXPECT_LE(rank_of(ElementKind::border, "BLR-POL"), 5);
  EXPECT_LE(rank_of(ElementKind::border, "CHN-KAZ"), 5);  // Alashankou/Khorgos-Dostyk/Altynkol
  for (const auto& e : r.elements) {
    if (e.kind == ElementKind::border && e.id == "BLR-POL") {
      // Rail demand falls back on the Middle Corridor, or (since coverage wave 9 joined the Via
      // Baltica trucks to the Ruhr) on rail to the Baltic states round Belarus and a truck on.
      EXPECT_EQ(e.cut_off_weight, 0);
      const bool middle_corridor = e.moves_to.find("Baku") != std::string::npos;
      const bool baltic = e.moves_to.find("Riga") != std::string::npos || e.moves_to.find("Kaunas") != std::string::npos ||
                          e.moves_to.find("Vilnius") != std::string::npos || e.moves_to.find("Kaliningrad") != std::string::npos;
      EXPECT_TRUE(middle_corridor || baltic) << e.moves_to;
    }
    if (e.kind == ElementKind::chokepoint && e.id == "suez") {
      EXPECT_NE(e.moves_to.find("Cape of Good Hope"), std::string::npos);
      EXPECT_EQ(e.name, "Suez Canal");
    }
  }
  // Only pairs whose route used an element were routed again.
  long long used = 0;
  for (const auto& e : r.elements) used += e.pairs_affected;
  EXPECT_EQ(r.pairs_recomputed, used);
  EXPECT_LT(r.pairs_recomputed, static_cast<long long>(r.elements_tested) * r.pairs);
}

TEST(TradeImpact, FollowsTheGravityFormula) {
  // One pair whose trade cost falls: freight 2000 -> 1500 USD, 20 -> 10 days.
  Comparison c;
  c.scenario_a = "a";
  c.scenario_b = "b";
  c.cargo = "general";
  PairChange p;
  p.pair = {id("kunming"), id("vientiane"), 100, "", {}};
  p.a = Route{};
  p.b = Route{};
  p.a->total = {20 * 24.0, 2000, 0, 0};
  p.b->total = {10 * 24.0, 1500, 0, 0};
  c.pairs.push_back(p);
  const auto& cargo = bri().cargo_classes.front();
  const double vot = cargo.value_of_time_usd_per_h();
  const double tau_a = 1 + (2000 + vot * 480) / cargo.value_usd_per_teu;
  const double tau_b = 1 + (1500 + vot * 240) / cargo.value_usd_per_teu;
  const auto t = trade_impact(bri(), c, 5.0);
  ASSERT_EQ(t.country_pairs.size(), 1u);
  EXPECT_NEAR(t.country_pairs[0].trade_change_pct, 100 * (std::pow(tau_b / tau_a, -5.0) - 1), 1e-9);
  EXPECT_GT(t.country_pairs[0].trade_change_pct, 0);
  ASSERT_EQ(t.countries.size(), 2u);  // CHN and LAO
  EXPECT_NEAR(t.overall_trade_change_pct, t.country_pairs[0].trade_change_pct, 1e-9);
  // The output says what kind of estimate it is.
  EXPECT_NE(output::impact_table(bri(), t, 5).find("PARTIAL-EQUILIBRIUM"), std::string::npos);
}

namespace {

// Every tree's carried figures against the traced path's, for every destination: the same
// bits (EXPECT_EQ on doubles), since a matrix cell is one and a route's total the other.
void expect_figures_equal_traced_paths(const Network& net, const std::vector<Scenario>& scenarios, int origins,
                                       unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<NodeIndex> pick(0, static_cast<NodeIndex>(net.nodes.size()) - 1);
  const auto topology = build_topology(net);
  int compared = 0;
  for (const auto& scenario : scenarios)
    for (auto objective : {Objective::time, Objective::cost, Objective::generalized}) {
      const CostModel cost(net, net.cargo_classes.front(), objective, scenario);
      const auto metric = customize(net, *topology, cost);
      for (int i = 0; i < origins; ++i) {
        const auto from = pick(rng);
        const ShortestPathTree plain(topology, metric, from);
        const ShortestPathTree carried(topology, metric, from, {}, true);
        for (NodeIndex to = 0; to < static_cast<NodeIndex>(net.nodes.size()); ++to) {
          const auto path = plain.path_to(to);
          const auto figures = carried.figures_to(to);
          ASSERT_EQ(path.has_value(), figures.has_value()) << net.nodes[from].id << " - " << net.nodes[to].id;
          if (!path) continue;
          const auto want = path_metrics(*topology, *metric, *path);
          EXPECT_EQ(figures->time_h, want.time_h) << net.nodes[from].id << " - " << net.nodes[to].id;
          EXPECT_EQ(figures->cost_usd, want.cost_usd);
          EXPECT_EQ(figures->co2_kg, want.co2_kg);
          EXPECT_EQ(figures->distance_km, want.distance_km);
          ++compared;
        }
        // A tree built without figures says so rather than reading what it never filled.
        EXPECT_THROW(static_cast<void>(plain.figures_to(from == 0 ? 1 : 0)), std::logic_error);
      }
    }
  EXPECT_GT(compared, origins * 10);
}

}  // namespace

TEST(Matrix, CarriedFiguresEqualTracedPathsOnTheEmbeddedNetwork) {
  // Closures that reroute: a chokepoint, a node and a border, and the 2013 network.
  std::vector<Scenario> scenarios{Scenario{}, load_scenario(bri(), "red-sea-closure"), load_scenario(bri(), "avoid-russia"),
                                  load_scenario(bri(), "bri-2013")};
  Scenario closed;
  closed.closed.nodes.insert("dostyk");
  closed.closed.borders.insert(country_pair("BLR", "POL"));
  scenarios.push_back(closed);
  expect_figures_equal_traced_paths(bri(), scenarios, 12, 11);
}

// The large network (scripts/build_large_network.sh writes build/large; or
// SILKROUTE_LARGE_NETWORK): sea routes of hundreds of marnet edges.
TEST(Matrix, CarriedFiguresEqualTracedPathsOnTheLargeNetwork) {
  const char* env = std::getenv("SILKROUTE_LARGE_NETWORK");
  const std::string dir = env ? env : std::string(SILKROUTE_SOURCE_DIR) + "/build/large";
  if (!std::filesystem::exists(dir + "/nodes.csv"))
    GTEST_SKIP() << "no large network at " << dir << " (run scripts/build_large_network.sh)";
  const auto net = io::read_dataset(dir);
  expect_figures_equal_traced_paths(net, {Scenario{}, load_scenario(net, "red-sea-closure")}, 3, 5);
}

// Closing the Red Sea only takes options away: under the time objective no cell gets faster (but
// for the tie-break below),
// Mumbai-Piraeus goes round the Cape or overland (days longer), and the change is B's cell less A's.
TEST(Matrix, ComparisonOfTheRedSeaClosure) {
  std::vector<NodeIndex> places;
  for (NodeIndex n = 0; n < static_cast<NodeIndex>(bri().nodes.size()); ++n)
    if (bri().nodes[n].kind == NodeKind::seaport || bri().nodes[n].kind == NodeKind::city) places.push_back(n);
  const auto today = load_scenario(bri(), "today");
  const auto closed = load_scenario(bri(), "red-sea-closure");
  const PairRoutingOptions options{"", Objective::time, 2};
  const auto c = compare_matrices(bri(), test::cache(), today, closed, places, places, MatrixMetric::time_h, options);
  const auto a = route_matrix(bri(), test::cache(), today, places, places, MatrixMetric::time_h, options);
  ASSERT_EQ(c.a.size(), places.size() * places.size());
  std::size_t slower = 0;
  for (std::size_t k = 0; k < c.a.size(); ++k) {
    if (std::isnan(a[k])) EXPECT_TRUE(std::isnan(c.a[k]));
    else EXPECT_EQ(c.a[k], a[k]);
    if (std::isnan(c.change[k])) continue;
    EXPECT_EQ(c.change[k], c.b[k] - c.a[k]);
    // The time objective breaks ties by 1e-6 x the generalized cost (Weighting::weight), so a
    // closure may trade seconds for a cheaper route: a cell may get faster by at most that.
    EXPECT_GE(c.change[k], -0.01) << "cell " << k << ": " << bri().nodes[places[k / places.size()]].id << " to "
                                  << bri().nodes[places[k % places.size()]].id << ", " << c.a[k] << " h -> " << c.b[k]
                                  << " h";
    slower += c.change[k] > 24;
  }
  EXPECT_EQ(c.newly_connected, 0u);
  EXPECT_GT(slower, 10u);
  const auto at = [&](const std::string& node) {
    return static_cast<std::size_t>(std::find(places.begin(), places.end(), id(node)) - places.begin());
  };
  // Closed, Mumbai-Piraeus takes what the route command gives it under the closure (its ends'
  // rules included: a team crew from South Asia to Europe, which makes the land bridge through
  // Iran and Turkey the fastest way round), and the closure costs it at least half a day.
  const auto k = at("mumbai") * places.size() + at("piraeus");
  RouteRequest r;
  r.from = "Mumbai";
  r.to = "Piraeus";
  r.scenario.name = "red-sea-closure";
  r.objective = "time";
  r.alternatives = 0;
  const auto closed_route = test::bri_engine().route(r);
  ASSERT_FALSE(closed_route.answer.routes.empty());
  EXPECT_NEAR(c.b[k], closed_route.answer.routes[0].total.time_h, 1e-6 * c.b[k]);
  EXPECT_GT(c.change[k], 12.0) << "Mumbai-Piraeus " << c.a[k] << " h -> " << c.b[k] << " h";
}

TEST(Matrix, CellsEqualTheTotalsOfTheRoutes) {
  std::vector<NodeIndex> places;
  for (NodeIndex n = 0; n < static_cast<NodeIndex>(bri().nodes.size()); ++n)
    if (bri().nodes[n].kind == NodeKind::city) places.push_back(n);
  places.resize(12);
  const Scenario closed = load_scenario(bri(), "red-sea-closure");
  for (auto metric : {MatrixMetric::time_h, MatrixMetric::cost_usd, MatrixMetric::co2_kg, MatrixMetric::distance_km,
                      MatrixMetric::generalized_cost_usd}) {
    const auto objective = metric == MatrixMetric::cost_usd ? Objective::cost : Objective::time;
    const auto m = route_matrix(bri(), test::cache(), closed, places, places, metric, {"", objective, 2});
    std::vector<OdPair> pairs;
    for (auto a : places)
      for (auto b : places) pairs.push_back(OdPair{a, b, 1, "", {}});
    const auto routes = route_pairs(bri(), test::cache(), closed, pairs, {"", objective, 2});
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      if (pairs[k].from == pairs[k].to) {
        EXPECT_EQ(m[k], 0);
        continue;
      }
      ASSERT_TRUE(routes[k]);
      const auto& t = routes[k]->total;
      const double want = metric == MatrixMetric::time_h        ? t.time_h
                          : metric == MatrixMetric::cost_usd    ? t.cost_usd
                          : metric == MatrixMetric::co2_kg      ? t.co2_kg
                          : metric == MatrixMetric::distance_km ? t.distance_km
                                                                : routes[k]->generalized_cost_usd;
      EXPECT_NEAR(m[k], want, 1e-9 * std::max(1.0, want)) << static_cast<int>(metric) << " pair " << k;
    }
  }
}

// A failure as a mask over the scenario's metric gives exactly the routes of a scenario that
// closes the element (the way criticality worked when every failure rebuilt its graph).
TEST(Criticality, MasksGiveTheRoutesOfTheClosingScenario) {
  const auto demand = bundled_demand(bri());
  const PairRoutingOptions options{"", Objective::generalized, 1};
  const auto topology = test::cache().topology(bri());
  const auto& cargo = cargo_for(bri(), "");
  struct Failure {
    ElementKind kind;
    std::string id;
    Scenario closing;
  };
  std::vector<Failure> failures(4);
  failures[0] = {ElementKind::chokepoint, "suez", {}};
  failures[0].closing.closed.chokepoints.insert("suez");
  failures[1] = {ElementKind::border, "BLR-POL", {}};
  failures[1].closing.closed.borders.insert(country_pair("BLR", "POL"));
  failures[2] = {ElementKind::node, "dostyk", {}};
  failures[2].closing.closed.nodes.insert("dostyk");
  // A rail link some demand route uses today.
  std::string used_link;
  for (const auto& r : route_pairs(bri(), test::cache(), Scenario{}, demand, options))
    for (const auto& leg : r ? r->legs : std::vector<Leg>{})
      if (used_link.empty() && leg.carrier.mode == Mode::rail && leg.links.size() > 1) used_link = bri().links[leg.links[1]].id;
  ASSERT_FALSE(used_link.empty());
  failures[3] = {ElementKind::link, used_link, {}};
  failures[3].closing.closed.links.insert(used_link);
  for (const auto& f : failures) {
    const auto closing = route_pairs(bri(), test::cache(), f.closing, demand, options);
    std::vector<std::optional<Route>> masked(demand.size());
    for (const auto& [group, which] : pair_groups(bri(), demand)) {
      const auto metric = test::cache().metric(
          bri(), CostModel(bri(), cargo, options.objective, group_scenario(Scenario{}, group)));
      const auto weights = metric->weights_without(edges_of_element(bri(), *topology, f.kind, f.id));
      route_pairs_on(bri(), topology, metric, demand, which, masked, 1, &weights);
    }
    int differ_from_today = 0;
    const auto today = route_pairs(bri(), test::cache(), Scenario{}, demand, options);
    for (std::size_t i = 0; i < demand.size(); ++i) {
      ASSERT_EQ(closing[i].has_value(), masked[i].has_value()) << f.id << " pair " << i;
      if (!closing[i]) continue;
      EXPECT_EQ(closing[i]->links(), masked[i]->links()) << f.id << " pair " << i;
      EXPECT_NEAR(closing[i]->generalized_cost_usd, masked[i]->generalized_cost_usd, 1e-6) << f.id;
      differ_from_today += !today[i] || today[i]->links() != masked[i]->links();
    }
    EXPECT_GT(differ_from_today, 0) << f.id << ": the failure changed no route, so the test proves nothing";
  }
}

// A matrix cell is the route the route command gives its pair, under the rules of its ends:
// Chongqing-Duisburg's trucks are driven by a team (road_crews.csv: china to europe), which
// makes a truck from Berlin as fast as the train; Chongqing-Xi'an is domestic, one driver.
TEST(Matrix, EachCellIsTheRouteUnderItsEndsRules) {
  const std::vector<std::string> from_ids{"chongqing", "xian"}, to_ids{"duisburg", "xian", "lodz"};
  std::vector<NodeIndex> from, to;
  for (const auto& s : from_ids) from.push_back(id(s));
  for (const auto& s : to_ids) to.push_back(id(s));
  const PairRoutingOptions options{"", Objective::time, 2};
  const auto m = route_matrix(bri(), test::cache(), load_scenario(bri(), "today"), from, to, MatrixMetric::time_h, options);
  int team = 0, single = 0;
  for (std::size_t i = 0; i < from.size(); ++i)
    for (std::size_t j = 0; j < to.size(); ++j) {
      if (from[i] == to[j]) continue;
      RouteRequest r;
      r.from = from_ids[i];
      r.to = to_ids[j];
      r.objective = "time";
      r.alternatives = 0;
      const auto route = test::bri_engine().route(r);
      ASSERT_FALSE(route.answer.routes.empty()) << from_ids[i] << "-" << to_ids[j];
      EXPECT_NEAR(m[i * to.size() + j], route.answer.routes[0].total.time_h, 1e-9 * route.answer.routes[0].total.time_h)
          << from_ids[i] << "-" << to_ids[j] << " (" << route.road_crew_reason << ")";
      (route.road_crew == RoadCrew::team ? team : single)++;
    }
  EXPECT_GT(team, 0);
  EXPECT_GT(single, 0);
}
