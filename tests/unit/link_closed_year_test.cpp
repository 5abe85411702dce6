// Links that stopped running (links.csv, closed_year): present in scenarios before that year,
// absent from it on; a closing year not after the opening year is an error naming its line.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "analysis/calibration.hpp"
#include "io/dataset_issue.hpp"
#include "io/dataset_reader.hpp"
#include "network/place_finder.hpp"
#include "output/network_geojson.hpp"
#include "routing/router.hpp"
#include "test_support.hpp"

using namespace silkroute;
using test::DatasetCopy;
using test::load_issues;

namespace {

// The mini dataset's links.csv with a closed_year column, `year` on link `id` (empty elsewhere).
std::string links_with_closed_year(const std::string& id, const std::string& year) {
  std::ifstream in(test::mini_dir() + "/links.csv");
  std::ostringstream out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') {
      out << line << "\n";
      continue;
    }
    const bool header = line.rfind("id,", 0) == 0;
    out << line << (header ? ",closed_year" : line.rfind(id + ",", 0) == 0 ? "," + year : ",") << "\n";
  }
  return out.str();
}


std::optional<Route> best(const Network& net, RoutingCache& cache, const std::string& from, const std::string& to,
                          int year, std::set<Mode> closed_modes = {}, const std::string& cargo = "") {
  Scenario s;
  s.year = year;
  s.closed.modes = std::move(closed_modes);
  RouteQuery q;
  q.from = test::node(net, from);
  q.to = test::node(net, to);
  q.alternatives = 0;
  if (!cargo.empty()) q.cargo = cargo;
  const auto answer = find_routes(net, cache, s, q);
  if (answer.routes.empty()) return std::nullopt;
  return answer.routes.front();
}

bool uses(const Network& net, const Route& r, const std::string& link_id) {
  const auto links = r.links();
  return std::any_of(links.begin(), links.end(), [&](LinkIndex l) { return net.links[l].id == link_id; });
}

}  // namespace

TEST(LinkClosedYear, ARouteUsesALinkOnlyBeforeItsClosingYear) {
  // The link the best Xi'an-Duisburg route runs on first, closed from 2022 on.
  RoutingCache mini_cache;
  const auto open = best(test::mini(), mini_cache, "xian", "duisburg", 2021);
  ASSERT_TRUE(open);
  const auto first = test::mini().links[open->links().front()].id;
  DatasetCopy d;
  d.write("links.csv", links_with_closed_year(first, "2022"));
  const auto net = io::read_dataset(d.dir());
  RoutingCache cache;
  const auto in_2021 = best(net, cache, "xian", "duisburg", 2021);
  ASSERT_TRUE(in_2021);
  EXPECT_TRUE(uses(net, *in_2021, first));
  EXPECT_NEAR(in_2021->total.time_h, open->total.time_h, 1e-9);
  for (const int year : {2022, 2024}) {
    const auto later = best(net, cache, "xian", "duisburg", year);
    if (later) {
      EXPECT_FALSE(uses(net, *later, first)) << year;
    }
  }
  // The network layer leaves it out as of 2024 and says when it closed before.
  auto ids = [&](int year) {
    output::NetworkFilter f;
    f.year = year;
    std::map<std::string, nlohmann::ordered_json> out;
    const auto layer = output::links_geojson(net, f);
    for (const auto& feature : layer["features"]) out[feature["properties"]["id"]] = feature["properties"];
    return out;
  };
  ASSERT_TRUE(ids(2021).count(first)) << first;
  EXPECT_EQ(ids(2021)[first]["closed_year"], 2022);
  EXPECT_FALSE(ids(2024).count(first));
}

TEST(LinkClosedYear, ClosingYearNotAfterOpeningIsAnError) {
  {
    DatasetCopy d;
    auto text = links_with_closed_year("r_xian_khorgos", "2010");
    // Opened in 2012 (its opened_year is the 13th field of the line), closed in 2010.
    const auto at = text.find("r_xian_khorgos,xian,khorgos,rail,1435,3100,,,,,,,");
    ASSERT_NE(at, std::string::npos);
    text.insert(at + std::string("r_xian_khorgos,xian,khorgos,rail,1435,3100,,,,,,,").size(), "2012");
    d.write("links.csv", text);
    const auto issues = load_issues(d);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].file, "links.csv");
    EXPECT_EQ(issues[0].line, 4);
    EXPECT_EQ(issues[0].column, "closed_year");
    EXPECT_NE(issues[0].message.find("is 2010, not after opened_year 2012"), std::string::npos) << issues[0].message;
  }
  {
    DatasetCopy d;
    d.write("links.csv", links_with_closed_year("r_xian_khorgos", "soon"));
    const auto issues = load_issues(d);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].line, 4);
    EXPECT_EQ(issues[0].column, "closed_year");
    EXPECT_NE(issues[0].message.find("got 'soon'"), std::string::npos) << issues[0].message;
  }
}

