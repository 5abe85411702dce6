// The dataset's binary snapshot (io/dataset_snapshot): the same network as the CSV files,
// never a stale or damaged one.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "io/dataset_issue.hpp"
#include "io/dataset_reader.hpp"
#include "io/dataset_snapshot.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace silkroute {
namespace {

// Every table and every field, through the operator== of each record.
void expect_same_network(const Network& a, const Network& b) {
  EXPECT_EQ(a.nodes.size(), b.nodes.size());
  EXPECT_TRUE(a.nodes == b.nodes);
  EXPECT_TRUE(a.links == b.links);
  EXPECT_TRUE(a.transfers == b.transfers);
  EXPECT_TRUE(a.countries == b.countries);
  EXPECT_TRUE(a.border_rules == b.border_rules);
  EXPECT_TRUE(a.agreements == b.agreements);
  EXPECT_TRUE(a.mode_params == b.mode_params);
  EXPECT_TRUE(a.cargo_classes == b.cargo_classes);
  EXPECT_TRUE(a.capacities == b.capacities);
  EXPECT_TRUE(a.time_model == b.time_model);
  EXPECT_EQ(a.source_dir, b.source_dir);
  for (std::size_t i = 0; i < a.transfers.size() && i < b.transfers.size(); ++i)
    EXPECT_EQ(a.transfer_key(i), b.transfer_key(i));
  for (const auto& n : a.nodes) EXPECT_EQ(a.node_by_id(n.id), b.node_by_id(n.id));
}

// A cache folder of its own, removed afterwards.
struct CacheDir {
  std::string dir = (fs::temp_directory_path() / ("silkroute_snapshots_" + std::to_string(::getpid()) + "_" +
                                                  ::testing::UnitTest::GetInstance()->current_test_info()->name()))
                        .string();
  CacheDir() { fs::remove_all(dir); }
  ~CacheDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  io::SnapshotOptions options() const { return {dir}; }
  std::size_t files() const {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir)) n += e.path().extension() == ".snap";
    return n;
  }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(DatasetSnapshot, KeepsEveryFieldOfTheEmbeddedNetwork) {
  const auto dir = std::string(SILKROUTE_SOURCE_DIR) + "/data/bri";
  const auto from_csv = io::read_dataset(dir);
  ASSERT_TRUE(from_csv.time_model.structured);  // the time model's tables are in the comparison
  ASSERT_FALSE(from_csv.capacities.empty());
  CacheDir cache;
  io::SnapshotOutcome outcome{};
  const auto first = io::load_dataset(dir, cache.options(), &outcome);
  EXPECT_EQ(outcome, io::SnapshotOutcome::written);
  expect_same_network(from_csv, first);
  const auto second = io::load_dataset(dir, cache.options(), &outcome);
  // The checked-out files are older than the settle margin: their stat is trusted.
  ASSERT_EQ(outcome, io::SnapshotOutcome::hit_by_stat);
  expect_same_network(from_csv, second);
  EXPECT_EQ(cache.files(), 1u);
  // The same bytes again: nothing is lost or reordered on the way through.
  EXPECT_EQ(io::serialize_network(second), io::serialize_network(from_csv));
}

TEST(DatasetSnapshot, AnEditedTableIsSeenAtOnce) {
  test::DatasetCopy data;
  CacheDir cache;
  io::SnapshotOutcome outcome{};
  EXPECT_EQ(io::load_dataset(data.dir(), cache.options(), &outcome).nodes[0].name, "Xi'an");
  EXPECT_EQ(outcome, io::SnapshotOutcome::written);
  io::load_dataset(data.dir(), cache.options(), &outcome);
  // Files written this second are hashed, not trusted by their stat: an edit within the file
  // system's clock tick could keep the same times.
  EXPECT_EQ(outcome, io::SnapshotOutcome::hit);
  // Same size, one letter changed: the content is in the key, not the size or the time.
  data.replace("nodes.csv", "Xi'an,", "Xi'on,");
  auto net = io::load_dataset(data.dir(), cache.options(), &outcome);
  EXPECT_EQ(outcome, io::SnapshotOutcome::written);
  EXPECT_EQ(net.nodes[0].name, "Xi'on");
  EXPECT_EQ(net.source_dir, data.dir());
  EXPECT_EQ(io::load_dataset(data.dir(), cache.options(), &outcome).nodes[0].name, "Xi'on");
  EXPECT_EQ(outcome, io::SnapshotOutcome::hit);
  // A new optional table changes the key too.
  data.write("agreements.csv", "id,kind,country_a,country_b,dwell_factor,fee_factor,year,source\n");
  io::load_dataset(data.dir(), cache.options(), &outcome);
  EXPECT_EQ(outcome, io::SnapshotOutcome::written);
  EXPECT_EQ(cache.files(), 1u);  // the stale snapshot was replaced, not kept beside
}

