// calibrate's cross-validations beside the random folds: folds that keep a structure group
// whole, and forward steps by curation batch (the batch lines of the pairs files).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "analysis/calibration.hpp"
#include "analysis/cv_folds.hpp"
#include "analysis/time_model_fit.hpp"
#include "io/dataset_issue.hpp"
#include "test_support.hpp"

using namespace silkroute;
namespace fs = std::filesystem;

namespace {

const std::string kHeader =
    "origin,destination,mode,via,time_low_h,time_high_h,distance,distance_unit,source_note,avoid,network_year,measure\n";

fs::path write_pairs(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / "silkroute_cv_pairs";
  fs::create_directories(dir);
  std::ofstream(dir / name) << text;
  return dir / name;
}

std::string read_error(const fs::path& path) {
  try {
    read_published_pairs(path.string());
  } catch (const io::DatasetError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(CrossValidation, BatchLinesGiveEachRowTheBatchAboveIt) {
  const auto path = write_pairs("batches.csv", "# a comment before the header\n" + kHeader +
                                                   "# batch: 1 first  the first pairs, with commas, in the text\n"
                                                   "Rotterdam,Lyon,rail,,48,48,,,note,,,terminal\n"
                                                   "Kunming,Shanghai,rail,,82,82,,,note,,,terminal\n"
                                                   "# batch: 3 later\n"
                                                   "Chongqing,Duisburg,rail,,300,340,,,note,,,terminal\n");
  const auto rows = read_published_pairs(path.string());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].batch, "first");
  EXPECT_EQ(rows[0].batch_order, 1);
  EXPECT_EQ(rows[1].batch, "first");
  EXPECT_EQ(rows[2].batch, "later");
  EXPECT_EQ(rows[2].batch_order, 3);

  // A file without batch lines reads as before, without batches.
  const auto plain = read_published_pairs(write_pairs("plain.csv", kHeader + "Rotterdam,Lyon,rail,,48,48,,,note,,,terminal\n").string());
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_TRUE(plain[0].batch.empty());
}

TEST(CrossValidation, ABadBatchLineOrARowWithoutABatchIsRefusedByFileAndLine) {
  auto error = read_error(write_pairs("no_order.csv", kHeader + "# batch: fresh\nRotterdam,Lyon,rail,,48,48,,,note,,,terminal\n"));
  EXPECT_NE(error.find("no_order.csv:2"), std::string::npos) << error;
  EXPECT_NE(error.find("expected '# batch: ORDER NAME ...'"), std::string::npos) << error;

  error = read_error(write_pairs("before.csv", kHeader + "Rotterdam,Lyon,rail,,48,48,,,note,,,terminal\n"
                                                         "# batch: 2 b\nKunming,Shanghai,rail,,82,82,,,note,,,terminal\n"));
  EXPECT_NE(error.find("before.csv:2"), std::string::npos) << error;
  EXPECT_NE(error.find("a row before the file's first '# batch:' line"), std::string::npos) << error;

  error = read_error(write_pairs("two_orders.csv", kHeader + "# batch: 1 a\nRotterdam,Lyon,rail,,48,48,,,note,,,terminal\n"
                                                             "# batch: 2 a\nKunming,Shanghai,rail,,82,82,,,note,,,terminal\n"));
  EXPECT_NE(error.find("two_orders.csv:4"), std::string::npos) << error;
  EXPECT_NE(error.find("batch 'a' has order 2 here and 1 above"), std::string::npos) << error;
}

TEST(CrossValidation, TheProjectsPairsFilesCarryABatchOnEveryRow) {
  const std::string dir = std::string(SILKROUTE_SOURCE_DIR) + "/tests/calibration/";
  std::map<std::string, int> order_of;
  for (const auto* file : {"published_pairs.csv", "holdout_pairs.csv"})
    for (const auto& p : read_published_pairs(dir + file)) {
      SCOPED_TRACE(std::string(file) + ":" + std::to_string(p.line));
      ASSERT_FALSE(p.batch.empty());
      EXPECT_EQ(order_of.emplace(p.batch, p.batch_order).first->second, p.batch_order);
    }
  // The first pairs, the first curation, the rows added with model changes and three fresh batches.
  EXPECT_GE(order_of.size(), 6u);
}

TEST(CrossValidation, GroupedFoldsKeepEveryGroupWholeAndBalanceTheFolds) {
  std::vector<std::string> group_of;
  for (int g = 0; g < 9; ++g)
    for (int k = 0; k <= g; ++k) group_of.push_back(std::string(1, static_cast<char>('a' + g)));
  for (unsigned seed : {1u, 2u, 7u}) {
    const auto fold = grouped_folds(group_of, 3, seed);
    ASSERT_EQ(fold.size(), group_of.size());
    std::map<std::string, std::set<int>> folds_of_group;
    std::vector<int> size(3, 0);
    for (std::size_t i = 0; i < fold.size(); ++i) {
      folds_of_group[group_of[i]].insert(fold[i]);
      ++size.at(static_cast<std::size_t>(fold[i]));
    }
    for (const auto& [g, f] : folds_of_group) EXPECT_EQ(f.size(), 1u) << g;
    // 45 items in groups of 1..9, largest first to the emptiest fold: 16, 15 and 14.
    EXPECT_LE(*std::max_element(size.begin(), size.end()) - *std::min_element(size.begin(), size.end()), 2);
  }
  // Fewer groups than folds: one fold per group.
  const auto two = grouped_folds({"a", "b", "a"}, 5, 1);
  EXPECT_EQ(two[0], two[2]);
  EXPECT_NE(two[0], two[1]);
  EXPECT_EQ(structure_group("rail", "europe", "china"), "rail china-europe");
  EXPECT_EQ(structure_group("sea", "", "africa"), "sea africa-other");
}

// A group effect: Chinese domestic trains are published 30% faster than the priors give,
// every other pair exactly at the priors. Random folds put some Chinese trains on the fitting
// side, so the fit learns them; folds by structure group hold them all out, and so does the
// forward step that predicts them from an earlier batch without them. The grouped and batch
// figures must show the effect the random ones hide.
TEST(CrossValidation, FoldsByGroupAndByBatchShowAGroupEffectThatRandomFoldsHide) {
  Network priors = test::bri();
  for (auto& v : priors.time_model.params) v.value = v.prior;
  const std::vector<std::array<const char*, 3>> chosen = {
      {"Kunming", "Shanghai", "rail"},  {"Chengdu", "Qinzhou", "rail"},     {"Yinchuan", "Qingdao", "rail"},
      {"Zhengzhou", "Qingdao", "rail"}, {"Xi'an", "Qinzhou", "rail"},       {"Chongqing", "Shanghai", "rail"},
      {"Shanghai", "Rotterdam", "sea"}, {"Singapore", "Piraeus", "sea"},    {"Nhava Sheva", "Jebel Ali", "sea"},
      {"Busan", "Jakarta", "sea"},      {"Shanghai", "Singapore", "sea"},   {"Qingdao", "Rotterdam", "sea"}};
  std::vector<PublishedPair> pairs;
  for (const auto& [from, to, mode] : chosen) {
    PublishedPair p;
    p.origin = from;
    p.destination = to;
    p.mode = mode;
    p.line = static_cast<int>(pairs.size()) + 2;
    pairs.push_back(p);
  }
  const auto measured = calibrate(priors, pairs);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    ASSERT_TRUE(measured[i].model_time_h) << pairs[i].origin << " " << measured[i].problem;
    const bool china_rail = pairs[i].mode == "rail";
    const double published_h = *measured[i].model_time_h * (china_rail ? 0.7 : 1.0);
    pairs[i].time_low_h = pairs[i].time_high_h = published_h;
    // The sea pairs were curated first, the Chinese trains later.
    pairs[i].batch = china_rail ? "later" : "first";
    pairs[i].batch_order = china_rail ? 2 : 1;
  }
  FitOptions options;
  options.folds = 2;
  options.max_evaluations = 30;  // enough to move the first parameters
  options.grouped_cv = true;
  options.batch_cv = true;
  const auto r = fit_time_model(test::bri(), pairs, options);
  ASSERT_EQ(r.pairs.size(), pairs.size());

