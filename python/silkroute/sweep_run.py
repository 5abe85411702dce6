"""Runs a sweep's pending scenarios serially or on Dask distributed, writing each result to the
store as it arrives, with a progress line on a terminal."""

from __future__ import annotations

import sys
import time
from typing import Callable, Optional, TextIO

from .sweep_store import Store
from .sweep_tasks import PLUGIN_NAME, SweepContext, run_batch, run_task

# Tasks kept in flight per worker: enough to keep workers busy, few enough that a sweep of a
# million scenarios never holds a million futures.
IN_FLIGHT_PER_WORKER = 4
# Scenarios per task at most; fewer when the sweep is small, so that every worker gets several tasks.
MAX_BATCH = 16


class Progress:
    """"done/total, rate, time left" on one rewritten line of a terminal; silent otherwise."""

    def __init__(self, total: int, done: int, stream: Optional[TextIO] = None, enabled: Optional[bool] = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total, self.start_done, self.done = total, done, done
        self.t0 = time.monotonic()
        self.last = 0.0

    def step(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and (now - self.last > 0.2 or self.done == self.total):
            self.last = now
            self.stream.write("\r" + self.line(now))
            self.stream.flush()

    def line(self, now: float) -> str:
        elapsed = max(now - self.t0, 1e-9)
        rate = (self.done - self.start_done) / elapsed
        left = (self.total - self.done) / rate if rate > 0 else float("inf")
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        eta = _clock(left) if left != float("inf") else "--:--"
        return (f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} scenarios  "
                f"{rate:.1f}/s  {eta} left ")

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def run_serial(store: Store, context: SweepContext, pending: list[tuple[str, str]], progress: Progress,
               limit: Optional[int] = None, on_result: Optional[Callable[[dict], None]] = None) -> int:
    context.setup()
    figures = store.figures()
    written = 0
    try:
        for h, scenario in pending[:limit] if limit is not None else pending:
            result = run_task(h, scenario, context)
            if store.write(result, figures):
                written += 1
            progress.step()
            if on_result:
                on_result(result)
    finally:
        context.teardown()
    return written


def make_client(workers: int, scheduler: str):
    """A client of the given scheduler, or of a new LocalCluster on 127.0.0.1 with `workers`
    single-threaded worker processes (each its own engine and GIL)."""
    from distributed import Client, LocalCluster
    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None, silence_logs=40)
    return Client(cluster), cluster


def run_distributed(store: Store, context: SweepContext, pending: list[tuple[str, str]], progress: Progress,
                    client, limit: Optional[int] = None, on_result: Optional[Callable[[dict], None]] = None) -> int:
    """Submits scenarios in a bounded window and writes each result as it completes. A task lost
    with a dead worker is rerun by the scheduler on another one (up to `retries` more times for
    errors inside a task)."""
    from distributed import as_completed
    client.register_worker_plugin(context, name=PLUGIN_NAME)
    figures = store.figures()
    todo = list(pending[:limit] if limit is not None else pending)
    workers = max(1, len(client.scheduler_info()["workers"]))
    batch = max(1, min(MAX_BATCH, len(todo) // (workers * IN_FLIGHT_PER_WORKER * 4)))
    chunks = [todo[i:i + batch] for i in range(0, len(todo), batch)]
    window = IN_FLIGHT_PER_WORKER * workers
    queue = iter(chunks)
    written = 0

    def submit(chunk):
        # An explicit key: one task per chunk of scenarios, never merged with an earlier run's.
        return client.submit(run_batch, chunk, key=f"silkroute-sweep-{chunk[0][0]}-{len(chunk)}", retries=2, pure=False)

    ac = as_completed([submit(c) for _, c in zip(range(window), queue)])
    for future in ac:
        results = future.result()
        future.release()
        for result in results:  # each scenario in its own transaction
            if store.write(result, figures):
                written += 1
            progress.step()
            if on_result:
                on_result(result)
        nxt = next(queue, None)
        if nxt is not None:
            ac.add(submit(nxt))
    return written