// With no settle margin every stamp is kept: what each kind of change does to the next load.
TEST(DatasetSnapshot, UnchangedFilesAreNotReadAndChangedOnesAre) {
  test::DatasetCopy data;
  CacheDir cache;
  auto options = cache.options();
  options.settle = std::chrono::seconds(0);
  io::SnapshotOutcome outcome{};
  io::load_dataset(data.dir(), options, &outcome);
  EXPECT_EQ(outcome, io::SnapshotOutcome::written);
  EXPECT_EQ(io::load_dataset(data.dir(), options, &outcome).nodes[0].name, "Xi'an");
  EXPECT_EQ(outcome, io::SnapshotOutcome::hit_by_stat);
  // Another size.
  data.replace("nodes.csv", "Xi'an,", "Xi'ann,");
  EXPECT_EQ(io::load_dataset(data.dir(), options, &outcome).nodes[0].name, "Xi'ann");
  EXPECT_EQ(outcome, io::SnapshotOutcome::written);
  // The same size, another modification time.
  data.replace("nodes.csv", "Xi'ann,", "Xi'onn,");
  const auto nodes = fs::path(data.dir()) / "nodes.csv";
  fs::last_write_time(nodes, fs::last_write_time(nodes) + std::chrono::seconds(5));
  EXPECT_EQ(io::load_dataset(data.dir(), options, &outcome).nodes[0].name, "Xi'onn");
  EXPECT_EQ(outcome, io::SnapshotOutcome::written);
  EXPECT_EQ(io::load_dataset(data.dir(), options, &outcome).nodes[0].name, "Xi'onn");
  EXPECT_EQ(outcome, io::SnapshotOutcome::hit_by_stat);
  // Touched, same contents: hashed and found the same, and the new stat kept for the next run.
  fs::last_write_time(nodes, fs::last_write_time(nodes) + std::chrono::seconds(5));
  io::load_dataset(data.dir(), options, &outcome);
  EXPECT_EQ(outcome, io::SnapshotOutcome::hit);
  io::load_dataset(data.dir(), options, &outcome);
  EXPECT_EQ(outcome, io::SnapshotOutcome::hit_by_stat);
  // A new table, and a table gone.
  data.write("agreements.csv", "id,kind,country_a,country_b,dwell_factor,fee_factor,year,source\n");
  io::load_dataset(data.dir(), options, &outcome);
  EXPECT_EQ(outcome, io::SnapshotOutcome::written);
  fs::remove(fs::path(data.dir()) / "agreements.csv");
  io::load_dataset(data.dir(), options, &outcome);
  EXPECT_EQ(outcome, io::SnapshotOutcome::written);
  EXPECT_EQ(cache.files(), 1u);
}

TEST(DatasetSnapshot, ABadTableIsReportedFromTheCsvFiles) {
  test::DatasetCopy data;
  CacheDir cache;
  io::load_dataset(data.dir(), cache.options());
  data.replace("nodes.csv", "108.94,34.34", "108.94,not-a-latitude");
  try {
    io::load_dataset(data.dir(), cache.options());
    FAIL() << "a bad table loaded from the snapshot";
  } catch (const io::DatasetError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("nodes.csv"), std::string::npos) << what;
    EXPECT_NE(what.find("lat"), std::string::npos) << what;
  }
}

TEST(DatasetSnapshot, ADamagedSnapshotIsRebuilt) {
  test::DatasetCopy data;
  CacheDir cache;
  const auto from_csv = io::read_dataset(data.dir());
  io::load_dataset(data.dir(), cache.options());
  const auto path = io::snapshot_path(data.dir(), cache.options());
  const auto good = slurp(path);
  ASSERT_GT(good.size(), 100u);
  for (const auto& damaged : {good.substr(0, good.size() - 1), good.substr(0, 20), std::string(),
                              good.substr(0, 60) + char(good[60] ^ 1) + good.substr(61), good + "x"}) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << damaged;
    io::SnapshotOutcome outcome{};
    expect_same_network(from_csv, io::load_dataset(data.dir(), cache.options(), &outcome));
    EXPECT_EQ(outcome, io::SnapshotOutcome::written);
    EXPECT_EQ(slurp(path), good);
  }
}

TEST(DatasetSnapshot, EveryTruncatedPayloadIsRefused) {
  const auto payload = io::serialize_network(test::mini());
  ASSERT_TRUE(io::deserialize_network(payload));
  for (std::size_t n = 0; n < payload.size(); ++n) EXPECT_FALSE(io::deserialize_network(payload.substr(0, n))) << n;
}

TEST(DatasetSnapshot, NoCacheFolderReadsTheCsvFiles) {
  io::SnapshotOutcome outcome{};
  const auto net = io::load_dataset(test::mini_dir(), io::SnapshotOptions{}, &outcome);
  EXPECT_EQ(outcome, io::SnapshotOutcome::disabled);
  EXPECT_FALSE(net.nodes.empty());
}

}  // namespace
}  // namespace silkroute
