"""Many scenarios at once: `silkroute sweep SWEEP.toml` and silkroute.sweep(...).

    import silkroute
    result = silkroute.sweep("examples/sweeps/chokepoints.toml", db="chokepoints.sqlite", workers=2)
    result.table("demand")          # a pandas DataFrame, one row per variation
    result.export_csv("out/")

A sweep file (docs/sweeps.md) declares a base scenario, its variations and the analysis run
for each. Variations become portable scenarios (canonical JSON, named by their hash); each
distinct scenario is computed once, serially (workers=0) or on Dask distributed (a
LocalCluster on 127.0.0.1, or any scheduler), and written to SQLite as it finishes, so an
interrupted sweep resumes without recomputing anything."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from . import _silkroute
from .sweep_file import SweepError, SweepSpec, did_you_mean, parse_sweep_text, read_sweep
from .sweep_run import Progress, make_client, run_distributed, run_serial
from .sweep_store import Store, export_csv, table
from .sweep_tasks import SweepContext
from .sweep_variations import Expander

__all__ = ["sweep", "SweepResult", "SweepError", "plan", "main"]


@dataclass
class SweepResult:
    db: str
    scenarios: int                 # distinct scenarios in the sweep
    computed: int                  # computed by this call
    skipped: int                   # already in the database (resume)
    seconds: float
    notes: list[str] = field(default_factory=list)

    def table(self, figure: str, with_variations: bool = True):
        return table(self.db, figure, with_variations)

    def export_csv(self, out_dir: str) -> list[str]:
        return export_csv(self.db, out_dir)


@dataclass
class Plan:
    spec: SweepSpec
    network_dir: str
    base_json: str
    variations: list
    segments: list
    draws: list
    notes: list
    fingerprint: str
    context: SweepContext


def _network_dir(spec: SweepSpec) -> str:
    if spec.network:
        return spec.network
    from . import _default_network_dir
    return _default_network_dir()


def plan(spec: Union[str, os.PathLike, SweepSpec]) -> Plan:
    """Reads and expands a sweep without running it: every id is checked here."""
    if not isinstance(spec, SweepSpec):
        spec = read_sweep(spec)
    folder = _network_dir(spec)
    engine = _silkroute._Network(folder)
    try:
        base_json = engine.scenario_json(_silkroute._ScenarioArg(spec.base, "", ""))
    except ValueError as e:
        raise spec.error("base", str(e)) from None
    ex = Expander(spec, engine, base_json)
    variations = ex.expand()
    base_canonical = variations[0].scenario
    analysis = spec.analysis.to_json()
    _check_analysis(spec, engine, base_canonical, ex.elements)
    context = SweepContext.from_folder(folder, analysis, base_canonical)
    digest = hashlib.sha256()
    for rel, data in sorted(context.dataset.items()):
        digest.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    digest.update(json.dumps(analysis, sort_keys=True).encode())
    digest.update(context.demand_file or b"")
    for v in variations:
        digest.update(f"{v.id}\0{v.hash}\0{v.reference}\n".encode())
    for s in ex.segments:
        digest.update(f"{s.block},{s.draw},{s.start_day!r},{s.days!r},{s.variation}\n".encode())
    return Plan(spec, folder, base_canonical, variations, ex.segments, ex.draws, ex.notes, digest.hexdigest(), context)


def _check_analysis(spec: SweepSpec, engine, base_json: str, elements: list) -> None:
    """Places, cargo and assignment elements named in [analysis] exist (exact names, with "did you mean")."""
    a = spec.analysis
    places = [(f"analysis.routes[{i}]", p) for i, pair in enumerate(a.routes) for p in pair]
    if a.matrix:
        places += [("analysis.matrix.origins", p) for p in a.matrix["origins"]]
        places += [("analysis.matrix.destinations", p) for p in a.matrix["destinations"]]
    for key, p in places:
        try:
            engine.place_id(p)
        except LookupError as e:
            raise spec.error(key, str(e)) from None
    if a.cargo:
        try:
            engine.pair_totals(base_json, [], "", [], a.cargo, a.objective, 1)
        except ValueError as e:
            raise spec.error("analysis.cargo", str(e)) from None
    if a.assign:
        # One iteration on the base lists every capacity element and checks cargo and year.
        try:
            data = json.loads(engine.assign_freight(engine.scenario_arg_from_json(base_json), a.assign["cargo"],
                                                    a.assign["year"], a.assign["capacities"], 1, 0))
        except ValueError as e:
            raise spec.error("analysis.assign", str(e)) from None
        known = sorted({r["id"] for r in data["elements"] if r["capacity_teu_per_year"] is not None} |
                       {e[1] for e in elements if e[0] == "link"})
        for i, x in enumerate(a.assign["elements"]):
            if x not in known:
                raise spec.error(f"analysis.assign.elements[{i}]", f"unknown capacity element or link '{x}'"
                                 f"{did_you_mean(x, known)}")


def sweep(spec: Union[str, os.PathLike, SweepSpec], *, db: Optional[str] = None, workers: Optional[int] = None,
          scheduler: str = "", resume: bool = False, progress: Optional[bool] = None, limit: Optional[int] = None,
          client=None) -> SweepResult:
    """Runs a sweep file (or a parsed SweepSpec) and returns where its results are.

    workers: 0 runs serially in this process; N starts a LocalCluster of N worker processes on
    127.0.0.1 (default: one per core); scheduler: the address of a running Dask scheduler
    ("tcp://host:8786"); client: an existing distributed.Client. db: the SQLite file (default:
    <sweep name>.sqlite); resume: continue the sweep that db holds. limit: compute at most
    that many scenarios now (the rest on a later resume). progress: a progress line on stderr
    (default: when stderr is a terminal)."""
    t0 = time.monotonic()
    p = plan(spec)
    db = db or f"{p.spec.name}.sqlite"
    store = Store(db)
    try:
        info = {"name": p.spec.name, "description": p.spec.description, "base": p.spec.base, "network": p.network_dir,
                "analysis": p.spec.analysis.to_json(), "notes": p.notes}
        store.open_sweep(p.fingerprint, resume, info, p.spec.analysis.figures(), p.variations, p.segments, p.draws)
        pending = store.pending()
        done, total = store.counts()
        bar = Progress(total, done, enabled=progress)
        if not pending:
            computed = 0
        elif client is None and not scheduler and workers == 0:
            computed = run_serial(store, p.context, pending, bar, limit)
        else:
            own_cluster = None
            if client is None:
                client, own_cluster = make_client(workers if workers else (os.cpu_count() or 1), scheduler)
                own_client = True
            else:
                own_client = False
            try:
                computed = run_distributed(store, p.context, pending, bar, client, limit)
            finally:
                if own_client:
                    client.close()
                if own_cluster is not None:
                    own_cluster.close()
        bar.close()
        return SweepResult(db, total, computed, done, time.monotonic() - t0, p.notes)
    finally:
        store.close()


def _parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="silkroute sweep",
                                 description="Run many scenarios (a sweep file, docs/sweeps.md) serially or on Dask.")
    ap.add_argument("sweep_file", help="the sweep file (TOML)")
    ap.add_argument("--workers", type=int, default=None,
                    help="worker processes of a LocalCluster on 127.0.0.1 (default: one per core; 0: serial)")
    ap.add_argument("--scheduler", default="", help="address of a running Dask scheduler, e.g. tcp://host:8786")
    ap.add_argument("--db", default=None, help="SQLite file for the results (default: <sweep name>.sqlite)")
    ap.add_argument("--resume", action="store_true", help="continue the sweep the database holds")
    ap.add_argument("--limit", type=int, default=None, help="compute at most this many scenarios now")
    ap.add_argument("--export", metavar="DIR", default=None, help="write every figure as DIR/<figure>.csv")
    ap.add_argument("--check", action="store_true", help="read and expand the sweep, print what it holds, run nothing")
    ap.add_argument("--quiet", action="store_true", help="no progress line")
    return ap.parse_args(argv)


def main(argv: Optional[list[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "report":
        from .sweep_report import main as report_main
        return report_main(argv[1:])
    args = _parse_args(argv)
    try:
        if args.workers is not None and args.workers < 0:
            raise SweepError("--workers: expected 0 (serial) or more")
        if args.limit is not None and args.limit < 1:
            raise SweepError("--limit: expected 1 or more")
        if args.check:
            p = plan(args.sweep_file)
            kinds: dict[str, int] = {}
            for v in p.variations:
                kinds[v.kind] = kinds.get(v.kind, 0) + 1
            print(f"sweep {p.spec.name}: {len(p.variations)} variations, {len({v.hash for v in p.variations})} distinct "
                  f"scenarios ({', '.join(f'{k} {n}' for k, n in kinds.items())}); figures: "
                  f"{', '.join(p.spec.analysis.figures())}")
            for n in p.notes:
                print(f"note: {n}")
            return 0
        r = sweep(args.sweep_file, db=args.db, workers=args.workers, scheduler=args.scheduler, resume=args.resume,
                  progress=False if args.quiet else None, limit=args.limit)
    except (SweepError, _silkroute.ScenarioError, _silkroute.DatasetError, _silkroute.PlaceNotFoundError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ninterrupted: finished scenarios are saved; run again with --resume to continue", file=sys.stderr)
        return 130
    for n in r.notes:
        print(f"note: {n}", file=sys.stderr)
    print(f"{r.db}: {r.skipped + r.computed} of {r.scenarios} scenarios done ({r.computed} computed now, "
          f"{r.skipped} from before) in {r.seconds:.1f} s")
    if args.export:
        for path in r.export_csv(args.export):
            print(f"wrote {path}")
    return 0


class _CallableModule(types.ModuleType):
    """silkroute.sweep is this module; calling it runs a sweep, as silkroute.sweep.sweep does."""

    def __call__(self, spec, **options) -> SweepResult:
        return sweep(spec, **options)


if __name__ == "__main__":
    sys.exit(main())
else:
    sys.modules[__name__].__class__ = _CallableModule
