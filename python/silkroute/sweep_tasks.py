"""What runs on a worker: one scenario in, its figures out. The network and the analysis go to
each worker once (SweepContext, a Dask worker plugin); each task carries only a scenario's
portable JSON. The serial runner uses the same context and the same function, so serial and
distributed results are the same numbers."""

from __future__ import annotations

import json
import math
import os
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

from . import _silkroute

PLUGIN_NAME = "silkroute-sweep"

# One thread per task: a worker is one core; parallelism comes from the workers. It also keeps
# results independent of the machine.
TASK_THREADS = 1

# Columns of each figure table (after scenario_hash), with SQLite types.
FIGURE_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "routes": [("origin", "TEXT"), ("destination", "TEXT"), ("routed", "INTEGER"), ("time_h", "REAL"),
               ("cost_usd", "REAL"), ("co2_kg", "REAL"), ("distance_km", "REAL"),
               ("generalized_cost_usd", "REAL"), ("label", "TEXT")],
    "demand": [("pairs", "INTEGER"), ("pairs_routed", "INTEGER"), ("weight_teu", "REAL"),
               ("weight_routed_teu", "REAL"), ("time_h_teu", "REAL"), ("cost_usd", "REAL"), ("co2_kg", "REAL"),
               ("generalized_cost_usd", "REAL")],
    "demand_pairs": [("origin", "TEXT"), ("destination", "TEXT"), ("lane", "TEXT"), ("weight_teu", "REAL"),
                     ("routed", "INTEGER"), ("time_h", "REAL"), ("cost_usd", "REAL"), ("co2_kg", "REAL"),
                     ("distance_km", "REAL"), ("generalized_cost_usd", "REAL"), ("label", "TEXT")],
    "matrix": [("origin", "TEXT"), ("destination", "TEXT"), ("metric", "TEXT"), ("value", "REAL")],
    "compare": [("pairs", "INTEGER"), ("both_routed", "INTEGER"), ("newly_connected", "INTEGER"),
                ("cut_off", "INTEGER"), ("weight", "REAL"), ("time_change_h", "REAL"), ("time_change_pct", "REAL"),
                ("cost_change_pct", "REAL"), ("co2_change_pct", "REAL"), ("faster_share", "REAL"),
                ("slower_share", "REAL")],
    "criticality": [("rank", "INTEGER"), ("kind", "TEXT"), ("id", "TEXT"), ("name", "TEXT"),
                    ("failure_cost_usd", "REAL"), ("extra_cost_usd", "REAL"), ("affected_teu", "REAL"),
                    ("cut_off_teu", "REAL"), ("delay_h", "REAL")],
    # Freight assignment (docs/assignment.md): the run and China-Europe rail and sea; the
    # capacity elements (the named ones, or all); TEU by main mode per lane.
    "assign": [("iterations", "INTEGER"), ("converged", "INTEGER"), ("flow_change", "REAL"),
               ("demand_teu", "REAL"), ("china_europe_rail_teu", "REAL"), ("china_europe_sea_teu", "REAL")],
    "assign_elements": [("element", "TEXT"), ("id", "TEXT"), ("name", "TEXT"), ("kind", "TEXT"),
                        ("flow_teu", "REAL"), ("capacity_teu", "REAL"), ("utilization", "REAL"), ("delay_h", "REAL")],
    "assign_lanes": [("lane", "TEXT"), ("mode", "TEXT"), ("teu", "REAL")],
}

# The lanes whose rail share the rail constant is fitted to (assign --calibrate).
CHINA_EUROPE_LANES = ("china_europe_rail", "asia_europe_sea")


def _nan_to_none(x: float) -> Optional[float]:
    return None if isinstance(x, float) and math.isnan(x) else x


