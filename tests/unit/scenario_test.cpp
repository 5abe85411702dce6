// Scenario files: what an analyst writes is read exactly, mistakes are named with their
// line and key, and the bundled scenarios answer the what-ifs the way the world did.
#include <gtest/gtest.h>

#include "test_support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "io/dataset_reader.hpp"
#include "network/place_finder.hpp"
#include "routing/router.hpp"
#include "scenario/avoid.hpp"
#include "scenario/scenario_json.hpp"
#include "scenario/scenario_file.hpp"
#include "output/route_output.hpp"
#include "engine/engine.hpp"

using namespace silkroute;

namespace {

using test::bri;

NodeIndex place(const std::string& name) { return PlaceFinder(bri()).find(name).node; }

Scenario parse(const std::string& text) { return parse_scenario(bri(), text, "test.toml"); }

std::string parse_error(const std::string& text) {
  try {
    parse(text);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

Route best(const Scenario& s, const std::string& from, const std::string& to, Objective objective = Objective::time) {
  RouteQuery q;
  q.from = place(from);
  q.to = place(to);
  q.objective = objective;
  q.alternatives = 0;
  auto answer = find_routes(bri(), test::cache(), s, q);
  if (answer.routes.empty()) throw std::runtime_error("no route: " + answer.no_route_reason);
  return answer.routes.front();
}

Scenario sea_only(Scenario s) {
  for (auto m : {Mode::rail, Mode::road, Mode::air, Mode::ferry, Mode::iww}) s.closed.modes.insert(m);
  return s;
}

bool passes(const Route& r, const std::string& chokepoint) {
  return std::any_of(r.passages.begin(), r.passages.end(), [&](const Passage& p) { return p.chokepoint == chokepoint; });
}

bool visits(const Route& r, const std::string& iso3) {
  return std::find(r.countries.begin(), r.countries.end(), iso3) != r.countries.end();
}

}  // namespace

TEST(ScenarioFile, ReadsEveryKindOfChange) {
  const auto s = parse(R"(
name = "mix"
year = 2016
carbon_price_usd_per_t = 80
[closed]
chokepoints = ["suez"]
countries = ["RUS"]
borders = ["CHN-KAZ"]
crossings = ["malaszewicze"]
modes = ["air"]
[modes.rail]
speed_factor = 1.25
[[links]]
corridor = "middle_corridor"
mode = "ferry"
departures_factor = 2
[[transfers]]
node = "aktau"
from = "ferry"
dwell_h = 6
[[borders]]
countries = ["AZE", "GEO"]
dwell_factor = 0.5
[[agreements]]
id = "test_sw"
countries = ["KAZ", "UZB"]
dwell_factor = 0.5
)");
  EXPECT_EQ(s.name, "mix");
  EXPECT_EQ(s.year, 2016);
  EXPECT_DOUBLE_EQ(s.carbon_price_usd_per_t, 80);
  EXPECT_TRUE(s.closed.chokepoints.count("suez"));
  EXPECT_TRUE(s.closed.countries.count("RUS"));
  EXPECT_TRUE(s.closed.borders.count(country_pair("KAZ", "CHN")));
  EXPECT_TRUE(s.closed.nodes.count("malaszewicze"));
  EXPECT_TRUE(s.closed.modes.count(Mode::air));
  EXPECT_DOUBLE_EQ(s.mode_overrides.at(Mode::rail).speed_factor, 1.25);
  // Every ferry of the Middle Corridor, and nothing else.
  for (const auto& [l, o] : s.link_overrides) {
    EXPECT_EQ(bri().links[*bri().link_by_id(l)].mode, Mode::ferry);
    EXPECT_DOUBLE_EQ(o.departures_factor, 2);
  }
  EXPECT_GE(s.link_overrides.size(), 3u);
  EXPECT_FALSE(s.transfer_overrides.empty());
  ASSERT_EQ(s.border_overrides.size(), 1u);
  ASSERT_EQ(s.added_agreements.size(), 1u);
  EXPECT_EQ(s.added_agreements[0].country_a, "KAZ");
}

TEST(ScenarioFile, ErrorsNameLineKeyAndSuggestion) {
  EXPECT_EQ(parse_error("year = 2013\nyaer = 2014\n"),
            "test.toml:2: key 'yaer': unknown key (did you mean 'year'?); known keys here: name, description, extends, "
            "year, month, carbon_price_usd_per_t, closed, modes, links, transfers, borders, agreements, remove_agreements, "
            "market_rates");
  const auto choke = parse_error("[closed]\n\nchokepoints = [\"suez\", \"babelmandep\"]\n");
  EXPECT_NE(choke.find("test.toml:3: key 'closed.chokepoints': unknown chokepoint 'babelmandep' (did you mean 'babelmandeb'?)"),
            std::string::npos)
      << choke;
  // The error is on the line of the bad id (line 2), not the table's first line.
  EXPECT_EQ(parse_error("[[links]]\nid = \"f_aktau_bak\"\nspeed_kmh = 30\n").rfind("test.toml:2: key 'links[0].id'", 0), 0u);
  EXPECT_NE(parse_error("[[links]]\nid = \"f_aktau_bak\"\n").find("test.toml:2: key 'links[0].id': unknown link id "
                                                                  "'f_aktau_bak' (did you mean 'f_aktau_baku'?)"),
            std::string::npos);
  EXPECT_NE(parse_error("year = \"2013\"\n").find("test.toml:1: key 'year': expected an integer"), std::string::npos);
  EXPECT_NE(parse_error("year = 1200\n").find("expected a year from 1800"), std::string::npos);
  EXPECT_NE(parse_error("[closed]\ncountries = [\"RUSS\"]\n").find("unknown country 'RUSS' (did you mean 'RUS'?)"),
            std::string::npos);
  EXPECT_NE(parse_error("[closed]\ncrossings = [\"r_chongqing_xian\"]\n").find("does not cross a border"), std::string::npos);
  // An override that could change nothing is a mistake, not a silent no-op.
  EXPECT_NE(parse_error("[[borders]]\ncountries = [\"DEU\", \"POL\"]\ndwell_h = 1\n").find("no border rule between DEU and POL"),
            std::string::npos);
  EXPECT_NE(parse_error("[[transfers]]\nnode = \"aktau\"\nfrom = \"air\"\ndwell_h = 1\n").find("no transfer at node 'aktau'"),
            std::string::npos);
  // TOML syntax errors keep the parser's line.
  EXPECT_NE(parse_error("year = 2013\n[closed\n").find("test.toml:2:"), std::string::npos);
  EXPECT_NE(parse_error("extends = \"red-sea-closur\"\n").find("unknown scenario 'red-sea-closur' (did you mean 'red-sea-closure'?)"),
            std::string::npos);
}

TEST(ScenarioFile, ExtendsInheritsAndDetectsCycles) {
  const auto dir = std::filesystem::temp_directory_path() / "silkroute_scenario_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "a.toml") << "extends = \"b.toml\"\n";
  std::ofstream(dir / "b.toml") << "extends = \"a.toml\"\n";
  std::ofstream(dir / "child.toml") << "extends = \"red-sea-closure\"\n[closed]\ncountries = [\"RUS\"]\n";
  try {
    load_scenario(bri(), (dir / "a.toml").string());
    ADD_FAILURE() << "a cycle must be an error";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("'extends' makes a cycle"), std::string::npos) << e.what();
  }
  const auto child = load_scenario(bri(), (dir / "child.toml").string());
  EXPECT_TRUE(child.closed.chokepoints.count("suez"));
  EXPECT_TRUE(child.closed.countries.count("RUS"));
  EXPECT_EQ(child.sources.size(), 3u);  // today, red-sea-closure, child
  std::filesystem::remove_all(dir);
}

TEST(ScenarioFile, AnExtendsPathTheSystemRefusesIsAScenarioErrorNamingIt) {
  // Found by the fuzzer: a name longer than the system allows made the filesystem library
  // throw its own exception, which no front end expects; it must be a scenario error.
  const auto dir = std::filesystem::temp_directory_path() / "silkroute_scenario_long_name";
  std::filesystem::create_directories(dir);
  std::string long_name = "/dev/zea";
  for (int i = 0; i < 400; ++i) long_name += ".a";
  std::ofstream(dir / "main.toml") << "extends = \"" << long_name << "\"\n";
  try {
    load_scenario(bri(), (dir / "main.toml").string());
    ADD_FAILURE() << "a path the system refuses must be an error";
  } catch (const ScenarioError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("scenario file '/dev/zea.a.a"), std::string::npos) << what;
    EXPECT_NE(what.find("cannot be read"), std::string::npos) << what;
    EXPECT_LT(what.size(), 400u) << "the message cuts the name";
  }
  std::filesystem::remove_all(dir);
}

