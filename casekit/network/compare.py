"""Comparing configurations of a district, and brokerage roles by setting.

:func:`compare_networks` builds the full report (:func:`~casekit.network.report.build_report`)
of each configuration and puts the headline measures side by side, one row per
configuration; :func:`brokerage_by_setting` totals the Gould & Fernandez (1989) brokerage
roles of the organisations in each setting (case managers as their own row), which shows
who brokers between the school and the community.

The measures (:data:`MEASURES`, Korean and English names) and where they come from:
density (Wasserman & Faust 1994); degree and betweenness centralization (Freeman 1979;
betweenness by Brandes 2001); the in-school / out-of-school E-I index of the organisations
(Krackhardt & Stern 1988); need coverage (served, or reachable through a case manager);
articulation points (Hopcroft & Tarjan 1973); mean constraint of the in-school resources
(Burt 1992); the five brokerage roles summed over organisations (Gould & Fernandez 1989);
and the area under the resilience curve (mean coverage share as the 0..10 most central
resources are removed, by betweenness).

Examples
--------
>>> from casekit.network.bundled import load_district
>>> from casekit.network.variants import add_case_management_teams
>>> net = load_district("rural")
>>> c = compare_networks({"base": net, "teams": add_case_management_teams(net)})
>>> c.table.loc[:, ["resources", "coverage_share"]].round(4)  # doctest: +NORMALIZE_WHITESPACE
               resources  coverage_share
configuration
base                  26          0.9427
teams                 29          0.9427
>>> list(brokerage_by_setting(c.reports["base"]).index)
['in_school', 'out_of_school', 'informal', 'case_manager']
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..domain.errors import CasekitError
from ..domain.text import Text
from ..domain.vocabulary import NodeKind, Setting
from . import measures
from .model import ResourceNetwork
from .report import NetworkReport, build_report

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MEASURES",
    "ROLE_LABELS",
    "Comparison",
    "compare_networks",
    "headline_measures",
    "brokerage_by_setting",
]

#: The columns of :attr:`Comparison.table`, with their Korean and English names.
MEASURES: dict[str, Text] = {
    "nodes": Text("노드 수", "nodes"),
    "resources": Text("자원 수", "resources"),
    "ties": Text("관계 수", "ties"),
    "density": Text("밀도", "density"),
    "degree_centralization": Text("연결 중심화", "degree centralization"),
    "betweenness_centralization": Text("매개 중심화", "betweenness centralization"),
    "ei_index": Text("E-I 지수 (학교 안·밖)", "E-I index (in/out of school)"),
    "coverage_share": Text("욕구 충족률", "needs served"),
    "reachable_share": Text("충족 또는 연계 가능", "served or reachable"),
    "unmet_needs": Text("충족되지 않은 욕구", "unmet needs"),
    "gaps": Text("공백", "gaps"),
    "articulation_points": Text("절단점 수", "articulation points"),
    "in_school_constraint": Text("학교 안 자원의 평균 제약", "mean constraint, in-school resources"),
    "coordinator": Text("조정자", "coordinator"),
    "itinerant": Text("자문자", "itinerant"),
    "representative": Text("대표자", "representative"),
    "gatekeeper": Text("문지기", "gatekeeper"),
    "liaison": Text("연결자", "liaison"),
    "resilience_auc": Text("회복력 (평균 충족률)", "resilience (mean share)"),
}

#: Korean and English names of the Gould & Fernandez roles, in :data:`measures.ROLES` order.
ROLE_LABELS: dict[str, Text] = {r: MEASURES[r] for r in measures.ROLES}

_CASE_MANAGER = NodeKind.CASE_MANAGER.value


@dataclass
class Comparison:
    """What :func:`compare_networks` returns: the table, and each configuration's report."""

    table: pd.DataFrame
    reports: dict[str, NetworkReport] = field(default_factory=dict)

    def differences(self, base: str) -> pd.DataFrame:
        """Each configuration minus ``base``, measure by measure (``base``'s row is all 0)."""
        if base not in self.table.index:
            raise CasekitError(f"comparison: no configuration {base!r}; have {', '.join(self.table.index)}")
        return self.table - self.table.loc[base]

    def resilience(self, ranking: str = "by_betweenness") -> dict[str, list[float]]:
        """The resilience curve of every configuration (``by_betweenness`` or ``by_degree``)."""
        return {name: list(r.summary["resilience"][ranking]) for name, r in self.reports.items()}


