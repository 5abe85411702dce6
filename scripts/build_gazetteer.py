#!/usr/bin/env python3
"""Rebuilds data/places/ (places.csv, ports.csv, airports.csv) from the public-domain datasets in
../shared/data: Natural Earth populated places and airports, the World Port Index and UN/LOCODE,
with the hand-checked lists of data/places/curated/ (alternative names, places no dataset has).

Only what the model needs is kept: the rows of Europe, Asia (with the Middle East) and Africa,
plus every national capital, and a few columns each. places.csv also holds UN/LOCODE's transport
locations of those regions (kind `transport`: a port, rail, road, airport, multimodal or border
function, with coordinates) that are not a populated place already, so that a freight town too
small for Natural Earth can be named. The output is deterministic (sorted rows,
fixed number formats) so that a rebuild diffs clean against the committed files.

Usage: python3 scripts/build_gazetteer.py [--shared ../shared/data] [--out data/places]
"""

import argparse
import csv
import io
import json
import math
import re
import sys
import unicodedata
from pathlib import Path

REGIONS = ("Europe", "Asia", "Africa")  # Natural Earth continents; the Middle East is in Asia
LOCODE_MATCH_KM = 30.0  # a UN/LOCODE of the same name this close is the same place
MIN_POPULATION = 10000  # below this, only capitals are kept
DUPLICATE_KM = 10.0  # one name twice in one country this close is one town listed twice
LOOK_ALIKE_POPULATION = 300000  # look-alike names are listed among places this large (and capitals)
COMMAND = "python3 scripts/build_gazetteer.py"

# Natural Earth leaves the ISO codes of these countries as -99.
ISO_FIXES = {"FRA": ("FRA", "FR"), "NOR": ("NOR", "NO"), "KOS": ("XKX", "XK"), "CYN": ("CYP", "CY"),
             "SOL": ("SOM", "SO")}

# Freight places on the corridors that Natural Earth does not list, taken from UN/LOCODE
# (checked by name, country and coordinates): border crossings, dry ports and container ports.
SUPPLEMENT_LOCODES = (
    "CNAKL",  # Alatawshankou (Alashankou), China-Kazakhstan rail border
    "CNHRS",  # Horgos (Khorgos), China-Kazakhstan rail and road border
    "CNMHN",  # Mohan, China-Laos border
    "CDKAS",  # Kasumbalesa, DRC-Zambia road border (UN/LOCODE gives it a postal function only)
    "CNYIU",  # Yiwu, China-Europe train terminal
    "GBFXT",  # Felixstowe, the UK's largest container port
    "KZKUR",  # Kuryk, Caspian ferry port
    "LABTN",  # Boten, Laos-China border
    "LKHBA",  # Hambantota port
    "MNZUU",  # Zamyn-Uud, Mongolia-China rail border
    "MYTPP",  # Tanjung Pelepas container port
    "PLMAA",  # Malaszewicze, EU rail border terminal
    "RUNKI",  # Naushki, Russia-Mongolia rail border
    "THLCH",  # Laem Chabang container port
    "VNTOT",  # Cai Mep container port
)

# UN/LOCODE functions (the function column, one position each) that make a location a place
# freight can start or end at: port, rail, road, airport, multimodal, border crossing.
TRANSPORT_FUNCTIONS = {0: ("1", "port"), 1: ("2", "rail"), 2: ("3", "road"), 3: ("4", "airport"),
                       5: ("6", "multimodal"), 7: ("B", "border")}
# A UN/LOCODE location further than this outside its country's bounding box is misplaced.
COUNTRY_BOX_MARGIN_DEG = 0.5
# UN/LOCODE entries that are not what they say (checked by hand), left out of the transport rows.
BAD_LOCODES = {
    "MNUQA": "'Ulan Qab' filed under Mongolia, at the coordinates of CNULA in China (the Chinese prefecture Ulanqab)",
}

# Letters that Unicode decomposition does not reduce to ASCII.
ASCII_LETTERS = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "ı": "i", "æ": "ae",
                 "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ʻ": "'", "ʼ": "'",
                 "‘": "'", "’": "'"}


def ascii_fold(text):
    text = "".join(ASCII_LETTERS.get(c, c) for c in text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if ord(c) < 128 and not unicodedata.combining(c))


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def name_key(text):
    """What two spellings of one name share: 'İzmir' and 'Izmir' -> 'izmir'."""
    return slug(text).replace("-", "")