TEST(LinkClosedYear, TallinksRigaStockholmFerrySailsIn2020Only) {
  // Suspended in March 2020 and not reopened (links.csv: closed_year 2021): a ferry-only trip
  // between the two ports takes it as of 2020, not as of 2024.
  const auto& net = test::bri();
  const std::set<Mode> not_ferry = {Mode::rail, Mode::road, Mode::sea, Mode::air};
  const auto in_2020 = best(net, test::cache(), "riga_port", "stockholm_port", 2020, not_ferry);
  ASSERT_TRUE(in_2020);
  EXPECT_TRUE(uses(net, *in_2020, "f_riga_stockholm"));
  const auto in_2024 = best(net, test::cache(), "riga_port", "stockholm_port", 2024, not_ferry);
  if (in_2024) {
    EXPECT_FALSE(uses(net, *in_2024, "f_riga_stockholm"));
  }
}

TEST(LinkClosedYear, AFerryRowIsTimedOnTheNetworkOfTheYearItWasPublished) {
  // Tallink's Riga-Stockholm sailing as published in 2020, when the line ran (closed_year 2021):
  // timed on the network of 2020, its crossing is the link's 17 h. The same row published in 2024,
  // or with no year (today's network), has no ferry to take.
  const auto& net = test::bri();
  const PlaceFinder finder(net);
  const PlaceResolver places(net, finder, std::nullopt);
  RoutingCache cache;
  const std::string row = "Riga Freeport,Stockholm,ferry,Tallink,20,20,,,";
  const auto rows = test::read_pair_rows(
      "ferry_rows.csv", row + "\"Europe land | government | 2020 | a 2020 sailing | https://example.org/a\",,,sailing\n" +
                            row + "\"Europe land | government | 2024 | a 2024 sailing | https://example.org/b\",,,sailing\n" +
                            row + "a sailing (no year),,,sailing\n");
  ASSERT_EQ(rows.size(), 3u);
  ASSERT_EQ(rows[0].published_year, 2020);
  const auto link = net.link_by_id("f_riga_stockholm");
  ASSERT_TRUE(link);
  ASSERT_TRUE(net.links[*link].time_h);
  const auto in_2020 = measure_pair(net, cache, places, rows[0], kLatestYear);
  ASSERT_TRUE(in_2020);
  EXPECT_NEAR(in_2020->time_h, *net.links[*link].time_h, 1e-9);
  EXPECT_FALSE(measure_pair(net, cache, places, rows[1], kLatestYear));
  EXPECT_FALSE(measure_pair(net, cache, places, rows[2], kLatestYear));
}

TEST(LinkClosedYear, TheDatasetsStoppedLinesRunOnlyInTheirYears) {
  // Lines with sourced opening and closing years (SOURCES.md, session 16): a trip by their mode
  // alone between their ends takes them in their last year and not in their closing year.
  struct Stopped {
    std::string id;
    Mode mode;
    int opened, closed;
  };
  const std::vector<Stopped> stopped = {{"f_riga_stockholm", Mode::ferry, 2006, 2021},
                                        {"f_travemunde_gdynia", Mode::ferry, 2009, 2010},
                                        {"f_thessaloniki_izmir", Mode::ferry, 2022, 2023},
                                        {"f_tuticorin_colombo", Mode::ferry, 2011, 2012},
                                        {"a_dubai_dxb_juba", Mode::air, 2013, 2026}};
  const auto& net = test::bri();
  for (const auto& s : stopped) {
    const auto l = net.link_by_id(s.id);
    ASSERT_TRUE(l) << s.id;
    const auto& link = net.links[*l];
    EXPECT_EQ(link.opened_year, s.opened) << s.id;
    EXPECT_EQ(link.closed_year, s.closed) << s.id;
    std::set<Mode> others;
    for (Mode m : kAllModes)
      if (m != s.mode) others.insert(m);
    const auto from = net.nodes[link.from].id, to = net.nodes[link.to].id;
    const std::string cargo = s.mode == Mode::air ? "electronics" : "";  // general cargo does not fly
    const auto last = best(net, test::cache(), from, to, s.closed - 1, others, cargo);
    ASSERT_TRUE(last) << s.id;
    EXPECT_TRUE(uses(net, *last, s.id)) << s.id;
    for (const int year : {s.closed, kLatestYear}) {
      const auto after = best(net, test::cache(), from, to, year, others, cargo);
      if (after) {
        EXPECT_FALSE(uses(net, *after, s.id)) << s.id << " " << year;
      }
    }
  }
}
