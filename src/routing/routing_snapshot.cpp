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
constexpr std::string_view kFormat = "silkroute routing snapshot 4";  // 4: feeder ports' direct regions
constexpr std::array<char, 8> kMagic = {'S', 'R', 'R', 'O', 'U', 'T', '0', '1'};
static_assert(sizeof(Topology) == 14 * sizeof(PodArray<int>) + 2 * 8, "a Topology field was added: write and read it in routing_snapshot.cpp");
static_assert(sizeof(Metric) == 16 * sizeof(PodArray<int>) + 2 * 24 + sizeof(Weighting), "a Metric field was added: write and read it in routing_snapshot.cpp");
static_assert(sizeof(LinkCost) == sizeof(Metrics) + 4 * 8 + sizeof(std::optional<BorderCost>),
              "a LinkCost field was added: keep it in LinkFigures (customize) and check it in the routing snapshot test");
static_assert(sizeof(LinkFigures) == sizeof(Metrics) + 5 * 8, "a LinkFigures field was added: check it in the routing snapshot test");
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
bool indices_below(const PodArray<T>& v, std::size_t n) {
  for (const auto i : v)
    if (i < 0 || static_cast<std::size_t>(i) >= n) return false;
  return true;
}

// A CSR offsets array: size n + 1, from 0, never decreasing, ending at `total`.
bool offsets_of(const PodArray<std::int32_t>& first, std::size_t n, std::size_t total) {
  if (first.size() != n + 1 || first.front() != 0 || static_cast<std::size_t>(first.back()) != total) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (first[i] > first[i + 1]) return false;
  return true;
}

}  // namespace

std::string serialize_topology(const Topology& t) {
  Writer w;
  w.aligned_pods(t.state_node);
  w.aligned_pods(t.state_carrier);
  w.aligned_pods(t.node_first_state);
  w.aligned_pods(t.node_states);
  w.pod<std::uint64_t>(t.through_states);
  w.aligned_pods(t.state_twin);
  w.aligned_pods(t.first_edge);
  w.aligned_pods(t.edges);
  w.aligned_pods(t.edge_from);
  w.aligned_pods(t.link_first_edge);
  w.aligned_pods(t.link_edge_list);
  w.aligned_pods(t.first_in_edge);
  w.aligned_pods(t.in_edges);
  w.aligned_pods(t.change_first);
  w.aligned_pods(t.change_transfers);
  return w.take();
}

std::shared_ptr<const Topology> deserialize_topology(std::string_view bytes, const Network& net,
                                                     const std::shared_ptr<const void>& keep) {
  Reader r(bytes);
  auto t = std::make_shared<Topology>();
  t->network_identity = net.identity();
  r.aligned_pods(t->state_node, keep);
  r.aligned_pods(t->state_carrier, keep);
  r.aligned_pods(t->node_first_state, keep);
  r.aligned_pods(t->node_states, keep);
  t->through_states = r.pod<std::uint64_t>();
  r.aligned_pods(t->state_twin, keep);
  r.aligned_pods(t->first_edge, keep);
  r.aligned_pods(t->edges, keep);
  r.aligned_pods(t->edge_from, keep);
  r.aligned_pods(t->link_first_edge, keep);
  r.aligned_pods(t->link_edge_list, keep);
  r.aligned_pods(t->first_in_edge, keep);
  r.aligned_pods(t->in_edges, keep);
  r.aligned_pods(t->change_first, keep);
  r.aligned_pods(t->change_transfers, keep);
  if (!r.ok() || !r.at_end()) return nullptr;
  // The hash guards against damage; these guard the searches' indexing against anything else
  // (read through a const reference: a PodArray written to would copy the view).
  const Topology& v = *t;
  const auto states = v.state_node.size(), edges = v.edges.size();
  if (v.state_carrier.size() != states || v.state_twin.size() != states || v.through_states > states ||
      v.edge_from.size() != edges || v.in_edges.size() != edges || !offsets_of(v.first_edge, states, edges) ||
      !offsets_of(v.first_in_edge, states, edges) || !offsets_of(v.node_first_state, net.nodes.size(), v.node_states.size()) ||
      !offsets_of(v.link_first_edge, net.links.size(), v.link_edge_list.size()) ||
      v.change_first.empty() || !offsets_of(v.change_first, v.change_first.size() - 1, v.change_transfers.size()) ||
      !indices_below(v.state_node, net.nodes.size()) || !indices_below(v.node_states, states) ||
      !indices_below(v.edge_from, states) || !indices_below(v.link_edge_list, edges) || !indices_below(v.in_edges, edges) ||
      !indices_below(v.change_transfers, net.transfers.size()))
    return nullptr;
  for (std::size_t s = 0; s < states; ++s)
    if (v.state_twin[s] < -1 || v.state_twin[s] >= static_cast<StateIndex>(states) ||
        static_cast<std::size_t>(v.state_carrier[s].mode) >= EnumNames<Mode>::names.size())
      return nullptr;
  for (const auto& e : v.edges) {
    const auto refs = is_link_edge(e.kind) ? net.links.size() : v.change_first.size() - 1;
    if (e.to < 0 || static_cast<std::size_t>(e.to) >= states || e.ref < 0 || static_cast<std::size_t>(e.ref) >= refs ||
        static_cast<unsigned>(e.kind) > static_cast<unsigned>(EdgeKind::carrier_change))
      return nullptr;
  }
  return t;
}

