#pragma once
// The built web page, served from memory. Files are read once and sent as they are: the
// HTTP library would otherwise Brotli-compress every script and style sheet at top quality
// on every request (measured: 1.6 s for the 1.5 MB bundle on this project's 2-core
// machine, the blank page users reported), while on the loopback the uncompressed bytes
// take 2 ms.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace silkroute::server {

class StaticFiles {
 public:
  // Throws std::runtime_error when dir is not a folder.
  explicit StaticFiles(const std::string& dir);

  struct File {
    std::shared_ptr<const std::string> body;
    std::string content_type;
  };
  // The file at a URL path ("/" is index.html); nullopt for anything outside the folder,
  // missing, or not a regular file.
  std::optional<File> get(const std::string& url_path) const;

  static std::string content_type_of(const std::string& extension);

 private:
  std::string root_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, File> cache_;
};

}  // namespace silkroute::server
