"""The report's measures written directly with networkx and with igraph, for the benchmark.

Each baseline is the code a researcher would write by hand with that library: its own
functions where it has one, plain Python loops over its adjacency where it has none
(brokerage, need coverage, gaps, resilience). Each returns ``{measure: seconds}``; where a
measure would take many minutes (networkx closeness and betweenness at 20,000 nodes) it is
timed on a sample of sources and scaled up, and the name says so.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable

import networkx as nx
import pandas as pd

DOMAINS = (
    "economic",
    "medical",
    "psychological",
    "educational",
    "cultural",
    "welfare",
    "safety",
    "relational",
)


def load_tables(nodes_csv: str, edges_csv: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two CSV files as plain data frames (the baselines' starting point)."""
    return pd.read_csv(nodes_csv, dtype=str, keep_default_na=False), pd.read_csv(edges_csv, dtype=str)


def _needs(nodes: pd.DataFrame) -> dict[str, dict[str, int]]:
    out = {}
    for nid, kind, domains in zip(nodes["id"], nodes["kind"], nodes["domains"], strict=True):
        if kind == "client":
            out[nid] = {d: int(s) for d, s in (p.split(":") for p in domains.split(";") if p)}
    return out


def _serves(nodes: pd.DataFrame) -> dict[str, set[str]]:
    return {
        nid: set(domains.split(";")) if domains else set()
        for nid, kind, domains in zip(nodes["id"], nodes["kind"], nodes["domains"], strict=True)
        if kind == "resource"
    }


def _coverage(needs, serves, links, manages, coordinates) -> tuple[int, int, list[tuple[str, str]]]:
    counted = served = 0
    unmet = []
    for client, nd in needs.items():
        linked = [r for r in links.get(client, ()) if r in serves]
        for domain, severity in nd.items():
            if severity < 2:
                continue
            counted += 1
            if any(domain in serves[r] for r in linked):
                served += 1
            else:
                unmet.append((client, domain))
    return counted, served, unmet


def _brokerage(succ: dict, pred: dict, group: dict) -> dict[str, Counter]:
    roles: dict[str, Counter] = {}
    for b in succ:
        c_b = Counter()
        for a in pred[b]:
            for c in succ[b]:
                if a == c or c in succ[a]:
                    continue
                ga, gb, gc = group[a], group[b], group[c]
                if ga == gb == gc:
                    c_b["coordinator"] += 1
                elif ga == gc:
                    c_b["itinerant"] += 1
                elif ga == gb:
                    c_b["representative"] += 1
                elif gb == gc:
                    c_b["gatekeeper"] += 1
                else:
                    c_b["liaison"] += 1
        roles[b] = c_b
    return roles


def _common(nodes: pd.DataFrame, edges: pd.DataFrame):
    kind = dict(zip(nodes["id"], nodes["kind"], strict=True))
    setting = dict(zip(nodes["id"], nodes["setting"], strict=True))
    orgs = {n for n, k in kind.items() if k != "client"}
    links, manages, coordinates = {}, {}, {}
    succ = {o: set() for o in orgs}
    pred = {o: set() for o in orgs}
    for u, v, rel in zip(edges["source"], edges["target"], edges["relation"], strict=True):
        if rel == "link":
            links.setdefault(u, []).append(v)
        elif rel == "relationship":
            manages.setdefault(v, []).append(u)
        elif rel == "coordination":
            coordinates.setdefault(u, []).append(v)
        if u in orgs and v in orgs:
            succ[u].add(v)
            pred[v].add(u)
            if rel != "referral":
                succ[v].add(u)
                pred[u].add(v)
    return kind, setting, orgs, links, manages, coordinates, succ, pred


class _Clock:
    def __init__(self) -> None:
        self.times: dict[str, float] = {}

    def __call__(self, name: str, fn: Callable[[], object], scale: float = 1.0) -> object:
        start = time.perf_counter()
        result = fn()
        self.times[name] = (time.perf_counter() - start) * scale
        return result


def _resilience(needs, serves, links, manages, coordinates, ranking, k_max=10) -> list[float]:
    curve = []
    for k in range(k_max + 1):
        dropped = set(ranking[:k])
        kept = {r: d for r, d in serves.items() if r not in dropped}
        counted, served, _ = _coverage(needs, kept, links, manages, coordinates)
        curve.append(served / counted if counted else 1.0)
    return curve


