#include "io/dataset_snapshot.hpp"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <array>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <type_traits>

#include "io/atomic_output.hpp"
#include "io/binary_io.hpp"
#include "io/dataset_reader.hpp"

#define XXH_INLINE_ALL  // header only: no shared library to load at start
#include <xxhash.h>

namespace silkroute::io {

namespace {

namespace fs = std::filesystem;

// Bump when the layout below changes (the build id changes too, but a rebuild that keeps the
// same bytes of this code must still never read an older layout).
constexpr std::string_view kFormat = "silkroute dataset snapshot 11";  // 2: links carry their seasonal closures; 3: and their shapes; 4: import clearance; 5: rail services; 6: feeder ports; 7: transit clearance; 8: air connection time; 9: road crews; 10: links' closed_year; 11: feeder ports' direct services
constexpr std::array<char, 8> kMagic = {'S', 'R', 'S', 'N', 'A', 'P', '0', '2'};  // 02: a stat stamp
constexpr std::size_t kHeaderBytes = 8 + 16 + 8 + 8 + 8;  // magic, key, stamp size, payload size, hash of both
constexpr std::size_t kMaxSnapshots = 64;              // per cache folder; the oldest go first

// The GNU build id of the loaded object (executable or shared library) that holds this code:
// a hash of the linked bytes, so any change to the reader, the validation or the defaults
// gives a new key.
std::string own_build_id() {
  struct Search {
    std::uintptr_t address;
    std::string id;
  } search{reinterpret_cast<std::uintptr_t>(&own_build_id), {}};
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* data) -> int {
        auto& s = *static_cast<Search*>(data);
        bool holds = false;
        for (int i = 0; i < info->dlpi_phnum && !holds; ++i) {
          const auto& ph = info->dlpi_phdr[i];
          const auto start = info->dlpi_addr + ph.p_vaddr;
          holds = ph.p_type == PT_LOAD && s.address >= start && s.address < start + ph.p_memsz;
        }
        if (!holds) return 0;
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const auto& ph = info->dlpi_phdr[i];
          if (ph.p_type != PT_NOTE) continue;
          const std::size_t align = ph.p_align == 8 ? 8 : 4;
          const auto round = [align](std::size_t n) { return (n + align - 1) / align * align; };
          const auto* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
          const auto* end = p + ph.p_memsz;
          while (p + sizeof(ElfW(Nhdr)) <= end) {
            ElfW(Nhdr) note;
            std::memcpy(&note, p, sizeof note);
            const char* name = p + sizeof note;
            const char* desc = name + round(note.n_namesz);
            if (desc + note.n_descsz > end) break;
            if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
              s.id.assign(desc, note.n_descsz);
              return 1;
            }
            p = desc + round(note.n_descsz);
          }
        }
        return 1;
      },
      &search);
  return search.id;
}

const std::string& build_id() {
  static const std::string id = own_build_id();  // fixed for the life of the process
  return id;
}

void put(Writer& w, const std::vector<std::string>& v) {
  w.count(v.size());
  for (const auto& s : v) w.text(s);
}
void get(Reader& r, std::vector<std::string>& v) {
  v.resize(r.count(4));
  for (auto& s : v) s = r.text();
}
void put(Writer& w, CarrierPattern p) {
  w.pod(p.mode);
  w.pod(p.gauge_mm);
}
void get(Reader& r, CarrierPattern& p) {
  p.mode = r.enumerator<Mode>();
  p.gauge_mm = r.pod<int>();
}

// One pair of functions per table; a field added to network.hpp must be added to both
// (DatasetSnapshot.KeepsEveryFieldOfTheEmbeddedNetwork compares every field).
void put(Writer& w, const Node& n) {
  w.text(n.id);
  w.text(n.name);
  put(w, n.alt_names);
  w.text(n.country);
  w.pod(n.position.lon);
  w.pod(n.position.lat);
  w.pod(n.kind);
  w.text(n.locode);
  w.pod(n.opened_year);
  w.text(n.project);
  w.text(n.source);
}
void get(Reader& r, Node& n) {
  n.id = r.text();
  n.name = r.text();
  get(r, n.alt_names);
  n.country = r.text();
  n.position.lon = r.pod<double>();
  n.position.lat = r.pod<double>();
  n.kind = r.enumerator<NodeKind>();
  n.locode = r.text();
  n.opened_year = r.pod<int>();
  n.project = r.text();
  n.source = r.text();
}

