#!/usr/bin/env python3
"""Independent check of a `silkroute assign` result, from the TNTP files and the output CSV only.

Recomputes every link's BPR cost from the written flows, checks flow conservation against the
trip table, recomputes the relative gap (TSTT - SPTT) / TSTT with its own Dijkstra (zones below
<FIRST THRU NODE> are never passed through) and, with --best-known, the sum of |flow - best
known| as a share of the best-known total. Exits 1 when a limit is exceeded.
Standard library only, so it runs wherever Python 3 does.
"""
import argparse
import csv
import heapq
import math
import re
import sys


def metadata_and_body(path):
    meta, body, in_meta = {}, [], True
    with open(path) as f:
        for line in f:
            s = line.strip()
            if in_meta:
                if s.startswith("<END OF METADATA>"):
                    in_meta = False
                elif s.startswith("<"):
                    key, _, value = s.partition(">")
                    meta[key + ">"] = value.strip()
                continue
            body.append(s)
    return meta, body


def read_net(path):
    meta, body = metadata_and_body(path)
    links = []
    for s in body:
        if not s or s.startswith("~"):
            continue
        cells = s.replace(";", " ").split()
        init, term = int(float(cells[0])), int(float(cells[1]))
        cap, length, fft, b, power = (float(c) for c in cells[2:7])
        toll = float(cells[8]) if len(cells) > 8 else 0.0
        links.append((init, term, cap, length, fft, b, power, toll))
    return meta, links


def read_trips(path):
    _, body = metadata_and_body(path)
    demand, origin = {}, None
    for s in body:
        if s.startswith("Origin"):
            origin = int(s.split()[1])
            continue
        for d, v in re.findall(r"(\d+)\s*:\s*([-+\d.eE]+)", s):
            d, v = int(d), float(v)
            if d != origin and v > 0:
                demand.setdefault(origin, {})
                demand[origin][d] = demand[origin].get(d, 0.0) + v
    return demand


