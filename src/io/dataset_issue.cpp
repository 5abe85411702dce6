#include "io/dataset_issue.hpp"

namespace silkroute::io {

std::string DatasetIssue::to_string() const {
  std::string out = file;
  if (line > 0) {
    out += ':';  // appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "x" + temporary
    out += std::to_string(line);
  }
  out += ": ";
  if (!column.empty()) out += "column '" + column + "': ";
  out += message;
  return out;
}

void IssueSink::add(const std::string& file, int line, const std::string& column, const std::string& message) {
  auto& n = per_file_[file];
  ++n;
  if (n <= cap_per_file_) issues_.push_back({file, line, column, message});
}

std::size_t IssueSink::count() const {
  std::size_t total = 0;
  for (const auto& [file, n] : per_file_) total += n;
  return total;
}

std::string IssueSink::report() const {
  std::string out;
  for (const auto& issue : issues_) out += issue.to_string() + "\n";
  for (const auto& [file, n] : per_file_)
    if (n > cap_per_file_) out += "... and " + std::to_string(n - cap_per_file_) + " more in " + file + "\n";
  return out;
}

DatasetError::DatasetError(const IssueSink& sink)
    : std::runtime_error(std::to_string(sink.count()) + " problem(s) in the input:\n" + sink.report()),
      issues(sink.issues()) {}

}  // namespace silkroute::io
