"""Reassessment, termination (evaluate, close) and aftercare (follow up, reopen, end)."""

from __future__ import annotations

import pytest

from casekit.domain.vocabulary import NeedDomain, Stage

from .conftest import advance, kinds, last, stage_classes, submit, wait

SCENARIO = "learning-low-income"
GOALS = ["economic", "psychological", "educational", "welfare"]
#: The expert's assessment of learning-low-income (seed 0).
EXPERT_RATINGS = {
    "economic": 2,
    "medical": 1,
    "psychological": 2,
    "educational": 3,
    "cultural": 1,
    "welfare": 2,
    "safety": 1,
    "relational": 1,
}
STAGES = [s.value for s in Stage]


def _at(walk, stage: str):
    w = walk(SCENARIO)
    w.play("expert", until=stage)
    assert w.session.stage.value == stage
    return w


def test_reassessment_starts_from_the_last_ratings_and_re_rates(walk):
    w = _at(walk, "monitoring")
    wait(w, 14)
    submit(w, "monitor")
    assert dict(last(w, "monitoring").fields["progress"]) == dict.fromkeys(GOALS, 0)
    advance(w, "reassessment")
    assert w.session.stage is Stage.REASSESSMENT

    form = w.form("rate_needs")
    assert form is not w.form("rate_needs", "assessment")
    sliders = form.field("ratings").sliders
    assert {d.value: s.value for d, s in sliders.items()} == EXPERT_RATINGS
    advance(w, "termination")
    assert "[재사정 · reassessment_covers_every_domain]" in w.nav_advance.message.value

    sliders[NeedDomain.EDUCATIONAL].value = 2
    sliders[NeedDomain.WELFARE].value = 1
    form.button.click()
    assert last(w, "needs_rating").stage is Stage.REASSESSMENT
    assert dict(last(w, "needs_rating").fields["ratings"]) == EXPERT_RATINGS | {
        "educational": 2,
        "welfare": 1,
    }
    submit(w, "note_strength", text="수학 숙제를 스스로 챙기기 시작함")
    submit(w, "set_risk_level", level="prevention")

    advance(w, "termination")
    assert w.session.stage is Stage.TERMINATION
    assert "<li class='ck-good'>✓ 재사정에서 욕구를 다시 평가했습니다.</li>" in w.feedback.value
    assert w.session.engine.violations == []


def test_termination_evaluates_every_goal_then_closes_with_a_summary(walk):
    w = _at(walk, "termination")
    early = submit(w, "close", reason="goals_achieved", summary="학습 습관이 잡힘")
    assert "[평가 및 종결 · evaluate_every_goal]" in early.message.value
    assert [v.rule for v in w.session.engine.violations] == ["evaluate_every_goal"]

    evaluate = w.form("evaluate_goal")
    assert [v for _, v in evaluate.field("goal_id").widget.options] == GOALS
    assert [k for k, _ in evaluate.field("outcome").widget.options] == ["달성", "부분 달성", "미달성"]
    for goal, outcome in zip(GOALS, ("achieved", "partly", "achieved", "not_achieved"), strict=True):
        submit(w, "evaluate_goal", goal_id=goal, outcome=outcome)
    evaluations = [
        (e.fields["goal"], e.fields["outcome"])
        for e in w.session.engine.case.record
        if e.kind.value == "goal_evaluation"
    ]
    assert evaluations == [
        ("economic", "achieved"),
        ("psychological", "partly"),
        ("educational", "achieved"),
        ("welfare", "not_achieved"),
    ]

    blank = submit(w, "close", summary="")
    assert "⚠ 이 칸을 채우세요." in blank.field("summary").error.value
    assert blank.field("reason").widget.value == "goals_achieved"
    submit(w, "close", summary="수학 기초를 되찾고 돌봄 공백은 지역아동센터로 메움")
    assert dict(last(w, "closure").fields) == {
        "reason": "goals_achieved",
        "summary": "수학 기초를 되찾고 돌봄 공백은 지역아동센터로 메움",
    }

    advance(w, "aftercare")
    assert w.session.stage is Stage.AFTERCARE
    fb = w.feedback.value
    assert "data-stage='termination'" in fb
    assert "<li class='ck-good'>✓ 목표마다 달성 정도를 평가했습니다.</li>" in fb
    assert "<li class='ck-good'>✓ 종결 요약을 썼습니다.</li>" in fb
    assert [v.rule for v in w.session.engine.violations] == ["evaluate_every_goal"]


def test_aftercare_follow_ups_then_the_case_ends(walk):
    w = _at(walk, "aftercare")
    too_soon = submit(w, "end")
    assert "[사후관리 · aftercare_followups]" in too_soon.message.value
    assert not w.session.ended

    submit(w, "follow_up", note="담임 통해 확인")
    first = last(w, "follow_up")
    assert (first.fields["finding"], first.note) == ("stable", "담임 통해 확인")
    wait(w, 30)
    submit(w, "follow_up", note="")
    assert [e.fields["finding"] for e in w.session.engine.case.record if e.kind.value == "follow_up"] == [
        "stable",
        "stable",
    ]

    submit(w, "end")
    assert w.session.ended and kinds(w)[-1] == "case_end"
    assert stage_classes(w.stage_bar.value) == {s: ("" if s == "reassessment" else "done") for s in STAGES}
    assert "사례가 종료되었습니다." in w.stage_bar.value
    assert "<b>피드백: 사후관리</b>" in w.feedback.value
    assert "<li class='ck-good'>✓ 사후관리 점검을 2회 했습니다.</li>" in w.feedback.value
    assert w.summary.value.startswith("<style>") and "최종 점수:" in w.summary.value
    assert w.crisis_box.layout.display == "none"
    assert [s.value for s in w.session.committed()] == [
        "intake",
        "assessment",
        "planning",
        "service_provision",
        "monitoring",
        "termination",
        "aftercare",
    ]
    assert [v.rule for v in w.session.engine.violations] == ["aftercare_followups"]


def test_reopen_needs_a_reason_and_goes_back_to_reassessment(walk):
    w = _at(walk, "aftercare")
    form = submit(w, "reopen", reason=" ")
    assert "⚠ 이 칸을 채우세요." in form.field("reason").error.value
    assert w.session.stage is Stage.AFTERCARE

    submit(w, "reopen", reason="어머니 야간근무로 돌봄 공백 재발")
    entry = last(w, "stage_change")
    assert (entry.fields["from"], entry.fields["to"], entry.fields["reason"]) == (
        "aftercare",
        "reassessment",
        "어머니 야간근무로 돌봄 공백 재발",
    )
    assert w.session.stage is Stage.REASSESSMENT
    classes = stage_classes(w.stage_bar.value)
    assert (classes["aftercare"], classes["reassessment"], classes["termination"]) == (
        "done",
        "current",
        "done",
    )
    assert w.stage_forms.children == tuple(f.widget for f in w.panels["reassessment"])
    assert ("사후관리", "aftercare") in w.expert_stage.options


def test_reopening_gives_the_aftercare_feedback(walk):
    w = _at(walk, "aftercare")
    submit(w, "follow_up")
    submit(w, "reopen", reason="재발")
    assert Stage.AFTERCARE in w.session.feedback
    assert "data-stage='aftercare'" in w.feedback.value


def test_the_stage_move_control_at_aftercare_is_not_a_violation(walk):
    w = _at(walk, "aftercare")
    shown = w.nav_advance.widget.layout.display != "none"
    offered = [v for _, v in w.nav_advance.field("stage").widget.options]
    if shown and offered:
        advance(w, offered[0])
    assert w.session.engine.violations == []
