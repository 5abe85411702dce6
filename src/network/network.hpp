#pragma once
// The multimodal freight network as loaded from a dataset: plain tables, immutable after
// loading. Costing, scenarios and routing read it; nothing writes it.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "geo/great_circle.hpp"
#include "network/mode.hpp"
#include "network/node_kind.hpp"
#include "network/time_model.hpp"

namespace silkroute {

using NodeIndex = std::int32_t;
using LinkIndex = std::int32_t;
inline constexpr NodeIndex kNoNode = -1;

// A year before any project in the data: "always there".
inline constexpr int kAlwaysOpen = 0;
// A link's closed_year when it still runs.
inline constexpr int kStillRuns = 0;



struct Node {
  std::string id;
  std::string name;
  std::vector<std::string> alt_names;
  std::string country;  // ISO 3166 alpha-3; empty for sea waypoints
  geo::LonLat position;
  NodeKind kind = NodeKind::city;
  std::string locode;  // UN/LOCODE, e.g. CNCKG; may be empty
  int opened_year = kAlwaysOpen;
  std::string project;
  std::string source;
  friend bool operator==(const Node&, const Node&) = default;
};

struct Link {
  std::string id;
  NodeIndex from = kNoNode;
  NodeIndex to = kNoNode;
  Mode mode = Mode::rail;
  int gauge_mm = 0;
  double length_km = 0;
  std::optional<double> speed_kmh;            // overrides the mode default
  std::optional<double> time_h;               // explicit running time, overrides speed
  std::optional<double> cost_usd_per_teu_km;  // overrides the mode default
  double departures_per_week = 0;             // 0: continuous service, no wait
  std::vector<std::string> corridors;
  std::string chokepoint;  // suez, babelmandeb, ... or empty
  int opened_year = kAlwaysOpen;
  // The first year the line or service no longer runs (a border closed by a war, a ferry
  // line that ended); kStillRuns: it runs today. Absent from scenarios of that year on.
  int closed_year = kStillRuns;
  std::string project;
  std::string source;
  // Months the link is closed every year (bit m for month m, 1-12): a mountain pass in
  // winter (seasonal_closures.csv). Applied only when a scenario names a month.
  std::uint16_t closed_months = 0;
  // The drawn course between from and to (shapes.csv), intermediate points only; empty: a
  // straight line. Sea lanes are drawn through their waypoint nodes instead.
  std::vector<geo::LonLat> vertices;

  Carrier carrier() const { return {mode, mode_traits(mode).has_gauge ? gauge_mm : 0}; }
  friend bool operator==(const Link&, const Link&) = default;
};

// A place where cargo can change carrier (mode, or rail gauge). Usable both ways.
struct Transfer {
  NodeIndex node = kNoNode;
  CarrierPattern a;
  CarrierPattern b;
  double dwell_h = 0;
  double cost_usd = 0;
  int opened_year = kAlwaysOpen;
  std::string project;
  std::string source;
  friend bool operator==(const Transfer&, const Transfer&) = default;
};

struct Country {
  std::string iso3;
  std::string name;
  std::string customs_union;  // e.g. EU, EAEU; empty if none
  int union_since_year = kAlwaysOpen;
  friend bool operator==(const Country&, const Country&) = default;
};

// What crossing between two countries costs when they share no customs union.
struct BorderRule {
  std::string country_a;
  std::string country_b;
  std::optional<Mode> mode;  // nullopt: every mode that stops at borders
  double dwell_h = 0;
  double fee_usd = 0;
  std::string source;
  friend bool operator==(const BorderRule&, const BorderRule&) = default;
};

// A trade-facilitation agreement between two countries: scales the border dwell and fee.
struct Agreement {
  std::string id;
  std::string kind;  // single_window, aeo_mra, transit, ...
  std::string country_a;
  std::string country_b;
  double dwell_factor = 1.0;
  double fee_factor = 1.0;
  int year = kAlwaysOpen;
  std::string source;
  friend bool operator==(const Agreement&, const Agreement&) = default;
};

// Defaults per mode: speed, cost, emissions, and loading/unloading at either end of a trip.
struct ModeParams {
  double speed_kmh = 0;
  double cost_usd_per_teu_km = 0;
  double co2_kg_per_teu_km = 0;
  double handling_h = 0;
  double handling_cost_usd = 0;
  std::string source;
  friend bool operator==(const ModeParams&, const ModeParams&) = default;
};

// What an element can carry, for assignment: a line, a terminal or border station (node), a
// carrier change (transfer) or all crossings between two countries (border). Values keep the
// unit their source gives; assignment converts them.
#define SILKROUTE_CAPACITY_ELEMENTS(X) X(link, "link") X(node, "node") X(transfer, "transfer") X(border, "border")
SILKROUTE_ENUM(CapacityElement, unsigned char, SILKROUTE_CAPACITY_ELEMENTS)
#define SILKROUTE_CAPACITY_UNITS(X)                                                                  \
  X(teu_per_day, "teu_per_day") X(teu_per_week, "teu_per_week") X(teu_per_year, "teu_per_year")      \
  X(trains_per_day, "trains_per_day") X(trucks_per_day, "trucks_per_day") X(sailings_per_week, "sailings_per_week")
SILKROUTE_ENUM(CapacityUnit, unsigned char, SILKROUTE_CAPACITY_UNITS)

struct Capacity {
  CapacityElement element = CapacityElement::link;
  std::string id;  // link id, node id, transfer key (Network::transfer_key) or "AAA-BBB"
  double value = 0;
  CapacityUnit unit = CapacityUnit::teu_per_day;
  int year = kAlwaysOpen;  // the capacity from this year on
  std::string source;
  friend bool operator==(const Capacity&, const Capacity&) = default;
};

struct CargoClass {
  std::string id;
  std::string name;
  double value_usd_per_teu = 0;
  double time_cost_pct_per_day = 0;  // share of value lost per day in transit (capital, decay, obsolescence)
  double cost_factor = 1.0;          // multiplies freight rates (reefer power, special handling)
  std::vector<Mode> excluded_modes;
  std::string source;

