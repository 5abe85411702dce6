#pragma once
// An indexed binary min-heap over ids 0..n-1 with decrease-key: each id is in the heap at
// most once, so a search never pops stale duplicates. Ties are broken by id, so searches
// are deterministic. Reused between searches: clear() costs only what the last search used.

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace silkroute {

class MinHeap {
 public:
  explicit MinHeap(std::size_t ids = 0) { resize(ids); }

  void resize(std::size_t ids) {
    position_.assign(ids, kAbsent);
    heap_.clear();
  }
  std::size_t capacity() const { return position_.size(); }
  bool empty() const { return heap_.empty(); }
  bool contains(std::int32_t id) const { return position_[id] >= 0; }

  // Inserts id, or lowers its key if it is already in the heap with a higher one.
  void push_or_decrease(std::int32_t id, double key) {
    auto pos = position_[id];
    if (pos < 0) {
      pos = static_cast<std::int32_t>(heap_.size());
      heap_.push_back({key, id});
      position_[id] = pos;
    } else {
      if (!(key < heap_[pos].key)) return;
      heap_[pos].key = key;
    }
    sift_up(pos);
  }

  std::pair<double, std::int32_t> top() const { return {heap_.front().key, heap_.front().id}; }

  std::pair<double, std::int32_t> pop() {
    const auto out = top();
    position_[out.second] = kAbsent;
    const auto last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) {
      heap_.front() = last;
      position_[last.id] = 0;
      sift_down(0);
    }
    return out;
  }

  // Empties the heap; ids still inside are marked absent (cheap after a full search).
  void clear() {
    for (const auto& e : heap_) position_[e.id] = kAbsent;
    heap_.clear();
  }

 private:
  struct Entry {
    double key;
    std::int32_t id;
  };
  static constexpr std::int32_t kAbsent = -1;

  static bool less(const Entry& a, const Entry& b) { return a.key < b.key || (a.key == b.key && a.id < b.id); }

  void sift_up(std::int32_t pos) {
    const Entry e = heap_[pos];
    while (pos > 0) {
      const auto parent = (pos - 1) / 2;
      if (!less(e, heap_[parent])) break;
      heap_[pos] = heap_[parent];
      position_[heap_[pos].id] = pos;
      pos = parent;
    }
    heap_[pos] = e;
    position_[e.id] = pos;
  }

  void sift_down(std::int32_t pos) {
    const Entry e = heap_[pos];
    const auto n = static_cast<std::int32_t>(heap_.size());
    while (true) {
      auto child = 2 * pos + 1;
      if (child >= n) break;
      if (child + 1 < n && less(heap_[child + 1], heap_[child])) ++child;
      if (!less(heap_[child], e)) break;
      heap_[pos] = heap_[child];
      position_[heap_[pos].id] = pos;
      pos = child;
    }
    heap_[pos] = e;
    position_[e.id] = pos;
  }

  std::vector<Entry> heap_;
  std::vector<std::int32_t> position_;
};

}  // namespace silkroute
