"""Gould & Fernandez brokerage: a hand-checked network and a brute-force property."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.domain.errors import CasekitError
from casekit.network.measures import ROLES, brokerage


def _brute_force(D: nx.Graph, groups: dict) -> dict:
    """Every two-path a -> b -> c, a != c, no arc a -> c, classified one by one."""
    arcs = D if D.is_directed() else D.to_directed()
    out = {v: dict.fromkeys(ROLES, 0) for v in D}
    for b in arcs:
        for a in arcs.predecessors(b):
            for c in arcs.successors(b):
                if len({a, b, c}) < 3 or arcs.has_edge(a, c):
                    continue
                ga, gb, gc = groups[a], groups[b], groups[c]
                if ga == gb == gc:
                    role = "coordinator"
                elif ga == gc:
                    role = "itinerant"
                elif ga == gb:
                    role = "representative"
                elif gb == gc:
                    role = "gatekeeper"
                else:
                    role = "liaison"
                out[b][role] += 1
    return out


def test_hand_checked_example():
    # School (S) staff t1, t2, social worker w; community (C) clinic k and centre m; family
    # services (F) f. Arcs are referrals.
    D = nx.DiGraph([("t1", "w"), ("t2", "w"), ("w", "k"), ("w", "t2"), ("f", "w"), ("k", "m"), ("t1", "k")])
    g = {"t1": "S", "t2": "S", "w": "S", "k": "C", "m": "C", "f": "F"}
    roles = brokerage(D, g)
    # Through w: t1->w->k is closed by t1->k; t1->w->t2 coordinator; t2->w->k representative;
    # f->w->k liaison; f->w->t2 gatekeeper; t2->w->t2 is not a path between two others.
    assert roles.loc["w"].to_dict() == {
        "coordinator": 1, "itinerant": 0, "representative": 1, "gatekeeper": 1, "liaison": 1, "total": 4,
    }  # fmt: skip
    # Through k: w->k->m and t1->k->m: both from school to community inside C: gatekeeper.
    assert roles.loc["k"].to_dict() == {
        "coordinator": 0, "itinerant": 0, "representative": 0, "gatekeeper": 2, "liaison": 0, "total": 2,
    }  # fmt: skip
    assert roles.loc[["t1", "t2", "m", "f"], "total"].tolist() == [0, 0, 0, 0]


def test_itinerant():
    # A consultant from outside between two members of one group.
    roles = brokerage(nx.DiGraph([("a", "x"), ("x", "b")]), {"a": 1, "b": 1, "x": 2})
    assert roles.loc["x", "itinerant"] == 1


def test_frame_shape():
    roles = brokerage(nx.path_graph(3), {0: "a", 1: "b", 2: "a"})
    assert list(roles.columns) == [*ROLES, "total"]
    assert roles.index.name == "node"
    assert list(roles.index) == [0, 1, 2]
    assert all(dtype.kind == "i" for dtype in roles.dtypes)
    # An undirected tie is two arcs: 0 -> 1 -> 2 and 2 -> 1 -> 0.
    assert roles.loc[1, "itinerant"] == 2


def test_groups_from_attribute():
    D = nx.DiGraph([("a", "b"), ("b", "c")])
    nx.set_node_attributes(D, {"a": "x", "b": "y", "c": "z"}, "setting")
    assert brokerage(D, "setting").loc["b", "liaison"] == 1


def test_missing_group():
    with pytest.raises(CasekitError, match="'c' has no group"):
        brokerage(nx.DiGraph([("a", "b"), ("b", "c")]), {"a": 1, "b": 1})


def test_empty():
    assert brokerage(nx.DiGraph(), {}).empty


@settings(max_examples=120, deadline=None)
@given(data=st.data(), n_groups=st.integers(1, 4))
def test_equals_brute_force(random_graphs, data, n_groups):
    D = data.draw(random_graphs(max_nodes=10, directed=None, self_loops=True))
    groups = {v: data.draw(st.integers(0, n_groups - 1)) for v in sorted(D)}
    roles = brokerage(D, groups)
    want = _brute_force(D, groups)
    assert {v: {r: int(roles.loc[v, r]) for r in ROLES} for v in D} == want
    assert roles["total"].tolist() == [sum(want[v].values()) for v in D]


def test_parallel_arcs_count_once():
    D = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "c")])
    assert brokerage(D, dict.fromkeys("abc", 0)).loc["b", "coordinator"] == 1
