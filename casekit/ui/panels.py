"""The walkthrough's forms, stage by stage, and the option lists they draw from the case.

:func:`build_panels` returns, for each stage (and for crises, which can come at any open
stage), the :class:`~casekit.ui.forms.ActionForm` objects the learner uses there. Option lists
are computed from the :class:`~casekit.teach.LearnerSession` each time the case changes: the
resource list for a goal is filtered by the goal's domain and says each resource's wait and
whether the student is eligible.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..domain.text import Text
from ..domain.vocabulary import (
    ClosureReason,
    ConsentPurpose,
    Flow,
    GoalOutcome,
    NeedDomain,
    Relation,
    RiskLevel,
    Setting,
    Skill,
    Stage,
    TieStrength,
)
from .fields import BoolField, ChoiceField, IntField, ListField, MultiField, ProgressField, RatingsField, TextField
from .forms import ActionForm

__all__ = ["PANEL_BUILDERS", "build_panels", "resource_label", "T"]


def T(ko: str, en: str) -> Text:
    """Shorthand for a bilingual :class:`~casekit.domain.text.Text`."""
    return Text(ko, en)


def resource_label(ctx: Any, rid: str, lang: str) -> str:
    """A resource as the learner sees it in a list: name, setting, wait, eligibility."""
    r = next(x for x in ctx.scenario.resources if x.id == rid)
    parts = [r.name.get(lang), r.setting.label(lang)]
    if r.wait_days:
        parts.append(f"대기 {r.wait_days}일" if lang == "ko" else f"wait {r.wait_days} d")
    refusals = r.eligibility.refusals(ctx.scenario.client)
    if refusals:
        parts.append(("✗ 이용 자격: " if lang == "ko" else "✗ not eligible: ") + refusals[0].get(lang))
    service = ctx.engine.case.services.get(rid)
    if service is not None:
        parts.append(service.status.label(lang))
    return " · ".join(parts)


# -- option lists ---------------------------------------------------------------------------


def _coded(enum: Any) -> Any:
    return lambda ctx, lang: [(m.label(lang), m.value) for m in enum]


def _questions(ctx: Any, lang: str) -> list[tuple[str, str]]:
    asked = {e.fields["question"] for e in ctx.engine.case.record if e.kind.value == "interview"}
    return [(("✓ " if q.id in asked else "") + q.ask.get(lang), q.id) for q in ctx.scenario.interview]


def _resources(ctx: Any, lang: str) -> list[tuple[str, str]]:
    return [(resource_label(ctx, r.id, lang), r.id) for r in ctx.scenario.resources]


def _agencies(ctx: Any, lang: str) -> list[tuple[str, str]]:
    return [(resource_label(ctx, r.id, lang), r.id) for r in ctx.scenario.resources if r.setting is Setting.OUT_OF_SCHOOL]


def _goals(ctx: Any, lang: str) -> list[tuple[str, str]]:
    return [(f"{g.id} · {g.domain.label(lang)}", g.id) for g in ctx.engine.case.goals.values()]


def _crises(ctx: Any, lang: str) -> list[tuple[str, str]]:
    out = []
    for c in ctx.engine.case.crises.values():
        mark = "" if c.intervened_day is None else " ✓"
        out.append((f"{c.id} · {c.type.label(lang)} ({c.day}{'일' if lang == 'ko' else 'd'}){mark}", c.id))
    return out


def _tie_targets(ctx: Any, lang: str) -> list[tuple[str, str]]:
    people = [(m.name.get(lang), m.id) for m in ctx.scenario.client.household]
    return people + _resources(ctx, lang)


def _bool(yes: Text, no: Text) -> Any:
    return lambda ctx, lang: [(yes.get(lang), True), (no.get(lang), False)]


def _goal_resources(form_ref: list[ActionForm]) -> Any:
    """Resources serving the goal form's chosen domain (eligibility and wait in the label)."""

    def options(ctx: Any, lang: str) -> list[tuple[str, str]]:
        domain = form_ref[0].field("domain").widget.value if form_ref else None
        rs = [r for r in ctx.scenario.resources if domain is None or r.serves(NeedDomain.parse(domain))]
        return [(resource_label(ctx, r.id, lang), r.id) for r in rs]

    return options


# -- derived arguments ----------------------------------------------------------------------


def _ask_args(ctx: Any, values: dict[str, Any]) -> dict[str, Any]:
    q = next(q for q in ctx.scenario.interview if q.id == values["question"])
    return {"question": q.id, "domains": [d.value for d in q.domains], "minutes": q.minutes}


