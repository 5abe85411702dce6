#!/usr/bin/python3
"""Scatter plot of model against published transit times from `silkroute calibrate --fit --out FIT.csv`.

Log-log axes; each pair is drawn at its cross-validated model time (predicted by the parameters fitted on the other folds)
against the middle of its published range, with the range as a horizontal bar; the band is the range widened by 15%.
Usage: scripts/calibration_plot.py FIT.csv OUT.svg
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

COLOURS = {"rail": "#c0392b", "road": "#7f8c8d", "sea": "#2471a3", "ferry": "#16a085", "air": "#8e44ad"}


def main():
    rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
    fig, ax = plt.subplots(figsize=(7, 7))
    lo, hi = 5, 1500
    ax.plot([lo, hi], [lo, hi], color="black", linewidth=0.8)
    ax.fill_between([lo, hi], [lo * 0.85, hi * 0.85], [lo * 1.15, hi * 1.15], color="#dddddd", label="±15%")
    for mode, colour in COLOURS.items():
        sel = [r for r in rows if r["mode"] == mode]
        if not sel:
            continue
        low = [float(r["time_low_h"]) for r in sel]
        high = [float(r["time_high_h"]) for r in sel]
        mid = [(a + b) / 2 for a, b in zip(low, high)]
        model = [float(r["cross_validated_h"]) for r in sel]
        ax.errorbar(mid, model, xerr=[[m - a for m, a in zip(mid, low)], [b - m for m, b in zip(mid, high)]], fmt="o",
                    color=colour, markersize=4, elinewidth=1, label=f"{mode} ({len(sel)})")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_xlabel("published transit time, h (range)")
    ax.set_ylabel("model transit time, h (cross-validated)")
    ax.set_title("silkroute time model against published transit times")
    ax.legend(loc="upper left")
    ax.grid(True, which="both", linewidth=0.3)
    plt.rcParams["svg.hashsalt"] = "silkroute"  # reproducible ids
    fig.savefig(sys.argv[2], metadata={"Date": None})
    print(f"wrote {sys.argv[2]}")


if __name__ == "__main__":
    main()
