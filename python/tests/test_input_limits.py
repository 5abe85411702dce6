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


def test_first_matrix_from_several_threads_does_not_deadlock():
    # A fresh interpreter, so that nothing has imported NumPy before the threads' first call
    # (with pybind11 2.10 this hung 3 runs in 3 before the package imported NumPy itself).
    import subprocess
    import sys
    code = (
        "import threading, silkroute\n"
        "n = silkroute.Network.load()\n"
        "out = []\n"
        "def f(): out.append(n.matrix(['Chongqing', 'Xian'], ['Duisburg']).values.tolist())\n"
        "ts = [threading.Thread(target=f) for _ in range(4)]\n"
        "[t.start() for t in ts]; [t.join() for t in ts]\n"
        "assert len(out) == 4 and all(o == out[0] for o in out), out\n"
        "print(out[0])\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    hours = eval(done.stdout)
    assert 200 < hours[0][0] < 600 and 200 < hours[1][0] < 600


def test_refused_numbers_are_quoted_as_given(net):
    # Not std::to_string's fixed decimals (-1000000000.000000, 0.000000 for a tiny value).
    with pytest.raises(ValueError, match=r"got -1e\+09$"):
        net.route("Xian", "Duisburg", carbon_price_usd_per_t=-1e9)
    with pytest.raises(ValueError, match=r"got 1e-12$"):
        net.route("Xian", "Duisburg", max_detour=1e-12)
