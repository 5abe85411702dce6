#include "io/tntp_reader.hpp"

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "io/dataset_issue.hpp"
#include "io/input_limits.hpp"

namespace silkroute::io {

TntpNetwork read_tntp(const std::string& path) {
  IssueSink issues;
  const auto file = std::filesystem::path(path).filename().string();
  if (auto problem = input_file_problem(path, kMaxTntpBytes, "TNTP file")) {
    issues.add(file, 0, "", *problem);
    throw DatasetError(issues);
  }
  std::ifstream in(path);
  TntpNetwork net;
  if (!in) {
    issues.add(file, 0, "", "cannot open " + path);
    throw DatasetError(issues);
  }
  std::string line;
  int number = 0;
  bool in_links = false;
  std::int32_t declared_links = -1;
  auto meta = [&](const std::string& key) -> std::optional<long> {
    if (line.rfind(key, 0) != 0) return std::nullopt;
    try {
      return std::stol(line.substr(key.size()));
    } catch (const std::exception&) {
      issues.add(file, number, key, "expected a number after " + key);
      return std::nullopt;
    }
  };
  std::vector<ch::WeightedEdge> raw;
  while (std::getline(in, line)) {
    ++number;
    if (!in_links) {
      if (auto v = meta("<NUMBER OF NODES>")) net.nodes = static_cast<std::int32_t>(*v);
      if (auto v = meta("<FIRST THRU NODE>")) net.first_thru_node = static_cast<std::int32_t>(*v);
      if (auto v = meta("<NUMBER OF LINKS>")) declared_links = static_cast<std::int32_t>(*v);
      if (line.rfind("<END OF METADATA>", 0) == 0) in_links = true;
      continue;
    }
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '~') continue;
    std::istringstream cells(line);
    long from = 0, to = 0;
    double capacity = 0, length = 0, free_flow_time = 0;
    if (!(cells >> from >> to >> capacity >> length >> free_flow_time)) {
      issues.add(file, number, "free_flow_time", "expected init_node term_node capacity length free_flow_time ...");
      continue;
    }
    if (from < 1 || from > net.nodes || to < 1 || to > net.nodes) {
      issues.add(file, number, "init_node", "node outside 1.." + std::to_string(net.nodes));
      continue;
    }
    if (!(free_flow_time >= 0)) {
      issues.add(file, number, "free_flow_time", "expected a time of 0 or more");
      continue;
    }
    raw.push_back({static_cast<std::int32_t>(from), static_cast<std::int32_t>(to), free_flow_time});
  }
  if (net.nodes <= 0) issues.add(file, 0, "<NUMBER OF NODES>", "missing or not positive");
  if (declared_links >= 0 && static_cast<std::int32_t>(raw.size()) != declared_links && issues.empty())
    issues.add(file, 0, "<NUMBER OF LINKS>", "says " + std::to_string(declared_links) + ", the file has " + std::to_string(raw.size()));
  if (!issues.empty()) throw DatasetError(issues);
  const std::int32_t zones = std::max(0, net.first_thru_node - 1);
  net.graph_nodes = net.nodes + zones;
  for (const auto& e : raw) net.edges.push_back({net.source_of(e.from), net.target_of(e.to), e.weight});
  return net;
}

}  // namespace silkroute::io
