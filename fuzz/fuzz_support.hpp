#pragma once
// What every fuzz target shares: a scratch folder for the files a parser must open, inputs
// split into several named files, the small test network, and the rule for what counts as
// a finding.
//
// The rule: a parser may refuse its input only as the command line expects (io::DatasetError
// or std::invalid_argument, which `silkroute` turns into exit 2 with the file, line and
// field). Any other exception would reach the user as "internal error" (exit 1), so it is
// let through and libFuzzer reports it, like a crash, a sanitizer report, a hang or running
// out of memory.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "network/network.hpp"

namespace silkroute::fuzz {

// A folder of this process's own under the system's temporary folder, removed at exit.
const std::filesystem::path& scratch_dir();

// An empty folder under scratch_dir() (the same one each call: it is emptied first).
std::filesystem::path fresh_dir(const std::string& name);

void write_file(const std::filesystem::path& path, std::string_view bytes);

// Splits "=== name\n<bytes>=== other\n<bytes>" into named files. Text before the first
// "=== " line (or the whole input without one) goes to `first_name`. Names keep only
// [A-Za-z0-9_.-] (at most 40 characters) so that a file always lands inside its folder.
std::vector<std::pair<std::string, std::string>> split_files(std::string_view data, const std::string& first_name);

// The hand-built test network (tests/data/mini), read once.
const Network& mini_network();

// The repository's root (for seed data the targets read at start).
std::filesystem::path source_dir();

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A failure the command line would not expect: abort so that libFuzzer keeps the input.
[[noreturn]] void finding(const std::string& what);

}  // namespace silkroute::fuzz
