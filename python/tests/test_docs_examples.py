"""Every ```python block in docs/python.md and README.md runs, so the docs cannot drift from
the package. The blocks of one file run in order in one namespace (as a reader would type
them), in a temporary directory. A block that must not run is preceded by a line
`<!-- not run: the reason -->`, and the reason is required."""
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "docs" / "python.md", ROOT / "README.md"]
FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)
NOT_RUN = re.compile(r"<!--\s*not run:\s*(.*?)\s*-->\s*$")


def blocks(path: Path):
    """(first line number, code, reason it must not run or None) for each ```python block."""
    text = path.read_text(encoding="utf-8")
    for m in FENCE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        before = text[:m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        marker = NOT_RUN.search(before)
        yield line, m.group(1), (marker.group(1) if marker else None)


def test_the_docs_have_examples_and_every_skip_says_why():
    found = [b for path in DOCS for b in blocks(path)]
    assert len([b for b in found if b[2] is None]) >= 2, "docs/python.md lost its examples"
    for line, _, reason in found:
        assert reason is None or len(reason) > 10, f"a block at line {line} is not run without a reason"


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_every_python_block_runs(path, tmp_path, monkeypatch):
    pytest.importorskip("pandas")  # the docs show DataFrames
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "__docs__"}
    for line, code, reason in blocks(path):
        if reason is not None:
            continue
        name = f"{os.path.relpath(path, ROOT)}:{line}"
        try:
            exec(compile(code, name, "exec"), namespace)
        except Exception as e:  # the block, its line and the error, not a bare traceback into exec
            pytest.fail(f"the example at {name} raised {type(e).__name__}: {e}")
