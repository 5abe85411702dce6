// The indexed heap pops in key order under any mix of pushes, decrease- and increase-keys,
// holds each id once, and clears for reuse.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "routing/indexed_heap.hpp"

using silkroute::IndexedHeap;

TEST(IndexedHeap, PopsInKeyOrderAfterRandomUpdates) {
  std::mt19937 rng(5);
  for (int round = 0; round < 20; ++round) {
    const int n = 200;
    IndexedHeap<std::uint32_t> heap(n);
    std::map<int, std::uint32_t> model;  // id -> key
    std::uniform_int_distribution<int> id(0, n - 1);
    std::uniform_int_distribution<std::uint32_t> key(0, 50);  // many equal keys
    for (int op = 0; op < 600; ++op) {
      const int v = id(rng);
      const auto k = key(rng);
      heap.push_or_update(v, k);
      model[v] = k;
      if (op % 7 == 0 && !heap.empty()) {
        const auto [popped, popped_key] = heap.pop();
        std::uint32_t smallest = UINT32_MAX;
        for (const auto& [_, mk] : model) smallest = std::min(smallest, mk);
        ASSERT_EQ(popped_key, smallest);
        ASSERT_EQ(model.at(popped), popped_key);
        model.erase(popped);
        ASSERT_FALSE(heap.contains(popped));
      }
    }
    ASSERT_EQ(heap.size(), model.size());
    std::uint32_t last = 0;
    while (!heap.empty()) {
      const auto [v, k] = heap.pop();
      ASSERT_GE(k, last);
      ASSERT_EQ(model.at(v), k);
      model.erase(v);
      last = k;
    }
    EXPECT_TRUE(model.empty());
  }
}

TEST(IndexedHeap, ClearForgetsQueuedIdsOnly) {
  IndexedHeap<double> heap(10);
  heap.push(3, 2.5);
  heap.push(7, 1.0);
  heap.decrease_key(3, 0.5);
  EXPECT_EQ(heap.min_id(), 3);
  EXPECT_EQ(heap.key_of(7), 1.0);
  heap.increase_key(3, 4.0);
  EXPECT_EQ(heap.min_id(), 7);
  heap.clear();
  EXPECT_TRUE(heap.empty());
  EXPECT_FALSE(heap.contains(3));
  heap.push(3, 1.0);  // reusable after clear
  EXPECT_EQ(heap.pop(), std::make_pair(3, 1.0));
}
