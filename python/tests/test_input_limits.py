"""Nonsense through the Python door is refused as it is on the command line: a named error,
never a crash of the interpreter, a hang or a silent answer (docs/fuzzing.md)."""
import math

import pytest

import silkroute


@pytest.fixture(scope="module")
def net():
    return silkroute.Network.load()


def test_deep_toml_is_an_error_not_a_crash(net):
    # toml++ 3.3.0 overflowed the stack on this, killing Python with it.
    deep = silkroute.Scenario.from_toml("a" + ".b" * 50000 + " = 1\n", source="deep.toml")
    with pytest.raises(silkroute.ScenarioError, match="deep.toml:1: a key with more than 32 dotted parts"):
        net.route("Xian", "Duisburg", scenario=deep)
    nested = silkroute.Scenario.from_toml("x = " + "[" * 5000 + "]" * 5000 + "\n", source="nested.toml")
    with pytest.raises(silkroute.ScenarioError, match="nested.toml:1: more than 32 nested"):
        net.route("Xian", "Duisburg", scenario=nested)


def test_extends_must_name_a_scenario_file(net, tmp_path):
    zero = silkroute.Scenario.from_toml('extends = "/dev/zero"\n')
    with pytest.raises(silkroute.ScenarioError, match="not a regular file"):
        net.route("Xian", "Duisburg", scenario=zero)
    (tmp_path / "folder.toml").mkdir()
    (tmp_path / "main.toml").write_text('extends = "folder.toml"\n')
    with pytest.raises(silkroute.ScenarioError, match="is a folder"):
        net.route("Xian", "Duisburg", scenario=str(tmp_path / "main.toml"))


@pytest.mark.parametrize("price", [-1e9, math.nan, math.inf, 1e300])
def test_carbon_price_out_of_range_is_refused(net, price):
    with pytest.raises(ValueError, match="carbon price"):
        net.route("Xian", "Duisburg", carbon_price_usd_per_t=price)


def test_stacked_factors_are_refused(net):
    links = [{"id": "r_chongqing_xian", "speed_factor": 10}] * 3
    stacked = silkroute.Scenario.build("stacked", links=links)
    with pytest.raises(silkroute.ScenarioError, match="speed_factor.*outside 0.01 to 10"):
        net.route("Xian", "Duisburg", scenario=stacked)
