"""Reports on a finished sweep database: the project appraisal (isolation and complement, as the
World Bank's Belt and Road study ranks projects) and the disruption risk of Monte Carlo years.

    silkroute sweep report appraisal.sqlite --out out/appraisal
    silkroute sweep report disruption.sqlite --out out/risk

Both read the per-pair demand figures (`demand_pairs`), so the sweep must keep them
(analysis.demand = true). Savings and delays are per year: demand weights are TEU a year."""

from __future__ import annotations

import argparse
import json
import math
import sqlite3
import sys
from pathlib import Path
from typing import Optional

from .sweep_file import SweepError

DAYS_PER_YEAR = 365.0
PERCENTILES = (50, 75, 90, 95, 99)


def _connect(db: str) -> sqlite3.Connection:
    if not Path(db).is_file():
        raise SweepError(f"{db}: no such sweep database")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "demand_pairs" not in tables:
        raise SweepError(f"{db}: the sweep did not keep demand_pairs (analysis.demand = true, and keep it)")
    return con


def _pairs(con: sqlite3.Connection, scenario_hash: str) -> dict:
    rows = con.execute("SELECT origin, destination, weight_teu, routed, time_h, cost_usd, co2_kg, generalized_cost_usd "
                       "FROM demand_pairs WHERE scenario_hash = ? ORDER BY rowid", (scenario_hash,)).fetchall()
    if not rows:
        raise SweepError(f"scenario {scenario_hash} has no result yet: finish the sweep (--resume) first")
    return {(r[0], r[1]): r[2:] for r in rows}


def _difference(without: dict, with_: dict) -> dict:
    """What `with_` saves against `without`, per year, over pairs routed in both; plus the
    demand connected (routed only with) and cut off (routed only without)."""
    out = {"time_saving_teu_h": 0.0, "cost_saving_usd": 0.0, "co2_saving_kg": 0.0, "generalized_saving_usd": 0.0,
           "time_without_teu_h": 0.0, "teu_faster": 0.0, "teu_connected": 0.0, "teu_cut_off": 0.0}
    terms = {k: [] for k in out}
    for key, a in without.items():
        b = with_[key]
        w = a[0]
        if a[1] and b[1]:
            terms["time_saving_teu_h"].append(w * (a[2] - b[2]))
            terms["cost_saving_usd"].append(w * (a[3] - b[3]))
            terms["co2_saving_kg"].append(w * (a[4] - b[4]))
            terms["generalized_saving_usd"].append(w * (a[5] - b[5]))
            terms["time_without_teu_h"].append(w * a[2])
            if a[2] - b[2] > 1.0:
                terms["teu_faster"].append(w)
        elif b[1] and not a[1]:
            terms["teu_connected"].append(w)
        elif a[1] and not b[1]:
            terms["teu_cut_off"].append(w)
    return {k: math.fsum(v) for k, v in terms.items()}


def _investment(network_dir: str) -> dict:
    path = Path(network_dir) / "project_investment.csv"
    if not path.is_file():
        return {}
    import csv
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    return {r["project"]: float(r["investment_usd"]) for r in rows if r["investment_usd"]}


def appraisal(db: str):
    """One row per project: annual savings in isolation (the project added alone to the network
    of the reference year) and in complement (removed alone from the base), ranked by the
    complement's generalized-cost saving; investment where project_investment.csv gives it."""
    import pandas as pd
    con = _connect(db)
    try:
        network = (con.execute("SELECT value FROM meta WHERE key='network'").fetchone() or [""])[0]
        variations = con.execute("SELECT id, kind, params, scenario_hash, reference FROM variations "
                                 "WHERE kind IN ('isolation', 'complement') ORDER BY rowid").fetchall()
        if not variations:
            raise SweepError(f"{db}: no project variations (a [[vary]] kind = \"projects\")")
        hashes = dict(con.execute("SELECT id, scenario_hash FROM variations").fetchall())
        cache: dict = {}

        def pairs(h):
            if h not in cache:
                cache[h] = _pairs(con, h)
            return cache[h]

        rows: dict[str, dict] = {}
        for vid, kind, params, h, ref in variations:
            p = json.loads(params)
            row = rows.setdefault(p["project"], {"project": p["project"], "opened_year": p["opened_year"],
                                                 "links": len(p["links"]), "nodes": len(p["nodes"]),
                                                 "transfers": len(p.get("transfers", []))})
            if kind == "isolation":
                d = _difference(pairs(hashes[ref]), pairs(h))
            else:
                d = _difference(pairs(h), pairs(hashes[ref]))
            for k, v in d.items():
                if k != "time_without_teu_h":
                    row[f"{kind}_{k}"] = v
            row[f"{kind}_time_saving_pct"] = 100.0 * d["time_saving_teu_h"] / d["time_without_teu_h"] if d["time_without_teu_h"] else 0.0
        # The whole programme: the reference network against the base, for the system effect.
        refs = {ref for _, kind, _, _, ref in variations if kind == "isolation"}
        ref_params = {r[0]: json.loads(r[1]) for r in con.execute("SELECT id, params FROM variations WHERE kind='reference'")}
        system = {r: _difference(pairs(hashes[r]), pairs(hashes["base"])) for r in refs}
    finally:
        con.close()
    invest = _investment(network)
    table = pd.DataFrame(list(rows.values()))
    table["investment_usd"] = table["project"].map(invest)
    for kind in ("isolation", "complement"):
        col = f"{kind}_generalized_saving_usd"
        if col in table:
            # Annual generalized saving per dollar committed: a crude first screen, not a return.
            table[f"{kind}_saving_per_usd_invested"] = table[col] / table["investment_usd"]
    sort = "complement_generalized_saving_usd" if "complement_generalized_saving_usd" in table else "isolation_generalized_saving_usd"
    table = table.sort_values([sort, "project"], ascending=[False, True]).reset_index(drop=True)
    table.insert(0, "rank", range(1, len(table) + 1))
    table.attrs["system"] = system
    years = sorted({p.get("year") for p in ref_params.values() if p.get("year")})
    if years:
        table.attrs["before_year"] = years[0]
    return table


