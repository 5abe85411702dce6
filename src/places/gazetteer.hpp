#pragma once
// The embedded gazetteer (data/places/places.csv): cities and towns with country,
// coordinates and population, so a place that is not a network node can still be named.
// Matching is exact (name, ASCII name, alternative name, id or UN/LOCODE, case and accents
// ignored); near misses are only ever suggestions.

#include <string>
#include <vector>

#include "geo/great_circle.hpp"

namespace silkroute {

struct GazetteerPlace {
  std::string id;  // "nanjing-chn"
  std::string name;
  std::string ascii_name;
  std::vector<std::string> alt_names;
  std::string country;  // ISO3
  geo::LonLat position;
  long long population = -1;  // -1: not given
  std::string kind;           // capital, city, or transport (a UN/LOCODE location only)
  std::string locode;
  std::string function;  // the locode's transport functions, "port|rail|road"; may be empty
  std::string source;

  // A UN/LOCODE transport location with no population figure: named only where no populated
  // place (or network node) has the name (PlaceResolver::resolve).
  bool is_transport_location() const { return kind == "transport"; }
};

class Gazetteer {
 public:
  Gazetteer() = default;
  // Reads places.csv; io::DatasetError naming file, line and field on a bad row.
  static Gazetteer load(const std::string& path);

  const std::vector<GazetteerPlace>& places() const { return places_; }
  bool empty() const { return places_.empty(); }
  // Every place whose id, UN/LOCODE, name, ASCII name or alternative name matches exactly
  // (case and accents ignored), most populous first, then by id.
  std::vector<std::size_t> exact(const std::string& query) const;
  // Places whose name starts with the query, then those within a few edits of it, most
  // populous first within each group; at most n, excluding exact matches.
  std::vector<std::size_t> near(const std::string& query, std::size_t n) const;

 private:
  struct Key {
    std::string normalized;
    std::size_t place;
  };
  std::vector<GazetteerPlace> places_;
  std::vector<Key> keys_;  // sorted by normalized name
};

}  // namespace silkroute
