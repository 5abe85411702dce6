#include "io/input_limits.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace silkroute::io {

namespace fs = std::filesystem;

std::string limit_text(std::uintmax_t bytes) {
  if (bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  return std::to_string(bytes) + " bytes";
}

std::optional<std::string> input_file_problem(const std::string& path, std::uintmax_t max_bytes, const std::string& what,
                                              bool allow_folder) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return path + ": file not found (cannot open it)";
  if (fs::is_directory(status)) {
    if (allow_folder) return std::nullopt;
    return path + ": is a folder, not a " + what;
  }
  if (!fs::is_regular_file(status)) return path + ": not a regular file (a device, pipe or socket), so not a " + what;
  const auto size = fs::file_size(path, ec);
  if (ec) return path + ": cannot read its size (" + ec.message() + ")";
  if (size > max_bytes)
    return path + ": " + std::to_string(size) + " bytes, more than the limit of " + limit_text(max_bytes) + " for a " + what;
  return std::nullopt;
}

std::string read_input_file(const std::string& path, std::uintmax_t max_bytes, const std::string& what) {
  if (auto problem = input_file_problem(path, max_bytes, what)) throw std::invalid_argument(*problem);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(path + ": cannot open the " + what);
  std::string text;
  char buffer[64 * 1024];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes)
      throw std::invalid_argument(path + ": more than the limit of " + limit_text(max_bytes) + " for a " + what);
  }
  if (in.bad()) throw std::invalid_argument(path + ": cannot read the " + what);
  return text;
}

}  // namespace silkroute::io
