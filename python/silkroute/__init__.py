"""silkroute: routes, costs and what-ifs on the Belt and Road freight network.

    import silkroute
    net = silkroute.Network.load()                 # the embedded Belt and Road network
    best = net.route("Chongqing", "Duisburg")[0]
    best.time_h, best.cost_usd, best.co2_kg, best.label
    net.route("Shanghai", "Rotterdam", avoid=["rail", "road"], scenario="red-sea-closure")
    net.matrix(["Xi'an", "Chongqing"], ["Duisburg", "Lodz"], metric="time")   # DataFrame
    net.compare("today", "red-sea-closure")        # pandas DataFrame (list of dicts without pandas)
    net.route("Nantong", "Duisburg")               # a gazetteer city joins by road (a leg of kind "access")
    net.route((32.03, 120.83), "Duisburg")         # coordinates: (latitude, longitude) or "32.03,120.83"
    silkroute.places("Nantong")                    # matching places and where each joins the network

The engine is C++ (the same one as the `silkroute` command line); heavy calls release the
GIL. Errors carry the command line's messages: DatasetError, ScenarioError and
PlaceNotFoundError, plus ValueError for bad arguments.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence, Union

# NumPy is imported here, in the importing thread, before any engine call: the engine
# returns NumPy arrays, and pybind11 2.10 (Debian 12) deadlocks when several threads make
# the first such call at once and race to import NumPy with the GIL released.
import numpy  # noqa: F401

from . import _silkroute
from ._silkroute import DatasetError, PlaceNotFoundError, ScenarioError

__all__ = [
    "Network",
    "places",
    "Route",
    "Scenario",
    "NoRouteError",
    "DatasetError",
    "ScenarioError",
    "PlaceNotFoundError",
    "sweep",
]


class NoRouteError(LookupError):
    """No route between two places under the given options; the message says why."""


def _default_network_dir() -> str:
    env = os.environ.get("SILKROUTE_NETWORK")
    if env:
        return env
    packaged = Path(__file__).with_name("data") / "bri"
    if packaged.is_dir():
        return str(packaged)
    return _silkroute.DEFAULT_NETWORK


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a valid TOML basic string
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to a scenario")


@dataclass(frozen=True)
class Scenario:
    """A scenario: a bundled name, a .toml file, or TOML text built in code.

    Scenario.named("red-sea-closure"); Scenario.from_file("my.toml");
    Scenario.build(extends="today", year=2016, closed={"chokepoints": ["suez"]},
                   links=[{"id": "f_kuryk_baku", "departures_per_week": 7}])
    The format is docs/scenarios.md; errors name the line and key.
    """

    name: str = ""
    toml: str = ""
    source: str = "<scenario>"

    @staticmethod
    def named(name: str) -> "Scenario":
        return Scenario(name=name)

    @staticmethod
    def from_file(path: Union[str, os.PathLike]) -> "Scenario":
        return Scenario(name=str(path))

    @staticmethod
    def from_toml(text: str, source: str = "<scenario>") -> "Scenario":
        return Scenario(toml=text, source=source)

    @staticmethod
    def build(name: str = "custom", **keys: Any) -> "Scenario":
        """Writes the keys as TOML: scalars and lists at the top, dicts as [tables]
        (closed={...}, modes={"rail": {...}}), lists of dicts as [[arrays]] (links=[...])."""
        top, tables, arrays = [f"name = {_toml_value(name)}"], [], []
        for key, value in keys.items():
            if isinstance(value, dict):
                nested = {k: v for k, v in value.items() if isinstance(v, dict)}
                flat = {k: v for k, v in value.items() if not isinstance(v, dict)}
                if flat:
                    tables.append(f"[{key}]")
                    tables += [f"{k} = {_toml_value(v)}" for k, v in flat.items()]
                for sub, items in nested.items():
                    tables.append(f"[{key}.{sub}]")
                    tables += [f"{k} = {_toml_value(v)}" for k, v in items.items()]
            elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                for item in value:
                    arrays.append(f"[[{key}]]")
                    arrays += [f"{k} = {_toml_value(v)}" for k, v in item.items()]
            else:
                top.append(f"{key} = {_toml_value(value)}")
        return Scenario(toml="\n".join(top + tables + arrays) + "\n", source=f"<scenario {name}>")

    def _arg(self) -> "_silkroute._ScenarioArg":
        return _silkroute._ScenarioArg(self.name, self.toml, self.source)


ScenarioLike = Union[None, str, os.PathLike, Scenario]


def _scenario_arg(scenario: ScenarioLike) -> "_silkroute._ScenarioArg":
    if scenario is None:
        return _silkroute._ScenarioArg("", "", "")
    if isinstance(scenario, Scenario):
        return scenario._arg()
    return _silkroute._ScenarioArg(str(scenario), "", "")


class Route:
    """One route: totals, legs, stops, border crossings and chokepoints passed.

    Attributes mirror the command line's JSON (docs/cli.md): time_h (door to door), transit_h
    (terminal to terminal), moving_h, wait_h, rest_h (drivers' rest), call_h (a liner's calls on the
    way), transship_h (a feeder port's transshipment at its hub), dispatch_h (train assembly at the origin), handling_h, transfer_h, border_h, access_h, time_days, cost_usd,
    co2_kg, distance_km, generalized_cost_usd, label, legs, stops, crossings, passages,
    countries, corridors.
    """

    def __init__(self, data: dict, geojson: dict):
        self._data = data
        self._geojson = geojson
        total = data["total"]
        self.rank: int = data["rank"]
        self.label: str = data["label"]
        self.time_h: float = total["time_h"]
        self.time_days: float = total["time_days"]
        # Terminal to terminal (what published transit times measure) and where the hours go.
        self.transit_h: float = total["transit_h"]
        self.moving_h: float = total["moving_h"]
        self.wait_h: float = total["wait_h"]
        self.rest_h: float = total["rest_h"]
        self.call_h: float = total["call_h"]
        self.transship_h: float = total["transship_h"]
        self.dispatch_h: float = total["dispatch_h"]
        self.handling_h: float = total["handling_h"]
        self.transfer_h: float = total["transfer_h"]
        self.border_h: float = total["border_h"]
        # First and last miles by road, for places that are not nodes (legs of kind access/egress).
        self.access_h: float = total.get("access_h", 0.0)
        self.cost_usd: float = total["cost_usd"]
        self.co2_kg: float = total["co2_kg"]
        self.distance_km: float = total["distance_km"]
        self.generalized_cost_usd: float = total["generalized_cost_usd"]
        self.legs: list[dict] = data["legs"]
        self.rail_service: str = ""  # express or intermodal (docs/time-model.md, "Rail services")
        self.road_crew: str = ""  # single or team (docs/time-model.md, "Road crews")
        self.stops: list[dict] = data["stops"]
        self.crossings: list[dict] = data["crossings"]
        self.passages: list[dict] = data["passages"]
        self.countries: list[str] = data["countries"]
        self.corridors: list[str] = data["corridors"]

    @property
    def chokepoints(self) -> list[str]:
        return [p["chokepoint"] for p in self.passages]

    def to_dict(self) -> dict:
        """The route as the command line's JSON prints it."""
        return self._data

    def to_geojson(self) -> dict:
        """A GeoJSON FeatureCollection, one LineString per leg (WGS84), for GeoPandas or QGIS;
        coordinates to 6 decimals (about 0.1 m), properties at full precision."""
        return self._geojson

    def __repr__(self) -> str:
        return (f"<Route {self.rank}: {self.label}, {self.time_days:.1f} days, "
                f"{self.cost_usd:,.0f} USD, {self.co2_kg:,.0f} kg CO2, {self.distance_km:,.0f} km>")


def _table(rows: list[dict], index: Union[str, Sequence[str]]):
    """A pandas DataFrame indexed by what names a row (`index`: a column, or several for a
    MultiIndex) when pandas is installed, else the list of dicts (the index columns kept)."""
    try:
        import pandas as pd
    except ImportError:
        return rows
    keys = [index] if isinstance(index, str) else list(index)
    if not rows:
        # An empty answer keeps its index names, so that .loc and joins still work.
        empty = pd.DataFrame(columns=keys)
        return empty.set_index(keys)
    return pd.DataFrame(rows).set_index(keys)


# Coordinates to 6 decimals (about 0.1 m, RFC 7946's advice): what the network's positions
# mean, without the float noise of interpolated great-circle points.
COORDINATE_DECIMALS = 6


def _round_coordinates(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, COORDINATE_DECIMALS)
    if isinstance(value, list):
        return [_round_coordinates(v) for v in value]
    return value


def _rounded_geojson(collection: dict) -> dict:
    """The FeatureCollection with its geometries' coordinates rounded; properties untouched."""
    for feature in collection.get("features", []):
        geometry = feature.get("geometry")
        if geometry and "coordinates" in geometry:
            geometry["coordinates"] = _round_coordinates(geometry["coordinates"])
    return collection


PairsLike = Optional[Iterable[Sequence[Any]]]
PlaceLike = Union[str, Sequence[float]]


def _place(place: PlaceLike) -> str:
    """A name, id or UN/LOCODE as given; a (latitude, longitude) pair as "lat,lon" text."""
    if isinstance(place, str):
        return place
    if isinstance(place, Sequence) and len(place) == 2 and all(isinstance(v, (int, float)) for v in place):
        return f"{float(place[0])!r},{float(place[1])!r}"
    raise TypeError(f"a place is a name, an id or (latitude, longitude), got {place!r}")


def _pairs(pairs: PairsLike) -> tuple[list, str]:
    if pairs is None:
        return [], ""
    if isinstance(pairs, (str, os.PathLike)):
        return [], str(pairs)
    out = []
    for p in pairs:
        if len(p) not in (2, 3):
            raise ValueError(f"a pair is (origin, destination) or (origin, destination, weight), got {p!r}")
        out.append((str(p[0]), str(p[1]), float(p[2]) if len(p) == 3 else 1.0))
    return out, ""


class Network:
    """A loaded network. Network.load() is the embedded Belt and Road network."""

    def __init__(self, engine: "_silkroute._Network"):
        self._engine = engine

    @staticmethod
    def load(path: Union[None, str, os.PathLike] = None) -> "Network":
        """Loads a dataset folder (docs/dataset.md); every problem is reported in one DatasetError."""
        return Network(_silkroute._Network(str(path) if path is not None else _default_network_dir()))

    @property
    def source_dir(self) -> str:
        return self._engine.source_dir

    def __repr__(self) -> str:
        return f"<silkroute.Network {self.source_dir}: {self._engine.node_count} nodes, {self._engine.link_count} links>"

    def scenarios(self) -> dict[str, str]:
        """The bundled scenarios, name -> description."""
        return dict(self._engine.scenarios())

    def place_id(self, query: str) -> str:
        """The node id a name, UN/LOCODE or id refers to (PlaceNotFoundError otherwise)."""
        return self._engine.place_id(query)

    def nodes(self):
        """Every node: name, country, kind, lon, lat (a DataFrame indexed by id when pandas is present)."""
        return _table([dict(zip(("id", "name", "country", "kind", "lon", "lat"), n)) for n in self._engine.nodes()], "id")

    def places(self, query: str, limit: int = 20):
        """Nodes and gazetteer places matching a name (exact matches first, then names that
        start with it or are a few letters off): name, country, kind, population, lon, lat,
        source (network or gazetteer), match, joins (node, road or no), terminal_id, road_km
        (a DataFrame indexed by id when pandas is present). `joins_detail` keeps every
        candidate terminal."""
        rows = []
        for p in json.loads(self._engine.places(query, int(limit))):
            joins = p["joins"]
            first = (joins.get("terminals") or [None])[0]
            rows.append({"id": p["id"], "name": p["name"], "country": p["country"], "kind": p["kind"],
                         "population": p["population"], "lon": p["location"][0], "lat": p["location"][1],
                         "source": p["source"], "match": p["match"],
                         "joins": "node" if joins["node"] else ("road" if first else "no"),
                         "terminal_id": first["terminal_id"] if first else None,
                         "road_km": first["road_km"] if first else None, "joins_detail": joins})
        return _table(rows, "id")

    def route(self, origin: PlaceLike, destination: PlaceLike, *, cargo: str = "", objective: str = "time",
              avoid: Sequence[str] = (), alternatives: Optional[int] = None, scenario: ScenarioLike = None,
              year: Optional[int] = None, carbon_price_usd_per_t: Optional[float] = None,
              max_detour: Optional[float] = None, month: Optional[int] = None,
              rail_service: str = "", road_crew: str = "") -> list[Route]:
        """The best route and up to `alternatives` others, best first. An alternative costs at
        most `max_detour` times the best on the objective (default DEFAULT_MAX_DETOUR).
        `month` (1-12) applies that month's seasonal closures (the Khunjerab pass in winter).
        `rail_service` ("express" or "intermodal") names the rail service that carries the trip;
        by default the dataset's rail_services.csv chooses it from the regions of the trip's ends.
        `road_crew` ("single" or "team") names who drives the trucks, one driver or a double-manned
        crew; by default the dataset's road_crews.csv chooses it from the trip's ends.

        A place is a network node, a gazetteer city (it joins the network by road: the route's
        first or last leg has kind "access" or "egress") or coordinates, (lat, lon) or "lat,lon".
        Raises NoRouteError with the reason when there is none, PlaceNotFoundError for a name
        that matches nothing exactly.
        """
        text = self._engine.route(_place(origin), _place(destination), cargo, objective, list(avoid), alternatives,
                                  _scenario_arg(scenario), year, carbon_price_usd_per_t, max_detour, month,
                                  rail_service, road_crew)
        result = json.loads(text)
        answer, geojson = result["answer"], _rounded_geojson(result["geojson"])
        if not answer["routes"]:
            raise NoRouteError(answer.get("no_route_reason", "no route"))
        routes = []
        for r in answer["routes"]:
            features = [f for f in geojson["features"] if f["properties"].get("route") == r["rank"]]
            route = Route(r, {"type": "FeatureCollection", "features": features})
            # The rail service that carried the trip (the query's, shared by every route).
            route.rail_service = answer["query"].get("rail_service", "")
            route.road_crew = answer["query"].get("road_crew", "")
            routes.append(route)
        return routes

    def route_table(self, origin: PlaceLike, destination: PlaceLike, **options: Any) -> str:
        """The command line's table for the same query, for printing."""
        text = self._engine.route(_place(origin), _place(destination), options.get("cargo", ""), options.get("objective", "time"),
                                  list(options.get("avoid", ())), options.get("alternatives"),
                                  _scenario_arg(options.get("scenario")), options.get("year"),
                                  options.get("carbon_price_usd_per_t"), options.get("max_detour"), options.get("month"),
                                  options.get("rail_service", ""), options.get("road_crew", ""))
        return json.loads(text)["table"]

    def matrix(self, origins: Sequence[str], destinations: Sequence[str], *, metric: str = "time",
               objective: Optional[str] = None, cargo: str = "", scenario: ScenarioLike = None, threads: int = 0):
        """The metric (time_h, cost_usd, co2_kg, distance_km or generalized_cost_usd) of the best
        route from each origin to each destination, NaN where there is none: a pandas DataFrame
        indexed by origin with a column per destination (the places as given), or a NumPy
        array (origins x destinations) without pandas. The route is chosen by `objective`
        (default, as everywhere: the metric itself; time for distance)."""
        values = self._engine.matrix(list(origins), list(destinations), metric, cargo, objective or "",
                                     _scenario_arg(scenario), threads)
        try:
            import pandas as pd
        except ImportError:
            return values
        frame = pd.DataFrame(values, index=pd.Index(list(origins), name="origin"),
                             columns=pd.Index(list(destinations), name="destination"))
        frame.attrs["metric"] = metric
        return frame

    def legs(self, route: "Route"):
        """The legs of a route as a table (a DataFrame indexed by leg number, from 1, with pandas):
        kind (network, or access and egress for the road legs joining a place that is not a
        node), mode, from, to, km, hours, cost, CO2 and corridors, in travel order."""
        rows = [{"leg": i + 1, "kind": leg["kind"], "mode": leg["mode"], "gauge_mm": leg.get("gauge_mm"), "from": leg["from"],
                 "to": leg["to"], "distance_km": leg["distance_km"], "time_h": leg["time_h"],
                 "wait_h": leg["wait_h"], "rest_h": leg["rest_h"], "call_h": leg["call_h"],
                 "transship_h": leg["transship_h"], "cost_usd": leg["cost_usd"], "co2_kg": leg["co2_kg"],
                 "corridors": ",".join(leg["corridors"])} for i, leg in enumerate(route.legs)]
        return _table(rows, "leg")

    def compare(self, a: ScenarioLike, b: ScenarioLike, pairs: PairsLike = None, *, by: str = "pair",
                modes: Sequence[str] = (), cargo: str = "", objective: str = "generalized"):
        """Time, cost and CO2 of pairs under scenarios a and b.

        pairs: (origin, destination[, weight]) tuples, a CSV path, or None for the bundled
        demand table. by: "pair" (one row per pair, indexed by origin and destination),
        "country" (indexed by country), "corridor" (by corridor), or "summary" (a dict).
        """
        plist, pfile = _pairs(pairs)
        data = json.loads(self._engine.compare(_scenario_arg(a), _scenario_arg(b), plist, pfile, list(modes), cargo,
                                               objective, None))
        if by == "summary":
            return {k: data[k] for k in ("scenario_a", "scenario_b", "cargo", "objective", "overall",
                                         "time_change_h_quantiles")}
        if by == "country":
            return _table(data["by_country"], "country")
        if by == "corridor":
            return _table(data["by_corridor"], "corridor")
        if by != "pair":
            raise ValueError(f"by: expected pair, country, corridor or summary, got {by!r}")
        rows = []
        for p in data["pairs"]:
            row = {"origin": p["origin"], "destination": p["destination"], "weight": p["weight"]}
            for side in ("a", "b"):
                totals = p[side] or {}
                for k in ("time_h", "cost_usd", "co2_kg", "distance_km", "generalized_cost_usd", "label"):
                    row[f"{k}_{side}"] = totals.get(k)
            if p["a"] and p["b"]:
                row["time_change_h"] = p["b"]["time_h"] - p["a"]["time_h"]
                row["cost_change_usd"] = p["b"]["cost_usd"] - p["a"]["cost_usd"]
                row["generalized_change_usd"] = p["b"]["generalized_cost_usd"] - p["a"]["generalized_cost_usd"]
            else:
                row["time_change_h"] = row["cost_change_usd"] = row["generalized_change_usd"] = None
            rows.append(row)
        return _table(rows, ["origin", "destination"])

    def impact(self, a: ScenarioLike, b: ScenarioLike, pairs: PairsLike = None, *, elasticity: float = 5.0,
               cargo: str = "", objective: str = "generalized") -> dict:
        """First-order (partial-equilibrium) trade change: {'countries': table indexed by country,
        'country_pairs': table indexed by country_a and country_b, ...}."""
        plist, pfile = _pairs(pairs)
        data = json.loads(self._engine.compare(_scenario_arg(a), _scenario_arg(b), plist, pfile, [], cargo, objective,
                                               float(elasticity)))
        data["countries"] = _table(data["countries"], "country")
        data["country_pairs"] = _table(data["country_pairs"], ["country_a", "country_b"])
        return data

    def assign_freight(self, scenario: ScenarioLike = None, *, cargo: str = "general", year: Optional[int] = None,
                       capacities: bool = True, by: str = "element", max_iterations: int = 1000):
        """Freight assignment of the bundled demand with capacities and a nested logit of mode
        and route (docs/assignment.md). by="element": flow, capacity, utilization and delay per
        capacity-bound element and loaded link (indexed by element and id); by="lane": TEU by
        main mode per demand lane (indexed by lane); by="route": each pair's routes with their
        TEU, cost and wait (indexed by origin, destination, cargo and route, numbered from 1 per
        pair and cargo). A DataFrame when pandas is present. cargo: a class, or shares such as
        "general:0.8,electronics:0.2"."""
        if by not in ("element", "lane", "route"):
            raise ValueError(f"by: expected element, lane or route, got {by!r}")
        data = json.loads(self._engine.assign_freight(_scenario_arg(scenario), cargo, year, capacities, max_iterations, 0))
        if by == "element":
            return _table(data["elements"], ["element", "id"])
        if by == "lane":
            return _table([{"lane": r["lane"], "demand_teu_per_year": r["demand_teu_per_year"],
                            **{f"{m}_teu_per_year": v for m, v in r["mode_teu_per_year"].items()}} for r in data["lanes"]],
                          "lane")
        return _table([{"origin": p["origin"], "destination": p["destination"], "cargo": p["cargo"], "route": i + 1,
                        "lane": p["lane"], "mode": r["mode"], "teu_per_year": r["teu_per_year"],
                        "cost_usd_per_teu": r["cost_usd_per_teu"], "time_h": r["time_h"], "wait_h": r["wait_h"],
                        "capacity_elements": r["capacity_elements"]}
                       for p in data["pairs"] for i, r in enumerate(p["routes"])],
                      ["origin", "destination", "cargo", "route"])

    def compare_freight(self, a: ScenarioLike, b: ScenarioLike, *, cargo: str = "general", year: Optional[int] = None,
                        capacities: bool = True, by: str = "element", max_iterations: int = 1000):
        """Two scenarios' freight assignments side by side (silkroute assign --compare A B).
        by="element": per capacity element and loaded link (indexed by element and id) the
        capacity, flow, utilization and delay in A and B (columns ending _a and _b) and the
        changes, largest change first; by="lane": TEU by main mode per lane in A and B (columns
        sea_teu_per_year_a, ...). A DataFrame when pandas is present."""
        if by not in ("element", "lane"):
            raise ValueError(f"by: expected element or lane, got {by!r}")
        data = json.loads(self._engine.compare_freight(_scenario_arg(a), _scenario_arg(b), cargo, year, capacities,
                                                       max_iterations))
        if by == "element":
            return _table(data["elements"], ["element", "id"])
        return _table([{"lane": r["lane"], "demand_teu_per_year": r["demand_teu_per_year"],
                        **{f"{m}_teu_per_year_a": v for m, v in r["mode_teu_per_year_a"].items()},
                        **{f"{m}_teu_per_year_b": v for m, v in r["mode_teu_per_year_b"].items()}} for r in data["lanes"]],
                      "lane")

    def freight_criticality(self, scenario: ScenarioLike = None, *, top: int = 10, cargo: str = "general",
                            year: Optional[int] = None, max_iterations: int = 1000):
        """Criticality with capacities: each of the `top` most loaded capacity elements fails
        alone and the freight is assigned again; failure cost (USD a year, congestion caused on
        the alternatives included), most costly first (a DataFrame indexed by element and id
        when pandas is present)."""
        if top < 1:
            raise ValueError(f"top: expected 1 or more, got {top!r}")
        data = json.loads(self._engine.assign_freight(_scenario_arg(scenario), cargo, year, True, max_iterations, top))
        return _table(data["failures"], ["element", "id"])

    def criticality(self, scenario: ScenarioLike = None, demand: PairsLike = None, *, cargo: str = "",
                    objective: str = "generalized"):
        """Links, nodes, borders and chokepoints ranked by failure_cost_usd, the extra cost of the
        demand when each fails alone, most critical first (a DataFrame indexed by kind and id
        when pandas is present)."""
        plist, pfile = _pairs(demand)
        data = json.loads(self._engine.criticality(_scenario_arg(scenario), plist, pfile, cargo, objective))
        return _table(data["elements"], ["kind", "id"])


_default_network: Optional[Network] = None


def places(query: str, limit: int = 20):
    """Places matching a name on the embedded network (Network.places on Network.load())."""
    global _default_network
    if _default_network is None:
        _default_network = Network.load()
    return _default_network.places(query, limit)

def __getattr__(name: str):
    # silkroute.sweep: the sweep module, loaded on first use (it is callable: silkroute.sweep(...)
    # runs a sweep), so that `python -m silkroute.sweep` and plain imports stay light.
    if name == "sweep":
        import importlib
        return importlib.import_module(".sweep", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
