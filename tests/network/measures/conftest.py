"""Published networks and random-graph strategies for the measure tests."""

from __future__ import annotations

import math
import re

import networkx as nx
import pytest
from hypothesis import strategies as st

#: Krackhardt's (1990) names for the nodes 0–9 of ``nx.krackhardt_kite_graph()``.
KITE_NAMES = ("Andre", "Beverly", "Carol", "Diane", "Ed", "Fernando", "Garth", "Heather", "Ike", "Jane")


@pytest.fixture(scope="session")
def florentine() -> nx.Graph:
    """Padgett's Florentine families, marriage ties (15 families; Pucci, isolated, left out)."""
    return nx.florentine_families_graph()


@pytest.fixture(scope="session")
def kite() -> nx.Graph:
    """Krackhardt's kite with its actors' names."""
    return nx.relabel_nodes(nx.krackhardt_kite_graph(), dict(enumerate(KITE_NAMES)))


@st.composite
def graphs(
    draw: st.DrawFn,
    *,
    max_nodes: int = 12,
    directed: bool | None = False,
    weighted: bool = False,
    self_loops: bool = False,
) -> nx.Graph:
    """Small random graphs, nodes inserted in shuffled order; ``directed=None`` draws either."""
    if directed is None:
        directed = draw(st.booleans())
    n = draw(st.integers(0, max_nodes))
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(draw(st.permutations(range(n))))
    pairs = [(u, v) for u in range(n) for v in range(n) if u != v and (directed or u < v)]
    if pairs:
        G.add_edges_from(draw(st.sets(st.sampled_from(pairs), max_size=len(pairs))))
    if self_loops and n:
        G.add_edges_from((v, v) for v in draw(st.sets(st.integers(0, n - 1), max_size=2)))
    if weighted:
        for u, v in G.edges():
            G[u][v]["strength"] = draw(st.sampled_from([0.5, 1, 2, 3.25]))
    return G


@pytest.fixture(scope="session")
def random_graphs():
    """The :func:`graphs` strategy (for ``data.draw`` inside ``@given(data=st.data())``)."""
    return graphs


@pytest.fixture(scope="session")
def networkx_samples_like_casekit() -> None:
    """Skip unless networkx rescales sampled betweenness as casekit does (since 3.5)."""
    found = re.match(r"(\d+)\.(\d+)", nx.__version__)
    if found is None or (int(found[1]), int(found[2])) < (3, 5):
        pytest.skip(f"networkx {nx.__version__} rescales sampled betweenness the pre-3.5 way")


@pytest.fixture(scope="session")
def same():
    """``same(got, want)``: equal keys, values equal within 1e-9 (NaN equals NaN)."""
    return _assert_same


def _assert_same(got: dict, want: dict, *, rel: float = 1e-9, abs_: float = 1e-9) -> None:
    """Same keys, and equal values within tolerance (NaN equals NaN)."""
    assert set(got) == set(want)
    for v, expected in want.items():
        value = got[v]
        if isinstance(expected, float) and math.isnan(expected):
            assert math.isnan(value), (v, value, expected)
        else:
            assert value == pytest.approx(expected, rel=rel, abs=abs_), v
