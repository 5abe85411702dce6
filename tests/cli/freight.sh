#!/usr/bin/env bash
# silkroute assign on the Belt and Road network (freight with capacities and mode choice):
# CSV and JSON outputs agree, the Caspian fills under avoid-russia, bad input is refused with
# its reason, and export freight writes a GeoPackage layer with the same rows.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" assign --scenario avoid-russia --out "$tmp/flows.csv" --quiet 2> "$tmp/assign.err" > /dev/null
grep -q "the 'modes' column is ignored" "$tmp/assign.err"
"$bin" assign --scenario avoid-russia --out "$tmp/flows.json" --quiet > /dev/null 2>&1
/usr/bin/python3 - "$tmp/flows.csv" "$tmp/flows.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
assert list(rows[0].keys()) == ["element", "id", "name", "kind", "flow_teu_per_year", "capacity_teu_per_year",
                                "utilization", "delay_h"], rows[0].keys()
by_id = {r["id"]: r for r in rows}
baku = by_id["f_aktau_baku"]  # the Caspian container feeders fill: days of waiting
assert abs(float(baku["utilization"]) - float(baku["flow_teu_per_year"]) / float(baku["capacity_teu_per_year"])) < 1e-9
assert float(baku["utilization"]) > 0.8 and float(baku["delay_h"]) > 24, baku
doc = json.load(open(sys.argv[2]))
assert doc["scenario"] == "avoid-russia" and doc["converged"], doc["iterations"]
assert [e["id"] for e in doc["elements"]] == [r["id"] for r in rows]
for lane in doc["lanes"]:
    assert abs(sum(lane["mode_teu_per_year"].values()) - lane["demand_teu_per_year"]) < 1, lane
print("freight: Aktau-Baku feeders", round(float(baku["utilization"]) * 100), "% used,", round(float(baku["delay_h"])), "h wait")
PY
# Criticality with capacities: two failures, each a full assignment again.
"$bin" assign --scenario avoid-russia --criticality 2 --out "$tmp/crit.csv" --quiet > /dev/null 2>&1
/usr/bin/python3 - "$tmp/crit.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
assert len(rows) == 2, rows
assert list(rows[0].keys())[:5] == ["element", "id", "name", "flow_teu_per_year", "failure_cost_usd"], rows[0].keys()
assert all(float(r["failure_cost_usd"]) > 0 for r in rows), rows
assert float(rows[0]["failure_cost_usd"]) >= float(rows[1]["failure_cost_usd"])
PY
# Cargo classes: the table splits China-Europe by class, and the value of time moves the mode
# (bulk, at cents an hour, takes rail less than general cargo does).
"$bin" assign --cargo general:0.5,bulk:0.5 --top 1 --quiet > "$tmp/classes.txt" 2> /dev/null
/usr/bin/python3 - "$tmp/classes.txt" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
assert "China-Europe TEU a year by cargo class and main mode" in text, text
share = {m.group(1): float(m.group(2)) for m in re.finditer(r"^  (general|bulk) .* ([0-9.]+)%$", text, re.M)}
assert set(share) == {"general", "bulk"}, text
assert share["bulk"] < share["general"], share
PY
# Refusals: exit 2 with the reason.
set +e
"$bin" assign --out "$tmp/flows.xlsx" > /dev/null 2> "$tmp/ext.err"; ext=$?
"$bin" assign --cargo genral > /dev/null 2> "$tmp/cargo.err"; cargo=$?
"$bin" assign --cargo general:0.5,bulk:0.4 > /dev/null 2> "$tmp/shares.err"; shares=$?
"$bin" assign --scenario avoid-rusia > /dev/null 2> "$tmp/scenario.err"; scenario=$?
"$bin" assign --trips x.tntp > /dev/null 2> "$tmp/trips.err"; trips=$?
"$bin" assign --gap 1e-4 > /dev/null 2> "$tmp/gap.err"; gap=$?
"$bin" assign --tntp a_net.tntp --trips a_trips.tntp --out a.csv --scenario today > /dev/null 2> "$tmp/mixed.err"; mixed=$?
set -e
[ "$ext" = 2 ] && grep -q "the format comes from the extension: .csv, .json or .txt" "$tmp/ext.err"
[ "$cargo" = 2 ] && grep -q "unknown cargo class 'genral'; classes are general" "$tmp/cargo.err"
[ "$shares" = 2 ] && grep -q "the shares add up to 0.9" "$tmp/shares.err"
[ "$scenario" = 2 ] && grep -qi "avoid-russia" "$tmp/scenario.err"
[ "$trips" = 2 ] && grep -q "needs --tntp" "$tmp/trips.err"
[ "$gap" = 2 ] && grep -q -- "--gap needs --tntp" "$tmp/gap.err"
[ "$mixed" = 2 ] && grep -q -- "--scenario is for the freight assignment" "$tmp/mixed.err"
"$bin" export freight --scenario avoid-russia --out "$tmp/freight.gpkg" 2> /dev/null
/usr/bin/python3 - "$tmp/freight.gpkg" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert [r[0] for r in db.execute("select table_name from gpkg_contents")] == ["freight"]
top = db.execute("select id, utilization from freight order by utilization desc limit 1").fetchone()
assert top[0] == "f_aktau_baku" and top[1] > 0.8, top
PY
