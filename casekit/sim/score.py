"""The score of a run: 0-100 from six named components, each 0-100 with a weight.

The component names are the ones the learner's feedback uses.

============  ======  ==============================================================
component     weight  what earns the points
============  ======  ==============================================================
process       0.20    consent before linking (30), plan within 30 days of intake (20,
                      DOMAIN.md §3), monitoring checks about every three weeks of service
                      (30), no rule violations (20, minus 4 per violation)
assessment    0.15    first ratings close to the hidden truth (80) and the risk level
                      within one step (20)
plan_fit      0.20    goals cover every true need of 2 or more (60); each planned resource
                      serves the goal's domain and admits the student (40)
crisis        0.15    per crisis: intervention inside the window (50), a rapid link to a
                      resource serving the most affected domain (30), the mandatory report
                      where the crisis requires one (20, else given). A crisis arriving after
                      the case has ended scores 0 (no one responded). Full marks when the
                      scenario has no crisis.
outcome       0.20    mean relative fall of the true needs of 2 or more at the outcome
                      horizon; halving them earns full marks
aftercare     0.10    follow-ups after closure (60, full at three); a relapse caught by a
                      follow-up or reopening (40, given when there was no relapse)
============  ======  ==============================================================

Examples
--------
>>> s = Score({"process": 100.0, "assessment": 50.0, "plan_fit": 100.0, "crisis": 100.0,
...            "outcome": 50.0, "aftercare": 100.0})
>>> s.total
82.5
>>> s.explain("en")["outcome"][:30]
'Outcome: how far the needs of '
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from ..domain.records import RecordKind
from ..domain.rules import MANDATORY_REPORT_CRISES
from ..domain.vocabulary import NeedDomain, RiskLevel, Stage

if TYPE_CHECKING:
    from ..domain.case import Case
    from ..scenarios.model import Scenario
    from .world import World

__all__ = ["WEIGHTS", "EXPLANATIONS", "Score", "score_case"]

#: Weight of each component in the total.
WEIGHTS: Mapping[str, float] = MappingProxyType(
    {"process": 0.2, "assessment": 0.15, "plan_fit": 0.2, "crisis": 0.15, "outcome": 0.2, "aftercare": 0.1}
)

#: component -> (ko, en): what the component measures, for feedback.
EXPLANATIONS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "process": (
            "과정: 연계 전 동의, 접수 후 30일 안 계획 수립, 정기 점검 기록, 규칙 위반 없음",
            "Process: consent before linking, a plan within 30 days of intake, regular monitoring records, no rule violations",
        ),
        "assessment": (
            "사정: 첫 욕구 평가가 실제 욕구와 얼마나 가까운가, 위험 수준 판단",
            "Assessment: how close the first needs ratings are to the real needs, and the risk level",
        ),
        "plan_fit": (
            "계획 적합성: 심각도 2 이상인 욕구마다 목표가 있고, 자원이 그 영역을 다루며 학생을 받아 주는가",
            "Plan fit: a goal for every need of 2 or more, with resources that serve its domain and admit the student",
        ),
        "crisis": (
            "위기 대응: 대응 기간 안 위기개입, 가장 영향받은 영역의 신속 연계, 필요한 신고",
            "Crisis response: intervention inside the window, a rapid link for the most affected domain, any mandatory report",
        ),
        "outcome": (
            "결과: 심각도 2 이상이던 욕구가 얼마나 줄었는가(절반으로 줄면 만점)",
            "Outcome: how far the needs of 2 or more fell (halving them earns full marks)",
        ),
        "aftercare": (
            "사후관리: 종결 뒤 점검 횟수와 재발을 놓치지 않았는가",
            "Aftercare: follow-ups after closure, and whether a relapse was caught",
        ),
    }
)

_CONSENT_RULES = frozenset({"consent_to_services", "information_sharing_consent", "guardian_consent"})
_RISK = list(RiskLevel)


@dataclass(frozen=True)
class Score:
    """Named components (each 0-100) and their weights; ``total`` is the weighted mean."""

    components: Mapping[str, float]
    weights: Mapping[str, float] = field(default_factory=lambda: WEIGHTS)

    @property
    def total(self) -> float:
        """The weighted mean of the components, 0-100, to one decimal."""
        w = sum(self.weights[k] for k in self.components)
        return round(sum(self.weights[k] * v for k, v in self.components.items()) / w, 1)

    def explain(self, lang: str = "ko") -> dict[str, str]:
        """One line per component: what it measures and the points earned."""
        i = 0 if lang == "ko" else 1
        return {k: f"{EXPLANATIONS[k][i]} ({v:.0f}/100)" for k, v in self.components.items()}

    def to_dict(self) -> dict[str, float]:
        """``{"total": ..., component: ...}``."""
        return {"total": self.total, **self.components}


def score_case(scenario: Scenario, case: Case, world: World, violations: Sequence[Any]) -> Score:
    """Score a finished run against the scenario's hidden truth."""
    truth = scenario.truth
    parts = {
        "process": _process(scenario, case, violations),
        "assessment": _assessment(scenario, case),
        "plan_fit": _plan_fit(scenario, case),
        "crisis": _crisis(world, case),
        "outcome": _outcome(world),
        "aftercare": _aftercare(case, world, truth.open_case),
    }
    return Score({k: round(float(np.clip(v, 0, 100)), 1) for k, v in parts.items()})


