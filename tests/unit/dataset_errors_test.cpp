// Every way a dataset can be wrong gives an issue naming file, line and column.
#include <gtest/gtest.h>

#include "io/dataset_issue.hpp"
#include "io/dataset_reader.hpp"
#include "test_support.hpp"

using namespace silkroute;
using silkroute::test::DatasetCopy;

namespace {

using test::load_issues;

// True when some issue is in `file` at `line` and `column` and its message contains `text`.
::testing::AssertionResult has_issue(const std::vector<io::DatasetIssue>& issues, const std::string& file, int line,
                                     const std::string& column, const std::string& text) {
  for (const auto& i : issues)
    if (i.file == file && i.line == line && i.column == column && i.message.find(text) != std::string::npos)
      return ::testing::AssertionSuccess();
  std::string all;
  for (const auto& i : issues) all += "\n  " + i.to_string();
  return ::testing::AssertionFailure() << "no issue " << file << ":" << line << " column '" << column << "' with '" << text
                                       << "'; got:" << all;
}

}  // namespace

TEST(DatasetErrors, MiniDatasetIsValid) { EXPECT_NO_THROW(io::read_dataset(test::mini_dir())); }

TEST(DatasetErrors, MissingFolder) {
  try {
    io::read_dataset("/nonexistent/silkroute");
    FAIL();
  } catch (const io::DatasetError& e) {
    EXPECT_NE(std::string(e.what()).find("not a dataset folder"), std::string::npos);
  }
}

TEST(DatasetErrors, MissingRequiredFile) {
  DatasetCopy d;
  d.remove("modes.csv");
  EXPECT_TRUE(has_issue(load_issues(d), "modes.csv", 0, "", "required file is missing"));
}

TEST(DatasetErrors, UnknownNodeInLink) {
  DatasetCopy d;
  d.replace("links.csv", "r_xian_alashankou,xian,alashankou", "r_xian_alashankou,xian,alashankuo");
  EXPECT_TRUE(has_issue(load_issues(d), "links.csv", 2, "to", "unknown node 'alashankuo'"));
}

TEST(DatasetErrors, DuplicateIds) {
  DatasetCopy d;
  d.append("nodes.csv", "xian,Xi'an again,,CHN,108.9,34.3,city,,,,test\n");
  d.append("links.csv", "r_xian_shanghai,xian,shanghai,rail,1435,1500,,,,,,,,,test\n");
  const auto issues = load_issues(d);
  EXPECT_TRUE(has_issue(issues, "nodes.csv", 32, "id", "duplicate node id 'xian'"));
  EXPECT_TRUE(has_issue(issues, "links.csv", 36, "id", "duplicate link id 'r_xian_shanghai'"));
}

TEST(DatasetErrors, BadNumbersAndCoordinatesOutOfRange) {
  DatasetCopy d;
  d.replace("nodes.csv", "108.94,34.34", "108.94,134.34");
  d.replace("nodes.csv", "82.57,45.17", "east,45.17");
  d.replace("links.csv", "r_dostyk_astana,dostyk,astana,rail,1520,1300", "r_dostyk_astana,dostyk,astana,rail,1520,-5");
  const auto issues = load_issues(d);
  EXPECT_TRUE(has_issue(issues, "nodes.csv", 2, "lat", "between -90 and 90, got '134.34'"));
  EXPECT_TRUE(has_issue(issues, "nodes.csv", 3, "lon", "expected a number, got 'east'"));
  EXPECT_TRUE(has_issue(issues, "links.csv", 7, "length_km", "got '-5'"));
}

TEST(DatasetErrors, AllErrorsOfAFileInOnePass) {
  DatasetCopy d;
  d.replace("links.csv", "r_xian_alashankou,xian,alashankou,rail,1435", "r_xian_alashankou,xian,alashankou,rail,wide");
  d.replace("links.csv", "r_moscow_brest,moscow,brest,rail", "r_moscow_brest,moscow,brest,train");
  d.replace("links.csv", "f_aktau_baku,aktau,baku,ferry,,470,,20,,2", "f_aktau_baku,aktau,baku,ferry,,470,,20,,often");
  const auto issues = load_issues(d);
  EXPECT_TRUE(has_issue(issues, "links.csv", 2, "gauge_mm", "expected a whole number between 500 and 2000, got 'wide'"));
  EXPECT_TRUE(has_issue(issues, "links.csv", 9, "mode", "expected one of rail, road, sea, ferry, air, iww, got 'train'"));
  EXPECT_TRUE(has_issue(issues, "links.csv", 13, "departures_per_week", "got 'often'"));
}