TEST(ScenarioFile, EveryBundledScenarioLoads) {
  const auto bundled = bundled_scenarios(bri());
  std::vector<std::string> names;
  for (const auto& b : bundled) {
    names.push_back(b.name);
    EXPECT_NO_THROW(load_scenario(bri(), b.name)) << b.name;
    EXPECT_FALSE(b.description.empty()) << b.name;
  }
  for (const char* wanted : {"bri-2013", "today", "red-sea-closure", "avoid-russia", "middle-corridor-upgrade",
                             "single-window-central-asia"})
    EXPECT_NE(std::find(names.begin(), names.end(), wanted), names.end()) << wanted;
}

TEST(BundledScenarios, RedSeaClosureSendsShanghaiRotterdamRoundTheCape) {
  const auto today = best(sea_only(load_scenario(bri(), "today")), "Shanghai", "Rotterdam");
  const auto closed = best(sea_only(load_scenario(bri(), "red-sea-closure")), "Shanghai", "Rotterdam");
  EXPECT_TRUE(passes(today, "suez"));
  EXPECT_TRUE(passes(closed, "capegoodhope"));
  EXPECT_FALSE(passes(closed, "suez"));
  const double extra_days = (closed.total.time_h - today.total.time_h) / 24;
  EXPECT_GE(extra_days, 8);  // published: the Cape adds 8 to 14 days
  EXPECT_LE(extra_days, 14);
}

