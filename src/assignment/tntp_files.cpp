#include "assignment/tntp_files.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>

#include "io/dataset_issue.hpp"
#include "io/input_limits.hpp"

namespace silkroute::assignment {

namespace {

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  const auto b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

// Whitespace-separated tokens; ';' ends a record and is dropped.
std::vector<std::string> tokens(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == ' ' || c == '\t' || c == '\r' || c == ';') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

std::optional<double> to_double(const std::string& s) {
  double v = 0;
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || p != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<std::int64_t> to_int(const std::string& s) {
  std::int64_t v = 0;
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, v);
  if (ec == std::errc() && p == end) return v;
  // "3.000000" style integers (Berlin-Center writes link types and nodes with decimals).
  if (auto d = to_double(s); d && *d == std::floor(*d) && std::abs(*d) < 2e9) return static_cast<std::int64_t>(*d);
  return std::nullopt;
}

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

// Reads the "<KEY> value" lines up to <END OF METADATA>; returns false when the file has none.
struct Metadata {
  std::map<std::string, std::pair<std::string, int>> values;  // key -> (value, line)
  int end_line = 0;
};

Metadata read_metadata(std::istream& in, const std::string& file, io::IssueSink& issues, int& line_no) {
  Metadata meta;
  std::string line;
  while (std::getline(in, line)) {
    ++line_no;
    const auto t = trim(line);
    if (t.empty() || t[0] == '~') continue;
    if (t[0] != '<') {
      issues.add(file, line_no, "", "expected a metadata line '<KEY> value' or <END OF METADATA>, got '" + t.substr(0, 40) + "'");
      return meta;
    }
    const auto close = t.find('>');
    if (close == std::string::npos) {
      issues.add(file, line_no, "", "metadata key without '>'");
      continue;
    }
    const auto key = t.substr(0, close + 1);
    if (key == "<END OF METADATA>") {
      meta.end_line = line_no;
      return meta;
    }
    meta.values[key] = {trim(t.substr(close + 1)), line_no};
  }
  issues.add(file, line_no, "<END OF METADATA>", "missing: the file ends before the metadata does");
  return meta;
}

// A TNTP file opened for reading, or a DatasetError naming it.
std::ifstream open_tntp(const std::string& path, const std::string& file, io::IssueSink& issues) {
  if (auto problem = io::input_file_problem(path, io::kMaxTntpBytes, "TNTP file")) {
    issues.add(file, 0, "", *problem);
    throw io::DatasetError(issues);
  }
  std::ifstream in(path);
  if (!in) {
    issues.add(file, 0, "", "cannot open " + path);
    throw io::DatasetError(issues);
  }
  return in;
}

// Its metadata block, which must be well formed before the body is read.
Metadata read_header(std::istream& in, const std::string& file, io::IssueSink& issues, int& line_no) {
  auto meta = read_metadata(in, file, issues, line_no);
  if (!issues.empty()) throw io::DatasetError(issues);
  return meta;
}

std::optional<double> meta_number(const Metadata& meta, const std::string& key, const std::string& file, io::IssueSink& issues,
                                  bool required) {
  const auto it = meta.values.find(key);
  if (it == meta.values.end()) {
    if (required) issues.add(file, 0, key, "missing from the metadata");
    return std::nullopt;
  }
  const auto toks = tokens(it->second.first);
  std::optional<double> v = toks.size() == 1 ? to_double(toks[0]) : std::nullopt;
  if (!v) issues.add(file, it->second.second, key, "expected a number, got '" + it->second.first + "'");
  return v;
}

}  // namespace

double OdTable::total() const {
  double s = 0;
  for (double d : demand) s += d;
  return s;
}

AssignmentNetwork read_tntp_network(const std::string& path) {
  io::IssueSink issues;
  const auto file = file_name(path);
  auto in = open_tntp(path, file, issues);
  AssignmentNetwork net;
  net.source = path;
  int line_no = 0;
  const auto meta = read_header(in, file, issues, line_no);
  const auto nodes = meta_number(meta, "<NUMBER OF NODES>", file, issues, true);
  const auto zones = meta_number(meta, "<NUMBER OF ZONES>", file, issues, true);
  const auto first_thru = meta_number(meta, "<FIRST THRU NODE>", file, issues, false);
  const auto declared_links = meta_number(meta, "<NUMBER OF LINKS>", file, issues, false);
  const auto toll_factor = meta_number(meta, "<TOLL FACTOR>", file, issues, false);
  const auto distance_factor = meta_number(meta, "<DISTANCE FACTOR>", file, issues, false);
  if (!issues.empty()) throw io::DatasetError(issues);
  auto line_of = [&](const std::string& key) { return meta.values.count(key) ? meta.values.at(key).second : 0; };
  if (*nodes < 1 || *nodes != std::floor(*nodes) || *nodes > 1e8)
    issues.add(file, line_of("<NUMBER OF NODES>"), "<NUMBER OF NODES>", "expected a positive whole number");
  if (*zones < 1 || *zones != std::floor(*zones) || *zones > *nodes)
    issues.add(file, line_of("<NUMBER OF ZONES>"), "<NUMBER OF ZONES>", "expected a whole number in 1..<NUMBER OF NODES>");
  if (first_thru && (*first_thru < 1 || *first_thru != std::floor(*first_thru) || *first_thru > *nodes + 1))
    issues.add(file, line_of("<FIRST THRU NODE>"), "<FIRST THRU NODE>", "expected a whole number in 1..<NUMBER OF NODES>+1");
  for (const auto* key : {"<TOLL FACTOR>", "<DISTANCE FACTOR>"}) {
    const auto v = std::string(key) == "<TOLL FACTOR>" ? toll_factor : distance_factor;
    if (v && *v < 0) issues.add(file, line_of(key), key, "expected a factor of 0 or more");
  }
  if (!issues.empty()) throw io::DatasetError(issues);
  net.node_count = static_cast<std::int32_t>(*nodes);
  net.zone_count = static_cast<std::int32_t>(*zones);
  net.first_thru_node = first_thru ? static_cast<std::int32_t>(*first_thru) : 1;
  net.toll_factor = toll_factor.value_or(0.0);
  net.distance_factor = distance_factor.value_or(0.0);

  static const char* kFields[] = {"init_node", "term_node", "capacity", "length", "free_flow_time",
                                  "b",         "power",     "speed",    "toll",   "link_type"};
  auto& L = net.links;
  std::string line;
  while (std::getline(in, line)) {
    ++line_no;
    const auto t = trim(line);
    if (t.empty() || t[0] == '~') continue;
    const auto tok = tokens(t);
    if (tok.empty()) continue;
    if (tok.size() < 7) {
      issues.add(file, line_no, kFields[tok.size()],
                 "missing: a link needs init_node term_node capacity length free_flow_time b power [speed toll link_type]");
      continue;
    }
    bool ok = true;
    std::int64_t ends[2] = {0, 0};
    for (int k = 0; k < 2; ++k) {
      const auto v = to_int(tok[k]);
      if (!v || *v < 1 || *v > net.node_count) {
        issues.add(file, line_no, kFields[k], "expected a node in 1.." + std::to_string(net.node_count) + ", got '" + tok[k] + "'");
        ok = false;
      } else {
        ends[k] = *v;
      }
    }
    double num[8] = {0, 0, 0, 0, 0, 0, 0, 1};  // capacity length fft b power speed toll type
    for (std::size_t k = 2; k < std::min<std::size_t>(tok.size(), 10); ++k) {
      const auto v = to_double(tok[k]);
      if (!v) {
        issues.add(file, line_no, kFields[k], "expected a number, got '" + tok[k] + "'");
        ok = false;
        continue;
      }
      num[k - 2] = *v;
    }
    if (!ok) continue;
    const double capacity = num[0], length = num[1], fft = num[2], b = num[3], power = num[4], toll = num[6];
    auto bad = [&](int field, const std::string& what) {
      issues.add(file, line_no, kFields[field], what);
      ok = false;
    };
    if (length < 0) bad(3, "expected a length of 0 or more");
    if (fft < 0) bad(4, "expected a free-flow time of 0 or more");
    if (b < 0) bad(5, "expected B of 0 or more");
    if (power < 0) bad(6, "expected a power of 0 or more");
    if (toll < 0) bad(8, "expected a toll of 0 or more");
    // A congestible link needs a capacity; with B = 0 the capacity is never used (Barcelona's
    // and Winnipeg's connectors), so 0 is accepted there.
    if (b > 0 && !(capacity > 0)) bad(2, "expected a capacity above 0 on a link with B > 0");
    if (capacity < 0) bad(2, "expected a capacity of 0 or more");
    if (tok.size() >= 10 && num[7] != std::floor(num[7])) bad(9, "expected a whole number, got '" + tok[9] + "'");
    if (!ok) continue;
    L.from.push_back(static_cast<std::int32_t>(ends[0] - 1));
    L.to.push_back(static_cast<std::int32_t>(ends[1] - 1));
    L.capacity.push_back(capacity);
    L.length.push_back(length);
    L.free_flow_time.push_back(fft);
    L.b.push_back(b);
    L.power.push_back(power);
    L.toll.push_back(toll);
    L.link_type.push_back(static_cast<std::int32_t>(num[7]));
    L.file_line.push_back(line_no);
  }
  if (issues.empty() && declared_links && static_cast<double>(L.size()) != *declared_links)
    issues.add(file, line_of("<NUMBER OF LINKS>"), "<NUMBER OF LINKS>",
               "says " + std::to_string(static_cast<long>(*declared_links)) + ", the file has " + std::to_string(L.size()) + " links");
  if (issues.empty() && L.size() == 0) issues.add(file, 0, "", "no links");
  if (!issues.empty()) throw io::DatasetError(issues);
  return net;
}

OdTable read_tntp_trips(const std::string& path, std::int32_t zone_count) {
  io::IssueSink issues;
  const auto file = file_name(path);
  auto in = open_tntp(path, file, issues);
  OdTable od;
  od.source = path;
  int line_no = 0;
  const auto meta = read_header(in, file, issues, line_no);
  const auto zones = meta_number(meta, "<NUMBER OF ZONES>", file, issues, false);
  const auto declared_total = meta_number(meta, "<TOTAL OD FLOW>", file, issues, false);
  if (zones && *zones != zone_count)
    issues.add(file, meta.values.at("<NUMBER OF ZONES>").second, "<NUMBER OF ZONES>",
               "says " + meta.values.at("<NUMBER OF ZONES>").first + ", the network has " + std::to_string(zone_count) + " zones");
  if (!issues.empty()) throw io::DatasetError(issues);

  // Entries per origin; a repeated (origin, destination) adds up.
  std::map<std::int32_t, std::map<std::int32_t, std::pair<double, int>>> table;
  std::int32_t origin = -1;
  double total_all = 0;
  std::string line;
  while (std::getline(in, line)) {
    ++line_no;
    const auto t = trim(line);
    if (t.empty() || t[0] == '~') continue;
    if (t.rfind("Origin", 0) == 0) {
      const auto tok = tokens(t.substr(6));
      const auto v = tok.size() == 1 ? to_int(tok[0]) : std::nullopt;
      if (!v || *v < 1 || *v > zone_count) {
        issues.add(file, line_no, "origin", "expected a zone in 1.." + std::to_string(zone_count) + " after 'Origin'");
        origin = -1;
        continue;
      }
      origin = static_cast<std::int32_t>(*v - 1);
      table[origin];
      continue;
    }
    // "d : flow;" entries, several per line.
    std::size_t pos = 0;
    while (pos < t.size()) {
      const auto semi = t.find(';', pos);
      const auto entry = trim(t.substr(pos, semi == std::string::npos ? std::string::npos : semi - pos));
      pos = semi == std::string::npos ? t.size() : semi + 1;
      if (entry.empty()) continue;
      const auto colon = entry.find(':');
      if (colon == std::string::npos) {
        issues.add(file, line_no, "destination", "expected 'destination : flow;', got '" + entry.substr(0, 40) + "'");
        continue;
      }
      if (origin < 0) {
        issues.add(file, line_no, "origin", "an entry before any 'Origin' line");
        break;
      }
      const auto dtok = trim(entry.substr(0, colon));
      const auto ftok = trim(entry.substr(colon + 1));
      const auto d = to_int(dtok);
      const auto f = to_double(ftok);
      if (!d || *d < 1 || *d > zone_count) {
        issues.add(file, line_no, "destination", "expected a zone in 1.." + std::to_string(zone_count) + ", got '" + dtok + "'");
        continue;
      }
      if (!f || *f < 0) {
        issues.add(file, line_no, "flow", "expected a demand of 0 or more, got '" + ftok + "'");
        continue;
      }
      total_all += *f;
      const auto dest = static_cast<std::int32_t>(*d - 1);
      if (dest == origin || *f == 0) continue;  // intrazonal trips load no link
      auto& cell = table[origin][dest];
      cell.first += *f;
      if (cell.second == 0) cell.second = line_no;
    }
  }
  if (declared_total && std::abs(total_all - *declared_total) > 1e-6 * std::max(1.0, std::abs(*declared_total)))
    issues.add(file, meta.values.at("<TOTAL OD FLOW>").second, "<TOTAL OD FLOW>",
               "says " + meta.values.at("<TOTAL OD FLOW>").first + ", the entries add up to " + std::to_string(total_all));
  if (!issues.empty()) throw io::DatasetError(issues);
  for (const auto& [o, row] : table) {
    if (row.empty()) continue;
    od.origins.push_back(o);
    od.first.push_back(static_cast<std::int32_t>(od.destination.size()));
    for (const auto& [d, cell] : row) {
      od.destination.push_back(d);
      od.demand.push_back(cell.first);
      od.file_line.push_back(cell.second);
    }
  }
  od.first.push_back(static_cast<std::int32_t>(od.destination.size()));
  return od;
}

std::vector<LinkFlowRow> read_tntp_flows(const std::string& path) {
  io::IssueSink issues;
  const auto file = file_name(path);
  auto in = open_tntp(path, file, issues);
  std::vector<LinkFlowRow> rows;
  std::string line;
  int line_no = 0;
  static const char* kFields[] = {"From", "To", "Volume", "Cost"};
  while (std::getline(in, line)) {
    ++line_no;
    const auto t = trim(line);
    // Header words, metadata and comments: any line not starting with a digit.
    if (t.empty() || !(std::isdigit(static_cast<unsigned char>(t[0])))) continue;
    const auto tok = tokens(t);
    if (tok.size() < 3) {
      issues.add(file, line_no, kFields[tok.size()], "missing: expected From To Volume [Cost]");
      continue;
    }
    LinkFlowRow row;
    row.line = line_no;
    const auto a = to_int(tok[0]), b = to_int(tok[1]);
    const auto f = to_double(tok[2]);
    const auto c = tok.size() > 3 ? to_double(tok[3]) : std::optional<double>(0.0);
    if (!a || *a < 1) issues.add(file, line_no, "From", "expected a node number, got '" + tok[0] + "'");
    else if (!b || *b < 1) issues.add(file, line_no, "To", "expected a node number, got '" + tok[1] + "'");
    else if (!f || *f < 0) issues.add(file, line_no, "Volume", "expected a flow of 0 or more, got '" + tok[2] + "'");
    else if (!c) issues.add(file, line_no, "Cost", "expected a number, got '" + tok[3] + "'");
    else {
      row.init_node = static_cast<std::int32_t>(*a);
      row.term_node = static_cast<std::int32_t>(*b);
      row.flow = *f;
      row.cost = *c;
      rows.push_back(row);
    }
  }
  if (issues.empty() && rows.empty()) issues.add(file, 0, "", "no flow rows");
  if (!issues.empty()) throw io::DatasetError(issues);
  return rows;
}

}  // namespace silkroute::assignment
