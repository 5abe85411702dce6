#!/usr/bin/env python3
"""Checks data/places: well-formed rows, the cities users name are there (with the look-alike
names kept apart and listed in look_alikes.csv), and, where ../shared/data is present, that a rebuild with
scripts/build_gazetteer.py gives the committed files byte for byte and that every country of
Europe, Asia and Africa has its capital. Exits 77 (skipped) after the first checks when
../shared/data is absent.

Usage: check_gazetteer.py SOURCE_DIR"""

import csv
import filecmp
import math
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

NAMED = ["London", "Guangzhou", "Nanjing", "Mannheim", "Leipzig", "Le Havre", "Felixstowe", "Bremerhaven", "Athens",
         "Bratislava", "Kyiv", "Odesa", "Riga", "Tallinn", "Vilnius", "Kaliningrad", "Izmir", "Baghdad", "Basra", "Doha",
         "Muscat", "Chabahar", "Tabriz", "Astrakhan", "Samarkand", "Dushanbe", "Osh", "Termez", "Kabul", "Lahore",
         "Dhaka", "Kolkata", "Mumbai", "Kathmandu", "Phnom Penh", "Kuala Lumpur", "Seoul", "Vladivostok", "Cairo",
         "Port Sudan", "Kampala", "Kigali", "Lusaka", "Johannesburg", "Shenyang", "Xining", "Hohhot"]
# Freight towns published figures name that Natural Earth lacks or names otherwise (session 12's
# fresh pairs): each must be a row of its country, by this name or an alternative one.
FREIGHT_TOWNS = [("Ulanqab", "CHN"), ("Wulanchabu", "CHN"), ("Bayannur", "CHN"), ("Linhe", "CHN"), ("Kolín", "CZE"),
                 ("Çerkezköy", "TUR"), ("Nynäshamn", "SWE"), ("Kasumbalesa", "COD"), ("Elegu", "UGA"),
                 ("Mpondwe", "UGA"), ("Ystad", "SWE")]
TRANSPORT_COLUMNS = ["id", "name", "alt_names", "country", "lon", "lat", "locode", "function"]
TRANSPORT_FUNCTIONS = {"port", "rail", "road", "airport", "multimodal", "border"}
# Different cities with the same or nearly the same name: each must be its own row.
LOOK_ALIKE = [("Nanjing", "Nanning", "Nantong"), ("Ganzhou", "Lanzhou"), ("Izmir", "Izmit"), ("Suzhou", "Xuzhou")]
REGIONS = {"Europe", "Asia", "Africa"}


def key(text):
    text = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in text if ord(c) < 128).lower())


def read(path, problems):
    lines = path.read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if not line.startswith("#")]
    if not lines or not lines[0].startswith("#"):
        problems.append(f"{path.name}: no header comment naming the source and the command that rebuilds it")
    rows = list(csv.DictReader(body))
    return rows


