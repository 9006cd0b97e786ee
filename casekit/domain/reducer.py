"""Applying a record entry to a case's state: the only place where a case changes.

:func:`apply` checks every rule that concerns the entry and raises
:class:`~casekit.domain.CaseError` when one is broken, so replaying a record re-checks it.
:class:`~casekit.domain.Case` applies each entry to a copy of the state and keeps the copy
only on success, so an illegal action leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable

from .handlers_base import fail
from .handlers_early import EARLY_HANDLERS
from .handlers_late import LATE_HANDLERS, LINK_STAGES
from .records import RecordEntry, RecordKind
from .state import CaseContext, CaseState
from .vocabulary import Stage

__all__ = ["apply", "ALLOWED_STAGES"]

S = Stage
_ANY = frozenset(Stage)
_IMPLEMENTATION = frozenset({S.SERVICE_PROVISION, S.MONITORING})

#: Stages at which each kind of entry may be written (linking has a crisis exception).
ALLOWED_STAGES: dict[RecordKind, frozenset[Stage]] = {
    RecordKind.REFERRAL_RECEIVED: frozenset({S.INTAKE}),
    RecordKind.INTERVIEW: frozenset({S.INTAKE, S.ASSESSMENT, S.REASSESSMENT}),
    RecordKind.INTAKE_RECORD: frozenset({S.INTAKE}),
    RecordKind.CONSENT: _ANY,
    RecordKind.ELIGIBILITY: frozenset({S.INTAKE}),
    RecordKind.RISK_LEVEL: _ANY,
    RecordKind.NEEDS_RATING: frozenset({S.ASSESSMENT, S.REASSESSMENT}),
    RecordKind.STRENGTH: frozenset({S.ASSESSMENT, S.REASSESSMENT}),
    RecordKind.TIE: _ANY,
    RecordKind.GOAL_SET: frozenset({S.PLANNING}),
    RecordKind.GOAL_DROPPED: frozenset({S.PLANNING}),
    RecordKind.CASE_CONFERENCE: _ANY,
    RecordKind.SUPERVISION: _ANY,
    RecordKind.LINK: LINK_STAGES,
    RecordKind.SERVICE_STATUS: _ANY,
    RecordKind.DIRECT_PRACTICE: _IMPLEMENTATION,
    RecordKind.INDIRECT_PRACTICE: frozenset({S.PLANNING, S.SERVICE_PROVISION, S.MONITORING}),
    RecordKind.CRISIS: _ANY,
    RecordKind.CRISIS_INTERVENTION: _ANY,
    RecordKind.MANDATORY_REPORT: _ANY,
    RecordKind.MONITORING: frozenset({S.MONITORING}),
    RecordKind.GOAL_EVALUATION: frozenset({S.TERMINATION}),
    RecordKind.CLOSURE: frozenset({S.TERMINATION}),
    RecordKind.FOLLOW_UP: frozenset({S.AFTERCARE}),
    RecordKind.STAGE_CHANGE: _ANY,
    RecordKind.CASE_END: frozenset({S.TERMINATION, S.AFTERCARE}),
    RecordKind.NOTE: _ANY,
}

Handler = Callable[[CaseState, RecordEntry, CaseContext], None]
_HANDLERS: dict[RecordKind, Handler] = {**EARLY_HANDLERS, **LATE_HANDLERS}


def apply(state: CaseState, entry: RecordEntry, ctx: CaseContext) -> None:
    """Apply ``entry`` to ``state`` in place, or raise ``CaseError`` before changing anything.

    Callers that must keep the old state on failure apply to a copy (as :class:`Case` does):
    a handler checks all its rules before it writes.
    """
    if state.ended:
        raise fail(
            state,
            "case_ended",
            "이미 종료된 사례입니다.",
            "The case has ended; nothing more can be recorded.",
        )
    if entry.day < state.day:
        raise fail(
            state,
            "day_order",
            f"기록 날짜({entry.day}일)가 앞선 기록({state.day}일)보다 이릅니다.",
            f"Day {entry.day} is before the last entry's day {state.day}.",
        )
    if entry.stage is not state.stage:
        raise fail(
            state,
            "record_stage",
            "기록의 단계가 사례의 현재 단계와 다릅니다.",
            f"The entry says stage {entry.stage.value} but the case is at {state.stage.value}.",
        )
    allowed = ALLOWED_STAGES[entry.kind]
    if state.stage not in allowed and entry.kind is not RecordKind.LINK:
        stages = [s for s in Stage if s in allowed]
        raise fail(
            state,
            "stage_allows_action",
            f"'{entry.kind.ko}'은(는) 이 단계에서 할 수 없습니다. 가능한 단계: "
            + ", ".join(s.ko for s in stages),
            f"'{entry.kind.en}' is not possible at this stage. Possible at: "
            + ", ".join(s.value for s in stages),
        )
    _HANDLERS[entry.kind](state, entry, ctx)
    state.day = entry.day