def _open_args(ctx: Any, values: dict[str, Any]) -> dict[str, Any]:
    if values["open_case"]:
        return {"open_case": True}
    out = {"open_case": False, "reason": values["reason"]}
    if values.get("referred_to"):
        out["referred_to"] = values["referred_to"]
    return out


def _skill_args(ctx: Any, values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, "")}


def _refer_args(ctx: Any, values: dict[str, Any]) -> dict[str, Any]:
    out = {"resource_id": values["resource_id"]}
    if values.get("goal_id"):
        out["goal_id"] = values["goal_id"]
    if values.get("emergency"):
        out["emergency"] = True
    if not values.get("client_agreed", True):
        out["client_agreed"] = False
    return out


def _dropping_empty(ctx: Any, values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in ("", [], None)}


# -- forms ------------------------------------------------------------------------------------


def _ask() -> ActionForm:
    return ActionForm(
        "ask",
        T("면접 질문", "Interview question"),
        T("질문하기", "Ask"),
        [ChoiceField("question", T("무엇을 물을까요?", "What will you ask?"), _questions)],
        derive=_ask_args,
        help=T("질문마다 시간이 들고, 답에서 욕구에 관한 사실이 드러납니다.", "Each question takes time; its answer brings out facts about the needs."),
    )


def _intake_record() -> ActionForm:
    spec = [
        ("household", "가구 구성", "household"),
        ("housing", "주거", "housing"),
        ("income", "소득·경제 상황", "income"),
        ("health", "건강", "health"),
        ("other_services", "이용 중인 다른 서비스", "other services used"),
    ]
    return ActionForm(
        "record_intake",
        T("접수 기록지", "Intake record"),
        T("접수 기록 저장", "Save the intake record"),
        [TextField(n, T(ko, en), required=True, multiline=True) for n, ko, en in spec],
    )


def _consent() -> ActionForm:
    return ActionForm(
        "record_consent",
        T("동의", "Consent"),
        T("동의 기록", "Record consent"),
        [
            ChoiceField("purpose", T("동의 종류", "Consent to"), _coded(ConsentPurpose)),
            BoolField("granted", T("동의함", "granted"), True),
        ],
        help=T("서비스, 정보 공유, 민감정보는 따로 동의를 받습니다. 만 14세 미만은 법정대리인 동의가 필요합니다.",
               "Services, information sharing and sensitive information are consented to separately; under 14 the legal guardian must consent."),
    )


def _risk() -> ActionForm:
    return ActionForm(
        "set_risk_level",
        T("위험 수준", "Risk level"),
        T("위험 수준 기록", "Record the risk level"),
        [ChoiceField("level", T("위험 수준", "Risk level"), _coded(RiskLevel))],
    )


def _open() -> ActionForm:
    return ActionForm(
        "decide_to_open",
        T("개입 여부 결정", "Decision to open the case"),
        T("결정 기록", "Record the decision"),
        [
            ChoiceField("open_case", T("사례를 엽니까?", "Open the case?"), _bool(T("예, 개입합니다", "yes, open it"), T("아니요", "no"))),
            ChoiceField("reason", T("열지 않는 이유", "Reason, if not opened"), _coded(ClosureReason), required=False),
            ChoiceField("referred_to", T("의뢰할 기관 (다른 곳으로 보낼 때)", "Agency referred to (when transferred)"), _agencies, required=False),
        ],
        derive=_open_args,
    )


def _ratings() -> ActionForm:
    return ActionForm(
        "rate_needs",
        T("욕구 사정 (0 없음 ~ 4 매우 심각)", "Needs assessment (0 none to 4 critical)"),
        T("욕구 평가 저장", "Save the ratings"),
        [RatingsField("ratings", T("영역별 심각도", "Severity by domain"))],
    )


def _strength() -> ActionForm:
    return ActionForm(
        "note_strength",
        T("강점", "Strength"),
        T("강점 기록", "Record the strength"),
        [TextField("text", T("학생·가족의 강점", "A strength of the student or family"), required=True)],
    )


def _tie() -> ActionForm:
    return ActionForm(
        "record_tie",
        T("생태도 관계", "Ecomap tie"),
        T("관계 기록", "Record the tie"),
        [
            ChoiceField("target", T("누구와의 관계", "Tie with"), _tie_targets),
            ChoiceField("relation", T("관계 종류", "Relation"), _coded(Relation), default="informal"),
            ChoiceField("strength", T("강도", "Strength"), _coded(TieStrength), default="moderate"),
            BoolField("stressful", T("스트레스가 있는 관계", "stressful"), False),
            ChoiceField("flow", T("자원·에너지의 흐름", "Flow of energy and resources"), _coded(Flow), default="both"),
        ],
    )


