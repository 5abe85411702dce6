#!/usr/bin/env python3
"""Rebuilds data/bri/project_investment.csv: Chinese official finance committed to the dated
projects of data/bri, as facts from AidData's Global Chinese Development Finance Dataset v2
(ODC-By 1.0, attribution below), summed over the AidData records named here per project.

    scripts/build_project_investment.py [GCDF_CSV] [--out data/bri/project_investment.csv]

Only the rows named below are read, and only their id, title, commitment year, status and
amount. A record with sign -1 is a cancellation subtracted from its loan. Tranches that AidData
links to an umbrella record already counted are left out, so nothing is counted twice."""

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "projects" / "gcdf_v2_project_centroids.csv"

# project id in data/bri -> [(AidData record id, sign)], with what the records cover.
RECORDS = {
    "addis_djibouti_railway": ([("30171", 1), ("46183", 1), ("59420", 1)],
                               "Ethiopian section loan #30171 (its tranches #70083, #70085, #70086 not added), Djibouti "
                               "section #46183, electrification lot 2 #59420"),
    "china_laos_railway": ([("85304", 1), ("33726", 1)], "debt financing #85304 and loan #33726"),
    "sgr_phase_2a": ([("47025", 1)], "Kenya SGR Phase 2A loan #47025"),
    "budapest_belgrade_railway": ([("67020", 1)], "Belgrade-Stara Pazova section only #67020 (other sections not in the "
                                                  "geolocated records)"),
    "angren_pap_railway": ([("40325", 1)], "Kamchiq tunnel loan #40325"),
    "southern_expressway_extension": ([("38337", 1), ("53526", 1), ("33488", 1), ("53522", 1), ("53529", 1)],
                                      "sections 1-4 and consultancy #38337, #53526, #33488, #53522, #53529"),
    "hambantota_port": ([("33256", 1), ("33409", 1), ("39023", 1), ("39024", 1), ("39025", 1), ("65812", -1)],
                        "phases I and II #33256, #33409, #39023, #39024, #39025, less cancelled #65812"),
    "gwadar_port": ([("35124", 1), ("38995", 1), ("38996", 1), ("72688", 1), ("72689", 1)],
                    "phase I grants and loans 2001-2002 #35124, #38995, #38996, #72688, #72689"),
}
ATTRIBUTION = ("AidData Global Chinese Development Finance Dataset v2.0 (Custer et al. 2021), ODC-By 1.0, "
               "amounts in constant 2017 USD")


def main() -> int:
    import argparse
    ap = argparse.ArgumentParser(description="Rebuild data/bri/project_investment.csv from AidData GCDF v2.")
    ap.add_argument("source", nargs="?", default=str(DEFAULT), help="gcdf_v2_project_centroids.csv")
    ap.add_argument("--out", default=str(ROOT / "data" / "bri" / "project_investment.csv"))
    args = ap.parse_args()
    src = Path(args.source)
    if not src.is_file():
        print(f"error: {src}: not found (AidData GCDF v2 project centroids, ../shared/data/projects)", file=sys.stderr)
        return 2
    wanted = {rid for recs, _ in RECORDS.values() for rid, _ in recs}
    found = {}
    with open(src, newline="", encoding="utf-8") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            if row["id"] in wanted:
                try:
                    amount = float(row["Amount (Constant USD2017)"])
                except ValueError:
                    print(f"error: {src}:{line}: record {row['id']}: no amount", file=sys.stderr)
                    return 2
                found[row["id"]] = (amount, row["Commitment Year"])
    missing = sorted(wanted - set(found))
    if missing:
        print(f"error: {src}: records not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    out = Path(args.out)
    with open(out, "w", newline="", encoding="utf-8") as f:
        f.write("# Chinese official finance committed to dated projects in links.csv/nodes.csv, where AidData records it.\n"
                f"# Source: {ATTRIBUTION}. Rebuilt by scripts/build_project_investment.py; records per project below.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["project", "investment_usd", "commitment_years", "aiddata_ids", "source"])
        for project, (recs, note) in sorted(RECORDS.items()):
            total = sum(sign * found[rid][0] for rid, sign in recs)
            years = sorted({found[rid][1] for rid, sign in recs if sign > 0})
            w.writerow([project, f"{total:.0f}", "-".join([years[0], years[-1]]) if len(years) > 1 else years[0],
                        " ".join(("-" if s < 0 else "") + rid for rid, s in recs), f"AidData GCDF v2: {note}"])
    print(f"wrote {out}: {len(RECORDS)} projects")
    return 0


if __name__ == "__main__":
    sys.exit(main())
