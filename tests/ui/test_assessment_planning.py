"""The assessment panel (ratings, strengths, ecomap ties) and the planning panel."""

from __future__ import annotations

from html import escape

import pytest

from casekit.domain.vocabulary import NeedDomain, Stage

from .conftest import advance, fill, last, stage_classes, submit

# grandmother-bereavement: a 13-year-old; Dream Start (welfare, medical, educational) takes
# children up to 12 only, so the planning list must mark it as not eligible.
SCENARIO = "grandmother-bereavement"
RATINGS = {
    "economic": 2,
    "medical": 1,
    "psychological": 3,
    "educational": 2,
    "cultural": 0,
    "welfare": 3,
    "safety": 1,
    "relational": 1,
}


def _at(walk, stage: str):
    w = walk(SCENARIO)
    w.play("expert", until=stage)
    assert w.session.stage.value == stage
    return w


def test_ratings_sliders_rate_every_domain(walk):
    w = _at(walk, "assessment")
    form = w.form("rate_needs")
    sliders = form.field("ratings").sliders
    assert [s.description for s in sliders.values()] == [d.ko for d in NeedDomain]
    assert {s.min for s in sliders.values()} == {0} and {s.max for s in sliders.values()} == {4}
    for d, s in sliders.items():
        s.value = RATINGS[d.value]
    form.button.click()
    assert dict(last(w, "needs_rating").fields["ratings"]) == RATINGS
    assert {d.value: v for d, v in w.session.engine.case.ratings.items()} == RATINGS


def test_a_strength_is_required_text(walk):
    w = _at(walk, "assessment")
    form = submit(w, "note_strength", text="")
    assert "⚠ 이 칸을 채우세요." in form.field("text").error.value
    submit(w, "note_strength", text="할머니와 서로 아끼는 사이이고 고모가 자주 들른다")
    assert last(w, "strength").fields["text"] == "할머니와 서로 아끼는 사이이고 고모가 자주 들른다"


def test_a_tie_is_recorded_and_the_ecomap_is_redrawn(walk):
    w = _at(walk, "assessment")
    before = bytes(w.ecomap.value)
    assert before.startswith(b"\x89PNG")
    form = w.form("record_tie")
    targets = [v for _, v in form.field("target").widget.options]
    household = [m.id for m in w.scenario.client.household]
    assert targets == household + [r.id for r in w.scenario.resources]
    # The defaults a learner sees before choosing.
    assert (
        form.field("relation").widget.value,
        form.field("strength").widget.value,
        form.field("flow").widget.value,
    ) == ("informal", "moderate", "both")

    submit(
        w,
        "record_tie",
        target="wee_class",
        relation="link",
        strength="strong",
        stressful=True,
        flow="to_target",
    )
    entry = last(w, "tie")
    assert {k: entry.fields[k] for k in ("target", "relation", "strength", "stressful", "flow")} == {
        "target": "wee_class",
        "relation": "link",
        "strength": "strong",
        "stressful": True,
        "flow": "to_target",
    }
    tie = next(t for t in w.session.engine.case.ties() if t.target == "wee_class")
    assert (tie.relation.value, tie.strength.value, tie.stressful, tie.flow.value) == (
        "link",
        "strong",
        True,
        "to_target",
    )
    after = bytes(w.ecomap.value)
    assert after.startswith(b"\x89PNG") and after != before

    # A click that changes no tie does not redraw (the drawing is keyed on the ties).
    w.ecomap.value = b"sentinel"
    submit(w, "note_strength", text="노래를 좋아함")
    assert bytes(w.ecomap.value) == b"sentinel"
    w.ecomap_button.click()
    assert bytes(w.ecomap.value) == after


def test_assessment_feedback_after_moving_to_planning(walk):
    w = _at(walk, "assessment")
    form = w.form("rate_needs")
    for d, s in form.field("ratings").sliders.items():
        s.value = RATINGS[d.value]
    form.button.click()
    submit(w, "set_risk_level", level="alert")
    advance(w, "planning")
    assert w.session.stage is Stage.PLANNING
    assert stage_classes(w.stage_bar.value)["assessment"] == "done"
    fb = w.feedback.value
    assert "data-stage='assessment'" in fb and "<b>피드백: 사정</b>" in fb
    assert "<li class='ck-good'>✓ 여덟 영역의 욕구를 모두 평가했습니다.</li>" in fb
    assert "<li class='ck-missing'>△ 강점도 기록하세요: 계획은 욕구와 강점에서 함께 출발합니다.</li>" in fb


def test_the_goal_resource_list_follows_the_domain_and_marks_ineligible_resources(walk):
    w = _at(walk, "planning")
    form = w.form("set_goal")
    resources = form.field("resources").widget
    fill(form, domain="welfare")
    welfare = [r.id for r in w.scenario.resources if r.serves(NeedDomain.WELFARE)]
    assert [v for _, v in resources.options] == welfare
    assert "dream_start" in welfare
    labels = dict((v, k) for k, v in resources.options)
    assert (
        labels["dream_start"]
        == "누리구 드림스타트 · 지역사회(교외) · 대기 30일 · ✗ 이용 자격: 나이 조건(~12세)에 맞지 않음"
    )
    assert labels["family_aunt"] == "고모 채영숙 · 비공식"
    assert sum("✗" in k for k in labels.values()) == 1

    fill(form, domain="economic")
    assert [v for _, v in resources.options] == [
        r.id for r in w.scenario.resources if r.serves(NeedDomain.ECONOMIC)
    ]
    assert [v for _, v in resources.options] == [
        "youth_center",
        "admin_welfare",
        "hope_team",
        "community_welfare",
    ]


