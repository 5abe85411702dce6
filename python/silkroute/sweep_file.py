"""The sweep file (TOML): a base scenario, its variations, the analysis run for each and the
figures kept. Read with the engine's TOML parser (toml++) so that every error names the
file, the line and the key, with "did you mean" for misspelt names (docs/sweeps.md)."""

from __future__ import annotations

import difflib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from . import _silkroute

VARIATION_KINDS = ("grid", "list", "failures", "monte_carlo", "projects")
FIGURES = ("routes", "demand", "demand_pairs", "matrix", "compare", "criticality", "assign", "assign_elements",
           "assign_lanes")
FAILURE_CATEGORIES = ("chokepoints", "crossings", "lines", "ports")
GRID_SCALARS = ("year", "carbon_price_usd_per_t")
MODE_FIELDS = ("speed_kmh", "speed_factor", "cost_usd_per_teu_km", "cost_factor", "co2_kg_per_teu_km",
               "handling_h", "handling_cost_usd")
MODES = ("rail", "road", "sea", "ferry", "air", "iww")
OBJECTIVES = ("time", "cost", "co2", "generalized")
METRICS = ("time", "cost", "co2", "distance", "generalized")
APPRAISAL_MODES = ("isolation", "complement")


class SweepError(ValueError):
    """A bad sweep file: the message names the file, the line and the key."""


