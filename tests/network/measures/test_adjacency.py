"""The shared adjacency and the triangle listing under the structural measures."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.domain.errors import CasekitError
from casekit.network.measures import Adjacency
from casekit.network.measures._sparse import block_size, triangles


def test_collapses_direction_parallel_ties_and_loops():
    G = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("a", "b"), ("b", "c"), ("c", "c")])
    G.add_node("d")
    adj = Adjacency.from_graph(G)
    assert adj.nodes == ["a", "b", "c", "d"]
    assert adj.matrix.toarray().tolist() == [[0, 1, 0, 0], [1, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 0]]
    assert adj.degree.tolist() == [1, 2, 1, 0]
    assert adj.n_edges == 2
    labels, size = adj.components
    assert size.tolist() == [3, 3, 3, 1]
    assert labels[0] == labels[2] != labels[3]
    assert "n_edges=2" in repr(adj)


def test_of_checks_the_graph():
    adj = Adjacency.from_graph(nx.path_graph(3))
    assert Adjacency.of(nx.path_graph(3), adj) is adj
    with pytest.raises(CasekitError, match=r"Adjacency\.from_graph"):
        Adjacency.of(nx.path_graph(4), adj)
    with pytest.raises(CasekitError):
        Adjacency.of(nx.path_graph(["x", "y", "z"]), adj)


def test_block_size():
    assert block_size(100, 8, budget=8000) == 10
    assert block_size(100, 8, budget=8000, cap=4) == 4
    assert block_size(10**6, 8, budget=1) == 1


@settings(max_examples=60, deadline=None)
@given(data=st.data(), chunk=st.sampled_from([1, 5, 1 << 22]))
def test_triangles_listed_once(random_graphs, data, chunk):
    G = data.draw(random_graphs(max_nodes=14))
    adj = Adjacency.from_graph(G)
    found = [
        frozenset(adj.nodes[i] for i in corners)
        for a, b, c in triangles(adj.indptr, adj.indices, chunk=chunk)
        for corners in zip(a.tolist(), b.tolist(), c.tolist(), strict=True)
    ]
    want = {
        frozenset(t)
        for t in itertools.combinations(G, 3)
        if all(G.has_edge(*p) for p in itertools.combinations(t, 2))
    }
    assert len(found) == len(set(found))
    assert set(found) == want


def test_triangles_of_a_hub():
    # A wheel: the hub closes a triangle with every rim tie.
    adj = Adjacency.from_graph(nx.wheel_graph(200))
    assert sum(len(a) for a, _, _ in triangles(adj.indptr, adj.indices)) == 199
    assert isinstance(adj.matrix32.dtype, np.dtype) and adj.matrix32.dtype == np.float32
