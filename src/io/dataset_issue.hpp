#pragma once
// Problems found in input files, collected so a user sees all of them in one pass.

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace silkroute::io {

struct DatasetIssue {
  std::string file;
  int line = 0;        // 0: the file as a whole
  std::string column;  // empty: the record or file as a whole
  std::string message;

  // "links.csv:14: column 'gauge_mm': expected an integer in mm (e.g. 1435), got 'abc'"
  std::string to_string() const;
};

// Collects issues, keeping at most `cap_per_file` per file and counting the rest.
class IssueSink {
 public:
  explicit IssueSink(std::size_t cap_per_file = 50) : cap_per_file_(cap_per_file) {}
  void add(const std::string& file, int line, const std::string& column, const std::string& message);
  bool empty() const { return issues_.empty(); }
  std::size_t count() const;
  const std::vector<DatasetIssue>& issues() const { return issues_; }
  // Every kept issue on its own line, then "... and N more in FILE" for files over the cap.
  std::string report() const;

 private:
  std::size_t cap_per_file_;
  std::vector<DatasetIssue> issues_;
  std::map<std::string, std::size_t> per_file_;
};

// Thrown when a dataset or scenario cannot be used; carries every issue found.
class DatasetError : public std::runtime_error {
 public:
  explicit DatasetError(const IssueSink& sink);
  std::vector<DatasetIssue> issues;
};

}  // namespace silkroute::io