TEST(BundledScenarios, AvoidingRussiaMovesChinaEuropeRailToTheMiddleCorridor) {
  auto land = [](Scenario s) {
    s.closed.modes.insert(Mode::sea);
    s.closed.modes.insert(Mode::air);
    return s;
  };
  const auto today = best(land(load_scenario(bri(), "today")), "Xi'an", "Duisburg");
  const auto avoid = best(land(load_scenario(bri(), "avoid-russia")), "Xi'an", "Duisburg");
  EXPECT_TRUE(visits(today, "RUS"));
  EXPECT_FALSE(visits(avoid, "RUS"));
  EXPECT_TRUE(visits(avoid, "AZE"));
  EXPECT_TRUE(visits(avoid, "GEO"));
  // Operators quote 18-25 days China-Europe over the Trans-Caspian route (TITR, 2023).
  EXPECT_GE(avoid.total.time_h / 24, 16);
  EXPECT_LE(avoid.total.time_h / 24, 26);
  // The announced upgrades (daily ferries, faster ports and borders) cut it by days.
  const auto upgraded = best(land(load_scenario(bri(), "middle-corridor-upgrade")), "Xi'an", "Duisburg");
  EXPECT_FALSE(visits(upgraded, "RUS"));
  EXPECT_LT(upgraded.total.time_h, avoid.total.time_h - 24);
}

TEST(BundledScenarios, SingleWindowShortensTheChinaKazakhstanBorder) {
  auto rail = [](Scenario s) {
    for (auto m : {Mode::road, Mode::sea, Mode::air}) s.closed.modes.insert(m);
    return s;
  };
  const auto today = best(rail(load_scenario(bri(), "today")), "Xi'an", "Almaty");
  const auto sw = best(rail(load_scenario(bri(), "single-window-central-asia")), "Xi'an", "Almaty");
  ASSERT_FALSE(today.crossings.empty());
  ASSERT_FALSE(sw.crossings.empty());
  EXPECT_NEAR(sw.crossings.front().cost.dwell_h, 0.5 * today.crossings.front().cost.dwell_h, 1e-9);
  EXPECT_LT(sw.total.time_h, today.total.time_h);
  const auto& agreements = sw.crossings.front().cost.agreements;
  EXPECT_NE(std::find(agreements.begin(), agreements.end(), "sw_chn_kaz"), agreements.end());
}