def did_you_mean(word: str, known: Any) -> str:
    close = difflib.get_close_matches(str(word), [str(k) for k in known], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass
class Vary:
    """One [[vary]] block; `where` is its key path ("vary[2]") for messages."""
    kind: str
    where: str
    options: dict


@dataclass
class Analysis:
    cargo: str = ""
    objective: str = "generalized"
    routes: list = field(default_factory=list)          # [(origin, destination)]
    demand: bool = False
    demand_file: str = ""                               # empty: the network's demand.csv
    matrix: Optional[dict] = None                       # origins, destinations, metric
    compare: bool = False
    criticality: int = 0                                # top elements kept; 0: not run
    assign: Optional[dict] = None                       # freight assignment: cargo, year, capacities, elements
    keep: list = field(default_factory=list)

    def figures(self) -> list[str]:
        """The figures computed, in a fixed order."""
        made = []
        if self.routes:
            made.append("routes")
        if self.demand:
            made += ["demand", "demand_pairs"]
        if self.matrix:
            made.append("matrix")
        if self.compare:
            made.append("compare")
        if self.criticality:
            made.append("criticality")
        if self.assign is not None:
            made += ["assign", "assign_elements", "assign_lanes"]
        return [f for f in made if f in self.keep] if self.keep else made

    def to_json(self) -> dict:
        return {"cargo": self.cargo, "objective": self.objective, "routes": self.routes, "demand": self.demand,
                "demand_file": self.demand_file, "matrix": self.matrix, "compare": self.compare,
                "criticality": self.criticality, "assign": self.assign, "keep": self.figures()}


@dataclass
class SweepSpec:
    path: str
    name: str
    description: str
    base: str                  # bundled name or scenario file path (resolved)
    network: str               # dataset folder; empty: the embedded network
    analysis: Analysis
    vary: list[Vary]
    text: str                  # the file's text, part of the sweep's fingerprint
    lines: dict = field(default_factory=dict)

    def line(self, key: str) -> int:
        return line_of(self.lines, key)

    def error(self, key: str, message: str) -> SweepError:
        return SweepError(f"{self.path}:{self.line(key)}: key '{key}': {message}")


def line_of(lines: dict, key: str) -> int:
    """The line of a key path, or of its nearest enclosing key ("a.b[2].c" -> "a.b[2]" -> "a.b")."""
    while key:
        if key in lines:
            return lines[key]
        key = key.rsplit(".", 1)[0] if "." in key else (key.rsplit("[", 1)[0] if "[" in key else "")
    return 1


class _Reader:
    def __init__(self, path: str, lines: dict):
        self.path = path
        self.lines = lines

    def line(self, key: str) -> int:
        return line_of(self.lines, key)

    def fail(self, key: str, message: str) -> SweepError:
        return SweepError(f"{self.path}:{self.line(key)}: key '{key}': {message}")

    def keys(self, table: dict, prefix: str, known: tuple) -> None:
        for k in table:
            if k not in known:
                key = f"{prefix}.{k}" if prefix else k
                raise self.fail(key, f"unknown key{did_you_mean(k, known)}; known: {', '.join(known)}")

    def string(self, table: dict, key: str, prefix: str, default: str = "") -> str:
        v = table.get(key, default)
        if not isinstance(v, str):
            raise self.fail(_join(prefix, key), f"expected a string, got {json.dumps(v)}")
        return v

    def integer(self, table: dict, key: str, prefix: str, default: int, low: int, high: int) -> int:
        v = table.get(key, default)
        if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
            raise self.fail(_join(prefix, key), f"expected a whole number from {low} to {high}, got {json.dumps(v)}")
        return v

    def strings(self, table: dict, key: str, prefix: str) -> list[str]:
        v = table.get(key, [])
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise self.fail(_join(prefix, key), f"expected a list of strings, got {json.dumps(v)}")
        return v

    def choice(self, value: Any, key: str, known: tuple) -> str:
        if value not in known:
            raise self.fail(key, f"unknown value {json.dumps(value)}{did_you_mean(value, known)}; "
                                 f"expected one of {', '.join(known)}")
        return value


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def parse_sweep_text(text: str, path: str = "<sweep>") -> SweepSpec:
    """Reads a sweep file's text; relative paths in it are relative to `path`'s folder."""
    try:
        data_text, lines = _silkroute.parse_toml(text, path)
    except ValueError as e:
        raise SweepError(str(e)) from None
    data = json.loads(data_text)
    r = _Reader(path, lines)
    here = Path(path).parent if path and not path.startswith("<") else Path.cwd()
    r.keys(data, "", ("name", "description", "base", "network", "analysis", "vary"))
    name = r.string(data, "name", "", Path(path).stem if not path.startswith("<") else "sweep")
    description = r.string(data, "description", "")
    base = r.string(data, "base", "", "today")
    if base.endswith(".toml"):
        base = str((here / base).resolve())
    network = r.string(data, "network", "")
    if network:
        network = str((here / network).resolve())
        if not os.path.isdir(network):
            raise r.fail("network", f"no dataset folder {network}")
    analysis = _analysis(r, data.get("analysis", {}), here)
    vary_raw = data.get("vary", [])
    if not isinstance(vary_raw, list) or not all(isinstance(v, dict) for v in vary_raw):
        raise r.fail("vary", "expected [[vary]] tables")
    vary = [_vary(r, v, f"vary[{i}]", here) for i, v in enumerate(vary_raw)]
    return SweepSpec(path, name, description, base, network, analysis, vary, text, lines)


def read_sweep(path: str | os.PathLike) -> SweepSpec:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise SweepError(f"{p}: cannot read the sweep file: {e.strerror}") from None
    return parse_sweep_text(text, str(p))


def _analysis(r: _Reader, a: Any, here: Path) -> Analysis:
    if not isinstance(a, dict):
        raise r.fail("analysis", "expected a table [analysis]")
    r.keys(a, "analysis", ("cargo", "objective", "routes", "demand", "matrix", "compare", "criticality", "assign", "keep"))
    out = Analysis()
    out.cargo = r.string(a, "cargo", "analysis")
    out.objective = r.choice(a.get("objective", "generalized"), "analysis.objective", OBJECTIVES)
    routes = a.get("routes", [])
    if not isinstance(routes, list):
        raise r.fail("analysis.routes", "expected a list of [origin, destination] pairs")
    for i, p in enumerate(routes):
        if not (isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)):
            raise r.fail(f"analysis.routes[{i}]", f"expected [origin, destination], got {json.dumps(p)}")
        out.routes.append((p[0], p[1]))
    demand = a.get("demand", False)
    if isinstance(demand, str):
        out.demand, out.demand_file = True, str((here / demand).resolve())
        if not os.path.isfile(out.demand_file):
            raise r.fail("analysis.demand", f"no pairs file {out.demand_file}")
    elif isinstance(demand, bool):
        out.demand = demand
    else:
        raise r.fail("analysis.demand", "expected true (the network's demand table) or a pairs CSV path")
    if "matrix" in a:
        m = a["matrix"]
        if not isinstance(m, dict):
            raise r.fail("analysis.matrix", "expected a table with origins, destinations and metric")
        r.keys(m, "analysis.matrix", ("origins", "destinations", "metric"))
        origins, destinations = r.strings(m, "origins", "analysis.matrix"), r.strings(m, "destinations", "analysis.matrix")
        if not origins or not destinations:
            raise r.fail("analysis.matrix", "origins and destinations must not be empty")
        out.matrix = {"origins": origins, "destinations": destinations,
                      "metric": r.choice(m.get("metric", "time"), "analysis.matrix.metric", METRICS)}
    if not isinstance(a.get("compare", False), bool):
        raise r.fail("analysis.compare", "expected true or false")
    out.compare = a.get("compare", False)
    out.criticality = r.integer(a, "criticality", "analysis", 0, 0, 10000)
    if "assign" in a:
        out.assign = _assign(r, a["assign"])
    keep = r.strings(a, "keep", "analysis")
    for i, k in enumerate(keep):
        r.choice(k, f"analysis.keep[{i}]", FIGURES)
    if out.compare and not out.demand:
        out.demand = True  # compare runs on the demand pairs; keep says whether they are stored
        if not keep:
            keep = [f for f in FIGURES if f not in ("demand", "demand_pairs")]
    out.keep = keep
    if not out.figures():
        raise r.fail("analysis", "nothing to compute: give routes, demand, matrix, compare, criticality or assign "
                                 "(and keep at least one of them)")
    return out


