#!/usr/bin/env python3
"""How much longer and dearer does China-Europe trade get if the Red Sea closes,
by Chinese origin city?

Each Chinese city ships a container to each European gateway, first with the network as it
is and then with Bab-el-Mandeb and Suez closed. Two shippers: one books the cheapest route
(freight cost: how most containers move), the other weighs time too (generalized cost:
freight plus 12.5 USD per hour for a general container) and may take the train.
Writes CSV tables and a bar chart.

    PYTHONPATH=build/python python3 examples/red_sea_by_origin.py [OUT_DIR]

The numbers are the command line's:
    build/silkroute compare today red-sea-closure --places shanghai,rotterdam --objective cost
"""
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display needed
import matplotlib.pyplot as plt

import silkroute

ORIGINS = ["shanghai", "ningbo", "shenzhen", "qingdao", "tianjin", "xiamen", "chongqing", "chengdu", "xian",
           "zhengzhou", "wuhan", "kunming"]
DESTINATIONS = ["rotterdam", "hamburg", "antwerp", "piraeus", "genoa", "duisburg", "lodz", "madrid"]


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    net = silkroute.Network.load()
    pairs = [(o, d) for o in ORIGINS for d in DESTINATIONS]
    df = net.compare("today", "red-sea-closure", pairs, objective="cost")
    df["extra_days"] = df.time_change_h / 24
    df["extra_cost_usd"] = df.cost_change_usd
    df["rerouted_round_the_cape"] = df.label_b.str.contains("Cape of Good Hope")
    df["extra_generalized_usd"] = df.generalized_change_usd
    gen = net.compare("today", "red-sea-closure", pairs, objective="generalized")
    df["extra_generalized_usd_time_aware"] = gen.generalized_change_usd
    df["by_rail_time_aware"] = gen.label_b.str.startswith("rail")
    names = net.nodes()["name"]
    by_origin = (df.groupby("origin")
                 .agg(extra_days=("extra_days", "mean"), extra_cost_usd=("extra_cost_usd", "mean"),
                      days_today=("time_h_a", lambda h: h.mean() / 24),
                      share_round_the_cape=("rerouted_round_the_cape", "mean"),
                      extra_generalized_usd=("extra_generalized_usd", "mean"),
                      extra_generalized_usd_time_aware=("extra_generalized_usd_time_aware", "mean"),
                      share_by_rail_time_aware=("by_rail_time_aware", "mean"))
                 .reindex(ORIGINS))
    by_origin.index = [names[o] for o in by_origin.index]
    by_origin.to_csv(out_dir / "red_sea_by_origin.csv", float_format="%.2f")
    df.to_csv(out_dir / "red_sea_pairs.csv", float_format="%.2f")  # origin and destination (the index) first

    print("Red Sea closed: change for a container from each Chinese city to 8 European gateways")
    print("(mean over gateways; 'generalized' = freight plus 12.5 USD per hour in transit;")
    print(" 'time_aware' = a shipper who routes by that generalized cost and may take the train)\n")
    print(by_origin.to_string(float_format=lambda v: f"{v:,.1f}"))

    fig, (ax_days, ax_cost) = plt.subplots(1, 2, figsize=(11, 4.8), sharey=True)
    y = range(len(by_origin))
    ax_days.barh(y, by_origin.extra_days, color="#c0392b")
    ax_days.set_yticks(list(y), by_origin.index)
    ax_days.invert_yaxis()
    ax_days.set_xlabel("extra days in transit (cheapest route)")
    ax_cost.barh([i - 0.2 for i in y], by_origin.extra_generalized_usd, height=0.4, color="#2c3e50",
                 label="cheapest-route shipper")
    ax_cost.barh([i + 0.2 for i in y], by_origin.extra_generalized_usd_time_aware, height=0.4, color="#e67e22",
                 label="time-aware shipper (may take the train)")
    ax_cost.set_xlabel("extra cost incl. time, USD per TEU")
    ax_cost.legend(loc="lower right", fontsize=8)
    fig.suptitle("China to Europe with the Red Sea closed: mean over 8 European gateways (silkroute)")
    fig.tight_layout()
    fig.savefig(out_dir / "red_sea_by_origin.png", dpi=120)
    print(f"\nwrote {out_dir / 'red_sea_by_origin.csv'}, {out_dir / 'red_sea_pairs.csv'}, "
          f"{out_dir / 'red_sea_by_origin.png'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("red_sea_output"))