def _process(scenario: Scenario, case: Case, violations: Sequence[Any]) -> float:
    if not scenario.truth.open_case and case.opened is False:
        return 100.0 - 4 * len(violations)
    consent_breaks = sum(1 for v in violations if v.rule in _CONSENT_RULES or v.verb == "refer")
    points = max(0.0, 30 - 15 * consent_breaks)
    start = case.record[0].day
    service_days = [d for s, d in case.timeline() if s is Stage.SERVICE_PROVISION]
    if service_days:
        lag = service_days[0] - start
        points += 20 if lag <= 30 else 10 if lag <= 45 else 0
        in_service = sum(1 for _ in _days_in(case, (Stage.SERVICE_PROVISION, Stage.MONITORING)))
        expected = max(1.0, in_service / 21)
        checks = sum(1 for e in case.record if e.kind is RecordKind.MONITORING)
        points += 30 * min(1.0, checks / expected)
    points += max(0.0, 20 - 4 * len(violations))
    return points


def _days_in(case: Case, stages: tuple[Stage, ...]) -> range:
    timeline = [*case.timeline(), (None, case.day)]
    total = sum(timeline[i + 1][1] - d for i, (s, d) in enumerate(timeline[:-1]) if s in stages)
    return range(total)


def _assessment(scenario: Scenario, case: Case) -> float:
    truth = scenario.truth
    if not truth.open_case:
        return 100.0 if case.opened is False else 40.0
    first: dict[NeedDomain, int] = {}
    for e in case.record:
        if e.kind is RecordKind.NEEDS_RATING and e.stage is Stage.ASSESSMENT:
            first.update({NeedDomain.parse(k): v for k, v in e.fields["ratings"].items()})
    if not first:
        return 0.0
    mae = float(np.mean([abs(first.get(d, 0) - int(truth.needs[d])) for d in NeedDomain]))
    points = 80 * max(0.0, 1 - mae / 1.5)
    levels = [e.fields["level"] for e in case.record if e.kind is RecordKind.RISK_LEVEL]
    if levels and abs(_RISK.index(RiskLevel.parse(levels[0])) - _RISK.index(truth.risk_level)) <= 1:
        points += 20
    return points


def _plan_fit(scenario: Scenario, case: Case) -> float:
    truth = scenario.truth
    if not truth.open_case:
        return 100.0 if case.opened is False else 50.0
    goals = [e.fields for e in case.record if e.kind is RecordKind.GOAL_SET]
    if not goals:
        return 0.0
    high = {d for d in NeedDomain if truth.needs[d] >= 2}
    covered = {NeedDomain.parse(g["domain"]) for g in goals}
    coverage = len(high & covered) / len(high) if high else 1.0
    pairs = [(NeedDomain.parse(g["domain"]), r) for g in goals for r in g.get("resources", ())]
    fit = [
        case.directory[r].serves(d) and case.directory[r].eligibility.admits(scenario.client)
        for d, r in pairs
    ]
    return 60 * coverage + 40 * (sum(fit) / len(fit) if fit else 0.0)


def _crisis(world: World, case: Case) -> float:
    if not world.crises:
        return 100.0
    points = []
    for c in world.crises:
        if c.case_id is None:
            points.append(0.0)
            continue
        p = 50.0 if c.intervened else 0.0
        p += 30.0 if c.linked else 0.0
        if c.event.crisis in MANDATORY_REPORT_CRISES:
            p += 20.0 if c.reported else 0.0
        else:
            p += 20.0
        points.append(p)
    return float(np.mean(points))


def _outcome(world: World) -> float:
    high = world.initial >= 2
    if not high.any():
        return 100.0 if (world.severity <= world.initial + 0.5).all() else 50.0
    rel = float(np.mean((world.initial[high] - world.severity[high]) / world.initial[high]))
    return 100 * min(1.0, max(0.0, rel / 0.5))


def _aftercare(case: Case, world: World, open_case: bool) -> float:
    if not open_case and case.opened is False:
        return 100.0
    closures = [e for e in case.record if e.kind is RecordKind.CLOSURE]
    if not closures:
        return 0.0
    followups = sum(1 for e in case.record if e.kind is RecordKind.FOLLOW_UP)
    points = 60 * min(1.0, followups / 3)
    if world.relapsed:
        points += 40 if world.relapse_caught else 0
    else:
        points += 40 if followups else 0
    return points