class SweepContext:
    """The network, the base scenario and the analysis, loaded once per process.

    Carries the dataset as bytes so that workers on other machines need nothing but the
    silkroute package. As a Dask WorkerPlugin its setup() runs once on each worker, and again
    on a worker that replaces a dead one."""

    name = PLUGIN_NAME

    def __init__(self, dataset: dict[str, bytes], analysis: dict, base_json: str, demand_file: Optional[bytes]):
        self.dataset = dataset
        self.analysis = analysis
        self.base_json = base_json
        self.demand_file = demand_file
        self.engine: Any = None
        self._dir: Optional[tempfile.TemporaryDirectory] = None

    @staticmethod
    def from_folder(folder: str, analysis: dict, base_json: str) -> "SweepContext":
        files = {}
        root = Path(folder)
        for p in sorted(root.rglob("*")):
            if p.is_file() and p.suffix in (".csv", ".toml", ".md"):
                files[str(p.relative_to(root))] = p.read_bytes()
        demand = Path(analysis["demand_file"]).read_bytes() if analysis.get("demand_file") else None
        return SweepContext(files, analysis, base_json, demand)

    def setup(self, worker: Any = None) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="silkroute-sweep-")
        for rel, data in self.dataset.items():
            p = Path(self._dir.name) / "network" / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        if self.demand_file is not None:
            (Path(self._dir.name) / "demand_pairs.csv").write_bytes(self.demand_file)
        self.engine = _silkroute._Network(str(Path(self._dir.name) / "network"))
        self.base_arg = self.engine.scenario_arg_from_json(self.base_json)

    def teardown(self, worker: Any = None) -> None:
        self.engine = None
        if self._dir is not None:
            self._dir.cleanup()

    def demand_path(self) -> str:
        return str(Path(self._dir.name) / "demand_pairs.csv") if self.demand_file is not None else ""

    def run(self, scenario_json: str) -> dict[str, list[tuple]]:
        """Every kept figure of one scenario, as rows (without the scenario hash)."""
        a, e = self.analysis, self.engine
        keep = set(a["keep"])
        out: dict[str, list[tuple]] = {}
        if "routes" in keep:
            rows = e.pair_totals(scenario_json, [(o, d, 1.0) for o, d in a["routes"]], "", [], a["cargo"],
                                 a["objective"], TASK_THREADS)
            out["routes"] = [(r[0], r[1], int(r[3]), *(_nan_to_none(x) for x in r[4:9]), r[9]) for r in rows]
        if keep & {"demand", "demand_pairs"}:
            rows = e.pair_totals(scenario_json, [], self.demand_path(), [], a["cargo"], a["objective"], TASK_THREADS)
            if "demand_pairs" in keep:
                out["demand_pairs"] = [(r[0], r[1], r[10], r[2], int(r[3]), *(_nan_to_none(x) for x in r[4:9]), r[9])
                                       for r in rows]
            if "demand" in keep:
                routed = [r for r in rows if r[3]]
                out["demand"] = [(len(rows), len(routed), math.fsum(r[2] for r in rows), math.fsum(r[2] for r in routed),
                                  math.fsum(r[2] * r[4] for r in routed), math.fsum(r[2] * r[5] for r in routed),
                                  math.fsum(r[2] * r[6] for r in routed), math.fsum(r[2] * r[8] for r in routed))]
        spec = None
        if keep & {"matrix", "compare", "criticality"}:
            spec = e.scenario_arg_from_json(scenario_json)
        if "matrix" in keep:
            m = a["matrix"]
            values = e.matrix(m["origins"], m["destinations"], m["metric"], a["cargo"], "", spec, TASK_THREADS)
            out["matrix"] = [(o, d, m["metric"], _nan_to_none(float(values[i][j])))
                             for i, o in enumerate(m["origins"]) for j, d in enumerate(m["destinations"])]
        if "compare" in keep:
            c = json.loads(e.compare(self.base_arg, spec, [], self.demand_path(), [], a["cargo"], a["objective"], None))
            s = c["overall"]
            out["compare"] = [(s.get("pairs"), s.get("routed_in_both"), s.get("newly_connected"), s.get("cut_off"),
                               s.get("weight"), s.get("time_change_h"), s.get("time_change_pct"),
                               s.get("cost_change_pct"), s.get("co2_change_pct"), s.get("faster_share"),
                               s.get("slower_share"))]
        if "criticality" in keep:
            c = json.loads(e.criticality(spec, [], self.demand_path(), a["cargo"], a["objective"]))
            out["criticality"] = [(i + 1, el.get("kind"), el.get("id"), el.get("name"), el.get("failure_cost_usd"),
                                   el.get("extra_cost_usd"), el.get("affected_teu"), el.get("cut_off_teu"),
                                   el.get("delay_h")) for i, el in enumerate(c["elements"][: a["criticality"]])]
        if a.get("assign") and keep & {"assign", "assign_elements", "assign_lanes"}:
            out.update(_assign_figures(e, scenario_json, a["assign"], keep))
        return out


def _assign_figures(engine: Any, scenario_json: str, opts: dict, keep: set) -> dict[str, list[tuple]]:
    spec = engine.scenario_arg_from_json(scenario_json)
    data = json.loads(engine.assign_freight(spec, opts["cargo"], opts["year"], opts["capacities"],
                                            opts.get("max_iterations", 1000), 0))
    out: dict[str, list[tuple]] = {}
    if "assign" in keep:
        ce = [r for r in data["lanes"] if r["lane"] in CHINA_EUROPE_LANES]
        out["assign"] = [(data["iterations"], int(data["converged"]), data["flow_change"],
                          math.fsum(r["demand_teu_per_year"] for r in data["lanes"]),
                          math.fsum(r["mode_teu_per_year"].get("rail", 0.0) for r in ce),
                          math.fsum(r["mode_teu_per_year"].get("sea", 0.0) for r in ce))]
    if "assign_elements" in keep:
        wanted = set(opts["elements"])
        out["assign_elements"] = [(r["element"], r["id"], r["name"], r["kind"], r["flow_teu_per_year"],
                                   r["capacity_teu_per_year"], r["utilization"], r["delay_h"])
                                  for r in data["elements"]
                                  if (r["id"] in wanted if wanted else r["capacity_teu_per_year"] is not None)]
    if "assign_lanes" in keep:
        out["assign_lanes"] = [(r["lane"], m, teu) for r in data["lanes"] for m, teu in r["mode_teu_per_year"].items()]
    return out


def run_task(scenario_hash: str, scenario_json: str, context: Optional[SweepContext] = None) -> dict:
    """One scenario on this process's context (a Dask worker's plugin when none is given)."""
    if context is None:
        from distributed import get_worker
        worker = get_worker()
        context = worker.plugins[PLUGIN_NAME]
        where = worker.address
    else:
        where = "serial"
    t0 = time.perf_counter()
    figures = context.run(scenario_json)
    return {"hash": scenario_hash, "figures": figures, "seconds": time.perf_counter() - t0, "worker": where,
            "pid": os.getpid()}


def run_batch(items: list[tuple[str, str]]) -> list[dict]:
    """Several scenarios in one task: a scenario of the embedded network takes milliseconds, about
    what the scheduler spends on a task, so small sweeps send them a few at a time."""
    return [run_task(h, scenario) for h, scenario in items]