def headline_measures(report: NetworkReport) -> dict[str, float]:
    """The :data:`MEASURES` of one report, as plain numbers (NaN where undefined)."""
    s = report.summary
    nm = report.node_measures

    def num(x: Any) -> float:
        return math.nan if x is None else float(x)

    in_school = nm[(nm["kind"] == NodeKind.RESOURCE.value) & (nm["setting"] == Setting.IN_SCHOOL.value)]
    constraint = in_school["constraint"].astype(float).dropna()
    curve = s["resilience"]["by_betweenness"]
    out: dict[str, float] = {
        "nodes": s["n_nodes"],
        "resources": s["nodes_by_kind"][NodeKind.RESOURCE.value],
        "ties": s["n_edges"],
        "density": num(s["density"]),
        "degree_centralization": num(s["degree_centralization"]),
        "betweenness_centralization": num(s["betweenness_centralization"]),
        "ei_index": num(s["ei_index"]),
        "coverage_share": num(s["coverage_share"]),
        "reachable_share": num(s["reachable_share"]),
        "unmet_needs": s["unmet_needs"],
        "gaps": s["gaps"],
        "articulation_points": s["articulation_points"],
        "in_school_constraint": float(constraint.mean()) if len(constraint) else math.nan,
    }
    for role in measures.ROLES:
        out[role] = int(nm[role].fillna(0).sum())
    out["resilience_auc"] = sum(curve) / len(curve) if curve else math.nan
    return out


def compare_networks(
    networks: Mapping[str, ResourceNetwork], *, seed: int = 0, exact_limit: int = measures.EXACT_LIMIT
) -> Comparison:
    """Build each configuration's report and put the headline measures side by side.

    Parameters
    ----------
    networks
        Name -> network, e.g. ``{"base": net, "with teams": add_case_management_teams(net)}``;
        the rows keep this order.
    seed, exact_limit
        Passed to :func:`~casekit.network.report.build_report` (sampled betweenness above
        ``exact_limit`` nodes, with ``seed``), the same for every configuration.

    Returns
    -------
    Comparison
        ``table``: one row per configuration (index ``configuration``), one column per
        :data:`MEASURES` entry; ``reports``: the full reports by name.
    """
    import pandas as pd

    if not networks:
        raise CasekitError("comparison: give at least one network")
    reports = {
        str(name): build_report(net, seed=seed, exact_limit=exact_limit) for name, net in networks.items()
    }
    table = pd.DataFrame(
        [headline_measures(r) for r in reports.values()],
        index=pd.Index(list(reports), name="configuration"),
        columns=list(MEASURES),
    )
    return Comparison(table, reports)


def brokerage_by_setting(report: NetworkReport) -> pd.DataFrame:
    """The five brokerage roles summed over the organisations of each setting.

    Rows: the settings present among resources (in school, out of school, informal), then
    ``case_manager``: case managers are counted apart from the in-school resources although
    the roles are computed, as in the report, with the settings as groups and case managers in
    school (so a manager tied to an agency and a teacher is a representative and a
    gatekeeper). Columns: :data:`~casekit.network.measures.ROLES` (Gould & Fernandez 1989).

    Examples
    --------
    >>> net = ResourceNetwork()
    >>> net.add_case_manager("cm")
    >>> net.add_resource("t", setting="in_school", sector="school", domains=["educational"])
    >>> net.add_resource("w", setting="out_of_school", sector="public", domains=["psychological"])
    >>> net.add_tie("cm", "t", "coordination"); net.add_tie("cm", "w", "coordination")
    >>> brokerage_by_setting(build_report(net)).loc["case_manager"].tolist()
    [0, 0, 1, 1, 0]
    """
    import pandas as pd

    nm = report.node_measures
    orgs = nm[nm["kind"] != NodeKind.CLIENT.value]
    group = (
        orgs["setting"].where(orgs["kind"] != _CASE_MANAGER, _CASE_MANAGER).fillna("").replace("", "unknown")
    )
    order = [s.value for s in Setting] + ["unknown", _CASE_MANAGER]
    present = [g for g in order if g in set(group)]
    roles = list(measures.ROLES)
    sums = orgs[roles].fillna(0).astype(int).groupby(group).sum()
    frame = sums.reindex(present).fillna(0).astype(int) if present else pd.DataFrame(columns=roles)
    frame.index.name = "setting"
    return frame
