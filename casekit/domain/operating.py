"""The operating system of school case management (seed 000, element 5).

Case management delivers integrated services through a working system: in school, the
school social worker and a case-management team inside the welfare department (or the
integrated student-support committee that the Student Tailored Integrated Support Act puts
under the principal); out of school, the community network around the student's life. It
runs on staffing, supervision, case conferences, an information system and quality
management. Case conferences and supervision sessions are events a case records.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import CasekitError
from .text import Text
from .vocabulary import Coded

__all__ = [
    "ConferenceKind",
    "TeamMember",
    "SchoolTeam",
    "CaseConference",
    "SupervisionSession",
    "OperatingSystem",
]


class ConferenceKind(Coded):
    """Who sits at a case conference."""

    INTERNAL = ("internal", "교내 사례회의", "in-school case conference")
    INTEGRATED = (
        "integrated",
        "통합사례회의(지역 기관 참여)",
        "integrated conference with community agencies",
    )


@dataclass(frozen=True)
class TeamMember:
    """A member of the in-school team and the role they play in it."""

    name: Text
    role: Text


@dataclass(frozen=True)
class SchoolTeam:
    """The in-school case-management team (or integrated student-support committee)."""

    name: Text
    members: tuple[TeamMember, ...] = ()
    led_by_principal: bool = False


@dataclass(frozen=True)
class CaseConference:
    """A case conference (사례회의): who took part, what was discussed, what was decided."""

    day: int
    participants: tuple[Text, ...]
    agenda: Text
    decisions: tuple[Text, ...] = ()
    kind: ConferenceKind = ConferenceKind.INTERNAL

    def __post_init__(self) -> None:
        if not self.participants:
            raise CasekitError("case conference: participants: name at least one participant")


@dataclass(frozen=True)
class SupervisionSession:
    """A supervision session (슈퍼비전) on the case: the supervisor's topics and guidance."""

    day: int
    supervisor: Text
    topics: tuple[Text, ...]
    guidance: Text


@dataclass(frozen=True)
class OperatingSystem:
    """The in-school and out-of-school machinery a case runs inside.

    Parameters
    ----------
    team
        The in-school team, if the school has one.
    partners
        Ids of out-of-school resources the school has standing agreements with.
    conference_every_days
        How often the team meets on open cases; ``None`` if only on demand.
    supervisor
        Who supervises the case manager, if anyone.
    information_system
        Whether records are kept in a shared information system.
    """

    team: SchoolTeam | None = None
    partners: tuple[str, ...] = ()
    conference_every_days: int | None = None
    supervisor: Text | None = None
    information_system: bool = True
