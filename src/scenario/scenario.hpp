#pragma once
// A scenario is an overlay on one loaded network: which year's projects exist, what is
// closed, which border policies and parameters differ. The network itself is never
// copied or changed; the cost model asks the scenario. It names network elements by id,
// never by index, so it travels: its canonical JSON (scenario/scenario_json.hpp) is the
// same on every machine that loaded the same network, and its text is the cache key.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "network/network.hpp"

namespace silkroute {

inline constexpr int kLatestYear = 9999;

// A pair of countries in a fixed order, so that CHN-KAZ and KAZ-CHN are one border.
using CountryPair = std::pair<std::string, std::string>;
CountryPair country_pair(const std::string& a, const std::string& b);

struct Closures {
  std::set<std::string> countries;    // ISO3
  std::set<std::string> nodes;        // node ids
  std::set<std::string> links;        // link ids
  std::set<std::string> chokepoints;  // link chokepoint tags
  std::set<Mode> modes;
  std::set<CountryPair> borders;      // every land/ferry crossing between the two countries
  std::set<std::string> transfers;    // transfer keys (Network::transfer_key): one facility at a node,
                                      // e.g. a dry port's gauge change, while the node stays open

  friend bool operator==(const Closures&, const Closures&) = default;

  bool empty() const {
    return countries.empty() && nodes.empty() && links.empty() && chokepoints.empty() && modes.empty() &&
           borders.empty() && transfers.empty();
  }
};

// Parameter overrides. An absolute value replaces the data's; a factor multiplies what
// results, so "twice as many ferries" works whatever the data says today.
struct ModeOverride {
  std::optional<double> speed_kmh;  // replaces the mode default (links with their own speed keep it)
  double speed_factor = 1.0;        // every link of the mode
  std::optional<double> cost_usd_per_teu_km;
  double cost_factor = 1.0;
  std::optional<double> co2_kg_per_teu_km;
  std::optional<double> handling_h;
  std::optional<double> handling_cost_usd;

  friend bool operator==(const ModeOverride&, const ModeOverride&) = default;
};

struct LinkOverride {
  std::optional<double> speed_kmh;
  double speed_factor = 1.0;
  std::optional<double> departures_per_week;
  double departures_factor = 1.0;
  std::optional<double> cost_usd_per_teu_km;

  friend bool operator==(const LinkOverride&, const LinkOverride&) = default;
};

struct TransferOverride {
  std::optional<double> dwell_h;
  double dwell_factor = 1.0;
  std::optional<double> cost_usd;

  friend bool operator==(const TransferOverride&, const TransferOverride&) = default;
};

struct BorderOverride {
  CountryPair countries;
  std::optional<Mode> mode;  // nullopt: every mode
  std::optional<double> dwell_h;
  double dwell_factor = 1.0;
  std::optional<double> fee_usd;
  double fee_factor = 1.0;

  friend bool operator==(const BorderOverride&, const BorderOverride&) = default;
};

// A market freight rate for a lane: what shippers paid (spot or contract) to move one TEU
// from one terminal to another by one mode, as published (Drewry WCI, Freightos FBX, ...).
// It does not change routing, which runs on operating costs from unit rates; outputs show
// it beside the operating cost of the matching part of a route.
struct MarketRate {
  std::string from;  // node id where the lane starts (a port for sea)
  std::string to;    // node id where it ends
  Mode mode = Mode::sea;
  double usd_per_teu = 0;
  std::string source;  // who published it, and when

  friend bool operator==(const MarketRate&, const MarketRate&) = default;
};

struct Scenario {
  std::string name = "today";
  std::string description;
  std::vector<std::string> sources;  // files read, base first
  int year = kLatestYear;            // projects opened after this year are absent
  int month = 0;  // 1-12: the seasonal closures of that month apply (winter passes); 0: none
  // The rail service that carries the trip (docs/time-model.md, "Rail services"): set per route
  // from rail_services.csv or the request; unset runs express, the service most published
  // long-distance transit times are for.
  std::optional<RailService> rail_service;
  // Who drives the trip's trucks (docs/time-model.md, "Road crews"): set per route from
  // road_crews.csv or the request; unset: one driver.
  std::optional<RoadCrew> road_crew;
  Closures closed;
  double carbon_price_usd_per_t = 0;

  std::map<Mode, ModeOverride> mode_overrides;
  std::map<std::string, LinkOverride> link_overrides;          // by link id
  std::map<std::string, TransferOverride> transfer_overrides;  // by Network::transfer_key
  std::vector<BorderOverride> border_overrides;
  std::vector<Agreement> added_agreements;
  std::set<std::string> removed_agreements;
  std::vector<MarketRate> market_rates;

  // Every field, so that a field added later is compared too.
  friend bool operator==(const Scenario&, const Scenario&) = default;

  bool node_open(const Network& net, NodeIndex n) const;
  bool link_open(const Network& net, LinkIndex l) const;
  bool transfer_open(const Network& net, std::size_t row) const;  // a row of net.transfers

  // Agreements in force in the scenario year: the data's, less removed ones, plus added ones.
  std::vector<const Agreement*> agreements_in_force(const Network& net) const;
};

}  // namespace silkroute
