#!/usr/bin/env python3
"""Moves explicit rail and road speeds of data/bri/links.csv into line classes (data/bri/line_classes.csv).

The structured time model (docs/time-model.md) takes speeds from global, fitted parameters by region and line class;
a per-link speed would escape the fit. A rail link curated at 55 km/h or more is a new high-standard line, at 30 km/h
or less a slow (mountain, single-track, degraded) line; a road link at 60 km/h or more is motorway standard, at 30 km/h
or less a mountain road, anything between a trunk road. Idempotent: run it after adding links with speeds.
Usage: scripts/line_classes.py [DATASET_DIR]
"""
import csv
import io
import sys
from pathlib import Path


def classify(mode, speed):
    if mode == "rail":
        return "new_line" if speed >= 55 else "slow_line" if speed <= 30 else None
    if mode == "road":
        return "highway" if speed >= 60 else "mountain" if speed <= 30 else "trunk"
    return None


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "data" / "bri")
    links_path, classes_path = root / "links.csv", root / "line_classes.csv"
    lines = links_path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = None
    out, moved = [], []
    for line in lines:
        if line.startswith("#") or not line.strip():
            out.append(line)
            continue
        row = next(csv.reader([line]))
        if header is None:
            header = row
            out.append(line)
            continue
        rec = dict(zip(header, row))
        if rec["mode"] in ("rail", "road") and rec["speed_kmh"]:
            speed = float(rec["speed_kmh"])
            cls = classify(rec["mode"], speed)
            if cls:
                moved.append((rec["id"], cls, f"curated at {speed:g} km/h: {rec['source']}"))
            row[header.index("speed_kmh")] = ""
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerow(row)
            line = buf.getvalue()
        out.append(line)
    links_path.write_text("".join(out), encoding="utf-8")

    existing = []
    if classes_path.exists():
        existing = [l for l in classes_path.read_text(encoding="utf-8").splitlines(keepends=True)]
    else:
        existing = [
            "# Line classes of the structured time model (docs/time-model.md): rail new_line (new high-standard lines) and\n",
            "# slow_line (mountain, single-track, degraded); road highway, trunk and mountain. Links not listed take their\n",
            "# region's standard. Written first by scripts/line_classes.py from the speeds curated on each link.\n",
            "link,class,source\n",
        ]
    listed = {next(csv.reader([l]))[0] for l in existing if l.strip() and not l.startswith("#")}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for link, cls, source in moved:
        if link not in listed:
            w.writerow([link, cls, source])
    classes_path.write_text("".join(existing) + buf.getvalue(), encoding="utf-8")
    print(f"line_classes: {len(moved)} explicit speeds moved to classes ({classes_path})")


if __name__ == "__main__":
    main()
