#include "test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "io/dataset_reader.hpp"

namespace fs = std::filesystem;

namespace silkroute::test {

std::string mini_dir() { return std::string(SILKROUTE_SOURCE_DIR) + "/tests/data/mini"; }
std::string bri_dir() { return std::string(SILKROUTE_SOURCE_DIR) + "/data/bri"; }

const Engine& mini_engine() {
  static const auto engine = Engine::open(mini_dir());
  return *engine;
}

std::shared_ptr<const Engine> bri_engine_ptr() {
  static const std::shared_ptr<const Engine> engine = Engine::open(bri_dir());
  return engine;
}

const Engine& bri_engine() { return *bri_engine_ptr(); }

const Network& mini() { return mini_engine().network(); }
const Network& bri() { return bri_engine().network(); }

RoutingCache& cache() {
  static RoutingCache c;
  return c;
}

NodeIndex node(const Network& net, const std::string& id) {
  auto n = net.node_by_id(id);
  if (!n) throw std::invalid_argument("test: no node " + id);
  return *n;
}

DatasetCopy::DatasetCopy(const std::string& source_dir) {
  static std::atomic<int> counter{0};
  dir_ = (fs::temp_directory_path() / ("silkroute_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++))).string();
  fs::remove_all(dir_);
  fs::copy(source_dir, dir_, fs::copy_options::recursive);
}

DatasetCopy::~DatasetCopy() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void DatasetCopy::replace(const std::string& file, const std::string& from, const std::string& to) {
  std::ifstream in(dir_ + "/" + file);
  std::stringstream ss;
  ss << in.rdbuf();
  auto text = ss.str();
  auto pos = text.find(from);
  ASSERT_NE(pos, std::string::npos) << "test setup: '" << from << "' not in " << file;
  text.replace(pos, from.size(), to);
  write(file, text);
}

void DatasetCopy::append(const std::string& file, const std::string& text) {
  std::ofstream(dir_ + "/" + file, std::ios::app) << text;
}

void DatasetCopy::write(const std::string& file, const std::string& text) { std::ofstream(dir_ + "/" + file) << text; }

void DatasetCopy::remove(const std::string& file) { fs::remove(dir_ + "/" + file); }

std::vector<io::DatasetIssue> load_issues(const DatasetCopy& d) {
  try {
    io::read_dataset(d.dir());
  } catch (const io::DatasetError& e) {
    return e.issues;
  }
  ADD_FAILURE() << "the damaged dataset loaded without error";
  return {};
}

std::vector<PublishedPair> read_pair_rows(const std::string& name, const std::string& rows) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << "origin,destination,mode,via,time_low_h,time_high_h,distance,distance_unit,source_note,avoid,"
                         "network_year,measure\n"
                      << rows;
  auto pairs = read_published_pairs(path);
  std::remove(path.c_str());
  return pairs;
}

}  // namespace silkroute::test
