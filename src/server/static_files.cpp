#include "server/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace silkroute::server {

namespace fs = std::filesystem;

StaticFiles::StaticFiles(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw std::runtime_error("web page folder '" + dir + "' not found (build it with scripts/build_web.sh)");
  root_ = fs::canonical(dir).string();
}

std::string StaticFiles::content_type_of(const std::string& extension) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".geojson", "application/geo+json"},
      {".pbf", "application/x-protobuf"}, {".png", "image/png"}, {".svg", "image/svg+xml"},
      {".ico", "image/x-icon"}, {".woff2", "font/woff2"}, {".txt", "text/plain; charset=utf-8"}};
  auto it = types.find(extension);
  return it == types.end() ? "application/octet-stream" : it->second;
}

std::optional<StaticFiles::File> StaticFiles::get(const std::string& url_path) const {
  std::string relative = url_path;
  while (!relative.empty() && relative.front() == '/') relative.erase(0, 1);
  if (relative.empty() || relative.back() == '/') relative += "index.html";
  // No way out of the folder: no "..", no NUL, and the resolved path must stay inside.
  if (relative.find("..") != std::string::npos || relative.find('\0') != std::string::npos) return std::nullopt;
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(relative); it != cache_.end()) return it->second;
  }
  std::error_code ec;
  const auto path = fs::weakly_canonical(fs::path(root_) / relative, ec);
  if (ec || path.string().rfind(root_ + "/", 0) != 0 || !fs::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return std::nullopt;
  File file{std::make_shared<const std::string>(bytes.str()), content_type_of(path.extension().string())};
  std::lock_guard lock(mutex_);
  return cache_.emplace(relative, std::move(file)).first->second;
}

}  // namespace silkroute::server