void put(Writer& w, const Link& l) {
  w.text(l.id);
  w.pod(l.from);
  w.pod(l.to);
  w.pod(l.mode);
  w.pod(l.gauge_mm);
  w.pod(l.length_km);
  w.optional_number(l.speed_kmh);
  w.optional_number(l.time_h);
  w.optional_number(l.cost_usd_per_teu_km);
  w.pod(l.departures_per_week);
  put(w, l.corridors);
  w.text(l.chokepoint);
  w.pod(l.opened_year);
  w.pod(l.closed_year);
  w.text(l.project);
  w.text(l.source);
  w.pod(l.closed_months);
  w.count(l.vertices.size());
  for (const auto& v : l.vertices) {
    w.pod(v.lon);
    w.pod(v.lat);
  }
}
void get(Reader& r, Link& l, std::size_t node_count) {
  l.id = r.text();
  l.from = r.pod<NodeIndex>();
  l.to = r.pod<NodeIndex>();
  if (l.from < 0 || l.to < 0 || static_cast<std::size_t>(l.from) >= node_count ||
      static_cast<std::size_t>(l.to) >= node_count)
    l.from = l.to = kNoNode;
  l.mode = r.enumerator<Mode>();
  l.gauge_mm = r.pod<int>();
  l.length_km = r.pod<double>();
  l.speed_kmh = r.optional_number();
  l.time_h = r.optional_number();
  l.cost_usd_per_teu_km = r.optional_number();
  l.departures_per_week = r.pod<double>();
  get(r, l.corridors);
  l.chokepoint = r.text();
  l.opened_year = r.pod<int>();
  l.closed_year = r.pod<int>();
  l.project = r.text();
  l.source = r.text();
  l.closed_months = r.pod<std::uint16_t>();
  l.vertices.resize(r.count(2 * sizeof(double)));
  for (auto& v : l.vertices) {
    v.lon = r.pod<double>();
    v.lat = r.pod<double>();
  }
}

void put(Writer& w, const Transfer& t) {
  w.pod(t.node);
  put(w, t.a);
  put(w, t.b);
  w.pod(t.dwell_h);
  w.pod(t.cost_usd);
  w.pod(t.opened_year);
  w.text(t.project);
  w.text(t.source);
}
void get(Reader& r, Transfer& t) {
  t.node = r.pod<NodeIndex>();
  get(r, t.a);
  get(r, t.b);
  t.dwell_h = r.pod<double>();
  t.cost_usd = r.pod<double>();
  t.opened_year = r.pod<int>();
  t.project = r.text();
  t.source = r.text();
}

void put(Writer& w, const Country& c) {
  w.text(c.iso3);
  w.text(c.name);
  w.text(c.customs_union);
  w.pod(c.union_since_year);
}
void get(Reader& r, Country& c) {
  c.iso3 = r.text();
  c.name = r.text();
  c.customs_union = r.text();
  c.union_since_year = r.pod<int>();
}

void put(Writer& w, const BorderRule& b) {
  w.text(b.country_a);
  w.text(b.country_b);
  w.pod<std::uint8_t>(b.mode.has_value());
  if (b.mode) w.pod(*b.mode);
  w.pod(b.dwell_h);
  w.pod(b.fee_usd);
  w.text(b.source);
}
void get(Reader& r, BorderRule& b) {
  b.country_a = r.text();
  b.country_b = r.text();
  if (r.pod<std::uint8_t>()) b.mode = r.enumerator<Mode>();
  b.dwell_h = r.pod<double>();
  b.fee_usd = r.pod<double>();
  b.source = r.text();
}

void put(Writer& w, const Agreement& a) {
  w.text(a.id);
  w.text(a.kind);
  w.text(a.country_a);
  w.text(a.country_b);
  w.pod(a.dwell_factor);
  w.pod(a.fee_factor);
  w.pod(a.year);
  w.text(a.source);
}
void get(Reader& r, Agreement& a) {
  a.id = r.text();
  a.kind = r.text();
  a.country_a = r.text();
  a.country_b = r.text();
  a.dwell_factor = r.pod<double>();
  a.fee_factor = r.pod<double>();
  a.year = r.pod<int>();
  a.source = r.text();
}

