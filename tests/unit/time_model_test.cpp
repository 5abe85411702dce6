// The structured time model: its data is checked on load, its parts show in routes, and the
// global fit predicts pairs it was not fitted to (k-fold cross-validation).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/time_model_fit.hpp"
#include "cost/cost_model.hpp"
#include "io/dataset_issue.hpp"
#include "io/dataset_reader.hpp"
#include "test_support.hpp"

using namespace silkroute;
namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<PublishedPair> all_pairs() {
  const std::string dir = std::string(SILKROUTE_SOURCE_DIR) + "/tests/calibration/";
  auto pairs = read_published_pairs(dir + "published_pairs.csv");
  const auto holdout = read_published_pairs(dir + "holdout_pairs.csv");
  pairs.insert(pairs.end(), holdout.begin(), holdout.end());
  return pairs;
}

}  // namespace

TEST(TimeModel, RangeErrorIsZeroInsideAndRelativeToTheNearestEnd) {
  EXPECT_EQ(range_error(100, 90, 110), 0.0);
  EXPECT_DOUBLE_EQ(range_error(80, 100, 120), 0.2);
  EXPECT_DOUBLE_EQ(range_error(150, 100, 120), 0.25);
}

TEST(TimeModel, TheEmbeddedNetworkHasEveryParameterWithItsSource) {
  const auto& tm = test::bri().time_model;
  ASSERT_TRUE(tm.structured);
  for (auto p : enum_values<TimeParam>()) {
    SCOPED_TRACE(std::string(enum_name(p)));
    EXPECT_FALSE(tm.param(p).source.empty());
    EXPECT_GE(tm[p], tm.param(p).lower);
    EXPECT_LE(tm[p], tm.param(p).upper);
  }
}

TEST(TimeModel, TrucksRestByTheirRegionsDriversHours) {
  const auto& net = test::bri();
  const CostModel cost(net, *net.cargo("general"), Objective::time, Scenario{});
  int checked = 0;
  for (LinkIndex l = 0; l < static_cast<LinkIndex>(net.links.size()); ++l) {
    const auto& link = net.links[l];
    if (link.mode != Mode::road || net.nodes[link.from].country != "PAK") continue;
    const auto c = cost.link_cost(l);
    EXPECT_NEAR(c.rest_h, c.running.time_h * net.time_model[TimeParam::road_rest_per_drive_h_south_asia], 1e-9) << link.id;
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

TEST(TimeModel, AValueOutsideItsBoundsIsRefusedWithFileAndLine) {
  const fs::path dir = fs::temp_directory_path() / "silkroute_time_model_bounds";
  fs::remove_all(dir);
  fs::copy(std::string(SILKROUTE_SOURCE_DIR) + "/data/bri", dir, fs::copy_options::recursive);
  auto text = read_text(dir / "time_model.csv");
  const auto at = text.find("\nsea_speed_kmh,");
  ASSERT_NE(at, std::string::npos);
  const auto comma = text.find(',', at + 1);
  text.replace(comma + 1, text.find(',', comma + 1) - comma - 1, "300");
  std::ofstream(dir / "time_model.csv") << text;
  try {
    io::read_dataset(dir.string());
    FAIL() << "a sea speed of 300 km/h was accepted";
  } catch (const io::DatasetError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("time_model.csv"), std::string::npos) << what;
    EXPECT_NE(what.find("outside its bounds"), std::string::npos) << what;
  }
  fs::remove_all(dir);
}

TEST(TimeModel, FittedValuesAreWrittenBackWithCommentsAndSourcesKept) {
  const auto original = read_text(std::string(SILKROUTE_SOURCE_DIR) + "/data/bri/time_model.csv");
  auto values = std::vector<TimeParamValue>(test::bri().time_model.params.begin(), test::bri().time_model.params.end());
  values[static_cast<std::size_t>(TimeParam::air_speed_kmh)].value = 812.5;
  const auto written = time_model_csv(original, values);
  EXPECT_NE(written.find("\nair_speed_kmh,812.5,"), std::string::npos);
  EXPECT_EQ(std::count(written.begin(), written.end(), '\n'), std::count(original.begin(), original.end(), '\n'));
  EXPECT_NE(written.find("# The structured time model"), std::string::npos);
}

TEST(TimeModelFit, CrossValidatedErrorHoldsOnPairsNotFittedTo) {
  FitOptions options;
  options.folds = 3;
  options.max_evaluations = 80;  // enough to move every parameter; the command uses 400
  const auto r = fit_time_model(test::bri(), all_pairs(), options);
  ASSERT_GE(r.cross_validated.pairs, 60);
  // The fit never does worse in sample than the values it started from.
  EXPECT_LE(r.in_sample.mean_abs_log_error, r.start_figures.mean_abs_log_error + 1e-12);
  // What the model gets on pairs it was not fitted to (docs/calibration.md has the full run).
  EXPECT_GE(r.cross_validated.share_inside, 0.45);
  EXPECT_LE(r.cross_validated.median_error, 0.20);
  for (const auto& p : r.fitted) {
    EXPECT_GE(p.value, p.lower);
    EXPECT_LE(p.value, p.upper);
  }
}
