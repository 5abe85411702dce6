#!/usr/bin/env python3
"""Sweep throughput: serial, and LocalClusters of 1 and 2 workers, on two sweeps of the embedded
network (docs/performance.md, "Sweeps"). Rounds are interleaved so that load from other work on
a shared machine falls on every configuration alike.

    PYTHONPATH=build/python /usr/bin/python3 scripts/bench_sweep.py [--rounds 2] [--out bench-sweep]
"""

import argparse
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

LIGHT = """
name = "bench-light"
base = "today"
[analysis]
demand = true
[[vary]]
kind = "failures"
elements = ["chokepoints", "ports"]
k = 2
"""

HEAVY = """
name = "bench-heavy"
base = "today"
[analysis]
demand = true
criticality = 10
[[vary]]
kind = "failures"
elements = ["chokepoints", "ports"]
k = 1
"""


def run(sweep_file: Path, db: Path, workers: int) -> dict:
    import psutil
    import silkroute
    from silkroute.sweep_run import make_client
    if db.exists():
        db.unlink()
    client = cluster = None
    if workers:
        client, cluster = make_client(workers, "")
    t0 = time.perf_counter()
    r = silkroute.sweep(sweep_file, db=str(db), workers=0 if not workers else None, client=client, progress=False)
    wall = time.perf_counter() - t0
    if workers:
        rss = client.run(lambda: psutil.Process().memory_info().rss)
        worker_rss_mb = max(rss.values()) / 2**20
        client.close()
        cluster.close()
    else:
        worker_rss_mb = psutil.Process().memory_info().rss / 2**20
    task_s = [row[0] for row in sqlite3.connect(db).execute("SELECT seconds FROM done")]
    return {"workers": workers, "scenarios": r.scenarios, "wall_s": wall, "per_s": r.scenarios / wall,
            "task_ms_median": 1000 * statistics.median(task_s), "task_ms_mean": 1000 * statistics.fmean(task_s),
            "rss_mb_per_process": worker_rss_mb, "db_kb_per_scenario": db.stat().st_size / 1024 / r.scenarios}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--out", default="bench-sweep")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(exist_ok=True)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in (("light", LIGHT), ("heavy", HEAVY)):
            f = Path(tmp) / f"{name}.toml"
            f.write_text(text)
            for rnd in range(args.rounds):
                for workers in (0, 1, 2):
                    r = run(f, Path(tmp) / f"{name}-{workers}.sqlite", workers)
                    r.update(sweep=name, round=rnd)
                    results.append(r)
                    print(json.dumps(r), flush=True)
    (out / "sweep_bench.json").write_text(json.dumps(results, indent=2))
    print(f"cores: {os.cpu_count()}; wrote {out / 'sweep_bench.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
