"""One request through the three front ends (command line, HTTP API, Python) must give the
same answer: they fill the same typed request and call the same engine."""
import json
import os
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

import silkroute

ROOT = Path(__file__).resolve().parents[2]
CLI = os.environ.get("SILKROUTE_CLI", str(ROOT / "build" / "silkroute"))

# Every option a route request has, set away from its default.
REQUEST = dict(origin="Xi'an", destination="Duisburg", cargo="electronics", objective="generalized",
               avoid=["RUS"], alternatives=1, scenario="middle-corridor-upgrade", year=2022, carbon_price=80.0,
               max_detour=2.5, month=7)


@pytest.fixture(scope="module")
def server():
    proc = subprocess.Popen([CLI, "serve", "--port", "0", "--no-web"], stderr=subprocess.PIPE, text=True)
    try:
        port = None
        deadline = time.time() + 60
        while port is None and time.time() < deadline:
            line = proc.stderr.readline()
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                port = int(match.group(1))
        assert port, "the server did not say where it listens"
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def get(base, path, params):
    url = f"{base}{path}?{urllib.parse.urlencode(params)}"
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)


def via_cli(r):
    args = [CLI, "route", r["origin"], r["destination"], "--format", "json", "--cargo", r["cargo"],
            "--objective", r["objective"], "--avoid", ",".join(r["avoid"]), "--alternatives", str(r["alternatives"]),
            "--scenario", r["scenario"], "--year", str(r["year"]), "--carbon-price", str(r["carbon_price"]),
            "--max-detour", str(r["max_detour"]), "--month", str(r["month"])]
    out = subprocess.run(args, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return [(x["label"], x["total"]["time_h"], x["total"]["cost_usd"], x["total"]["distance_km"])
            for x in json.loads(out.stdout)["routes"]]


def via_http(base, r):
    status, body = get(base, "/route", {"from": r["origin"], "to": r["destination"], "cargo": r["cargo"],
                                         "objective": r["objective"], "avoid": ",".join(r["avoid"]),
                                         "alternatives": r["alternatives"], "scenario": r["scenario"],
                                         "year": r["year"], "carbon_price": r["carbon_price"],
                                         "max_detour": r["max_detour"], "month": r["month"]})
    assert status == 200, body
    return [(x["label"], x["total"]["time_h"], x["total"]["cost_usd"], x["total"]["distance_km"]) for x in body["routes"]]


def via_python(r):
    net = silkroute.Network.load()
    routes = net.route(r["origin"], r["destination"], cargo=r["cargo"], objective=r["objective"], avoid=r["avoid"],
                       alternatives=r["alternatives"], scenario=r["scenario"], year=r["year"],
                       carbon_price_usd_per_t=r["carbon_price"], max_detour=r["max_detour"], month=r["month"])
    return [(x.label, x.time_h, x.cost_usd, x.distance_km) for x in routes]


def same(a, b):
    """The CLI rounds for people (0.1 h, 1 USD, 0.1 km); the others keep full precision."""
    assert len(a) == len(b)
    for (la, ta, ca, da), (lb, tb, cb, db) in zip(a, b):
        assert la == lb
        assert abs(ta - tb) <= 0.051 and abs(ca - cb) <= 0.51 and abs(da - db) <= 0.051


def test_one_request_three_front_ends_one_answer(server):
    cli, http, py = via_cli(REQUEST), via_http(server, REQUEST), via_python(REQUEST)
    assert len(cli) == 2  # the best route and the one alternative asked for
    assert all("RUS" not in label for label, *_ in cli)
    same(cli, http)
    same(cli, py)


def test_defaults_are_the_same_everywhere(server):
    plain = dict(origin="Chongqing", destination="Duisburg")
    cli = subprocess.run([CLI, "route", "Chongqing", "Duisburg", "--format", "json"], capture_output=True, text=True, check=True)
    n_cli = len(json.loads(cli.stdout)["routes"])
    status, body = get(server, "/route", {"from": plain["origin"], "to": plain["destination"]})
    assert status == 200
    n_py = len(silkroute.Network.load().route(plain["origin"], plain["destination"]))
    assert n_cli == len(body["routes"]) == n_py == 1 + silkroute._silkroute.DEFAULT_ALTERNATIVES


def test_near_misses_are_refused_by_every_front_end(server):
    cli = subprocess.run([CLI, "route", "Chongqin", "Duisburg"], capture_output=True, text=True)
    assert cli.returncode == 2 and "did you mean Chongqing" in cli.stderr
    status, body = get(server, "/route", {"from": "Chongqin", "to": "Duisburg"})
    assert status == 400 and "did you mean Chongqing" in body["message"]
    with pytest.raises(silkroute.PlaceNotFoundError, match="did you mean Chongqing"):
        silkroute.Network.load().route("Chongqin", "Duisburg")
    # The same check for a matrix, a comparison and an export.
    status, _ = get(server, "/places", {"q": "x"})
    assert status == 200
    exp = subprocess.run([CLI, "export", "route", "Chongqin", "Duisburg", "--out", "never-written.geojson"], capture_output=True,
                         text=True)
    assert exp.returncode == 2 and "did you mean Chongqing" in exp.stderr


def test_time_breakdown_adds_up_and_transit_leaves_out_handling():
    # By train from the origin (a train is assembled there; a truck to a railhead would not be).
    r = silkroute.Network.load().route("Xi'an", "Duisburg", avoid=["road", "sea", "air"], alternatives=0)[0]
    parts = (r.moving_h + r.wait_h + r.rest_h + r.call_h + r.transship_h + r.dispatch_h + r.handling_h
             + r.transfer_h + r.border_h)
    assert abs(parts - r.time_h) < 1e-6
    # Published transit times run from the train's departure: no loading, assembly or unloading.
    assert abs(r.transit_h - (r.time_h - r.handling_h - r.dispatch_h)) < 1e-6
    assert r.border_h > 0 and r.transfer_h > 0 and r.handling_h > 0 and r.dispatch_h > 0


def test_trucks_rest_and_liners_call():
    net = silkroute.Network.load()
    truck = net.route("Karachi", "Kashgar", avoid=["rail", "sea", "air"], alternatives=0)[0]
    assert truck.rest_h > 0.5 * truck.moving_h  # drivers' hours: a day's driving is followed by rest
    ship = net.route("Shanghai", "Rotterdam", avoid=["rail", "road", "air"], alternatives=0)[0]
    assert ship.call_h > 48  # a liner calls at several ports between Shanghai and Rotterdam
    assert ship.transship_h == 0  # both are called at by mainline services
    feeder = net.route("Nhava Sheva", "Mogadishu", avoid=["rail", "road", "air"], alternatives=0)[0]
    assert feeder.transship_h > 84  # only a fortnightly feeder from Salalah calls at Mogadishu
    assert abs(sum(leg["transship_h"] for leg in feeder.legs) - feeder.transship_h) < 0.15


def test_out_takes_its_format_from_the_extension(tmp_path):
    import pandas as pd
    for name in ("c.csv", "c.json"):
        out = subprocess.run([CLI, "compare", "today", "red-sea-closure", "--out", str(tmp_path / name)],
                             capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
    table = pd.read_csv(tmp_path / "c.csv")
    assert {"origin", "destination", "time_h_a", "time_h_b"} <= set(table.columns) and len(table) > 10
    assert json.loads((tmp_path / "c.json").read_text())["pairs"]
    bad = subprocess.run([CLI, "criticality", "--out", str(tmp_path / "c.ods")], capture_output=True, text=True)
    assert bad.returncode == 2 and "known: .csv, .json, .xlsx, .txt" in bad.stderr
    assert not (tmp_path / "c.ods").exists()


def test_max_detour_bounds_alternatives_in_every_front_end(server):
    """Alternatives cost at most max_detour times the best on the objective, whichever front
    end asks; a ratio under 1 is refused by each with the same message."""
    net = silkroute.Network.load()
    wide = net.route("Chongqing", "Duisburg", alternatives=5, max_detour=3.0)
    tight = net.route("Chongqing", "Duisburg", alternatives=5, max_detour=1.1)
    assert len(tight) < len(wide)
    for r in tight[1:]:
        assert r.time_h <= 1.1 * tight[0].time_h + 1e-6
    cli = subprocess.run([CLI, "route", "Chongqing", "Duisburg", "--alternatives", "5", "--max-detour", "1.1",
                          "--format", "json"], capture_output=True, text=True, check=True)
    status, body = get(server, "/route", {"from": "Chongqing", "to": "Duisburg", "alternatives": 5, "max_detour": 1.1})
    assert status == 200
    labels = [r.label for r in tight]
    assert [x["label"] for x in json.loads(cli.stdout)["routes"]] == labels == [x["label"] for x in body["routes"]]
    bad = subprocess.run([CLI, "route", "Chongqing", "Duisburg", "--max-detour", "0.5"], capture_output=True, text=True)
    assert bad.returncode == 2 and "max detour" in bad.stderr
    status, body = get(server, "/route", {"from": "Chongqing", "to": "Duisburg", "max_detour": "0.5"})
    assert status == 400 and "max detour" in body["message"]
    with pytest.raises(ValueError, match="max detour"):
        net.route("Chongqing", "Duisburg", max_detour=0.5)


def test_a_winter_month_closes_the_khunjerab_pass_on_every_front_end(server):
    """Kashgar-Islamabad by road crosses the Khunjerab pass, closed from December to March. The
    long ways round (by Afghanistan, by Iran and Taftan, by Tibet, Nepal, India and Wagah) are
    avoided, so that a winter month leaves no route."""
    avoid = "rail,sea,air,ferry,AFG,IRN,IND"
    summer = subprocess.run([CLI, "route", "Kashgar", "Islamabad", "--avoid", avoid, "--month", "7", "--format", "json"],
                            capture_output=True, text=True)
    assert summer.returncode == 0, summer.stderr
    assert "Khunjerab" in json.loads(summer.stdout)["routes"][0]["label"] or "khunjerab" in summer.stdout
    winter = subprocess.run([CLI, "route", "Kashgar", "Islamabad", "--avoid", avoid, "--month", "1"],
                            capture_output=True, text=True)
    assert winter.returncode == 3, winter.stdout + winter.stderr
    assert "seasonal closure in month 1" in winter.stdout + winter.stderr
    status, body = get(server, "/route", {"from": "Kashgar", "to": "Islamabad", "avoid": avoid, "month": 1})
    assert status == 400 and body["code"] == "NoRoute" and "seasonal closure" in body["message"], body
    status, body = get(server, "/route", {"from": "Kashgar", "to": "Islamabad", "avoid": avoid, "month": 13})
    assert status == 400 and body["code"] == "InvalidQuery", body
    with pytest.raises(silkroute.NoRouteError, match="seasonal closure in month 1"):
        silkroute.Network.load().route("Kashgar", "Islamabad", avoid=avoid.split(","), month=1)


def test_the_rail_service_follows_the_rule_or_the_request_on_every_front_end(server):
    """Rotterdam-Lyon runs on an ordinary intermodal train by rail_services.csv; asked for the
    express, the same trip is faster. Every front end says which service it used."""
    avoid = ["road", "sea", "air", "ferry"]
    net = silkroute.Network.load()
    rule = net.route("Rotterdam", "Lyon", avoid=avoid, alternatives=0)[0]
    express = net.route("Rotterdam", "Lyon", avoid=avoid, alternatives=0, rail_service="express")[0]
    assert rule.rail_service == "intermodal" and express.rail_service == "express"
    assert rule.transit_h > express.transit_h
    status, body = get(server, "/route", {"from": "Rotterdam", "to": "Lyon", "avoid": ",".join(avoid),
                                          "alternatives": 0, "rail_service": "express"})
    assert status == 200 and body["query"]["rail_service"] == "express", body
    assert body["routes"][0]["total"]["transit_h"] == pytest.approx(express.transit_h, abs=0.05)
    cli = subprocess.run([CLI, "route", "Rotterdam", "Lyon", "--avoid", ",".join(avoid), "--alternatives", "0",
                          "--format", "json"], capture_output=True, text=True)
    assert cli.returncode == 0, cli.stderr
    query = json.loads(cli.stdout)["query"]
    assert query["rail_service"] == "intermodal" and query["rail_service_reason"] == "rail_services.csv: europe to europe"
    status, body = get(server, "/route", {"from": "Rotterdam", "to": "Lyon", "rail_service": "fast"})
    assert status == 400 and body["code"] == "InvalidQuery" and "rail service" in body["message"], body
