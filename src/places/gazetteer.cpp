#include "places/gazetteer.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "io/binary_io.hpp"
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
  const std::string file = std::filesystem::path(path).filename().string();
  Gazetteer g;
  auto table = io::read_csv_file(path, file, issues);
  if (table) {
    enum Field { id, name, ascii_name, alt_names, country, lon, lat, population, kind, locode, source, function, kFields };
    const char* names[kFields] = {"id", "name", "ascii_name", "alt_names", "country", "lon", "lat", "population", "kind", "locode", "source", "function"};
    // Two layouts. places.csv's has every column (function is optional: gazetteers written
    // before UN/LOCODE's transport locations lack it). transport_locations.csv has no kind
    // column and leaves out what each of its rows would repeat: every row is a UN/LOCODE
    // transport location (kind transport, source un_locode) without a population, and its
    // ASCII name is its name (another one is among its alternative names).
    const bool transport_only = !table->column("kind");
    const std::vector<Field> required =
        transport_only ? std::vector<Field>{id, name, alt_names, country, lon, lat, locode, function}
                       : std::vector<Field>{id, name, ascii_name, alt_names, country, lon, lat, population, kind, locode, source};
    std::optional<std::size_t> col[kFields];
    for (int f = 0; f < kFields; ++f) col[f] = table->column(names[f]);
    bool ok = true;
    for (auto f : required)
      if (!col[f]) {
        issues.add(file, 1, names[f], std::string("missing column '") + names[f] + "'");
        ok = false;
      }
    std::set<std::string> ids;
    // Both arms lvalues, so the records are not copied (a copy of 71,000 rows cost more than reading them).
    static const std::vector<io::CsvRecord> none;
    static const std::string absent;
    const auto& records = ok ? table->records : none;
    g.places_.reserve(records.size());
    for (const auto& r : records) {
      auto cell = [&](Field f) -> const std::string& { return col[f] ? r.cells[*col[f]] : absent; };
      auto number = [&](Field f, double low, double high, const char* what) {
        try {
          std::size_t used = 0;
          const double v = std::stod(cell(f), &used);
          if (used == cell(f).size() && std::isfinite(v) && v >= low && v <= high) return v;
        } catch (const std::exception&) {
        }
        issues.add(file, r.line, names[f], std::string("expected ") + what + ", got '" + cell(f) + "'");
        return 0.0;
      };
      GazetteerPlace p;
      p.id = cell(id);
      p.name = cell(name);
      p.ascii_name = transport_only ? p.name : cell(ascii_name);
      p.alt_names = split_bar(cell(alt_names));
      p.country = cell(country);
      p.position.lon = number(lon, -180, 180, "a longitude from -180 to 180");
      p.position.lat = number(lat, -90, 90, "a latitude from -90 to 90");
      if (!cell(population).empty()) p.population = static_cast<long long>(number(population, 0, 1e9, "a population of 0 or more"));
      p.kind = transport_only ? "transport" : cell(kind);
      p.locode = cell(locode);
      p.source = transport_only ? "un_locode" : cell(source);
      p.function = cell(function);
      if (p.id.empty()) issues.add(file, r.line, "id", "empty id");
      else if (!ids.insert(p.id).second) issues.add(file, r.line, "id", "duplicate id '" + p.id + "'");
      if (p.name.empty()) issues.add(file, r.line, "name", "empty name");
      if (p.country.size() != 3) issues.add(file, r.line, "country", "expected an ISO 3166 alpha-3 code, got '" + p.country + "'");
      g.places_.push_back(std::move(p));
    }
  }
  if (!issues.empty()) throw io::DatasetError(issues);
  g.index_names();
  return g;
}

void Gazetteer::index_names() {
  keys_.clear();
  keys_.reserve(places_.size() * 2);
  for (std::size_t i = 0; i < places_.size(); ++i) {
    const auto& p = places_[i];
    std::set<std::string> seen;
    for (const auto& n : {p.name, p.ascii_name}) seen.insert(normalize_name(n));
    for (const auto& n : p.alt_names) seen.insert(normalize_name(n));
    for (const auto& k : seen)
      if (!k.empty()) keys_.push_back({k, i});
  }
  std::sort(keys_.begin(), keys_.end(), [](const Key& a, const Key& b) {
    return a.normalized != b.normalized ? a.normalized < b.normalized : a.place < b.place;
  });
}

