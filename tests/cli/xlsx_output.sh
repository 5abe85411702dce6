#!/usr/bin/env bash
# Every table written with --out FILE.xlsx opens in pandas.read_excel with the same header,
# numbers as numbers (not text) and the same values as the CSV form at full precision.
set -uo pipefail
bin=$1
python=${2:-python3}
"$python" -c "import pandas, openpyxl" 2>/dev/null || { echo "SKIP: pandas or openpyxl missing (apt-get install python3-openpyxl)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
places=Chongqing,Duisburg,Rotterdam,Almaty
for kind in csv xlsx; do
  "$bin" compare today red-sea-closure --places "$places" --threads 1 --out "$tmp/compare.$kind" 2> /dev/null || fail "compare --out .$kind"
  "$bin" impact today red-sea-closure --places "$places" --threads 1 --out "$tmp/impact.$kind" 2> /dev/null || fail "impact --out .$kind"
  "$bin" criticality --threads 1 --out "$tmp/criticality.$kind" 2> /dev/null || fail "criticality --out .$kind"
  "$bin" matrix --origins Chongqing,Xi\'an --destinations Duisburg,Rotterdam,Almaty --out "$tmp/matrix.$kind" 2> /dev/null ||
    fail "matrix --out .$kind"
  "$bin" route Chongqing Duisburg --alternatives 3 --out "$tmp/route.$kind" 2> /dev/null || fail "route --out .$kind"
done
"$python" - "$tmp" <<'PY' || exit 1
import sys, math, pandas as pd
tmp = sys.argv[1]
for name in ["compare", "impact", "criticality", "matrix", "route"]:
    csv = pd.read_csv(f"{tmp}/{name}.csv", keep_default_na=False, na_values=[""])
    xl = pd.read_excel(f"{tmp}/{name}.xlsx")
    assert list(xl.columns) == list(csv.columns), f"{name}: header {list(xl.columns)} != {list(csv.columns)}"
    assert len(xl) == len(csv) and len(xl) > 0, f"{name}: {len(xl)} rows in XLSX, {len(csv)} in CSV"
    numeric = [c for c in csv.columns if pd.api.types.is_numeric_dtype(csv[c]) and csv[c].notna().any()]
    assert numeric, f"{name}: no numeric column"
    for c in numeric:
        assert pd.api.types.is_numeric_dtype(xl[c]), f"{name}.{c}: XLSX holds text, not numbers"
        for a, b in zip(csv[c], xl[c]):
            if isinstance(a, float) and math.isnan(a):
                assert math.isnan(b), f"{name}.{c}: blank became {b}"
            else:
                assert math.isclose(a, b, rel_tol=1e-15, abs_tol=1e-12), f"{name}.{c}: {a} != {b}"
    for c in csv.columns:
        if c not in numeric:
            assert [str(v) for v in csv[c].fillna("")] == [str(v) for v in xl[c].fillna("")], f"{name}.{c}: text differs"
print("ok: compare, impact, criticality, matrix and route legs XLSX read back as in CSV")
PY
# Unknown extensions are refused with the list of known ones, and nothing is written.
"$bin" criticality --out "$tmp/c.ods" 2> "$tmp/err" && fail ".ods accepted"
grep -q "known: .csv, .json, .xlsx, .txt" "$tmp/err" || fail "no list of known extensions: $(cat "$tmp/err")"
[ -e "$tmp/c.ods" ] && fail ".ods written"
"$bin" criticality --format xlsx 2> "$tmp/err" && fail "--format xlsx to the terminal accepted"
"$bin" route Chongqing Duisburg --out "$tmp/r.kml" 2> "$tmp/err" && fail ".kml accepted for a route"
grep -q "known: .json, .geojson, .csv, .xlsx" "$tmp/err" || fail "route: no list of known extensions: $(cat "$tmp/err")"
echo "ok"
