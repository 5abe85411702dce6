#pragma once
// The engine's one way to run work in parallel: up to the requested number of threads take
// the next index in turn (plain std::thread: no thread library for every command line start
// to load, docs/performance.md, session 18). Tasks write their own result slots, so answers
// do not depend on how many threads ran them; the first exception a task throws is rethrown to
// the caller.

#include <functional>

namespace silkroute {

// The number of threads `threads` means: itself, or every core for 0.
int thread_count(int threads);

// f(i) for i in [0, n), on up to `threads` threads (0: all cores).
void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t)>& f);

// f(i, worker) with worker in [0, thread_count(threads)): for per-thread scratch buffers.
void parallel_for_workers(std::size_t n, int threads, const std::function<void(std::size_t, int worker)>& f);

}  // namespace silkroute