def _goal() -> ActionForm:
    ref: list[ActionForm] = []
    form = ActionForm(
        "set_goal",
        T("목표 세우기", "Set a goal"),
        T("목표 저장", "Save the goal"),
        [
            TextField("goal_id", T("목표 이름 (짧은 id)", "Goal id (short)"), required=True),
            ChoiceField("domain", T("욕구 영역", "Need domain"), _coded(NeedDomain)),
            TextField("description", T("무엇을 (목표)", "What (the goal)"), required=True),
            TextField("measure", T("어떻게 측정하나", "How it is measured"), required=True),
            IntField("by_day", T("기한 (의뢰 후 며칠째까지)", "By day (days since referral)"), 1, 900, 90),
            MultiField("resources", T("연계할 자원 (이 영역을 다루는 자원)", "Resources (serving this domain)"), _goal_resources(ref)),
            TextField("responsible", T("담당자", "Responsible person")),
            TextField("frequency", T("빈도 (예: 주 1회)", "Frequency (e.g. weekly)")),
        ],
        derive=_dropping_empty_goal,
    )
    ref.append(form)
    form.field("domain").widget.observe(lambda _c: form.field("resources").refresh(form.ctx) if form.ctx else None, "value")
    return form


def _dropping_empty_goal(ctx: Any, values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    for key in ("responsible", "frequency"):
        if not out.get(key):
            out.pop(key, None)
    return out


def _drop_goal() -> ActionForm:
    return ActionForm("drop_goal", T("목표 삭제", "Drop a goal"), T("목표 삭제", "Drop"), [ChoiceField("goal_id", T("목표", "Goal"), _goals)])


def _conference() -> ActionForm:
    return ActionForm(
        "hold_case_conference",
        T("사례회의", "Case conference"),
        T("사례회의 기록", "Record the conference"),
        [
            ListField("participants", T("참석자 (쉼표로 구분)", "Participants (comma-separated)"), required=True),
            TextField("agenda", T("안건", "Agenda"), required=True),
            ListField("decisions", T("결정 사항 (쉼표로 구분)", "Decisions (comma-separated)")),
        ],
        derive=_dropping_empty,
    )


def _supervision() -> ActionForm:
    return ActionForm(
        "record_supervision",
        T("슈퍼비전", "Supervision"),
        T("슈퍼비전 기록", "Record supervision"),
        [
            TextField("supervisor", T("슈퍼바이저", "Supervisor"), required=True),
            ListField("topics", T("주제 (쉼표로 구분)", "Topics (comma-separated)"), required=True),
            TextField("guidance", T("받은 지도", "Guidance received"), multiline=True),
        ],
    )


def _refer(emergency: bool = False) -> ActionForm:
    fields = [
        ChoiceField("resource_id", T("자원", "Resource"), _resources),
        ChoiceField("goal_id", T("어느 목표를 위해", "For which goal"), _goals, required=False),
        BoolField("client_agreed", T("학생이 이 연계에 동의함", "the student agrees to this link"), True),
    ]
    if emergency:
        fields.insert(2, BoolField("emergency", T("긴급 (생명·신체 위험: 정보 공유 동의 예외)", "emergency (danger to life: consent exception)"), False))
    return ActionForm(
        "refer",
        T("신속 연계" if emergency else "자원 연계·의뢰", "Rapid link" if emergency else "Link to a resource"),
        T("의뢰하기", "Refer"),
        fields,
        derive=_refer_args,
    )


def _skill(crisis: bool = False) -> ActionForm:
    return ActionForm(
        "use_skill",
        T("실천 기술 사용", "Use a practice skill"),
        T("기록", "Record"),
        [
            ChoiceField("skill", T("기술 (직접실천·간접실천)", "Skill (direct or indirect)"), _skills, default="counselling" if crisis else None),
            ChoiceField("resource_id", T("대상 자원 (간접실천)", "Resource (indirect practice)"), _resources, required=False),
            ChoiceField("goal_id", T("관련 목표", "Goal"), _goals, required=False),
            TextField("note", T("무엇을 했나", "What you did")),
        ],
        derive=_skill_args,
    )


def _skills(ctx: Any, lang: str) -> list[tuple[str, str]]:
    kind = {"direct": ("직접", "direct"), "indirect": ("간접", "indirect")}
    return [(f"{s.label(lang)} ({kind[s.kind.value][0 if lang == 'ko' else 1]})", s.value) for s in Skill]


def _monitor() -> ActionForm:
    return ActionForm(
        "monitor",
        T("점검 (목표별 진전)", "Monitoring (progress per goal)"),
        T("점검 기록", "Record the check"),
        [ProgressField("progress", T("진전 (%)", "Progress (%)")), TextField("note", T("점검 메모", "Note"))],
        derive=_dropping_empty,
    )


def _intervene() -> ActionForm:
    return ActionForm(
        "intervene_in_crisis",
        T("위기개입", "Crisis intervention"),
        T("위기개입 기록", "Record the intervention"),
        [
            ChoiceField("crisis_id", T("위기", "Crisis"), _crises),
            ListField("actions", T("한 일 (쉼표로 구분: 안전 확인, 보호자 연락 …)", "Actions (comma-separated: safety check, call the guardian …)"), required=True),
            BoolField("safety_checked", T("학생의 안전을 확인함", "the student's safety is checked"), True),
        ],
    )


def _report() -> ActionForm:
    return ActionForm(
        "report",
        T("신고의무 이행", "Mandatory report"),
        T("신고 기록", "Record the report"),
        [ChoiceField("crisis_id", T("위기", "Crisis"), _crises), ChoiceField("resource_id", T("신고·통보 기관", "Reported to"), _agencies)],
        help=T("아동학대·가정폭력은 의심만으로도 신고합니다. 신고자의 신원은 기록에 남기지 않습니다.",
               "Abuse and family violence are reported on suspicion; the reporter's identity is never written down."),
    )


def _evaluate() -> ActionForm:
    return ActionForm(
        "evaluate_goal",
        T("목표 평가", "Goal evaluation"),
        T("평가 기록", "Record the evaluation"),
        [ChoiceField("goal_id", T("목표", "Goal"), _goals), ChoiceField("outcome", T("달성 정도", "Outcome"), _coded(GoalOutcome))],
    )


def _close() -> ActionForm:
    return ActionForm(
        "close",
        T("종결", "Closure"),
        T("종결 기록", "Close the case"),
        [
            ChoiceField("reason", T("종결 사유", "Closure reason"), _coded(ClosureReason)),
            TextField("summary", T("종결 요약 (무엇이 달라졌나)", "Summary (what changed)"), required=True, multiline=True),
        ],
    )


def _follow_up() -> ActionForm:
    return ActionForm(
        "follow_up",
        T("사후관리 점검", "Aftercare follow-up"),
        T("점검하기", "Follow up"),
        [TextField("note", T("메모", "Note"))],
        derive=_dropping_empty,
        help=T("종결 후 학생의 상태를 확인합니다. 무엇을 발견할지는 사례에 따라 다릅니다.", "Check on the student after closure; what you find depends on the case."),
    )


def _reopen() -> ActionForm:
    return ActionForm("reopen", T("사례 다시 열기", "Reopen the case"), T("다시 열기", "Reopen"),
                      [TextField("reason", T("다시 여는 이유", "Why reopen"), required=True)])


def _end() -> ActionForm:
    return ActionForm("end", T("사례 종료", "End the case"), T("사례 종료", "End the case"), [],
                      help=T("사후관리를 마치면 사례를 끝냅니다.", "End the case when aftercare is done."))


def _note() -> ActionForm:
    return ActionForm("add_note", T("과정 기록", "Process note"), T("메모 저장", "Save the note"),
                      [TextField("text", T("메모", "Note"), required=True, multiline=True)])


#: How to build each panel's forms: every stage code, plus ``"crisis"`` and ``"always"``.
PANEL_BUILDERS: dict[str, Callable[[], list[ActionForm]]] = {
    Stage.INTAKE.value: lambda: [_ask(), _intake_record(), _consent(), _risk(), _open()],
    Stage.ASSESSMENT.value: lambda: [_ratings(), _strength(), _tie(), _risk()],
    Stage.PLANNING.value: lambda: [_goal(), _drop_goal(), _conference(), _supervision()],
    Stage.SERVICE_PROVISION.value: lambda: [_refer(), _skill(), _conference(), _supervision()],
    Stage.MONITORING.value: lambda: [_monitor(), _refer(), _skill(), _conference(), _supervision()],
    # Goals are revised back in planning (reassessment -> planning), as the rules say.
    Stage.REASSESSMENT.value: lambda: [_ratings(), _strength(), _risk()],
    Stage.TERMINATION.value: lambda: [_evaluate(), _close(), _end()],
    Stage.AFTERCARE.value: lambda: [_follow_up(), _reopen(), _end()],
    "crisis": lambda: [_intervene(), _report(), _refer(emergency=True), _skill(crisis=True)],
    "always": lambda: [_note()],
}


def build_panels() -> dict[str, list[ActionForm]]:
    """Fresh forms for every stage code, plus ``"crisis"`` and ``"always"``."""
    return {name: build() for name, build in PANEL_BUILDERS.items()}
