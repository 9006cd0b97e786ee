"""A scenario as Python values: one simulated case and the expert's key to it.

A :class:`Scenario` is what a scenario file (``docs/scenario-format.md``) becomes once it
is valid: the student as a :class:`~casekit.domain.Client` whose needs and strengths are
the hidden :class:`Truth`, the referral, the case manager, the resource directory, the
first ecomap ties, the intake interview, the simulated world's events and the expert's
key per stage (:class:`ExpertKey`). Everything is frozen.

Examples
--------
>>> from casekit.domain import Text
>>> q = InterviewQuestion("family", Text("가족은?", "Who is in your family?"),
...                       Text("엄마와 둘이 살아요.", "I live with my mother."), ())
>>> q.minutes
10
>>> EventKind.parse("no_show").label("en")
'no-show'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..domain.case import Case
from ..domain.operating import OperatingSystem
from ..domain.people import CaseManager, Client, Needs, Referral
from ..domain.resources import Resource
from ..domain.rules import CaseRules
from ..domain.text import Text
from ..domain.ties import Tie
from ..domain.vocabulary import (
    ClosureReason,
    Coded,
    ConsentPurpose,
    CrisisType,
    Difficulty,
    Flow,
    NeedDomain,
    Relation,
    RiskLevel,
    Skill,
    Stage,
    TieStrength,
)

__all__ = [
    "SCHEMA_VERSION",
    "AftercareKey",
    "AssessmentKey",
    "CrisisKey",
    "EventKind",
    "ExpertGoal",
    "ExpertKey",
    "InitialTie",
    "IntakeKey",
    "InterviewQuestion",
    "MonitoringKey",
    "PlanningKey",
    "ReassessmentKey",
    "Scenario",
    "ScenarioEvent",
    "ServiceProvisionKey",
    "StageFeedback",
    "TerminationKey",
    "Truth",
]

#: The newest scenario schema version this casekit reads (2 added ``expert.intake.referred_to``).
SCHEMA_VERSION = 2

_EMPTY: Mapping = MappingProxyType({})


class EventKind(Coded):
    """What can happen in a scenario's simulated world."""

    CRISIS = ("crisis", "위기 발생", "crisis")
    NO_SHOW = ("no_show", "약속 불참", "no-show")
    WAITING_LIST = ("waiting_list", "대기자 등록", "waiting list")
    REFUSAL = ("refusal", "서비스 거부", "refusal")
    RESOURCE_CLOSED = ("resource_closed", "자원 운영 중단", "resource closed")
    DISCLOSURE = ("disclosure", "새로운 사실 개방", "disclosure")


@dataclass(frozen=True)
class InitialTie:
    """A tie of the student's at referral: a line of the first ecomap (the student is the source)."""

    target: str
    relation: Relation
    strength: TieStrength
    stressful: bool = False
    flow: Flow = Flow.BOTH
    note: Text | None = None


@dataclass(frozen=True)
class Truth:
    """What the learner must discover; hidden from the learner."""

    needs: Needs
    strengths: tuple[Text, ...]
    risk_level: RiskLevel
    open_case: bool
    not_opened_reason: ClosureReason | None = None
    barriers: tuple[Text, ...] = ()


@dataclass(frozen=True)
class InterviewQuestion:
    """An intake question the learner may ask, what the answer reveals and what it costs."""

    id: str
    ask: Text
    reveals: Text
    domains: tuple[NeedDomain, ...]
    minutes: int = 10


@dataclass(frozen=True)
class ScenarioEvent:
    """Something that happens on ``day`` (days since referral) in the simulated world.

    ``crisis`` is set for crisis events only, with ``response_window_days`` (days to respond
    before the crisis escalates); ``resource`` names the resource a no-show, waiting list,
    refusal or closure concerns; ``needs_change`` moves severities by signed steps.
    """

    day: int
    kind: EventKind
    description: Text
    crisis: CrisisType | None = None
    resource: str | None = None
    needs_change: Mapping[NeedDomain, int] = field(default_factory=lambda: _EMPTY)
    response_window_days: int | None = None


@dataclass(frozen=True)
class ExpertGoal:
    """A goal of the expert's intervention plan: what, how measured, by when, with whom."""

    id: str
    domain: NeedDomain
    description: Text
    measure: Text
    by_day: int
    resources: tuple[str, ...]
    responsible: Text
    frequency: Text


@dataclass(frozen=True)
class IntakeKey:
    """The expert at intake: questions asked, risk judged, whether to open, consents taken.

    ``referred_to`` is the resource a case that is not opened is handed over to (a warm
    referral, e.g. a household's needs to the Hope Welfare Support Team); ``None`` otherwise.
    """

    rationale: Text
    questions: tuple[str, ...]
    risk_level: RiskLevel
    open_case: bool
    consents: tuple[ConsentPurpose, ...]
    referred_to: str | None = None


@dataclass(frozen=True)
class AssessmentKey:
    """The expert's assessment of needs (normally equal to the truth)."""

    rationale: Text
    needs: Needs


