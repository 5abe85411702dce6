"""Tabular results are DataFrames labelled as pandas users expect: an index naming each row
(unique), columns naming the figures; the matrix with origins down and destinations across.
Route GeoJSON coordinates are rounded to 6 decimals, its properties keep full precision."""
import json
import math

import pytest

import silkroute

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def net():
    return silkroute.Network.load()


def labelled(frame, index):
    assert isinstance(frame, pd.DataFrame) and len(frame) > 0
    assert list(frame.index.names) == index, f"index {frame.index.names}, expected {index}"
    assert frame.index.is_unique, f"repeated labels: {frame.index[frame.index.duplicated()].tolist()[:5]}"
    assert not set(index) & set(frame.columns), "an index level is also a column"
    return frame


def test_the_matrix_has_origins_down_and_destinations_across(net):
    m = net.matrix(["Xi'an", "Chongqing"], ["Duisburg", "Lodz", "Almaty"], metric="cost")
    assert m.index.name == "origin" and m.columns.name == "destination"
    assert m.index.tolist() == ["Xi'an", "Chongqing"] and m.columns.tolist() == ["Duisburg", "Lodz", "Almaty"]
    assert m.loc["Chongqing", "Almaty"] == pytest.approx(
        net.route("Chongqing", "Almaty", objective="cost", alternatives=0)[0].cost_usd)


def test_every_table_has_a_labelled_unique_index(net):
    best = net.route("Chongqing", "Duisburg", alternatives=0)[0]
    legs = labelled(net.legs(best), ["leg"])
    assert legs.index.tolist() == list(range(1, len(best.legs) + 1))
    assert legs.loc[1, "from"] == "Chongqing"
    pairs = [("shanghai", "rotterdam"), ("xian", "duisburg")]
    compare = labelled(net.compare("today", "red-sea-closure", pairs), ["origin", "destination"])
    row = compare.loc[("shanghai", "rotterdam")]
    assert row["time_h_a"] > 0 and row["time_change_h"] == pytest.approx(row["time_h_b"] - row["time_h_a"])
    labelled(net.compare("today", "red-sea-closure", by="country"), ["country"])
    labelled(net.compare("today", "red-sea-closure", by="corridor"), ["corridor"])
    crit = labelled(net.criticality(), ["kind", "id"])
    # Ranked by the figure it shows.
    assert crit["failure_cost_usd"].is_monotonic_decreasing
    impact = net.impact("bri-2013", "today")
    assert labelled(impact["countries"], ["country"]).loc["LAO", "trade_change_pct"] > 0
    labelled(impact["country_pairs"], ["country_a", "country_b"])
    labelled(net.places("Chongqing"), ["id"])
    nodes = labelled(net.nodes(), ["id"])
    assert nodes.loc["duisburg", "country"] == "DEU"


def test_freight_tables_have_labelled_unique_indexes(net):
    labelled(net.assign_freight("avoid-russia", max_iterations=300), ["element", "id"])
    labelled(net.assign_freight("avoid-russia", by="lane", max_iterations=300), ["lane"])
    routes = labelled(net.assign_freight("avoid-russia", by="route", max_iterations=300),
                      ["origin", "destination", "cargo", "route"])
    assert routes.loc[("shanghai", "rotterdam", "general", 1), "teu_per_year"] > 0


def test_an_empty_answer_keeps_its_labels(net):
    # A table with no rows (nothing loaded, nothing failed) still has its index names.
    frame = silkroute._table([], ["origin", "destination"])
    assert list(frame.index.names) == ["origin", "destination"] and len(frame) == 0


def test_route_geojson_has_six_decimal_coordinates_and_full_precision_properties(net):
    best = net.route("Chongqing", "Duisburg", alternatives=0)[0]
    collection = best.to_geojson()
    coordinates = [c for f in collection["features"] for c in f["geometry"]["coordinates"]]
    assert len(coordinates) > 10
    for lon, lat in coordinates:
        for v in (lon, lat):
            assert v == round(v, 6), f"{v!r} has more than 6 decimals"
    assert max(len(repr(v).split(".")[-1]) for c in coordinates for v in c) <= 6
    # The legs' figures are not rounded: they sum to the route's totals.
    time_h = sum(f["properties"]["time_h"] for f in collection["features"])
    assert math.isclose(time_h, sum(leg["time_h"] for leg in best.legs), rel_tol=1e-12)
    json.dumps(collection)  # plain JSON
