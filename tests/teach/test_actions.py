"""Actions read from record entries, and their labels."""

from __future__ import annotations

import pytest

from casekit.domain.text import Text
from casekit.teach.actions import action_label, action_of, actions_by_stage, all_actions


def e(kind: str, stage: str = "intake", **fields) -> dict:
    return {"kind": kind, "stage": stage, "fields": fields}


@pytest.mark.parametrize(
    ("entry", "action"),
    [
        (e("consent", purpose="information_sharing", granted=True), "consent:information_sharing"),
        (e("consent", purpose="services", granted=False), None),
        (e("mandatory_report", crisis="c", resource="police"), "report"),
        (e("monitoring", progress={}), "monitoring"),
        (e("direct_practice", skill="counselling"), "skill:counselling"),
        (e("indirect_practice", skill="linking", resource="wee"), "skill:linking"),
        (e("follow_up", finding="stable"), "follow_up"),
        (e("case_conference"), "case_conference"),
        (e("link", resource="wee_center"), "link:wee_center"),
        (e("goal_set", id="g", domain="psychological"), "goal:psychological"),
        (e("interview", question="family"), "interview:family"),
        (e("eligibility", open=True), "eligibility:open"),
        (e("eligibility", open=False), "eligibility:not_opened"),
        (e("closure", reason="declined"), "closure:declined"),
        (e("crisis_intervention", crisis="c"), "crisis_intervention"),
        (e("stage_change", to="assessment"), None),
        (e("crisis", id="c"), None),
        (e("service_status", resource="wee"), None),
        (e("case_end"), None),
        (e("note"), None),
        ({"kind": "link", "fields": "broken"}, None),
    ],
)
def test_action_of(entry, action):
    assert action_of(entry) == action


def test_actions_by_stage_and_all():
    record = [
        e("consent", "intake", purpose="services", granted=True),
        e("direct_practice", "monitoring", skill="counselling"),
        e("direct_practice", "monitoring", skill="counselling"),
        e("link", "nowhere", resource="x"),
    ]
    by = actions_by_stage(record)
    assert by["intake"] == {"consent:services"} and by["monitoring"] == {"skill:counselling"}
    assert sum(len(v) for v in by.values()) == 2 and "nowhere" not in by
    assert all_actions(record) == {"consent:services", "skill:counselling", "link:x"}


@pytest.mark.parametrize(
    ("action", "lang", "label"),
    [
        ("report", "ko", "신고의무 이행"),
        ("report", "en", "mandatory report"),
        ("goal:psychological", "ko", "목표 설정: 심리·정서"),
        ("closure:declined", "en", "closure: client declined or withdrew"),
        ("eligibility:not_opened", "ko", "개입 여부 결정: 개입하지 않음"),
        ("link:unknown_place", "ko", "자원 연계: unknown_place"),
        ("mystery:thing", "en", "mystery: thing"),
    ],
)
def test_action_label(action, lang, label):
    assert action_label(action, lang) == label


def test_action_label_uses_names():
    assert action_label("interview:family", "en", {"family": Text("가족은?", "Your family?")}) == (
        "interview question: Your family?"
    )
