// The routing snapshot (routing/routing_snapshot): the topology and metrics a route command
// reads back are the ones it would build, field by field, and a damaged or foreign file is
// never used.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <type_traits>
#include <unistd.h>

#include "engine/engine.hpp"
#include "output/route_output.hpp"
#include "routing/routing_snapshot.hpp"
#include "scenario/scenario_file.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace silkroute {
namespace {

// Arrays of plain values, compared byte for byte (what was written is what is read).
template <typename T>
void expect_same_array(const PodArray<T>& a, const PodArray<T>& b, const char* what) {
  static_assert(std::is_trivially_copyable_v<T>);
  ASSERT_EQ(a.size(), b.size()) << what;
  EXPECT_TRUE(a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0) << what;
}

void expect_same_topology(const Topology& a, const Topology& b) {
  EXPECT_EQ(a.network_identity, b.network_identity);
  EXPECT_EQ(a.state_node, b.state_node);
  EXPECT_TRUE(a.state_carrier == b.state_carrier);
  EXPECT_EQ(a.node_first_state, b.node_first_state);
  EXPECT_EQ(a.node_states, b.node_states);
  EXPECT_EQ(a.through_states, b.through_states);
  EXPECT_EQ(a.state_twin, b.state_twin);
  EXPECT_EQ(a.first_edge, b.first_edge);
  ASSERT_EQ(a.edges.size(), b.edges.size());
  for (std::size_t e = 0; e < a.edges.size(); ++e) {
    EXPECT_EQ(a.edges[e].to, b.edges[e].to);
    EXPECT_EQ(a.edges[e].ref, b.edges[e].ref);
    EXPECT_EQ(a.edges[e].kind, b.edges[e].kind);
  }
  EXPECT_EQ(a.edge_from, b.edge_from);
  EXPECT_EQ(a.link_first_edge, b.link_first_edge);
  EXPECT_EQ(a.link_edge_list, b.link_edge_list);
  EXPECT_EQ(a.first_in_edge, b.first_in_edge);
  EXPECT_EQ(a.in_edges, b.in_edges);
  EXPECT_EQ(a.change_first, b.change_first);
  EXPECT_EQ(a.change_transfers, b.change_transfers);
}

void expect_same_metrics(const Metrics& a, const Metrics& b) {
  EXPECT_EQ(a.time_h, b.time_h);
  EXPECT_EQ(a.cost_usd, b.cost_usd);
  EXPECT_EQ(a.co2_kg, b.co2_kg);
  EXPECT_EQ(a.distance_km, b.distance_km);
}

void expect_same_metric(const Metric& a, const Metric& b) {
  EXPECT_EQ(a.weighting.objective, b.weighting.objective);
  EXPECT_EQ(a.weighting.value_of_time_usd_per_h, b.weighting.value_of_time_usd_per_h);
  EXPECT_EQ(a.weighting.carbon_price_usd_per_t, b.weighting.carbon_price_usd_per_t);
  expect_same_array(a.edge_weight, b.edge_weight, "edge_weight");
  expect_same_array(a.edge_metrics, b.edge_metrics, "edge_metrics");
  expect_same_array(a.edge_transfer, b.edge_transfer, "edge_transfer");
  ASSERT_EQ(a.link_cost.size(), b.link_cost.size());
  for (std::size_t l = 0; l < a.link_cost.size(); ++l) {
    const auto &x = a.link_cost[l], &y = b.link_cost[l];
    expect_same_metrics(x.running, y.running);
    EXPECT_EQ(x.wait_h, y.wait_h);
    EXPECT_EQ(x.booked_wait_h, y.booked_wait_h);
    EXPECT_EQ(x.rest_h, y.rest_h);
    EXPECT_EQ(x.call_h, y.call_h);
    const auto *bx = a.border_of(static_cast<LinkIndex>(l)), *by = b.border_of(static_cast<LinkIndex>(l));
    ASSERT_EQ(bx != nullptr, by != nullptr) << l;
    if (!bx) continue;
    EXPECT_EQ(bx->from_country, by->from_country);
    EXPECT_EQ(bx->to_country, by->to_country);
    EXPECT_EQ(bx->dwell_h, by->dwell_h);
    EXPECT_EQ(bx->fee_usd, by->fee_usd);
    EXPECT_EQ(bx->regime, by->regime);
    EXPECT_EQ(bx->agreements, by->agreements);
  }
  EXPECT_EQ(a.link_borders.size(), b.link_borders.size());
  expect_same_array(a.state_handling, b.state_handling, "state_handling");
  expect_same_array(a.state_handling_weight, b.state_handling_weight, "state_handling_weight");
  expect_same_array(a.state_dispatch, b.state_dispatch, "state_dispatch");
  expect_same_array(a.state_origin_weight, b.state_origin_weight, "state_origin_weight");
  expect_same_array(a.node_territory, b.node_territory, "node_territory");
  expect_same_array(a.state_import, b.state_import, "state_import");
  expect_same_array(a.state_import_weight, b.state_import_weight, "state_import_weight");
  ASSERT_EQ(a.transit_rules.size(), b.transit_rules.size());
  for (std::size_t i = 0; i < a.transit_rules.size(); ++i) {
    const auto &x = a.transit_rules[i], &y = b.transit_rules[i];
    EXPECT_EQ(x.origin_territory, y.origin_territory);
    EXPECT_EQ(x.destination_territory, y.destination_territory);
    EXPECT_EQ(x.mode, y.mode);
    EXPECT_EQ(x.territory, y.territory);
    expect_same_metrics(x.metrics, y.metrics);
    EXPECT_EQ(x.weight, y.weight);
  }
  expect_same_array(a.state_transship, b.state_transship, "state_transship");
  expect_same_array(a.state_transship_weight, b.state_transship_weight, "state_transship_weight");
  expect_same_array(a.state_feeder_hub, b.state_feeder_hub, "state_feeder_hub");
}

TEST(RoutingSnapshot, KeepsEveryFieldOfTheTopologyAndOfMetrics) {
  const auto& net = test::bri();
  const auto topology = build_topology(net);
  const auto copy = deserialize_topology(serialize_topology(*topology), net);
  ASSERT_NE(copy, nullptr);
  expect_same_topology(*topology, *copy);
  // Metrics with border costs, agreements, transit clearances and feeder ports (the default),
  // another objective and cargo class, and a scenario that changes border policy.
  const auto avoid = load_scenario(net, "avoid-russia");
  for (const auto& [cargo, objective, scenario] :
       {std::tuple{std::string(), Objective::time, Scenario{}}, std::tuple{std::string("electronics"), Objective::generalized, avoid}}) {
    const CostModel cost(net, cargo_for(net, cargo), objective, scenario);
    const auto metric = customize(net, *topology, cost);
    ASSERT_FALSE(metric->transit_rules.empty() && cargo.empty()) << "the default metric has transit clearances to keep";
    const auto read = deserialize_metric(serialize_metric(*metric), net, *topology);
    ASSERT_NE(read, nullptr);
    expect_same_metric(*metric, *read);
  }
}

TEST(RoutingSnapshot, RefusesEveryTruncationAndAnotherNetwork) {
  const auto& net = test::bri();
  const auto topology = build_topology(net);
  const auto t_bytes = serialize_topology(*topology);
  const auto metric = customize(net, *topology, CostModel(net, cargo_for(net, ""), Objective::time, Scenario{}));
  const auto m_bytes = serialize_metric(*metric);
  for (std::size_t n = 0; n < t_bytes.size(); n += 1 + n / 16)
    EXPECT_EQ(deserialize_topology(std::string_view(t_bytes).substr(0, n), net), nullptr) << n;
  for (std::size_t n = 0; n < m_bytes.size(); n += 1 + n / 16)
    EXPECT_EQ(deserialize_metric(std::string_view(m_bytes).substr(0, n), net, *topology), nullptr) << n;
  // The mini network's topology is not the embedded network's.
  EXPECT_EQ(deserialize_topology(t_bytes, test::mini()), nullptr);
  // A state's carrier with a mode that does not exist (the first carrier: after the count, the
  // states' nodes and the carriers' count, each array from an 8-byte boundary) is refused, not
  // indexed with.
  auto bad_mode = t_bytes;
  const auto round8 = [](std::size_t n) { return (n + 7) / 8 * 8; };
  bad_mode[round8(round8(4) + 4 * topology->state_count() + 4)] = static_cast<char>(200);
  EXPECT_EQ(deserialize_topology(bad_mode, net), nullptr);
}

// A cache folder of its own for SILKROUTE_CACHE_DIR, removed afterwards.
struct CacheEnvironment {
  std::string dir = (fs::temp_directory_path() / ("silkroute_routing_" + std::to_string(::getpid()) + "_" +
                                                  ::testing::UnitTest::GetInstance()->current_test_info()->name()))
                        .string();
  std::string saved;
  bool had = false;
  CacheEnvironment() {
    fs::remove_all(dir);
    if (const char* v = std::getenv("SILKROUTE_CACHE_DIR")) had = true, saved = v;
    ::setenv("SILKROUTE_CACHE_DIR", dir.c_str(), 1);
  }
  ~CacheEnvironment() {
    if (had) ::setenv("SILKROUTE_CACHE_DIR", saved.c_str(), 1);
    else ::unsetenv("SILKROUTE_CACHE_DIR");
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  fs::path routing_file() const {
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".routing") return e.path();
    return {};
  }
};

// One route command: engine, snapshot, route, JSON.
struct Run {
  std::string json;
  std::size_t metrics_built = 0;
};
Run route_command(const std::string& dir, const RouteRequest& request) {
  const auto engine = Engine::open(dir);
  engine->use_routing_snapshot();
  const auto result = engine->route(request);
  engine->keep_routing_snapshot();
  std::ostringstream out;
  output::write_route(result, "json", out);
  return {out.str(), engine->cache().metrics_built()};
}

RouteRequest chongqing_duisburg() {
  RouteRequest request;
  request.from = "Chongqing";
  request.to = "Duisburg";
  return request;
}

TEST(RoutingSnapshot, ARouteReadsWhatTheLastOneKeptAndAnswersTheSame) {
  CacheEnvironment env;
  const auto dir = test::bri_dir();
  auto request = chongqing_duisburg();
  const auto first = route_command(dir, request);
  EXPECT_EQ(first.metrics_built, 1u);
  const auto file = env.routing_file();
  ASSERT_FALSE(file.empty()) << "the first route keeps its topology and metric";
  const auto written = fs::last_write_time(file);
  const auto second = route_command(dir, request);
  EXPECT_EQ(second.metrics_built, 0u) << "the metric is read, not built";
  EXPECT_EQ(second.json, first.json);
  EXPECT_EQ(fs::last_write_time(file), written) << "nothing new to keep: not written again";
  // Another cost model is built, kept beside the first, and both are read afterwards.
  auto other = request;
  other.objective = "cost";
  const auto third = route_command(dir, other);
  EXPECT_EQ(third.metrics_built, 1u);
  EXPECT_EQ(route_command(dir, other).metrics_built, 0u);
  EXPECT_EQ(route_command(dir, request).metrics_built, 0u);

  // A damaged file (one byte of the metric flipped) is not used: built again, same answer.
  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    bytes = ss.str();
  }
  for (std::size_t at : {bytes.size() - 100, bytes.size() / 2, std::size_t{200}}) {
    auto damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5a);
    std::ofstream(file, std::ios::binary | std::ios::trunc) << damaged;
    const auto run = route_command(dir, request);
    EXPECT_EQ(run.json, first.json) << "damaged at byte " << at;
  }
  // A file from another dataset's key (here: garbage with the right name) is never read.
  std::ofstream(file, std::ios::binary | std::ios::trunc) << "SRROUT01 not a snapshot";
  const auto after = route_command(dir, request);
  EXPECT_EQ(after.metrics_built, 1u);
  EXPECT_EQ(after.json, first.json);
}

