#include "test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "io/dataset_reader.hpp"

namespace fs = std::filesystem;

namespace silkroute::test {

std::string mini_dir() { return std::string(SILKROUTE_SOURCE_DIR) + "/tests/data/mini"; }

const Network& mini() {
  static const Network net = io::read_dataset(mini_dir());
  return net;
}

const Network& bri() {
  static const Network net = io::read_dataset(std::string(SILKROUTE_SOURCE_DIR) + "/data/bri");
  return net;
}

NodeIndex node(const Network& net, const std::string& id) {
  auto n = net.node_by_id(id);
  if (!n) throw std::invalid_argument("test: no node " + id);
  return *n;
}

DatasetCopy::DatasetCopy() {
  static std::atomic<int> counter{0};
  dir_ = (fs::temp_directory_path() / ("silkroute_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++))).string();
  fs::remove_all(dir_);
  fs::copy(mini_dir(), dir_, fs::copy_options::recursive);
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

}  // namespace silkroute::test
