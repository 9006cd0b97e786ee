"""The case file: an append-only list of immutable record entries.

Seed 001 treats the process and its records as one: every step of case management leaves a
written trace (intake record, consent form, assessment record, service plan, process notes
and monitoring log, evaluation, closure record, aftercare log). In casekit every action on a
case appends one :class:`RecordEntry`; the case's current state is derived from the record by
replaying it (:meth:`casekit.domain.Case.replay`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Any

from .errors import CasekitError
from .text import Text
from .vocabulary import Coded, Stage

__all__ = ["RecordKind", "RecordEntry", "freeze", "thaw", "SENSITIVE_KINDS", "WORLD_AUTHOR"]

#: The author of entries the simulated world writes (service statuses, crises), not a person.
WORLD_AUTHOR = "world"


class RecordKind(Coded):
    """What a record entry records (the typical record forms by stage, DOMAIN.md §3)."""

    REFERRAL_RECEIVED = ("referral_received", "의뢰 접수", "referral received")
    INTERVIEW = ("interview", "면접 질문", "interview question")
    INTAKE_RECORD = ("intake_record", "접수 기록지", "intake record")
    CONSENT = ("consent", "동의서", "consent")
    ELIGIBILITY = ("eligibility", "개입 여부 결정", "decision to open the case")
    RISK_LEVEL = ("risk_level", "위험 수준", "risk level")
    NEEDS_RATING = ("needs_rating", "욕구 사정", "needs rating")
    STRENGTH = ("strength", "강점", "strength")
    TIE = ("tie", "생태도 관계", "ecomap tie")
    GOAL_SET = ("goal_set", "목표 설정", "goal set")
    GOAL_DROPPED = ("goal_dropped", "목표 삭제", "goal dropped")
    CASE_CONFERENCE = ("case_conference", "사례회의", "case conference")
    SUPERVISION = ("supervision", "슈퍼비전", "supervision")
    LINK = ("link", "자원 연계·의뢰", "link to a resource")
    SERVICE_STATUS = ("service_status", "서비스 상태", "service status")
    DIRECT_PRACTICE = ("direct_practice", "직접실천", "direct practice")
    INDIRECT_PRACTICE = ("indirect_practice", "간접실천", "indirect practice")
    CRISIS = ("crisis", "위기 발생", "crisis")
    CRISIS_INTERVENTION = ("crisis_intervention", "위기개입", "crisis intervention")
    MANDATORY_REPORT = ("mandatory_report", "신고의무 이행", "mandatory report")
    MONITORING = ("monitoring", "점검 기록", "monitoring check")
    GOAL_EVALUATION = ("goal_evaluation", "목표 평가", "goal evaluation")
    CLOSURE = ("closure", "종결 기록", "closure record")
    FOLLOW_UP = ("follow_up", "사후관리 점검", "aftercare follow-up")
    STAGE_CHANGE = ("stage_change", "단계 이동", "stage change")
    CASE_END = ("case_end", "사례 종료", "case ended")
    NOTE = ("note", "과정 기록", "process note")


#: Kinds whose entries carry sensitive information (health, mental health, abuse) under
#: Korean privacy law; exports mark them so.
SENSITIVE_KINDS = frozenset({RecordKind.CRISIS, RecordKind.CRISIS_INTERVENTION, RecordKind.MANDATORY_REPORT})


def freeze(value: Any) -> Any:
    """A deep read-only copy of JSON-like ``value`` (dicts become read-only, lists tuples).

    Enum members become their codes, :class:`Text` becomes ``{"ko", "en"}``.

    Examples
    --------
    >>> f = freeze({"a": [1, {"b": 2}]})
    >>> f["a"]
    (1, mappingproxy({'b': 2}))
    """
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Text):
        return MappingProxyType(value.to_dict())
    if isinstance(value, Mapping):
        return MappingProxyType(
            {str(k.value if isinstance(k, Enum) else k): freeze(v) for k, v in value.items()}
        )
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return tuple(freeze(v) for v in items)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise CasekitError(f"record field: cannot store a value of type {type(value).__name__} ({value!r})")


def thaw(value: Any) -> Any:
    """Plain JSON-ready dicts and lists from a :func:`freeze` d value."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    return value


@dataclass(frozen=True)
class RecordEntry:
    """One immutable entry of a case file.

    Parameters
    ----------
    seq
        Position in the record, from 0.
    stage
        The stage the case was at when the entry was written.
    day
        Days since the referral.
    author
        Who wrote it (the case manager's id, a learner's name, a policy name).
    kind
        What it records.
    fields
        Structured content (read-only; JSON-like).
    note
        Free text written by the author.
    """

    seq: int
    stage: Stage
    day: int
    author: str
    kind: RecordKind
    fields: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields", freeze(dict(self.fields)))

    @property
    def by_world(self) -> bool:
        """Whether the simulated world wrote the entry (not the case manager)."""
        return self.author == WORLD_AUTHOR

    @property
    def sensitive(self) -> bool:
        """Whether the entry holds sensitive information (crisis, abuse, health)."""
        return self.kind in SENSITIVE_KINDS or bool(self.fields.get("sensitive"))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the case-file form)."""
        return {
            "seq": self.seq,
            "stage": self.stage.value,
            "day": self.day,
            "author": self.author,
            "kind": self.kind.value,
            "fields": thaw(self.fields),
            "note": self.note,
            "sensitive": self.sensitive,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RecordEntry:
        """Rebuild an entry from :meth:`to_dict` output; bad data raises ``CasekitError``."""
        try:
            return cls(
                seq=int(data["seq"]),
                stage=Stage.parse(data["stage"]),
                day=int(data["day"]),
                author=str(data["author"]),
                kind=RecordKind.parse(data["kind"]),
                fields=dict(data.get("fields") or {}),
                note=str(data.get("note") or ""),
            )
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, CasekitError):
                raise
            raise CasekitError(f"record entry {data.get('seq', '?')}: {exc}") from None