def read_best_known(path):
    rows = []
    with open(path) as f:
        for line in f:
            cells = line.replace(";", " ").split()
            if len(cells) >= 3 and cells[0][0].isdigit():
                rows.append((int(cells[0]), int(cells[1]), float(cells[2])))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--net", required=True)
    ap.add_argument("--trips", required=True)
    ap.add_argument("--flows", required=True, help="the CSV written by silkroute assign --out")
    ap.add_argument("--best-known")
    ap.add_argument("--gap", type=float, default=1e-6, help="largest relative gap accepted")
    ap.add_argument("--flow-tolerance", type=float, default=1e-3,
                    help="largest sum |flow - best known| as a share of the best-known total")
    ap.add_argument("--flow-scope", choices=["all", "congestible"], default="all",
                    help="links the flow limit applies to: all, or those whose time grows with volume "
                         "(B > 0 and power > 0), where equilibrium link flows are unique; with congestible, "
                         "the difference on the other links must leave the total cost unchanged (to the gap)")
    ap.add_argument("--toll-factor", type=float)
    ap.add_argument("--distance-factor", type=float)
    args = ap.parse_args()

    meta, links = read_net(args.net)
    zones = int(meta["<NUMBER OF ZONES>"])
    nodes = int(meta["<NUMBER OF NODES>"])
    first_thru = int(meta.get("<FIRST THRU NODE>", "1"))
    tf = args.toll_factor if args.toll_factor is not None else float(meta.get("<TOLL FACTOR>", "0"))
    df = args.distance_factor if args.distance_factor is not None else float(meta.get("<DISTANCE FACTOR>", "0"))
    demand = read_trips(args.trips)

    with open(args.flows) as f:
        rows = list(csv.DictReader(f))
    if len(rows) != len(links):
        sys.exit(f"FAIL: {args.flows} has {len(rows)} rows, the network {len(links)} links")
    flow, cost = [], []
    problems = []
    for i, (row, link) in enumerate(zip(rows, links)):
        init, term, cap, length, fft, b, power, toll = link
        if (int(row["init_node"]), int(row["term_node"])) != (init, term):
            sys.exit(f"FAIL: row {i + 2} is {row['init_node']}->{row['term_node']}, the network's link {i + 1} is {init}->{term}")
        v = float(row["flow"])
        if v < 0 or not math.isfinite(v):
            problems.append(f"row {i + 2}: flow {v}")
        t = fft * (1 + b * (v / cap) ** power) if b != 0 else fft
        c = t + tf * toll + df * length
        if abs(c - float(row["cost"])) > 1e-9 * max(1.0, abs(c)):
            problems.append(f"row {i + 2}: cost {row['cost']} written, {c} from its flow")
        flow.append(v)
        cost.append(c)

    # Conservation: inflow - outflow = arrivals - departures at every node.
    total_demand = sum(sum(r.values()) for r in demand.values())
    balance = [0.0] * (nodes + 1)
    for (init, term, *_), v in zip(links, flow):
        balance[term] += v
        balance[init] -= v
    for o, row in demand.items():
        for d, v in row.items():
            balance[d] -= v
            balance[o] += v
    worst = max(range(1, nodes + 1), key=lambda u: abs(balance[u]))
    if abs(balance[worst]) > 1e-6 * total_demand:
        problems.append(f"flow not conserved at node {worst}: off by {balance[worst]}")

    # Shortest paths at the written costs.
    out = [[] for _ in range(nodes + 1)]
    for (init, term, *_), c in zip(links, cost):
        out[init].append((term, c))
    sptt = 0.0
    for o, row in demand.items():
        dist = {o: 0.0}
        heap = [(0.0, o)]
        done = set()
        while heap:
            d, u = heapq.heappop(heap)
            if u in done:
                continue
            done.add(u)
            if u != o and u < first_thru:
                continue
            for v, c in out[u]:
                nd = d + c
                if nd < dist.get(v, math.inf):
                    dist[v] = nd
                    heapq.heappush(heap, (nd, v))
        for dst, v in row.items():
            if dst not in dist:
                problems.append(f"zone {dst} unreachable from {o}")
                continue
            sptt += v * dist[dst]
    tstt = sum(v * c for v, c in zip(flow, cost))
    gap = (tstt - sptt) / tstt
    print(f"check: {len(links)} links, {zones} zones, demand {total_demand:.6f}; "
          f"TSTT {tstt:.10g}, SPTT {sptt:.10g}, relative gap {gap:.3e} (limit {args.gap:g})")
    if gap > args.gap:
        problems.append(f"relative gap {gap:.3e} above {args.gap:g}")

    if args.best_known:
        best = read_best_known(args.best_known)
        key_rows = {(i, t): k for k, (i, t, *_) in enumerate(links)}
        if len(best) != len(links):
            problems.append(f"{args.best_known}: {len(best)} rows for {len(links)} links")
        else:
            in_order = all((i, t) == (l[0], l[1]) for (i, t, _), l in zip(best, links))
            sums = {"all": [0.0, 0.0], "congestible": [0.0, 0.0]}
            # The difference on links whose time does not depend on volume, as node balances
            # and as a change of the total cost (see below).
            tie_abs, tie_cost = 0.0, 0.0
            tie_balance = [0.0] * (nodes + 1)
            for k, (i, t, v) in enumerate(best):
                a = k if in_order else key_rows[(i, t)]
                if not (links[a][5] > 0 and links[a][6] > 0):
                    tie_abs += abs(v - flow[a])
                    tie_cost += cost[a] * (v - flow[a])
                    tie_balance[t] += v - flow[a]
                    tie_balance[i] -= v - flow[a]
                d = abs(flow[a] - v)
                scopes = ["all"] + (["congestible"] if links[a][5] > 0 and links[a][6] > 0 else [])
                for scope in scopes:
                    sums[scope][0] += d
                    sums[scope][1] += v
            for scope, (diff, total) in sums.items():
                if total == 0:
                    continue
                share = diff / total
                limit = f"limit {100 * args.flow_tolerance:g}%" if scope == args.flow_scope else "reported only"
                print(f"check: {scope} links: sum |flow - best known| {diff:.6g} = {100 * share:.4f}% of {total:.10g} ({limit})")
                if scope == args.flow_scope and share > args.flow_tolerance:
                    problems.append(f"flows on {scope} links {100 * share:.4f}% from the best known")
            # On constant-time links, two equilibria may split flow differently between routes
            # of exactly equal cost (link flows there are not unique). Such a difference moves
            # flow around cycles of equal-cost alternatives: at every node it balances (up to
            # the differences on the other links), and it leaves the total cost unchanged. A
            # difference that changes the total cost by more than the gap limit is not a tie.
            if tie_abs > 0:
                unbalanced = sum(abs(b) for b in tie_balance)
                tie_share = abs(tie_cost) / tstt
                print(f"check: constant-time links: sum |flow - best known| {tie_abs:.6g}; moving to the best-known split "
                      f"leaves {unbalanced:.6g} unbalanced at nodes and changes the total cost by {tie_share:.2e} of it"
                      + (" (limit: the gap)" if args.flow_scope == "congestible" else ""))
                if args.flow_scope == "congestible" and tie_share > args.gap:
                    problems.append(f"the difference on constant-time links changes the total cost by {tie_share:.2e}: "
                                    "not a split between equal-cost routes")
    for p in problems[:20]:
        print("FAIL:", p)
    if problems:
        sys.exit(1)
    print("check: OK")


if __name__ == "__main__":
    main()