void put(Writer& w, const ModeParams& m) {
  w.pod(m.speed_kmh);
  w.pod(m.cost_usd_per_teu_km);
  w.pod(m.co2_kg_per_teu_km);
  w.pod(m.handling_h);
  w.pod(m.handling_cost_usd);
  w.text(m.source);
}
void get(Reader& r, ModeParams& m) {
  m.speed_kmh = r.pod<double>();
  m.cost_usd_per_teu_km = r.pod<double>();
  m.co2_kg_per_teu_km = r.pod<double>();
  m.handling_h = r.pod<double>();
  m.handling_cost_usd = r.pod<double>();
  m.source = r.text();
}

void put(Writer& w, const CargoClass& c) {
  w.text(c.id);
  w.text(c.name);
  w.pod(c.value_usd_per_teu);
  w.pod(c.time_cost_pct_per_day);
  w.pod(c.cost_factor);
  w.count(c.excluded_modes.size());
  for (auto m : c.excluded_modes) w.pod(m);
  w.text(c.source);
}
void get(Reader& r, CargoClass& c) {
  c.id = r.text();
  c.name = r.text();
  c.value_usd_per_teu = r.pod<double>();
  c.time_cost_pct_per_day = r.pod<double>();
  c.cost_factor = r.pod<double>();
  c.excluded_modes.resize(r.count(1));
  for (auto& m : c.excluded_modes) m = r.enumerator<Mode>();
  c.source = r.text();
}

void put(Writer& w, const Capacity& c) {
  w.pod(c.element);
  w.text(c.id);
  w.pod(c.value);
  w.pod(c.unit);
  w.pod(c.year);
  w.text(c.source);
}
void get(Reader& r, Capacity& c) {
  c.element = r.enumerator<CapacityElement>();
  c.id = r.text();
  c.value = r.pod<double>();
  c.unit = r.enumerator<CapacityUnit>();
  c.year = r.pod<int>();
  c.source = r.text();
}

