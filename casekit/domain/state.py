"""The state of a case, derived from its record (see :mod:`casekit.domain.reducer`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .people import CaseManager, Client, Consent
from .plan import CrisisEpisode, Goal, Service
from .resources import Resource
from .rules import CaseRules
from .ties import Tie
from .vocabulary import (
    ClosureReason,
    ConsentPurpose,
    FollowUpFinding,
    GoalOutcome,
    NeedDomain,
    RiskLevel,
    Skill,
    Stage,
)

__all__ = ["CaseContext", "CaseState"]

S = Stage


@dataclass(frozen=True)
class CaseContext:
    """What a case is about and the rules it runs under; not part of the record."""

    client: Client
    manager: CaseManager
    directory: Mapping[str, Resource]
    rules: CaseRules

    def tie_targets(self) -> set[str]:
        """Ids a client's tie may point to: resources, household members, the manager."""
        return set(self.directory) | {m.id for m in self.client.household} | {self.manager.id}


@dataclass
class CaseState:
    """Everything known about a case at a point of its record (derived, never stored)."""

    stage: Stage = S.INTAKE
    day: int = 0
    ended: bool = False
    timeline: list[tuple[Stage, int]] = field(default_factory=lambda: [(S.INTAKE, 0)])
    interviews: list[str] = field(default_factory=list)
    intake: dict[str, Any] | None = None
    opened: bool | None = None
    not_opened_reason: ClosureReason | None = None
    referred_to: str | None = None
    consents: dict[ConsentPurpose, Consent] = field(default_factory=dict)
    risk_level: RiskLevel | None = None
    ratings: dict[NeedDomain, int] = field(default_factory=dict)
    round_rated: set[NeedDomain] = field(default_factory=set)
    strengths: list[str] = field(default_factory=list)
    ties: dict[tuple[str, str, str], Tie] = field(default_factory=dict)
    goals: dict[str, Goal] = field(default_factory=dict)
    services: dict[str, Service] = field(default_factory=dict)
    coordinated: set[str] = field(default_factory=set)
    skills: list[tuple[int, Skill, Stage]] = field(default_factory=list)
    crises: dict[str, CrisisEpisode] = field(default_factory=dict)
    conferences: int = 0
    supervisions: int = 0
    monitoring_round: int = 0
    monitoring_total: int = 0
    progress: dict[str, int] = field(default_factory=dict)
    evaluations: dict[str, GoalOutcome] = field(default_factory=dict)
    closure: dict[str, Any] | None = None
    followups: list[tuple[int, FollowUpFinding]] = field(default_factory=list)
    reopened: int = 0

    def clone(self) -> CaseState:
        """An independent copy, cheap enough to take before every action.

        Handlers replace fields, change the contents of the containers below, and mutate
        :class:`Service` and :class:`CrisisEpisode` objects; everything else they hold
        (goals, ties, consents, codes) is immutable, so copying containers one level deep and
        those two kinds of object is enough for the copy to share nothing that can change.
        """
        return replace(
            self,
            timeline=list(self.timeline),
            interviews=list(self.interviews),
            intake=None if self.intake is None else dict(self.intake),
            consents=dict(self.consents),
            ratings=dict(self.ratings),
            round_rated=set(self.round_rated),
            strengths=list(self.strengths),
            ties=dict(self.ties),
            goals=dict(self.goals),
            services={k: replace(v, history=list(v.history)) for k, v in self.services.items()},
            coordinated=set(self.coordinated),
            skills=list(self.skills),
            crises={k: replace(v) for k, v in self.crises.items()},
            progress=dict(self.progress),
            evaluations=dict(self.evaluations),
            closure=None if self.closure is None else dict(self.closure),
            followups=list(self.followups),
        )

    def has_consent(self, purpose: ConsentPurpose) -> bool:
        """Whether consent for ``purpose`` is currently granted."""
        consent = self.consents.get(purpose)
        return consent is not None and consent.granted

    def active_crises(self, day: int) -> list[CrisisEpisode]:
        """Crises whose response window includes ``day``."""
        return [c for c in self.crises.values() if c.active_on(day)]
