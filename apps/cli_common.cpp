#include "cli_common.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "io/dataset_reader.hpp"

#ifndef SILKROUTE_DEFAULT_NETWORK
#define SILKROUTE_DEFAULT_NETWORK "data/bri"
#endif

namespace silkroute::app {

std::string default_network_dir() {
  if (const char* env = std::getenv("SILKROUTE_NETWORK"); env && *env) return env;
  return SILKROUTE_DEFAULT_NETWORK;
}

Network load_network(const std::string& dir) { return io::read_dataset(dir.empty() ? default_network_dir() : dir); }

std::vector<std::string> split_list(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (const auto& item : raw) {
    std::string cur;
    for (char c : item + ",") {
      if (c == ',') {
        if (!cur.empty()) out.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
  }
  return out;
}

void write_output(const std::string& text, const std::string& path) {
  if (path.empty() || path == "-") {
    std::cout << text;
    return;
  }
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::invalid_argument("--out: cannot write '" + path + "'");
  out << text;
  if (!out) throw std::invalid_argument("--out: writing '" + path + "' failed");
  std::cerr << "wrote " << path << "\n";
}

}  // namespace silkroute::app
