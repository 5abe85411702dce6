"""Project appraisal and disruption risk from sweep databases (python/silkroute/sweep_report.py)."""

import json
import math
import os
import textwrap

import pytest

import silkroute
from silkroute.sweep_file import SweepError
from silkroute.sweep_report import appraisal, main, risk

APPRAISAL = """
name = "appraisal-test"
base = "today"
[analysis]
demand = true
[[vary]]
kind = "projects"
projects = ["china_laos_railway", "baku_tbilisi_kars", "zhezkazgan_beineu_railway", "tanzania_sgr",
            "hairatan_mazar_railway"]
"""


def run(tmp_path, text, name):
    p = tmp_path / f"{name}.toml"
    p.write_text(textwrap.dedent(text))
    db = tmp_path / f"{name}.sqlite"
    silkroute.sweep(p, db=str(db), workers=0, progress=False)
    return str(db)


def demand_totals(net, scenario_json):
    rows = net._engine.pair_totals(scenario_json, [], "", [], "", "generalized", 1)
    return {(r[0], r[1]): r for r in rows}


def test_appraisal_savings_match_the_routes_with_and_without_each_project(tmp_path):
    db = run(tmp_path, APPRAISAL, "a")
    t = appraisal(db).set_index("project")
    # The China-Laos railway carries Kunming-Vientiane demand: it saves time and money both ways.
    assert t.loc["china_laos_railway", "isolation_generalized_saving_usd"] > 0
    assert t.loc["china_laos_railway", "complement_generalized_saving_usd"] > 0
    # A project opened before the reference year has no isolation row, only its complement.
    assert math.isnan(t.loc["hairatan_mazar_railway", "isolation_generalized_saving_usd"])
    # Investment facts join where AidData gives them, and nowhere else.
    assert t.loc["china_laos_railway", "investment_usd"] > 1e9
    assert math.isnan(t.loc["baku_tbilisi_kars", "investment_usd"])
    # Recompute one complement saving independently: today minus BTK against today, pair by pair.
    net = silkroute.Network.load()
    plan = silkroute.sweep.plan(str(tmp_path / "a.toml"))
    v = {x.id: x for x in plan.variations}
    without = demand_totals(net, v["projects[0]/complement/baku_tbilisi_kars"].scenario)
    with_ = demand_totals(net, v["base"].scenario)
    expect = math.fsum(a[2] * (a[8] - with_[k][8]) for k, a in without.items() if a[3] and with_[k][3])
    assert t.loc["baku_tbilisi_kars", "complement_generalized_saving_usd"] == pytest.approx(expect, rel=1e-12)
    # Ranked by the complement saving, largest first.
    assert list(t["rank"]) == sorted(t["rank"])
    comp = t.sort_values("rank")["complement_generalized_saving_usd"].tolist()
    assert comp == sorted(comp, reverse=True)


