#include "util/parallel.hpp"

#include <algorithm>
#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

namespace silkroute {

int thread_count(int threads) { return threads > 0 ? threads : std::max(1, tbb::info::default_concurrency()); }

void parallel_for_workers(std::size_t n, int threads, const std::function<void(std::size_t, int)>& f) {
  if (n == 0) return;
  const int workers = thread_count(threads);
  if (workers == 1 || n == 1) {
    for (std::size_t i = 0; i < n; ++i) f(i, 0);
    return;
  }
  tbb::task_arena arena(workers);
  arena.execute([&] {
    // Grain 1: tasks (an origin's tree, a failed element, a bush) are few and uneven.
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1), [&](const tbb::blocked_range<std::size_t>& r) {
      const int worker = tbb::this_task_arena::current_thread_index();
      for (auto i = r.begin(); i != r.end(); ++i) f(i, worker);
    });
  });
}

void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& f) {
  parallel_for_workers(n, static_cast<int>(threads), [&](std::size_t i, int) { f(i); });
}

}  // namespace silkroute
