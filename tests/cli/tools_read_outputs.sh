#!/usr/bin/env bash
# What analysts' tools read: every table a command writes with --out opens in pandas
# (CSV with read_csv, JSON with json_normalize on its rows) with the same numbers in both at
# full precision; route and network exports carry time, cost and CO2 and the nodes;
# criticality is ranked by the figure it shows; GDAL's own ogrinfo opens the GeoPackage,
# GeoJSON and zipped Shapefile exports; an --out extension a command does not write is refused (exit 2, nothing
# written).
set -uo pipefail
bin=$1
python=${2:-python3}
"$python" -c "import pandas" 2>/dev/null || { echo "SKIP: pandas missing (apt-get install python3-pandas)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
places=Chongqing,Duisburg,Rotterdam,Almaty
for kind in csv json; do
  "$bin" route Chongqing Duisburg --alternatives 2 --out "$tmp/route.$kind" 2> /dev/null || fail "route --out .$kind"
  "$bin" compare today red-sea-closure --places "$places" --threads 1 --out "$tmp/compare.$kind" 2> /dev/null || fail "compare --out .$kind"
  "$bin" criticality --threads 1 --out "$tmp/criticality.$kind" 2> /dev/null || fail "criticality --out .$kind"
  "$bin" impact bri-2013 today --places "$places" --threads 1 --out "$tmp/impact.$kind" 2> /dev/null || fail "impact --out .$kind"
  "$bin" assign --scenario avoid-russia --max-iterations 200 --quiet --out "$tmp/assign.$kind" 2> /dev/null || fail "assign --out .$kind"
done
"$bin" matrix --origins Chongqing,Xi\'an --destinations Duisburg,Rotterdam --out "$tmp/matrix.csv" 2> /dev/null || fail "matrix --out .csv"
"$bin" route Chongqing Duisburg --alternatives 0 --format json > "$tmp/one.json" 2> /dev/null || fail "route --format json"
"$bin" export network --out "$tmp/network.geojson" 2> /dev/null || fail "export network --out .geojson"
"$bin" export network --out "$tmp/network.gpkg" 2> /dev/null || fail "export network --out .gpkg"
"$bin" export route Chongqing Duisburg --out "$tmp/route.gpkg" 2> /dev/null || fail "export route --out .gpkg"
"$bin" export network --out "$tmp/network.shp.zip" 2> /dev/null || fail "export network --out .shp.zip"
# A Shapefile layer holds one geometry type: criticality (points and lines) is refused, not cut.
"$bin" export criticality --out "$tmp/crit.shp.zip" 2> "$tmp/err" && fail "criticality written as a Shapefile"
grep -q "crit.shp.zip: layer criticality mixes LineString and Point" "$tmp/err" || fail "criticality .shp.zip: $(cat "$tmp/err")"
[ -e "$tmp/crit.shp.zip" ] && fail "a refused Shapefile was left behind"
ls -a "$tmp" | grep -q tmp && fail "a temporary was left behind: $(ls -a "$tmp")"

"$python" - "$tmp" <<'PY' || exit 1
import json, math, sys
import pandas as pd
tmp = sys.argv[1]

def rows(name, key):
    data = json.load(open(f"{tmp}/{name}.json"))
    return pd.json_normalize(data[key] if key else data)

def same(a, b, what):
    """CSV and JSON agree to the last bit (both at full precision; pandas' default CSV parser
    can miss the last bit, float_precision="round_trip" reads it exactly)."""
    for x, y in zip(a, b):
        if isinstance(x, float) and math.isnan(x):
            assert y is None or (isinstance(y, float) and math.isnan(y)), f"{what}: blank in CSV, {y} in JSON"
        else:
            assert x == y, f"{what}: {x!r} in CSV, {y!r} in JSON"

# Route legs: a row per leg with time, cost, CO2 and the nodes' ids.
legs = pd.read_csv(f"{tmp}/route.csv", float_precision="round_trip")
for col in ("time_h", "cost_usd", "co2_kg", "distance_km", "from_id", "to_id"):
    assert col in legs.columns, f"route.csv has no {col}"
js = [leg for r in json.load(open(f"{tmp}/route.json"))["routes"] for leg in r["legs"]]
assert len(js) == len(legs), f"route: {len(legs)} CSV rows, {len(js)} JSON legs"
for col in ("time_h", "cost_usd", "co2_kg"):
    same(legs[col], [leg[col] for leg in js], f"route.{col}")

# Criticality: ranked by the figure it shows, named in the header.
crit = pd.read_csv(f"{tmp}/criticality.csv", float_precision="round_trip")
assert "failure_cost_usd" in crit.columns and crit["rank"].tolist() == list(range(1, len(crit) + 1))
assert crit["failure_cost_usd"].is_monotonic_decreasing, "criticality.csv is not ranked by failure_cost_usd"
cj = rows("criticality", "elements")
same(crit["failure_cost_usd"], cj["failure_cost_usd"], "criticality.failure_cost_usd")

# Compare, impact and assign: pandas reads both forms; the numbers agree.
cmp_csv = pd.read_csv(f"{tmp}/compare.csv", float_precision="round_trip")
assert len(cmp_csv) == 6, f"compare: {len(cmp_csv)} pairs for 4 places (each pair once)"
cmp_json = rows("compare", "pairs")
assert len(cmp_json) == len(cmp_csv) and "a.time_h" in cmp_json.columns
imp = pd.read_csv(f"{tmp}/impact.csv", float_precision="round_trip")
countries = rows("impact", "countries")
same(imp[imp.level == "country"]["trade_change_pct"], countries["trade_change_pct"], "impact.trade_change_pct")
asg = pd.read_csv(f"{tmp}/assign.csv", float_precision="round_trip")
elements = rows("assign", "elements")
assert len(asg) > 10 and len(elements) > 10 and "flow_teu_per_year" in asg.columns
lanes = rows("assign", "lanes")
assert (lanes["demand_teu_per_year"] > 0).all()

# Matrix: origins down, destinations across, the route's own figure at full precision (to 1e-12:
# the matrix sums the path's edges, the route its legs, so the last bit may differ).
m = pd.read_csv(f"{tmp}/matrix.csv", index_col=0, float_precision="round_trip")
best = json.load(open(f"{tmp}/one.json"))["routes"][0]["total"]
assert math.isclose(m.loc["chongqing", "duisburg"], best["time_h"], rel_tol=1e-12, abs_tol=0), f"matrix {m.loc['chongqing', 'duisburg']!r} != route {best['time_h']!r}"

# The network GeoJSON: nodes as well as links, links with time, cost and CO2.
net = pd.json_normalize(json.load(open(f"{tmp}/network.geojson"))["features"])
kinds = net["properties.kind"].value_counts()
assert kinds.get("node", 0) > 300 and kinds.get("link", 0) > 1000, f"network GeoJSON: {dict(kinds)}"
links = net[net["properties.kind"] == "link"]
rail = links[links["properties.mode"] == "rail"]
assert (rail["properties.time_h"] > 0).all() and (rail["properties.cost_usd"] > 0).all() and (rail["properties.co2_kg"] > 0).all()
print("ok: pandas reads route, compare, criticality, impact, assign (CSV and JSON), matrix and the network GeoJSON")
PY

# GDAL's ogrinfo opens the exports with their layers and fields.
if command -v ogrinfo > /dev/null; then
  info=$(ogrinfo -ro -so -al "$tmp/network.gpkg" 2>&1) || fail "ogrinfo network.gpkg: $info"
  grep -q "Layer name: links" <<<"$info" && grep -q "Layer name: nodes" <<<"$info" || fail "network.gpkg: layers $(grep 'Layer name' <<<"$info")"
  for field in time_h cost_usd co2_kg; do grep -q "^$field: Real" <<<"$info" || fail "network.gpkg links: no $field"; done
  info=$(ogrinfo -ro -so -al "$tmp/route.gpkg" 2>&1) || fail "ogrinfo route.gpkg: $info"
  for field in time_h cost_usd co2_kg from_id to_id; do grep -q "^$field: " <<<"$info" || fail "route.gpkg: no $field"; done
  info=$(ogrinfo -ro -so -al "$tmp/network.geojson" 2>&1) || fail "ogrinfo network.geojson: $info"
  grep -Eq "Feature Count: [1-9]" <<<"$info" || fail "network.geojson: $info"
  gpkg_counts=$(ogrinfo -ro -so -al "$tmp/network.gpkg" | grep "Feature Count")
  info=$(ogrinfo -ro -so -al "$tmp/network.shp.zip" 2>&1) || fail "ogrinfo network.shp.zip: $info"
  [ "$(grep "Feature Count" <<<"$info")" = "$gpkg_counts" ] || fail "network.shp.zip counts $(grep "Feature Count" <<<"$info") != gpkg $gpkg_counts"
  for field in time_h cost_usd co2_kg from_id; do grep -q "^$field: " <<<"$info" || fail "network.shp.zip links: no $field"; done
  echo "ok: ogrinfo opens network.gpkg (links, nodes), route.gpkg, network.geojson and network.shp.zip"
else
  echo "note: ogrinfo missing (apt-get install gdal-bin): GDAL's reading of the exports not checked"
fi

# An extension a command does not write is refused, and nothing is written.
refuse() {  # refuse FILE COMMAND...
  local out=$1; shift
  "$@" --out "$out" > /dev/null 2> "$tmp/err"
  local rc=$?
  [ $rc -eq 2 ] || fail "$* --out $(basename "$out"): exit $rc, expected 2 ($(cat "$tmp/err"))"
  grep -q "$(basename "$out")" "$tmp/err" || fail "$* --out: the message does not name the file: $(cat "$tmp/err")"
  [ -e "$out" ] && fail "$* --out $(basename "$out") was written"
  return 0
}
refuse "$tmp/r.kml" "$bin" route Chongqing Duisburg
refuse "$tmp/c.geojson" "$bin" compare today red-sea-closure --places "$places"
refuse "$tmp/k.ods" "$bin" criticality
refuse "$tmp/i.parquet" "$bin" impact bri-2013 today
refuse "$tmp/m.json" "$bin" matrix --origins Chongqing --destinations Duisburg
refuse "$tmp/a.xlsx" "$bin" assign --scenario avoid-russia --quiet
refuse "$tmp/n.csv" "$bin" export network
refuse "$tmp/n.shp" "$bin" export network
grep -q "written together as .shp.zip" "$tmp/err" || fail ".shp: the message does not say to use .shp.zip: $(cat "$tmp/err")"
echo "ok"
