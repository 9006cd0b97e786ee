"""Handlers for intake, assessment and planning entries (and the operating system's events)."""

from __future__ import annotations

from .handlers_base import code_field, fail, known_goal, known_resource, text_field
from .operating import ConferenceKind
from .people import Consent
from .plan import Goal
from .records import RecordEntry, RecordKind
from .state import CaseContext, CaseState
from .ties import Tie
from .vocabulary import ClosureReason, ConsentPurpose, Flow, NeedDomain, Relation, RiskLevel, TieStrength

__all__ = ["EARLY_HANDLERS"]


def _referral_received(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    if e.seq != 0:
        raise fail(
            state,
            "referral_first",
            "의뢰 접수는 사례 기록의 첫 항목입니다.",
            "The referral opens the record.",
        )
    for tie in e.fields.get("ties", ()):
        _tie(state, RecordEntry(e.seq, e.stage, e.day, e.author, RecordKind.TIE, dict(tie)), ctx)


def _interview(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    question = text_field(state, e, "question", "질문", "question")
    if question in state.interviews:
        raise fail(
            state, "question_asked_once", "이미 한 질문입니다.", f"Question {question!r} was already asked."
        )
    state.interviews.append(question)


def _intake_record(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    missing = [k for k in ctx.rules.required_intake_fields if not str(e.fields.get(k) or "").strip()]
    if missing:
        raise fail(
            state,
            "intake_fields",
            "접수 기록지에 빠진 항목이 있습니다: " + ", ".join(missing),
            "The intake record is missing: " + ", ".join(missing),
        )
    state.intake = dict(e.fields)


def _consent(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    purpose = code_field(state, ConsentPurpose, e.fields.get("purpose"), "동의 목적")
    given_by = e.fields.get("given_by", "student")
    if purpose is ConsentPurpose.GUARDIAN and given_by != "guardian":
        raise fail(
            state,
            "guardian_consent_by_guardian",
            "법정대리인 동의는 보호자가 해야 합니다.",
            "Only a guardian gives guardian consent.",
        )
    if given_by not in ("student", "guardian"):
        raise fail(
            state,
            "consent_giver",
            "동의 주체는 학생 또는 보호자입니다.",
            "Consent is given by the student or a guardian.",
        )
    state.consents[purpose] = Consent(purpose, bool(e.fields.get("granted", True)), e.day, given_by)


def _eligibility(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    opened = bool(e.fields.get("open"))
    reason = e.fields.get("reason")
    if opened:
        state.opened, state.not_opened_reason, state.referred_to = True, None, None
        return
    parsed = None if reason is None else code_field(state, ClosureReason, reason, "종결 사유")
    if parsed not in ctx.rules.not_opened_reasons:
        allowed = sorted(r.value for r in ctx.rules.not_opened_reasons)
        raise fail(
            state,
            "not_opened_reason",
            "개입하지 않는 사유를 고르세요: " + ", ".join(allowed),
            "Give the reason the case is not opened: " + ", ".join(allowed),
        )
    target = e.fields.get("referred_to")
    if target is not None:
        known_resource(state, ctx, target)
    state.opened, state.not_opened_reason, state.referred_to = False, parsed, target


def _risk_level(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    state.risk_level = code_field(state, RiskLevel, e.fields.get("level"), "위험 수준")


def _needs_rating(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    ratings: dict[NeedDomain, int] = {}
    for code, value in (e.fields.get("ratings") or {}).items():
        domain = code_field(state, NeedDomain, code, "욕구 영역")
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 4:
            raise fail(
                state,
                "severity_range",
                f"{domain.ko}: 심각도는 0~4입니다.",
                f"{domain.value}: severity is 0-4.",
            )
        ratings[domain] = value
    if not ratings:
        raise fail(state, "text_required", "평가할 영역을 하나 이상 고르세요.", "Rate at least one domain.")
    state.ratings.update(ratings)
    state.round_rated.update(ratings)


def _strength(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    state.strengths.append(text_field(state, e, "text", "강점", "strength"))


def _tie(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    target = e.fields.get("target")
    if target not in ctx.tie_targets():
        raise fail(
            state,
            "known_tie_target",
            f"생태도에 그릴 수 없는 대상입니다: {target!r}",
            f"Unknown ecomap tie target {target!r}.",
        )
    relation = code_field(state, Relation, e.fields.get("relation", "informal"), "관계")
    key = (ctx.client.id, str(target), relation.value)
    if e.fields.get("removed"):
        state.ties.pop(key, None)
        return
    state.ties[key] = Tie(
        ctx.client.id,
        str(target),
        relation,
        code_field(state, TieStrength, e.fields.get("strength", "moderate"), "관계 강도"),
        bool(e.fields.get("stressful", False)),
        code_field(state, Flow, e.fields.get("flow", "both"), "흐름"),
        note=str(e.fields.get("note") or ""),
    )


def _goal_set(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    gid = text_field(state, e, "id", "목표 번호", "goal id")
    domain = code_field(state, NeedDomain, e.fields.get("domain"), "욕구 영역")
    by_day = e.fields.get("by_day")
    if isinstance(by_day, bool) or not isinstance(by_day, int) or by_day <= e.day:
        raise fail(
            state,
            "goal_deadline",
            "목표 기한은 오늘 이후여야 합니다.",
            "A goal's deadline must lie in the future.",
        )
    resources = tuple(known_resource(state, ctx, r).id for r in e.fields.get("resources", ()))
    state.goals[gid] = Goal(
        gid,
        domain,
        text_field(state, e, "description", "목표 내용", "goal description"),
        text_field(state, e, "measure", "측정 방법", "measure of the goal"),
        by_day,
        resources,
        str(e.fields.get("responsible") or ""),
        str(e.fields.get("frequency") or ""),
    )


def _goal_dropped(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    del state.goals[known_goal(state, e.fields.get("id")).id]


def _conference(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    if not e.fields.get("participants"):
        raise fail(
            state,
            "conference_participants",
            "사례회의 참석자를 적으세요.",
            "Name the conference participants.",
        )
    code_field(state, ConferenceKind, e.fields.get("kind", "internal"), "사례회의 유형")
    state.conferences += 1


def _supervision(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    text_field(state, e, "supervisor", "슈퍼바이저", "supervisor")
    state.supervisions += 1


EARLY_HANDLERS = {
    RecordKind.REFERRAL_RECEIVED: _referral_received,
    RecordKind.INTERVIEW: _interview,
    RecordKind.INTAKE_RECORD: _intake_record,
    RecordKind.CONSENT: _consent,
    RecordKind.ELIGIBILITY: _eligibility,
    RecordKind.RISK_LEVEL: _risk_level,
    RecordKind.NEEDS_RATING: _needs_rating,
    RecordKind.STRENGTH: _strength,
    RecordKind.TIE: _tie,
    RecordKind.GOAL_SET: _goal_set,
    RecordKind.GOAL_DROPPED: _goal_dropped,
    RecordKind.CASE_CONFERENCE: _conference,
    RecordKind.SUPERVISION: _supervision,
}