void put(Writer& w, const TimeModel& tm) {
  w.pod<std::uint8_t>(tm.structured);
  for (const auto& p : tm.params) {
    w.pod(p.value);
    w.pod(p.prior);
    w.pod(p.lower);
    w.pod(p.upper);
    w.pod<std::uint8_t>(p.fitted);
    w.text(p.unit);
    w.text(p.source);
  }
  // Unordered maps in key order, so that the same tables give the same bytes.
  const auto sorted = [](const auto& map) {
    std::vector<std::pair<std::string, typename std::decay_t<decltype(map)>::mapped_type>> items(map.begin(), map.end());
    std::sort(items.begin(), items.end());
    return items;
  };
  w.count(tm.country_region.size());
  for (const auto& [country, region] : sorted(tm.country_region)) {
    w.text(country);
    w.pod(region);
  }
  w.count(tm.link_class.size());
  for (auto c : tm.link_class) w.pod(c);
  w.count(tm.crossing_dwell_h.size());
  for (const auto& [link, dwell] : sorted(tm.crossing_dwell_h)) {
    w.text(link);
    w.pod(dwell);
  }
  w.count(tm.import_clearance_h.size());
  for (const auto& [key, hours] : sorted(tm.import_clearance_h)) {
    w.text(key);
    w.pod(hours);
  }
  w.count(tm.transit_clearance.size());
  for (const auto& [key, via] : sorted(tm.transit_clearance)) {
    w.text(key);
    w.text(via);
  }
  w.count(tm.rail_service_rule.size());
  for (const auto& [key, service] : sorted(tm.rail_service_rule)) {
    w.text(key);
    w.pod(service);
  }
  w.count(tm.road_crew_rule.size());
  for (const auto& [key, rule] : sorted(tm.road_crew_rule)) {
    w.text(key);
    w.pod(rule.crew);
    w.pod(rule.min_km);
  }
  w.count(tm.feeder_ports.size());
  for (const auto& [port, feeder] : sorted(tm.feeder_ports)) {
    w.text(port);
    w.text(feeder.hub);
    w.pod(feeder.departures_per_week);
    w.pod(feeder.direct_regions);
  }
}
void get(Reader& r, TimeModel& tm) {
  tm.structured = r.pod<std::uint8_t>() != 0;
  for (auto& p : tm.params) {
    p.value = r.pod<double>();
    p.prior = r.pod<double>();
    p.lower = r.pod<double>();
    p.upper = r.pod<double>();
    p.fitted = r.pod<std::uint8_t>() != 0;
    p.unit = r.text();
    p.source = r.text();
  }
  for (auto n = r.count(5); n > 0; --n) {
    auto country = r.text();
    tm.country_region[std::move(country)] = r.enumerator<Region>();
  }
  tm.link_class.resize(r.count(1));
  for (auto& c : tm.link_class) c = r.enumerator<LineClass>();
  for (auto n = r.count(12); n > 0; --n) {
    auto link = r.text();
    tm.crossing_dwell_h[std::move(link)] = r.pod<double>();
  }
  for (auto n = r.count(12); n > 0; --n) {
    auto key = r.text();
    tm.import_clearance_h[std::move(key)] = r.pod<double>();
  }
  for (auto n = r.count(8); n > 0; --n) {
    auto key = r.text();
    tm.transit_clearance[std::move(key)] = r.text();
  }
  for (auto n = r.count(2); n > 0; --n) {
    auto key = r.text();
    tm.rail_service_rule[std::move(key)] = r.enumerator<RailService>();
  }
  for (auto n = r.count(4 + 1 + 8); n > 0; --n) {
    auto key = r.text();
    auto& rule = tm.road_crew_rule[std::move(key)];
    rule.crew = r.enumerator<RoadCrew>();
    rule.min_km = r.pod<double>();
  }
  for (auto n = r.count(14); n > 0; --n) {
    auto port = r.text();
    auto& feeder = tm.feeder_ports[std::move(port)];
    feeder.hub = r.text();
    feeder.departures_per_week = r.pod<double>();
    feeder.direct_regions = r.pod<std::uint16_t>();
  }
}

template <typename T>
void put_all(Writer& w, const std::vector<T>& items) {
  w.count(items.size());
  for (const auto& item : items) put(w, item);
}
template <typename T, typename... Extra>
void get_all(Reader& r, std::vector<T>& items, std::size_t min_bytes, Extra... extra) {
  items.resize(r.count(min_bytes));
  for (auto& item : items)
    if (r.ok()) get(r, item, extra...);
}

std::string hex(std::uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = kDigits[v & 15];
  return s;
}

// Keeps the cache folder bounded: one snapshot per dataset folder and reader build, at most
// kMaxSnapshots.
void prune(const fs::path& folder) {
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> snapshots;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".snap" && it->path().filename().string().front() != '.') snapshots.emplace_back(it->last_write_time(ec), it->path());
  if (snapshots.size() > kMaxSnapshots) {
    std::sort(snapshots.begin(), snapshots.end());
    for (std::size_t i = 0; i + kMaxSnapshots < snapshots.size(); ++i) fs::remove(snapshots[i].second, ec);
  }
  // A routing snapshot (routing/routing_snapshot.hpp) goes with its dataset snapshot.
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    auto sibling = it->path();
    if (sibling.extension() != ".routing") continue;
    sibling.replace_extension(".snap");
    if (!fs::exists(sibling, ec)) fs::remove(it->path(), ec);
  }
}

}  // namespace

SnapshotOptions SnapshotOptions::from_environment() {
  SnapshotOptions o;
  if (const char* dir = std::getenv("SILKROUTE_CACHE_DIR")) {
    if (std::string_view(dir) != "off") o.cache_dir = dir;
  } else if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') {
    o.cache_dir = std::string(xdg) + "/silkroute";
  } else if (const char* home = std::getenv("HOME"); home && *home == '/') {
    o.cache_dir = std::string(home) + "/.cache/silkroute";
  }
  return o;
}

