"""The panels as a whole: what each stage offers, and that the rules accept what is offered."""

from __future__ import annotations

import pytest

from casekit.domain.case import Case
from casekit.domain.records import RecordKind
from casekit.domain.reducer import ALLOWED_STAGES
from casekit.domain.vocabulary import Stage
from casekit.ui.panels import build_panels

from .conftest import kinds, submit, wait

#: The record kind(s) each form's action writes.
WRITES = {
    "ask": {RecordKind.INTERVIEW},
    "record_intake": {RecordKind.INTAKE_RECORD},
    "record_consent": {RecordKind.CONSENT},
    "set_risk_level": {RecordKind.RISK_LEVEL},
    "decide_to_open": {RecordKind.ELIGIBILITY},
    "rate_needs": {RecordKind.NEEDS_RATING},
    "note_strength": {RecordKind.STRENGTH},
    "record_tie": {RecordKind.TIE},
    "set_goal": {RecordKind.GOAL_SET},
    "drop_goal": {RecordKind.GOAL_DROPPED},
    "hold_case_conference": {RecordKind.CASE_CONFERENCE},
    "record_supervision": {RecordKind.SUPERVISION},
    "refer": {RecordKind.LINK},
    "use_skill": {RecordKind.DIRECT_PRACTICE, RecordKind.INDIRECT_PRACTICE},
    "monitor": {RecordKind.MONITORING},
    "intervene_in_crisis": {RecordKind.CRISIS_INTERVENTION},
    "report": {RecordKind.MANDATORY_REPORT},
    "evaluate_goal": {RecordKind.GOAL_EVALUATION},
    "close": {RecordKind.CLOSURE},
    "follow_up": {RecordKind.FOLLOW_UP},
    "reopen": {RecordKind.STAGE_CHANGE},
    "end": {RecordKind.CASE_END},
    "add_note": {RecordKind.NOTE},
}


def test_every_stage_has_a_panel_of_case_actions():
    panels = build_panels()
    assert list(panels) == [s.value for s in Stage] + ["crisis", "always"]
    assert {p: [f.verb for f in forms] for p, forms in panels.items()} == {
        "intake": ["ask", "record_intake", "record_consent", "set_risk_level", "decide_to_open"],
        "assessment": ["rate_needs", "note_strength", "record_tie", "set_risk_level"],
        "planning": ["set_goal", "drop_goal", "hold_case_conference", "record_supervision"],
        "service_provision": ["refer", "use_skill", "hold_case_conference", "record_supervision"],
        "monitoring": ["monitor", "refer", "use_skill", "hold_case_conference", "record_supervision"],
        "reassessment": ["rate_needs", "note_strength", "set_risk_level"],
        "termination": ["evaluate_goal", "close", "end"],
        "aftercare": ["follow_up", "reopen", "end"],
        "crisis": ["intervene_in_crisis", "report", "refer", "use_skill"],
        "always": ["add_note"],
    }
    for forms in panels.values():
        for f in forms:
            assert callable(getattr(Case, f.verb)), f.verb
            assert f.button.description and f"ck-do-{f.verb}" in f.button._dom_classes


def test_the_process_note_is_there_at_every_stage(walk):
    w = walk("learning-low-income")
    note = w.form("add_note")
    assert note is w.panels["always"][0] and note.widget in w.extra.children[0].children
    form = submit(w, "add_note", text="")
    assert "⚠ 이 칸을 채우세요." in form.field("text").error.value
    submit(w, "add_note", text="어머니와 통화 약속: 목요일 저녁")
    w.play("expert", until="planning")
    assert w.form("add_note") is note
    submit(w, "add_note", text="사례회의 전 담임과 협의")
    notes = [(e.stage.value, e.note) for e in w.session.engine.case.record if e.kind.value == "note"]
    assert notes == [("intake", "어머니와 통화 약속: 목요일 저녁"), ("planning", "사례회의 전 담임과 협의")]


def test_every_control_on_a_stage_panel_is_allowed_at_that_stage():
    offered_but_refused = [
        (stage, f.verb)
        for stage, forms in build_panels().items()
        if stage in {s.value for s in Stage}
        for f in forms
        if not any(Stage(stage) in ALLOWED_STAGES[k] for k in WRITES[f.verb])
    ]
    assert offered_but_refused == []




def test_the_crisis_box_offers_practice_skills_only_where_the_rules_allow_them(walk):
    w = walk("self-harm-screening")
    w.play("expert", until="assessment")
    wait(w, 7)
    skill = next(f for f in w.panels["crisis"] if f.verb == "use_skill")
    assert (w.session.day, w.crisis_box.layout.display, skill.widget.layout.display) == (3, "flex", "none")
    w.play("expert", until="monitoring")
    assert skill.widget.layout.display == "flex"
    assert w.session.engine.violations == []


def test_the_crisis_warning_goes_once_the_crisis_is_answered(walk):
    w = walk("self-harm-screening")
    w.play("expert", until="assessment")
    wait(w, 7)
    assert "⚠" in w.crisis_title.value
    submit(w, "intervene_in_crisis", actions="안전 확인, 보호자 연락, 병원 연계")
    assert "crisis_intervention" in kinds(w)
    assert "⚠" not in w.crisis_title.value
