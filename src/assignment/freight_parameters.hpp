#pragma once
// Parameters of the freight assignment on a silkroute network (<network>/freight_assignment.csv):
// unit factors that turn capacities into TEU, the delay functions' settings and the nested
// logit's scales. Every value sits in the data with its source; docs/assignment.md explains them.

#include <map>
#include <optional>
#include <string>

#include "network/network.hpp"

namespace silkroute::assignment {

// A cargo class's own mode constants and the published split they are fitted to (rows
// `NAME:CLASS` of freight_assignment.csv). A class without its own rail constant takes the
// general one; without its own air constant, none.
struct ClassModeConstants {
  std::optional<double> rail_constant_usd_per_teu;
  std::optional<double> air_constant_usd_per_teu;
  // Shares of the class's China-Europe TEU by rail and by air that `assign --calibrate --cargo
  // CLASS` fits the two constants to (at free flow, in the calibration year).
  std::optional<double> rail_share_target;
  std::optional<double> air_share_target;
  int line = 0;  // the first row naming the class, for errors
};

struct FreightParameters {
  double teu_per_train = 108.6;
  double teu_per_sailing = 112;
  double teu_per_truck = 2;
  double teu_per_flight = 10.2;  // a freighter's payload as TEU: the queue's customer at an airport
  double operating_days_per_year = 365;
  double directions = 2;          // per-direction capacities count this many times against both-way demand
  double delay_period_h = 8760;  // the period a queue is fed at the year's rate (freight_delay.hpp)
  double line_bpr_alpha = 0.15;
  double line_bpr_beta = 4;
  double theta_route_per_usd = 0.01;  // lower nest (routes within a mode)
  double theta_mode_per_usd = 0.00073;  // upper nest (modes); must not exceed theta_route
  // Alternative-specific constant of rail in the mode choice (USD per TEU): what shippers weigh
  // against rail beyond its cost and time (booking, reliability, the cargo that suits it); fitted
  // so that China-Europe rail carries its published volume. Enters the choice, not the costs.
  double rail_constant_usd_per_teu = 0;
  double rail_target_teu_per_year = 1.9e6;
  // Weight of the path-size term in the route choice (freight_path_size.hpp): 0 is the plain
  // logit within each mode, 1 the path-size logit as derived (Ben-Akiva and Bierlaire 1999).
  double path_size_beta = 0;
  int calibration_year = 2023;
  // A second published volume the calibrated model is checked against: China-Europe rail in
  // check_year under the scenario that stands for that year (red-sea-closure for 2024, the Red
  // Sea crisis year). One constant fits one target, so this one is reported, not fitted; 0: none.
  double rail_check_teu_per_year = 0;
  int rail_check_year = 2024;
  std::map<std::string, ClassModeConstants> classes;  // by cargo class id

  // The constants the mode choice adds to a class's rail and air routes (USD per TEU).
  double rail_constant_usd_per_teu_for(const std::string& cargo) const;
  double air_constant_usd_per_teu_for(const std::string& cargo) const;
};

// Reads <network dir>/freight_assignment.csv; a network without one gets the defaults above
// (data/bri's values), and `defaulted` (when given) is set.
// Throws io::DatasetError naming file, line and column (unknown parameter, bad number,
// theta_mode above theta_route, a class constant for a cargo class the network lacks).
FreightParameters read_freight_parameters(const Network& net, bool* defaulted = nullptr);
FreightParameters read_freight_parameters_file(const std::string& path);

}  // namespace silkroute::assignment
