"""Burt's constraint and effective size: hand-computed cases and networkx agreement."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import casekit.network.measures.structural_holes as holes_module
from casekit.network.measures import constraint, effective_size


@pytest.fixture(params=["dense", "triangles"])
def path(request, monkeypatch):
    """Run a test through both ways of summing over shared contacts."""
    if request.param == "triangles":
        monkeypatch.setattr(holes_module, "_DENSE_LIMIT", 0)
    return request.param


@pytest.mark.parametrize("k", [1, 2, 3, 5, 8])
def test_star(path, k):
    # Centre: k contacts, p = 1/k each, none tied to another: k * (1/k)**2 = 1/k.
    # Leaf: one contact, p = 1: constraint 1. Effective size: k for the centre, 1 for a leaf.
    G = nx.star_graph(k)
    c = constraint(G)
    assert c[0] == pytest.approx(1 / k)
    assert c[1] == 1.0
    e = effective_size(G)
    assert e[0] == pytest.approx(k)
    assert e[1] == 1.0


def test_triangle(path):
    # p = 1/2 to each contact, indirect 1/2 * 1/2 through the other: 2 * (1/2 + 1/4)**2 = 9/8.
    # Effective size: 2 contacts, each redundant by 1/2 * 1: 2 - 2 * 1/2 = 1.
    G = nx.complete_graph(3)
    assert constraint(G) == pytest.approx(dict.fromkeys(range(3), 9 / 8))
    assert effective_size(G) == pytest.approx(dict.fromkeys(range(3), 1.0))


def test_weighted_pair_and_broker(path):
    # b ties to a (strength 3) and c (strength 1); a and c are not tied.
    # p_ba = 3/4, p_bc = 1/4: constraint (3/4)**2 + (1/4)**2 = 5/8.
    G = nx.Graph()
    G.add_edge("a", "b", strength=3)
    G.add_edge("b", "c", strength=1)
    assert constraint(G, weight="strength")["b"] == pytest.approx(5 / 8)
    assert effective_size(G, weight="strength")["b"] == pytest.approx(2.0)


def test_isolated_nodes_are_nan(path):
    G = nx.path_graph(3)
    G.add_node("alone")
    G.add_edge("loop", "loop")
    for measure in (constraint, effective_size):
        values = measure(G)
        assert math.isnan(values["alone"])
        assert math.isnan(values["loop"])


def test_nodes_argument(path):
    G = nx.star_graph(3)
    assert constraint(G, nodes=[2, 0]) == {2: 1.0, 0: pytest.approx(1 / 3)}
    assert list(effective_size(G, nodes=[3])) == [3]


def test_empty_graph():
    assert constraint(nx.Graph()) == {}
    assert effective_size(nx.Graph()) == {}


def _networkx_reference(measure, G, weight):
    """networkx's per-node path (Burt's definitions, unlike its vectorised effective size).

    It looks at successors only to decide a node is isolated, so a directed graph's nodes
    with only incoming ties come from the reversed graph, where the mutual weights are equal.
    """
    want = measure(G, nodes=list(G), weight=weight)
    if G.is_directed():
        reverse = measure(G.reverse(), nodes=list(G), weight=weight)
        want.update({v: reverse[v] for v in G if G.out_degree(v) == 0})
    return want


# The `path` fixture sets a module constant once for all examples, as intended.
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), weighted=st.booleans())
def test_equals_networkx(path, random_graphs, same, data, weighted):
    G = data.draw(random_graphs(max_nodes=12, directed=None, weighted=weighted))
    if len(G) == 0:
        return
    weight = "strength" if weighted else None
    same(constraint(G, weight=weight), _networkx_reference(nx.constraint, G, weight))
    same(effective_size(G, weight=weight), _networkx_reference(nx.effective_size, G, weight))
    # networkx's vectorised paths agree where they are correct: constraint on undirected
    # graphs, effective size on unweighted undirected ones.
    if not G.is_directed():
        same(constraint(G, weight=weight), nx.constraint(G, weight=weight))
        if not weighted:
            same(effective_size(G), nx.effective_size(G))


def test_networkx_vectorised_effective_size_differs_on_weighted_graphs():
    # networkx's nodes=None path divides by the wrong node's strongest tie (broadcasting over
    # columns; networkx PR #8906). Its per-node path and this function follow Burt.
    G = nx.Graph()
    G.add_weighted_edges_from([(0, 1, 3), (1, 2, 1), (0, 2, 1), (2, 3, 2)])
    ours = effective_size(G, weight="weight")
    assert ours == pytest.approx(nx.effective_size(G, nodes=list(G), weight="weight"))
    assert ours != pytest.approx(nx.effective_size(G, weight="weight"))


def test_multigraph_adds_parallel_weights(same):
    M = nx.MultiGraph([(0, 1), (0, 1), (1, 2), (0, 2)])
    G = nx.Graph()
    G.add_weighted_edges_from([(0, 1, 2), (1, 2, 1), (0, 2, 1)])
    same(constraint(M), constraint(G, weight="weight"))
    same(effective_size(M), effective_size(G, weight="weight"))


def test_self_loops_are_ignored(same):
    # Burt sums over contacts j != i; networkx counts a self-loop as a contact.
    G = nx.cycle_graph(5)
    looped = G.copy()
    looped.add_edge(0, 0)
    same(constraint(looped), constraint(G))
    same(effective_size(looped), effective_size(G))
