// Alternatives on the embedded network: genuinely different ways, never a repeat, never a
// penalty artefact, never longer than the detour bound.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "io/od_pairs_reader.hpp"
#include "geo/great_circle.hpp"
#include "routing/alternatives.hpp"
#include "routing/mode_chain.hpp"
#include "routing/route_builder.hpp"
#include "routing/router.hpp"
#include "test_support.hpp"

using namespace silkroute;
using test::bri;

namespace {

RouteAnswer routes(NodeIndex from, NodeIndex to, Objective objective, int alternatives, double max_detour,
                   const Scenario& s = {}) {
  RouteQuery q;
  q.from = from;
  q.to = to;
  q.objective = objective;
  q.alternatives = alternatives;
  q.max_detour = max_detour;
  return find_routes(bri(), test::cache(), s, q);
}

double weight(const Route& r, Objective objective, const Scenario& s = {}) {
  return CostModel(bri(), bri().cargo_classes.front(), objective, s).weight(r.total);
}

bool visits(const Route& r, const std::string& node_id) {
  for (const auto& leg : r.legs)
    for (NodeIndex n : leg.nodes)
      if (bri().nodes[n].id == node_id) return true;
  return false;
}

bool passes(const Route& r, const std::string& chokepoint) {
  return std::any_of(r.passages.begin(), r.passages.end(), [&](const Passage& p) { return p.chokepoint == chokepoint; });
}

Scenario sea_only() {
  Scenario s;
  s.closed.modes = {Mode::rail, Mode::road, Mode::air, Mode::ferry, Mode::iww};
  return s;
}

}  // namespace

TEST(Alternatives, NoRepeatedLabelOrCorridorSequenceAndTheDetourBoundHoldsOnEveryDemandPair) {
  const auto pairs = bundled_demand(bri());
  ASSERT_GE(pairs.size(), 40u);
  int alternatives_seen = 0;
  for (auto objective : {Objective::time, Objective::cost}) {
    for (const auto& p : pairs) {
      const auto a = routes(p.from, p.to, objective, 4, kDefaultMaxDetour);
      if (a.routes.empty()) continue;
      const std::string pair = bri().nodes[p.from].id + "-" + bri().nodes[p.to].id;
      std::set<std::string> labels, sequences;
      const double best = weight(a.routes.front(), objective);
      for (const auto& r : a.routes) {
        EXPECT_TRUE(labels.insert(r.label).second) << pair << ": label repeated: " << r.label;
        EXPECT_TRUE(sequences.insert(corridor_sequence(bri(), r)).second)
            << pair << ": corridor sequence repeated: " << corridor_sequence(bri(), r);
        EXPECT_LE(weight(r, objective), kDefaultMaxDetour * best * (1 + 1e-9)) << pair << ": " << r.label;
        EXPECT_GE(weight(r, objective), best * (1 - 1e-9)) << pair << ": an alternative beats the best";
      }
      alternatives_seen += static_cast<int>(a.routes.size()) - 1;
    }
  }
  // Most pairs have real alternatives: the filters do not empty the answer.
  EXPECT_GE(alternatives_seen, static_cast<int>(pairs.size()) * 2);
}

TEST(Alternatives, ATighterDetourBoundKeepsOnlyCloserRoutes) {
  for (auto [from, to] : {std::pair{"chongqing", "duisburg"}, std::pair{"xian", "istanbul"}, std::pair{"kunming", "bangkok"}}) {
    const auto f = *bri().node_by_id(from), t = *bri().node_by_id(to);
    const auto wide = routes(f, t, Objective::time, 6, 3.0);
    const auto tight = routes(f, t, Objective::time, 6, 1.25);
    ASSERT_FALSE(tight.routes.empty());
    const double best = weight(tight.routes.front(), Objective::time);
    for (const auto& r : tight.routes) EXPECT_LE(weight(r, Objective::time), 1.25 * best * (1 + 1e-9)) << r.label;
    EXPECT_LT(tight.routes.size(), wide.routes.size()) << from << "-" << to;
    // The tight answer is the start of the wide one: the bound cuts, it does not reorder.
    for (std::size_t i = 0; i < tight.routes.size(); ++i) EXPECT_EQ(tight.routes[i].label, wide.routes[i].label);
  }
}

