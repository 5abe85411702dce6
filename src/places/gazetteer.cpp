#include "places/gazetteer.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "io/csv_table.hpp"
#include "network/place_finder.hpp"

namespace silkroute {

namespace {

std::vector<std::string> split_bar(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + "|") {
    if (c == '|') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

}  // namespace

Gazetteer Gazetteer::load(const std::string& path) {
  io::IssueSink issues;
  const std::string file = "places.csv";
  Gazetteer g;
  auto table = io::read_csv_file(path, file, issues);
  if (table) {
    const char* names[] = {"id", "name", "ascii_name", "alt_names", "country", "lon", "lat", "population", "kind", "locode", "source"};
    std::size_t col[11];
    bool ok = true;
    for (int i = 0; i < 11; ++i) {
      const auto c = table->column(names[i]);
      if (!c) {
        issues.add(file, 1, names[i], std::string("missing column '") + names[i] + "'");
        ok = false;
      } else {
        col[i] = *c;
      }
    }
    // Optional: gazetteers written before UN/LOCODE's transport locations were added lack it.
    const auto function_col = table->column("function");
    std::set<std::string> ids;
    // Both arms lvalues, so the records are not copied (a copy of 71,000 rows cost more than reading them).
    static const std::vector<io::CsvRecord> none;
    const auto& records = ok ? table->records : none;
    g.places_.reserve(records.size());
    for (const auto& r : records) {
      auto cell = [&](int i) -> const std::string& { return r.cells[col[i]]; };
      auto number = [&](int i, double low, double high, const char* what) {
        try {
          std::size_t used = 0;
          const double v = std::stod(cell(i), &used);
          if (used == cell(i).size() && std::isfinite(v) && v >= low && v <= high) return v;
        } catch (const std::exception&) {
        }
        issues.add(file, r.line, names[i], std::string("expected ") + what + ", got '" + cell(i) + "'");
        return 0.0;
      };
      GazetteerPlace p;
      p.id = cell(0);
      p.name = cell(1);
      p.ascii_name = cell(2);
      p.alt_names = split_bar(cell(3));
      p.country = cell(4);
      p.position.lon = number(5, -180, 180, "a longitude from -180 to 180");
      p.position.lat = number(6, -90, 90, "a latitude from -90 to 90");
      if (!cell(7).empty()) p.population = static_cast<long long>(number(7, 0, 1e9, "a population of 0 or more"));
      p.kind = cell(8);
      p.locode = cell(9);
      p.source = cell(10);
      if (function_col) p.function = r.cells[*function_col];
      if (p.id.empty()) issues.add(file, r.line, "id", "empty id");
      else if (!ids.insert(p.id).second) issues.add(file, r.line, "id", "duplicate id '" + p.id + "'");
      if (p.name.empty()) issues.add(file, r.line, "name", "empty name");
      if (p.country.size() != 3) issues.add(file, r.line, "country", "expected an ISO 3166 alpha-3 code, got '" + p.country + "'");
      g.places_.push_back(std::move(p));
    }
  }
  if (!issues.empty()) throw io::DatasetError(issues);
  g.keys_.reserve(g.places_.size() * 2);
  for (std::size_t i = 0; i < g.places_.size(); ++i) {
    const auto& p = g.places_[i];
    std::set<std::string> seen;
    for (const auto& n : {p.name, p.ascii_name}) seen.insert(normalize_name(n));
    for (const auto& n : p.alt_names) seen.insert(normalize_name(n));
    for (const auto& k : seen)
      if (!k.empty()) g.keys_.push_back({k, i});
  }
  std::sort(g.keys_.begin(), g.keys_.end(), [](const Key& a, const Key& b) {
    return a.normalized != b.normalized ? a.normalized < b.normalized : a.place < b.place;
  });
  return g;
}

namespace {

// Most populous first (an unknown population last), then by id: the order users read.
auto by_population(const std::vector<GazetteerPlace>& places) {
  return [&places](std::size_t a, std::size_t b) {
    if (places[a].population != places[b].population) return places[a].population > places[b].population;
    return places[a].id < places[b].id;
  };
}

}  // namespace

std::vector<std::size_t> Gazetteer::exact(const std::string& query) const {
  std::set<std::size_t> found;
  std::string upper;
  for (char c : query) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (std::size_t i = 0; i < places_.size(); ++i)
    if (places_[i].id == query || (!places_[i].locode.empty() && places_[i].locode == upper)) found.insert(i);
  const auto q = normalize_name(query);
  if (!q.empty()) {
    auto it = std::lower_bound(keys_.begin(), keys_.end(), q, [](const Key& k, const std::string& v) { return k.normalized < v; });
    for (; it != keys_.end() && it->normalized == q; ++it) found.insert(it->place);
  }
  std::vector<std::size_t> out(found.begin(), found.end());
  std::sort(out.begin(), out.end(), by_population(places_));
  return out;
}

std::vector<std::size_t> Gazetteer::near(const std::string& query, std::size_t n) const {
  const auto q = normalize_name(query);
  if (q.empty()) return {};
  std::map<std::size_t, std::size_t> best;  // place -> 0 prefix, else edit distance
  const std::size_t tolerance = std::max<std::size_t>(1, q.size() / 3);
  for (const auto& k : keys_) {
    if (k.normalized == q) continue;
    std::size_t d;
    if (k.normalized.compare(0, q.size(), q) == 0) d = 0;
    else if (k.normalized.size() + tolerance < q.size() || q.size() + tolerance < k.normalized.size()) continue;
    else d = edit_distance(q, k.normalized);
    if (d > tolerance) continue;
    auto [it, inserted] = best.emplace(k.place, d);
    if (!inserted) it->second = std::min(it->second, d);
  }
  const auto exact_places = exact(query);
  std::vector<std::size_t> out;
  for (auto [p, d] : best)
    if (std::find(exact_places.begin(), exact_places.end(), p) == exact_places.end()) out.push_back(p);
  const auto pop = by_population(places_);
  std::sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
    const auto da = best.at(a), db = best.at(b);
    return da != db ? da < db : pop(a, b);
  });
  if (out.size() > n) out.resize(n);
  return out;
}

}  // namespace silkroute
