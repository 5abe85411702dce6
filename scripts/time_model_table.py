#!/usr/bin/env python3
"""Keeps the parameter table of docs/time-model.md ("## The parameters") in step with
data/bri/time_model.csv: the value, unit, bounds and fitted columns come from the data; the
source column stays as written in the doc (shorter than the data's).
Usage: scripts/time_model_table.py update|check  (check exits 1 and names the rows that differ)."""
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data/bri/time_model.csv"
DOC = ROOT / "docs/time-model.md"


def number(text):
    """The data's number as the table writes it (no trailing zeros)."""
    value = float(text)
    return str(int(value)) if value == int(value) else f"{value:g}"


def parameters():
    lines = [line for line in DATA.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return {row["parameter"]: row for row in csv.DictReader(lines)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in ("update", "check"):
        sys.exit(__doc__)
    params = parameters()
    text = DOC.read_text(encoding="utf-8")
    row_re = re.compile(r"^\| `(?P<name>[a-z0-9_]+)` \| (?P<value>[^|]*) \| (?P<unit>[^|]*) \| (?P<bounds>[^|]*) \| (?P<fitted>[^|]*) \| (?P<source>.*)\|$")
    out, differ, seen = [], [], set()
    for line in text.splitlines(keepends=True):
        m = row_re.match(line.rstrip("\n"))
        if not m or m["name"] not in params:
            out.append(line)
            continue
        p = params[m["name"]]
        seen.add(m["name"])
        new = (f"| `{m['name']}` | {number(p['value'])} | {p['unit']} | {number(p['lower'])}-{number(p['upper'])} | "
               f"{p['fitted']} | {m['source']}|\n")
        if new != line:
            differ.append(f"{m['name']}: doc {m['value']} {m['unit']} {m['bounds']} {m['fitted']}, data {number(p['value'])} "
                          f"{p['unit']} {number(p['lower'])}-{number(p['upper'])} {p['fitted']}")
        out.append(new)
    missing = sorted(set(params) - seen)
    if mode == "check":
        for d in differ:
            print(f"{DOC.relative_to(ROOT)}: {d}")
        for name in missing:
            print(f"{DOC.relative_to(ROOT)}: no row for {name} of {DATA.relative_to(ROOT)}")
        sys.exit(1 if differ or missing else 0)
    DOC.write_text("".join(out), encoding="utf-8")
    for name in missing:
        print(f"time_model_table: {DOC.relative_to(ROOT)} has no row for {name}; add one with its source", file=sys.stderr)


if __name__ == "__main__":
    main()