def distance_km(lon1, lat1, lon2, lat2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def coord(value):
    return f"{value:.4f}"


def fail(message):
    sys.exit(f"build_gazetteer: {message}")


def load_json(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError) as e:
        fail(f"{path}: cannot read GeoJSON features ({e})")


class Countries:
    """Natural Earth admin-0 countries: codes, continent, and polygons to place airports."""

    def __init__(self, path):
        self.by_a3, self.by_a2, self.shapes = {}, {}, []
        for feature in load_json(path):
            p = feature["properties"]
            iso3, iso2 = p["ISO_A3"], p["ISO_A2"]
            if p["ADM0_A3"] in ISO_FIXES:
                iso3, iso2 = ISO_FIXES[p["ADM0_A3"]]
            if iso3 == "-99":
                iso3 = p["ADM0_A3"]
            entry = {"iso3": iso3, "iso2": iso2, "continent": p["CONTINENT"], "name": p["NAME"]}
            self.by_a3[p["ADM0_A3"]] = entry
            if iso2 != "-99":
                self.by_a2.setdefault(iso2, entry)
            geometry = feature["geometry"]
            polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            for polygon in polygons:
                xs = [x for x, _ in polygon[0]]
                ys = [y for _, y in polygon[0]]
                self.shapes.append(((min(xs), min(ys), max(xs), max(ys)), polygon, entry))

    def at(self, lon, lat):
        """The country whose polygon holds the point (even-odd rule over all rings)."""
        for (x0, y0, x1, y1), polygon, entry in self.shapes:
            if not (x0 <= lon <= x1 and y0 <= lat <= y1):
                continue
            inside = False
            for ring in polygon:
                for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1]):
                    if (ay > lat) != (by > lat) and lon < ax + (lat - ay) * (bx - ax) / (by - ay):
                        inside = not inside
            if inside:
                return entry
        return None


class Locodes:
    """UN/LOCODE entries with coordinates, by code and by country and name key.

    The copy read is valid UTF-8 but not clean: about 12,600 names carry U+FFFD where a letter with
    a diacritic was lost (the nameWoDiacritics column is intact, so it is used), and about 1,040
    rows whose name holds a comma ("Mollersdorf, Baden") were written with broken quoting, so that
    a CSV reader splits the name into two fields and shifts the rest by one: those rows are read
    back by position (name before the comma; function, lat and lon from their shifted places)."""

    def __init__(self, path):
        self.by_code, self.by_name, self.entries = {}, {}, []
        self.repaired = 0
        try:
            with path.open(encoding="utf-8", newline="") as f:
                for line, row in enumerate(csv.DictReader(f), start=2):
                    if row["name"].startswith('"') and row["nameWoDiacritics"].endswith('"'):
                        # Broken quoting: name and ASCII name split at their comma, status missing,
                        # function in the iata column.
                        self.repaired += 1
                        row = dict(row, name=row["name"].strip('" '),
                                   nameWoDiacritics=row["subdivision"].strip('" '), subdivision=row["function"],
                                   status="", function=row["iata"], iata="")
                    if not row["lat"] or not row["lon"]:
                        continue  # a match must be checked on the map
                    try:
                        lat, lon = float(row["lat"]), float(row["lon"])
                    except ValueError:
                        fail(f"{path}:{line}: lat/lon: not numbers: '{row['lat']}', '{row['lon']}'")
                    if not re.fullmatch(r"[0-9A-Z-]{8}", row["function"]):
                        fail(f"{path}:{line}: function: expected 8 characters, got '{row['function']}'")
                    # A few names carry broken characters in this copy; the ASCII column is intact.
                    name = row["name"] if "\ufffd" not in row["name"] else row["nameWoDiacritics"]
                    entry = {"code": row["country"] + row["location"], "country": row["country"], "name": name,
                             "ascii": row["nameWoDiacritics"], "function": row["function"],
                             "subdivision": row["subdivision"], "lat": lat, "lon": lon}
                    self.entries.append(entry)
                    # UN/LOCODE lists a few codes twice under two names (Nystad, Uusikaupunki): the first stays.
                    self.by_code.setdefault(entry["code"], entry)
                    for key in {name_key(name), name_key(row["nameWoDiacritics"])}:
                        self.by_name.setdefault((row["country"], key), []).append(entry)
        except (OSError, KeyError) as e:
            fail(f"{path}: cannot read UN/LOCODE CSV ({e})")

    def certain(self, iso2, names, lon, lat, port_only=False):
        """The one code of the same country and one of the names within LOCODE_MATCH_KM; '' if
        none matches or several do."""
        codes = set()
        for key in {name_key(n) for n in names if n}:
            for e in self.by_name.get((iso2, key), []):
                if port_only and "1" not in e["function"]:
                    continue
                if distance_km(lon, lat, e["lon"], e["lat"]) <= LOCODE_MATCH_KM:
                    codes.add(e["code"])
        return codes.pop() if len(codes) == 1 else ""


