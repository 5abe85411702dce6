"""Freight assignment from Python: the same figures as the command line, as DataFrames."""
import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

import silkroute

ROOT = Path(__file__).resolve().parents[2]
CLI = os.environ.get("SILKROUTE_CLI", str(ROOT / "build" / "silkroute"))
pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def net():
    return silkroute.Network.load()


@pytest.fixture(scope="module")
def avoid(net):
    return net.assign_freight("avoid-russia", max_iterations=300)


def test_elements_frame_has_flow_capacity_utilization_and_delay(avoid):
    assert list(avoid.index.names) == ["element", "id"]
    assert list(avoid.columns) == ["name", "kind", "flow_teu_per_year", "capacity_teu_per_year", "utilization", "delay_h"]
    ferries = avoid.loc[("link", "f_aktau_baku")]
    assert ferries["utilization"] == pytest.approx(ferries["flow_teu_per_year"] / ferries["capacity_teu_per_year"])
    assert ferries["utilization"] > 0.8 and ferries["delay_h"] > 24  # the Caspian fills up: days of waiting
    # Links without a capacity carry flow but no utilization.
    plain = avoid[avoid["capacity_teu_per_year"].isna()]
    assert len(plain) > 50 and (plain["flow_teu_per_year"] > 0).all()


def test_lanes_frame_assigns_every_teu_and_matches_the_command_line(net):
    lanes = net.assign_freight("avoid-russia", by="lane", max_iterations=300)
    modes = lanes[[c for c in lanes.columns if c.endswith("_teu_per_year") and c != "demand_teu_per_year"]]
    assert (modes.sum(axis=1) - lanes["demand_teu_per_year"]).abs().max() < 1
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "a.json"
        subprocess.run([CLI, "assign", "--scenario", "avoid-russia", "--max-iterations", "300", "--out", str(out), "--quiet"],
                       check=True, capture_output=True)
        cli = {r["lane"]: r["mode_teu_per_year"]["sea"] for r in json.loads(out.read_text())["lanes"]}
    assert lanes["sea_teu_per_year"].to_dict() == pytest.approx(cli)


def test_bad_arguments_are_refused_with_the_reason(net):
    with pytest.raises(ValueError, match="by: expected element, lane or route"):
        net.assign_freight(by="links")
    with pytest.raises(ValueError, match="unknown cargo class 'genral'; classes are general"):
        net.assign_freight(cargo="genral")


def test_freight_criticality_ranks_failures_with_the_congestion_they_cause(net):
    # The eight most loaded elements fail one at a time; Malaszewicze's gauge change is among them
    # (since coverage wave 12's Baltic ferries it is no longer among the four most loaded).
    crit = net.freight_criticality("today", top=8)
    assert len(crit) == 8
    assert list(crit["failure_cost_usd"]) == sorted(crit["failure_cost_usd"], reverse=True)
    mal = crit.xs("malaszewicze:rail:1520-rail:1435", level="id").iloc[0]
    # Its trains divert: the failure costs something, and the change of waits at the elements
    # still in use (more queueing on the alternatives, or less at Dostyk when trains go by sea)
    # is a part of that cost, never more than all of it.
    assert mal["failure_cost_usd"] > 0
    assert abs(mal["wait_cost_change_usd"]) < mal["failure_cost_usd"]
    with pytest.raises(ValueError, match="top: expected 1 or more"):
        net.freight_criticality(top=0)


def test_compare_freight_gives_both_runs_and_their_change_per_element_and_lane(net, avoid):
    c = net.compare_freight("today", "avoid-russia", max_iterations=300)
    assert list(c.index.names) == ["element", "id"]
    # B is the avoid-russia run itself, A the today run; the change is B - A.
    both = c.join(avoid[["flow_teu_per_year"]], how="left")
    assert (both["flow_teu_per_year_b"] - both["flow_teu_per_year"].fillna(0)).abs().max() < 1e-6
    assert ((c["flow_teu_per_year_b"] - c["flow_teu_per_year_a"]) - c["flow_change_teu_per_year"]).abs().max() < 1e-6
    feeders = c.loc[("link", "f_aktau_baku")]
    assert feeders["utilization_b"] > 0.8 > 0.3 > feeders["utilization_a"]
    lanes = net.compare_freight("today", "avoid-russia", by="lane", max_iterations=300)
    rail = lanes.loc["china_europe_rail"]
    assert rail["rail_teu_per_year_b"] < 0.2 * rail["rail_teu_per_year_a"]
    for side in "ab":
        cols = [c for c in lanes.columns if c.endswith("_teu_per_year_" + side)]
        assert (lanes[cols].sum(axis=1) - lanes["demand_teu_per_year"]).abs().max() < 1
    with pytest.raises(ValueError, match="by: expected element or lane"):
        net.compare_freight("today", "avoid-russia", by="route")
