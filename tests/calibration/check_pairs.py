#!/usr/bin/env python3
"""Checks the published and holdout pair files: same header, well-formed fields, a source with a
URL for every row added with the corridor | kind | year | text | URL note, no pair in both files,
every row under a `# batch: ORDER NAME ...` line (one order per name, across both files), and that
`silkroute calibrate` reads every holdout row (it reports one verdict per row).

Usage: check_pairs.py SILKROUTE_BINARY SOURCE_DIR"""

import csv
import re
import subprocess
import sys
from pathlib import Path

HEADER = ["origin", "destination", "mode", "via", "time_low_h", "time_high_h", "distance", "distance_unit",
          "source_note", "avoid", "network_year", "measure", "service"]
MODES = {"rail", "road", "sea", "ferry", "air", "iww"}
KINDS = {"operator", "carrier", "timetable", "port authority", "corridor authority", "government", "industry body",
         "forwarder", "press", "traveller report"}


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


BATCH = re.compile(r"# batch: (\d+) (\S+)(  \S.*)?$")


def read(path, problems, batch_orders):
    """Rows of one file as (line, dict with the row's batch); after the header, the only comment
    lines are batch lines, and every row comes after one."""
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    header = next(csv.reader([lines[first]]))
    if header != HEADER:
        problems.append(f"{path.name}:{first + 1}: header is {header}, expected {HEADER}")
        return rows
    batch = None
    for index in range(first + 1, len(lines)):
        line, text = index + 1, lines[index]
        if text.startswith("#"):
            match = BATCH.match(text)
            if not match:
                problems.append(f"{path.name}:{line}: a comment after the header that is not "
                                "'# batch: ORDER NAME  what'")
                continue
            order, batch = int(match.group(1)), match.group(2)
            if batch_orders.setdefault(batch, order) != order:
                problems.append(f"{path.name}:{line}: batch {batch} has order {order}, elsewhere {batch_orders[batch]}")
            continue
        if not text:
            continue
        cells = next(csv.reader([text]))
        if len(cells) != len(HEADER):
            problems.append(f"{path.name}:{line}: {len(cells)} fields, expected {len(HEADER)}")
            continue
        if batch is None:
            problems.append(f"{path.name}:{line}: a row before the first '# batch:' line")
        rows.append((line, dict(zip(HEADER, cells), batch=batch)))
    return rows


def check_row(name, line, row, problems):
    def bad(field, message):
        problems.append(f"{name}:{line}: {field}: {message}")

    for field in ("origin", "destination", "source_note"):
        if not row[field].strip():
            bad(field, "empty")
    if row["mode"] not in MODES:
        bad("mode", f"'{row['mode']}' is not one of {sorted(MODES)}")
    low, high = row["time_low_h"], row["time_high_h"]
    if bool(low) != bool(high):
        bad("time_high_h", "a time range needs both ends")
    elif low:
        lo, hi = number(low), number(high)
        if lo is None or hi is None or not 0 < lo <= hi:
            bad("time_low_h", f"expected 0 < low <= high, got {low}-{high}")
    if row["distance"]:
        if (number(row["distance"]) or 0) <= 0:
            bad("distance", f"expected a positive number, got '{row['distance']}'")
        if row["distance_unit"] not in ("km", "nm"):
            bad("distance_unit", f"expected km or nm, got '{row['distance_unit']}'")
    elif row["distance_unit"]:
        bad("distance_unit", "a unit without a distance")
    if not low and not row["distance"]:
        bad("time_low_h", "a row needs a published time or a published distance")
    if row["measure"] not in ("terminal", "sailing"):
        bad("measure", f"expected terminal or sailing, got '{row['measure']}'")
    if row["measure"] == "sailing" and row["mode"] != "ferry":
        bad("measure", "sailing time is for ferry rows")
    if row["service"] not in ("", "express", "intermodal"):
        bad("service", f"expected express, intermodal or empty, got '{row['service']}'")
    if row["service"] and row["mode"] != "rail":
        bad("service", "a rail service is for rail rows")
    note = row["source_note"]
    if " | " in note:
        parts = note.split(" | ")
        if len(parts) != 5:
            bad("source_note", f"expected corridor | kind | year | text | URL, got {len(parts)} parts")
            return
        corridor, kind, year, text, url = parts
        if not corridor or not text:
            bad("source_note", "empty corridor or text")
        if kind not in KINDS:
            bad("source_note", f"kind '{kind}' is not one of {sorted(KINDS)}")
        if not re.fullmatch(r"(19|20)\d\d", year):
            bad("source_note", f"year published '{year}' is not a year")
        if not re.match(r"https?://\S+$", url):
            bad("source_note", f"'{url}' is not a URL")


def main():
    binary, source_dir = sys.argv[1], Path(sys.argv[2])
    folder = source_dir / "tests" / "calibration"
    problems = []
    batch_orders = {}
    files = {name: read(folder / name, problems, batch_orders) for name in ("published_pairs.csv", "holdout_pairs.csv")}
    if len(set(batch_orders.values())) != len(batch_orders):
        problems.append(f"two batches share an order: {batch_orders}")
    seen = {}
    for name, rows in files.items():
        for line, row in rows:
            check_row(name, line, row, problems)
            key = (row["origin"], row["destination"], row["mode"], row["avoid"])
            if key in seen:
                problems.append(f"{name}:{line}: {' -> '.join(key[:2])} ({key[2]}) is also at {seen[key]}")
            seen[key] = f"{name}:{line}"
    holdout = files["holdout_pairs.csv"]
    if len(holdout) < 40:
        problems.append(f"holdout_pairs.csv: only {len(holdout)} rows; the time model needs the held-out figures")
    # The reader must accept the holdout file and give one verdict per row.
    run = subprocess.run([binary, "calibrate", str(folder / "holdout_pairs.csv")], capture_output=True, text=True)
    last = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr.strip()
    match = re.fullmatch(r"(\d+) passed, (\d+) failed", last)
    if not match:
        problems.append(f"silkroute calibrate holdout_pairs.csv: {last}")
    elif int(match.group(1)) + int(match.group(2)) != len(holdout):
        problems.append(f"silkroute calibrate read {match.group(0)} but the file has {len(holdout)} rows")
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"ok: {sum(len(r) for r in files.values())} pairs ({len(files['published_pairs.csv'])} published, "
          f"{len(holdout)} holdout) in {len(batch_orders)} batches, every added row cites a source")
    return 0


if __name__ == "__main__":
    sys.exit(main())
