#include "server/response_cache.hpp"

namespace silkroute::server {

std::optional<CachedResponse> ResponseCache::get(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->response;
}

void ResponseCache::put(const std::string& key, const CachedResponse& response) {
  if (!response.body) return;
  Entry entry{key, response};
  const auto size = cost(entry);
  if (size > capacity_bytes_ / 8) return;
  std::lock_guard lock(mutex_);
  if (index_.count(key)) return;  // another thread answered the same request first
  lru_.push_front(std::move(entry));
  index_.emplace(lru_.front().key, lru_.begin());
  bytes_ += size;
  while (bytes_ > capacity_bytes_ && !lru_.empty()) {
    auto& last = lru_.back();
    bytes_ -= cost(last);
    index_.erase(last.key);
    lru_.pop_back();
  }
}

std::size_t ResponseCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

}  // namespace silkroute::server
