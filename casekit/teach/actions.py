"""What a case manager *did*, read from a case record: actions to compare with the expert.

An action is a record entry's kind plus its key code: ``consent:information_sharing``,
``skill:counselling``, ``link:wee_center``, ``goal:psychological``, ``report``,
``monitoring``, ``follow_up``, ``case_conference``. Entries the world writes (a crisis, a
service's status) and bookkeeping (stage changes, notes, the end of the case) are not
actions. Comparing the sets of actions per stage with an expert run on the same scenario and
seed shows what a learner left out and where in the process the two ways parted.

Examples
--------
>>> action_of({"kind": "consent", "fields": {"purpose": "information_sharing", "granted": True}})
'consent:information_sharing'
>>> action_of({"kind": "stage_change", "fields": {"from": "intake", "to": "assessment"}}) is None
True
>>> action_label("skill:counselling", "ko")
'실천 기술: 상담·치료'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..domain.text import Text, check_lang
from ..domain.vocabulary import ClosureReason, Coded, ConsentPurpose, NeedDomain, Skill, Stage

__all__ = ["ACTION_HEADS", "action_of", "action_label", "actions_by_stage", "all_actions"]

#: The first part of an action code and its label.
ACTION_HEADS: Mapping[str, Text] = {
    "interview": Text("면접 질문", "interview question"),
    "intake_record": Text("접수 기록지", "intake record"),
    "consent": Text("동의서", "consent"),
    "eligibility": Text("개입 여부 결정", "decision to open the case"),
    "risk_level": Text("위험 수준 판단", "risk level"),
    "needs_rating": Text("욕구 사정", "needs rating"),
    "strength": Text("강점 기록", "strength noted"),
    "tie": Text("생태도 관계 기록", "ecomap tie"),
    "goal": Text("목표 설정", "goal set"),
    "case_conference": Text("사례회의", "case conference"),
    "supervision": Text("슈퍼비전", "supervision"),
    "link": Text("자원 연계", "link to a resource"),
    "skill": Text("실천 기술", "practice skill"),
    "crisis_intervention": Text("위기개입", "crisis intervention"),
    "report": Text("신고의무 이행", "mandatory report"),
    "monitoring": Text("점검 기록", "monitoring check"),
    "goal_evaluation": Text("목표 평가", "goal evaluation"),
    "closure": Text("종결", "closure"),
    "follow_up": Text("사후관리 점검", "aftercare follow-up"),
}

# Record kinds that are an action by themselves (the action code is the head).
_PLAIN = {
    "intake_record": "intake_record",
    "risk_level": "risk_level",
    "needs_rating": "needs_rating",
    "strength": "strength",
    "tie": "tie",
    "case_conference": "case_conference",
    "supervision": "supervision",
    "crisis_intervention": "crisis_intervention",
    "mandatory_report": "report",
    "monitoring": "monitoring",
    "goal_evaluation": "goal_evaluation",
    "follow_up": "follow_up",
}
# Record kinds whose action carries a key field: kind -> (head, field).
_KEYED = {
    "interview": ("interview", "question"),
    "goal_set": ("goal", "domain"),
    "link": ("link", "resource"),
    "direct_practice": ("skill", "skill"),
    "indirect_practice": ("skill", "skill"),
    "closure": ("closure", "reason"),
}
_CODES: Mapping[str, type[Coded]] = {
    "consent": ConsentPurpose,
    "skill": Skill,
    "goal": NeedDomain,
    "closure": ClosureReason,
}
_ELIGIBILITY = {"open": Text("개입함", "opened"), "not_opened": Text("개입하지 않음", "not opened")}


def action_of(entry: Mapping[str, Any]) -> str | None:
    """The action a record entry (its case-file dict) stands for, or ``None``.

    A refused consent is not an action (nothing was agreed); a decision to open the case is
    ``eligibility:open`` or ``eligibility:not_opened``.
    """
    kind = entry.get("kind")
    fields = entry.get("fields") or {}
    if not isinstance(fields, Mapping):
        return None
    if kind in _PLAIN:
        return _PLAIN[kind]
    if kind == "consent":
        return f"consent:{fields.get('purpose')}" if fields.get("granted") is True else None
    if kind == "eligibility":
        return "eligibility:open" if fields.get("open") else "eligibility:not_opened"
    if kind in _KEYED:
        head, key = _KEYED[kind]
        return f"{head}:{fields.get(key)}"
    return None


def actions_by_stage(record: Iterable[Mapping[str, Any]]) -> dict[str, set[str]]:
    """The set of actions taken in each stage, keyed by stage code (every stage present).

    Examples
    --------
    >>> by = actions_by_stage([{"stage": "intake", "kind": "risk_level", "fields": {"level": "alert"}}])
    >>> by["intake"], by["assessment"]
    ({'risk_level'}, set())
    """
    out: dict[str, set[str]] = {s.value: set() for s in Stage}
    for entry in record:
        action = action_of(entry)
        stage = entry.get("stage")
        if action is not None and stage in out:
            out[stage].add(action)
    return out


def all_actions(record: Iterable[Mapping[str, Any]]) -> set[str]:
    """Every action in a record, whatever the stage."""
    return {a for entry in record if (a := action_of(entry)) is not None}


def action_label(action: str, lang: str = "ko", names: Mapping[str, Text] | None = None) -> str:
    """A readable label for an action code.

    ``names`` maps the ids in actions (resources, interview questions) to their names; an id
    not in it is shown as is.

    Examples
    --------
    >>> action_label("consent:information_sharing", "en")
    'consent: consent to share information'
    >>> action_label("link:wee", "ko", {"wee": Text("Wee센터", "Wee center")})
    '자원 연계: Wee센터'
    """
    check_lang(lang)
    head, _, code = action.partition(":")
    label = ACTION_HEADS[head].get(lang) if head in ACTION_HEADS else head
    if not code:
        return label
    if head == "eligibility" and code in _ELIGIBILITY:
        return f"{label}: {_ELIGIBILITY[code].get(lang)}"
    enum = _CODES.get(head)
    if enum is not None and code in enum.codes():
        return f"{label}: {enum.parse(code).label(lang)}"
    if names and code in names:
        return f"{label}: {names[code].get(lang)}"
    return f"{label}: {code}"