def transport_functions(function):
    """'-23-----' -> 'rail|road'; '' when the location has none of TRANSPORT_FUNCTIONS."""
    return "|".join(word for pos, (char, word) in TRANSPORT_FUNCTIONS.items() if function[pos] == char)


def alt_names(props, name):
    """A few other spellings Natural Earth gives: ASCII form, English name, alternative names."""
    out = []
    for value in (props.get("NAMEASCII"), props.get("NAME_EN"), props.get("GN_ASCII")):
        out.append(value or "")
    for value in (props.get("NAMEALT") or "").split("|"):
        if "," not in value:  # "Suzhou, Jiangsu" describes a place, it is not a name of it
            out.append(value)
    seen, result = {name_key(name)}, []
    for value in out:
        value = value.strip()
        if value and "|" not in value and name_key(value) not in seen:
            seen.add(name_key(value))
            result.append(value)
    return result[:4]


def build_places(shared, curated, countries, locodes):
    rows = []
    for feature in load_json(shared / "natural_earth" / "ne_10m_populated_places.json"):
        p = feature["properties"]
        country = countries.by_a3.get(p["ADM0_A3"]) or countries.by_a2.get(p["ISO_A2"])
        capital = p["FEATURECLA"].startswith("Admin-0 capital")
        in_region = country is not None and country["continent"] in REGIONS
        population = int(p["POP_MAX"] or 0)
        if not capital and not (in_region and population >= MIN_POPULATION):
            continue
        iso3 = country["iso3"] if country else p["ADM0_A3"]
        iso2 = country["iso2"] if country else p["ISO_A2"]
        lon, lat = float(p["LONGITUDE"]), float(p["LATITUDE"])
        alts = alt_names(p, p["NAME"])
        rows.append({"name": p["NAME"], "ascii": ascii_fold(p["NAMEASCII"] or p["NAME"]), "alts": alts,
                     "admin1": p["ADM1NAME"] or "", "country": iso3, "lon": lon, "lat": lat,
                     "population": str(population) if population else "", "kind": "capital" if capital else "city",
                     "locode": locodes.certain(iso2, [p["NAME"], p["NAMEASCII"], *alts], lon, lat),
                     "source": "natural_earth"})
    for code in SUPPLEMENT_LOCODES:
        e = locodes.by_code.get(code)
        if e is None:
            fail(f"UN/LOCODE {code} (a supplementary place) is missing or has no coordinates")
        country = countries.by_a2.get(e["country"])
        if country is None:
            fail(f"UN/LOCODE {code}: country {e['country']} is not in Natural Earth")
        alts = [e["ascii"]] if name_key(e["ascii"]) != name_key(e["name"]) or e["ascii"] != e["name"] else []
        rows.append({"name": e["name"], "ascii": ascii_fold(e["ascii"]), "alts": [a for a in alts if a != e["name"]],
                     "admin1": "", "country": country["iso3"], "lon": e["lon"], "lat": e["lat"], "population": "",
                     "kind": "city", "locode": code, "source": "un_locode"})
    rows.extend(curated_places(curated, countries))
    rows = drop_copied_populations(drop_duplicates(rows))
    assign_ids(rows)
    transport = transport_locations(locodes, countries, rows)
    assign_transport_ids(transport, {r["id"] for r in rows})
    rows.extend(transport)
    for r in rows:
        if "function" not in r:
            r["function"] = transport_functions(locodes.by_code[r["locode"]]["function"]) if r["locode"] else ""
    add_curated_alt_names(curated, rows)
    rows.sort(key=lambda r: r["id"])
    header = ["id", "name", "ascii_name", "alt_names", "country", "lon", "lat", "population", "kind", "locode",
              "function", "source"]

    def line(r):
        return [r["id"], r["name"], r["ascii"], "|".join(r["alts"]), r["country"], coord(r["lon"]), coord(r["lat"]),
                r["population"], r["kind"], r["locode"], r["function"], r["source"]]

    def transport_line(r):
        # The columns every row of this file would repeat are left out (TRANSPORT_HEADER): kind
        # 'transport', source 'un_locode', no population; an ASCII name other than the name goes
        # with the alternative names.
        alts = r["alts"] + ([r["ascii"]] if name_key(r["ascii"]) != name_key(r["name"]) else [])
        return [r["id"], r["name"], "|".join(alts), r["country"], coord(r["lon"]), coord(r["lat"]), r["locode"],
                r["function"]]
    # Two files: the populated places every gazetteer lookup reads, and the transport locations
    # read only for a name no populated place has (the command line stays quick).
    return (header, [line(r) for r in rows if r["kind"] != "transport"],
            [transport_line(r) for r in rows if r["kind"] == "transport"])