@dataclass(frozen=True)
class PlanningKey:
    """The expert's intervention plan."""

    rationale: Text
    goals: tuple[ExpertGoal, ...]
    case_conference: bool = False


@dataclass(frozen=True)
class ServiceProvisionKey:
    """Skills the expert uses while services are provided."""

    rationale: Text
    skills: tuple[Skill, ...]


@dataclass(frozen=True)
class MonitoringKey:
    """How often the expert checks on the services."""

    rationale: Text
    every_days: int


@dataclass(frozen=True)
class ReassessmentKey:
    """The expert's reassessment; ``needs`` may be left out."""

    rationale: Text
    needs: Needs | None = None


@dataclass(frozen=True)
class CrisisKey:
    """How the expert responds to the scenario's crisis."""

    rationale: Text
    respond_within_days: int
    skills: tuple[Skill, ...]
    resources: tuple[str, ...]


@dataclass(frozen=True)
class TerminationKey:
    """Why the expert closes (or does not open) the case."""

    rationale: Text
    closure_reason: ClosureReason


@dataclass(frozen=True)
class AftercareKey:
    """When the expert follows up: days after closure, increasing."""

    rationale: Text
    followup_days: tuple[int, ...]


@dataclass(frozen=True)
class ExpertKey:
    """The expert's key per stage; stages after intake are ``None`` for a case not opened."""

    intake: IntakeKey
    termination: TerminationKey
    assessment: AssessmentKey | None = None
    planning: PlanningKey | None = None
    service_provision: ServiceProvisionKey | None = None
    monitoring: MonitoringKey | None = None
    reassessment: ReassessmentKey | None = None
    aftercare: AftercareKey | None = None
    crisis: CrisisKey | None = None

    def stage(self, stage: Stage | str) -> object | None:
        """The key for ``stage`` (a :class:`Stage`, a stage code or ``"crisis"``), or ``None``."""
        code = "crisis" if stage == "crisis" else Stage.parse(stage).value
        return getattr(self, code)


@dataclass(frozen=True)
class StageFeedback:
    """What to praise when the learner did a stage well and the hint when they missed it."""

    good: Text
    missing: Text


@dataclass(frozen=True)
class Scenario:
    """One simulated case, read from a scenario file (``docs/scenario-format.md``).

    ``client`` carries the hidden truth's needs and strengths; ``events`` are in day order;
    ``source`` is the path the scenario was read from, as given (``None`` for text).
    """

    id: str
    title: Text
    summary: Text
    difficulty: Difficulty
    learning_objectives: tuple[Text, ...]
    crises: tuple[CrisisType, ...]
    skills: tuple[Skill, ...]
    client: Client
    referral: Referral
    case_manager: CaseManager
    operating_system: OperatingSystem | None
    resources: tuple[Resource, ...]
    ties: tuple[InitialTie, ...]
    truth: Truth
    interview: tuple[InterviewQuestion, ...]
    events: tuple[ScenarioEvent, ...]
    expert: ExpertKey
    feedback: Mapping[str, StageFeedback] = field(default_factory=lambda: _EMPTY)
    parameters: Mapping[str, float] = field(default_factory=lambda: _EMPTY)
    schema_version: int = SCHEMA_VERSION
    source: str | None = None

    def resource(self, id: str) -> Resource:
        """The resource with ``id``; ``KeyError`` naming the known ids if there is none."""
        for r in self.resources:
            if r.id == id:
                return r
        raise KeyError(
            f"scenario {self.id}: no resource {id!r}; resources: {', '.join(r.id for r in self.resources)}"
        )

    def question(self, id: str) -> InterviewQuestion:
        """The interview question with ``id``; ``KeyError`` naming the known ids if there is none."""
        for q in self.interview:
            if q.id == id:
                return q
        raise KeyError(
            f"scenario {self.id}: no interview question {id!r}; "
            f"questions: {', '.join(q.id for q in self.interview)}"
        )

    def crisis_events(self) -> tuple[ScenarioEvent, ...]:
        """The events of kind ``crisis``, in day order."""
        return tuple(e for e in self.events if e.kind is EventKind.CRISIS)

    def initial_ties(self) -> tuple[Tie, ...]:
        """The student's ties at referral as domain :class:`~casekit.domain.Tie` objects."""
        return tuple(
            Tie(
                self.client.id,
                t.target,
                t.relation,
                t.strength,
                t.stressful,
                t.flow,
                note=t.note.ko if t.note else "",
            )
            for t in self.ties
        )

    def new_case(self, *, rules: CaseRules | None = None, case_id: str | None = None) -> Case:
        """A fresh case at intake for this scenario's student, manager and resource directory.

        The referral and the ties known at referral are its first record entry.
        """
        return Case(
            self.client,
            self.case_manager,
            self.resources,
            referral=self.referral,
            ties=self.initial_ties(),
            rules=rules,
            case_id=case_id or f"{self.id}/{self.client.id}",
        )
