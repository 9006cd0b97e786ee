"""Configurations of a district: case-management teams added, hub agencies found."""

from __future__ import annotations

import networkx as nx
import pytest

from casekit.domain.errors import CasekitError
from casekit.network.bundled import load_district
from casekit.network.coverage import need_coverage
from casekit.network.variants import add_case_management_teams, hub_agencies, schools


def _team_ties(net, team):
    return sorted((u, v, d["relation"], d.get("need", "")) for u, v, d in net.ties() if team in (u, v))


def test_a_team_is_tied_like_a_synthetic_districts_team(small_district):
    out = add_case_management_teams(small_district)
    assert _team_ties(out, "team_s1") == [
        ("cm1", "team_s1", "coordination", ""),
        ("team_s1", "cpa", "referral", ""),  # t1 and w1 both refer to cpa: one tie
        ("team_s1", "t1", "collaboration", ""),
        ("team_s1", "w1", "collaboration", ""),
    ]
    assert _team_ties(out, "team_s2") == [
        ("cm2", "team_s2", "coordination", ""),
        ("team_s2", "admin", "referral", ""),
        ("team_s2", "t2", "collaboration", ""),
    ]
    team = out.node("team_s1")
    assert (team["type"], team["setting"], team["school"], team["capacity"]) == (
        "case_management_team",
        "in_school",
        "s1",
        40,
    )
    assert len(team["domains"]) == 8


def test_the_original_is_untouched(small_district):
    before = (small_district.n_nodes, small_district.n_ties)
    add_case_management_teams(small_district, take_on=2)
    assert (small_district.n_nodes, small_district.n_ties) == before == (10, 15)


def test_teams_without_students_change_reachability_not_service(small_district):
    base, teams = need_coverage(small_district), need_coverage(add_case_management_teams(small_district))
    assert (base.share, base.reachable_share) == (0.6, 1.0)
    assert (teams.share, teams.unmet_needs) == (0.6, 2)


def test_teams_take_on_the_students_with_unmet_needs(small_district):
    out = add_case_management_teams(small_district, take_on=1)
    assert ("a1", "team_s1", "link", "safety") in _team_ties(out, "team_s1")
    assert ("b1", "team_s2", "link", "economic") in _team_ties(out, "team_s2")
    assert need_coverage(out).share == 1.0


def test_take_on_picks_most_unmet_then_most_severe_then_first():
    net = load_district("rural")
    cov = need_coverage(net)
    unmet = cov.counted & ~cov.served
    out = add_case_management_teams(net, take_on=2)
    taken = sorted(u for u, v, d in out.ties("link") if v == "team_s001")
    in_s1 = [i for i, c in enumerate(cov.clients) if net.node(c)["school"] == "s001" and unmet[i].any()]
    ranked = sorted(in_s1, key=lambda i: (-unmet[i].sum(), -(cov.severity[i] * unmet[i]).sum(), i))
    assert taken == sorted(cov.clients[i] for i in ranked[:2])
    assert len(in_s1) > 2


def test_a_school_with_a_team_keeps_it(small_district):
    once = add_case_management_teams(small_district)
    twice = add_case_management_teams(once)
    assert (twice.n_nodes, twice.n_ties) == (once.n_nodes, once.n_ties)
    assert schools(small_district) == ["s1", "s2"]


def test_take_on_must_be_a_whole_number(small_district):
    for bad in (-1, 1.5, True):
        with pytest.raises(CasekitError, match="take_on must be a whole number >= 0"):
            add_case_management_teams(small_district, take_on=bad)


def test_hubs_break_ties_by_degree_then_id(small_district):
    # cpa's and admin's neighbours are tied to one another: both broker nothing.
    assert hub_agencies(small_district, 5) == ["cpa", "admin"]
    assert hub_agencies(small_district, 0) == []


def test_hubs_follow_networkx_betweenness():
    net = load_district("rural")
    g = net.simple_graph()
    bc = nx.betweenness_centrality(g)
    outside = [r for r in net.resources() if net.node(r)["setting"] == "out_of_school"]
    expected = sorted(outside, key=lambda r: (-round(bc[r], 12), -g.degree(r), r))[:3]
    assert hub_agencies(net, 3) == expected == ["r0010", "r0013", "r0018"]
