"""Service provision and monitoring (links, skills, waiting lists, progress) and the crisis box."""

from __future__ import annotations

import re
from html import escape

from casekit.domain.vocabulary import CrisisType, Stage

from .conftest import advance, kinds, last, submit, wait


def _services(html: str) -> dict[str, str]:
    """The services table as ``{resource name: status code}``."""
    return dict(re.findall(r"<tr><td>([^<]+)</td><td class='ck-status-([a-z_]+)'>", html))


def _provision(walk):
    # learning-low-income at service provision, day 10: the expert's four goals, nothing linked.
    w = walk("learning-low-income")
    w.play("expert", until="service_provision")
    assert (w.session.day, list(w.session.engine.case.goals)) == (
        10,
        ["economic", "psychological", "educational", "welfare"],
    )
    assert w.session.engine.case.services == {}
    return w


def test_refer_links_a_resource_for_a_goal(walk):
    w = _provision(walk)
    form = w.form("refer")
    assert [v for _, v in form.field("goal_id").widget.options] == [
        None,
        "economic",
        "psychological",
        "educational",
        "welfare",
    ]
    assert [v for _, v in form.field("resource_id").widget.options] == [r.id for r in w.scenario.resources]
    submit(w, "refer", resource_id="childrens_center", goal_id="welfare")
    assert dict(last(w, "link").fields) == {
        "resource": "childrens_center",
        "goal": "welfare",
        "client_agreed": True,
        "emergency": False,
    }
    names = w.session.names("ko")
    assert _services(w.services.value) == {names["childrens_center"]: "referred"}
    assert "의뢰함" in w.services.value
    # The resource list now says the resource's status too.
    assert dict((v, k) for k, v in form.field("resource_id").widget.options)["childrens_center"].endswith(
        " · 의뢰함"
    )

    submit(w, "refer", resource_id="mentor", goal_id=None, client_agreed=False)
    assert dict(last(w, "link").fields) == {
        "resource": "mentor",
        "goal": None,
        "client_agreed": False,
        "emergency": False,
    }

    again = submit(w, "refer", resource_id="childrens_center", goal_id="welfare", client_agreed=True)
    assert "[서비스 제공 · already_linked] 이미 연계 중인 자원입니다." in again.message.value
    assert [v.rule for v in w.session.engine.violations] == ["already_linked"]


def test_use_skill_records_direct_and_indirect_practice(walk):
    w = _provision(walk)
    form = w.form("use_skill")
    assert [v for _, v in form.field("skill").widget.options][:6] == [
        "crisis_intervention",
        "education_training",
        "collaboration",
        "counselling",
        "information",
        "self_advocacy",
    ]
    assert dict((v, k) for k, v in form.field("skill").widget.options)["linking"] == "연계 (간접)"

    submit(w, "use_skill", skill="counselling", goal_id="psychological", note="동기강화상담으로 목표 확인")
    entry = last(w, "direct_practice")
    assert (dict(entry.fields), entry.note) == (
        {"skill": "counselling", "goal": "psychological", "resource": None},
        "동기강화상담으로 목표 확인",
    )

    refused = submit(w, "use_skill", skill="coordination", goal_id=None, note="")
    assert "[서비스 제공 · resource_named]" in refused.message.value

    submit(w, "use_skill", skill="coordination", resource_id="childrens_center")
    assert dict(last(w, "indirect_practice").fields) == {
        "skill": "coordination",
        "goal": None,
        "resource": "childrens_center",
    }
    assert [v.rule for v in w.session.engine.violations] == ["resource_named"]


def test_waiting_and_service_statuses_appear_after_time_passes(walk):
    w = _provision(walk)
    for rid, goal in (
        ("admin_welfare", "economic"),
        ("wee_class", "psychological"),
        ("afterschool_math", "educational"),
        ("childrens_center", "welfare"),
    ):
        submit(w, "refer", resource_id=rid, goal_id=goal)
    advance(w, "monitoring")
    assert w.session.stage is Stage.MONITORING
    assert w.events.value == ""

    wait(w, 3)
    assert w.session.day == 13
    assert set(_services(w.services.value).values()) == {"referred"}
    assert w.events.value == ""

    wait(w, 1)
    assert w.session.day == 14
    expected = {
        "admin_welfare": "accepted",
        "wee_class": "accepted",
        "afterschool_math": "accepted",
        "childrens_center": "waiting",
    }
    assert {rid: s.status.value for rid, s in w.session.engine.case.services.items()} == expected
    names = w.session.names("ko")
    assert _services(w.services.value) == {escape(names[rid]): status for rid, status in expected.items()}
    assert "<td class='ck-status-waiting'>대기 중</td>" in w.services.value
    assert "<td class='ck-status-accepted'>수락됨</td>" in w.services.value
    # What the world did is listed with its day, one line per status change.
    assert w.events.value.startswith("<ul class='ck-events'><li>14일: ")
    assert w.events.value.count("<li>") == 4
    assert escape(names["childrens_center"]) in w.events.value

    wait(w, 3)
    assert (w.session.day, w.session.engine.case.services["admin_welfare"].status.value) == (
        17,
        "in_progress",
    )
    assert "<td class='ck-status-in_progress'>진행 중</td>" in w.services.value


