"""Helpers shared by the record-entry handlers: reading fields and raising rule errors."""

from __future__ import annotations

from typing import Any

from .errors import CaseError
from .plan import Goal
from .records import RecordEntry
from .resources import Resource
from .state import CaseContext, CaseState
from .vocabulary import ConsentPurpose

__all__ = ["fail", "text_field", "code_field", "known_resource", "known_goal", "require_services_consent"]


def fail(state: CaseState, rule: str, ko: str, en: str) -> CaseError:
    return CaseError(state.stage, rule, ko, en)


def text_field(state: CaseState, entry: RecordEntry, key: str, ko: str, en: str) -> str:
    value = entry.fields.get(key)
    if not isinstance(value, str) or not value.strip():
        raise fail(state, "text_required", f"{ko}을(를) 입력하세요.", f"Enter the {en}.")
    return value.strip()


def code_field(state: CaseState, cls: Any, value: Any, what: str) -> Any:
    try:
        return cls.parse(value)
    except ValueError as exc:
        raise fail(state, "known_code", f"알 수 없는 {what} 코드입니다: {value!r}", str(exc)) from None


def known_resource(state: CaseState, ctx: CaseContext, rid: Any) -> Resource:
    if rid not in ctx.directory:
        raise fail(
            state,
            "known_resource",
            f"자원 목록에 없는 자원입니다: {rid!r}",
            f"{rid!r} is not in the resource directory.",
        )
    return ctx.directory[rid]


def known_goal(state: CaseState, gid: Any) -> Goal:
    if gid not in state.goals:
        raise fail(
            state, "known_goal", f"계획에 없는 목표입니다: {gid!r}", f"There is no goal {gid!r} in the plan."
        )
    return state.goals[gid]


def require_services_consent(state: CaseState) -> None:
    if not state.has_consent(ConsentPurpose.SERVICES):
        raise fail(
            state,
            "consent_to_services",
            "학생의 서비스 이용 동의가 없습니다(또는 철회되었습니다).",
            "The student has not consented to services (or has withdrawn consent).",
        )