# transport_locations.csv: the columns of places.csv less ascii_name, population, kind and source,
# which would be the same on every row (6.6 MB -> 4.4 MB; src/places/gazetteer.cpp reads both layouts).
TRANSPORT_HEADER = ["id", "name", "alt_names", "country", "lon", "lat", "locode", "function"]


def read_curated(path, columns):
    """A hand-checked list of data/places/curated/: '#' comments, a header, a source on every row."""
    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    except OSError as e:
        fail(f"{path}: cannot read ({e})")
    reader = csv.DictReader(lines)
    if reader.fieldnames != columns:
        fail(f"{path}: expected the columns {','.join(columns)}, got {','.join(reader.fieldnames or [])}")
    rows = []
    for line, row in enumerate(reader, start=2):
        for c in columns:
            if not (row[c] or "").strip():
                fail(f"{path}: row {line - 1}: {c}: empty")
        rows.append(row)
    return rows


def curated_places(curated, countries):
    """Freight places neither Natural Earth nor UN/LOCODE has (Elegu), from curated/extra_places.csv."""
    path = curated / "extra_places.csv"
    iso3s = {e["iso3"] for e in countries.by_a3.values()}
    out = []
    for n, r in enumerate(read_curated(path, ["name", "country", "lon", "lat", "why", "source"]), start=1):
        try:
            lon, lat = float(r["lon"]), float(r["lat"])
        except ValueError:
            fail(f"{path}: row {n}: lon/lat: not numbers: '{r['lon']}', '{r['lat']}'")
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            fail(f"{path}: row {n}: lon/lat: out of range")
        if r["country"] not in iso3s:
            fail(f"{path}: row {n}: country: '{r['country']}' is not an ISO3 code of Natural Earth")
        out.append({"name": r["name"], "ascii": ascii_fold(r["name"]), "alts": [], "admin1": "", "country": r["country"],
                    "lon": lon, "lat": lat, "population": "", "kind": "city", "locode": "", "source": "curated"})
    return out