TEST(BundledScenarios, In2013TheChinaLaosRailwayDidNotExist) {
  const auto today = best(load_scenario(bri(), "today"), "Kunming", "Vientiane");
  const auto then = best(load_scenario(bri(), "bri-2013"), "Kunming", "Vientiane");
  EXPECT_EQ(today.legs.front().carrier.mode, Mode::rail);
  EXPECT_GT(then.total.time_h, today.total.time_h + 24);
}

TEST(ScenarioOverlay, OverridesChangeCostsWithoutTouchingTheNetwork) {
  const auto link = *bri().link_by_id("f_kuryk_baku");
  const double departures_before = bri().links[link].departures_per_week;
  const auto s = parse("[[links]]\nid = \"f_kuryk_baku\"\ndepartures_per_week = 14\n[modes.ferry]\nspeed_factor = 2\n");
  const CostModel base(bri(), bri().cargo_classes.front(), Objective::time, Scenario{});
  const CostModel over(bri(), bri().cargo_classes.front(), Objective::time, s);
  EXPECT_NEAR(over.link_cost(link).wait_h, 0.5 * 168 / 14, 1e-9);
  EXPECT_NEAR(over.link_cost(link).running.time_h, base.link_cost(link).running.time_h / 2, 1e-9);
  EXPECT_EQ(bri().links[link].departures_per_week, departures_before);
}

TEST(ScenarioOverlay, ClosingABorderClosesItsCrossingsOnly) {
  const auto s = parse("[closed]\nborders = [\"KAZ-CHN\"]\n");
  const auto r = best(s, "Xi'an", "Duisburg");
  for (const auto& c : r.crossings)
    EXPECT_NE(country_pair(c.cost.from_country, c.cost.to_country), country_pair("CHN", "KAZ"));
  EXPECT_TRUE(visits(r, "KAZ") || visits(r, "MNG"));
}

TEST(ScenarioOverlay, ClosingATransferClosesThatFacilityOnly) {
  // Khorgos Gateway's gauge change at Altynkol (2015): without it, Xi'an-Almaty by rail must
  // change gauge elsewhere (Dostyk), while Altynkol itself stays open.
  const std::string key = "altynkol:rail:1435-rail:1520";
  const auto s = parse("[closed]\ntransfers = [\"" + key + "\"]\n");
  ASSERT_TRUE(s.closed.transfers.count(key));
  const auto altynkol = *bri().node_by_id("altynkol");
  EXPECT_TRUE(s.node_open(bri(), altynkol));
  const auto row = static_cast<std::size_t>(*bri().transfer_by_key(key));
  EXPECT_FALSE(s.transfer_open(bri(), row));
  EXPECT_TRUE(Scenario{}.transfer_open(bri(), row));
  auto rail = [](Scenario x) {
    for (auto m : {Mode::road, Mode::air, Mode::sea, Mode::ferry, Mode::iww}) x.closed.modes.insert(m);
    return x;
  };
  auto changes_at = [](const Route& r, const std::string& node) {
    return std::any_of(r.stops.begin(), r.stops.end(),
                       [&](const Stop& t) { return t.kind == StopKind::gauge_change && bri().nodes[t.node].id == node; });
  };
  const auto open = best(rail(Scenario{}), "Xi'an", "Almaty");
  const auto closed = best(rail(s), "Xi'an", "Almaty");
  EXPECT_TRUE(changes_at(open, "altynkol"));
  EXPECT_FALSE(changes_at(closed, "altynkol"));
  EXPECT_GT(closed.total.time_h, open.total.time_h);
  // The same by --avoid transfer:KEY, which every front end reads.
  Closures avoided;
  add_avoid_item(bri(), PlaceFinder(bri()), "transfer:" + key, avoided);
  EXPECT_EQ(avoided.transfers, s.closed.transfers);
  EXPECT_THROW(add_avoid_item(bri(), PlaceFinder(bri()), "transfer:altynkol:rail-rail", avoided), std::invalid_argument);
}