  double value_of_time_usd_per_h() const { return value_usd_per_teu * time_cost_pct_per_day / 100.0 / 24.0; }
  friend bool operator==(const CargoClass&, const CargoClass&) = default;
};

class Network {
 public:
  std::vector<Node> nodes;
  std::vector<Link> links;
  std::vector<Transfer> transfers;
  std::vector<Country> countries;
  std::vector<BorderRule> border_rules;
  std::vector<Agreement> agreements;
  std::map<Mode, ModeParams> mode_params;
  std::vector<CargoClass> cargo_classes;
  std::vector<Capacity> capacities;  // capacities.csv (optional)
  TimeModel time_model;              // time_model.csv, regions.csv, line_classes.csv (optional)
  std::string source_dir;  // where it was loaded from, for messages

  // Lookups (filled by finalize()).
  std::optional<NodeIndex> node_by_id(const std::string& id) const;
  std::optional<LinkIndex> link_by_id(const std::string& id) const;
  const Country* country(const std::string& iso3) const;
  const CargoClass* cargo(const std::string& id) const;
  const ModeParams& params(Mode mode) const;
  // A transfer's portable name: "node:carrier-carrier" ("dostyk:rail:1435-rail:1520"), with
  // "#2", "#3"... when a node lists the same pair more than once.
  const std::string& transfer_key(std::size_t index) const { return transfer_keys_[index]; }
  std::optional<std::int32_t> transfer_by_key(const std::string& key) const;

  // Border rule for a pair of countries (either order) and mode; mode-specific rules win.
  const BorderRule* border_rule(const std::string& a, const std::string& b, Mode mode) const;

  // Builds the lookup maps; call after filling or changing the tables. Each call gives the
  // network a new identity, which caches of derived data (state graphs) key on.
  void finalize();
  std::uint64_t identity() const { return identity_; }

 private:
  std::unordered_map<std::string, NodeIndex> node_index_;
  std::unordered_map<std::string, LinkIndex> link_index_;
  std::unordered_map<std::string, std::size_t> country_index_;
  std::vector<std::string> transfer_keys_;
  std::unordered_map<std::string, std::int32_t> transfer_index_;
  std::uint64_t identity_ = 0;
};

// A link as drawn: its from node, its shape's vertices, its to node; reversed when walked
// from `to` to `from`.
std::vector<geo::LonLat> link_points(const Network& net, const Link& link, bool reversed = false);

// The course of a path: nodes[0], then each links[i] (from nodes[i] to nodes[i+1]) with its
// shape, each node once. Appends to `out`, skipping a first point equal to its last one.
void append_path_points(const Network& net, const std::vector<NodeIndex>& nodes, const std::vector<LinkIndex>& links,
                        std::vector<geo::LonLat>& out);

}  // namespace silkroute