def check_fields(folder, problems):
    places = read(folder / "places.csv", problems)
    transport = read(folder / "transport_locations.csv", problems)
    if transport and list(transport[0]) != TRANSPORT_COLUMNS:
        problems.append(f"transport_locations.csv: expected the columns {','.join(TRANSPORT_COLUMNS)}")
    # What the columns left out of transport_locations.csv stand for (src/places/gazetteer.cpp).
    transport = [dict(r, ascii_name=r["name"], population="", kind="transport", source="un_locode") for r in transport]
    if any(r["kind"] == "transport" for r in places):
        problems.append("places.csv holds populated places only, transport_locations.csv transport locations only")
    places = places + transport
    ids = set()
    for n, r in enumerate(places, start=1):
        where = f"places.csv row {n} ({r['id']})"
        if r["id"] in ids:
            problems.append(f"{where}: id used twice")
        ids.add(r["id"])
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*-[a-z]{3}", r["id"]) or not r["id"].endswith(r["country"].lower()):
            problems.append(f"{where}: id is not an ASCII slug ending in the country code")
        if not re.fullmatch(r"[A-Z]{3}", r["country"]):
            problems.append(f"{where}: country '{r['country']}' is not ISO3")
        lon, lat = float(r["lon"]), float(r["lat"])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90) or len(r["lon"].split(".")[1]) != 4:
            problems.append(f"{where}: lon/lat {r['lon']},{r['lat']} out of range or not 4 decimals")
        if r["kind"] not in ("city", "capital", "transport"):
            problems.append(f"{where}: kind '{r['kind']}'")
        functions = r["function"].split("|") if r["function"] else []
        if any(f not in TRANSPORT_FUNCTIONS for f in functions) or (functions and not r["locode"]):
            problems.append(f"{where}: function '{r['function']}' (locode '{r['locode']}')")
        if r["kind"] == "transport" and (not functions or r["population"] or r["source"] != "un_locode"):
            problems.append(f"{where}: a transport location has UN/LOCODE transport functions and no population")
        if r["population"] and not r["population"].isdigit():
            problems.append(f"{where}: population '{r['population']}'")
        if r["locode"] and not re.fullmatch(r"[A-Z]{2}[A-Z2-9]{3}", r["locode"]):
            problems.append(f"{where}: locode '{r['locode']}'")
        if r["kind"] != "transport" and not r["ascii_name"].isascii():
            problems.append(f"{where}: ascii_name is not ASCII")
    for r in read(folder / "ports.csv", problems):
        if r["harbour_size"] not in ("L", "M", "S", "V", ""):
            problems.append(f"ports.csv {r['wpi_index']}: harbour_size '{r['harbour_size']}'")
    iatas = [r["iata"] for r in read(folder / "airports.csv", problems)]
    if len(iatas) != len(set(iatas)) or not all(re.fullmatch(r"[A-Z]{3}", i) for i in iatas):
        problems.append("airports.csv: IATA codes must be three letters and unique")
    return places


def check_names(places, problems):
    by_key = {}
    for r in places:
        for name in {r["name"], r["ascii_name"], *filter(None, r["alt_names"].split("|"))}:
            by_key.setdefault(key(name), []).append(r)
    for name in NAMED:
        if key(name) not in by_key:
            problems.append(f"places.csv: '{name}' is missing (as name, ascii_name or alt_names)")
    for name, country in FREIGHT_TOWNS:
        if not any(r["country"] == country for r in by_key.get(key(name), [])):
            problems.append(f"places.csv: freight town '{name}' ({country}) is missing")
    # A transport location is never a populated place listed twice: none shares a name with a
    # populated place of its country within 30 km (the build drops those).
    populated = {}
    for r in places:
        if r["kind"] != "transport":
            for name in {r["name"], r["ascii_name"], *filter(None, r["alt_names"].split("|"))}:
                populated.setdefault((key(name), r["country"]), []).append(r)
    for r in places:
        if r["kind"] == "transport":
            for p in populated.get((key(r["name"]), r["country"]), []):
                km = 111 * math.hypot(float(r["lat"]) - float(p["lat"]),
                                      (float(r["lon"]) - float(p["lon"])) * math.cos(math.radians(float(r["lat"]))))
                if km < 25:
                    problems.append(f"places.csv: transport location {r['id']} is {p['id']} again ({km:.0f} km)")
    # A city and a far-off copy of it (same name, country and population, Natural Earth's Nakhodka
    # in Yamal) would make the city's own name ambiguous.
    seen = {}
    for r in places:
        if r["population"]:
            other = seen.setdefault((key(r["name"]), r["country"], r["population"]), r)
            if other is not r:
                problems.append(f"places.csv: {other['id']} and {r['id']} share name, country and population (a copy)")
    for group in LOOK_ALIKE:
        rows = {}
        for name in group:
            # The rows that carry the name itself (China has two Suzhous), not a look-alike's.
            found = {r["id"]: r for r in by_key.get(key(name), []) if r["country"] in ("CHN", "TUR")}
            if not found:
                problems.append(f"places.csv: '{name}' (CHN/TUR) is missing")
            rows[name] = list(found.values())
        for a in group:
            for b in group:
                for ra in rows[a] if a < b else []:
                    for rb in rows[b]:
                        km = 111 * math.hypot(float(ra["lat"]) - float(rb["lat"]), (float(ra["lon"]) - float(rb["lon"]))
                                              * math.cos(math.radians(float(ra["lat"]))))
                        if ra["id"] == rb["id"] or km < 50:
                            problems.append(f"places.csv: {a} and {b} are not kept apart ({ra['id']}, {rb['id']})")


