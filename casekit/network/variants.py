"""Configurations of one district for comparison: a school case-management team, a hub removed.

Researchers ask what a school case-management team changes, or what breaks when one agency
closes. These functions return a changed *copy* of a network; the original is untouched, so
the two can be measured side by side (:func:`casekit.network.compare.compare_networks`).

**A school case-management team** (사례관리팀; DOMAIN.md §4: the in-school team or integrated
committee that holds case conferences) is added to every school that has none, tied as the
synthetic districts tie one (:mod:`casekit.network.synth_ties`): the school's case managers
coordinate with it; it collaborates with each of the school's in-school resources (staff then
work together through the team); and it refers to every out-of-school agency that the
school's in-school resources already refer to (a case conference decides referrals). With
``take_on`` > 0 the team also takes on, in case conferences, up to that many of the school's
students whose needs are unmet, most unmet needs first, and links them for those needs.

**Hub agencies** are the out-of-school resources with the highest betweenness centrality
(Brandes 2001) in the whole network, exact up to ``EXACT_LIMIT`` nodes and estimated from a
fixed-seed sample of pivots above (ties broken by degree, then id).

Examples
--------
>>> from casekit.network.bundled import load_district
>>> net = load_district("rural")
>>> teams = add_case_management_teams(net)
>>> len(teams.resources()) - len(net.resources())
3
>>> sorted(teams.neighbours("team_s001", "coordination"))
['cm001']
>>> hub_agencies(net, 2)
['r0010', 'r0013']
>>> len(net.without(hub_agencies(net, 1)).resources())
25
"""

from __future__ import annotations

import numpy as np

from ..domain.errors import CasekitError
from ..domain.vocabulary import NeedDomain, NodeKind, Relation, Sector, Setting
from .coverage import DOMAIN_CODES, Coverage, need_coverage
from .model import ResourceNetwork

__all__ = ["TEAM_TYPE", "schools", "add_case_management_teams", "hub_agencies"]

#: The :class:`~casekit.domain.resources.ResourceType` code of a school case-management team.
TEAM_TYPE = "case_management_team"

_IN, _OUT = Setting.IN_SCHOOL.value, Setting.OUT_OF_SCHOOL.value


def schools(net: ResourceNetwork) -> list[str]:
    """The ``school`` codes of case managers and in-school resources, in order of first appearance.

    Examples
    --------
    >>> net = ResourceNetwork()
    >>> net.add_case_manager("cm", school="s2")
    >>> net.add_resource("t", setting="in_school", sector="school", domains=["educational"], school="s1")
    >>> schools(net)
    ['s2', 's1']
    """
    found: dict[str, None] = {}
    for n in net.nodes():
        data = net.node(n)
        school = data.get("school")
        if not school:
            continue
        if data["kind"] == NodeKind.CASE_MANAGER.value or (
            data["kind"] == NodeKind.RESOURCE.value and data.get("setting") == _IN
        ):
            found.setdefault(str(school), None)
    return list(found)