  std::map<std::string, std::set<int>> folds_of_group;
  for (const auto& p : r.pairs) folds_of_group[p.group].insert(p.grouped_fold);
  ASSERT_EQ(folds_of_group.count("rail china-china"), 1u);
  for (const auto& [g, f] : folds_of_group) EXPECT_EQ(f.size(), 1u) << g;

  std::cout << "random folds: " << r.cross_validated.mean_abs_log_error << ", by group: " << r.grouped.mean_abs_log_error
            << ", by batch: " << r.by_batch.mean_abs_log_error << " mean |log error|\n";
  EXPECT_GT(r.grouped.mean_abs_log_error, r.cross_validated.mean_abs_log_error + 0.02);
  const auto rail_random = fit_figures(r.pairs, &FittedPair::cross_validated_h, "rail");
  const auto rail_grouped = fit_figures(r.pairs, &FittedPair::grouped_h, "rail");
  EXPECT_GT(rail_grouped.mean_abs_log_error, rail_random.mean_abs_log_error + 0.02);

  // One forward step: the Chinese trains predicted from the sea batch alone, which says
  // nothing about them, so they keep (nearly) the priors' 1/0.7 error.
  ASSERT_EQ(r.batch_steps.size(), 1u);
  EXPECT_EQ(r.batch_steps[0].batch, "later");
  EXPECT_EQ(r.batch_steps[0].train_pairs, 6);
  EXPECT_EQ(r.batch_steps[0].test.pairs, 6);
  EXPECT_EQ(r.by_batch.pairs, 6);
  EXPECT_GT(r.by_batch.mean_abs_log_error, rail_random.mean_abs_log_error + 0.02);
  for (const auto& p : r.pairs) EXPECT_EQ(std::isnan(p.batch_h), p.pair.batch == "first") << p.pair.origin;
}

TEST(CrossValidation, TheBatchCrossValidationRefusesPairsWithoutABatch) {
  std::vector<PublishedPair> pairs(1);
  pairs[0].origin = "Kunming";
  pairs[0].destination = "Shanghai";
  pairs[0].mode = "rail";
  pairs[0].line = 7;
  pairs[0].time_low_h = pairs[0].time_high_h = 82;
  FitOptions options;
  options.max_evaluations = 1;
  options.batch_cv = true;
  try {
    fit_time_model(test::bri(), pairs, options);
    FAIL() << "pairs without a batch cannot be cross-validated by batch";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("Kunming -> Shanghai (line 7) has none"), std::string::npos) << e.what();
  }
}
