"""Degree centrality and density, equal to networkx."""

from __future__ import annotations

import networkx as nx
import pytest

from casekit.network.measures import degree_centrality, density


def test_florentine(florentine):
    assert degree_centrality(florentine)["Medici"] == 6 / 14
    assert density(florentine) == pytest.approx(20 / 105)


def test_kite(kite):
    assert degree_centrality(kite)["Diane"] == 6 / 9


@pytest.mark.parametrize(
    "G",
    [
        nx.Graph(),
        nx.empty_graph(1),
        nx.empty_graph(3),
        nx.gnp_random_graph(20, 0.2, seed=1),
        nx.gnp_random_graph(20, 0.2, seed=1, directed=True),
        nx.MultiGraph([(0, 1), (0, 1), (1, 1)]),
    ],
)
def test_equals_networkx(G):
    assert degree_centrality(G) == nx.degree_centrality(G)
    assert density(G) == nx.density(G)