def transport_locations(locodes, countries, places):
    """UN/LOCODE locations of Europe, Asia and Africa with coordinates and a transport function
    (TRANSPORT_FUNCTIONS) that are not a place of `places` already: not a code a place carries, and
    no place of the same country and name within LOCODE_MATCH_KM. One name in one country within
    DUPLICATE_KM is one location (the first code; its functions are the union)."""
    boxes = {}
    for (x0, y0, x1, y1), _, entry in countries.shapes:
        b = boxes.get(entry["iso2"])
        boxes[entry["iso2"]] = (x0, y0, x1, y1) if b is None else (min(b[0], x0), min(b[1], y0), max(b[2], x1),
                                                                   max(b[3], y1))
    taken_codes = {r["locode"] for r in places if r["locode"]}
    place_names = {}
    for r in places:
        for n in {r["name"], r["ascii"], *r["alts"]}:
            place_names.setdefault((r["country"], name_key(n)), []).append(r)
    kept, by_name = [], {}
    for e in sorted(locodes.entries, key=lambda e: e["code"]):
        functions = transport_functions(e["function"])
        country = countries.by_a2.get(e["country"])
        if not functions or country is None or country["continent"] not in REGIONS:
            continue
        if e["code"] in taken_codes or e["code"] in BAD_LOCODES or not name_key(e["ascii"]):
            continue
        if not re.fullmatch(r"[A-Z]{2}[A-Z2-9]{3}", e["code"]):
            continue  # not a well-formed code (a handful carry 0 or 1)
        x0, y0, x1, y1 = boxes[e["country"]]
        m = COUNTRY_BOX_MARGIN_DEG
        if not (x0 - m <= e["lon"] <= x1 + m and y0 - m <= e["lat"] <= y1 + m):
            continue  # geocoded outside its country
        keys = {name_key(e["name"]), name_key(e["ascii"])}
        if any(distance_km(e["lon"], e["lat"], r["lon"], r["lat"]) <= LOCODE_MATCH_KM
               for k in keys for r in place_names.get((country["iso3"], k), [])):
            continue  # the populated place itself
        twin = next((t for k in keys for t in by_name.get((country["iso3"], k), [])
                     if distance_km(e["lon"], e["lat"], t["lon"], t["lat"]) <= DUPLICATE_KM), None)
        if twin is not None:
            merged = set(twin["function"].split("|")) | set(functions.split("|"))
            twin["function"] = "|".join(w for _, w in TRANSPORT_FUNCTIONS.values() if w in merged)
            continue
        ascii_name = ascii_fold(e["ascii"]).strip()
        name = e["name"] if e["name"].strip() else e["ascii"]
        if "\ufffd" in name:
            name = ascii_name  # a lost letter in both of UN/LOCODE's columns (Samrang, Bhutan)
        r = {"name": name.strip(), "ascii": ascii_name, "alts": [], "admin1": e["subdivision"], "country": country["iso3"],
             "lon": e["lon"], "lat": e["lat"], "population": "", "kind": "transport", "locode": e["code"],
             "function": functions, "source": "un_locode"}
        kept.append(r)
        for k in keys:
            by_name.setdefault((country["iso3"], k), []).append(r)
    return kept


def assign_transport_ids(rows, taken):
    """name-country slugs that no populated place holds; else name, location code and country
    (`jining-jnn-chn`), so that the ids of populated places never change."""
    counts = {}
    for r in rows:
        base = f"{slug(r['ascii'])}-{r['country'].lower()}"
        counts[base] = counts.get(base, 0) + 1
    for r in rows:
        base = f"{slug(r['ascii'])}-{r['country'].lower()}"
        r["id"] = base if counts[base] == 1 and base not in taken else \
            f"{slug(r['ascii'])}-{r['locode'][2:].lower()}-{r['country'].lower()}"
        if r["id"] in taken:
            fail(f"two places get the id {r['id']}")
        taken.add(r["id"])


def add_curated_alt_names(curated, rows):
    """Other names a place is known by where its freight hub is named (Ulanqab for Jining, Inner
    Mongolia; Linhe for Bayannur), from curated/alt_names.csv, each with its source."""
    path = curated / "alt_names.csv"
    by_id = {r["id"]: r for r in rows}
    for n, a in enumerate(read_curated(path, ["id", "alt_name", "source"]), start=1):
        r = by_id.get(a["id"])
        if r is None:
            fail(f"{path}: row {n}: id: no place '{a['id']}' in places.csv")
        if any(name_key(a["alt_name"]) == name_key(x) for x in (r["name"], r["ascii"], *r["alts"])):
            fail(f"{path}: row {n}: alt_name: '{a['alt_name']}' is a name of {a['id']} already")
        r["alts"].append(a["alt_name"])


def drop_duplicates(rows):
    """Natural Earth lists a few towns twice (Bandar Lampung, 4 km apart): one name in one
    country within DUPLICATE_KM is one place; the row with the larger population stays."""
    kept = []
    for r in sorted(rows, key=lambda r: (-int(r["population"] or 0), r["name"], r["lon"], r["lat"])):
        if not any(k["country"] == r["country"] and name_key(k["name"]) == name_key(r["name"])
                   and distance_km(k["lon"], k["lat"], r["lon"], r["lat"]) <= DUPLICATE_KM for k in kept):
            kept.append(r)
    return kept


def drop_copied_populations(rows):
    """Natural Earth gives a few far-off settlements the name and the population of a city of
    the same country (a second Nakhodka of 159,551 people in Yamal, a second Noginsk in Evenkia):
    where one name, one country and one population recur and exactly one of the rows has the
    UN/LOCODE of the name, that row is the city and the others are dropped, so the name is not
    ambiguous between a city and a copy of it."""
    groups = {}
    for r in rows:
        if r["population"]:
            groups.setdefault((name_key(r["name"]), r["country"], r["population"]), []).append(r)
    copies = set()
    for group in groups.values():
        with_locode = [r for r in group if r["locode"]]
        if len(group) > 1 and len(with_locode) == 1:
            copies.update(id(r) for r in group if r is not with_locode[0])
    return [r for r in rows if id(r) not in copies]


