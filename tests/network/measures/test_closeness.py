"""Closeness: published values, and networkx agreement on every kind of small graph."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import casekit.network.measures.closeness_centrality as closeness_module
from casekit.network.measures import Adjacency, closeness


def test_florentine(florentine):
    published = {
        "Acciaiuoli": 0.368, "Albizzi": 0.483, "Barbadori": 0.4375, "Bischeri": 0.400,
        "Castellani": 0.389, "Ginori": 0.333, "Guadagni": 0.467, "Lamberteschi": 0.326,
        "Medici": 0.560, "Pazzi": 0.286, "Peruzzi": 0.368, "Ridolfi": 0.500,
        "Salviati": 0.389, "Strozzi": 0.4375, "Tornabuoni": 0.483,
    }  # fmt: skip
    c = closeness(florentine)
    assert c == pytest.approx(published, abs=5e-4)
    assert c["Medici"] == 14 / 25  # 14 families at total distance 25


def test_krackhardt_kite(kite):
    # Krackhardt (1990): Fernando and Garth are closest to everyone, Jane is farthest.
    total = {"Andre": 17, "Beverly": 17, "Carol": 18, "Diane": 15, "Ed": 18,
             "Fernando": 14, "Garth": 14, "Heather": 15, "Ike": 21, "Jane": 29}  # fmt: skip
    assert closeness(kite) == {v: 9 / d for v, d in total.items()}


def test_disconnected_scaling():
    # A pair and a triangle among 6 nodes: reached/total * reached/(n - 1); isolated 0.
    G = nx.Graph([("a", "b"), (1, 2), (2, 3), (3, 1)])
    G.add_node("alone")
    c = closeness(G)
    assert c["a"] == 1 / 1 * (1 / 5)
    assert c[1] == 2 / 2 * (2 / 5)
    assert c["alone"] == 0.0


def test_small_cases():
    assert closeness(nx.Graph()) == {}
    assert closeness(nx.empty_graph(1)) == {0: 0.0}
    assert closeness(nx.empty_graph(3)) == {0: 0.0, 1: 0.0, 2: 0.0}


def _clients_and_organisations(seed: int) -> nx.Graph:
    """Clients tied only to organisations, as in a resource network (peripheral clients)."""
    import random

    rng = random.Random(seed)
    G = nx.gnp_random_graph(12, 0.3, seed=seed)
    for c in range(60):
        for org in rng.sample(range(12), rng.randint(1, 4)):
            G.add_edge(f"c{c}", org)
    return G


@pytest.mark.parametrize("seed", range(4))
def test_clients_and_organisations(seed, same):
    G = _clients_and_organisations(seed)
    same(closeness(G), nx.closeness_centrality(G), rel=0, abs_=0)


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_equals_networkx(random_graphs, same, data):
    G = data.draw(random_graphs(max_nodes=16, self_loops=True))
    # Pendant nodes, isolated nodes and several components all occur in these draws.
    same(closeness(G), nx.closeness_centrality(G), rel=0, abs_=0)


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_every_node_searched_when_the_cover_is_too_big(random_graphs, same, data):
    G = data.draw(random_graphs(max_nodes=16))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(closeness_module, "_DISTANCE_BYTES", 0)
        same(closeness(G), nx.closeness_centrality(G), rel=0, abs_=0)


def test_long_paths_and_several_components(same):
    # Distances above 255 (no byte-sized rows), a tree with many leaves, a cycle.
    G = nx.disjoint_union_all([nx.path_graph(400), nx.balanced_tree(3, 4), nx.cycle_graph(9)])
    same(closeness(G), nx.closeness_centrality(G), rel=0, abs_=0)


def test_directed_and_multi_graphs_read_as_simple_undirected(same):
    G = nx.gnp_random_graph(25, 0.1, seed=2, directed=True)
    want = nx.closeness_centrality(G.to_undirected())
    same(closeness(G), want)
    same(closeness(nx.MultiGraph(G.to_undirected())), want)


def test_prebuilt_adjacency(florentine):
    adj = Adjacency.from_graph(florentine)
    assert closeness(florentine, adjacency=adj) == closeness(florentine)
