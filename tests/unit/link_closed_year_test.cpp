// Links that stopped running (links.csv, closed_year): present in scenarios before that year,
// absent from it on; a closing year not after the opening year is an error naming its line.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "io/dataset_issue.hpp"
#include "io/dataset_reader.hpp"
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
                          int year, std::set<Mode> closed_modes = {}) {
  Scenario s;
  s.year = year;
  s.closed.modes = std::move(closed_modes);
  RouteQuery q;
  q.from = test::node(net, from);
  q.to = test::node(net, to);
  q.alternatives = 0;
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
