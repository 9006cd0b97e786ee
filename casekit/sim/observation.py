"""What a policy sees and what it decides: :class:`Observation`, :class:`Action`, :class:`Decision`.

The learner is a policy (ARCHITECTURE.md). An observation holds only what a case manager
could know on the day: the case record and the state derived from it, the referral, the
student's public facts, the resource directory, the interview menu, the answers to the
questions already asked, the severities observed so far (a domain's severity becomes
observable when a question informing it is asked, when monitoring checks a goal's domain,
at reassessment and on a disclosure), observed no-shows and refusals, and the errors of the
previous decision. Never the hidden truth, the expert key or future events.

A decision is a plain list of actions: each names a :class:`~casekit.domain.Case` method
(``verb``) and its keyword arguments, and ``wait_days`` says when to decide next. Everything
is JSON-ready (``to_dict``) so the interactive learner can build decisions from widgets.

Examples
--------
>>> d = Decision((Action("ask", {"question": "family"}), Action("advance_to", {"stage": "assessment"})), 3)
>>> d.to_dict()["actions"][1]
{'verb': 'advance_to', 'args': {'stage': 'assessment'}}
>>> Action("delete_everything")
Traceback (most recent call last):
...
casekit.domain.errors.CasekitError: unknown action verb 'delete_everything'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Protocol, runtime_checkable

from ..domain.errors import CasekitError
from ..domain.people import Referral
from ..domain.records import RecordEntry
from ..domain.resources import Resource
from ..domain.state import CaseState
from ..domain.text import Text
from ..domain.vocabulary import EligibilityCategory, HouseholdType, NeedDomain, SchoolLevel, Stage

__all__ = ["VERBS", "Action", "Decision", "Observation", "Policy", "QuestionInfo", "StudentFacts"]

#: Case methods a case manager may call, plus ``advance_to``.
VERBS = frozenset(
    {
        "ask",
        "record_intake",
        "record_consent",
        "decide_to_open",
        "set_risk_level",
        "rate_needs",
        "note_strength",
        "record_tie",
        "set_goal",
        "drop_goal",
        "hold_case_conference",
        "record_supervision",
        "refer",
        "use_skill",
        "intervene_in_crisis",
        "report",
        "monitor",
        "evaluate_goal",
        "close",
        "follow_up",
        "reopen",
        "end",
        "add_note",
        "advance_to",
    }
)

_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class Action:
    """One thing the case manager does: a :class:`~casekit.domain.Case` method and its arguments.

    ``hold_case_conference`` takes ``participants`` (list of names), ``agenda`` and optional
    ``decisions``; ``record_supervision`` takes ``supervisor``, ``topics`` and ``guidance``;
    ``follow_up`` needs no ``finding`` (the simulated world says what the follow-up found).
    The day is always the decision's day.
    """

    verb: str
    args: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)

    def __post_init__(self) -> None:
        if self.verb not in VERBS:
            raise CasekitError(f"unknown action verb {self.verb!r}")
        object.__setattr__(self, "args", MappingProxyType(dict(self.args)))

    def to_dict(self) -> dict[str, Any]:
        """``{"verb", "args"}`` with codes as plain strings."""
        return {"verb": self.verb, "args": {k: _plain(v) for k, v in self.args.items()}}


@dataclass(frozen=True)
class Decision:
    """The actions of one decision, in order, and the days until the next decision (>= 1)."""

    actions: tuple[Action, ...] = ()
    wait_days: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", tuple(self.actions))
        object.__setattr__(self, "wait_days", max(1, int(self.wait_days)))

    def to_dict(self) -> dict[str, Any]:
        """``{"actions": [...], "wait_days": n}``."""
        return {"actions": [a.to_dict() for a in self.actions], "wait_days": self.wait_days}


@dataclass(frozen=True)
class StudentFacts:
    """The student's facts that the case manager knows from the referral and school records."""

    id: str
    name: Text
    age: int
    school_level: SchoolLevel
    grade: int
    household_type: HouseholdType
    eligibility: frozenset[EligibilityCategory]
    interpreter_needed: bool = False


@dataclass(frozen=True)
class QuestionInfo:
    """An interview question on the menu: its id, wording and the domains it is about."""

    id: str
    ask: Text
    domains: tuple[NeedDomain, ...]
    minutes: int = 10


@dataclass(frozen=True)
class Observation:
    """Everything a case manager could know on ``day`` (see the module docstring)."""

    day: int
    stage: Stage
    ended: bool
    state: CaseState
    record: tuple[RecordEntry, ...]
    referral: Referral | None
    student: StudentFacts
    resources: tuple[Resource, ...]
    questions: tuple[QuestionInfo, ...]
    answers: Mapping[str, Text]
    observed: Mapping[NeedDomain, int]
    no_shows: tuple[tuple[int, str], ...] = ()
    refusals: tuple[tuple[int, str], ...] = ()
    followups: tuple[tuple[int, str], ...] = ()
    last_errors: tuple[tuple[str, str, str], ...] = ()
    guardian_needed: bool = False

    def resource(self, rid: str) -> Resource:
        """The directory resource with id ``rid``."""
        for r in self.resources:
            if r.id == rid:
                return r
        raise KeyError(rid)

    def new_crises(self) -> list[str]:
        """Ids of recorded crises not yet responded to, oldest first."""
        return [c.id for c in self.state.crises.values() if c.intervened_day is None]


@runtime_checkable
class Policy(Protocol):
    """Decides what the case manager does next, given what the case manager can observe."""

    def decide(self, observation: Observation) -> Decision:  # pragma: no cover - protocol
        """The next decision."""
        ...


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
