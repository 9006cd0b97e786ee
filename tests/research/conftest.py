"""A two-school district small enough to work out its measures by hand."""

from __future__ import annotations

import pytest

from casekit.network.model import ResourceNetwork


def build_small_district() -> ResourceNetwork:
    """Two schools, two agencies; five counted needs: three served, two reachable.

    s1: manager cm1, teacher t1 (educational), Wee class w1 (psychological); students a1
    (educational 3, safety 2) and a2 (psychological 2). s2: manager cm2, teacher t2; student
    b1 (educational 2, economic 3). Agencies: cpa (safety), admin (economic, welfare).
    """
    net = ResourceNetwork()
    for school, manager in (("s1", "cm1"), ("s2", "cm2")):
        net.add_case_manager(manager, school=school, name=f"{manager} 사례관리자")
    res = {"setting": "in_school", "sector": "school"}
    net.add_resource("t1", domains=["educational"], school="s1", **res)
    net.add_resource("w1", domains=["psychological"], school="s1", capacity=5, **res)
    net.add_resource("t2", domains=["educational"], school="s2", **res)
    net.add_resource("cpa", setting="out_of_school", sector="public", domains=["safety"])
    net.add_resource("admin", setting="out_of_school", sector="public", domains=["economic", "welfare"])
    net.add_client("a1", needs={"educational": 3, "safety": 2}, school="s1")
    net.add_client("a2", needs={"psychological": 2}, school="s1")
    net.add_client("b1", needs={"educational": 2, "economic": 3}, school="s2")
    for manager, client in (("cm1", "a1"), ("cm1", "a2"), ("cm2", "b1")):
        net.add_tie(manager, client, "relationship")
    for client, resource, need in (
        ("a1", "t1", "educational"),
        ("a2", "w1", "psychological"),
        ("b1", "t2", "educational"),
    ):
        net.add_tie(client, resource, "link", need=need)
    for manager, resource in (("cm1", "t1"), ("cm1", "w1"), ("cm2", "t2"), ("cm1", "cpa"), ("cm2", "admin")):
        net.add_tie(manager, resource, "coordination")
    for source, target in (("t1", "cpa"), ("w1", "cpa"), ("t2", "admin")):
        net.add_tie(source, target, "referral")
    net.add_tie("t1", "w1", "collaboration")
    return net


@pytest.fixture
def small_district() -> ResourceNetwork:
    return build_small_district()