def run_networkx(
    nodes: pd.DataFrame, edges: pd.DataFrame, *, pivots: int, sample: int, seed: int
) -> dict[str, float]:
    """The report's measures with networkx; closeness and betweenness extrapolated from samples."""
    kind, setting, orgs, links, manages, coordinates, succ, pred = _common(nodes, edges)
    needs, serves = _needs(nodes), _serves(nodes)
    clock = _Clock()
    g = clock("graph", lambda: nx.Graph(zip(edges["source"], edges["target"], strict=True)))
    g.add_nodes_from(kind)
    n = g.number_of_nodes()
    clock("degree+density", lambda: (dict(g.degree()), nx.density(g)))
    k_sample = min(sample, pivots)
    clock(
        f"betweenness (x{pivots // k_sample} from {k_sample} pivots)",
        lambda: nx.betweenness_centrality(g, k=k_sample, seed=seed),
        scale=pivots / k_sample,
    )
    some = random.Random(seed).sample(list(g), sample)
    clock(
        f"closeness (x{n / sample:.0f} from {sample} nodes)",
        lambda: [nx.closeness_centrality(g, u=u) for u in some],
        scale=n / sample,
    )
    org = g.subgraph(orgs)
    clock("constraint+effective size", lambda: (nx.constraint(org), nx.effective_size(org)))
    clock("brokerage", lambda: _brokerage(succ, pred, setting))
    clock("cores+articulation", lambda: (nx.core_number(g), list(nx.articulation_points(g))))
    clock("coverage+gaps", lambda: _gaps_nx(g, needs, serves, links, manages, coordinates))
    ranking = sorted(serves, key=lambda r: -g.degree(r))
    clock("resilience", lambda: _resilience(needs, serves, links, manages, coordinates, ranking))
    return clock.times


def _gaps_nx(g, needs, serves, links, manages, coordinates):
    _, _, unmet = _coverage(needs, serves, links, manages, coordinates)
    out = []
    for client in sorted({c for c, _ in unmet}):
        dist = nx.single_source_shortest_path_length(g, client)
        for c, domain in unmet:
            if c == client:
                cands = sorted((dist.get(r, 1e9), r) for r, d in serves.items() if domain in d)[:3]
                out.append((client, domain, cands))
    return out


def run_igraph(nodes: pd.DataFrame, edges: pd.DataFrame, *, pivots: int, seed: int) -> dict[str, float]:
    """The report's measures with igraph's C routines where it has them."""
    import igraph as ig

    _, setting, orgs, links, manages, coordinates, succ, pred = _common(nodes, edges)
    needs, serves = _needs(nodes), _serves(nodes)
    clock = _Clock()
    ids = list(nodes["id"])
    index = {n: i for i, n in enumerate(ids)}

    def build():
        h = ig.Graph(
            n=len(ids),
            edges=[(index[u], index[v]) for u, v in zip(edges["source"], edges["target"], strict=True)],
        )
        h.simplify()
        return h

    h = clock("graph", build)
    clock("degree+density", lambda: (h.degree(), h.density()))
    sources = [index[u] for u in random.Random(seed).sample(ids, pivots)]
    clock("betweenness", lambda: h.betweenness(sources=sources))
    clock("closeness", lambda: h.closeness())
    org_ids = [index[o] for o in ids if o in orgs]
    org = h.induced_subgraph(org_ids)
    clock("constraint+effective size", lambda: (org.constraint(), _effective_size_ig(org)))
    clock("brokerage", lambda: _brokerage(succ, pred, setting))
    clock("cores+articulation", lambda: (h.coreness(), h.articulation_points()))
    clock("coverage+gaps", lambda: _gaps_ig(h, index, needs, serves, links, manages, coordinates))
    ranking = sorted(serves, key=lambda r: -h.degree(index[r]))
    clock("resilience", lambda: _resilience(needs, serves, links, manages, coordinates, ranking))
    return clock.times


def _effective_size_ig(org) -> list[float]:
    nbrs = [set(x) for x in org.get_adjlist()]
    out = []
    for nv in nbrs:
        k = len(nv)
        ties = sum(len(nbrs[u] & nv) for u in nv) / 2
        out.append(k - 2 * ties / k if k else float("nan"))
    return out


def _gaps_ig(h, index, needs, serves, links, manages, coordinates):
    _, _, unmet = _coverage(needs, serves, links, manages, coordinates)
    resources = list(serves)
    dist = h.distances(source=[index[r] for r in resources])
    out = []
    for client, domain in unmet:
        c = index[client]
        cands = sorted((dist[i][c], r) for i, r in enumerate(resources) if domain in serves[r])[:3]
        out.append((client, domain, cands))
    return out