// The file's whole text, and a new file put in its place (another inode, as a writer's rename).
std::string file_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
void replace_file(const fs::path& file, const std::string& bytes) {
  fs::remove(file);
  std::ofstream(file, std::ios::binary) << bytes;
}

TEST(RoutingSnapshot, ReadArraysLieInTheMappedFileAndOutliveItsReplacement) {
  CacheEnvironment env;
  const auto dir = test::bri_dir();
  auto request = chongqing_duisburg();
  route_command(dir, request);
  const auto file = env.routing_file();
  ASSERT_FALSE(file.empty());

  // What a route reads from the snapshot, and what one that builds them builds.
  const auto routed = [&](bool snapshot) {
    const auto engine = Engine::open(dir);
    if (snapshot) engine->use_routing_snapshot();
    engine->route(request);
    EXPECT_EQ(engine->cache().metrics_built(), snapshot ? 0u : 1u);
    return std::pair{engine->cache().current_topology(), engine->cache().current_metrics().front().second};
  };  // the engine, its routing snapshot and its network are gone
  const auto [topology, metric] = routed(true);
  const auto [built_topology, built_metric] = routed(false);
  // Used in place: no copy of the arrays (what saves the page faults).
  const auto& t = *topology;
  for (const bool view : {t.state_node.is_view(), t.state_carrier.is_view(), t.node_first_state.is_view(),
                          t.node_states.is_view(), t.state_twin.is_view(), t.first_edge.is_view(), t.edges.is_view(),
                          t.edge_from.is_view(), t.link_first_edge.is_view(), t.link_edge_list.is_view(),
                          t.first_in_edge.is_view(), t.in_edges.is_view(), t.change_first.is_view(),
                          t.change_transfers.is_view()})
    EXPECT_TRUE(view) << "every topology array used in place";
  const auto& m = *metric;
  for (const bool view : {m.edge_weight.is_view(), m.edge_metrics.is_view(), m.edge_transfer.is_view(),
                          m.link_cost.is_view(), m.state_handling.is_view(), m.state_handling_weight.is_view(),
                          m.state_dispatch.is_view(), m.state_origin_weight.is_view(), m.node_territory.is_view(),
                          m.state_import.is_view(), m.state_import_weight.is_view(), m.state_transship.is_view(),
                          m.state_transship_weight.is_view(), m.state_feeder_hub.is_view()})
    EXPECT_TRUE(view) << "every metric array used in place";
  // The file replaced by garbage and removed: the views hold the mapping they point into.
  replace_file(file, std::string(1 << 16, 'x'));
  fs::remove(file);
  auto built = *built_topology;
  built.network_identity = topology->network_identity;  // each network loaded has its own
  expect_same_topology(built, *topology);
  expect_same_metric(*built_metric, *metric);
  EXPECT_FALSE(built_metric->edge_weight.is_view()) << "built, not read";

  // A copy that is changed owns its arrays; the view it came from is untouched.
  auto changed = *metric;
  const double first = metric->edge_weight[0];
  changed.edge_weight[0] = first + 1;
  EXPECT_FALSE(changed.edge_weight.is_view());
  EXPECT_TRUE(changed.edge_metrics.is_view()) << "arrays not written stay shared";
  EXPECT_EQ(metric->edge_weight[0], first);
  EXPECT_EQ(changed.edge_weight[0], first + 1);
  EXPECT_EQ(changed.edge_weight.size(), metric->edge_weight.size());
}

