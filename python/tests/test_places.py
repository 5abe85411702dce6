"""Any place from Python: gazetteer cities and coordinates join by road, names are exact."""
import json
import os
import subprocess
from pathlib import Path

import pytest

import silkroute

ROOT = Path(__file__).resolve().parents[2]
CLI = os.environ.get("SILKROUTE_CLI", str(ROOT / "build" / "silkroute"))


@pytest.fixture(scope="module")
def net():
    return silkroute.Network.load()


def rows(table):
    """Records with the index as columns, from a DataFrame or the list of dicts without pandas."""
    return table.reset_index().to_dict("records") if hasattr(table, "to_dict") else table


def test_a_gazetteer_city_joins_by_road_and_agrees_with_the_command_line(net):
    best = net.route("Nantong", "Duisburg", alternatives=0)[0]
    cli = json.loads(subprocess.run([CLI, "route", "Nantong", "Duisburg", "--alternatives", "0", "--format", "json"],
                                    check=True, capture_output=True, text=True).stdout)
    first = best.legs[0]
    assert first["kind"] == "access" and first["mode"] == "road" and first["from"] == "Nantong"
    assert first["to"] == cli["routes"][0]["legs"][0]["to"]
    assert best.time_h == pytest.approx(cli["routes"][0]["total"]["time_h"], abs=0.05)
    assert best.access_h > 0 and best.transit_h < best.time_h - best.access_h
    # The leg table shows it first, and the route's distance includes it.
    legs = rows(net.legs(best))
    assert legs[0]["kind"] == "access"
    assert sum(leg["distance_km"] for leg in legs) == pytest.approx(best.distance_km, rel=1e-9)
    # The GeoJSON draws it from the city itself.
    feature = best.to_geojson()["features"][0]
    assert feature["properties"]["kind"] == "access"


def test_coordinates_as_a_pair_or_text_are_the_same_place(net):
    a = net.route((32.0304, 120.8250), "Duisburg", alternatives=0)[0]
    b = net.route("32.0304,120.8250", "Duisburg", alternatives=0)[0]
    assert a.legs[0]["kind"] == "access" and a.legs[0]["to"] == b.legs[0]["to"]
    assert a.time_h == pytest.approx(b.time_h)
    with pytest.raises(ValueError, match="latitude must be -90 to 90"):
        net.route((120.8250, 32.0304), "Duisburg")


def test_no_silent_substitution(net):
    with pytest.raises(silkroute.PlaceNotFoundError, match="did you mean Nantong"):
        net.route("Nantongg", "Duisburg")
    with pytest.raises(silkroute.PlaceNotFoundError, match="hyderabad-pak"):
        net.route("Hyderabad", "Duisburg")
    # A matrix runs between network places: a gazetteer city is refused, saying why.
    with pytest.raises(silkroute.PlaceNotFoundError, match="not a network node"):
        net.matrix(["Nantong"], ["Duisburg"])


def test_places_lists_where_each_joins(net):
    found = rows(silkroute.places("Nantong", limit=5))
    assert found[0]["id"] == "nantong-chn"
    assert found[0]["joins"] == "road" and found[0]["terminal_id"]
    assert found[0]["population"] > 100000
    assert found[0]["road_km"] > 0
    node = rows(net.places("Chongqing", limit=3))[0]
    assert node["joins"] == "node" and node["source"] == "network"
    with pytest.raises(ValueError):
        net.places("Nantong", limit=0)