TEST(DatasetErrors, ModeThatCannotBeUsedAtAnEnd) {
  DatasetCopy d;
  // A sea link ending at an inland city.
  d.append("links.csv", "s_bad,wp_gibraltar,duisburg,sea,,,,,,,,,,,test\n");
  EXPECT_TRUE(has_issue(load_issues(d), "links.csv", 36, "to", "mode sea cannot be used at 'duisburg', a city node"));
}

TEST(DatasetErrors, GaugeRules) {
  DatasetCopy d;
  d.replace("links.csv", "d_rotterdam_duisburg,rotterdam,duisburg,road,", "d_rotterdam_duisburg,rotterdam,duisburg,road,1435");
  d.replace("links.csv", "r_xian_shanghai,xian,shanghai,rail,1435", "r_xian_shanghai,xian,shanghai,rail,");
  const auto issues = load_issues(d);
  EXPECT_TRUE(has_issue(issues, "links.csv", 32, "gauge_mm", "only rail links have a gauge"));
  EXPECT_TRUE(has_issue(issues, "links.csv", 18, "gauge_mm", "is empty"));
}

TEST(DatasetErrors, LengthShorterThanTheStraightLine) {
  DatasetCopy d;
  d.replace("links.csv", "r_astana_moscow,astana,moscow,rail,1520,2700", "r_astana_moscow,astana,moscow,rail,1520,270");
  EXPECT_TRUE(has_issue(load_issues(d), "links.csv", 8, "length_km", "shorter than the straight-line distance"));
}

TEST(DatasetErrors, BorderCrossingWithoutARule) {
  DatasetCopy d;
  d.replace("borders.csv", "BLR,POL,rail,48,300,test\n", "");
  EXPECT_TRUE(has_issue(load_issues(d), "links.csv", 10, "to", "crosses the BLR-POL border by rail, but borders.csv has no rule"));
}

TEST(DatasetErrors, UnknownCountryAndBadIso) {
  DatasetCopy d;
  d.replace("nodes.csv", "almaty,Almaty,,KAZ", "almaty,Almaty,,KAX");
  d.append("countries.csv", "Fr,France,EU,\n");
  const auto issues = load_issues(d);
  EXPECT_TRUE(has_issue(issues, "nodes.csv", 7, "country", "unknown country 'KAX'"));
  EXPECT_TRUE(has_issue(issues, "countries.csv", 14, "iso3", "ISO 3166 alpha-3"));
}

TEST(DatasetErrors, HeaderProblems) {
  DatasetCopy d;
  d.replace("borders.csv", "country_a,country_b,mode,dwell_h,fee_usd,source", "country_a,country_b,mode,dwell_hours,fee_usd,source");
  const auto issues = load_issues(d);
  EXPECT_TRUE(has_issue(issues, "borders.csv", 1, "dwell_h", "required column is missing"));
  EXPECT_TRUE(has_issue(issues, "borders.csv", 1, "dwell_hours", "unknown column"));
}

TEST(DatasetErrors, TransferPatterns) {
  DatasetCopy d;
  d.append("transfers.csv", "dostyk,rail:abc,rail:1520,1,1,,,x\nbaku,rail,rail:1520,1,1,,,x\naktau,sea,sea,1,1,,,x\n");
  const auto issues = load_issues(d);
  EXPECT_TRUE(has_issue(issues, "transfers.csv", 11, "from", "got 'rail:abc'"));
  EXPECT_TRUE(has_issue(issues, "transfers.csv", 12, "to", "must name both gauges"));
  EXPECT_TRUE(has_issue(issues, "transfers.csv", 13, "to", "two different carriers"));
}

TEST(DatasetErrors, StructuralCsvProblemsKeepTheirLine) {
  DatasetCopy d;
  d.replace("agreements.csv", "chn_kaz_single_window,single_window,CHN,KAZ,0.5,0.8,2019,test",
            "chn_kaz_single_window,single_window,CHN,KAZ,0.5");
  EXPECT_TRUE(has_issue(load_issues(d), "agreements.csv", 2, "", "expected 8 fields as in the header, got 5"));
}

TEST(DatasetErrors, YearsLocodesAndModesTable) {
  DatasetCopy d;
  d.replace("nodes.csv", "kars,Kars,,TUR,43.10,40.60,rail_terminal,,2017", "kars,Kars,,TUR,43.10,40.60,rail_terminal,,twenty");
  d.replace("nodes.csv", "KZALA", "KZ-ALA");
  d.replace("modes.csv", "ferry,20,0.5,0.6,12,150,test value\n", "");
  const auto issues = load_issues(d);
  EXPECT_TRUE(has_issue(issues, "nodes.csv", 17, "opened_year", "got 'twenty'"));
  EXPECT_TRUE(has_issue(issues, "nodes.csv", 7, "locode", "UN/LOCODE"));
  EXPECT_TRUE(has_issue(issues, "modes.csv", 0, "mode", "no row for mode 'ferry'"));
}

