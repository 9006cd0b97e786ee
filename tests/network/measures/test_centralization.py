"""Freeman centralization: star 1, regular graphs 0, and hand-computed cases."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from casekit.network.measures import betweenness, betweenness_centralization, degree_centralization


@pytest.mark.parametrize("n", [3, 4, 7])
def test_star_is_one(n):
    assert degree_centralization(nx.star_graph(n - 1)) == 1.0
    assert betweenness_centralization(nx.star_graph(n - 1)) == 1.0


@pytest.mark.parametrize("G", [nx.complete_graph(5), nx.cycle_graph(6), nx.empty_graph(4)])
def test_no_node_stands_out(G):
    assert degree_centralization(G) == 0.0
    assert betweenness_centralization(G) == pytest.approx(0.0, abs=1e-15)


def test_path_of_four():
    # Degrees 1, 2, 2, 1: (1 + 0 + 0 + 1) / (3 * 2) = 1/3.
    # Betweenness 0, 2/3, 2/3, 0: (2/3 + 0 + 0 + 2/3) / 3 = 4/9.
    G = nx.path_graph(4)
    assert degree_centralization(G) == pytest.approx(1 / 3)
    assert betweenness_centralization(G) == pytest.approx(4 / 9)


def test_krackhardt_kite(kite):
    # Degrees 4 4 3 6 3 5 5 3 2 1: sum of (6 - d) = 24, over 9 * 8 = 72.
    assert degree_centralization(kite) == pytest.approx(1 / 3)
    # Raw betweenness sums to 44 pairs with Heather's 14 the maximum: (10 * 14 - 44) pairs
    # short of a kite of Heathers, over 36 pairs each, over n - 1 = 9.
    assert betweenness_centralization(kite) == pytest.approx((10 * 14 - 44) / 36 / 9)


def test_florentine_with_given_betweenness(florentine):
    bc = betweenness(florentine)
    want = sum(max(bc.values()) - b for b in bc.values()) / 14
    assert betweenness_centralization(florentine, bc) == pytest.approx(want)
    assert betweenness_centralization(florentine) == pytest.approx(want)


def test_too_small_is_nan():
    for n in range(3):
        assert math.isnan(degree_centralization(nx.path_graph(n)))
        assert math.isnan(betweenness_centralization(nx.path_graph(n)))


def test_directed_and_multi_ties_count_once():
    G = nx.MultiDiGraph([(0, 1), (1, 0), (0, 2), (0, 2), (0, 3)])
    assert degree_centralization(G) == 1.0