def appraisal_chart(table, path: str) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    t = table.iloc[::-1]
    fig, ax = plt.subplots(figsize=(9, 0.32 * len(t) + 1.5))
    y = range(len(t))
    h = 0.4
    if "isolation_generalized_saving_usd" in t:
        ax.barh([i + h / 2 for i in y], t["isolation_generalized_saving_usd"].fillna(0) / 1e6, h,
                label=f"in isolation (added alone to the {table.attrs.get('before_year', 2013)} network)",
                color="#4c78a8")
    if "complement_generalized_saving_usd" in t:
        ax.barh([i - h / 2 for i in y], t["complement_generalized_saving_usd"].fillna(0) / 1e6, h,
                label="in complement (removed alone from today's)", color="#f58518")
    ax.set_yticks(list(y))
    ax.set_yticklabels(t["project"], fontsize=8)
    ax.set_xlabel("demand-weighted generalized-cost saving, million USD a year")
    ax.set_title("Belt and Road projects: savings on the bundled demand (silkroute)")
    ax.axvline(0, color="black", linewidth=0.5)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def risk(db: str, block: Optional[int] = None) -> dict:
    """The distribution over Monte Carlo years of the demand's extra time, generalized cost and
    cut-off TEU (each failure segment weighted by its days / 365), with percentiles, and each
    element's share of the worst 5% of years (a segment's cost split evenly among the elements
    down in it)."""
    import pandas as pd
    con = _connect(db)
    try:
        blocks = [r[0] for r in con.execute("SELECT DISTINCT block FROM mc_draws ORDER BY block")]
        if not blocks:
            raise SweepError(f"{db}: no Monte Carlo draws (a [[vary]] kind = \"monte_carlo\")")
        if block is None:
            block = blocks[0]
        elif block not in blocks:
            raise SweepError(f"{db}: no Monte Carlo block {block}; blocks: {', '.join(map(str, blocks))}")
        hashes = dict(con.execute("SELECT id, scenario_hash FROM variations").fetchall())
        params = {r[0]: json.loads(r[1]) for r in con.execute("SELECT id, params FROM variations WHERE kind='monte_carlo'")}
        base = _pairs(con, hashes["base"])
        draws = [r[0] for r in con.execute("SELECT draw FROM mc_draws WHERE block = ? ORDER BY draw", (block,))]
        segments = con.execute("SELECT draw, days, variation FROM mc_segments WHERE block = ? ORDER BY rowid",
                               (block,)).fetchall()
        effect: dict[str, dict] = {}
        for _, _, vid in segments:
            if vid not in effect:
                d = _difference(_pairs(con, hashes[vid]), base)  # what the base saves = what the failure costs
                effect[vid] = d
    finally:
        con.close()
    years = {d: {"delay_teu_h": [], "extra_cost_usd": [], "extra_co2_kg": [], "cut_off_teu_years": []} for d in draws}
    by_element: dict[str, list] = {}
    parts = []
    for draw, days, vid in segments:
        f, e = days / DAYS_PER_YEAR, effect[vid]
        y = years[draw]
        y["delay_teu_h"].append(f * e["time_saving_teu_h"])
        y["extra_cost_usd"].append(f * e["generalized_saving_usd"])
        y["extra_co2_kg"].append(f * e["co2_saving_kg"])
        y["cut_off_teu_years"].append(f * e["teu_connected"])
        parts.append((draw, params[vid]["failed"], f * e["generalized_saving_usd"]))
    frame = pd.DataFrame([{"draw": d, **{k: math.fsum(v) for k, v in y.items()}} for d, y in years.items()])
    summary = {}
    for col in ("delay_teu_h", "extra_cost_usd", "extra_co2_kg", "cut_off_teu_years"):
        s = frame[col]
        summary[col] = {"mean": float(s.mean()), **{f"p{p}": float(s.quantile(p / 100, interpolation="linear"))
                                                     for p in PERCENTILES}, "max": float(s.max())}
    threshold = float(frame["extra_cost_usd"].quantile(0.95))
    tail_draws = set(frame.loc[frame["extra_cost_usd"] >= threshold, "draw"]) if threshold > 0 else set()
    tail_total, mean_total = 0.0, 0.0
    for draw, failed, cost in parts:
        share = cost / len(failed)
        for el in failed:
            rec = by_element.setdefault(el, [0.0, 0.0])
            rec[0] += share
            if draw in tail_draws:
                rec[1] += share
        mean_total += cost
        if draw in tail_draws:
            tail_total += cost
    n = len(draws)
    contrib = pd.DataFrame([{"element": el, "expected_annual_cost_usd": v[0] / n,
                             "share_of_expected_pct": 100 * v[0] / mean_total if mean_total else 0.0,
                             "share_of_worst_5pct_years_pct": 100 * v[1] / tail_total if tail_total else 0.0}
                            for el, v in by_element.items()])
    if len(contrib):
        contrib = contrib.sort_values(["share_of_worst_5pct_years_pct", "element"], ascending=[False, True]).reset_index(drop=True)
    return {"block": block, "draws": n, "years": frame, "summary": summary, "elements": contrib,
            "worst_5pct_threshold_usd": threshold}


