#!/usr/bin/env python3
"""Road detour audit (issue 14): which capitals and million cities does a truck reach only the long way round?

Routes by road (and the truck ferries), between every pair of the gazetteer's national capitals and cities of a million
people or more that are network nodes (the places `silkroute info --coverage` counts as nodes) on one
landmass, the km of the fastest road route (`silkroute matrix --metric distance` under a scenario
that closes every other mode: the route a user is shown, so a long border queue that sends trucks round
shows up as much as a missing road), and lists the pairs whose road distance is more than RATIO times
their great-circle distance, or that have no road route at all. A missing road shows up as many such
pairs between the same two countries; the summary keeps the worst pair of each country pair, worst first.

A place that is not a node joins the network by a first- or last-mile road leg (docs/coverage.md): it is
left out here, since its detour is its terminal's. Islands and countries with no open road to the rest
(ISLANDS below) are left out too: no road route is the right answer there.

Usage (from the repository root, after a build):
  python3 scripts/road_detour_audit.py [--silkroute build/silkroute] [--network data/bri]
      [--ratio 1.6] [--min-km 300] [--top 25] [--csv FILE] [--markdown]
Exit status: 0, whatever it finds (it is a report); 2 on bad input or a failing silkroute run.
"""
import argparse
import collections
import csv
import io
import math
import os
import subprocess
import sys
import tempfile
import unicodedata

# Countries with no road to the Afro-Eurasian landmass that the network could use: islands, and the
# Republic of Korea, whose only land border (the DMZ) is closed to trade. Their pairs would all read
# "no road route", which is right.
ISLANDS = {
    "JPN": "islands", "GBR": "island (the Channel Tunnel truck shuttle is in the network: kept)",
    "IRL": "island", "LKA": "island", "IDN": "islands", "PHL": "islands", "TWN": "island",
    "MDG": "island", "CYP": "island", "MLT": "island", "ISL": "island", "MUS": "island",
    "COM": "islands", "CPV": "islands", "STP": "islands", "MDV": "islands", "BRN": "Borneo",
    "TLS": "Timor", "SYC": "islands", "KOR": "no open land border (the DMZ)",
}
ISLANDS.pop("GBR")  # the Channel Tunnel shuttle carries trucks: Great Britain is on the road network
MIN_POPULATION = 1_000_000
SAME_PLACE_KM = 50  # a node of the same name and country this near is the place itself (as `route` takes it)
CLOSED_MODES = ("rail", "sea", "air", "iww")  # trucks keep the ro-ro ferries (Caspian, Black Sea, Baltic)


class Failure(Exception):
    pass