def test_monitoring_has_a_progress_slider_per_goal(walk):
    w = _provision(walk)
    submit(w, "refer", resource_id="wee_class", goal_id="psychological")
    advance(w, "monitoring")
    form = w.form("monitor")
    sliders = form.field("progress").sliders
    assert [(g, s.description, s.min, s.max, s.step) for g, s in sliders.items()] == [
        (g, g, 0, 100, 5) for g in ("economic", "psychological", "educational", "welfare")
    ]
    for g, v in zip(sliders, (10, 40, 0, 25), strict=True):
        sliders[g].value = v
    submit(w, "monitor", note="Wee클래스 2회 참석")
    entry = last(w, "monitoring")
    assert (dict(entry.fields["progress"]), entry.note) == (
        {"economic": 10, "psychological": 40, "educational": 0, "welfare": 25},
        "Wee클래스 2회 참석",
    )
    advance(w, "reassessment")
    assert w.session.stage is Stage.REASSESSMENT
    assert "data-stage='monitoring'" in w.feedback.value


def test_the_crisis_box_appears_when_a_crisis_comes_and_takes_the_response(walk):
    w = walk("neglect-report-elementary")
    w.play("expert", until="monitoring")
    assert (w.session.day, w.crisis_box.layout.display) == (10, "none")

    wait(w, 30)  # the clock stops on the crisis day
    assert w.session.day == 20
    assert w.crisis_box.layout.display == "flex"
    assert "⚠ 위기가 발생했습니다: 대응 기간 안에 개입하세요" in w.crisis_title.value
    intervene = w.form("intervene_in_crisis")
    assert intervene.widget in w.crisis_forms.children
    label = f"crisis-1 · {CrisisType.ABUSE_NEGLECT.ko} (20일)"
    assert intervene.field("crisis_id").widget.options == ((label, "crisis-1"),)
    assert "crisis" in kinds(w) and "위기" in w.events.value

    submit(w, "intervene_in_crisis", crisis_id="crisis-1", actions="안전 확인, 외할머니 연락, 보건실 보호")
    entry = last(w, "crisis_intervention")
    assert dict(entry.fields) == {
        "crisis": "crisis-1",
        "actions": ("안전 확인", "외할머니 연락", "보건실 보호"),
        "safety_checked": True,
    }
    assert w.session.engine.case.crises["crisis-1"].intervened_day == 20
    assert intervene.field("crisis_id").widget.options == ((label + " ✓", "crisis-1"),)

    report = w.form("report")
    assert [v for _, v in report.field("resource_id").widget.options] == [
        r.id for r in w.scenario.resources if r.setting.value == "out_of_school"
    ]
    submit(w, "report", crisis_id="crisis-1", resource_id="child_protection")
    assert dict(last(w, "mandatory_report").fields) == {"crisis": "crisis-1", "resource": "child_protection"}

    rapid = w.form("refer", "crisis")
    assert rapid is not w.form("refer") and rapid.field("emergency").widget.value is False
    submit(w, "refer", "crisis", resource_id="abuse_officer", emergency=True)
    assert dict(last(w, "link").fields) == {
        "resource": "abuse_officer",
        "goal": None,
        "client_agreed": True,
        "emergency": True,
    }
    assert w.session.engine.case.services["abuse_officer"].emergency is True

    skill = w.form("use_skill", "crisis")
    assert skill is not w.form("use_skill") and skill.field("skill").widget.value == "counselling"
    submit(w, "use_skill", "crisis", note="놀란 마음을 들어 줌")
    assert (dict(last(w, "direct_practice").fields), last(w, "direct_practice").note) == (
        {"skill": "counselling", "goal": None, "resource": None},
        "놀란 마음을 들어 줌",
    )
    assert w.session.engine.violations == []
    assert w.crisis_box.layout.display == "flex"  # still there, for the record of the response
