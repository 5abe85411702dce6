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
assert doc["step_rule"] == "conjugate", doc["step_rule"]  # the default step rule (docs/assignment.md, Equilibrium)
# The run says which choice model it used: the path-size logit and rail's fitted constant.
assert doc["parameters"]["path_size_beta"] == 1 and doc["parameters"]["rail_constant_usd_per_teu"] > 0, doc["parameters"]
assert [e["id"] for e in doc["elements"]] == [r["id"] for r in rows]
for lane in doc["lanes"]:
    assert abs(sum(lane["mode_teu_per_year"].values()) - lane["demand_teu_per_year"]) < 1, lane
print("freight: Aktau-Baku feeders", round(float(baku["utilization"]) * 100), "% used,", round(float(baku["delay_h"])), "h wait")
PY
# The step rule is chosen and named: self-regulated averaging in the table's first line and the
# JSON; an unknown rule is refused.
"$bin" assign --scenario avoid-russia --step-rule sra --top 1 --quiet > "$tmp/sra.txt" 2> /dev/null
grep -q "iterations of self-regulated averaging, converged" "$tmp/sra.txt"
"$bin" assign --scenario avoid-russia --step-rule msa --out "$tmp/msa.json" --quiet > /dev/null 2>&1
/usr/bin/python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["step_rule"] == "msa" and d["converged"], d["iterations"]' "$tmp/msa.json"
set +e
"$bin" assign --step-rule fast --quiet > /dev/null 2> "$tmp/rule.err"
code=$?
set -e
[ "$code" -ne 0 ] && grep -q -- "--step-rule" "$tmp/rule.err"
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
# Each failure starts from the base run's flows; --cold-start from free flow: the same costs
# (to what the tolerance resolves) in more iterations. --cold-start alone is refused.
"$bin" assign --scenario avoid-russia --criticality 2 --out "$tmp/crit.json" --quiet > /dev/null 2>&1
"$bin" assign --scenario avoid-russia --criticality 2 --cold-start --out "$tmp/crit_cold.json" --quiet > /dev/null 2>&1
/usr/bin/python3 - "$tmp/crit.json" "$tmp/crit_cold.json" <<'PY'
import json, sys
warm, cold = (json.load(open(f)) for f in sys.argv[1:3])
assert [f["id"] for f in warm["failures"]] == [f["id"] for f in cold["failures"]], (warm, cold)
for w, c in zip(warm["failures"], cold["failures"]):
    assert w["converged"] and c["converged"], (w, c)
    assert abs(w["failure_cost_usd"] - c["failure_cost_usd"]) < 1e-4 * warm["base_cost_usd"], (w, c)
assert sum(f["iterations"] for f in warm["failures"]) < sum(f["iterations"] for f in cold["failures"]), (warm, cold)
PY
set +e
"$bin" assign --cold-start --quiet > /dev/null 2> "$tmp/cold.err"
code=$?
set -e
[ "$code" -eq 2 ] && grep -q -- "--cold-start is for --criticality" "$tmp/cold.err"
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
# Two scenarios compared: each side is that scenario's own run (the CSV above is avoid-russia's),
# the Caspian fills from near empty, and the JSON's lanes have both mode splits.
"$bin" assign --compare today avoid-russia --out "$tmp/compare.csv" --quiet > /dev/null 2>&1
"$bin" assign --compare today avoid-russia --out "$tmp/compare.json" --quiet > /dev/null 2>&1
/usr/bin/python3 - "$tmp/compare.csv" "$tmp/compare.json" "$tmp/flows.csv" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
assert list(rows[0].keys()) == ["element", "id", "name", "kind", "capacity_teu_per_year_a", "capacity_teu_per_year_b",
                                "flow_teu_per_year_a", "flow_teu_per_year_b", "flow_change_teu_per_year", "utilization_a",
                                "utilization_b", "utilization_change", "delay_h_a", "delay_h_b", "delay_change_h"], rows[0].keys()
single = {(r["element"], r["id"]): r for r in csv.DictReader(open(sys.argv[3], encoding="utf-8"))}
for r in rows:
    b = single.get((r["element"], r["id"]))
    assert abs(float(r["flow_teu_per_year_b"]) - (float(b["flow_teu_per_year"]) if b else 0)) < 1e-6, (r, b)
    assert abs(float(r["flow_change_teu_per_year"]) - (float(r["flow_teu_per_year_b"]) - float(r["flow_teu_per_year_a"]))) < 1e-6
feeders = next(r for r in rows if r["id"] == "f_aktau_baku")
assert float(feeders["utilization_a"]) < 0.3 < 0.8 < float(feeders["utilization_b"]), feeders
assert float(feeders["delay_change_h"]) > 24, feeders
doc = json.load(open(sys.argv[2]))
assert (doc["a"]["scenario"], doc["b"]["scenario"]) == ("today", "avoid-russia")
assert [e["id"] for e in doc["elements"]] == [r["id"] for r in rows]
ce = [doc[s]["china_europe_teu_per_year"]["rail"] for s in "ab"]
assert ce[1] < 0.2 * ce[0], ce
print("freight compare: Aktau-Baku feeders", round(float(feeders["utilization_a"]) * 100), "->",
      round(float(feeders["utilization_b"]) * 100), "% used; China-Europe rail", round(ce[0]), "->", round(ce[1]))
