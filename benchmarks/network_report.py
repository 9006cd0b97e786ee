"""Benchmark: casekit's network report against the same measures written with networkx and igraph.

    python benchmarks/network_report.py [--clients 20000] [--seed 0]

Writes a synthetic district with ``casekit network synth``, then runs each contender in a
fresh process of its own (so peak memory is its own) on the same CSV files and prints the
seconds per measure side by side, the ratios, and each process's peak resident memory.
Loading the CSV files is not timed; building each library's graph is.

Targets (issue 3): casekit at most 1.5x the igraph time, at least 10x faster than networkx,
peak memory under 2 GB. networkx closeness and betweenness are timed on samples and scaled
up (the full runs take many minutes); the row names say so. igraph is optional (GPL): without
it the igraph column is skipped.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(which: str, nodes: str, edges: str, pivots: int, sample: int, seed: int) -> dict:
    if which == "casekit":
        from casekit.network.io import read_csv
        from casekit.network.report import build_report

        net = read_csv(nodes, edges)
        start = time.perf_counter()
        report = build_report(net, seed=seed, pivots=pivots)
        total = time.perf_counter() - start
        times = {"total": total, **report.timings}
    else:
        from network_baselines import load_tables, run_igraph, run_networkx

        n, e = load_tables(nodes, edges)
        if which == "networkx":
            times = run_networkx(n, e, pivots=pivots, sample=sample, seed=seed)
        else:
            times = run_igraph(n, e, pivots=pivots, seed=seed)
        times = {"total": sum(times.values()), **times}
    return {"times": times, "peak_mb": _peak_mb()}


def _run(which: str, nodes: Path, edges: Path, args: argparse.Namespace) -> dict | None:
    cmd = [sys.executable, __file__, "--child", which, str(nodes), str(edges),
           "--pivots", str(args.pivots), "--sample", str(args.sample), "--seed", str(args.seed)]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        print(
            f"{which}: failed\n{done.stderr.strip().splitlines()[-1] if done.stderr else ''}", file=sys.stderr
        )
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--clients", type=int, default=20000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--pivots", type=int, default=1000, help="betweenness pivots (casekit's default above 2,000 nodes)"
    )
    p.add_argument(
        "--sample", type=int, default=100, help="networkx: sources timed for closeness and betweenness"
    )
    p.add_argument("--child", nargs=3, metavar=("WHICH", "NODES", "EDGES"), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        which, nodes, edges = args.child
        print(json.dumps(_child(which, nodes, edges, args.pivots, args.sample, args.seed)))
        return 0

    from casekit.cli import main as casekit

    with tempfile.TemporaryDirectory() as tmp:
        casekit(["network", "synth", "--clients", str(args.clients), "--seed", str(args.seed), "--out", tmp])
        nodes, edges = Path(tmp) / "nodes.csv", Path(tmp) / "edges.csv"
        results = {w: _run(w, nodes, edges, args) for w in ("casekit", "igraph", "networkx")}
    ck, ig, nx_ = results["casekit"], results["igraph"], results["networkx"]
    if ck is None:
        return 1
    print(f"\nnetwork report on synth --clients {args.clients} --seed {args.seed}\n")
    for name, r in results.items():
        if r is None:
            print(f"{name:9s} (not available)")
            continue
        print(f"{name:9s} total {r['times']['total']:8.2f} s   peak RSS {r['peak_mb']:7.0f} MB")
        for step, sec in r["times"].items():
            if step != "total":
                print(f"    {step:55s} {sec:8.2f} s")
    print()
    total = ck["times"]["total"]
    if ig:
        ratio = total / ig["times"]["total"]
        print(
            f"casekit / igraph time    = {ratio:6.2f}   (target <= 1.5)  {'ok' if ratio <= 1.5 else 'MISSED'}"
        )
    if nx_:
        speedup = nx_["times"]["total"] / total
        print(
            f"networkx / casekit time  = {speedup:6.1f}   (target >= 10)   {'ok' if speedup >= 10 else 'MISSED'}"
        )
    print(
        f"casekit peak memory      = {ck['peak_mb']:6.0f} MB (target < 2048) {'ok' if ck['peak_mb'] < 2048 else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