TEST(ScenarioFile, ClosedTransfersAreNamedExactly) {
  // A node names no single facility: the error lists the node's transfers.
  const auto node = parse_error("[closed]\ntransfers = [\"altynkol\"]\n");
  EXPECT_NE(node.find("test.toml:2: key 'closed.transfers': 'altynkol' is a node; name one of its transfers: "
                      "altynkol:rail:1435-rail:1520"), std::string::npos) << node;
  const auto typo = parse_error("[closed]\ntransfers = [\"altynkol:rail:1435-rail:1250\"]\n");
  EXPECT_NE(typo.find("unknown transfer 'altynkol:rail:1435-rail:1250' (did you mean 'altynkol:rail:1435-rail:1520'?)"),
            std::string::npos) << typo;
  // The JSON door refuses what the TOML door refuses.
  Scenario bad;
  bad.closed.transfers.insert("altynkol:rail-rail");
  EXPECT_THROW(check_scenario_ids(bri(), bad), ScenarioError);
}

namespace {

// One change per field of a scenario, each valid on the embedded network.
std::vector<Scenario> one_change_each() {
  const Scenario base;
  std::vector<Scenario> changed(17, base);
  changed[0].year = 2013;
  changed[1].carbon_price_usd_per_t = 50;
  changed[2].closed.countries.insert("RUS");
  changed[3].closed.nodes.insert("malaszewicze");
  changed[4].closed.links.insert(bri().links[0].id);
  changed[5].closed.chokepoints.insert("suez");
  changed[6].closed.modes.insert(Mode::air);
  changed[7].closed.borders.insert(country_pair("CHN", "KAZ"));
  changed[8].mode_overrides[Mode::rail].speed_factor = 1.1;
  changed[9].link_overrides["f_kuryk_baku"].departures_per_week = 3;
  changed[10].transfer_overrides[bri().transfer_key(0)].dwell_factor = 0.5;
  changed[11].removed_agreements.insert("chn_kaz_customs_cooperation");
  changed[12].border_overrides.push_back({country_pair("AZE", "GEO"), Mode::rail, 12.0, 0.5, std::nullopt, 1.0});
  changed[13].added_agreements.push_back({"x", "single_window", "CHN", "KAZ", 0.5, 1.0, 2020, "a source"});
  changed[14].name = "other";
  changed[15].market_rates.push_back({"shanghai", "rotterdam", Mode::sea, 2492, "a published spot rate"});
  changed[16].closed.transfers.insert("altynkol:rail:1435-rail:1520");
  return changed;
}

// Every change at once.
Scenario all_changes() {
  Scenario all;
  for (const auto& c : one_change_each()) {
    if (c.year != all.year) all.year = c.year;
    if (c.carbon_price_usd_per_t) all.carbon_price_usd_per_t = c.carbon_price_usd_per_t;
    all.closed.countries.insert(c.closed.countries.begin(), c.closed.countries.end());
    all.closed.nodes.insert(c.closed.nodes.begin(), c.closed.nodes.end());
    all.closed.links.insert(c.closed.links.begin(), c.closed.links.end());
    all.closed.chokepoints.insert(c.closed.chokepoints.begin(), c.closed.chokepoints.end());
    all.closed.modes.insert(c.closed.modes.begin(), c.closed.modes.end());
    all.closed.borders.insert(c.closed.borders.begin(), c.closed.borders.end());
    all.closed.transfers.insert(c.closed.transfers.begin(), c.closed.transfers.end());
    all.mode_overrides.insert(c.mode_overrides.begin(), c.mode_overrides.end());
    all.link_overrides.insert(c.link_overrides.begin(), c.link_overrides.end());
    all.transfer_overrides.insert(c.transfer_overrides.begin(), c.transfer_overrides.end());
    all.removed_agreements.insert(c.removed_agreements.begin(), c.removed_agreements.end());
    all.border_overrides.insert(all.border_overrides.end(), c.border_overrides.begin(), c.border_overrides.end());
    all.added_agreements.insert(all.added_agreements.end(), c.added_agreements.begin(), c.added_agreements.end());
    all.market_rates.insert(all.market_rates.end(), c.market_rates.begin(), c.market_rates.end());
  }
  all.name = "all";
  all.description = "every field set";
  all.sources = {"a.toml", "b.toml"};
  return all;
}

}  // namespace

