#include "assignment/flow_csv.hpp"

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "io/atomic_output.hpp"
#include "io/dataset_issue.hpp"
#include "io/input_limits.hpp"

namespace silkroute::assignment {

namespace {

std::string number(double v) {
  char buf[32];
  // 17 significant digits: the flows read back bit for bit (warm starts, checkers).
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::vector<std::string> split_commas(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

}  // namespace

void write_flows_csv(const std::string& path, const AssignmentProblem& problem, const AssignmentResult& result, bool overwrite) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  io::check_output_path(target, io::AtomicOutput::Kind::file, overwrite);
  const auto& net = problem.network();
  std::ostringstream out;
  out << "init_node,term_node,flow,cost";
  const bool several = problem.class_count() > 1;
  if (several)
    for (const auto& c : problem.classes()) out << ",flow_" << c.name;
  out << "\n";
  const auto& fixed = problem.fixed_cost(0);
  for (std::size_t a = 0; a < problem.link_count(); ++a) {
    out << net.links.from[a] + 1 << "," << net.links.to[a] + 1 << "," << number(result.flows.total[a]) << ","
        << number(result.time[a] + fixed[a]);
    if (several)
      for (std::size_t c = 0; c < problem.class_count(); ++c) out << "," << number(result.flows.by_class[c][a]);
    out << "\n";
  }
  io::write_text_file(target, out.str(), overwrite);
}

std::vector<std::int32_t> match_rows_to_links(const AssignmentNetwork& net, const std::vector<RowKey>& rows,
                                              const std::string& file) {
  const auto& L = net.links;
  std::vector<std::int32_t> link(rows.size(), -1);
  bool in_order = rows.size() == L.size();
  for (std::size_t i = 0; in_order && i < rows.size(); ++i)
    in_order = rows[i].init_node == L.from[i] + 1 && rows[i].term_node == L.to[i] + 1;
  io::IssueSink issues;
  if (in_order) {
    for (std::size_t i = 0; i < rows.size(); ++i) link[i] = static_cast<std::int32_t>(i);
    return link;
  }
  std::map<std::pair<std::int32_t, std::int32_t>, std::int32_t> by_key;  // -2: parallel links
  for (std::size_t a = 0; a < L.size(); ++a) {
    auto [it, fresh] = by_key.emplace(std::make_pair(L.from[a] + 1, L.to[a] + 1), static_cast<std::int32_t>(a));
    if (!fresh) it->second = -2;
  }
  std::vector<int> seen(L.size(), 0);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto it = by_key.find({rows[i].init_node, rows[i].term_node});
    const auto name = std::to_string(rows[i].init_node) + "->" + std::to_string(rows[i].term_node);
    if (it == by_key.end()) {
      issues.add(file, rows[i].line, "init_node", "no link " + name + " in " + std::filesystem::path(net.source).filename().string());
    } else if (it->second == -2) {
      issues.add(file, rows[i].line, "init_node",
                 "the network has parallel links " + name + ": list the rows in the network file's link order");
    } else if (seen[it->second]) {
      issues.add(file, rows[i].line, "init_node", "link " + name + " again (first on line " + std::to_string(seen[it->second]) + ")");
    } else {
      link[i] = it->second;
      seen[it->second] = rows[i].line;
    }
  }
  if (issues.empty())
    for (std::size_t a = 0; a < L.size(); ++a)
      if (!seen[a]) {
        issues.add(file, 0, "", "no row for link " + std::to_string(L.from[a] + 1) + "->" + std::to_string(L.to[a] + 1) +
                                    " (network line " + std::to_string(L.file_line[a]) + ")");
      }
  if (!issues.empty()) throw io::DatasetError(issues);
  return link;
}

LinkFlows read_flows_csv(const std::string& path, const AssignmentProblem& problem) {
  io::IssueSink issues;
  const auto file = std::filesystem::path(path).filename().string();
  if (auto problem = io::input_file_problem(path, io::kMaxCsvBytes, "CSV table")) {
    issues.add(file, 0, "", *problem);
    throw io::DatasetError(issues);
  }
  std::ifstream in(path);
  if (!in) {
    issues.add(file, 0, "", "cannot open " + path);
    throw io::DatasetError(issues);
  }
  std::string line;
  if (!std::getline(in, line)) {
    issues.add(file, 1, "", "empty file: expected the header init_node,term_node,flow,cost");
    throw io::DatasetError(issues);
  }
  const auto header = split_commas(line);
  auto column = [&](const std::string& name) -> int {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    issues.add(file, 1, name, "missing column");
    return -1;
  };
  const int c_init = column("init_node"), c_term = column("term_node");
  std::vector<int> c_flow;
  if (problem.class_count() == 1) c_flow.push_back(column("flow"));
  else
    for (const auto& c : problem.classes()) c_flow.push_back(column("flow_" + c.name));
  if (!issues.empty()) throw io::DatasetError(issues);
  std::vector<RowKey> keys;
  std::vector<std::vector<double>> values;
  int line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line == "\r") continue;
    const auto cells = split_commas(line);
    if (cells.size() != header.size()) {
      issues.add(file, line_no, "", "expected " + std::to_string(header.size()) + " columns, got " + std::to_string(cells.size()));
      continue;
    }
    RowKey key;
    key.line = line_no;
    bool ok = true;
    auto read_int = [&](int col, std::int32_t& v) {
      const auto& s = cells[col];
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec != std::errc() || p != s.data() + s.size()) {
        issues.add(file, line_no, header[col], "expected a node number, got '" + s + "'");
        ok = false;
      }
    };
    read_int(c_init, key.init_node);
    read_int(c_term, key.term_node);
    std::vector<double> row;
    for (int col : c_flow) {
      const auto& s = cells[col];
      double v = 0;
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v) || v < 0) {
        issues.add(file, line_no, header[col], "expected a flow of 0 or more, got '" + s + "'");
        ok = false;
      }
      row.push_back(v);
    }
    if (!ok) continue;
    keys.push_back(key);
    values.push_back(std::move(row));
  }
  if (!issues.empty()) throw io::DatasetError(issues);
  const auto link = match_rows_to_links(problem.network(), keys, file);
  LinkFlows flows(problem.class_count(), problem.link_count());
  for (std::size_t i = 0; i < keys.size(); ++i)
    for (std::size_t c = 0; c < problem.class_count(); ++c) flows.by_class[c][link[i]] = values[i][c];
  flows.sum_classes();
  return flows;
}

}  // namespace silkroute::assignment