def test_report_command_writes_tables_and_charts(tmp_path):
    db = run(tmp_path, APPRAISAL, "a")
    out = tmp_path / "out"
    assert main([db, "--out", str(out)]) == 0
    for f in ("appraisal.csv", "appraisal.png", "appraisal.txt"):
        assert (out / f).is_file() and os.path.getsize(out / f) > 0
    assert (out / "appraisal.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def failure_sweep(tmp_path, rows, draws=20):
    f = tmp_path / "failures.csv"
    f.write_text("element,id,annual_probability,duration_days,source\n" + "\n".join(rows) + "\n")
    return f"""
    name = "risk-test"
    base = "today"
    [analysis]
    demand = true
    [[vary]]
    kind = "monte_carlo"
    draws = {draws}
    seed = 5
    failures = "{f}"
    [[vary]]
    kind = "failures"
    chokepoints = ["suez"]
    """


def test_a_certain_failure_costs_its_share_of_the_year_every_year(tmp_path):
    db = run(tmp_path, failure_sweep(tmp_path, ["chokepoint,suez,1.0,36.5,test"]), "r")
    r = risk(db)
    years = r["years"]
    assert len(years) == 20
    # The same closure every year for a tenth of it: every year costs the same, a tenth of a
    # whole year of Suez closed (the failures block computes that whole-year difference).
    from silkroute.sweep_report import _connect, _difference, _pairs
    con = _connect(db)
    h = dict(con.execute("SELECT id, scenario_hash FROM variations").fetchall())
    full = _difference(_pairs(con, h["fail[1]/chokepoint:suez"]), _pairs(con, h["base"]))
    con.close()
    assert full["generalized_saving_usd"] > 0
    for cost in years["extra_cost_usd"]:
        assert cost == pytest.approx(0.1 * full["generalized_saving_usd"], rel=1e-12)
    assert r["summary"]["extra_cost_usd"]["p50"] == pytest.approx(r["summary"]["extra_cost_usd"]["p99"])
    e = r["elements"].set_index("element")
    assert e.loc["chokepoint:suez", "share_of_expected_pct"] == pytest.approx(100.0)


def test_rare_failures_give_a_skewed_distribution_and_name_the_tail(tmp_path):
    rows = ["chokepoint,babelmandeb,0.1,180,test", "link,f_aktau_baku,0.9,5,test"]
    db = run(tmp_path, failure_sweep(tmp_path, rows, draws=200), "r")
    r = risk(db)
    s = r["summary"]["extra_cost_usd"]
    assert s["p50"] < s["mean"] < s["p99"]  # most years are mild; a few carry the cost
    assert r["elements"].iloc[0]["element"] == "chokepoint:babelmandeb"
    out = tmp_path / "out"
    assert main([db, "--out", str(out)]) == 0
    summary = json.loads((out / "risk_summary.json").read_text())
    assert summary["draws"] == 200 and (out / "risk.png").is_file()


def test_report_refuses_a_sweep_without_what_it_needs(tmp_path):
    db = run(tmp_path, """
    base = "today"
    [analysis]
    routes = [["Chongqing", "Duisburg"]]
    """, "n")
    with pytest.raises(SweepError, match="demand_pairs"):
        appraisal(db)
    assert main([db, "--out", str(tmp_path / "o")]) == 2


def test_investment_facts_rebuild_from_aiddata(tmp_path):
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    source = root.parent / "shared" / "data" / "projects" / "gcdf_v2_project_centroids.csv"
    if not source.is_file():
        pytest.skip(f"{source} absent: the AidData facts cannot be rebuilt here (../shared/data)")
    out = tmp_path / "project_investment.csv"
    r = subprocess.run([sys.executable, str(root / "scripts" / "build_project_investment.py"), str(source),
                        "--out", str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert out.read_text() == (root / "data" / "bri" / "project_investment.csv").read_text()


def test_projects_of_transfers_only_are_appraised_by_closing_the_transfer(tmp_path):
    text = APPRAISAL.replace('projects = ["china_laos_railway"', 'projects = ["khorgos_gateway", "china_laos_railway"')
    p = tmp_path / "t.toml"
    p.write_text(textwrap.dedent(text))
    plan = silkroute.sweep.plan(str(p))
    assert not any("khorgos_gateway" in n for n in plan.notes)
    v = {x.id: x for x in plan.variations}
    key = "altynkol:rail:1435-rail:1520"
    # Complement: today without the gauge change; isolation: 2013's network plus it alone.
    assert json.loads(v["projects[0]/complement/khorgos_gateway"].scenario)["closed"]["transfers"] == [key]
    assert key in json.loads(v["projects[0]/network-2013"].scenario)["closed"]["transfers"]
    assert key not in json.loads(v["projects[0]/isolation/khorgos_gateway"].scenario)["closed"].get("transfers", [])
    db = run(tmp_path, text, "t")
    t = appraisal(db).set_index("project")
    assert t.loc["khorgos_gateway", "transfers"] == 1
    # Dostyk takes the gauge change when Altynkol's goes: never cheaper than with both.
    assert t.loc["khorgos_gateway", "complement_generalized_saving_usd"] >= 0
    assert t.loc["khorgos_gateway", "isolation_generalized_saving_usd"] >= 0
