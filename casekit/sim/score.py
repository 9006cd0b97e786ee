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

A case the truth says should **not be opened** (``truth.open_case`` false: not eligible, or
better served elsewhere) is scored on the intake decision and the handover instead. When it
was not opened: *process* gives 40 for the decision, 20 for the right reason, 20 for a
handover (``referred_to``) made after the consent to share information (10 without it; full
when the student has no need of 2 or more to hand over) and 20 minus 4 per violation;
*assessment* gives 50 for the share of the needs of 2 or more asked about before deciding,
30 for the decision and 20 for the risk level; *plan_fit* scores the receiving agency like a
planned resource: it serves the needs of 2 or more (60) and admits the student (40), and a
case closed with no handover scores 0; *aftercare* is the handover itself (100 warm, 50
without consent, 0 with none), since the rules end a case that was not opened without
aftercare. When such a case was opened anyway, process, assessment and plan fit are half
of what they would be for a case that should be opened.

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
from ..domain.vocabulary import ClosureReason, ConsentPurpose, NeedDomain, RiskLevel, Stage

if TYPE_CHECKING:
    from ..domain.case import Case
    from ..domain.resources import Resource
    from ..scenarios.model import Scenario
    from .world import World

__all__ = ["WEIGHTS", "EXPLANATIONS", "HANDOVER_EXPLANATIONS", "Score", "score_case"]

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

#: component -> (ko, en) for a case that should not be opened and was not (see the module docstring).
HANDOVER_EXPLANATIONS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        **EXPLANATIONS,
        "process": (
            "과정: 사례를 열지 않는 결정, 맞는 사유, 정보 제공 동의 뒤의 의뢰, 규칙 위반 없음",
            "Process: the decision not to open, the right reason, a referral made after consent to share "
            "information, no rule violations",
        ),
        "assessment": (
            "사정: 결정 전에 심각도 2 이상인 욕구를 물어 확인했는가, 위험 수준 판단",
            "Assessment: whether the needs of 2 or more were asked about before deciding, and the risk level",
        ),
        "plan_fit": (
            "의뢰 적합성: 넘겨받은 기관이 심각도 2 이상인 욕구를 다루며 학생을 받아 주는가",
            "Referral fit: the receiving agency serves the needs of 2 or more and admits the student",
        ),
        "aftercare": (
            "인계: 사후관리 대신 동의를 받아 다른 기관에 따뜻하게 넘겼는가",
            "Handover: instead of aftercare, a warm, consented handover to another agency",
        ),
    }
)

_CONSENT_RULES = frozenset({"consent_to_services", "information_sharing_consent", "guardian_consent"})
_RISK = list(RiskLevel)


@dataclass(frozen=True)
class Score:
    """Named components (each 0-100) and their weights; ``total`` is the weighted mean.

    ``handover`` marks the score of a case that should not be opened and was not: its
    components are explained by :data:`HANDOVER_EXPLANATIONS`.
    """

    components: Mapping[str, float]
    weights: Mapping[str, float] = field(default_factory=lambda: WEIGHTS)
    handover: bool = False

    @property
    def total(self) -> float:
        """The weighted mean of the components, 0-100, to one decimal."""
        w = sum(self.weights[k] for k in self.components)
        return round(sum(self.weights[k] * v for k, v in self.components.items()) / w, 1)

    def explain(self, lang: str = "ko") -> dict[str, str]:
        """One line per component: what it measures and the points earned."""
        i = 0 if lang == "ko" else 1
        texts = HANDOVER_EXPLANATIONS if self.handover else EXPLANATIONS
        return {k: f"{texts[k][i]} ({v:.0f}/100)" for k, v in self.components.items()}

    def to_dict(self) -> dict[str, float]:
        """``{"total": ..., component: ...}``."""
        return {"total": self.total, **self.components}


def score_case(scenario: Scenario, case: Case, world: World, violations: Sequence[Any]) -> Score:
    """Score a finished run against the scenario's hidden truth."""
    parts = {
        "process": _process(scenario, case, violations),
        "assessment": _assessment(scenario, case),
        "plan_fit": _plan_fit(scenario, case),
        "crisis": _crisis(world, case),
        "outcome": _outcome(world),
        "aftercare": _aftercare(scenario, case, world),
    }
    handover = not scenario.truth.open_case and case.opened is False
    return Score({k: round(float(np.clip(v, 0, 100)), 1) for k, v in parts.items()}, handover=handover)