def assign_ids(rows):
    """name-country slugs; where one country has two places of one name (Suzhou, Jiangsu and
    Suzhou, Anhui), all of them get the region too, and coordinates as the last resort."""
    groups = {}
    for r in rows:
        groups.setdefault(f"{slug(r['ascii'])}-{r['country'].lower()}", []).append(r)
    taken = set()
    for base, members in sorted(groups.items()):
        for r in members:
            r["id"] = base if len(members) == 1 else f"{slug(r['ascii'])}-{slug(r['admin1'])}-{r['country'].lower()}"
        ids = [r["id"] for r in members]
        for r in members:
            if ids.count(r["id"]) > 1 or r["id"] in taken:
                r["id"] = (f"{slug(r['ascii'])}-{slug(r['admin1'])}-{abs(round(r['lat'] * 100))}-"
                           f"{abs(round(r['lon'] * 100))}-{r['country'].lower()}").replace("--", "-")
            if r["id"] in taken:
                fail(f"two places get the id {r['id']}")
            taken.add(r["id"])


def one_edit_apart(a, b):
    """Equal, or one letter changed, added or dropped."""
    if a == b:
        return True
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if abs(len(a) - len(b)) != 1:
        return False
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def build_look_alikes(place_rows):
    """Pairs of distinct larger places whose names are the same or one letter apart (Nanjing and
    Nanning, Izmir and Izmit): a name finder must never take one for the other."""
    header_ids = {"id": 0, "name": 1, "ascii": 2, "country": 4, "lon": 5, "lat": 6, "population": 7, "kind": 8}
    big = [r for r in place_rows
           if r[header_ids["kind"]] == "capital" or int(r[header_ids["population"]] or 0) >= LOOK_ALIKE_POPULATION]
    by_length = {}
    for r in big:
        by_length.setdefault(len(name_key(r[2])), []).append(r)
    pairs = []
    for a in big:
        ka = name_key(a[2])
        for length in (len(ka) - 1, len(ka), len(ka) + 1):
            for b in by_length.get(length, []):
                kb = name_key(b[2])
                if a[0] < b[0] and one_edit_apart(ka, kb):
                    km = distance_km(float(a[5]), float(a[6]), float(b[5]), float(b[6]))
                    pairs.append([a[0], a[1], b[0], b[1], "0" if ka == kb else "1", f"{km:.0f}"])
    pairs.sort()
    return ["id_a", "name_a", "id_b", "name_b", "edits", "km_apart"], pairs


def build_ports(shared, countries, locodes):
    path = shared / "ports" / "world_port_index.csv"
    rows = []
    try:
        with path.open(encoding="utf-8", newline="") as f:
            for line, r in enumerate(csv.DictReader(f), start=2):
                country = countries.by_a2.get(r["country"])
                if country is None or country["continent"] not in REGIONS:
                    continue
                try:
                    lon, lat = float(r["port_longitude"]), float(r["port_latitude"])
                except ValueError:
                    fail(f"{path}:{line}: port_latitude/port_longitude: not numbers")
                rows.append([r["index_number"], r["port_name"], country["iso3"], coord(lon), coord(lat),
                             r["harbor_size"], locodes.certain(r["country"], [r["port_name"]], lon, lat, port_only=True)])
    except (OSError, KeyError) as e:
        fail(f"{path}: cannot read the World Port Index CSV ({e})")
    rows.sort(key=lambda r: (r[2], r[1], int(r[0])))
    return ["wpi_index", "name", "country", "lon", "lat", "harbour_size", "locode"], rows