TEST(RoutingSnapshot, ATruncatedFileOrAnotherLayoutIsRebuiltNeverRead) {
  CacheEnvironment env;
  const auto dir = test::bri_dir();
  auto request = chongqing_duisburg();
  request.alternatives = 1;
  const auto first = route_command(dir, request);
  const auto file = env.routing_file();
  ASSERT_FALSE(file.empty());
  const auto bytes = file_bytes(file);
  // Cut anywhere (in the header, inside the topology, inside the metric, one byte short): the
  // route builds what it lacks, answers the same and writes a whole file again.
  for (const std::size_t n : {std::size_t{0}, std::size_t{7}, std::size_t{40}, bytes.size() / 3, bytes.size() / 2,
                              bytes.size() - 8, bytes.size() - 1}) {
    replace_file(file, bytes.substr(0, n));
    const auto run = route_command(dir, request);
    EXPECT_EQ(run.metrics_built, 1u) << "cut at " << n;
    EXPECT_EQ(run.json, first.json) << "cut at " << n;
    EXPECT_EQ(file_bytes(file).size(), bytes.size()) << "cut at " << n << ": the whole file is written again";
    EXPECT_EQ(route_command(dir, request).metrics_built, 0u) << "cut at " << n << ": and read by the next route";
  }
  // The same key in another layout (what an older build with the same build id would have left,
  // told by its format line): not read, rebuilt.
  const std::string format = "silkroute routing snapshot ";
  const auto at = bytes.find(format);
  ASSERT_NE(at, std::string::npos);
  auto older = bytes;
  older[at + format.size()] = static_cast<char>(older[at + format.size()] - 1);
  replace_file(file, older);
  const auto run = route_command(dir, request);
  EXPECT_EQ(run.metrics_built, 1u);
  EXPECT_EQ(run.json, first.json);
  EXPECT_EQ(file_bytes(file).find(older.substr(at, format.size() + 1)), std::string::npos) << "written again in this build's layout";
  EXPECT_EQ(route_command(dir, request).metrics_built, 0u);
}

}  // namespace
}  // namespace silkroute