std::string serialize_network(const Network& net) {
  Writer w;
  w.text(std::string(kFormat));
  put_all(w, net.nodes);
  put_all(w, net.links);
  put_all(w, net.transfers);
  put_all(w, net.countries);
  put_all(w, net.border_rules);
  put_all(w, net.agreements);
  w.count(net.mode_params.size());
  for (const auto& [mode, params] : net.mode_params) {
    w.pod(mode);
    put(w, params);
  }
  put_all(w, net.cargo_classes);
  put_all(w, net.capacities);
  put(w, net.time_model);
  return w.take();
}

std::optional<Network> deserialize_network(std::string_view bytes) {
  Reader r(bytes);
  if (r.text() != kFormat) return std::nullopt;
  Network net;
  get_all(r, net.nodes, 40);
  get_all(r, net.links, 60, net.nodes.size());
  get_all(r, net.transfers, 40);
  get_all(r, net.countries, 16);
  get_all(r, net.border_rules, 29);
  get_all(r, net.agreements, 40);
  for (auto n = r.count(45); n > 0 && r.ok(); --n) {
    const auto mode = r.enumerator<Mode>();
    get(r, net.mode_params[mode]);
  }
  get_all(r, net.cargo_classes, 40);
  get_all(r, net.capacities, 22);
  get(r, net.time_model);
  if (!r.ok() || !r.at_end()) return std::nullopt;
  for (const auto& l : net.links)
    if (l.from == kNoNode) return std::nullopt;
  for (const auto& t : net.transfers)
    if (t.node < 0 || static_cast<std::size_t>(t.node) >= net.nodes.size()) return std::nullopt;
  if (!net.time_model.link_class.empty() && net.time_model.link_class.size() != net.links.size()) return std::nullopt;
  net.finalize();
  return net;
}