TEST(Alternatives, ShanghaiRotterdamBySeaHasTheCapeAtItsPublishedDistanceAndNoPenaltyDetours) {
  // Rodrigue, Port Economics, Management and Policy (2024), "Routing options between
  // Shanghai, Rotterdam and New York": 10,600 nm by Suez, 13,800 nm (25,558 km) by the Cape.
  const double cape_km = 13800 * 1.852;
  const auto from = *bri().node_by_id("shanghai"), to = *bri().node_by_id("rotterdam");
  const auto s = sea_only();
  const auto a = routes(from, to, Objective::time, 5, kDefaultMaxDetour, s);
  ASSERT_GE(a.routes.size(), 2u);
  EXPECT_TRUE(passes(a.routes[0], "suez"));
  int cape = 0;
  for (const auto& r : a.routes) {
    // The artefact this replaces: Malacca, East Africa, the Cape and north of Scotland, 32,337 km.
    EXPECT_LT(r.total.distance_km, 1.1 * cape_km) << r.label;
    EXPECT_FALSE(passes(r, "suez") && passes(r, "capegoodhope")) << r.label;
    if (passes(r, "capegoodhope")) {
      ++cape;
      EXPECT_NEAR(r.total.distance_km, cape_km, 0.05 * cape_km) << r.label;
    }
  }
  EXPECT_EQ(cape, 1);
  // With Suez closed the Cape is the best route, and nothing else at sea is within the bound.
  auto closed = s;
  closed.closed.chokepoints = {"suez"};
  const auto c = routes(from, to, Objective::time, 5, kDefaultMaxDetour, closed);
  ASSERT_FALSE(c.routes.empty());
  EXPECT_TRUE(passes(c.routes[0], "capegoodhope"));
  EXPECT_NEAR(c.routes[0].total.distance_km, cape_km, 0.05 * cape_km);
  for (const auto& r : c.routes) EXPECT_LT(r.total.distance_km, 1.1 * cape_km) << r.label;
}

TEST(Alternatives, EveryAlternativeIsLocallyABestRoute) {
  // A route that leaves the best one for a local detour (a strait, a border post) is not an
  // alternative a planner weighs: no part of an alternative up to a quarter of the best
  // route's weight may cost more than 5% above the best way between its ends. Checked from
  // outside: for each alternative, each intermediate node pair taken from its legs.
  const auto from = *bri().node_by_id("shanghai"), to = *bri().node_by_id("rotterdam");
  const auto s = sea_only();
  const auto a = routes(from, to, Objective::time, 5, kDefaultMaxDetour, s);
  const double window_h = 0.25 * a.routes.front().total.time_h;
  for (const auto& r : a.routes) {
    const auto& nodes = r.legs.front().nodes;
    const auto& links = r.legs.front().links;
    // Hours along the leg between nodes i and j, by the leg's own links.
    std::vector<double> at_km{0};
    for (auto l : links) at_km.push_back(at_km.back() + bri().links[l].length_km);
    for (std::size_t i = 1; i + 1 < nodes.size(); i += 3)
      for (std::size_t j = i + 1; j + 1 < nodes.size(); ++j) {
        const double part_km = at_km[j] - at_km[i];
        if (part_km / r.total.distance_km * r.legs.front().metrics.time_h > window_h) break;
        const auto direct = routes(nodes[i], nodes[j], Objective::time, 0, 1.0, s);
        ASSERT_FALSE(direct.routes.empty());
        EXPECT_LE(part_km, 1.05 * direct.routes.front().total.distance_km + 1)
            << r.label << ": " << bri().nodes[nodes[i]].id << " to " << bri().nodes[nodes[j]].id;
      }
  }
}

namespace {

// The chain of a route as a reader sees it: consecutive legs of one mode as one stretch.
std::vector<std::pair<Mode, double>> stretches_km(const Route& r) {
  std::vector<std::pair<Mode, double>> out;
  for (const auto& leg : r.legs) {
    if (out.empty() || out.back().first != leg.carrier.mode) out.emplace_back(leg.carrier.mode, 0.0);
    out.back().second += leg.metrics.distance_km;
  }
  return out;
}

int sea_stretches(const Route& r) {
  int n = 0;
  for (const auto& [mode, km] : stretches_km(r)) n += mode == Mode::sea;
  return n;
}

double longest_road_bridge_km(const Route& r) {
  const auto s = stretches_km(r);
  double km = 0;
  for (std::size_t i = 1; i + 1 < s.size(); ++i)
    if (s[i].first == Mode::road) km = std::max(km, s[i].second);
  return km;
}

// How far a leg off the sea comes back toward the origin, against the farthest the cargo has
// been (ports only for sea legs).
double backtrack_km(const Route& r) {
  const auto origin = bri().nodes[r.legs.front().from].position;
  double farthest = 0, back = 0;
  for (const auto& leg : r.legs)
    for (std::size_t i = 0; i < leg.nodes.size(); ++i) {
      const bool sea = leg.carrier.mode == Mode::sea;
      if (sea && i != 0 && i + 1 != leg.nodes.size()) continue;
      const double km = geo::great_circle_km(origin, bri().nodes[leg.nodes[i]].position);
      farthest = std::max(farthest, km);
      if (!sea) back = std::max(back, farthest - km);
    }
  return back;
}

RouteAnswer wide(const char* from, const char* to, int alternatives) {
  return routes(*bri().node_by_id(from), *bri().node_by_id(to), Objective::time, alternatives, 3.0);
}

}  // namespace