def check_look_alikes(folder, problems):
    listed = {(r["id_a"], r["id_b"]) for r in read(folder / "look_alikes.csv", problems)}
    for pair in [("nanjing-chn", "nanning-chn"), ("ganzhou-chn", "lanzhou-chn"), ("izmir-tur", "izmit-tur"),
                 ("suzhou-jiangsu-chn", "xuzhou-chn")]:
        if pair not in listed:
            problems.append(f"look_alikes.csv: {pair[0]} and {pair[1]} are not listed as look-alikes")


def check_rebuild(source, folder, shared, problems):
    with tempfile.TemporaryDirectory() as tmp:
        run = subprocess.run([sys.executable, str(source / "scripts" / "build_gazetteer.py"), "--shared", str(shared),
                              "--out", tmp], capture_output=True, text=True)
        if run.returncode != 0:
            problems.append(f"build_gazetteer.py failed: {run.stderr.strip()}")
            return
        for name in ("places.csv", "transport_locations.csv", "look_alikes.csv", "ports.csv", "airports.csv"):
            if not filecmp.cmp(Path(tmp) / name, folder / name, shallow=False):
                problems.append(f"data/places/{name} differs from a rebuild: run python3 scripts/build_gazetteer.py")


def check_capitals(source, places, shared, problems):
    sys.path.insert(0, str(source / "scripts"))
    from build_gazetteer import Countries  # the same country codes the build uses
    countries = Countries(shared / "natural_earth" / "ne_50m_admin_0_countries.json")
    with_capital = {r["country"] for r in places if r["kind"] == "capital"}
    import json
    for feature in json.loads((shared / "natural_earth" / "ne_50m_admin_0_countries.json").read_text())["features"]:
        p = feature["properties"]
        # Sovereign states; Hong Kong, Aland or Jersey are "Country" in Natural Earth but have no national capital.
        sovereign = p["TYPE"] == "Sovereign country" or (p["TYPE"] == "Country" and p["ADMIN"] == p["SOVEREIGNT"])
        if p["CONTINENT"] in REGIONS and sovereign:
            iso3 = countries.by_a3[p["ADM0_A3"]]["iso3"]
            if iso3 not in with_capital:
                problems.append(f"places.csv: no capital for {p['NAME']} ({iso3})")


def main():
    source = Path(sys.argv[1]).resolve()
    folder = source / "data" / "places"
    problems = []
    places = check_fields(folder, problems)
    check_names(places, problems)
    check_look_alikes(folder, problems)
    shared = source.parent / "shared" / "data"
    # The files scripts/build_gazetteer.py reads: without any of them the rebuild cannot run.
    inputs = [shared / "natural_earth" / n for n in ("ne_10m_populated_places.json", "ne_10m_airports.json",
                                                      "ne_50m_admin_0_countries.json")]
    inputs += [shared / "ports" / n for n in ("unlocode_all.csv", "world_port_index.csv")]
    missing = [str(p) for p in inputs if not p.is_file()] if shared.is_dir() else [f"{shared} (the whole folder)"]
    have_shared = not missing
    if have_shared:
        check_rebuild(source, folder, shared, problems)
        check_capitals(source, places, shared, problems)
    for p in problems:
        print(p)
    if problems:
        return 1
    if not have_shared:
        print(f"skipped: the rebuild from ../shared and the capital checks did not run (names and fields ok): "
              f"missing {', '.join(missing)}")
        return 77
    print(f"ok: {len(places)} places and transport locations; rebuild identical; every capital of {', '.join(sorted(REGIONS))} present")
    return 0


if __name__ == "__main__":
    sys.exit(main())
