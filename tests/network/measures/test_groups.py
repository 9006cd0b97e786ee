"""Krackhardt & Stern's E-I index, counted by hand."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from casekit.network.measures import ei_index, group_ei_index


@pytest.fixture
def district() -> tuple[nx.Graph, dict]:
    # In-school: teacher, counsellor, social worker; out-of-school: clinic, youth centre;
    # informal: aunt. Clients (no setting) are left out.
    G = nx.Graph(
        [
            ("teacher", "counsellor"), ("counsellor", "worker"),  # inside school
            ("worker", "clinic"), ("worker", "centre"), ("teacher", "centre"),  # across
            ("clinic", "centre"),  # inside community
            ("worker", "aunt"),  # school to informal
            ("client", "worker"), ("client", "clinic"),  # clients: no group
        ]
    )  # fmt: skip
    setting = {
        "teacher": "in_school", "counsellor": "in_school", "worker": "in_school",
        "clinic": "out_of_school", "centre": "out_of_school", "aunt": "informal",
    }  # fmt: skip
    return G, setting


def test_whole_network(district):
    G, setting = district
    # External: worker-clinic, worker-centre, teacher-centre, worker-aunt = 4; internal 3.
    assert ei_index(G, setting) == pytest.approx((4 - 3) / 7)


def test_two_group_partition(district):
    G, setting = district
    # Without the informal group: external 3, internal 3.
    assert ei_index(G, setting, only=("in_school", "out_of_school")) == 0.0


def test_per_group(district):
    G, setting = district
    got = group_ei_index(G, setting)
    # School: external 4 (incl. aunt), internal 2. Community: external 3, internal 1.
    # Informal: external 1, internal 0.
    assert got == {
        "in_school": pytest.approx((4 - 2) / 6),
        "out_of_school": pytest.approx((3 - 1) / 4),
        "informal": 1.0,
    }


def test_groups_from_attribute(district):
    G, setting = district
    nx.set_node_attributes(G, setting, "setting")
    assert ei_index(G, "setting") == ei_index(G, setting)


def test_extremes_and_nan():
    G = nx.Graph([(0, 1), (2, 3)])
    assert ei_index(G, {0: "a", 1: "a", 2: "b", 3: "b"}) == -1.0
    assert ei_index(G, {0: "a", 1: "b", 2: "a", 3: "b"}) == 1.0
    assert math.isnan(ei_index(G, {0: "a", 2: "b"}))
    lonely = nx.Graph([(0, 1)])
    lonely.add_node(2)
    per_group = group_ei_index(lonely, {0: "a", 1: "b", 2: "c"})
    assert per_group["a"] == 1.0
    assert math.isnan(per_group["c"])


def test_directed_and_parallel_ties_count_once():
    D = nx.MultiDiGraph([(0, 1), (1, 0), (0, 1), (1, 2), (2, 2)])
    assert ei_index(D, {0: "a", 1: "a", 2: "b"}) == 0.0  # one internal, one external