def risk_chart(result: dict, path: str) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    cost = result["years"]["extra_cost_usd"] / 1e6
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    ax1.hist(cost, bins=40, color="#4c78a8")
    for p, style in ((50, ":"), (95, "--"), (99, "-.")):
        v = result["summary"]["extra_cost_usd"][f"p{p}"] / 1e6
        ax1.axvline(v, color="black", linestyle=style, linewidth=1, label=f"p{p}: {v:,.0f} M USD")
    ax1.set_xlabel("extra generalized cost of the demand in a year, million USD")
    ax1.set_ylabel("Monte Carlo years")
    ax1.set_title(f"Disruption years ({result['draws']} draws)")
    ax1.legend(fontsize=8)
    top = result["elements"].head(10).iloc[::-1]
    ax2.barh(top["element"], top["share_of_worst_5pct_years_pct"], color="#f58518")
    ax2.set_xlabel("share of the cost in the worst 5% of years, %")
    ax2.set_title("What drives the tail")
    ax2.tick_params(axis="y", labelsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="silkroute sweep report",
                                 description="Project appraisal and disruption risk from a sweep database.")
    ap.add_argument("db", help="the sweep's SQLite file")
    ap.add_argument("--out", required=True, help="folder for the CSV tables, the charts and summary.json")
    ap.add_argument("--block", type=int, default=None, help="which Monte Carlo [[vary]] block (default: the first)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    try:
        con = _connect(args.db)
        kinds = {r[0] for r in con.execute("SELECT DISTINCT kind FROM variations")}
        con.close()
        wrote = []
        if kinds & {"isolation", "complement"}:
            t = appraisal(args.db)
            t.to_csv(out / "appraisal.csv", index=False)
            appraisal_chart(t, str(out / "appraisal.png"))
            wrote += ["appraisal.csv", "appraisal.png"]
            cols = [c for c in ("rank", "project", "opened_year", "isolation_generalized_saving_usd",
                                "complement_generalized_saving_usd", "isolation_time_saving_pct",
                                "complement_time_saving_pct", "investment_usd") if c in t]
            with open(out / "appraisal.txt", "w") as f:
                f.write(t[cols].to_string(index=False, float_format=lambda x: f"{x:,.1f}") + "\n")
                for ref, d in t.attrs["system"].items():
                    f.write(f"\nall projects together ({ref} -> base): generalized saving "
                            f"{d['generalized_saving_usd']:,.0f} USD a year, time {d['time_saving_teu_h']:,.0f} TEU-h, "
                            f"CO2 {d['co2_saving_kg']:,.0f} kg, connected {d['teu_connected']:,.0f} TEU\n")
                for kind in ("isolation", "complement"):
                    col = f"{kind}_generalized_saving_usd"
                    if col in t:
                        f.write(f"sum of savings in {kind}: {t[col].sum():,.0f} USD a year\n")
            wrote.append("appraisal.txt")
        if "monte_carlo" in kinds:
            r = risk(args.db, args.block)
            r["years"].to_csv(out / "risk_years.csv", index=False)
            r["elements"].to_csv(out / "risk_elements.csv", index=False)
            with open(out / "risk_summary.json", "w") as f:
                json.dump({"block": r["block"], "draws": r["draws"], "summary": r["summary"],
                           "worst_5pct_threshold_usd": r["worst_5pct_threshold_usd"]}, f, indent=2)
            risk_chart(r, str(out / "risk.png"))
            wrote += ["risk_years.csv", "risk_elements.csv", "risk_summary.json", "risk.png"]
        if not wrote:
            raise SweepError(f"{args.db}: nothing to report: no project or Monte Carlo variations")
    except SweepError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for w in wrote:
        print(f"wrote {out / w}")
    return 0