def _assign(r: _Reader, a: Any) -> Optional[dict]:
    """[analysis.assign] (or assign = true): the freight assignment of the network's demand with
    capacities and the nested logit (docs/assignment.md), for every variation."""
    if isinstance(a, bool):
        return {"cargo": "general", "year": None, "capacities": True, "elements": []} if a else None
    if not isinstance(a, dict):
        raise r.fail("analysis.assign", "expected true or a table with cargo, year, capacities, elements")
    r.keys(a, "analysis.assign", ("cargo", "year", "capacities", "elements", "max_iterations"))
    cargo = r.string(a, "cargo", "analysis.assign") or "general"
    year = a.get("year")
    if year is not None:
        year = r.integer(a, "year", "analysis.assign", 0, 1800, 2100)
    if not isinstance(a.get("capacities", True), bool):
        raise r.fail("analysis.assign.capacities", "expected true or false")
    return {"cargo": cargo, "year": year, "capacities": a.get("capacities", True),
            "elements": r.strings(a, "elements", "analysis.assign"),
            "max_iterations": r.integer(a, "max_iterations", "analysis.assign", 1000, 1, 100000)}


def _vary(r: _Reader, v: dict, where: str, here: Path) -> Vary:
    if "kind" not in v:
        raise r.fail(where, f"missing key 'kind' ({', '.join(VARIATION_KINDS)})")
    kind = r.choice(v["kind"], f"{where}.kind", VARIATION_KINDS)
    opts = {k: x for k, x in v.items() if k != "kind"}
    if kind == "grid":
        r.keys(opts, where, GRID_SCALARS + ("modes",))
        if not opts:
            raise r.fail(where, "a grid needs at least one parameter (year, carbon_price_usd_per_t, modes.<mode>.<field>)")
        for k in GRID_SCALARS:
            if k in opts:
                vals = opts[k]
                if not isinstance(vals, list) or not vals or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in vals):
                    raise r.fail(f"{where}.{k}", f"expected a list of numbers, got {json.dumps(vals)}")
        modes = opts.get("modes", {})
        if not isinstance(modes, dict):
            raise r.fail(f"{where}.modes", "expected tables [vary.modes.<mode>]")
        for mode, fields in modes.items():
            r.choice(mode, f"{where}.modes.{mode}", MODES)
            r.keys(fields, f"{where}.modes.{mode}", MODE_FIELDS)
            for f, vals in fields.items():
                if not isinstance(vals, list) or not vals or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in vals):
                    raise r.fail(f"{where}.modes.{mode}.{f}", f"expected a list of numbers, got {json.dumps(vals)}")
    elif kind == "list":
        r.keys(opts, where, ("scenarios",))
        names = r.strings(opts, "scenarios", where)
        if not names:
            raise r.fail(f"{where}.scenarios", "expected bundled scenario names or .toml files")
        opts["scenarios"] = [str((here / n).resolve()) if n.endswith(".toml") else n for n in names]
    elif kind == "failures":
        r.keys(opts, where, ("elements", "k", "chokepoints", "links", "nodes", "borders", "countries"))
        for i, c in enumerate(r.strings(opts, "elements", where)):
            r.choice(c, f"{where}.elements[{i}]", FAILURE_CATEGORIES)
        for k in ("chokepoints", "links", "nodes", "borders", "countries"):
            r.strings(opts, k, where)
        opts["k"] = r.integer(opts, "k", where, 1, 1, 4)
        if not any(opts.get(k) for k in ("elements", "chokepoints", "links", "nodes", "borders", "countries")):
            raise r.fail(where, "name what fails: elements = [...] (chokepoints, crossings, lines, ports) or ids")
    elif kind == "monte_carlo":
        r.keys(opts, where, ("draws", "seed", "failures"))
        opts["draws"] = r.integer(opts, "draws", where, 100, 1, 10_000_000)
        opts["seed"] = r.integer(opts, "seed", where, 1, 0, 2**63 - 1)
        f = r.string(opts, "failures", where)
        if f:
            opts["failures"] = str((here / f).resolve())
            if not os.path.isfile(opts["failures"]):
                raise r.fail(f"{where}.failures", f"no failure file {opts['failures']}")
    elif kind == "projects":
        r.keys(opts, where, ("mode", "projects", "before_year"))
        modes = r.strings(opts, "mode", where) or list(APPRAISAL_MODES)
        for i, m in enumerate(modes):
            r.choice(m, f"{where}.mode[{i}]", APPRAISAL_MODES)
        opts["mode"] = modes
        opts["projects"] = r.strings(opts, "projects", where)
        opts["before_year"] = r.integer(opts, "before_year", where, 2013, 2000, 2100)
    return Vary(kind, where, opts)
