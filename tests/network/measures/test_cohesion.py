"""k-cores and articulation points."""

from __future__ import annotations

import networkx as nx

from casekit.network.measures import articulation_points, core_number


def test_kite(kite):
    # The kite's dense part is a 3-core; Heather links it to the tail Ike-Jane.
    cores = core_number(kite)
    assert {v for v, k in cores.items() if k == 3} == set(
        "Andre Beverly Carol Diane Ed Fernando Garth".split()
    )
    assert cores["Heather"] == 2 and cores["Ike"] == 1 and cores["Jane"] == 1
    assert articulation_points(kite) == ["Heather", "Ike"]


def test_florentine(florentine):
    # Each cut point is a family's only tie: Acciaiuoli (Medici), Ginori (Albizzi),
    # Pazzi (Salviati), Lamberteschi (Guadagni). In graph order:
    assert articulation_points(florentine) == ["Medici", "Albizzi", "Salviati", "Guadagni"]
    cores = core_number(florentine)
    assert {v for v, k in cores.items() if k == 1} == set(
        "Acciaiuoli Ginori Pazzi Lamberteschi Salviati".split()
    )
    assert max(cores.values()) == 2


def test_directed_multi_and_loops_read_as_simple():
    G = nx.MultiDiGraph([(0, 1), (1, 0), (1, 2), (2, 2), (2, 0), (2, 3)])
    assert core_number(G) == {0: 2, 1: 2, 2: 2, 3: 1}
    assert articulation_points(G) == [2]
