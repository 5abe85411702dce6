"""Mutation fuzzing of the sweep file reader (docs/fuzzing.md): the TOML itself is parsed by
toml++, which the libFuzzer target `scenario_toml` covers; what is left is the Python that
checks and expands it. Seeded mutations of the bundled sweep files must give a plan or a
named error (SweepError, ScenarioError, DatasetError, PlaceNotFoundError: what
`silkroute sweep` turns into exit 2), never a TypeError, KeyError, crash or hang."""
import random
import re
import time
from pathlib import Path

import pytest

import silkroute
from silkroute import sweep as sw
from silkroute.sweep_file import SweepError, parse_sweep_text

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "examples" / "sweeps").glob("*.toml"))
NAMED = (SweepError, silkroute.ScenarioError, silkroute.DatasetError, silkroute.PlaceNotFoundError)

# Values of every TOML type and the edges of each, put in place of a value or a key.
VALUES = ['1', '-1', '0', '1e308', '-1e308', 'nan', 'inf', '-inf', '9223372036854775807', '2.5',
          '"x"', '""', '"today"', '"hormuz"', '"../../etc/passwd"', 'true', 'false', '[]', '[1, "a"]',
          '[[1, 2], [3]]', '{}', '{ a = 1 }', '1979-05-27', '"\\u00e9"', '[["Chongqing", "Duisburg"]]']
KEYS = ['kind', 'draws', 'seed', 'values', 'field', 'k', 'category', 'mode', 'projects', 'year',
        'objective', 'cargo', 'routes', 'matrix', 'criticality', 'keep', 'base', 'network', 'zzz']


def mutate(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 4)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        op = rng.randrange(6)
        if op == 0:                                   # a value of another type
            value = rng.choice(VALUES)
            lines[i] = re.sub(r"=\s*.*$", lambda _: "= " + value, lines[i])
        elif op == 1:                                 # a key renamed
            key = rng.choice(KEYS)
            lines[i] = re.sub(r"^\s*[A-Za-z_]+", lambda _: key, lines[i])
        elif op == 2:                                 # a line dropped
            del lines[i]
        elif op == 3:                                 # a line repeated elsewhere
            lines.insert(rng.randrange(len(lines) + 1), lines[i])
        elif op == 4:                                 # a new key = value line
            lines.insert(i, f"{rng.choice(KEYS)} = {rng.choice(VALUES)}")
        else:                                         # a table header
            lines.insert(i, rng.choice(["[[vary]]", "[analysis]", "[analysis.matrix]", "[vary]", "[[analysis]]"]))
    return "\n".join(lines) + "\n"


@pytest.mark.skipif(not SEEDS, reason="no sweep files in examples/sweeps")
def test_mutated_sweep_files_give_a_plan_or_a_named_error():
    rng = random.Random(20261127)
    parsed = planned = refused = 0
    deadline = time.monotonic() + 20          # a bound on the whole test, not a timing check
    for n in range(4000):
        if time.monotonic() > deadline:
            break
        seed = SEEDS[n % len(SEEDS)]
        text = mutate(seed.read_text(encoding="utf-8"), rng)
        try:
            spec = parse_sweep_text(text, str(seed))
            parsed += 1
            if n % 20 == 0:                   # planning loads the network: a sample of them
                sw.plan(spec)
                planned += 1
        except NAMED as e:
            refused += 1
            assert str(e), "an error without a message"
        except Exception as e:                # noqa: BLE001 - any other exception is the finding
            pytest.fail(f"{type(e).__name__}: {e}\n--- input (mutated {seed.name}) ---\n{text}")
    print(f"parsed {parsed}, planned {planned}, refused {refused}")
    assert parsed + refused > 200 and refused > 20 and parsed > 20, (parsed, refused, planned)
