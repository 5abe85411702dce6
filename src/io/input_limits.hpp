#pragma once
// How much each reader takes in one file, and a way to open a file that keeps to it. Far
// above any real input of its kind; what they stop is a mistake (a device such as
// /dev/zero, a folder, the wrong huge file) that would otherwise read until memory runs out
// or be taken as an empty file. The error names the file and the limit.

#include <cstdint>
#include <optional>
#include <string>

namespace silkroute::io {

inline constexpr std::uintmax_t kMiB = 1024 * 1024;
inline constexpr std::uintmax_t kMaxCsvBytes = 2048 * kMiB;     // one CSV table (dataset, pairs, weights)
inline constexpr std::uintmax_t kMaxScenarioBytes = 1 * kMiB;   // one scenario or mapping file (TOML)
inline constexpr std::uintmax_t kMaxTntpBytes = 1024 * kMiB;    // one TNTP file (Chicago's largest is ~40 MB)
inline constexpr std::uintmax_t kMaxGisBytes = 4096 * kMiB;     // one GIS vector file (GeoJSON, GeoPackage, ...)
inline constexpr std::uintmax_t kMaxOsmBytes = 16384 * kMiB;    // one OpenStreetMap extract (.osm.pbf or .osm)

// Why `path` cannot be read as one input file of at most `max_bytes` ("what" names the kind
// in the message), or nullopt when it can: it must exist and be a regular file (after
// symbolic links). Folders are allowed where `allow_folder` says so (GIS formats such as a
// folder of shapefiles).
std::optional<std::string> input_file_problem(const std::string& path, std::uintmax_t max_bytes, const std::string& what,
                                              bool allow_folder = false);

// The whole file, read with the same checks (and at most max_bytes, should it grow while
// read); throws std::invalid_argument with the problem.
std::string read_input_file(const std::string& path, std::uintmax_t max_bytes, const std::string& what);

// "1 MiB", "2048 MiB": a limit as messages print it.
std::string limit_text(std::uintmax_t bytes);

}  // namespace silkroute::io