TEST(Alternatives, NoTruckBridgesThousandsOfKilometresBetweenTrains) {
  // Before the rule, Chongqing-Duisburg's 6th route (within 3 times the best) took rail to
  // Urumqi, then a truck 3,485 km over the Khunjerab pass to Islamabad, then rail again.
  // Six alternatives since the Trans-Aral line into Russia (Aktobe-Orenburg, coverage wave 8):
  // the Kashgar-Osh truck between trains and the Turkmen route to the Caspian now come before
  // the sea, which is the seventh route; the eighth since session 17, when the Malaszewicze train
  // (a near tie of the Klaipeda ferry route through other countries) joined them; the eleventh since
  // session 19, when Liepāja's railway to Riga made three Liepāja-Travemünde ferry routes near ties.
  const auto a = wide("chongqing", "duisburg", 10);
  ASSERT_GE(a.routes.size(), 4u);
  EXPECT_EQ(longest_road_bridge_km(a.routes.front()), 0);
  for (const auto& r : a.routes) EXPECT_LE(longest_road_bridge_km(r), kMaxRoadBridgeKm) << r.label;
  // The routes a planner weighs stay: the three rail crossings into Kazakhstan and Mongolia,
  // the Middle Corridor, and the sea.
  EXPECT_TRUE(std::any_of(a.routes.begin(), a.routes.end(), [](const Route& r) { return r.label.find("Baku") != std::string::npos; }));
  EXPECT_TRUE(std::any_of(a.routes.begin(), a.routes.end(), [](const Route& r) { return passes(r, "suez"); }));
}

TEST(Alternatives, CargoIsNotLandedAndShippedAgain) {
  // Without the rule, within 3 times the best: Shanghai-Jakarta by ship to Singapore, truck
  // and ship again; Shanghai-Lagos by rail to Poland and a ship round Europe and Africa;
  // Kinshasa-Mombasa by a ship to Poti, rail through Georgia, Azerbaijan and Iran, a ship
  // again from Bandar Abbas, or a truck across India between two ships.
  auto pairs = bundled_demand(bri());
  OdPair kinshasa_mombasa;
  kinshasa_mombasa.from = *bri().node_by_id("kinshasa");
  kinshasa_mombasa.to = *bri().node_by_id("mombasa");
  pairs.push_back(kinshasa_mombasa);
  int compared = 0;
  for (const auto& p : pairs) {
    const auto a = routes(p.from, p.to, Objective::time, 5, 3.0);
    if (a.routes.empty()) continue;
    const int allowed = std::max(1, sea_stretches(a.routes.front()));
    for (const auto& r : a.routes)
      EXPECT_LE(sea_stretches(r), allowed) << bri().nodes[p.from].id << "-" << bri().nodes[p.to].id << ": " << r.label;
    compared += static_cast<int>(a.routes.size()) - 1;
  }
  EXPECT_GE(compared, 150);
  // The Caspian detour is gone under the default bound as well (2.04 times the best's time,
  // now that the best route crosses Africa by the Lobito and TAZARA railways).
  const auto k = routes(*bri().node_by_id("kinshasa"), *bri().node_by_id("mombasa"), Objective::time, 4, kDefaultMaxDetour);
  for (const auto& r : k.routes)
    EXPECT_TRUE(std::find(r.countries.begin(), r.countries.end(), "AZE") == r.countries.end()) << r.label;
}

TEST(Alternatives, NoLegRunsBackTowardTheOrigin) {
  // Before the rule, Qingdao-Rotterdam offered a ship to Vietnam and rail back north through
  // China to Kazakhstan (1,650 km back toward Qingdao), and Xi'an-Duisburg a truck to the south
  // coast, a ship, and rail back past Xi'an.
  for (auto [from, to] : {std::pair{"qingdao", "rotterdam"}, std::pair{"xian", "duisburg"}, std::pair{"wuhan", "duisburg"}}) {
    const auto a = wide(from, to, 5);
    ASSERT_GE(a.routes.size(), 4u) << from;
    for (const auto& r : a.routes) EXPECT_LE(backtrack_km(r), kMaxBacktrackKm) << from << "-" << to << ": " << r.label;
  }
}

