"""Handlers for linking, services, practice, crises, monitoring, closure, aftercare and stage moves."""

from __future__ import annotations

from collections.abc import Mapping

from .handlers_base import code_field, fail, known_goal, known_resource, require_services_consent, text_field
from .plan import SERVICE_TRANSITIONS, CrisisEpisode, Service
from .records import RecordEntry, RecordKind
from .rules import EMERGENCY_CRISES, MANDATORY_REPORT_CRISES, stage_gate
from .state import CaseContext, CaseState
from .vocabulary import (
    ClosureReason,
    ConsentPurpose,
    CrisisType,
    FollowUpFinding,
    GoalOutcome,
    NeedDomain,
    ServiceStatus,
    Setting,
    Skill,
    SkillKind,
    Stage,
)

__all__ = ["LATE_HANDLERS", "LINK_STAGES"]

S = Stage

#: Stages at which linking is part of the plan; during a crisis window it is possible at any stage.
LINK_STAGES = frozenset({S.PLANNING, S.SERVICE_PROVISION, S.MONITORING})


def _link(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    resource = known_resource(state, ctx, e.fields.get("resource"))
    emergency = bool(e.fields.get("emergency"))
    crises = state.active_crises(e.day)
    if state.stage not in LINK_STAGES and not crises:
        raise fail(
            state,
            "stage_allows_action",
            "자원 연계는 개입 계획·서비스 제공·점검 단계에서, 또는 위기 대응 기간에 합니다.",
            "Linking happens in planning, service provision and monitoring, or during a crisis response window.",
        )
    if emergency:
        if not any(c.type in EMERGENCY_CRISES for c in crises):
            raise fail(
                state,
                "emergency_exception",
                "긴급 연계(동의 예외)는 생명·신체가 위험한 위기의 대응 기간에만 할 수 있습니다.",
                "An emergency link without consent is possible only while a crisis endangers life or body.",
            )
    else:
        require_services_consent(state)
        if resource.requires_information_sharing and not state.has_consent(
            ConsentPurpose.INFORMATION_SHARING
        ):
            raise fail(
                state,
                "information_sharing_consent",
                f"{resource.name.ko}은(는) 학교 밖 기관입니다. 정보 제공 동의를 먼저 받으세요.",
                f"{resource.name.en} is outside the school: get consent to share information first.",
            )
    goal_id = e.fields.get("goal")
    if goal_id is not None:
        known_goal(state, goal_id)
    current = state.services.get(resource.id)
    if current is not None and current.active:
        raise fail(
            state,
            "already_linked",
            "이미 연계 중인 자원입니다.",
            f"The client is already linked to {resource.id}.",
        )
    state.services[resource.id] = Service(
        resource.id,
        ServiceStatus.REFERRED,
        e.day,
        goal_id,
        bool(e.fields.get("client_agreed", True)),
        emergency,
        [(e.day, ServiceStatus.REFERRED, "")],
    )
    state.coordinated.add(resource.id)


def _service_status(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    rid = e.fields.get("resource")
    service = state.services.get(rid)  # type: ignore[arg-type]
    if service is None:
        raise fail(
            state, "known_service", f"연계하지 않은 자원입니다: {rid!r}", f"No service was linked at {rid!r}."
        )
    status = code_field(state, ServiceStatus, e.fields.get("status"), "서비스 상태")
    if status not in SERVICE_TRANSITIONS[service.status]:
        raise fail(
            state,
            "service_transition",
            f"서비스 상태를 {service.status.ko}에서 {status.ko}(으)로 바꿀 수 없습니다.",
            f"A service cannot go from {service.status.value} to {status.value}.",
        )
    reason = str(e.fields.get("reason") or "")
    if status is ServiceStatus.REJECTED and not reason.strip():
        raise fail(
            state, "rejection_reason", "거절 사유를 기록하세요.", "Record why the service was rejected."
        )
    service.status = status
    service.history.append((e.day, status, reason))


def _practice(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    skill = code_field(state, Skill, e.fields.get("skill"), "실천 기술")
    wanted = SkillKind.DIRECT if e.kind is RecordKind.DIRECT_PRACTICE else SkillKind.INDIRECT
    if skill.kind is not wanted or skill is Skill.CRISIS_INTERVENTION:
        raise fail(
            state,
            "skill_kind",
            f"{skill.ko}은(는) 이 기록 유형에 맞지 않습니다(위기개입은 위기 기록에 대해 합니다).",
            f"{skill.en} does not belong here (crisis intervention responds to a recorded crisis).",
        )
    if e.fields.get("goal") is not None:
        known_goal(state, e.fields.get("goal"))
    rid = e.fields.get("resource")
    if rid is not None:
        state.coordinated.add(known_resource(state, ctx, rid).id)
    elif skill in (Skill.LINKING, Skill.COORDINATION, Skill.ADVOCACY):
        raise fail(
            state,
            "resource_named",
            f"{skill.ko}의 대상 자원을 고르세요.",
            f"Name the resource for {skill.en}.",
        )
    if wanted is SkillKind.DIRECT:
        require_services_consent(state)
    state.skills.append((e.day, skill, state.stage))


def _crisis(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    cid = text_field(state, e, "id", "위기 번호", "crisis id")
    if cid in state.crises:
        raise fail(state, "known_crisis", "이미 기록된 위기입니다.", f"Crisis {cid!r} is already recorded.")
    window = e.fields.get("window_days", ctx.rules.crisis_window_days)
    if isinstance(window, bool) or not isinstance(window, int) or window < 0:
        raise fail(
            state,
            "crisis_window",
            "위기 대응 기간은 0일 이상입니다.",
            "The response window is 0 days or more.",
        )
    ctype = code_field(state, CrisisType, e.fields.get("type"), "위기 유형")
    text = e.fields.get("description") or ""
    if isinstance(text, Mapping):  # bilingual: the episode keeps the Korean, the record keeps both
        text = text.get("ko", "")
    state.crises[cid] = CrisisEpisode(cid, ctype, e.day, window, str(text))


def _known_crisis(state: CaseState, e: RecordEntry) -> CrisisEpisode:
    cid = e.fields.get("crisis")
    if cid not in state.crises:
        raise fail(
            state,
            "known_crisis",
            f"기록되지 않은 위기입니다: {cid!r}",
            f"No crisis {cid!r} has been recorded.",
        )
    return state.crises[cid]  # type: ignore[index]


def _crisis_intervention(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    crisis = _known_crisis(state, e)
    if crisis.intervened_day is None:
        crisis.intervened_day = e.day
    state.skills.append((e.day, Skill.CRISIS_INTERVENTION, state.stage))


def _mandatory_report(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    crisis = _known_crisis(state, e)
    if crisis.type not in MANDATORY_REPORT_CRISES:
        raise fail(
            state,
            "mandatory_report_grounds",
            f"{crisis.type.ko}은(는) 신고의무 대상이 아닙니다.",
            f"{crisis.type.en} is not a ground for a mandatory report.",
        )
    resource = known_resource(state, ctx, e.fields.get("resource"))
    if resource.setting is not Setting.OUT_OF_SCHOOL or NeedDomain.SAFETY not in resource.domains:
        raise fail(
            state,
            "report_to_protection",
            "신고는 아동보호전문기관이나 경찰(112·117) 같은 보호 기관에 합니다.",
            "Report to a protection agency such as the child protection agency or the police (112 / 117).",
        )
    if crisis.reported_day is None:
        crisis.reported_day = e.day
    state.coordinated.add(resource.id)


def _monitoring(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    progress: dict[str, int] = {}
    for gid, value in (e.fields.get("progress") or {}).items():
        known_goal(state, gid)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            raise fail(state, "progress_range", "진행률은 0~100입니다.", "Progress is 0-100.")
        progress[gid] = value
    state.progress.update(progress)
    state.monitoring_round += 1
    state.monitoring_total += 1


def _goal_evaluation(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    goal = known_goal(state, e.fields.get("goal"))
    state.evaluations[goal.id] = code_field(state, GoalOutcome, e.fields.get("outcome"), "목표 평가")


def _closure(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    if state.closure is not None:
        raise fail(
            state, "already_closed", "이미 종결 기록이 있습니다.", "The closure record is already written."
        )
    reason = code_field(state, ClosureReason, e.fields.get("reason"), "종결 사유")
    if state.opened is False and reason is not state.not_opened_reason:
        raise fail(
            state,
            "closure_matches_decision",
            f"개입하지 않은 사례의 종결 사유는 접수 때 결정한 사유({state.not_opened_reason.ko})입니다.",  # type: ignore[union-attr]
            f"A case not opened closes with the reason decided at intake ({state.not_opened_reason.value}).",  # type: ignore[union-attr]
        )
    unevaluated = [g for g in state.goals if g not in state.evaluations]
    if state.opened and unevaluated:
        raise fail(
            state,
            "evaluate_every_goal",
            "종결 전에 모든 목표를 평가하세요. 남은 목표: " + ", ".join(unevaluated),
            "Evaluate every goal before closing. Not yet evaluated: " + ", ".join(unevaluated),
        )
    state.closure = {"reason": reason, "day": e.day, "summary": str(e.fields.get("summary") or "")}


def _follow_up(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    state.followups.append(
        (e.day, code_field(state, FollowUpFinding, e.fields.get("finding"), "사후관리 결과"))
    )


def _stage_change(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    to = code_field(state, Stage, e.fields.get("to"), "단계")
    problems = stage_gate(state, ctx, to)
    if problems:
        raise problems[0]
    reopening = state.stage is S.AFTERCARE
    if reopening and not str(e.fields.get("reason") or "").strip():
        raise fail(
            state,
            "reopen_reason",
            "사례를 재개하려면 재개 사유를 적으세요.",
            "Give the reason for reopening the case.",
        )
    state.stage = to
    state.timeline.append((to, e.day))
    if to in (S.ASSESSMENT, S.REASSESSMENT):
        state.round_rated = set()
    if to is S.MONITORING:
        state.monitoring_round = 0
    if reopening:
        state.reopened += 1
        state.closure = None
        state.evaluations = {}
        state.followups = []


def _case_end(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    if state.stage is S.TERMINATION:
        if state.closure is None:
            raise fail(
                state, "closure_recorded", "종결 기록을 먼저 작성하세요.", "Write the closure record first."
            )
        if state.opened is not False and state.closure["reason"] not in ctx.rules.end_without_aftercare:
            raise fail(
                state,
                "aftercare_required",
                "종결한 사례는 사후관리를 거칩니다(이사·이관·연락 두절이 아니라면).",
                "A closed case goes through aftercare (unless the student moved, was transferred or lost).",
            )
    elif len(state.followups) < ctx.rules.min_followups:
        raise fail(
            state,
            "aftercare_followups",
            f"사후관리 점검을 {ctx.rules.min_followups}회 이상 한 뒤 종료하세요 (현재 {len(state.followups)}회).",
            f"Make at least {ctx.rules.min_followups} aftercare follow-ups before ending "
            f"(so far {len(state.followups)}).",
        )
    state.ended = True


def _note(state: CaseState, e: RecordEntry, ctx: CaseContext) -> None:
    if not e.note.strip():
        raise fail(state, "text_required", "기록할 내용을 입력하세요.", "Write the note.")


LATE_HANDLERS = {
    RecordKind.LINK: _link,
    RecordKind.SERVICE_STATUS: _service_status,
    RecordKind.DIRECT_PRACTICE: _practice,
    RecordKind.INDIRECT_PRACTICE: _practice,
    RecordKind.CRISIS: _crisis,
    RecordKind.CRISIS_INTERVENTION: _crisis_intervention,
    RecordKind.MANDATORY_REPORT: _mandatory_report,
    RecordKind.MONITORING: _monitoring,
    RecordKind.GOAL_EVALUATION: _goal_evaluation,
    RecordKind.CLOSURE: _closure,
    RecordKind.FOLLOW_UP: _follow_up,
    RecordKind.STAGE_CHANGE: _stage_change,
    RecordKind.CASE_END: _case_end,
    RecordKind.NOTE: _note,
}
