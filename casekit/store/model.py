"""What the casebook hands back: learners, sessions, saved steps, scores, deletion counts.

All are frozen dataclasses (values, like :class:`casekit.domain.RecordEntry`); their
``to_dict`` gives plain JSON-ready dicts with no machine paths.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, fields
from types import MappingProxyType
from typing import Any

from ..domain.errors import StoreError
from ..domain.records import RecordEntry, thaw

__all__ = [
    "STATUSES",
    "Learner",
    "ScoreSnapshot",
    "SavedStep",
    "SessionInfo",
    "SavedSession",
    "RemovedCounts",
    "normalize_name",
    "check_session_fields",
]

#: A session's status: still being worked on, completed, or given up.
STATUSES = ("active", "finished", "abandoned")

# A resident registration number (DOMAIN.md §7) must never be stored, not even as a name.
_RRN = re.compile(r"(?<!\d)\d{6}-?[1-8]\d{6}(?!\d)")


def normalize_name(name: str, what: str = "learner name") -> str:
    """``name`` as stored and compared: Unicode NFC, surrounding spaces removed.

    Korean typed on different systems can arrive composed (NFC) or decomposed (NFD, as macOS
    file names are); both must find the same learner.

    Examples
    --------
    >>> normalize_name("  김하늘 ") == normalize_name(unicodedata.normalize("NFD", "김하늘"))
    True
    >>> normalize_name("   ")
    Traceback (most recent call last):
    ...
    casekit.domain.errors.StoreError: learner name: 비어 있습니다 / empty
    """
    if not isinstance(name, str):
        raise StoreError(f"{what}: must be text, got {type(name).__name__}")
    text = unicodedata.normalize("NFC", name).strip()
    if not text:
        raise StoreError(f"{what}: 비어 있습니다 / empty")
    if _RRN.search(text):
        raise StoreError(
            f"{what}: 주민등록번호로 보입니다. 주민등록번호는 입력하지 마세요 / "
            "looks like a resident registration number; never enter one"
        )
    return text


def check_session_fields(
    where: str, scenario_id: object, seed: object, lang: object, policy: object, digest: object
) -> None:
    """:class:`StoreError` naming the first session field that cannot be stored.

    Examples
    --------
    >>> check_session_fields("casebook.sqlite3", "s001", 7, "ko", "learner", None)
    >>> check_session_fields("casebook.sqlite3", "s001", 2**64, "ko", "learner", None)
    Traceback (most recent call last):
    ...
    casekit.domain.errors.StoreError: casebook.sqlite3: seed: must be a whole number that fits in 64 bits, got 18446744073709551616
    """
    if not isinstance(scenario_id, str) or not scenario_id.strip():
        raise StoreError(f"{where}: scenario_id: must be a scenario id, got {scenario_id!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or not -(2**63) <= seed < 2**63:
        raise StoreError(f"{where}: seed: must be a whole number that fits in 64 bits, got {seed!r}")
    if lang not in ("ko", "en"):
        raise StoreError(f"{where}: lang: must be 'ko' or 'en', got {lang!r}")
    if not isinstance(policy, str) or not policy.strip():
        raise StoreError(f"{where}: policy: must be 'learner' or a policy name, got {policy!r}")
    if digest is not None and not isinstance(digest, str):
        raise StoreError(f"{where}: scenario_digest: must be text, got {digest!r}")


@dataclass(frozen=True)
class Learner:
    """A learner as they entered themselves: a name, and optionally a student number and class."""

    name: str
    student_number: str | None
    class_label: str | None
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class ScoreSnapshot:
    """The score after one step: the total and its named components (each 0-100)."""

    step_seq: int
    total: float
    components: Mapping[str, float]

    def __post_init__(self) -> None:
        object.__setattr__(self, "components", MappingProxyType(dict(self.components)))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"step_seq": self.step_seq, "total": self.total, "components": dict(self.components)}


@dataclass(frozen=True)
class SavedStep:
    """One step of a session's decision log, with the record entries it produced.

    ``data`` is the walkthrough's step exactly as saved, read-only (lists come back as tuples;
    ``to_dict`` gives plain lists and dicts again).
    """

    seq: int
    data: Mapping[str, Any]
    entries: tuple[RecordEntry, ...]
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``seq``, ``step``, ``entries``, ``created_at``."""
        return {
            "seq": self.seq,
            "step": thaw(self.data),
            "entries": [e.to_dict() for e in self.entries],
            "created_at": self.created_at,
        }


@dataclass(frozen=True)
class SessionInfo:
    """A case session without its steps (what :meth:`Casebook.get_sessions` lists)."""

    id: int
    learner: str
    scenario_id: str
    scenario_digest: str | None
    seed: int
    lang: str
    policy: str
    status: str
    created_at: str
    updated_at: str
    view_state: Mapping[str, Any] | None
    n_steps: int
    score: ScoreSnapshot | None

    @property
    def next_seq(self) -> int:
        """The ``seq`` the next :meth:`Casebook.add_step` must use."""
        return self.n_steps

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the session's header."""
        return {
            "id": self.id,
            "learner": self.learner,
            "scenario_id": self.scenario_id,
            "scenario_digest": self.scenario_digest,
            "seed": self.seed,
            "lang": self.lang,
            "policy": self.policy,
            "status": self.status,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "view_state": None if self.view_state is None else thaw(self.view_state),
            "n_steps": self.n_steps,
            "score": None if self.score is None else self.score.to_dict(),
        }


@dataclass(frozen=True)
class SavedSession(SessionInfo):
    """A whole case session: header, every step with its entries, and the score history.

    Examples
    --------
    >>> s = SavedSession(1, "김하늘", "s001", None, 7, "ko", "learner", "active", "t0", "t1",
    ...                 None, 0, None, steps=(), score_history=())
    >>> s.next_seq, s.entries
    (0, ())
    """

    steps: tuple[SavedStep, ...] = ()
    score_history: tuple[ScoreSnapshot, ...] = ()

    @property
    def entries(self) -> tuple[RecordEntry, ...]:
        """Every record entry of the session, in the order the steps produced them."""
        return tuple(e for step in self.steps for e in step.entries)

    def step_dicts(self) -> list[dict[str, Any]]:
        """The steps as plain dicts, ready to replay through the walkthrough."""
        return [thaw(step.data) for step in self.steps]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the header, ``steps`` and ``score_history``."""
        out = super().to_dict()
        out["steps"] = [step.to_dict() for step in self.steps]
        out["score_history"] = [s.to_dict() for s in self.score_history]
        return out


@dataclass(frozen=True)
class RemovedCounts:
    """How many rows a removal deleted, by table.

    Examples
    --------
    >>> print(RemovedCounts(learners=1, sessions=2, steps=9, entries=14, scores=9))
    학습자 1, 세션 2, 단계 9, 기록 14, 점수 9 / learners 1, sessions 2, steps 9, entries 14, scores 9
    """

    learners: int = 0
    sessions: int = 0
    steps: int = 0
    entries: int = 0
    scores: int = 0

    def to_dict(self) -> dict[str, int]:
        """The counts by table name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def __str__(self) -> str:
        ko = ("학습자", "세션", "단계", "기록", "점수")
        counts = self.to_dict()
        korean = ", ".join(f"{label} {n}" for label, n in zip(ko, counts.values()))
        english = ", ".join(f"{table} {n}" for table, n in counts.items())
        return f"{korean} / {english}"
