#pragma once
// The structured time model's parameters and the tables that select them: each country's
// region (regions.csv), each line's class (line_classes.csv) and the global parameters
// (time_model.csv). Values live in data with their bounds and sources (docs/time-model.md);
// the cost model reads them, `silkroute calibrate --fit` fits the ones marked fitted.
// A dataset without time_model.csv keeps the flat per-mode speeds of modes.csv.

#include <array>
#include <compare>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/enum_names.hpp"

namespace silkroute {

// Where the operating rules differ: rail networks, drivers' hours, road standards.
#define SILKROUTE_REGIONS(X)                                                                              \
  X(china, "china") X(cis, "cis") X(europe, "europe") X(middle_east, "middle_east") X(south_asia, "south_asia") \
  X(southeast_asia, "southeast_asia") X(east_asia, "east_asia") X(africa, "africa")
SILKROUTE_ENUM(Region, unsigned char, SILKROUTE_REGIONS)
inline constexpr std::size_t kRegionCount = EnumNames<Region>::names.size();

// A line's class beyond its network: a new high-standard railway, a slow (mountain,
// single-track, degraded) one; a motorway-standard road, a trunk road, a mountain road.
// `standard`: the region's default. At sea, `regional`: a lane only regional services sail
// (East Africa), with smaller and slower ships than the mainline liners. On European rail,
// `freight_corridor`: a main line where operators run timetabled overnight block shuttles on
// through paths (Rhine-Alpine, North Sea-Baltic, the Piraeus-Budapest land-sea express line).
#define SILKROUTE_LINE_CLASSES(X)                                                                         \
  X(standard, "standard") X(new_line, "new_line") X(slow_line, "slow_line") X(highway, "highway")          \
  X(trunk, "trunk") X(mountain, "mountain") X(regional, "regional") X(freight_corridor, "freight_corridor")
SILKROUTE_ENUM(LineClass, unsigned char, SILKROUTE_LINE_CLASSES)

// The global parameters. Rail speeds are commercial speeds of container block trains as
// operators report them (crew and locomotive changes folded in); road speeds are driving
// speeds, rests come from drivers' hours; sea speed is the service speed between calls.
#define SILKROUTE_TIME_PARAMS(X)                                                  \
  X(rail_speed_china_kmh, "rail_speed_china_kmh")                                 \
  X(rail_speed_1520_kmh, "rail_speed_1520_kmh")                                   \
  X(rail_speed_europe_kmh, "rail_speed_europe_kmh")                               \
  X(rail_speed_europe_intermodal_kmh, "rail_speed_europe_intermodal_kmh")         \
  X(rail_speed_europe_corridor_kmh, "rail_speed_europe_corridor_kmh")             \
  X(rail_speed_standard_other_kmh, "rail_speed_standard_other_kmh")               \
  X(rail_speed_metre_kmh, "rail_speed_metre_kmh")                                 \
  X(rail_speed_broad_1676_kmh, "rail_speed_broad_1676_kmh")                       \
  X(rail_new_line_factor, "rail_new_line_factor")                                 \
  X(rail_slow_line_factor, "rail_slow_line_factor")                               \
  X(rail_dispatch_h, "rail_dispatch_h")                                           \
  X(rail_border_dwell_factor, "rail_border_dwell_factor")                         \
  X(import_clearance_factor, "import_clearance_factor")                           \
  X(road_border_dwell_factor, "road_border_dwell_factor")                         \
  X(road_speed_highway_kmh, "road_speed_highway_kmh")                             \
  X(road_speed_trunk_kmh, "road_speed_trunk_kmh")                                 \
  X(road_speed_mountain_kmh, "road_speed_mountain_kmh")                           \
  X(road_rest_per_drive_h_china, "road_rest_per_drive_h_china")                   \
  X(road_rest_per_drive_h_cis, "road_rest_per_drive_h_cis")                       \
  X(road_rest_per_drive_h_europe, "road_rest_per_drive_h_europe")                 \
  X(road_rest_per_drive_h_middle_east, "road_rest_per_drive_h_middle_east")       \
  X(road_rest_per_drive_h_south_asia, "road_rest_per_drive_h_south_asia")         \
  X(road_rest_per_drive_h_southeast_asia, "road_rest_per_drive_h_southeast_asia") \
  X(road_rest_per_drive_h_east_asia, "road_rest_per_drive_h_east_asia")           \
  X(road_rest_per_drive_h_africa, "road_rest_per_drive_h_africa")                 \
  X(road_rest_per_drive_h_team, "road_rest_per_drive_h_team")                     \
  X(sea_speed_kmh, "sea_speed_kmh")                                               \
  X(sea_call_interval_km, "sea_call_interval_km")                                 \
  X(sea_call_h, "sea_call_h")                                                     \
  X(sea_speed_before_slow_steaming_kmh, "sea_speed_before_slow_steaming_kmh")     \
  X(sea_slow_steaming_year, "sea_slow_steaming_year")                             \
  X(sea_suez_transit_h, "sea_suez_transit_h")                                     \
  X(sea_speed_regional_kmh, "sea_speed_regional_kmh")                             \
  X(sea_call_interval_regional_km, "sea_call_interval_regional_km")               \
  X(sea_transshipment_h, "sea_transshipment_h")                                   \
  X(air_speed_kmh, "air_speed_kmh")                                               \
  X(air_block_allowance_h, "air_block_allowance_h")                               \
  X(air_departures_per_week_default, "air_departures_per_week_default")           \
  X(air_connection_h, "air_connection_h")
SILKROUTE_ENUM(TimeParam, unsigned char, SILKROUTE_TIME_PARAMS)
inline constexpr std::size_t kTimeParamCount = EnumNames<TimeParam>::names.size();

// The rail service that carries a trip: the express block trains that published China-Europe,
// China-Central Asia and ASEAN transit times are for (set-scheduled paths, priority at
// borders), or the ordinary intermodal and wagonload trains of European timetables. Which one
// carries a trip follows from its ends (rail_services.csv) unless the request names it.
#define SILKROUTE_RAIL_SERVICES(X) X(express, "express") X(intermodal, "intermodal")
SILKROUTE_ENUM(RailService, unsigned char, SILKROUTE_RAIL_SERVICES)

// Who drives a truck: one driver, who rests as the drivers' hours of each region say, or a crew
// of two (the double-manned long-haul trucks of TIR express services), who drive in turns and stop
// only for the daily rest multi-manning rules require. Which one drives a trip follows from its
// ends (road_crews.csv) unless the request names it.
#define SILKROUTE_ROAD_CREWS(X) X(single, "single") X(team, "team")
SILKROUTE_ENUM(RoadCrew, unsigned char, SILKROUTE_ROAD_CREWS)

struct TimeParamValue {
  double value = 0;
  double prior = 0;  // the value its source gives: where every fit starts
  double lower = 0;  // plausible physical bounds: a fit stays inside them
  double upper = 0;
  bool fitted = false;  // calibrate --fit may move it; otherwise fixed by its source
  std::string unit;
  std::string source;
  friend bool operator==(const TimeParamValue&, const TimeParamValue&) = default;
};

struct TimeModel {
  bool structured = false;  // time_model.csv was loaded
  std::array<TimeParamValue, kTimeParamCount> params{};
  std::unordered_map<std::string, Region> country_region;  // regions.csv
  std::vector<LineClass> link_class;                       // per link; standard unless listed
  // crossings.csv: measured dwell per crossing point, keyed by link id, or per link, rail service and
  // year from which it holds (network/crossing_dwell.hpp: crossing_dwell_key, crossing_dwell_for).
  std::unordered_map<std::string, double> crossing_dwell_h;
  // clearance.csv: "territory|mode" -> hours a train or truck waits for its cargo's import
  // clearance when the route ends in that customs territory (a country, or a union: EAEU, EU)
  // coming from another one; transit through a territory does not wait it.
  std::unordered_map<std::string, double> import_clearance_h;
  // transit_clearance.csv: transit_key(origin territory, destination territory, mode) -> the
  // territory whose clearance (import_clearance_h, same mode) such a trip also waits at its entry,
  // though it only crosses it: China-Central Asia trains are put under customs transit where
  // they enter the EAEU at the gauge change, which the express China-Europe trains pass with priority.
  std::unordered_map<std::string, std::string> transit_clearance;
  static std::string transit_key(const std::string& origin, const std::string& destination, std::string_view mode) {
    return origin + "|" + destination + "|" + std::string(mode);
  }
  // rail_services.csv: "origin_region|destination_region" -> the service that carries a rail
  // trip between them; a pair not listed runs express.
  std::unordered_map<std::string, RailService> rail_service_rule;
  // road_crews.csv: "origin_region|destination_region" -> the crew that drives a road trip
  // between them when its ends are in different countries and at least min_km apart (great
  // circle); a pair not listed, or a shorter or domestic trip, is driven by one driver.
  struct RoadCrewRule {
    RoadCrew crew = RoadCrew::single;
    double min_km = 0;
    friend auto operator<=>(const RoadCrewRule&, const RoadCrewRule&) = default;
  };
  std::unordered_map<std::string, RoadCrewRule> road_crew_rule;
  static std::string region_pair_key(Region from, Region to) {
    return std::string(enum_name(from)) + "|" + std::string(enum_name(to));
  }
  // port_services.csv: ports that no mainline service calls at, keyed by node id. A box to or
  // from one is transshipped at a hub: it waits there for the feeder (half its headway) and
  // for the connection (sea_transshipment_h).
  struct FeederPort {
    std::string hub;  // node id of the hub the feeders sail from
    double departures_per_week = 0;
    // Regions (bit 1 << Region) whose direct services call at the port: a box between the port
    // and a place there sails direct and is not transshipped (port_services.csv: direct_from).
    std::uint16_t direct_regions = 0;
    friend auto operator<=>(const FeederPort&, const FeederPort&) = default;
  };
  std::unordered_map<std::string, FeederPort> feeder_ports;
  static std::string clearance_key(const std::string& territory, std::string_view mode) {
    return territory + "|" + std::string(mode);
  }

  double operator[](TimeParam p) const { return params[static_cast<std::size_t>(p)].value; }
  TimeParamValue& param(TimeParam p) { return params[static_cast<std::size_t>(p)]; }
  const TimeParamValue& param(TimeParam p) const { return params[static_cast<std::size_t>(p)]; }
  friend bool operator==(const TimeModel&, const TimeModel&) = default;
};

// The rest a driver takes per hour of driving in a region (drivers' hours rules).
static_assert(static_cast<std::size_t>(TimeParam::road_rest_per_drive_h_africa) -
                      static_cast<std::size_t>(TimeParam::road_rest_per_drive_h_china) + 1 ==
                  kRegionCount,
              "one drivers' hours parameter per region, in the order of SILKROUTE_REGIONS");
inline TimeParam road_rest_param(Region region) {
  return static_cast<TimeParam>(static_cast<std::size_t>(TimeParam::road_rest_per_drive_h_china) +
                                static_cast<std::size_t>(region));
}

}  // namespace silkroute