def test_set_goal_with_resources_person_and_frequency(walk):
    w = _at(walk, "planning")
    form = fill(
        w.form("set_goal"),
        goal_id="care",
        domain="welfare",
        description="방과 후 돌봄 공백 해소",
        measure="주 4일 이상 저녁 돌봄",
        by_day="abc",
    )
    fill(form, resources=("childrens_center", "family_aunt"), responsible="교육복지사", frequency="주 1회")
    form.button.click()
    assert "⚠ 정수를 입력하세요." in form.field("by_day").error.value
    assert form.field("resources").widget.value == ("childrens_center", "family_aunt")
    assert w.session.engine.case.goals == {}

    submit(w, "set_goal", by_day="60")
    g = w.session.engine.case.goals["care"]
    assert (g.domain.value, g.description, g.measure, g.by_day, tuple(g.resources)) == (
        "welfare",
        "방과 후 돌봄 공백 해소",
        "주 4일 이상 저녁 돌봄",
        60,
        ("childrens_center", "family_aunt"),
    )
    assert (last(w, "goal_set").fields["responsible"], last(w, "goal_set").fields["frequency"]) == (
        "교육복지사",
        "주 1회",
    )
    assert "care" in w.services.value and "방과 후 돌봄 공백 해소" in w.services.value


def test_drop_goal_removes_it_from_the_plan(walk):
    w = _at(walk, "planning")
    for gid, domain, rid in (
        ("care", "welfare", "childrens_center"),
        ("grief", "psychological", "wee_class"),
    ):
        submit(
            w,
            "set_goal",
            goal_id=gid,
            domain=domain,
            description=f"{gid} 목표",
            measure="점검 시 확인",
            by_day="60",
            resources=(rid,),
        )
    assert list(w.session.engine.case.goals) == ["care", "grief"]
    drop = w.form("drop_goal")
    assert [v for _, v in drop.field("goal_id").widget.options] == ["care", "grief"]
    submit(w, "drop_goal", goal_id="care")
    assert list(w.session.engine.case.goals) == ["grief"]
    assert [v for _, v in drop.field("goal_id").widget.options] == ["grief"]


def test_case_conference_and_supervision_are_recorded(walk):
    w = _at(walk, "planning")
    form = submit(w, "hold_case_conference", participants=" , ", agenda="역할 분담")
    assert "⚠ 하나 이상 쉼표로 나눠 적으세요." in form.field("participants").error.value
    assert w.session.engine.case.state.conferences == 0

    submit(
        w,
        "hold_case_conference",
        participants="담임교사, 전문상담교사 ,교육복지사",
        decisions="상담은 Wee클래스, 돌봄은 지역아동센터",
    )
    entry = last(w, "case_conference")
    assert [p["ko"] for p in entry.fields["participants"]] == ["담임교사", "전문상담교사", "교육복지사"]
    assert entry.fields["agenda"]["ko"] == "역할 분담"
    assert [d["ko"] for d in entry.fields["decisions"]] == ["상담은 Wee클래스", "돌봄은 지역아동센터"]
    assert w.session.engine.case.state.conferences == 1

    submit(
        w,
        "record_supervision",
        supervisor="김수련 슈퍼바이저",
        topics="애도 반응, 보호자 공백",
        guidance="72시간 안에 안전 확인",
    )
    sup = last(w, "supervision")
    assert sup.fields["supervisor"] == "김수련 슈퍼바이저"
    assert [t["ko"] for t in sup.fields["topics"]] == ["애도 반응", "보호자 공백"]
    assert sup.fields["guidance"]["ko"] == "72시간 안에 안전 확인"
    assert w.session.engine.violations == []


def test_planning_feedback_after_moving_to_service_provision(walk):
    w = _at(walk, "planning")
    advance(w, "service_provision")
    assert "[개입 계획 · goal_with_resource]" in w.nav_advance.message.value
    submit(
        w,
        "set_goal",
        goal_id="care",
        domain="welfare",
        description="돌봄",
        measure="점검",
        by_day="60",
        resources=("dream_start",),
    )
    advance(w, "service_provision")
    assert w.session.stage is Stage.SERVICE_PROVISION
    fb = w.feedback.value
    assert "data-stage='planning'" in fb
    # The ineligible resource and the domains left without a goal come back as hints.
    assert (
        "<li class='ck-missing'>△ 맞지 않는 자원이 있습니다: care→누리구 드림스타트 (영역 또는 이용 자격 확인).</li>"
        in fb
    )
    assert "<li class='ck-missing'>△ 심각도 2 이상인 욕구에 목표가 없습니다:" in fb


def test_what_the_interview_revealed_stays_visible_at_assessment(walk):
    w = _at(walk, "assessment")
    asked = [e.fields["question"] for e in w.session.engine.case.record if e.kind.value == "interview"]
    reveals = [q.reveals.ko for q in w.scenario.interview if q.id in asked]
    assert reveals and all(escape(r) in w.answers.value for r in reveals)