PY
# Refusals: exit 2 with the reason.
set +e
"$bin" assign --compare today avoid-russia --scenario today > /dev/null 2> "$tmp/cmpscen.err"; cmpscen=$?
"$bin" assign --compare today avoid-rusia > /dev/null 2> "$tmp/cmpname.err"; cmpname=$?
"$bin" assign --out "$tmp/flows.xlsx" > /dev/null 2> "$tmp/ext.err"; ext=$?
"$bin" assign --cargo genral > /dev/null 2> "$tmp/cargo.err"; cargo=$?
"$bin" assign --cargo general:0.5,bulk:0.4 > /dev/null 2> "$tmp/shares.err"; shares=$?
"$bin" assign --calibrate --cargo general:0.5,electronics:0.5 > /dev/null 2> "$tmp/calmix.err"; calmix=$?
"$bin" assign --calibrate --cargo reefer > /dev/null 2> "$tmp/calreefer.err"; calreefer=$?
"$bin" assign --scenario avoid-rusia > /dev/null 2> "$tmp/scenario.err"; scenario=$?
"$bin" assign --trips x.tntp > /dev/null 2> "$tmp/trips.err"; trips=$?
"$bin" assign --gap 1e-4 > /dev/null 2> "$tmp/gap.err"; gap=$?
"$bin" assign --tntp a_net.tntp --trips a_trips.tntp --out a.csv --scenario today > /dev/null 2> "$tmp/mixed.err"; mixed=$?
set -e
[ "$ext" = 2 ] && grep -q "the format comes from the extension: .csv, .json or .txt" "$tmp/ext.err"
[ "$cargo" = 2 ] && grep -q "unknown cargo class 'genral'; classes are general" "$tmp/cargo.err"
[ "$shares" = 2 ] && grep -q "the shares add up to 0.9" "$tmp/shares.err"
[ "$calmix" = 2 ] && grep -q -- "--calibrate fits one cargo class at a time" "$tmp/calmix.err"
[ "$calreefer" = 2 ] && grep -q "no rail_share_target:reefer or air_share_target:reefer" "$tmp/calreefer.err"
[ "$scenario" = 2 ] && grep -qi "avoid-russia" "$tmp/scenario.err"
[ "$trips" = 2 ] && grep -q "needs --tntp" "$tmp/trips.err"
[ "$gap" = 2 ] && grep -q -- "--gap needs --tntp" "$tmp/gap.err"
[ "$mixed" = 2 ] && grep -q -- "--scenario is for the freight assignment" "$tmp/mixed.err"
[ "$cmpscen" = 2 ] && grep -q -- "--scenario does not go with --compare" "$tmp/cmpscen.err"
[ "$cmpname" = 2 ] && grep -qi "avoid-russia" "$tmp/cmpname.err"
"$bin" export freight --scenario avoid-russia --out "$tmp/freight.gpkg" 2> /dev/null
/usr/bin/python3 - "$tmp/freight.gpkg" <<'PY'
import sqlite3, sys
import xml.etree.ElementTree as ET
db = sqlite3.connect(sys.argv[1])
tables = {r[0]: r[1] for r in db.execute("select table_name, data_type from gpkg_contents")}
assert tables == {"freight_lines": "features", "freight_points": "features", "layer_styles": "attributes"}, tables
top = db.execute("select id, utilization from freight_lines order by utilization desc limit 1").fetchone()
assert top[0] == "f_aktau_baku" and top[1] > 0.8, top
assert db.execute("select count(*) from freight_points where element = 'link'").fetchone()[0] == 0
# Styled for QGIS: each layer's default style names its table and geometry column, and draws
# width by flow and colour by utilization.
geom = dict(db.execute("select table_name, column_name from gpkg_geometry_columns"))
types = dict(db.execute("select table_name, geometry_type_name from gpkg_geometry_columns"))
assert types == {"freight_lines": "MULTILINESTRING", "freight_points": "POINT"}, types
styles = db.execute("select f_table_name, f_geometry_column, useAsDefault, styleQML from layer_styles").fetchall()
assert sorted(s[0] for s in styles) == ["freight_lines", "freight_points"], styles
for table, column, default, qml in styles:
    assert column == geom[table] and default == 1, (table, column, default)
    assert "renderer-v2" in qml and "&quot;flow_teu_per_year&quot;" in qml and "&quot;utilization&quot;" in qml, qml
    assert ('name="outlineWidth"' in qml) == (table == "freight_lines"), table
    # Well-formed XML whose one symbol takes its colour and size from expressions on the columns.
    props = {o.get("name"): o for o in ET.fromstring(qml).iter("Option") if o.get("type") == "Map" and o.find("Option[@name='expression']") is not None}
    assert set(props) == ({"outlineColor", "outlineWidth"} if table == "freight_lines" else {"fillColor", "size"}), props
    assert all('"utilization"' in props[k].find("Option[@name='expression']").get("value") for k in props if "olor" in k)
PY
"$bin" export freight --compare today avoid-russia --out "$tmp/compared.gpkg" 2> /dev/null
/usr/bin/python3 - "$tmp/compared.gpkg" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert sorted(r[0] for r in db.execute("select table_name from gpkg_contents")) == [
    "freight_compared_lines", "freight_compared_points", "layer_styles"]
row = db.execute("select utilization_a, utilization_b, flow_change_teu_per_year from freight_compared_lines "
                 "where id = 'f_aktau_baku'").fetchone()
assert row[0] < 0.3 and row[1] > 0.8 and row[2] > 0, row
qml = db.execute("select styleQML from layer_styles where f_table_name = 'freight_compared_lines'").fetchone()[0]
assert "&quot;flow_change_teu_per_year&quot;" in qml, qml
PY
