#!/usr/bin/env bash
# `silkroute export criticality` to a GeoPackage: it used to crash (it iterated a destroyed
# temporary). The file must open as a GeoPackage with one feature per ranked element.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" export criticality --out "$tmp/crit.gpkg"
/usr/bin/python3 - "$tmp/crit.gpkg" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
tables = [r[0] for r in db.execute("select table_name from gpkg_contents")]
assert tables == ["criticality"], tables
rows = db.execute("select count(*), min(rank), max(failure_cost_usd) from criticality").fetchone()
assert rows[0] > 20 and rows[1] == 1 and rows[2] > 0, rows
names = [r[0] for r in db.execute("select id from criticality order by rank limit 3")]
print("criticality.gpkg:", rows[0], "elements; top:", ", ".join(names))
PY