def norm(s):
    s = unicodedata.normalize("NFKD", s.strip().lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def great_circle_km(lon1, lat1, lon2, lat2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl, dp = math.radians(lon2 - lon1), p2 - p1
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def read_csv(path):
    """Rows of a data CSV, skipping its leading '#' comment lines (comments inside are skipped too)."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = [(n, line) for n, line in enumerate(f, 1) if not line.startswith("#")]
    except OSError as e:
        raise Failure(f"{path}: {e.strerror}") from e
    reader = csv.DictReader(io.StringIO("".join(line for _, line in lines)))
    out = []
    for (n, _), row in zip(lines[1:], reader):
        row["_line"] = n
        out.append(row)
    return out


def as_float(row, field, path):
    try:
        return float(row[field])
    except (TypeError, ValueError) as e:
        raise Failure(f"{path}:{row['_line']}: field {field}: not a number: {row.get(field)!r}") from e


def audited_places(network, places_path):
    """The capitals and million cities that are network nodes: (node id, place name, country)."""
    nodes = {}
    by_name = collections.defaultdict(list)
    nodes_path = os.path.join(network, "nodes.csv")
    for r in read_csv(nodes_path):
        if r["kind"] == "waypoint":
            continue
        node = (r["id"], r["country"], as_float(r, "lon", nodes_path), as_float(r, "lat", nodes_path))
        nodes[r["id"]] = node
        for name in [r["name"], r["id"]] + [a for a in (r["alt_names"] or "").split("|") if a]:
            by_name[norm(name)].append(node)
    gazetteer = read_csv(places_path)
    countries_with_towns = {g["country"] for g in gazetteer if g["kind"] != "capital"}
    countries_with_towns |= {n[1] for n in nodes.values()}
    chosen, left_out = {}, collections.Counter()
    for g in gazetteer:
        capital = g["kind"] == "capital" and g["country"] in countries_with_towns
        try:
            population = int(g["population"] or 0)
        except ValueError as e:
            raise Failure(f"{places_path}:{g['_line']}: field population: not a number") from e
        if not capital and not (g["kind"] != "capital" and population >= MIN_POPULATION):
            continue
        if g["country"] in ISLANDS:
            left_out["on an island or behind a closed border"] += 1
            continue
        lon, lat = as_float(g, "lon", places_path), as_float(g, "lat", places_path)
        names = [g["name"], g["ascii_name"]] + [a for a in (g["alt_names"] or "").split("|") if a]
        match = None
        for name in names:
            for node in by_name.get(norm(name), []):
                if node[1] == g["country"] and great_circle_km(lon, lat, node[2], node[3]) <= SAME_PLACE_KM:
                    match = node
                    break
            if match:
                break
        if match is None:
            left_out["joins by a first or last mile (not a node)"] += 1
            continue
        chosen.setdefault(match[0], (match, g["name"]))
    return chosen, left_out


def road_matrix(silkroute, network, ids):
    """Road km of the fastest road route between the nodes: {(a, b): km or None when there is no road route}."""
    with tempfile.TemporaryDirectory(prefix="road_audit_") as tmp:
        scenario = os.path.join(tmp, "road-only.toml")
        with open(scenario, "w", encoding="utf-8") as f:
            f.write('name = "road-only"\ndescription = "road alone (road detour audit)"\nextends = "today"\n'
                    f"[closed]\nmodes = [{', '.join(repr(m).replace(chr(39), chr(34)) for m in CLOSED_MODES)}]\n")
        places = os.path.join(tmp, "places.txt")
        with open(places, "w", encoding="utf-8") as f:
            f.write("\n".join(ids) + "\n")
        cmd = [silkroute, "matrix", "--origins", places, "--destinations", places, "--metric", "distance",
               "--scenario", scenario, "--network", network]
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0:
            raise Failure(f"{' '.join(cmd)} failed ({run.returncode}): {run.stderr.strip()}")
    rows = list(csv.reader(io.StringIO(run.stdout)))
    header = rows[0][1:]
    out = {}
    for row in rows[1:]:
        for dest, cell in zip(header, row[1:]):
            out[(row[0], dest)] = float(cell) if cell not in ("", "inf", "nan") else None
    return out


def audit(args):
    chosen, left_out = audited_places(args.network, args.places)
    ids = sorted(chosen)
    km = road_matrix(args.silkroute, args.network, ids)
    # Road components: places that reach each other by road. The largest is the landmass's network;
    # a place outside it has a road of its own but none to the rest (a missing road, not a detour).
    parent = {i: i for i in ids}

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (x, y), v in km.items():
        if v is not None and x in parent and y in parent:
            parent[root(x)] = root(y)
    components = collections.defaultdict(list)
    for i in ids:
        components[root(i)].append(i)
    components = sorted(components.values(), key=lambda c: (-len(c), c))
    cut_off = [[(chosen[i][1], chosen[i][0][1]) for i in c] for c in components[1:]]
    flagged = []
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            (na, name_a), (nb, name_b) = chosen[a], chosen[b]
            gc = great_circle_km(na[2], na[3], nb[2], nb[3])
            if gc < args.min_km:
                continue
            road = km.get((a, b))
            ratio = None if road is None else road / gc
            if road is None or ratio > args.ratio:
                flagged.append({"from": name_a, "from_country": na[1], "to": name_b, "to_country": nb[1],
                                "great_circle_km": round(gc), "road_km": None if road is None else round(road),
                                "ratio": None if ratio is None else round(ratio, 2)})
    # Worst first: no route, then by ratio.
    flagged.sort(key=lambda f: (f["ratio"] is not None, -(f["ratio"] or 0), f["from"], f["to"]))
    groups = collections.OrderedDict()
    for f in flagged:
        key = tuple(sorted((f["from_country"], f["to_country"])))
        groups.setdefault(key, []).append(f)
    pairs = len(ids) * (len(ids) - 1) // 2
    return {"places": len(ids), "pairs": pairs, "left_out": left_out, "flagged": flagged, "groups": groups,
            "main": len(components[0]) if components else 0, "cut_off": cut_off}


def write_report(result, args, out):
    flagged, groups = result["flagged"], result["groups"]
    no_route = sum(1 for f in flagged if f["road_km"] is None)
    left = ", ".join(f"{n} {why}" for why, n in sorted(result["left_out"].items()))
    print(f"Road detour audit: {result['places']} capitals and million cities that are nodes ({left} left out), "
          f"{result['pairs']} pairs; of those at least {args.min_km:g} km apart, {len(flagged) - no_route} by road "
          f"more than {args.ratio:g}x the great circle and {no_route} with no road route, "
          f"in {len(groups)} country pairs.", file=out)
    print(f"\n{result['main']} of them reach each other by road; {sum(len(c) for c in result['cut_off'])} do not "
          f"reach that network, in {len(result['cut_off'])} pieces (a road of their own, or none):", file=out)
    for piece in result["cut_off"]:
        print("- " + ", ".join(f"{name} ({country})" for name, country in piece), file=out)
    detours = [g for g in groups.items() if g[1][0]["road_km"] is not None]
    if not detours:
        return
    print(f"\nDetours (country pairs whose worst pair has a road route, worst first):\n", file=out)
    print("| worst pair | countries | great circle km | road km | ratio | pairs of the countries flagged |", file=out)
    print("|---|---|---:|---:|---:|---:|", file=out)
    for (ca, cb), items in detours[: args.top]:
        w = items[0]
        road = "no route" if w["road_km"] is None else f"{w['road_km']:,}"
        ratio = "-" if w["ratio"] is None else f"{w['ratio']:.2f}"
        print(f"| {w['from']}-{w['to']} | {ca}-{cb} | {w['great_circle_km']:,} | {road} | {ratio} | {len(items)} |",
              file=out)
    if len(detours) > args.top:
        print(f"\n({len(detours) - args.top} more country pairs: --top N or --csv FILE for all)", file=out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--silkroute", default="build/silkroute")
    parser.add_argument("--network", default="data/bri")
    parser.add_argument("--places", default="data/places/places.csv")
    parser.add_argument("--ratio", type=float, default=1.6, help="flag road km above this times the great circle")
    parser.add_argument("--min-km", type=float, default=300, help="skip pairs nearer than this (great circle)")
    parser.add_argument("--top", type=int, default=25, help="country pairs in the table")
    parser.add_argument("--csv", help="write every flagged pair to this CSV file")
    args = parser.parse_args()
    try:
        if args.ratio <= 1 or args.min_km < 0 or args.top < 1:
            raise Failure("--ratio must be above 1, --min-km not negative, --top at least 1")
        result = audit(args)
        write_report(result, args, sys.stdout)
        if args.csv:
            with open(args.csv, "w", newline="", encoding="utf-8") as f:
                w = csv.DictWriter(f, fieldnames=["from", "from_country", "to", "to_country", "great_circle_km",
                                                  "road_km", "ratio"])
                w.writeheader()
                w.writerows(result["flagged"])
    except Failure as e:
        print(f"road_detour_audit: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