TEST(PortableScenario, EveryFieldChangesTheCacheKey) {
  const Scenario base;
  const auto reference = scenario_key(base);
  const auto changed = one_change_each();
  for (std::size_t i = 0; i < changed.size(); ++i) {
    EXPECT_FALSE(changed[i] == base) << i;
    EXPECT_NE(scenario_key(changed[i]), reference) << i;
    EXPECT_NE(scenario_hash(changed[i]), scenario_hash(base)) << i;
  }
  EXPECT_EQ(scenario_key(Scenario{}), reference);  // equal scenarios, equal keys
}

TEST(PortableScenario, JsonRoundTripKeepsEveryField) {
  const auto all = all_changes();
  const auto back = scenario_from_json(nlohmann::json::parse(scenario_to_json(all).dump()));
  EXPECT_TRUE(back == all);
  EXPECT_EQ(scenario_key(back), scenario_key(all));
  EXPECT_NO_THROW(check_scenario_ids(bri(), all));
  // Ids, not indices: the JSON names the elements.
  const auto text = scenario_to_json(all).dump();
  EXPECT_NE(text.find("\"malaszewicze\""), std::string::npos);
  EXPECT_NE(text.find(bri().transfer_key(0)), std::string::npos);
}

TEST(PortableScenario, TomlRoundTripOfEveryBundledScenarioAndEveryField) {
  auto without_sources = [](Scenario s) {
    s.sources.clear();
    return s;
  };
  std::vector<Scenario> scenarios{all_changes()};
  for (const auto& b : bundled_scenarios(bri())) scenarios.push_back(load_scenario(bri(), b.path.string()));
  for (const auto& s : scenarios) {
    const auto toml = scenario_to_toml(bri(), s);
    const auto back = parse_scenario(bri(), toml, "roundtrip.toml");
    EXPECT_TRUE(without_sources(back) == without_sources(s)) << s.name << "\n" << toml;
  }
}

