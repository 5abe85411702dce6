#pragma once
// A d-ary min-heap over the ids 0..n-1 with decrease-key and increase-key: each id is in
// the heap at most once, so Dijkstra-like searches hold no stale duplicates and the heap
// never grows past the number of reached nodes. Built once per graph and reused: clear()
// costs the number of ids still queued, not n. Four children per node keep the tree
// shallow and a node's children in one cache line (for 8-byte slots).

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace silkroute {

template <typename Key, int Arity = 4>
class IndexedHeap {
  static_assert(Arity >= 2, "a heap needs at least two children per node");

 public:
  using Id = std::int32_t;

  IndexedHeap() = default;
  explicit IndexedHeap(Id id_count) { reset(id_count); }

  // Forgets everything and accepts ids 0..id_count-1.
  void reset(Id id_count) {
    slots_.clear();
    position_.assign(static_cast<std::size_t>(id_count), kAbsent);
  }
  Id id_count() const { return static_cast<Id>(position_.size()); }

  bool empty() const { return slots_.empty(); }
  std::size_t size() const { return slots_.size(); }
  bool contains(Id id) const { return position_[id] != kAbsent; }
  Key key_of(Id id) const { return slots_[position_[id]].key; }
  Key min_key() const { return slots_.front().key; }
  Id min_id() const { return slots_.front().id; }

  // Empties the heap in time proportional to its size.
  void clear() {
    for (const auto& s : slots_) position_[s.id] = kAbsent;
    slots_.clear();
  }

  void push(Id id, Key key) {
    position_[id] = static_cast<std::int32_t>(slots_.size());
    slots_.push_back({key, id});
    sift_up(position_[id]);
  }

  // The key of `id` (queued) becomes `key`, which is not larger.
  void decrease_key(Id id, Key key) {
    slots_[position_[id]].key = key;
    sift_up(position_[id]);
  }

  // The key of `id` (queued) becomes `key`, which is not smaller.
  void increase_key(Id id, Key key) {
    slots_[position_[id]].key = key;
    sift_down(position_[id]);
  }

  // Queues `id` with `key`, or moves it to `key` in either direction.
  void push_or_update(Id id, Key key) {
    if (!contains(id)) return push(id, key);
    if (key < key_of(id)) decrease_key(id, key);
    else increase_key(id, key);
  }

  // Removes and returns the id with the smallest key (ties: any).
  std::pair<Id, Key> pop() {
    const auto top = slots_.front();
    position_[top.id] = kAbsent;
    const auto last = slots_.back();
    slots_.pop_back();
    if (!slots_.empty()) {
      slots_.front() = last;
      position_[last.id] = 0;
      sift_down(0);
    }
    return {top.id, top.key};
  }

 private:
  static constexpr std::int32_t kAbsent = -1;
  struct Slot {
    Key key;
    Id id;
  };

  void sift_up(std::int32_t i) {
    const Slot moving = slots_[i];
    while (i > 0) {
      const std::int32_t parent = (i - 1) / Arity;
      if (!(moving.key < slots_[parent].key)) break;
      slots_[i] = slots_[parent];
      position_[slots_[i].id] = i;
      i = parent;
    }
    slots_[i] = moving;
    position_[moving.id] = i;
  }

  void sift_down(std::int32_t i) {
    const Slot moving = slots_[i];
    const auto n = static_cast<std::int32_t>(slots_.size());
    for (;;) {
      const std::int32_t first = i * Arity + 1;
      if (first >= n) break;
      // The smallest child (the first of equals), chosen with selects rather than branches:
      // which child wins is data, and mispredicted branches cost more than the comparisons.
      std::int32_t best = first;
      Key best_key = slots_[first].key;
      if constexpr (Arity == 4) {
        if (first + 4 <= n) {  // all four: a fixed tournament, left winning ties (same child)
          const Key k1 = slots_[first + 1].key, k2 = slots_[first + 2].key, k3 = slots_[first + 3].key;
          const bool right01 = k1 < best_key;
          const Key min01 = right01 ? k1 : best_key;
          const bool right23 = k3 < k2;
          const Key min23 = right23 ? k3 : k2;
          const bool right = min23 < min01;
          best = first + (right ? 2 + right23 : right01);
          best_key = right ? min23 : min01;
          if (!(best_key < moving.key)) break;
          slots_[i] = slots_[best];
          position_[slots_[i].id] = i;
          i = best;
          continue;
        }
      }
      const std::int32_t end = first + Arity < n ? first + Arity : n;
      for (std::int32_t c = first + 1; c < end; ++c) {
        const Key k = slots_[c].key;
        const bool smaller = k < best_key;
        best = smaller ? c : best;
        best_key = smaller ? k : best_key;
      }
      if (!(best_key < moving.key)) break;
      slots_[i] = slots_[best];
      position_[slots_[i].id] = i;
      i = best;
    }
    slots_[i] = moving;
    position_[moving.id] = i;
  }

  std::vector<Slot> slots_;
  std::vector<std::int32_t> position_;
};

}  // namespace silkroute