def build_airports(shared, countries):
    rows = []
    for feature in load_json(shared / "natural_earth" / "ne_10m_airports.json"):
        p = feature["properties"]
        iata = (p.get("iata_code") or "").strip()
        if not re.fullmatch(r"[A-Z]{3}", iata):
            continue
        lon, lat = feature["geometry"]["coordinates"][:2]
        country = countries.at(lon, lat)
        if country is None or country["continent"] not in REGIONS:
            continue
        rows.append((iata, p["scalerank"], p["name"], [iata, p["name"], country["iso3"], coord(lon), coord(lat),
                                                       p["type"]]))
    # Natural Earth gives Port Sudan's code to the old and the new airport: an IATA code is one
    # airport, the one Natural Earth ranks higher (lower scalerank).
    rows.sort(key=lambda r: r[:3])
    unique = [r[3] for n, r in enumerate(rows) if n == 0 or rows[n - 1][0] != r[0]]
    return ["iata", "name", "country", "lon", "lat", "type"], unique


def render(comments, header, rows):
    buf = io.StringIO()
    for c in comments:
        buf.write(f"# {c}\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def main():
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=root.parent / "shared" / "data", help="folder of the datasets")
    ap.add_argument("--out", type=Path, default=root / "data" / "places", help="output folder")
    ap.add_argument("--curated", type=Path, default=root / "data" / "places" / "curated",
                    help="folder of the hand-checked lists (alternative names, extra places)")
    args = ap.parse_args()
    ne = args.shared / "natural_earth"
    countries = Countries(ne / "ne_50m_admin_0_countries.json")
    locodes = Locodes(args.shared / "ports" / "unlocode_all.csv")
    regions = ", ".join(REGIONS)
    place_header, place_rows, transport_rows = build_places(args.shared, args.curated, countries, locodes)
    made = {
        "places.csv": (
            [f"Cities and towns of {regions} (population {MIN_POPULATION:,}+) and every national capital, from",
             "Natural Earth 10m populated places (public domain); freight places Natural Earth lacks from UN/LOCODE",
             "and curated/extra_places.csv. UN/LOCODE's other transport locations: transport_locations.csv.",
             f"locode: the UN/LOCODE of the same country and name within {LOCODE_MATCH_KM:.0f} km, where exactly one matches.",
             "function: the locode's transport functions (port, rail, road, airport, multimodal, border).",
             "alt_names: '|'-separated spellings the source gives, and curated/alt_names.csv. See ATTRIBUTION.md.",
             f"Generated; do not edit. Rebuilt by: {COMMAND}"],
            place_header, place_rows),
        "transport_locations.csv": (
            [f"UN/LOCODE locations of {regions} with coordinates and a transport function (port 1, rail 2, road 3,",
             "airport 4, multimodal 6, border crossing B) that are none of the places of places.csv: not a code a",
             f"place carries, nor a place of the same country and name within {LOCODE_MATCH_KM:.0f} km. A name a place of",
             "places.csv has is that place's, never one of these (docs/cli.md, 'Any place'); see README.md.",
             "From UN/LOCODE (UNECE), via Geoapify's CSV (MIT); see ATTRIBUTION.md. Every row is of kind 'transport',",
             "source 'un_locode', with no population (columns of places.csv left out); an ASCII name unlike the name is in alt_names.",
             f"Generated; do not edit. Rebuilt by: {COMMAND}"],
            TRANSPORT_HEADER, transport_rows),
        "look_alikes.csv": (
            [f"Distinct places of places.csv (capitals, and places of {LOOK_ALIKE_POPULATION:,}+ people) whose ASCII names are",
             "the same (edits 0) or one letter apart (edits 1): a name lookup must never take one for the other.",
             f"Generated; do not edit. Rebuilt by: {COMMAND}"],
            *build_look_alikes(place_rows)),
        "ports.csv": (
            [f"Ports of {regions} from the World Port Index (US NGA, public domain).",
             f"harbour_size: L large, M medium, S small, V very small. locode: a UN/LOCODE port of the same country and",
             f"name within {LOCODE_MATCH_KM:.0f} km, where exactly one matches. See ATTRIBUTION.md.",
             f"Generated; do not edit. Rebuilt by: {COMMAND}"],
            *build_ports(args.shared, countries, locodes)),
        "airports.csv": (
            [f"Airports with an IATA code in {regions} from Natural Earth 10m airports (public domain);",
             "country from the Natural Earth 50m country polygons. See ATTRIBUTION.md.",
             f"Generated; do not edit. Rebuilt by: {COMMAND}"],
            *build_airports(args.shared, countries)),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (comments, header, rows) in made.items():
        (args.out / name).write_text(render(comments, header, rows), encoding="utf-8")
        print(f"wrote {args.out / name}: {len(rows)} rows")


if __name__ == "__main__":
    main()
