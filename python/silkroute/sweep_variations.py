"""Turns a sweep's [[vary]] blocks into variations: each a labelled scenario in its portable
JSON form (ids only), named by the engine's scenario hash. Equal scenarios share one hash,
so a sweep computes each distinct scenario once however many variations point at it."""

from __future__ import annotations

import copy
import csv
import itertools
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .sweep_file import SweepError, SweepSpec, Vary, did_you_mean

DAYS_PER_YEAR = 365.0


@dataclass
class Variation:
    id: str                 # unique in the sweep: "base", "grid[0]/year=2013", "fail[1]/suez", ...
    kind: str               # base, grid, list, failures, monte_carlo, isolation, complement, reference
    params: dict            # what varied, for tables
    scenario: str = ""      # canonical JSON (filled by Expander.finish)
    hash: str = ""
    reference: str = "base"  # the variation it is measured against
    raw: Optional[dict] = field(default=None, repr=False)


@dataclass
class Segment:
    """A part of a Monte Carlo year during which one set of elements is down."""
    block: int
    draw: int
    start_day: float
    days: float
    variation: str


@dataclass
class Failure:
    element: str            # chokepoint, link, node, border, country
    id: str
    annual_probability: float
    duration_days: float
    source: str


FAILURE_CLOSURE = {"chokepoint": "chokepoints", "link": "links", "node": "nodes", "border": "borders",
                   "country": "countries"}


def read_failures(path: str) -> list[Failure]:
    """The failure-probability file (data/bri/failures.csv): element, id, annual_probability,
    duration_days, source. Errors name the file, line and column."""
    out, seen = [], set()
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = [(i + 1, line) for i, line in enumerate(f)]
    except OSError as e:
        raise SweepError(f"{path}: cannot read the failure file: {e.strerror}") from None
    data = [(n, l) for n, l in rows if l.strip() and not l.lstrip().startswith("#")]
    if not data:
        raise SweepError(f"{path}: no header line")
    reader = csv.reader([l for _, l in data])
    header = next(reader)
    need = ("element", "id", "annual_probability", "duration_days", "source")
    for col in need:
        if col not in header:
            raise SweepError(f"{path}:{data[0][0]}: missing column '{col}'{did_you_mean(col, header)}")
    for (line, _), row in zip(data[1:], reader):
        if len(row) != len(header):
            raise SweepError(f"{path}:{line}: expected {len(header)} fields, got {len(row)}")
        r = dict(zip(header, row))
        if r["element"] not in FAILURE_CLOSURE:
            raise SweepError(f"{path}:{line}: column 'element': unknown '{r['element']}'"
                             f"{did_you_mean(r['element'], FAILURE_CLOSURE)}; expected {', '.join(FAILURE_CLOSURE)}")
        for col, low, high in (("annual_probability", 0.0, 1.0), ("duration_days", 0.0, DAYS_PER_YEAR)):
            try:
                v = float(r[col])
            except ValueError:
                raise SweepError(f"{path}:{line}: column '{col}': expected a number, got '{r[col]}'") from None
            if not low < v <= high:
                raise SweepError(f"{path}:{line}: column '{col}': expected more than {low} and at most {high}, got {v}")
        if (r["element"], r["id"]) in seen:
            raise SweepError(f"{path}:{line}: {r['element']} '{r['id']}' is listed twice")
        seen.add((r["element"], r["id"]))
        out.append(Failure(r["element"], r["id"], float(r["annual_probability"]), float(r["duration_days"]),
                           r["source"]))
    out.sort(key=lambda f: (f.element, f.id))  # the draws do not depend on the file's row order
    return out