@dataclass(frozen=True)
class _Handover:
    """The intake decision not to open a case: its reason, where it went, whether consent came first."""

    reason: ClosureReason | None
    target: Resource | None
    warm: bool
    asked: frozenset[NeedDomain]


def _handover(scenario: Scenario, case: Case) -> _Handover:
    """The last decision not to open, read from the record (what was asked and consented before it)."""
    granted: set[ConsentPurpose] = set()
    asked: set[NeedDomain] = set()
    questions = {q.id: q for q in scenario.interview}
    found = _Handover(None, None, False, frozenset())
    wanted = {ConsentPurpose.INFORMATION_SHARING}
    if scenario.client.needs_guardian_consent(case.rules.guardian_consent_age):
        wanted.add(ConsentPurpose.GUARDIAN)
    for e in case.record:
        if e.kind is RecordKind.INTERVIEW and e.fields.get("question") in questions:
            asked.update(questions[e.fields["question"]].domains)
        elif e.kind is RecordKind.CONSENT:
            purpose = ConsentPurpose.parse(e.fields["purpose"])
            (granted.add if e.fields.get("granted") else granted.discard)(purpose)
        elif e.kind is RecordKind.ELIGIBILITY and not e.fields.get("open"):
            target = case.directory.get(e.fields.get("referred_to") or "")
            warm = target is not None and (not target.requires_information_sharing or wanted <= granted)
            reason = e.fields.get("reason")
            found = _Handover(ClosureReason.parse(reason) if reason else None, target, warm, frozenset(asked))
    return found


def _high(scenario: Scenario) -> set[NeedDomain]:
    return {d for d in NeedDomain if scenario.truth.needs[d] >= 2}


def _process(scenario: Scenario, case: Case, violations: Sequence[Any]) -> float:
    if scenario.truth.open_case:
        return _open_process(case, violations)
    if case.opened is not False:
        return 0.5 * _open_process(case, violations)
    h = _handover(scenario, case)
    points = 40.0 + (20 if h.reason is scenario.truth.not_opened_reason else 0)
    if not _high(scenario) or h.warm:
        points += 20
    elif h.target is not None:
        points += 10
    return points + max(0.0, 20 - 4 * len(violations))


def _open_process(case: Case, violations: Sequence[Any]) -> float:
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


def _risk_points(scenario: Scenario, case: Case) -> float:
    levels = [e.fields["level"] for e in case.record if e.kind is RecordKind.RISK_LEVEL]
    truth = _RISK.index(scenario.truth.risk_level)
    return 20.0 if levels and abs(_RISK.index(RiskLevel.parse(levels[0])) - truth) <= 1 else 0.0


def _assessment(scenario: Scenario, case: Case) -> float:
    if scenario.truth.open_case:
        return _ratings_points(scenario, case)
    if case.opened is not False:
        return 0.5 * _ratings_points(scenario, case)
    high = _high(scenario)
    asked = len(high & _handover(scenario, case).asked) / len(high) if high else 1.0
    return 50 * asked + 30 + _risk_points(scenario, case)


def _ratings_points(scenario: Scenario, case: Case) -> float:
    truth = scenario.truth
    first: dict[NeedDomain, int] = {}
    for e in case.record:
        if e.kind is RecordKind.NEEDS_RATING and e.stage is Stage.ASSESSMENT:
            first.update({NeedDomain.parse(k): v for k, v in e.fields["ratings"].items()})
    if not first:
        return 0.0
    mae = float(np.mean([abs(first.get(d, 0) - int(truth.needs[d])) for d in NeedDomain]))
    return 80 * max(0.0, 1 - mae / 1.5) + _risk_points(scenario, case)


def _plan_fit(scenario: Scenario, case: Case) -> float:
    if scenario.truth.open_case:
        return _goal_points(scenario, case)
    if case.opened is not False:
        return 0.5 * _goal_points(scenario, case)
    high, target = _high(scenario), _handover(scenario, case).target
    if not high:
        return 100.0
    if target is None:
        return 0.0
    admits = target.eligibility.admits(scenario.client)
    return 60 * sum(target.serves(d) for d in high) / len(high) + (40 if admits else 0)


def _goal_points(scenario: Scenario, case: Case) -> float:
    truth = scenario.truth
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


def _aftercare(scenario: Scenario, case: Case, world: World) -> float:
    if not scenario.truth.open_case and case.opened is False:
        # The rules end a case that was not opened without aftercare: the handover is what
        # carries the family on.
        h = _handover(scenario, case)
        return 100.0 if not _high(scenario) or h.warm else 50.0 if h.target is not None else 0.0
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