namespace {

void put(io::Writer& w, const GazetteerPlace& p) {
  for (const auto* s : {&p.id, &p.name, &p.ascii_name}) w.text(*s);
  w.count(p.alt_names.size());
  for (const auto& a : p.alt_names) w.text(a);
  w.text(p.country);
  w.pod(p.position.lon);
  w.pod(p.position.lat);
  w.pod(p.population);
  for (const auto* s : {&p.kind, &p.locode, &p.function, &p.source}) w.text(*s);
}

void get(io::Reader& r, GazetteerPlace& p) {
  for (auto* s : {&p.id, &p.name, &p.ascii_name}) *s = r.text();
  p.alt_names.resize(r.count(4));
  for (auto& a : p.alt_names) a = r.text();
  p.country = r.text();
  p.position.lon = r.pod<double>();
  p.position.lat = r.pod<double>();
  p.population = r.pod<long long>();
  for (auto* s : {&p.kind, &p.locode, &p.function, &p.source}) *s = r.text();
}

// A sorted table of (text, place) that a lookup searches in the snapshot's bytes as they lie,
// without building a string per entry: the texts end to end, where each one ends, its place.
struct TextIndex {
  std::vector<std::uint32_t> ends;
  std::vector<std::uint32_t> places;
  std::string_view texts;
  std::string_view text(std::size_t k) const {
    const auto begin = k == 0 ? 0 : ends[k - 1];
    return texts.substr(begin, ends[k] - begin);
  }
  // The places of the entries equal to `q`.
  std::vector<std::size_t> find(std::string_view q) const {
    std::size_t lo = 0, hi = places.size();
    while (lo < hi) {
      const auto mid = (lo + hi) / 2;
      if (text(mid) < q) lo = mid + 1;
      else hi = mid;
    }
    std::vector<std::size_t> out;
    for (; lo < places.size() && text(lo) == q; ++lo) out.push_back(places[lo]);
    return out;
  }
};

void put(io::Writer& w, std::vector<std::pair<std::string, std::uint32_t>> entries) {
  std::sort(entries.begin(), entries.end());
  TextIndex index;
  std::string texts;
  for (const auto& [text, place] : entries) {
    texts += text;
    index.ends.push_back(static_cast<std::uint32_t>(texts.size()));
    index.places.push_back(place);
  }
  w.pods(index.ends);
  w.pods(index.places);
  w.text(texts);
}

std::optional<TextIndex> get_index(io::Reader& r, std::size_t place_count) {
  TextIndex index;
  r.pods(index.ends);
  r.pods(index.places);
  index.texts = r.bytes(r.count(1));
  if (!r.ok() || index.ends.size() != index.places.size()) return std::nullopt;
  std::uint32_t last = 0;
  for (std::size_t k = 0; k < index.ends.size(); ++k) {
    if (index.ends[k] < last || index.places[k] >= place_count) return std::nullopt;
    last = index.ends[k];
  }
  if (last != index.texts.size()) return std::nullopt;
  return index;
}

std::string upper_case(const std::string& s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The snapshot's layout: the places (each where `offsets` says), then three sorted tables to
// look a query up in without reading every place: normalized names, ids, UN/LOCODEs.
struct Layout {
  std::size_t place_count = 0;
  std::string_view places;  // the places' bytes, one after the other
  std::vector<std::uint64_t> offsets;  // each place's start within `places`
  TextIndex names, ids, locodes;
};

std::optional<Layout> read_layout(std::string_view bytes) {
  io::Reader r(bytes);
  if (r.text() != Gazetteer::snapshot_format) return std::nullopt;
  Layout l;
  r.pods(l.offsets);
  l.place_count = l.offsets.size();
  l.places = r.bytes(r.count(1));
  auto names = get_index(r, l.place_count), ids = get_index(r, l.place_count), locodes = get_index(r, l.place_count);
  if (!r.ok() || !r.at_end() || !names || !ids || !locodes) return std::nullopt;
  for (std::size_t i = 0; i < l.place_count; ++i)
    if (l.offsets[i] > l.places.size() || (i > 0 && l.offsets[i] < l.offsets[i - 1])) return std::nullopt;
  l.names = std::move(*names);
  l.ids = std::move(*ids);
  l.locodes = std::move(*locodes);
  return l;
}

std::optional<GazetteerPlace> place_at(const Layout& l, std::size_t i) {
  const auto end = i + 1 < l.place_count ? l.offsets[i + 1] : l.places.size();
  io::Reader r(l.places.substr(l.offsets[i], end - l.offsets[i]));
  GazetteerPlace p;
  get(r, p);
  if (!r.ok() || !r.at_end()) return std::nullopt;
  return p;
}

}  // namespace

std::string Gazetteer::serialize() const {
  io::Writer places;
  std::vector<std::uint64_t> offsets;
  std::vector<std::pair<std::string, std::uint32_t>> names, ids, locodes;
  for (std::uint32_t i = 0; i < places_.size(); ++i) {
    const auto& p = places_[i];
    offsets.push_back(places.size());
    put(places, p);
    ids.emplace_back(p.id, i);
    if (!p.locode.empty()) locodes.emplace_back(p.locode, i);
  }
  for (const auto& k : keys_) names.emplace_back(k.normalized, static_cast<std::uint32_t>(k.place));
  io::Writer w;
  w.text(std::string(snapshot_format));
  w.pods(offsets);
  w.text(places.take());
  put(w, std::move(names));
  put(w, std::move(ids));
  put(w, std::move(locodes));
  return w.take();
}

std::optional<Gazetteer> Gazetteer::deserialize(std::string_view bytes) {
  const auto layout = read_layout(bytes);
  if (!layout) return std::nullopt;
  Gazetteer g;
  io::Reader r(layout->places);
  g.places_.resize(layout->place_count);
  for (auto& p : g.places_)
    if (r.ok()) get(r, p);
  if (!r.ok() || !r.at_end()) return std::nullopt;
  g.keys_.reserve(layout->names.places.size());
  for (std::size_t k = 0; k < layout->names.places.size(); ++k)
    g.keys_.push_back({std::string(layout->names.text(k)), layout->names.places[k]});
  return g;
}

std::optional<Gazetteer> Gazetteer::deserialize_matching(std::string_view bytes, const std::string& query) {
  const auto layout = read_layout(bytes);
  if (!layout) return std::nullopt;
  std::set<std::size_t> found;
  for (auto i : layout->ids.find(query)) found.insert(i);
  for (auto i : layout->locodes.find(upper_case(query))) found.insert(i);
  if (const auto q = normalize_name(query); !q.empty())
    for (auto i : layout->names.find(q)) found.insert(i);
  Gazetteer g;
  for (auto i : found) {
    auto p = place_at(*layout, i);
    if (!p) return std::nullopt;
    g.places_.push_back(std::move(*p));
  }
  g.index_names();
  return g;
}

Gazetteer Gazetteer::load(const std::string& path, const io::SnapshotOptions& options, io::SnapshotOutcome* outcome) {
  Gazetteer g;
  const auto o = io::load_file_through_snapshot(
      path, snapshot_format, options,
      [&g](std::string_view payload) {
        auto stored = deserialize(payload);
        if (stored) g = std::move(*stored);
        return stored.has_value();
      },
      [&g, &path] {
        g = load(path);
        return g.serialize();
      });
  if (outcome) *outcome = o;
  return g;
}

Gazetteer Gazetteer::load_matching(const std::string& path, const std::string& query, const io::SnapshotOptions& options,
                                   io::SnapshotOutcome* outcome) {
  Gazetteer g;
  const auto o = io::load_file_through_snapshot(
      path, snapshot_format, options,
      [&](std::string_view payload) {
        auto stored = deserialize_matching(payload, query);
        if (stored) g = std::move(*stored);
        return stored.has_value();
      },
      [&] {
        const auto all = load(path);
        g = all.matching(query);
        return all.serialize();
      });
  if (outcome) *outcome = o;
  return g;
}

Gazetteer Gazetteer::matching(const std::string& query) const {
  Gazetteer g;
  auto found = exact(query);
  std::sort(found.begin(), found.end());  // in file order, as deserialize_matching gives them
  for (auto i : found) g.places_.push_back(places_[i]);
  g.index_names();
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
  const auto upper = upper_case(query);
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
