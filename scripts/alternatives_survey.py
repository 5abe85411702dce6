#!/usr/bin/env python3
"""How much longer than the best are the alternatives silkroute offers? (docs/cli.md, Alternatives)

Routes every pair of the demand table and of the calibration pairs (and a few more), five
alternatives each under a detour bound of 3 (or the second argument), and prints how many
alternatives fall in each band of the ratio to the best route's time, then every alternative
with its ratio and mode chain so each band can be read.

    scripts/alternatives_survey.py build/silkroute [max_detour]
"""
import collections
import csv
import json
import subprocess
import sys

BANDS = [1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 10.0]
EXTRA = [("Kinshasa", "Mombasa"), ("Almaty", "Istanbul"), ("Tehran", "Moscow"), ("Kashgar", "Karachi"),
         ("Urumqi", "Tashkent")]


def rows(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "build/silkroute"
    detour = sys.argv[2] if len(sys.argv) > 2 else "3"
    pairs = [(r["origin"], r["destination"]) for r in rows("data/bri/demand.csv")]
    for path in ("tests/calibration/published_pairs.csv", "tests/calibration/holdout_pairs.csv"):
        pairs += [(r["origin"], r["destination"]) for r in rows(path)]
    pairs += EXTRA
    seen, bands, lines = set(), collections.Counter(), []
    for a, b in pairs:
        if (a.lower(), b.lower()) in seen:
            continue
        seen.add((a.lower(), b.lower()))
        run = subprocess.run([binary, "route", a, b, "--alternatives", "5", "--max-detour", detour, "--format", "json"],
                             capture_output=True, text=True, check=False)
        if run.returncode != 0:
            continue
        routes = json.loads(run.stdout)["routes"]
        best_h = routes[0]["total"]["time_h"]
        for r in routes[1:]:
            ratio = r["total"]["time_h"] / best_h
            bands[next(x for x in BANDS if ratio <= x + 1e-9)] += 1
            chain = []
            for leg in r["legs"]:
                if not chain or chain[-1] != leg["mode"]:
                    chain.append(leg["mode"])
            lines.append(f"{a}-{b}: {ratio:.2f} {'-'.join(chain)} | {r['label']}")
    print(f"{len(seen)} pairs, {sum(bands.values())} alternatives (max detour {detour})")
    low = 1.0
    for x in BANDS:
        if bands[x]:
            print(f"  {low:.2f}-{x:.2f}: {bands[x]}")
        low = x
    print("\n".join(lines))


if __name__ == "__main__":
    main()
