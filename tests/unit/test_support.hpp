#pragma once
// Helpers shared by the tests: the hand-built network and broken copies of it.
#include <string>

#include <vector>

#include "engine/engine.hpp"
#include "io/dataset_issue.hpp"
#include "io/published_pairs_reader.hpp"
#include "network/network.hpp"
#include "routing/route.hpp"
#include "routing/routing_cache.hpp"

namespace silkroute::test {

std::string mini_dir();
// The embedded Belt and Road dataset (data/bri).
std::string bri_dir();
const Network& mini();
// The embedded Belt and Road network (data/bri), loaded once.
const Network& bri();
NodeIndex node(const Network& net, const std::string& id);
// The routing cache the tests share (it rebuilds its topology when the network changes).
RoutingCache& cache();
// Engines over the two networks, loaded once.
const Engine& bri_engine();
std::shared_ptr<const Engine> bri_engine_ptr();
const Engine& mini_engine();

// A fresh copy of a dataset (the mini one unless told) in a temporary folder, to damage in a
// test; removed when the copy goes out of scope.
class DatasetCopy {
 public:
  explicit DatasetCopy(const std::string& source_dir = mini_dir());
  ~DatasetCopy();
  const std::string& dir() const { return dir_; }
  // Replaces the first occurrence of `from` in `file` (aborts the test if absent).
  void replace(const std::string& file, const std::string& from, const std::string& to);
  void append(const std::string& file, const std::string& text);
  void write(const std::string& file, const std::string& text);
  void remove(const std::string& file);

 private:
  std::string dir_;
};

// Loads a damaged copy and returns its issues; fails the test if the load succeeds.
std::vector<io::DatasetIssue> load_issues(const DatasetCopy& d);

// Published pairs read from CSV rows (after the calibration files' header, measure last), through a
// temporary file that is removed again.
std::vector<PublishedPair> read_pair_rows(const std::string& name, const std::string& rows);

// The parts of a route's time (everything but transit_h, which overlaps them); they must add
// up to the door-to-door time.
inline double sum_of_time_parts_h(const TimeBreakdown& t) {
  return t.moving_h + t.wait_h + t.rest_h + t.call_h + t.transship_h + t.dispatch_h + t.handling_h + t.transfer_h +
         t.border_h + t.access_h;
}

}  // namespace silkroute::test
