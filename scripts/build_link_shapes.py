#!/usr/bin/env python3
"""Builds data/bri/shapes.csv, the drawn shapes of land links, from the curated vias.

Input: data/bri/vias/*.csv, one file per region, columns link_id,via,source. `via` lists the
points a link passes between its `from` and `to` nodes, in that order, separated by ';'. A point is
`Name@CCC` (a town or station of country CCC, ISO 3166 alpha-3) or a literal `lat lon` pair for a
junction or pass that has no name in the gazetteer.

A name is resolved, ignoring case and accents, against the gazetteer data/places/places.csv (name,
ascii name, alternative names) and, where the gazetteer has no such place, against UN/LOCODE's
coordinates (../shared/data/ports/unlocode_all.csv, PDDL). Exactly one place must match: an unknown
or ambiguous name is refused with its file, line and field (write `lat lon` instead), never
replaced by a near one.

Output: data/bri/shapes.csv, columns link_id,vertices,source; vertices `lon lat;lon lat;...` are the
intermediate points only (the ends are the link's nodes), rounded to 4 decimals.

Checks, each an error naming file, line and field: a link that is not in links.csv or is not a
rail or road link, a link listed twice, a malformed point, a shape more than MAX_DETOUR times its
straight line (a name that resolved to the wrong town), and a published length_km shorter than the
shape's great-circle length beyond 1% (the loader refuses that too).

Run from the repository root: python3 scripts/build_link_shapes.py [--check]
"""
import argparse
import csv
import difflib
import glob
import io
import math
import os
import sys
import unicodedata

ROUND = 4
# A shape this many times longer than the straight line between its ends is a wrong name, not
# a winding railway: the most winding curated lines (Baoji-Chengdu, Qinghai-Tibet) are under 1.6.
MAX_DETOUR = 2.0
LENGTH_SLACK = 1.01  # rounded coordinates and lengths
LAND_MODES = {"rail", "road"}
HEADER = ("# Drawn shapes of land links: the intermediate vertices (lon lat) from a link's from node to its to node.\n"
          "# Generated; do not edit. Rebuilt by: python3 scripts/build_link_shapes.py from data/bri/vias/*.csv\n"
          "# (names resolved against data/places/places.csv and UN/LOCODE coordinates). Sources per row; see SOURCES.md.\n")


class Failure(Exception):
    pass