def draw_year(rng: random.Random, failures: list[Failure]) -> list[tuple[float, float, tuple]]:
    """One Monte Carlo year: each element fails at most once, with its annual probability, from a
    uniform start day for its duration. The year is a circle (a failure starting in late December
    runs on into January), so every failure counts for its whole duration and years are alike.
    Returns the segments of the year during which a constant, non-empty set of elements is down:
    (start_day, days, elements)."""
    events = []
    for f in failures:
        u, start = rng.random(), rng.random() * DAYS_PER_YEAR  # two numbers per element, always
        if u < f.annual_probability:
            end = start + f.duration_days
            events.append((start, min(DAYS_PER_YEAR, end), (f.element, f.id)))
            if end > DAYS_PER_YEAR:
                events.append((0.0, min(start, end - DAYS_PER_YEAR), (f.element, f.id)))
    cuts = sorted({0.0, DAYS_PER_YEAR, *(e[0] for e in events), *(e[1] for e in events)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        down = tuple(sorted({e[2] for e in events if e[0] <= a and e[1] >= b}))
        if down and b > a:
            if out and out[-1][2] == down and abs(out[-1][0] + out[-1][1] - a) < 1e-12:
                out[-1] = (out[-1][0], out[-1][1] + (b - a), down)
            else:
                out.append((a, b - a, down))
    return out


class Expander:
    """Builds the variations of a sweep on a loaded network (the engine checks every id)."""

    def __init__(self, spec: SweepSpec, engine: Any, base_json: str):
        self.spec = spec
        self.engine = engine
        self.base = _normalized(json.loads(base_json))
        self.elements = engine.elements()
        self.variations: list[Variation] = []
        self.segments: list[Segment] = []
        self.draws: list[tuple[int, int, int]] = []   # block, draw, failures in the year
        self.notes: list[str] = []
        self._ids: set[str] = set()

    def add(self, v: Variation, scenario: dict) -> None:
        if v.id in self._ids:
            return
        self._ids.add(v.id)
        v.raw = scenario
        self.variations.append(v)

    def expand(self) -> list[Variation]:
        self.add(Variation("base", "base", {}), self.base)
        for i, vary in enumerate(self.spec.vary):
            getattr(self, "_" + vary.kind)(i, vary)
        for v in self.variations:
            try:
                v.scenario, v.hash = self.engine.canonical_scenario(json.dumps(v.raw, sort_keys=True))
            except ValueError as e:
                where = self.spec.vary[int(v.id.split("[")[1].split("]")[0])].where if "[" in v.id else "base"
                raise SweepError(f"{self.spec.path}:{self.spec.line(where)}: key '{where}': variation {v.id}: {e}") from None
            v.raw = None
        return self.variations

    # --- kinds --------------------------------------------------------------------------------

    def _grid(self, i: int, vary: Vary) -> None:
        axes = [(k, vary.options[k]) for k in ("year", "carbon_price_usd_per_t") if k in vary.options]
        for mode, fields in sorted(vary.options.get("modes", {}).items()):
            axes += [(f"modes.{mode}.{f}", vals) for f, vals in sorted(fields.items())]
        for combo in itertools.product(*(vals for _, vals in axes)):
            s = copy.deepcopy(self.base)
            params = {}
            for (key, _), value in zip(axes, combo):
                params[key] = value
                if key == "year":
                    if value != int(value):
                        raise self.spec.error(f"{vary.where}.year", f"expected whole years, got {value}")
                    s["year"] = int(value)
                elif key == "carbon_price_usd_per_t":
                    s["carbon_price_usd_per_t"] = float(value)
                else:
                    _, mode, f = key.split(".")
                    o = s["mode_overrides"].setdefault(mode, {"cost_factor": 1.0, "speed_factor": 1.0})
                    o[f] = float(value)
            label = ",".join(f"{k}={_num(v)}" for k, v in params.items())
            self.add(Variation(f"grid[{i}]/{label}", "grid", params), s)

    def _list(self, i: int, vary: Vary) -> None:
        from . import _silkroute
        for name in vary.options["scenarios"]:
            try:
                text = self.engine.scenario_json(_silkroute._ScenarioArg(name, "", ""))
            except ValueError as e:
                raise self.spec.error(f"{vary.where}.scenarios", str(e)) from None
            self.add(Variation(f"list[{i}]/{Path(name).stem if name.endswith('.toml') else name}", "list",
                               {"scenario": name}), _normalized(json.loads(text)))

    def _failure_elements(self, vary: Vary) -> list[tuple[str, str]]:
        o = vary.options
        links = [e for e in self.elements if e[0] == "link"]
        nodes = [e for e in self.elements if e[0] == "node"]
        chosen: list[tuple[str, str]] = []
        for cat in o.get("elements", []):
            if cat == "chokepoints":
                chosen += [("chokepoint", c) for c in sorted({e[3] for e in links if e[3]})]
            elif cat == "crossings":
                chosen += [("link", e[1]) for e in links if e[4] and e[2] in ("rail", "road", "ferry")]
            elif cat == "lines":
                chosen += [("link", e[1]) for e in links if not e[4] and e[2] == "rail"]
            elif cat == "ports":
                chosen += [("node", e[1]) for e in nodes if e[2] == "seaport"]
        known = {"chokepoints": {e[3] for e in links if e[3]}, "links": {e[1] for e in links},
                 "nodes": {e[1] for e in nodes}, "countries": {e[4] for e in nodes if e[4]}}
        for key, element in (("chokepoints", "chokepoint"), ("links", "link"), ("nodes", "node"),
                             ("countries", "country"), ("borders", "border")):
            for j, x in enumerate(o.get(key, [])):
                if key in known and x not in known[key]:
                    raise self.spec.error(f"{vary.where}.{key}[{j}]" if f"{vary.where}.{key}[{j}]" in self.spec.lines
                                          else f"{vary.where}.{key}",
                                          f"unknown {element} '{x}'{did_you_mean(x, sorted(known[key]))}")
                chosen.append((element, x))
        seen, out = set(), []
        for c in chosen:
            if c not in seen:
                seen.add(c)
                out.append(c)
        return out

    def _failures(self, i: int, vary: Vary) -> None:
        elements = self._failure_elements(vary)
        for combo in itertools.combinations(elements, vary.options["k"]):
            s = _closing(self.base, combo)
            label = "+".join(f"{e}:{x}" for e, x in combo)
            self.add(Variation(f"fail[{i}]/{label}", "failures", {"failed": [f"{e}:{x}" for e, x in combo]}), s)

    def _monte_carlo(self, i: int, vary: Vary) -> None:
        path = vary.options.get("failures") or str(Path(self.engine.source_dir) / "failures.csv")
        failures = read_failures(path)
        self._check_failures(failures, path)
        rng = random.Random(vary.options["seed"])
        for d in range(vary.options["draws"]):
            segments = draw_year(rng, failures)
            self.draws.append((i, d, len({x for _, _, down in segments for x in down})))
            for start, days, down in segments:
                label = "+".join(f"{e}:{x}" for e, x in down)
                vid = f"mc[{i}]/{label}"
                self.add(Variation(vid, "monte_carlo", {"failed": [f"{e}:{x}" for e, x in down]}),
                         _closing(self.base, down))
                self.segments.append(Segment(i, d, start, days, vid))

    def _check_failures(self, failures: list[Failure], path: str) -> None:
        links = [e for e in self.elements if e[0] == "link"]
        known = {"chokepoint": {e[3] for e in links if e[3]}, "link": {e[1] for e in links},
                 "node": {e[1] for e in self.elements if e[0] == "node"},
                 "country": {e[4] for e in self.elements if e[0] == "node" and e[4]},
                 "border": {e[4] for e in links if e[4]}}
        for f in failures:
            if f.id not in known[f.element]:
                raise SweepError(f"{path}: {f.element} '{f.id}' is not in the network"
                                 f"{did_you_mean(f.id, sorted(known[f.element]))}")

    def _projects(self, i: int, vary: Vary) -> None:
        before = vary.options["before_year"]
        dated = [e for e in self.elements if e[0] in ("link", "node", "transfer") and e[5]]
        projects: dict[str, list] = {}
        for e in dated:
            if e[6]:
                projects.setdefault(e[6], []).append(e)
        wanted = vary.options["projects"] or sorted(projects)
        for j, p in enumerate(wanted):
            if p not in projects:
                raise self.spec.error(f"{vary.where}.projects", f"unknown project '{p}'{did_you_mean(p, sorted(projects))}")
        # The network as of `before`: every later link, node and transfer closed, later agreements removed.
        later_links = sorted(e[1] for e in dated if e[0] == "link" and e[5] > before)
        later_nodes = sorted(e[1] for e in dated if e[0] == "node" and e[5] > before)
        later_transfers = sorted(e[1] for e in dated if e[0] == "transfer" and e[5] > before)
        later_agreements = sorted(e[1] for e in self.elements if e[0] == "agreement" and e[5] > before)
        then = copy.deepcopy(self.base)
        then["closed"]["links"] = sorted(set(then["closed"]["links"]) | set(later_links))
        then["closed"]["nodes"] = sorted(set(then["closed"]["nodes"]) | set(later_nodes))
        _set_closed(then, "transfers", set(then["closed"].get("transfers", [])) | set(later_transfers))
        then["removed_agreements"] = sorted(set(then["removed_agreements"]) | set(later_agreements))
        then_id = f"projects[{i}]/network-{before}"
        if "isolation" in vary.options["mode"]:
            self.add(Variation(then_id, "reference", {"year": before}), then)
        for p in wanted:
            els = projects[p]
            links = sorted(e[1] for e in els if e[0] == "link")
            nodes = sorted(e[1] for e in els if e[0] == "node")
            transfers = sorted(e[1] for e in els if e[0] == "transfer")
            opened = min(e[5] for e in els)
            params = {"project": p, "opened_year": opened, "links": links, "nodes": nodes}
            if transfers:  # only where there are some, so that other projects' parameters read as before
                params["transfers"] = transfers
            if "isolation" in vary.options["mode"] and opened > before:
                s = copy.deepcopy(then)
                # Reopen what the reference closed for its year, never what the base itself closes.
                s["closed"]["links"] = [x for x in then["closed"]["links"]
                                        if x not in links or x in self.base["closed"]["links"]]
                s["closed"]["nodes"] = [x for x in then["closed"]["nodes"]
                                        if x not in nodes or x in self.base["closed"]["nodes"]]
                _set_closed(s, "transfers", {x for x in then["closed"].get("transfers", [])
                                             if x not in transfers or x in self.base["closed"].get("transfers", [])})
                self.add(Variation(f"projects[{i}]/isolation/{p}", "isolation", params, reference=then_id), s)
            if "complement" in vary.options["mode"]:
                s = _closing(self.base, [("link", x) for x in links] + [("node", x) for x in nodes] +
                             [("transfer", x) for x in transfers])
                self.add(Variation(f"projects[{i}]/complement/{p}", "complement", params, reference="base"), s)


def _normalized(s: dict) -> dict:
    """The scenario's content without its name, description and file list, so that equal
    overlays share one hash wherever the sweep file and data live."""
    s = copy.deepcopy(s)
    s["name"] = "sweep"
    s["description"] = ""
    s["sources"] = []
    return s


def _closing(base: dict, elements) -> dict:
    s = copy.deepcopy(base)
    for element, x in elements:
        if element == "transfer":  # appraisal only: failures.csv names no transfers
            _set_closed(s, "transfers", set(s["closed"].get("transfers", [])) | {x})
            continue
        key = FAILURE_CLOSURE[element]
        s["closed"][key] = sorted(set(s["closed"][key]) | {x})
    return s


def _set_closed(s: dict, key: str, values: set) -> None:
    """Closed transfers appear in a scenario's canonical JSON only when there are some (so that
    scenarios without them keep their hash): the same here, or equal overlays would differ."""
    if values:
        s["closed"][key] = sorted(values)
    else:
        s["closed"].pop(key, None)


def _num(v: Any) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
