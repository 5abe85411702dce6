#!/usr/bin/env bash
# Nothing lost: outputs go through a temporary and replace nothing without --force; failed
# imports leave nothing behind; an answer that cannot be written is an error (exit 2).
set -uo pipefail
bin=$1 root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# A small GIS layer to import.
cat > "$tmp/lines.geojson" <<'JSON'
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"name": "a"}, "geometry": {"type": "LineString", "coordinates": [[9.5, 47.1], [9.6, 47.2]]}},
 {"type": "Feature", "properties": {"name": "b"}, "geometry": {"type": "LineString", "coordinates": [[9.6, 47.2], [9.7, 47.25]]}}]}
JSON

# 1. An import onto an existing dataset is refused and the dataset is untouched.
cp -r "$root/data/bri" "$tmp/bri"
before=$(cd "$tmp/bri" && find . -type f -exec sha1sum {} + | sort)
"$bin" import gis --lines "$tmp/lines.geojson" --country LIE --out "$tmp/bri" 2> "$tmp/err" && fail "import over a dataset was accepted"
[ $? -eq 2 ] || true
grep -q "exists; choose another path or add --force" "$tmp/err" || fail "no clear refusal: $(cat "$tmp/err")"
after=$(cd "$tmp/bri" && find . -type f -exec sha1sum {} + | sort)
[ "$before" = "$after" ] || fail "the existing dataset changed"

# 2. A failed import leaves nothing: no folder, no temporary.
"$bin" import gis --lines "$tmp/lines.geojson" --country lie --out "$tmp/new" 2> /dev/null && fail "bad --country accepted"
[ ! -e "$tmp/new" ] || fail "a failed import left $tmp/new"
ls -a "$tmp" | grep -q '\.tmp' && fail "a failed import left a temporary: $(ls -a "$tmp")"

# 3. A good import writes a dataset that loads; again without --force is refused, with it replaces.
"$bin" import gis --lines "$tmp/lines.geojson" --country LIE --out "$tmp/new" > /dev/null || fail "import failed"
"$bin" validate "$tmp/new" > /dev/null || fail "the import does not validate"
"$bin" import gis --lines "$tmp/lines.geojson" --country LIE --out "$tmp/new" 2> /dev/null && fail "second import replaced without --force"
"$bin" import gis --lines "$tmp/lines.geojson" --country LIE --out "$tmp/new" --force > /dev/null || fail "--force did not replace"
ls -a "$tmp" | grep -q '\.tmp' && fail "temporaries left after imports: $(ls -a "$tmp")"

# 4. Exports and tables: an existing file is kept unless --force.
echo "keep me" > "$tmp/out.geojson"
"$bin" export network --out "$tmp/out.geojson" 2> /dev/null && fail "export replaced a file without --force"
[ "$(cat "$tmp/out.geojson")" = "keep me" ] || fail "the existing export file changed"
"$bin" export network --out "$tmp/out.geojson" --force 2> /dev/null || fail "export --force failed"
grep -q FeatureCollection "$tmp/out.geojson" || fail "export --force wrote no GeoJSON"
"$bin" export network --out "$tmp/net.shp" 2> "$tmp/err" && fail "an unsupported format was written"
grep -q "give a .gpkg" "$tmp/err" || fail "no clear message for .shp: $(cat "$tmp/err")"
echo "keep" > "$tmp/crit.csv"
"$bin" criticality --format csv --out "$tmp/crit.csv" 2> /dev/null && fail "criticality replaced a file without --force"
[ "$(cat "$tmp/crit.csv")" = "keep" ] || fail "the existing table changed"
"$bin" matrix --origins xian --destinations duisburg --out "$tmp/m.xls" 2> "$tmp/err" && fail ".xls accepted as a matrix"
grep -q "known: .csv, .xlsx, .omx" "$tmp/err" || fail "an unknown extension was refused without the list of known ones"
[ -e "$tmp/m.xls" ] && fail "a refused .xls was written"

# 5. An answer that cannot be written is an error.
"$bin" route Xian Duisburg > /dev/full 2> "$tmp/err"
[ $? -eq 2 ] || fail "route > /dev/full did not exit 2"
grep -q "writing the output failed" "$tmp/err" || fail "no message for a full disk"
echo "ok: nothing lost"