def norm(s):
    s = unicodedata.normalize("NFKD", s.strip().lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def great_circle_km(a, b):
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl, dp = math.radians(lon2 - lon1), p2 - p1
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def polyline_km(points):
    return sum(great_circle_km(points[i], points[i + 1]) for i in range(len(points) - 1))


def data_rows(path):
    """(line number, row dict) for each data row of a CSV whose comment lines start with '#'."""
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().splitlines()
    numbered = [(i + 1, line) for i, line in enumerate(lines) if line.strip() and not line.startswith("#")]
    if not numbered:
        return [], []
    header = next(csv.reader([numbered[0][1]]))
    rows = []
    for number, line in numbered[1:]:
        values = next(csv.reader([line]))
        rows.append((number, dict(zip(header, values + [""] * (len(header) - len(values)))), len(values)))
    return header, rows


class Gazetteer:
    """Name@CCC -> (lon, lat): the gazetteer first, then UN/LOCODE; exactly one match or a refusal."""

    def __init__(self, places_path, unlocode_path, countries_path):
        self.places = {}
        _, rows = data_rows(places_path)
        for _, r, _ in rows:
            names = {norm(r["name"]), norm(r["ascii_name"])} | {norm(a) for a in r["alt_names"].split("|") if a}
            for n in names:
                self.places.setdefault((n, r["country"]), []).append((r["id"], float(r["lon"]), float(r["lat"])))
        self.unlocode = {}
        if unlocode_path:
            iso3 = {}
            with open(countries_path, encoding="utf-8") as f:
                import json
                for feat in json.load(f)["features"]:
                    p = feat["properties"]
                    if p["ISO_A2"] != "-99":
                        iso3[p["ISO_A2"]] = p["ISO_A3"] if p["ISO_A3"] != "-99" else p["ADM0_A3"]
            iso3.update({"FR": "FRA", "NO": "NOR"})  # Natural Earth leaves their ISO_A2 at -99
            with open(unlocode_path, encoding="utf-8", newline="") as f:
                for r in csv.DictReader(f):
                    if not r["lat"] or not r["lon"] or r["country"] not in iso3:
                        continue
                    entry = (r["country"] + r["location"], float(r["lon"]), float(r["lat"]))
                    for n in {norm(r["name"]), norm(r["nameWoDiacritics"])}:
                        self.unlocode.setdefault((n, iso3[r["country"]]), []).append(entry)

    def resolve(self, name, country):
        key = (norm(name), country)
        for table, what in ((self.places, "data/places/places.csv"), (self.unlocode, "UN/LOCODE")):
            found = table.get(key, [])
            # One place listed under two spellings, or twice in UN/LOCODE at the same spot, is one place.
            distinct = {(round(lon, 2), round(lat, 2)): (pid, lon, lat) for pid, lon, lat in found}
            if len(distinct) == 1:
                _, lon, lat = next(iter(distinct.values()))
                return lon, lat
            if len(distinct) > 1:
                ids = ", ".join(sorted(pid for pid, _, _ in distinct.values()))
                raise Failure(f"{name}@{country} is ambiguous in {what} ({ids}): give its 'lat lon' instead")
        if not self.unlocode:
            raise Failure(f"{name}@{country} is not in data/places/places.csv, and UN/LOCODE "
                          "(../shared/data/ports/unlocode_all.csv) is absent")
        names = sorted({n for n, c in list(self.places) + list(self.unlocode) if c == country})
        close = difflib.get_close_matches(key[0], names, n=3, cutoff=0.75)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise Failure(f"no place {name}@{country} in data/places/places.csv or UN/LOCODE{hint}: check the spelling "
                      "and country, or give its 'lat lon'")


def parse_point(text, gazetteer):
    text = text.strip()
    if "@" in text:
        name, _, country = text.rpartition("@")
        if not name.strip() or len(country) != 3 or not country.isupper():
            raise Failure(f"{text!r} is not Name@CCC (CCC: ISO 3166 alpha-3, upper case)")
        return gazetteer.resolve(name.strip(), country)
    parts = text.split()
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        raise Failure(f"{text!r} is neither Name@CCC nor a 'lat lon' pair") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not all(math.isfinite(v) for v in (lat, lon)):
        raise Failure(f"{text!r}: expected 'lat lon' with lat from -90 to 90 and lon from -180 to 180")
    return lon, lat


def build(data_dir, places_path, unlocode_path, countries_path):
    _, node_rows = data_rows(os.path.join(data_dir, "nodes.csv"))
    nodes = {r["id"]: (float(r["lon"]), float(r["lat"])) for _, r, _ in node_rows if r["lon"] and r["lat"]}
    _, link_rows = data_rows(os.path.join(data_dir, "links.csv"))
    links = {r["id"]: r for _, r, _ in link_rows}
    gazetteer = Gazetteer(places_path, unlocode_path, countries_path)
    errors, shapes, seen = [], {}, {}
    via_files = sorted(glob.glob(os.path.join(data_dir, "vias", "*.csv")))
    for path in via_files:
        rel = os.path.relpath(path)
        header, rows = data_rows(path)
        if header != ["link_id", "via", "source"]:
            errors.append(f"{rel}: expected the columns link_id,via,source, got {','.join(header)}")
            continue
        for line, r, width in rows:
            def fail(field, message):
                errors.append(f"{rel}:{line}: {field}: {message}")
            if width != 3:
                fail("link_id", f"expected 3 fields, got {width}")
                continue
            link_id = r["link_id"].strip()
            link = links.get(link_id)
            if link is None:
                fail("link_id", f"no link {link_id!r} in links.csv")
                continue
            if link["mode"] not in LAND_MODES:
                fail("link_id", f"{link_id} is a {link['mode']} link; only rail and road links take a shape")
                continue
            if link_id in seen:
                fail("link_id", f"{link_id} already has a shape at {seen[link_id]}")
                continue
            seen[link_id] = f"{rel}:{line}"
            if not r["source"].strip():
                fail("source", "empty: name the line's public source")
                continue
            points, ok = [], True
            for text in r["via"].split(";"):
                try:
                    points.append(parse_point(text, gazetteer))
                except Failure as e:
                    fail("via", str(e))
                    ok = False
            if not ok:
                continue
            if link["from"] not in nodes or link["to"] not in nodes:
                fail("link_id", f"{link_id}'s end nodes have no coordinates in nodes.csv")
                continue
            points = [(round(lon, ROUND), round(lat, ROUND)) for lon, lat in points]
            whole = [nodes[link["from"]]] + points + [nodes[link["to"]]]
            shape_km, straight_km = polyline_km(whole), great_circle_km(whole[0], whole[-1])
            if shape_km > MAX_DETOUR * straight_km + 50:
                fail("via", f"the shape of {link_id} is {shape_km:.0f} km, more than {MAX_DETOUR:g} times the "
                            f"straight line of {straight_km:.0f} km: a point is probably the wrong place")
                continue
            if link["length_km"] and float(link["length_km"]) * LENGTH_SLACK < shape_km:
                fail("via", f"the shape of {link_id} is {shape_km:.0f} km, longer than its length_km of "
                            f"{link['length_km']} in links.csv: the length or the vias are wrong")
                continue
            shapes[link_id] = (points, r["source"].strip())
    if errors:
        raise Failure("\n".join(errors))
    out = io.StringIO()
    out.write(HEADER)
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["link_id", "vertices", "source"])
    for link_id in sorted(shapes):
        points, source = shapes[link_id]
        w.writerow([link_id, ";".join(f"{lon:.{ROUND}f} {lat:.{ROUND}f}" for lon, lat in points), source])
    return out.getvalue(), len(shapes)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join("data", "bri"))
    ap.add_argument("--places", default=os.path.join("data", "places", "places.csv"))
    ap.add_argument("--shared", default=os.path.join("..", "shared", "data"))
    ap.add_argument("--check", action="store_true",
                    help="fail if the committed shapes.csv differs from a rebuild (exit 77 without ../shared/data)")
    args = ap.parse_args()
    unlocode = os.path.join(args.shared, "ports", "unlocode_all.csv")
    countries = os.path.join(args.shared, "natural_earth", "ne_50m_admin_0_countries.json")
    have_shared = os.path.exists(unlocode) and os.path.exists(countries)
    if args.check and not have_shared:
        print(f"skipped: {unlocode} is absent; the shapes are resolved against UN/LOCODE from ../shared/data", file=sys.stderr)
        sys.exit(77)
    try:
        text, count = build(args.data, args.places, unlocode if have_shared else None, countries)
    except Failure as e:
        sys.exit(str(e))
    target = os.path.join(args.data, "shapes.csv")
    if args.check:
        with open(target, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(f"{target} differs from a rebuild from {args.data}/vias (run python3 scripts/build_link_shapes.py and commit)")
        print(f"{target}: {count} shapes, as the vias build them")
        return
    with open(target, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    print(f"{target}: {count} shapes written")


if __name__ == "__main__":
    main()
