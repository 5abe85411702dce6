#pragma once
// A binary snapshot of a dataset folder, so that a command line run does not parse and
// validate the CSV tables every time (issue 17: a route in under 5 ms as a whole process).
//
// The snapshot is keyed by a 128-bit hash of the dataset's CSV files (names, sizes and
// contents) and of the build of the code that reads them (the ELF build id of the binary or
// library holding this code): any edit to a table, or a new build, makes it stale. The files
// are hashed only when their stat (names, sizes, times, inodes) differs from the one the
// snapshot recorded with its key, which is recorded only for files older than a few seconds. A
// stale, damaged or missing snapshot is rebuilt from the CSV files and replaced atomically
// (written to a temporary file, then renamed). Only datasets that validate are snapshotted,
// so errors are always reported from the CSV files with their file, line and field.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "network/network.hpp"

namespace silkroute::io {

struct SnapshotOptions {
  // Where snapshots live; empty: none are read or written (the CSV files are read).
  std::string cache_dir;
  // How old a CSV file's modification and change times must be for the snapshot to keep its
  // stat (size, times, inode) and trust it on later runs instead of hashing the file: an edit
  // within the file system's clock tick of the last one could keep the same times. 0: trust
  // every stat (tests).
  std::chrono::seconds settle{2};

  // SILKROUTE_CACHE_DIR if set ("off" or empty: no snapshots), else $XDG_CACHE_HOME/silkroute,
  // else $HOME/.cache/silkroute, else none.
  static SnapshotOptions from_environment();
};

// What load_dataset did, for tests and `silkroute info --verbose`-style diagnostics.
// hit: the files were hashed and matched the key; hit_by_stat: their stat was as the snapshot
// recorded it (not read).
enum class SnapshotOutcome { disabled, hit, hit_by_stat, written, rebuilt_not_written };

struct SnapshotKey {
  std::uint64_t low = 0;
  std::uint64_t high = 0;
  friend bool operator==(const SnapshotKey&, const SnapshotKey&) = default;
};

// The dataset as read_dataset(dir) gives it, from the snapshot when it is current.
// Throws DatasetError exactly as read_dataset does. `key`, when given, receives the key of the
// snapshot read or written (what the routing snapshot beside it is keyed by); untouched otherwise.
Network load_dataset(const std::string& dir, const SnapshotOptions& options,
                     SnapshotOutcome* outcome = nullptr, SnapshotKey* key = nullptr);

// The key of a dataset folder's CSV files under this build; nullopt when the folder cannot
// be listed or this build has no build id (then nothing is snapshotted).
std::optional<SnapshotKey> dataset_snapshot_key(const std::string& dir);

// The snapshot file for a dataset folder under this build (one per folder and reader build: a
// new one replaces a stale one).
std::string snapshot_path(const std::string& dir, const SnapshotOptions& options);

// One file (a gazetteer: places/gazetteer.hpp) read through a snapshot of its own in
// options.cache_dir, keyed like a dataset's: the file's name, size and content, `format` and this
// build. When the snapshot is current, `use` is given its payload (and returns false when it
// cannot read it); otherwise `parse` reads the file, throwing on bad input (then nothing is
// written), and returns the payload to keep. Without a cache folder only `parse` runs.
SnapshotOutcome load_file_through_snapshot(const std::string& path, std::string_view format, const SnapshotOptions& options,
                                           const std::function<bool(std::string_view)>& use,
                                           const std::function<std::string()>& parse);

// The snapshot file of one file read through load_file_through_snapshot.
std::string file_snapshot_path(const std::string& path, std::string_view format, const SnapshotOptions& options);

// The binary form of a network's tables and its inverse (nullopt on anything malformed).
std::string serialize_network(const Network& net);
std::optional<Network> deserialize_network(std::string_view bytes);

}  // namespace silkroute::io