TEST(PortableScenario, BadJsonIsNamedByPath) {
  auto error = [](const std::string& text) {
    try {
      scenario_from_json(nlohmann::json::parse(text));
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error(R"({"yaer": 2013})").find("'yaer': unknown key (did you mean 'year'?)"), std::string::npos)
      << error(R"({"yaer": 2013})");
  EXPECT_NE(error(R"({"closed": {"modes": ["boat"]}})").find("'closed.modes': unknown mode 'boat'"), std::string::npos);
  EXPECT_NE(error(R"({"link_overrides": {"x": {"speed_factor": "fast"}}})").find("'link_overrides.x.speed_factor': expected a number"),
            std::string::npos);
  const auto unknown = scenario_from_json(nlohmann::json::parse(R"({"closed": {"nodes": ["malaszewice"]}})"));
  try {
    check_scenario_ids(bri(), unknown);
    ADD_FAILURE() << "an unknown node id passed";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'malaszewicze'"), std::string::npos) << e.what();
  }
}

TEST(RoutingCache, CachedAnswersFollowTheScenario) {
  test::cache().clear();
  auto sea = [](Scenario s) { return sea_only(s); };
  const auto open1 = best(sea(Scenario{}), "Shanghai", "Rotterdam");
  const auto closed = best(sea(load_scenario(bri(), "red-sea-closure")), "Shanghai", "Rotterdam");
  const auto open2 = best(sea(Scenario{}), "Shanghai", "Rotterdam");  // from the cache
  EXPECT_EQ(open1.total.time_h, open2.total.time_h);
  EXPECT_GT(closed.total.time_h, open1.total.time_h + 24 * 8);
  // A change the cache must see: slower ships.
  Scenario slow = sea(Scenario{});
  slow.mode_overrides[Mode::sea].speed_factor = 0.5;
  EXPECT_GT(best(slow, "Shanghai", "Rotterdam").total.time_h, open1.total.time_h * 1.5);
}

// Market freight rates by lane: strict to read, shown apart from the operating cost.
TEST(ScenarioFile, MarketRatesAreReadStrictly) {
  const auto s = parse("[[market_rates]]\nfrom = \"shanghai\"\nto = \"rotterdam\"\nusd_per_teu = 2492\nsource = \"Drewry WCI\"\n"
                       "[[market_rates]]\nfrom = \"shanghai\"\nto = \"rotterdam\"\nusd_per_teu = 2500\nsource = \"later\"\n");
  ASSERT_EQ(s.market_rates.size(), 1u) << "a lane given again replaces the earlier rate";
  EXPECT_EQ(s.market_rates[0].usd_per_teu, 2500);
  EXPECT_EQ(s.market_rates[0].mode, Mode::sea);
  EXPECT_NE(parse_error("[[market_rates]]\nfrom = \"shangai\"\nto = \"rotterdam\"\nusd_per_teu = 1\nsource = \"x\"\n")
                .find("test.toml:2: key 'market_rates[0].from': unknown node id 'shangai' (did you mean 'shanghai'?)"),
            std::string::npos);
  EXPECT_NE(parse_error("[[market_rates]]\nfrom = \"shanghai\"\nto = \"rotterdam\"\nusd_per_teu = 1\n").find("missing 'source'"),
            std::string::npos);
  EXPECT_NE(parse_error("[[market_rates]]\nfrom = \"shanghai\"\nto = \"rotterdam\"\nusd_per_teu = -5\nsource = \"x\"\n")
                .find("market_rates[0].usd_per_teu"),
            std::string::npos);
  EXPECT_NE(parse_error("[[market_rates]]\nfrom = \"shanghai\"\nto = \"rotterdam\"\nusd_per_feu = 1\nsource = \"x\"\n")
                .find("unknown key"),
            std::string::npos);
  const auto bad = nlohmann::json::parse(R"({"market_rates": [{"from": "shanghai", "to": "rotterdam", "usd_per_teu": "a lot"}]})");
  EXPECT_THROW(scenario_from_json(bad), ScenarioError);
}

TEST(BundledScenarios, RedSea2024SpotShowsMarketRatesApartFromOperatingCosts) {
  RouteRequest r;
  r.from = "Shanghai";
  r.to = "Rotterdam";
  r.avoid = {"rail", "road"};
  r.alternatives = 0;
  r.scenario.name = "red-sea-2024-spot";
  const auto result = test::bri_engine().route(r);
  ASSERT_FALSE(result.answer.routes.empty());
  const auto j = output::route_json(result);
  EXPECT_NE(j["cost_basis"].get<std::string>().find("operating cost"), std::string::npos);
  const auto& rates = j["routes"][0]["market_rates"];
  ASSERT_EQ(rates.size(), 1u) << j["routes"][0].dump();
  EXPECT_EQ(rates[0]["market_rate_usd_per_teu"], 2492);
  EXPECT_NE(rates[0]["source"].get<std::string>().find("Drewry"), std::string::npos);
  // The spot rate of January 2024 was far above the model's operating cost of the voyage.
  EXPECT_GT(rates[0]["market_rate_usd_per_teu"].get<double>(), rates[0]["operating_cost_usd"].get<double>());
  EXPECT_GT(rates[0]["operating_cost_usd"].get<double>(), 0);
  EXPECT_EQ(j["routes"][0]["label"].get<std::string>().find("Suez"), std::string::npos) << "the Red Sea is closed";
  EXPECT_NE(output::route_table(result).find("market rate Shanghai → Rotterdam by sea: 2,492 USD per TEU"), std::string::npos);
  // Without market rates in the scenario, no route carries any.
  r.scenario.name = "red-sea-closure";
  EXPECT_FALSE(output::route_json(test::bri_engine().route(r))["routes"][0].contains("market_rates"));
}
