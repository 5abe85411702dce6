#include "routing/routing_snapshot.hpp"

#include <array>
#include <cstring>
#include <filesystem>

#include "io/atomic_output.hpp"
#include "io/binary_io.hpp"

#define XXH_INLINE_ALL  // header only, as in the dataset snapshot
#include <xxhash.h>

namespace silkroute {

namespace {

using io::Reader;
using io::Writer;

// Bump when the layout below changes. A field added to Topology, Metric, LinkCost, BorderCost
// or Metric::TransitRule must be written and read here: these sizes stop the build until it is
// (the types of the fields written as raw arrays are trivially copyable, so a field added to
// Metrics or StateEdge travels by itself).
constexpr std::string_view kFormat = "silkroute routing snapshot 2";
constexpr std::array<char, 8> kMagic = {'S', 'R', 'R', 'O', 'U', 'T', '0', '1'};
static_assert(sizeof(Topology) == 14 * 24 + 2 * 8, "a Topology field was added: write and read it in routing_snapshot.cpp");
static_assert(sizeof(Metric) == 15 * 24 + sizeof(Weighting), "a Metric field was added: write and read it in routing_snapshot.cpp");
static_assert(sizeof(LinkCost) == sizeof(Metrics) + 4 * 8 + sizeof(std::optional<BorderCost>),
              "a LinkCost field was added: write and read it in routing_snapshot.cpp");
static_assert(sizeof(BorderCost) == 3 * sizeof(std::string) + 2 * 8 + 24,
              "a BorderCost field was added: write and read it in routing_snapshot.cpp");
static_assert(sizeof(Metric::TransitRule) == 16 + sizeof(std::string) + sizeof(Metrics) + 8,
              "a Metric::TransitRule field was added: write and read it in routing_snapshot.cpp");

void put_texts(Writer& w, const std::vector<std::string>& v) {
  w.count(v.size());
  for (const auto& s : v) w.text(s);
}
void get_texts(Reader& r, std::vector<std::string>& v) {
  v.resize(r.count(4));
  for (auto& s : v) s = r.text();
}

// Whether every index of `v` lies in [0, n).
template <typename T>
bool indices_below(const std::vector<T>& v, std::size_t n) {
  for (const auto i : v)
    if (i < 0 || static_cast<std::size_t>(i) >= n) return false;
  return true;
}

// A CSR offsets array: size n + 1, from 0, never decreasing, ending at `total`.
bool offsets_of(const std::vector<std::int32_t>& first, std::size_t n, std::size_t total) {
  if (first.size() != n + 1 || first.front() != 0 || static_cast<std::size_t>(first.back()) != total) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (first[i] > first[i + 1]) return false;
  return true;
}

}  // namespace

std::string serialize_topology(const Topology& t) {
  Writer w;
  w.pods(t.state_node);
  w.pods(t.state_carrier);
  w.pods(t.node_first_state);
  w.pods(t.node_states);
  w.pod<std::uint64_t>(t.through_states);
  w.pods(t.state_twin);
  w.pods(t.first_edge);
  w.pods(t.edges);
  w.pods(t.edge_from);
  w.pods(t.link_first_edge);
  w.pods(t.link_edge_list);
  w.pods(t.first_in_edge);
  w.pods(t.in_edges);
  w.pods(t.change_first);
  w.pods(t.change_transfers);
  return w.take();
}

std::shared_ptr<const Topology> deserialize_topology(std::string_view bytes, const Network& net) {
  Reader r(bytes);
  auto t = std::make_shared<Topology>();
  t->network_identity = net.identity();
  r.pods(t->state_node);
  r.pods(t->state_carrier);
  r.pods(t->node_first_state);
  r.pods(t->node_states);
  t->through_states = r.pod<std::uint64_t>();
  r.pods(t->state_twin);
  r.pods(t->first_edge);
  r.pods(t->edges);
  r.pods(t->edge_from);
  r.pods(t->link_first_edge);
  r.pods(t->link_edge_list);
  r.pods(t->first_in_edge);
  r.pods(t->in_edges);
  r.pods(t->change_first);
  r.pods(t->change_transfers);
  if (!r.ok() || !r.at_end()) return nullptr;
  // The hash guards against damage; these guard the searches' indexing against anything else.
  const auto states = t->state_node.size(), edges = t->edges.size();
  if (t->state_carrier.size() != states || t->state_twin.size() != states || t->through_states > states ||
      t->edge_from.size() != edges || t->in_edges.size() != edges || !offsets_of(t->first_edge, states, edges) ||
      !offsets_of(t->first_in_edge, states, edges) || !offsets_of(t->node_first_state, net.nodes.size(), t->node_states.size()) ||
      !offsets_of(t->link_first_edge, net.links.size(), t->link_edge_list.size()) ||
      t->change_first.empty() || !offsets_of(t->change_first, t->change_first.size() - 1, t->change_transfers.size()) ||
      !indices_below(t->state_node, net.nodes.size()) || !indices_below(t->node_states, states) ||
      !indices_below(t->edge_from, states) || !indices_below(t->link_edge_list, edges) || !indices_below(t->in_edges, edges) ||
      !indices_below(t->change_transfers, net.transfers.size()))
    return nullptr;
  for (std::size_t s = 0; s < states; ++s)
    if (t->state_twin[s] < -1 || t->state_twin[s] >= static_cast<StateIndex>(states) ||
        static_cast<std::size_t>(t->state_carrier[s].mode) >= EnumNames<Mode>::names.size())
      return nullptr;
  for (const auto& e : t->edges) {
    const auto refs = is_link_edge(e.kind) ? net.links.size() : t->change_first.size() - 1;
    if (e.to < 0 || static_cast<std::size_t>(e.to) >= states || e.ref < 0 || static_cast<std::size_t>(e.ref) >= refs ||
        static_cast<unsigned>(e.kind) > static_cast<unsigned>(EdgeKind::carrier_change))
      return nullptr;
  }
  return t;
}

std::string serialize_metric(const Metric& m) {
  Writer w;
  w.pod(m.weighting);
  w.pods(m.edge_weight);
  w.pods(m.edge_metrics);
  w.pods(m.edge_transfer);
  w.count(m.link_cost.size());
  for (const auto& c : m.link_cost) {
    w.pod(c.running);
    w.pod(c.wait_h);
    w.pod(c.booked_wait_h);
    w.pod(c.rest_h);
    w.pod(c.call_h);
    w.pod<std::uint8_t>(c.border.has_value());
    if (!c.border) continue;
    const auto& b = *c.border;
    w.text(b.from_country);
    w.text(b.to_country);
    w.pod(b.dwell_h);
    w.pod(b.fee_usd);
    w.text(b.regime);
    put_texts(w, b.agreements);
  }
  w.pods(m.state_handling);
  w.pods(m.state_handling_weight);
  w.pods(m.state_dispatch);
  w.pods(m.state_origin_weight);
  w.pods(m.node_territory);
  w.pods(m.state_import);
  w.pods(m.state_import_weight);
  w.count(m.transit_rules.size());
  for (const auto& rule : m.transit_rules) {
    w.pod(rule.origin_territory);
    w.pod(rule.destination_territory);
    w.pod(rule.mode);
    w.text(rule.territory);
    w.pod(rule.metrics);
    w.pod(rule.weight);
  }
  w.pods(m.state_transship);
  w.pods(m.state_transship_weight);
  w.pods(m.state_feeder_hub);
  return w.take();
}

std::shared_ptr<const Metric> deserialize_metric(std::string_view bytes, const Network& net, const Topology& t) {
  Reader r(bytes);
  auto m = std::make_shared<Metric>();
  m->weighting = r.pod<Weighting>();
  if (static_cast<std::size_t>(m->weighting.objective) >= EnumNames<Objective>::names.size()) return nullptr;
  r.pods(m->edge_weight);
  r.pods(m->edge_metrics);
  r.pods(m->edge_transfer);
  m->link_cost.resize(r.count(sizeof(Metrics) + 4 * 8 + 1));
  for (auto& c : m->link_cost) {
    if (!r.ok()) break;
    c.running = r.pod<Metrics>();
    c.wait_h = r.pod<double>();
    c.booked_wait_h = r.pod<double>();
    c.rest_h = r.pod<double>();
    c.call_h = r.pod<double>();
    if (r.pod<std::uint8_t>() == 0) continue;
    auto& b = c.border.emplace();
    b.from_country = r.text();
    b.to_country = r.text();
    b.dwell_h = r.pod<double>();
    b.fee_usd = r.pod<double>();
    b.regime = r.text();
    get_texts(r, b.agreements);
  }
  r.pods(m->state_handling);
  r.pods(m->state_handling_weight);
  r.pods(m->state_dispatch);
  r.pods(m->state_origin_weight);
  r.pods(m->node_territory);
  r.pods(m->state_import);
  r.pods(m->state_import_weight);
  m->transit_rules.resize(r.count(4 + 4 + 1 + 4 + sizeof(Metrics) + 8));
  for (auto& rule : m->transit_rules) {
    rule.origin_territory = r.pod<std::int32_t>();
    rule.destination_territory = r.pod<std::int32_t>();
    rule.mode = r.enumerator<Mode>();
    rule.territory = r.text();
    rule.metrics = r.pod<Metrics>();
    rule.weight = r.pod<double>();
  }
  r.pods(m->state_transship);
  r.pods(m->state_transship_weight);
  r.pods(m->state_feeder_hub);
  if (!r.ok() || !r.at_end()) return nullptr;
  const auto edges = t.edge_count(), states = t.state_count();
  const bool sized = m->edge_weight.size() == edges && m->edge_metrics.size() == edges && m->edge_transfer.size() == edges &&
                     m->link_cost.size() == net.links.size() && m->state_handling.size() == states &&
                     m->state_handling_weight.size() == states && m->state_dispatch.size() == states &&
                     m->state_origin_weight.size() == states && m->node_territory.size() == net.nodes.size() &&
                     m->state_import.size() == states && m->state_import_weight.size() == states &&
                     m->state_transship.size() == states && m->state_transship_weight.size() == states &&
                     m->state_feeder_hub.size() == states;
  if (!sized) return nullptr;
  for (const auto row : m->edge_transfer)
    if (row < -1 || row >= static_cast<std::int32_t>(net.transfers.size())) return nullptr;
  for (const auto hub : m->state_feeder_hub)
    if (hub != kNoNode && (hub < 0 || static_cast<std::size_t>(hub) >= net.nodes.size())) return nullptr;
  return m;
}

// The mapped file, kept while its blocks are read.
struct RoutingSnapshot::Mapped {
  explicit Mapped(const std::string& path) : file(path) {}
  io::MappedFile file;
};

namespace {

// A block as stored: its key (empty: the topology), its size, the hash of its bytes, its bytes.
void put_block(Writer& w, const std::string& key, std::string_view bytes) {
  w.text(key);
  w.pod<std::uint64_t>(bytes.size());
  w.pod<std::uint64_t>(XXH3_64bits(bytes.data(), bytes.size()));
  w.bytes(bytes);
}

// A block's bytes if their hash matches (checked when the block is used, so that a run pays
// only for the blocks it reads); empty otherwise.
std::string_view checked(std::uint64_t hash, std::string_view bytes) {
  return XXH3_64bits(bytes.data(), bytes.size()) == hash ? bytes : std::string_view{};
}

}  // namespace

RoutingSnapshot::RoutingSnapshot(const std::string& path, const io::SnapshotKey& key)
    : file_(std::make_unique<Mapped>(path)) {
  const auto all = file_->file.bytes();
  Reader r(all);
  const auto magic = r.bytes(kMagic.size());
  if (!r.ok() || std::memcmp(magic.data(), kMagic.data(), kMagic.size()) != 0) return;
  const auto low = r.pod<std::uint64_t>(), high = r.pod<std::uint64_t>();
  if (r.text() != kFormat || !(io::SnapshotKey{low, high} == key) || !r.ok()) return;
  std::vector<Block> blocks;
  for (auto n = r.count(20); n > 0 && r.ok(); --n) {
    Block b;
    b.key = r.text();
    const auto size = r.pod<std::uint64_t>();
    b.hash = r.pod<std::uint64_t>();
    if (!r.ok() || size > all.size()) return;
    b.bytes = r.bytes(static_cast<std::size_t>(size));
    blocks.push_back(std::move(b));
  }
  if (!r.ok() || !r.at_end() || blocks.empty() || !blocks.front().key.empty()) return;
  topology_ = blocks.front();
  metrics_.assign(blocks.begin() + 1, blocks.end());
}

RoutingSnapshot::~RoutingSnapshot() = default;

std::shared_ptr<const Topology> RoutingSnapshot::topology(const Network& net) const {
  const auto bytes = checked(topology_.hash, topology_.bytes);
  return bytes.empty() ? nullptr : deserialize_topology(bytes, net);
}

bool RoutingSnapshot::has_metric(const std::string& key) const {
  for (const auto& b : metrics_)
    if (b.key == key) return true;
  return false;
}

std::shared_ptr<const Metric> RoutingSnapshot::metric(const std::string& key, const Network& net, const Topology& t) const {
  for (const auto& b : metrics_) {
    if (b.key != key) continue;
    const auto bytes = checked(b.hash, b.bytes);
    return bytes.empty() ? nullptr : deserialize_metric(bytes, net, t);
  }
  return nullptr;
}

bool RoutingSnapshot::write(const std::string& path, const io::SnapshotKey& key, const Topology& t,
                            const std::vector<std::pair<std::string, std::shared_ptr<const Metric>>>& metrics,
                            const RoutingSnapshot* previous) {
  Writer w;
  w.bytes(std::string_view(kMagic.data(), kMagic.size()));
  w.pod(key.low);
  w.pod(key.high);
  w.text(std::string(kFormat));
  std::vector<std::pair<std::string, std::string>> blocks;  // metrics: key, bytes
  for (const auto& [k, m] : metrics)
    if (blocks.size() < kMaxMetrics) blocks.emplace_back(k, serialize_metric(*m));
  if (previous)
    for (const auto& b : previous->metrics_) {
      if (blocks.size() >= kMaxMetrics) break;
      bool known = false;
      for (const auto& [k, bytes] : blocks) known = known || k == b.key;
      if (!known && !checked(b.hash, b.bytes).empty()) blocks.emplace_back(b.key, std::string(b.bytes));
    }
  w.count(1 + blocks.size());
  put_block(w, "", serialize_topology(t));
  for (const auto& [k, bytes] : blocks) put_block(w, k, bytes);
  try {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    io::write_text_file(path, w.take(), true);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::string routing_snapshot_path(const std::string& dataset_dir, const io::SnapshotOptions& options) {
  auto path = io::snapshot_path(dataset_dir, options);
  if (path.ends_with(".snap")) path.resize(path.size() - 5);
  return path + ".routing";
}

}  // namespace silkroute
