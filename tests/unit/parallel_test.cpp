// The parallel loop (util/parallel.hpp): every index run exactly once, worker numbers within the
// count the loop promises, the first exception reaching the caller, one thread running in order.
#include "util/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace silkroute {
namespace {

TEST(Parallel, EveryIndexRunsOnceOnAnyNumberOfThreads) {
  for (int threads : {0, 1, 2, 3, 8}) {
    for (std::size_t n : {0u, 1u, 2u, 7u, 1000u}) {
      std::vector<std::atomic<int>> runs(n);
      std::atomic<int> bad_worker{0};
      parallel_for_workers(n, threads, [&](std::size_t i, int worker) {
        ++runs[i];
        if (worker < 0 || worker >= thread_count(threads)) ++bad_worker;
      });
      for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(runs[i].load(), 1) << "index " << i << ", " << threads << " threads";
      EXPECT_EQ(bad_worker.load(), 0);
    }
  }
}

TEST(Parallel, SeveralThreadsDoRunAtOnce) {
  // Two tasks that each wait for the other to start finish only if two threads run them.
  std::atomic<int> started{0};
  parallel_for(2, 2, [&](std::size_t) {
    ++started;
    while (started.load() < 2) std::this_thread::yield();
  });
  EXPECT_EQ(started.load(), 2);
}

TEST(Parallel, WorkersAreDistinctThreads) {
  std::mutex m;
  std::set<std::thread::id> ids;
  std::set<int> workers;
  std::atomic<int> started{0};
  parallel_for_workers(3, 3, [&](std::size_t, int worker) {
    ++started;
    while (started.load() < 3) std::this_thread::yield();
    const std::lock_guard<std::mutex> lock(m);
    ids.insert(std::this_thread::get_id());
    workers.insert(worker);
  });
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(workers, (std::set<int>{0, 1, 2}));
}

TEST(Parallel, OneThreadRunsInOrderOnTheCaller) {
  std::vector<std::size_t> order;
  const auto caller = std::this_thread::get_id();
  bool elsewhere = false;
  parallel_for(5, 1, [&](std::size_t i) {
    order.push_back(i);
    elsewhere = elsewhere || std::this_thread::get_id() != caller;
  });
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
  EXPECT_FALSE(elsewhere);
}

TEST(Parallel, AnExceptionReachesTheCallerAndStopsTheRest) {
  for (int threads : {1, 2, 4}) {
    std::atomic<int> ran{0};
    EXPECT_THROW(parallel_for(10000, static_cast<unsigned>(threads),
                              [&](std::size_t i) {
                                ++ran;
                                if (i == 3) throw std::runtime_error("task 3 failed");
                              }),
                 std::runtime_error);
    EXPECT_LT(ran.load(), 10000) << threads << " threads";
  }
}

TEST(Parallel, AllCoresMeansTheUsableOnes) {
  EXPECT_GE(thread_count(0), 1);
  EXPECT_EQ(thread_count(3), 3);
}

}  // namespace
}  // namespace silkroute