TEST(Alternatives, TheDefaultBoundKeepsTheSeaAgainstChinaEuropeRail) {
  // docs/cli.md: the sea runs at 1.6-1.95 times the China-Europe rail time; the default bound
  // keeps it, and drops the Cape (2.2-2.6 times).
  EXPECT_GE(kDefaultMaxDetour, 1.5);
  EXPECT_LE(kDefaultMaxDetour, 2.0);
  const auto from = *bri().node_by_id("chongqing"), to = *bri().node_by_id("duisburg");
  // Ten alternatives: the sea comes seventh since coverage wave 8 (above), eighth since the
  // near ties of session 17, eleventh since the Liepāja-Travemünde routes of session 19.
  const auto a = routes(from, to, Objective::time, 10, kDefaultMaxDetour);
  EXPECT_TRUE(std::any_of(a.routes.begin(), a.routes.end(), [](const Route& r) { return passes(r, "suez"); }));
  for (const auto& r : a.routes) EXPECT_FALSE(passes(r, "capegoodhope")) << r.label;
}

TEST(Alternatives, ANearTieThroughOtherCountriesIsOfferedThoughItSharesTheTrunk) {
  // Chongqing-Duisburg by time: the best route leaves the 1520 mm network at Vilnius for
  // Klaipeda and the Kiel ferry; the train that enters the EU at Malaszewicze (where about 90%
  // of the China-Europe trains cross, Xinhua 2023) is within 5% of it and shares Chongqing to
  // Minsk with it. The strict sharing rule hid it; a near tie through other countries is
  // offered, a variant through the same countries (another border post) is not.
  const auto from = *bri().node_by_id("chongqing"), to = *bri().node_by_id("duisburg");
  const auto a = routes(from, to, Objective::time, 3, kDefaultMaxDetour);
  ASSERT_GE(a.routes.size(), 2u);
  const auto& best = a.routes.front();
  const double best_w = weight(best, Objective::time);
  const AlternativeOptions defaults;
  bool malaszewicze = false;
  for (std::size_t i = 1; i < a.routes.size(); ++i) {
    const auto& r = a.routes[i];
    for (std::size_t j = 0; j < i; ++j) {
      const double share = shared_fraction(bri(), r, a.routes[j]);
      EXPECT_LE(share, defaults.max_shared_other_countries) << r.label << " against " << a.routes[j].label;
      if (share > defaults.max_shared_fraction) {
        EXPECT_NE(r.countries, a.routes[j].countries) << r.label << " against " << a.routes[j].label;
        EXPECT_LE(weight(r, Objective::time), defaults.near_tie * best_w * (1 + 1e-9)) << r.label;
      }
    }
    if (visits(r, "malaszewicze") && std::count(r.countries.begin(), r.countries.end(), "LTU") == 0) malaszewicze = true;
  }
  EXPECT_TRUE(malaszewicze) << "no alternative enters the EU at Malaszewicze";
  // Without the near-tie rule the same search does not offer it: the rule is what shows it.
  const CostModel cost(bri(), bri().cargo_classes.front(), Objective::time, Scenario{});
  const auto topology = test::cache().topology(bri());
  const auto metric = test::cache().metric(bri(), cost);
  const auto path = shortest_path(*topology, *metric, from, to);
  ASSERT_TRUE(path);
  const auto best_route = build_route(bri(), *topology, *metric, *path);
  EXPECT_EQ(best_route.label, best.label);
  AlternativeOptions with_rule, strict;
  with_rule.wanted = strict.wanted = 3;
  strict.near_tie = 1.0;
  const auto offered = find_alternatives(bri(), *topology, *metric, from, to, *path, best_route, with_rule);
  const auto strictly = find_alternatives(bri(), *topology, *metric, from, to, *path, best_route, strict);
  int shown_by_the_rule = 0;
  for (const auto& r : offered) {
    const bool strict_too =
        std::any_of(strictly.begin(), strictly.end(), [&](const Route& s) { return s.links() == r.links(); });
    if (strict_too) continue;
    ++shown_by_the_rule;
    EXPECT_GT(shared_fraction(bri(), r, best_route), strict.max_shared_fraction) << r.label;
    EXPECT_NE(r.countries, best_route.countries) << r.label;
  }
  EXPECT_GE(shown_by_the_rule, 1);
  for (const auto& r : strictly)
    EXPECT_LE(shared_fraction(bri(), r, best_route), strict.max_shared_fraction) << r.label;
}
