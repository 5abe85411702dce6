#include "fuzz_support.hpp"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

#include "io/dataset_reader.hpp"

namespace silkroute::fuzz {

namespace fs = std::filesystem;

namespace {

void remove_scratch() {
  std::error_code ec;
  fs::remove_all(scratch_dir(), ec);
}

}  // namespace

const fs::path& scratch_dir() {
  static const fs::path dir = [] {
    auto d = fs::temp_directory_path() / ("silkroute-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(d);
    std::atexit(remove_scratch);
    return d;
  }();
  return dir;
}

fs::path fresh_dir(const std::string& name) {
  const auto d = scratch_dir() / name;
  std::error_code ec;
  fs::remove_all(d, ec);
  fs::create_directories(d);
  return d;
}

void write_file(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) finding("cannot write the scratch file " + path.string());
}

std::vector<std::pair<std::string, std::string>> split_files(std::string_view data, const std::string& first_name) {
  std::vector<std::pair<std::string, std::string>> files;
  std::string name = first_name;
  bool named = false;  // the current piece follows a "=== name" line
  std::size_t start = 0;
  auto flush = [&](std::size_t end, bool last) {
    if (named || end > start || (last && files.empty())) files.emplace_back(name, std::string(data.substr(start, end - start)));
  };
  std::size_t pos = 0;
  while (pos < data.size()) {
    const auto eol = data.find('\n', pos);
    const auto next = eol == std::string_view::npos ? data.size() : eol + 1;
    if (data.substr(pos, 4) == "=== ") {
      flush(pos, false);
      name.clear();
      for (char c : data.substr(pos + 4, next - pos - 4))
        if (name.size() < 40 && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-')) name += c;
      if (name.empty() || name == "." || name == "..") name = "unnamed";
      named = true;
      start = next;
    }
    pos = next;
  }
  flush(data.size(), true);
  return files;
}

fs::path source_dir() { return SILKROUTE_SOURCE_DIR; }

const Network& mini_network() {
  static const Network net = io::read_dataset((source_dir() / "tests/data/mini").string());
  return net;
}

void finding(const std::string& what) {
  std::fprintf(stderr, "FUZZ FINDING: %s\n", what.c_str());
  std::abort();
}

}  // namespace silkroute::fuzz
