#pragma once
// The embedded gazetteer (data/places/places.csv): cities and towns with country,
// coordinates and population, so a place that is not a network node can still be named.
// Matching is exact (name, ASCII name, alternative name, id or UN/LOCODE, case and accents
// ignored); near misses are only ever suggestions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/great_circle.hpp"
#include "io/dataset_snapshot.hpp"

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
  friend bool operator==(const GazetteerPlace&, const GazetteerPlace&) = default;
};

class Gazetteer {
 public:
  Gazetteer() = default;
  // Reads places.csv; io::DatasetError naming file, line and field on a bad row.
  static Gazetteer load(const std::string& path);
  // The same through a binary snapshot in options.cache_dir, keyed by the file's content and
  // this build (io::load_file_through_snapshot): the command line reads 71,229 transport
  // locations in milliseconds instead of parsing 6.6 MB of CSV on every run. A bad file is
  // still reported from the CSV file (only files that read well are snapshotted).
  static Gazetteer load(const std::string& path, const io::SnapshotOptions& options,
                        io::SnapshotOutcome* outcome = nullptr);
  // Only the places `query` names exactly (what exact(query) finds, in file order), read from
  // the snapshot without building the others: a route from a transport location costs a lookup
  // in three sorted tables, not 71,229 places. Without a cache folder the CSV file is read.
  static Gazetteer load_matching(const std::string& path, const std::string& query, const io::SnapshotOptions& options,
                                 io::SnapshotOutcome* outcome = nullptr);
  // The places this gazetteer has that `query` names exactly (as load_matching gives them).
  Gazetteer matching(const std::string& query) const;
  // The binary form of the places with sorted tables of their names, ids and UN/LOCODEs, and
  // its inverses: every place, or only those a query names (nullopt on anything malformed).
  std::string serialize() const;
  static std::optional<Gazetteer> deserialize_matching(std::string_view bytes, const std::string& query);
  // Names the layout in the snapshot's key; bump when it changes (a new build changes the key too).
  static constexpr std::string_view snapshot_format = "silkroute gazetteer snapshot 2";
  static std::optional<Gazetteer> deserialize(std::string_view bytes);

  const std::vector<GazetteerPlace>& places() const { return places_; }
  bool empty() const { return places_.empty(); }
  // Every place whose id, UN/LOCODE, name, ASCII name or alternative name matches exactly
  // (case and accents ignored), most populous first, then by id.
  std::vector<std::size_t> exact(const std::string& query) const;
  // Places whose name starts with the query, then those within a few edits of it, most
  // populous first within each group; at most n, excluding exact matches.
  std::vector<std::size_t> near(const std::string& query, std::size_t n) const;

 private:
  void index_names();  // keys_ from places_

  struct Key {
    std::string normalized;
    std::size_t place;
  };
  std::vector<GazetteerPlace> places_;
  std::vector<Key> keys_;  // sorted by normalized name
};

}  // namespace silkroute
