#include "util/parallel.hpp"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace silkroute {

namespace {

// The cores this process may run on (its affinity mask, as taskset or a container sets it).
int usable_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

}  // namespace

int thread_count(int threads) { return threads > 0 ? threads : usable_cores(); }

void parallel_for_workers(std::size_t n, int threads, const std::function<void(std::size_t, int)>& f) {
  if (n == 0) return;
  const int workers = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(thread_count(threads)), n));
  if (workers == 1) {
    for (std::size_t i = 0; i < n; ++i) f(i, 0);
    return;
  }
  // Tasks (an origin's tree, a failed element, a bush) are few and uneven: each worker takes
  // the next index until none is left. Threads live for one call: a call's tasks take
  // milliseconds or more, a thread's start some tens of microseconds.
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex error_mutex;
  const auto work = [&](int worker) {
    for (std::size_t i; !failed.load(std::memory_order_relaxed) && (i = next.fetch_add(1)) < n;) {
      try {
        f(i, worker);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(workers - 1));
  try {
    for (int w = 1; w < workers; ++w) pool.emplace_back(work, w);
  } catch (...) {  // no thread to be had: stop the ones started, then report it
    failed = true;
    for (auto& t : pool) t.join();
    throw;
  }
  work(0);
  for (auto& t : pool) t.join();
  if (first_error) std::rethrow_exception(first_error);
}

void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& f) {
  parallel_for_workers(n, static_cast<int>(threads), [&](std::size_t i, int) { f(i); });
}

}  // namespace silkroute