std::string serialize_metric(const Metric& m) {
  Writer w;
  w.pod(m.weighting);
  w.aligned_pods(m.edge_weight);
  w.aligned_pods(m.edge_metrics);
  w.aligned_pods(m.edge_transfer);
  w.aligned_pods(m.link_cost);
  w.count(m.link_borders.size());
  for (const auto& b : m.link_borders) {
    w.text(b.from_country);
    w.text(b.to_country);
    w.pod(b.dwell_h);
    w.pod(b.fee_usd);
    w.text(b.regime);
    put_texts(w, b.agreements);
  }
  w.aligned_pods(m.state_handling);
  w.aligned_pods(m.state_handling_weight);
  w.aligned_pods(m.state_dispatch);
  w.aligned_pods(m.state_origin_weight);
  w.aligned_pods(m.node_territory);
  w.aligned_pods(m.state_import);
  w.aligned_pods(m.state_import_weight);
  w.count(m.transit_rules.size());
  for (const auto& rule : m.transit_rules) {
    w.pod(rule.origin_territory);
    w.pod(rule.destination_territory);
    w.pod(rule.mode);
    w.text(rule.territory);
    w.pod(rule.metrics);
    w.pod(rule.weight);
  }
  w.aligned_pods(m.state_transship);
  w.aligned_pods(m.state_transship_weight);
  w.aligned_pods(m.state_feeder_hub);
  w.aligned_pods(m.state_direct_regions);
  w.aligned_pods(m.node_region_bit);
  return w.take();
}

std::shared_ptr<const Metric> deserialize_metric(std::string_view bytes, const Network& net, const Topology& t,
                                                 const std::shared_ptr<const void>& keep) {
  Reader r(bytes);
  auto m = std::make_shared<Metric>();
  m->weighting = r.pod<Weighting>();
  if (static_cast<std::size_t>(m->weighting.objective) >= EnumNames<Objective>::names.size()) return nullptr;
  r.aligned_pods(m->edge_weight, keep);
  r.aligned_pods(m->edge_metrics, keep);
  r.aligned_pods(m->edge_transfer, keep);
  r.aligned_pods(m->link_cost, keep);
  m->link_borders.resize(r.count(4 + 4 + 8 + 8 + 4 + 4));
  for (auto& b : m->link_borders) {
    if (!r.ok()) break;
    b.from_country = r.text();
    b.to_country = r.text();
    b.dwell_h = r.pod<double>();
    b.fee_usd = r.pod<double>();
    b.regime = r.text();
    get_texts(r, b.agreements);
  }
  r.aligned_pods(m->state_handling, keep);
  r.aligned_pods(m->state_handling_weight, keep);
  r.aligned_pods(m->state_dispatch, keep);
  r.aligned_pods(m->state_origin_weight, keep);
  r.aligned_pods(m->node_territory, keep);
  r.aligned_pods(m->state_import, keep);
  r.aligned_pods(m->state_import_weight, keep);
  m->transit_rules.resize(r.count(4 + 4 + 1 + 4 + sizeof(Metrics) + 8));
  for (auto& rule : m->transit_rules) {
    rule.origin_territory = r.pod<std::int32_t>();
    rule.destination_territory = r.pod<std::int32_t>();
    rule.mode = r.enumerator<Mode>();
    rule.territory = r.text();
    rule.metrics = r.pod<Metrics>();
    rule.weight = r.pod<double>();
  }
  r.aligned_pods(m->state_transship, keep);
  r.aligned_pods(m->state_transship_weight, keep);
  r.aligned_pods(m->state_feeder_hub, keep);
  r.aligned_pods(m->state_direct_regions, keep);
  r.aligned_pods(m->node_region_bit, keep);
  if (!r.ok() || !r.at_end()) return nullptr;
  const Metric& v = *m;  // read only: a PodArray written to would copy the view
  const auto edges = t.edge_count(), states = t.state_count();
  const bool sized = v.edge_weight.size() == edges && v.edge_metrics.size() == edges && v.edge_transfer.size() == edges &&
                     v.link_cost.size() == net.links.size() && v.state_handling.size() == states &&
                     v.state_handling_weight.size() == states && v.state_dispatch.size() == states &&
                     v.state_origin_weight.size() == states && v.node_territory.size() == net.nodes.size() &&
                     v.state_import.size() == states && v.state_import_weight.size() == states &&
                     v.state_transship.size() == states && v.state_transship_weight.size() == states &&
                     v.state_feeder_hub.size() == states && v.state_direct_regions.size() == states &&
                     v.node_region_bit.size() == net.nodes.size();
  if (!sized) return nullptr;
  for (const auto& f : v.link_cost)
    if (f.border < -1 || f.border >= static_cast<std::int32_t>(v.link_borders.size())) return nullptr;
  for (const auto row : v.edge_transfer)
    if (row < -1 || row >= static_cast<std::int32_t>(net.transfers.size())) return nullptr;
  for (const auto hub : v.state_feeder_hub)
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
  w.align(8);  // the block's arrays are used in place (Writer::aligned_pods)
  w.bytes(bytes);
}

// A block's bytes if their hash matches (checked when the block is used, so that a run pays
// only for the blocks it reads); empty otherwise.
std::string_view checked(std::uint64_t hash, std::string_view bytes) {
  return XXH3_64bits(bytes.data(), bytes.size()) == hash ? bytes : std::string_view{};
}

}  // namespace

RoutingSnapshot::RoutingSnapshot(const std::string& path, const io::SnapshotKey& key)
    : file_(std::make_shared<const Mapped>(path)) {
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
    r.align(8);
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
  return bytes.empty() ? nullptr : deserialize_topology(bytes, net, file_);
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
    return bytes.empty() ? nullptr : deserialize_metric(bytes, net, t, file_);
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