namespace {

// The dataset folder's CSV files, sorted by name; nullopt when the folder cannot be listed.
std::optional<std::vector<std::string>> csv_names(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (name.size() > 4 && name.ends_with(".csv") && it->is_regular_file(ec)) names.push_back(name);
  }
  if (ec) return std::nullopt;
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<SnapshotKey> content_key(const std::string& dir, const std::vector<std::string>& names,
                                       std::string_view format) {
  const auto& id = build_id();
  if (id.empty()) return std::nullopt;
  XXH3_state_t state;
  XXH3_128bits_reset(&state);
  const auto feed = [&state](std::string_view bytes) {
    const std::uint64_t size = bytes.size();
    XXH3_128bits_update(&state, &size, sizeof size);
    XXH3_128bits_update(&state, bytes.data(), bytes.size());
  };
  feed(format);
  feed(id);
  for (const auto& name : names) {
    const MappedFile content((fs::path(dir) / name).string());
    if (!content.ok()) return std::nullopt;
    feed(name);
    feed(content.bytes());
  }
  const auto h = XXH3_128bits_digest(&state);
  return SnapshotKey{h.low64, h.high64};
}

// What stat(2) says of the CSV files: name, size, modification and change times (ns), inode
// and device. A snapshot keeps the stamp its key was hashed under, and a run whose stamp is the
// same byte for byte takes the stored key without reading the files (as make, ninja, git and
// ccache trust a file's stat). `settled`: every file's times are older than the margin, so an
// edit after the stamp was taken gets a later time even on a coarse file-system clock (git's
// "racy" entries); a stamp is only kept when it is settled.
struct StatStamp {
  std::string bytes;
  bool settled = false;
};

std::int64_t nanoseconds(const struct timespec& t) { return std::int64_t{t.tv_sec} * 1'000'000'000 + t.tv_nsec; }

std::optional<StatStamp> stat_stamp(const std::string& dir, const std::vector<std::string>& names,
                                    std::chrono::seconds settle) {
  struct timespec now {};
  ::clock_gettime(CLOCK_REALTIME, &now);  // before the stats: a later edit is later than this
  const auto settled_before = nanoseconds(now) - std::int64_t{settle.count()} * 1'000'000'000;
  StatStamp stamp;
  stamp.settled = true;  // a margin of 0 (tests) trusts every stamp
  Writer w;
  w.text(build_id());
  w.count(names.size());
  for (const auto& name : names) {
    struct stat st {};
    if (::stat((fs::path(dir) / name).c_str(), &st) != 0) return std::nullopt;
    const auto mtime = nanoseconds(st.st_mtim), ctime = nanoseconds(st.st_ctim);
    stamp.settled = stamp.settled && (settle.count() <= 0 || (mtime < settled_before && ctime < settled_before));
    w.text(name);
    w.pod<std::int64_t>(st.st_size);
    w.pod(mtime);
    w.pod(ctime);
    w.pod<std::uint64_t>(st.st_ino);
    w.pod<std::uint64_t>(st.st_dev);
  }
  stamp.bytes = w.take();
  return stamp;
}

// The snapshot file: header, the stat stamp its key was taken under (empty: none), the payload.
struct SnapshotFile {
  SnapshotKey key;
  std::string_view stamp;
  std::string_view payload;
};

std::optional<SnapshotFile> parse_snapshot(std::string_view all) {
  if (all.size() < kHeaderBytes || std::memcmp(all.data(), kMagic.data(), kMagic.size()) != 0) return std::nullopt;
  SnapshotFile f;
  std::uint64_t stamp_size = 0, payload_size = 0, hash = 0;
  std::memcpy(&f.key.low, all.data() + 8, 8);
  std::memcpy(&f.key.high, all.data() + 16, 8);
  std::memcpy(&stamp_size, all.data() + 24, 8);
  std::memcpy(&payload_size, all.data() + 32, 8);
  std::memcpy(&hash, all.data() + 40, 8);
  const auto rest = all.substr(kHeaderBytes);
  if (stamp_size > rest.size() || payload_size != rest.size() - stamp_size) return std::nullopt;
  if (XXH3_64bits(rest.data(), rest.size()) != hash) return std::nullopt;
  f.stamp = rest.substr(0, stamp_size);
  f.payload = rest.substr(stamp_size);
  return f;
}

void write_snapshot(const std::string& path, const SnapshotOptions& options, const SnapshotKey& key,
                    std::string_view stamp, std::string_view payload) {
  std::string file(kMagic.begin(), kMagic.end());
  std::string rest;
  rest.reserve(stamp.size() + payload.size());
  rest.append(stamp);
  rest.append(payload);
  const std::uint64_t stamp_size = stamp.size(), payload_size = payload.size(),
                      hash = XXH3_64bits(rest.data(), rest.size());
  file.append(reinterpret_cast<const char*>(&key.low), 8);
  file.append(reinterpret_cast<const char*>(&key.high), 8);
  file.append(reinterpret_cast<const char*>(&stamp_size), 8);
  file.append(reinterpret_cast<const char*>(&payload_size), 8);
  file.append(reinterpret_cast<const char*>(&hash), 8);
  file += rest;
  std::error_code ec;
  fs::create_directories(options.cache_dir, ec);
  write_text_file(path, file, true);
  prune(options.cache_dir);
}

// The common path of load_dataset and load_file_through_snapshot: a snapshot at `path` keyed by
// the files `list` names in `dir` (and this build and `format`) is given to `use` when current;
// else `parse` reads the files (throwing on bad input: nothing is written then) and its payload
// is written when the files did not change while they were read.
SnapshotOutcome through_snapshot(const std::string& dir, const std::function<std::optional<std::vector<std::string>>()>& list,
                                 std::string_view format,
                                 const std::string& path, const SnapshotOptions& options,
                                 const std::function<bool(std::string_view)>& use,
                                 const std::function<std::string()>& parse, SnapshotKey* key_out) {
  const auto names = list();
  if (!names) {
    parse();
    return SnapshotOutcome::disabled;
  }
  // The stamp is taken before the files are hashed, so that it never describes newer files
  // than the key does.
  const auto stamp = stat_stamp(dir, *names, options.settle);
  std::optional<SnapshotKey> key;
  if (const MappedFile file(path); file.ok()) {
    if (const auto stored = parse_snapshot(file.bytes())) {
      const bool unchanged = stamp && !stored->stamp.empty() && stored->stamp == stamp->bytes;
      key = unchanged ? stored->key : content_key(dir, *names, format);
      if (key == stored->key && use(stored->payload)) {
        if (key_out) *key_out = *key;
        // Same contents under new times (a checkout, a copy), or files that have settled since
        // the snapshot was written: keep the stamp, so the next run need not read them.
        if (!unchanged && stamp && stamp->settled) {
          try {
            write_snapshot(path, options, *key, stamp->bytes, stored->payload);
          } catch (const std::exception&) {
          }  // a read-only cache: the next run reads the files again
        }
        return unchanged ? SnapshotOutcome::hit_by_stat : SnapshotOutcome::hit;
      }
    }
  }
  if (!key) key = content_key(dir, *names, format);
  const auto payload = parse();  // DatasetError on bad files: nothing is written then
  // The files may have changed while they were read: write only what the key describes.
  if (!key) return SnapshotOutcome::disabled;
  const auto now = list();
  if (!now || content_key(dir, *now, format) != key) return SnapshotOutcome::rebuilt_not_written;
  try {
    write_snapshot(path, options, *key, stamp && stamp->settled ? std::string_view(stamp->bytes) : std::string_view(), payload);
    if (key_out) *key_out = *key;
    return SnapshotOutcome::written;
  } catch (const std::exception&) {
    return SnapshotOutcome::rebuilt_not_written;  // a read-only cache: the answer is the same
  }
}

}  // namespace

std::optional<SnapshotKey> dataset_snapshot_key(const std::string& dir) {
  const auto names = csv_names(dir);
  return names ? content_key(dir, *names, kFormat) : std::nullopt;
}

std::string snapshot_path(const std::string& dir, const SnapshotOptions& options) {
  std::error_code ec;
  auto absolute = fs::absolute(dir, ec).lexically_normal().string();
  while (absolute.size() > 1 && absolute.back() == '/') absolute.pop_back();
  // One file per dataset folder and per reader build: `silkroute` and `silkroute-serve` (and
  // the Python module, the tests) each hold a copy of this reader, with its own build id in
  // the key; with one file per folder each replaced the other's, and a route after a server
  // start read the CSV files again.
  absolute += '\0';
  absolute += build_id();
  const auto name = "dataset-" + hex(XXH3_64bits(absolute.data(), absolute.size())) + ".snap";
  return (fs::path(options.cache_dir) / name).string();
}

Network load_dataset(const std::string& dir, const SnapshotOptions& options, SnapshotOutcome* outcome,
                     SnapshotKey* key_out) {
  const auto report = [outcome](SnapshotOutcome o) {
    if (outcome) *outcome = o;
  };
  if (options.cache_dir.empty() || build_id().empty()) {
    report(SnapshotOutcome::disabled);
    return read_dataset(dir);
  }
  Network net;
  report(through_snapshot(
      dir, [&dir] { return csv_names(dir); }, kFormat, snapshot_path(dir, options), options,
      [&](std::string_view payload) {
        auto stored = deserialize_network(payload);
        if (!stored) return false;
        net = std::move(*stored);
        net.source_dir = dir;
        return true;
      },
      [&] {
        net = read_dataset(dir);
        return serialize_network(net);
      },
      key_out));
  return net;
}

std::string file_snapshot_path(const std::string& path, std::string_view format, const SnapshotOptions& options) {
  std::error_code ec;
  auto key = fs::absolute(path, ec).lexically_normal().string();
  key += '\0';
  key += format;
  key += '\0';
  key += build_id();
  return (fs::path(options.cache_dir) / ("file-" + hex(XXH3_64bits(key.data(), key.size())) + ".snap")).string();
}

SnapshotOutcome load_file_through_snapshot(const std::string& path, std::string_view format, const SnapshotOptions& options,
                                           const std::function<bool(std::string_view)>& use,
                                           const std::function<std::string()>& parse) {
  if (options.cache_dir.empty() || build_id().empty()) {
    parse();
    return SnapshotOutcome::disabled;
  }
  const fs::path file(path);
  const auto dir = file.has_parent_path() ? file.parent_path().string() : std::string(".");
  const auto names = [name = file.filename().string()] { return std::optional<std::vector<std::string>>({name}); };
  return through_snapshot(dir, names, format, file_snapshot_path(path, format, options), options, use, parse, nullptr);
}

}  // namespace silkroute::io