TEST(DatasetErrors, CapacitiesNameTheirElementUnitAndSource) {
  DatasetCopy d;
  d.write("capacities.csv",
          "# test capacities\n"
          "element,id,capacity,unit,year,source\n"
          "node,dostyk,20,trains_per_day,,test\n"
          "transfer,dostyk:rail:1435-rail:1520,18,trains_per_day,2019,test\n"
          "border,KAZ-CHN,25,trains_per_day,,test\n"
          "link,r_xian_alashankou,60,trains_per_day,,test\n"
          "terminal,dostyk,20,trains_per_day,,test\n"
          "node,dostik,20,trains_per_day,,test\n"
          "transfer,dostyk:rail-rail,18,trains_per_day,,test\n"
          "border,CHN-FRA,5,trains_per_day,,test\n"
          "node,aktau,5,boats,,test\n"
          "node,aktau,-5,teu_per_day,,test\n"
          "node,kars,5,teu_per_day,,\n"
          "node,dostyk,21,trains_per_day,,test again\n");
  const auto issues = load_issues(d);
  EXPECT_TRUE(has_issue(issues, "capacities.csv", 7, "element", "expected one of link, node, transfer, border, got 'terminal'"));
  EXPECT_TRUE(has_issue(issues, "capacities.csv", 8, "id", "unknown node 'dostik'"));
  EXPECT_TRUE(has_issue(issues, "capacities.csv", 9, "id", "a transfer is named node:carrier-carrier"));
  EXPECT_TRUE(has_issue(issues, "capacities.csv", 10, "id", "unknown border 'CHN-FRA'"));
  EXPECT_TRUE(has_issue(issues, "capacities.csv", 11, "unit", "got 'boats'"));
  EXPECT_TRUE(has_issue(issues, "capacities.csv", 12, "capacity", ""));
  EXPECT_TRUE(has_issue(issues, "capacities.csv", 13, "source", "every capacity needs its source"));
  EXPECT_TRUE(has_issue(issues, "capacities.csv", 14, "id", "duplicate capacity for node 'dostyk'"));
  EXPECT_EQ(issues.size(), 8u);
}

TEST(DatasetErrors, ValidCapacitiesLoad) {
  DatasetCopy d;
  d.write("capacities.csv",
          "element,id,capacity,unit,year,source\n"
          "transfer,dostyk:rail:1435-rail:1520,18,trains_per_day,2019,test\n"
          "border,KAZ-CHN,25,trains_per_day,,test\n");
  const auto net = io::read_dataset(d.dir());
  ASSERT_EQ(net.capacities.size(), 2u);
  EXPECT_EQ(net.capacities[0].element, CapacityElement::transfer);
  EXPECT_EQ(net.capacities[0].unit, CapacityUnit::trains_per_day);
  EXPECT_EQ(net.capacities[0].year, 2019);
  EXPECT_DOUBLE_EQ(net.capacities[1].value, 25);
}

// shapes.csv (docs/dataset.md, "Shapes").
TEST(DatasetErrors, ShapeBadRowsNameFileLineAndField) {
  DatasetCopy d;
  d.write("shapes.csv", std::string("link_id,vertices,source\n") +
                            "r_xian_lanzhou_none,103.83 36.06,test\n"              // line 2: unknown link
                            "r_xian_alashankou,103.83 96.06,test\n"                // line 3: latitude out of range
                            "s_shanghai_singapore,110.0 20.0,test\n"               // line 4: a sea lane
                            "r_altynkol_almaty,60.0 55.0,test\n"                   // line 5: longer than its 300 km
                            "r_khorgos_altynkol,80.3 44.2;east,test\n");           // line 6: not a number
  const auto issues = load_issues(d);
  EXPECT_TRUE(has_issue(issues, "shapes.csv", 2, "link_id", "no link 'r_xian_lanzhou_none'"));
  EXPECT_TRUE(has_issue(issues, "shapes.csv", 3, "vertices", "vertex 1 is '103.83 96.06'"));
  EXPECT_TRUE(has_issue(issues, "shapes.csv", 4, "link_id", "is a sea link"));
  EXPECT_TRUE(has_issue(issues, "links.csv", 6, "length_km", "shorter than the"));
  EXPECT_TRUE(has_issue(issues, "shapes.csv", 6, "vertices", "vertex 2 is 'east'"));
}

TEST(DatasetErrors, ShapeASecondShapeForALinkIsRefused) {
  DatasetCopy d;
  d.write("shapes.csv", std::string("link_id,vertices,source\n") + "r_xian_alashankou,103.83 36.06,test\nr_xian_alashankou,87.62 43.83,test\n");
  EXPECT_TRUE(has_issue(load_issues(d), "shapes.csv", 3, "link_id", "a second shape for 'r_xian_alashankou'"));
}
