#pragma once
// What an analyst needs to know about a dataset beyond the loader's hard errors: lengths far
// from the line's geometry, nodes with no link, parts of the network cargo cannot leave,
// duplicate places, and road links drawn across the open sea (an error). Plain results; the
// command line renders them (`silkroute validate`).

#include <string>
#include <vector>

#include "network/network.hpp"

namespace silkroute {

enum class FindingSeverity { warning, error };

struct ValidationFinding {
  FindingSeverity severity = FindingSeverity::warning;
  std::string check;    // length_vs_geometry, no_link, unreachable, duplicate_place, road_across_sea
  std::string file;     // the dataset file holding the element: links.csv, nodes.csv
  std::string element;  // the link or node id (the first of a group)
  std::string message;  // what is wrong, with the figures
};

struct ValidationThresholds {
  // A rail or road link longer than this many times its geometry (its shape where it has
  // one, else the great circle between its ends) and by more than length_excess_km.
  double length_ratio = 1.6;
  // The same for a road classed `mountain` (line_classes.csv): its hairpins are finer than any
  // shape drawn through towns and passes. Phuentsholing-Thimphu is 174-176 km by road between
  // towns 72 km apart (Windhorse Tours; Yana Travel: "6 to 7 bends per kilometre" in stretches),
  // 2.2 times its shape through Gedu, Chukha and Chuzom.
  double mountain_road_length_ratio = 2.5;
  double length_excess_km = 25;  // short spurs around a harbour are not news
  // Two nodes of one country and name (or alternative name) this close are one place twice.
  double duplicate_km = 10;
  // A road link may cross a sea lane (a sea link between two waypoints) only this close to
  // one of its ends: a bridge or tunnel starts at the node by the strait (Bosporus, Oresund,
  // the Channel Tunnel); farther out the drawn road runs across the open sea.
  double fixed_link_km = 50;
};

// The polyline a land link is drawn as: its ends and, where the dataset gives one, its shape.
std::vector<geo::LonLat> link_geometry(const Network& net, const Link& link);

// Every finding, errors first, then by check and element id (deterministic).
std::vector<ValidationFinding> validate_network(const Network& net, const ValidationThresholds& thresholds = {});

}  // namespace silkroute
