#!/usr/bin/env python3
"""Counts the million cities of the network's countries that do not resolve to a place with a route.

For every Natural Earth populated place (10m, public domain) with POP_MAX of 1,000,000 or more in a
country of data/bri/countries.csv, asks `silkroute route NAME HUB --format json` (any mode; HUB is
Istanbul, or Beijing for Istanbul itself and the places that join at Istanbul) and sorts the answer
into: routed, ambiguous name (refused with the ids to choose from, by design: never a silent pick),
unknown place (the name does not resolve: a gap of the gazetteer), or no route (the place resolves
but no line reaches it).
Issue 14, item 2 (docs/coverage.md). Prints the counts and the places that are not routed.

Run from the repository root after a build:
    python3 scripts/million_city_routes.py [--binary build/silkroute] [--network data/bri] [--shared ../shared/data]
Exits 77 when ../shared/data is missing (nothing to measure against).
"""
import argparse
import concurrent.futures
import csv
import json
import os
import subprocess
import sys

MIN_POPULATION = 1_000_000


def read_countries(path):
    with open(path, encoding="utf-8") as f:
        return {r["iso3"] for r in csv.DictReader(line for line in f if not line.startswith("#"))}


def million_cities(ne_path, countries):
    with open(ne_path, encoding="utf-8") as f:
        features = json.load(f)["features"]
    out = []
    for feat in features:
        p = feat["properties"]
        if (p.get("POP_MAX") or 0) >= MIN_POPULATION and p.get("ADM0_A3") in countries:
            out.append((p["NAME"], p["ADM0_A3"], p["POP_MAX"]))
    return sorted(set(out))


def classify(binary, network, name, hubs):
    for hub in hubs:
        cmd = [binary, "route", name, hub, "--format", "json"] + (["--network", network] if network else [])
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode == 0:
            return "routed", ""
        message = (r.stderr or r.stdout).strip().splitlines()
        message = message[0] if message else f"exit {r.returncode}"
        # The hub itself, or a place whose first mile ends at the hub: ask the next hub.
        if "the same place" not in message and "the other end itself" not in message:
            break
    if "names 2 places" in message or "places of similar size" in message:
        return "ambiguous name", message
    if "unknown place" in message:
        return "unknown place", message
    if r.returncode == 3:
        return "no route", message
    return "error", message


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", default=os.path.join("build", "silkroute"))
    ap.add_argument("--network", default="", help="dataset directory (default: the embedded network)")
    ap.add_argument("--shared", default=os.path.join("..", "shared", "data"))
    ap.add_argument("--hubs", default="Istanbul,Beijing", help="comma-separated; the next is asked when the place is the hub")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    ne_path = os.path.join(args.shared, "natural_earth", "ne_10m_populated_places.json")
    if not os.path.exists(ne_path):
        print(f"{ne_path} is missing: this script measures against ../shared/data", file=sys.stderr)
        return 77
    countries = read_countries(os.path.join(args.network or os.path.join("data", "bri"), "countries.csv"))
    cities = million_cities(ne_path, countries)
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda c: classify(args.binary, args.network, c[0], args.hubs.split(",")), cities))
    counts = {}
    for (name, country, pop), (kind, message) in zip(cities, results):
        counts[kind] = counts.get(kind, 0) + 1
        if kind != "routed":
            print(f"{kind}: {name} ({country}, {pop:,}): {message}")
    print(f"{len(cities)} cities of {MIN_POPULATION:,}+ people in the network's countries (Natural Earth POP_MAX), "
          f"routed to {args.hubs.split(',')[0]} by any mode: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
