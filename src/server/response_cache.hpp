#pragma once
// Answers already serialized, by request, least recently used first out, bounded in bytes.
// Honest because what they answer cannot change while the server runs: the network and the
// bundled scenarios are read once, and the key holds every parameter the answer depends on.

#include <atomic>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace silkroute::server {

struct CachedResponse {
  int status = 200;
  std::shared_ptr<const std::string> body;
};

class ResponseCache {
 public:
  explicit ResponseCache(std::size_t capacity_bytes) : capacity_bytes_(capacity_bytes) {}

  std::optional<CachedResponse> get(const std::string& key);
  // Keeps it unless it alone is more than an eighth of the capacity.
  void put(const std::string& key, const CachedResponse& response);

  std::size_t hits() const { return hits_; }
  std::size_t misses() const { return misses_; }
  std::size_t bytes() const;

 private:
  struct Entry {
    std::string key;
    CachedResponse response;
  };
  static std::size_t cost(const Entry& e) { return e.key.size() + e.response.body->size() + 64; }

  mutable std::mutex mutex_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;  // views into lru_'s keys
  std::size_t capacity_bytes_;
  std::size_t bytes_ = 0;
  std::atomic<std::size_t> hits_{0}, misses_{0};
};

}  // namespace silkroute::server
