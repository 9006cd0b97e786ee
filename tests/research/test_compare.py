"""Configurations compared and brokerage by setting, against hand counts and networkx."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import pytest

from casekit.domain.errors import CasekitError
from casekit.network.compare import MEASURES, brokerage_by_setting, compare_networks, headline_measures
from casekit.network.report import build_report
from casekit.network.variants import add_case_management_teams


@pytest.fixture
def comparison(small_district):
    return compare_networks(
        {"base": small_district, "teams": add_case_management_teams(small_district, take_on=1)}
    )


def test_the_table_has_one_row_per_configuration_in_order(comparison):
    assert list(comparison.table.index) == ["base", "teams"]
    assert list(comparison.table.columns) == list(MEASURES)
    assert set(comparison.reports) == {"base", "teams"}


def test_counts_and_coverage_by_hand(comparison):
    t = comparison.table
    # base: 3 relationships, 3 links, 5 coordinations, 3 referrals, 1 collaboration;
    # teams add 2 coordinations, 3 collaborations, 2 referrals and 2 links.
    assert t.loc["base", ["resources", "ties", "unmet_needs", "gaps"]].tolist() == [5, 15, 2, 0]
    assert t.loc["teams", ["resources", "ties", "unmet_needs", "gaps"]].tolist() == [7, 24, 0, 0]
    assert t.loc[:, "coverage_share"].tolist() == [0.6, 1.0]


def test_ei_index_by_hand(comparison):
    # Among organisations (managers count as in school): base 4 internal, 5 external ties;
    # the teams add 5 internal and 2 external.
    assert comparison.table.loc["base", "ei_index"] == pytest.approx(1 / 9)
    assert comparison.table.loc["teams", "ei_index"] == pytest.approx(-2 / 16)
    assert comparison.differences("base").loc["teams", "ties"] == 9
    assert (comparison.differences("base").loc["base"] == 0).all()
    with pytest.raises(CasekitError, match="no configuration 'none'"):
        comparison.differences("none")


def test_in_school_constraint_is_burts_from_networkx(small_district, comparison):
    org = small_district.org_graph()
    c = nx.constraint(org)
    expected = sum(c[r] for r in ("t1", "w1", "t2")) / 3
    assert comparison.table.loc["base", "in_school_constraint"] == pytest.approx(expected)


def test_resilience_is_the_mean_of_the_curve(comparison):
    curves = comparison.resilience()
    assert list(curves) == ["base", "teams"]
    for name, curve in curves.items():
        assert comparison.table.loc[name, "resilience_auc"] == pytest.approx(sum(curve) / len(curve))
    assert curves["base"][0] == 0.6


def brute_force_roles(report, net):
    """Gould & Fernandez roles by enumerating every open two-path, grouped by setting."""
    d = net.org_digraph()
    group = {n: d.nodes[n].get("setting") or "unknown" for n in d}
    counts: dict[str, dict[str, int]] = {}
    for b in d:
        for a, c in itertools.product(d.predecessors(b), d.successors(b)):
            if a == c or d.has_edge(a, c):
                continue
            ga, gb, gc = group[a], group[b], group[c]
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
            row = "case_manager" if net.kind(b) == "case_manager" else group[b]
            counts.setdefault(
                row, dict.fromkeys(("coordinator", "itinerant", "representative", "gatekeeper", "liaison"), 0)
            )
            counts[row][role] += 1
    return counts


def test_brokerage_by_setting_counts_every_open_two_path(small_district):
    for net in (small_district, add_case_management_teams(small_district)):
        report = build_report(net)
        table = brokerage_by_setting(report)
        expected = brute_force_roles(report, net)
        got = {row: table.loc[row].to_dict() for row in table.index if table.loc[row].sum()}
        assert got == {row: counts for row, counts in expected.items() if sum(counts.values())}
        assert list(table.index) == ["in_school", "out_of_school", "case_manager"]


def test_brokerage_of_the_small_district_by_hand(small_district):
    table = brokerage_by_setting(build_report(small_district))
    # Open two-paths through a manager: cpa -> cm1 -> t1, cpa -> cm1 -> w1 and admin -> cm2 -> t2
    # (referrals run from school to agency only); each brings an agency into school: gatekeeper.
    # Every other path through a manager is closed (t1 -> cpa, t1 <-> w1, t2 -> admin).
    assert table.loc["case_manager"].to_dict() == {
        "coordinator": 0,
        "itinerant": 0,
        "representative": 0,
        "gatekeeper": 3,
        "liaison": 0,
    }


def test_headline_measures_are_numbers(small_district):
    values = headline_measures(build_report(small_district))
    assert list(values) == list(MEASURES)
    assert all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values.values())
    assert not any(isinstance(v, float) and math.isnan(v) for v in values.values())


def test_nothing_to_compare():
    with pytest.raises(CasekitError, match="at least one network"):
        compare_networks({})