def add_case_management_teams(
    net: ResourceNetwork, *, capacity: int | None = 40, take_on: int = 0
) -> ResourceNetwork:
    """A copy of ``net`` with a case-management team in every school that has none.

    Parameters
    ----------
    net
        A district whose case managers and in-school resources carry a ``school`` attribute
        (as the synthetic districts do).
    capacity
        The team's ``capacity`` attribute (students at once; ``None`` for no limit).
    take_on
        Students with unmet needs each team links in case conferences (0: ties among
        organisations only, so need coverage is unchanged except through reachability).

    Returns
    -------
    ResourceNetwork
        The copy; each new team is ``team_<school>`` with ``type`` ``case_management_team``.

    Examples
    --------
    >>> net = ResourceNetwork()
    >>> net.add_case_manager("cm", school="s1")
    >>> net.add_client("S1", needs={"safety": 3}, school="s1")
    >>> net.add_tie("cm", "S1", "relationship")
    >>> for r in ("a", "b"):
    ...     net.add_resource(r, setting="in_school", sector="school", domains=["educational"], school="s1")
    >>> net.add_resource("cpa", setting="out_of_school", sector="public", domains=["safety"])
    >>> net.add_tie("a", "cpa", "referral")
    >>> out = add_case_management_teams(net, take_on=1)
    >>> sorted((u, v, d["relation"]) for u, v, d in out.ties() if "team_s1" in (u, v))  # doctest: +NORMALIZE_WHITESPACE
    [('S1', 'team_s1', 'link'), ('cm', 'team_s1', 'coordination'), ('team_s1', 'a', 'collaboration'),
     ('team_s1', 'b', 'collaboration'), ('team_s1', 'cpa', 'referral')]
    >>> out.n_ties - net.n_ties, net.n_ties
    (5, 2)
    """
    if isinstance(take_on, bool) or int(take_on) != take_on or take_on < 0:
        raise CasekitError(f"case-management teams: take_on must be a whole number >= 0, got {take_on!r}")
    out = net.copy()
    coverage = need_coverage(net) if take_on else None
    row = set(coverage.clients) if coverage is not None else set()
    for school in schools(net):
        members = [n for n in net.nodes() if str(net.node(n).get("school") or "") == school]
        staff = [
            r for r in members if net.kind(r) == NodeKind.RESOURCE.value and net.node(r).get("setting") == _IN
        ]
        if any(net.node(r).get("type") == TEAM_TYPE for r in staff):
            continue
        team = f"team_{school}"
        out.add_resource(
            team,
            name=f"{school} 사례관리팀",
            name_en=f"{school} case-management team",
            type=TEAM_TYPE,
            setting=_IN,
            sector=Sector.SCHOOL.value,
            domains=[d.value for d in NeedDomain],
            capacity=capacity,
            school=school,
        )
        for m in members:
            if net.kind(m) == NodeKind.CASE_MANAGER.value:
                out.add_tie(m, team, Relation.COORDINATION.value, strength="strong", flow="both")
        for r in staff:
            out.add_tie(team, r, Relation.COLLABORATION.value, strength="moderate", flow="both")
        mine = set(staff)
        agencies = dict.fromkeys(
            v
            for u, v, _ in net.ties(Relation.REFERRAL.value)
            if u in mine and net.node(v).get("setting") == _OUT
        )
        for v in agencies:
            out.add_tie(team, v, Relation.REFERRAL.value, strength="moderate", flow="to_target")
        if coverage is not None:
            _take_on(out, team, [n for n in members if n in row], coverage, int(take_on))
    return out


def _take_on(out: ResourceNetwork, team: str, clients: list[str], coverage: Coverage, limit: int) -> None:
    """Link the ``limit`` students with the most unmet needs (then the most severe) to ``team``."""
    unmet = coverage.counted & ~coverage.served
    row = {c: i for i, c in enumerate(coverage.clients)}
    weight = np.where(unmet, coverage.severity, 0).sum(axis=1)
    waiting = [c for c in clients if unmet[row[c]].any()]
    waiting.sort(key=lambda c: (-int(unmet[row[c]].sum()), -int(weight[row[c]]), row[c]))
    for c in waiting[:limit]:
        need = ";".join(d for d, u in zip(DOMAIN_CODES, unmet[row[c]], strict=True) if u)
        out.add_tie(c, team, Relation.LINK.value, strength="moderate", flow="to_source", need=need)


def hub_agencies(net: ResourceNetwork, k: int = 1, *, seed: int = 0) -> list[str]:
    """The ``k`` out-of-school resources with the highest betweenness, most central first.

    Betweenness is computed on the whole network (:meth:`ResourceNetwork.simple_graph`),
    exactly up to :data:`~casekit.network.measures.EXACT_LIMIT` nodes and from
    :data:`~casekit.network.measures.PIVOTS` pivots drawn with ``seed`` above; ties go to the
    resource with more ties, then to the smaller id.
    """
    from . import measures

    g = net.simple_graph()
    n = g.number_of_nodes()
    pivots = None if n <= measures.EXACT_LIMIT else min(measures.PIVOTS, n)
    bc = measures.betweenness(g, k=pivots, seed=seed)
    outside = [r for r in net.resources() if net.node(r).get("setting") == _OUT]
    return sorted(outside, key=lambda r: (-bc.get(r, 0.0), -g.degree(r), r))[: max(0, int(k))]
