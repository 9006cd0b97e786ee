"""Record fields in words: the labels and values of a case file's entries, ko or en.

Used by :mod:`casekit.viz.casefile_html` to print each entry's fields readably: a field's
code becomes its Korean name on Korean pages, a vocabulary code its label, a resource or
interview-question id its name, a ``{"ko", "en"}`` text the one in the page's language.

Examples
--------
>>> field_label("purpose", "ko"), field_label("purpose", "en")
('목적', 'purpose')
>>> field_value("purpose", "information_sharing", {}, "ko")
'정보 제공·공유 동의'
>>> field_value("ratings", {"safety": 3}, {}, "en")
'safety and protection 3'
>>> field_value("ties", [{"target": "mom", "strength": "strong", "note": ""}, {"target": "dad"}], {}, "ko")
'대상 mom, 강도 강함; 대상 dad'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..domain.text import Text
from ..domain.vocabulary import (
    ClosureReason,
    Coded,
    ConsentPurpose,
    CrisisType,
    Flow,
    FollowUpFinding,
    GoalOutcome,
    NeedDomain,
    Relation,
    RiskLevel,
    ServiceStatus,
    Skill,
    Stage,
    TieStrength,
)

__all__ = ["FIELD_CODES", "FIELD_KO", "code_label", "field_label", "field_value"]

#: Fields whose values are vocabulary codes, and the vocabulary.
FIELD_CODES: Mapping[str, type[Coded]] = {
    "stage": Stage,
    "from": Stage,
    "to": Stage,
    "skill": Skill,
    "type": CrisisType,
    "purpose": ConsentPurpose,
    "status": ServiceStatus,
    "level": RiskLevel,
    "outcome": GoalOutcome,
    "finding": FollowUpFinding,
    "domain": NeedDomain,
    "domains": NeedDomain,
    "relation": Relation,
    "strength": TieStrength,
    "flow": Flow,
    "reason": ClosureReason,
}

#: Korean names of the record fields (English pages show the field codes themselves).
FIELD_KO: Mapping[str, str] = {
    **dict.fromkeys(("domain", "domains"), "영역"),
    **dict.fromkeys(("resource", "resources"), "자원"),
    "question": "질문", "answer": "답변", "minutes": "시간(분)", "purpose": "목적", "granted": "동의",
    "given_by": "동의자", "open": "개입", "reason": "사유", "referred_to": "의뢰처", "level": "수준",
    "ratings": "평가", "text": "내용", "target": "대상", "relation": "관계", "strength": "강도",
    "stressful": "스트레스", "flow": "흐름", "removed": "삭제", "id": "번호", "description": "설명",
    "measure": "측정", "by_day": "기한(일)", "responsible": "담당", "frequency": "빈도",
    "participants": "참석자", "agenda": "안건", "decisions": "결정", "kind": "종류",
    "supervisor": "슈퍼바이저", "topics": "주제", "guidance": "지도 내용", "goal": "목표",
    "client_agreed": "학생 동의", "emergency": "긴급", "status": "상태", "skill": "기술", "type": "유형",
    "window_days": "대응 기간(일)", "crisis": "위기", "actions": "조치", "safety_checked": "안전 확인",
    "progress": "진척도", "outcome": "결과", "summary": "요약", "finding": "확인 결과",
    "from": "이전 단계", "to": "다음 단계", "ties": "관계", "source": "의뢰인", "household": "가구",
    "housing": "주거", "income": "소득", "health": "건강", "other_services": "이용 중인 서비스",
    "note": "메모",
}  # fmt: skip

_YES_NO = (Text("아니오", "no"), Text("예", "yes"))


def code_label(enum: type[Coded], value: Any, lang: str) -> str:
    """The label of ``value`` in ``enum``, or ``value`` itself when it is not one of its codes."""
    return enum.parse(value).label(lang) if value in enum.codes() else str(value)


def field_label(key: str, lang: str) -> str:
    """The name of a record field: Korean on Korean pages, the code on English ones."""
    return FIELD_KO.get(key, key) if lang == "ko" else key


def field_value(key: str, value: Any, names: Mapping[str, Text], lang: str) -> str:
    """A field's value in words (``names`` maps resource and question ids to their names)."""
    if isinstance(value, Mapping):
        if set(value) == {"ko", "en"}:
            return str(value[lang])
        parts = (
            f"{code_label(NeedDomain, k, lang) if k in NeedDomain.codes() else field_label(k, lang)} "
            f"{field_value(k, v, names, lang)}"
            for k, v in value.items()
            if v not in ("", None)
        )
        return ", ".join(parts)
    if isinstance(value, (list, tuple)):
        # A list of records (the ties at referral) reads better one record per "; ".
        sep = "; " if any(isinstance(v, Mapping) for v in value) else ", "
        return sep.join(field_value(key, v, names, lang) for v in value) or "-"
    if value is None:
        return "-"
    if isinstance(value, bool):
        return _YES_NO[value].get(lang)
    if key in FIELD_CODES and isinstance(value, str) and value in FIELD_CODES[key].codes():
        return FIELD_CODES[key].parse(value).label(lang)
    if isinstance(value, str) and value in names:
        return names[value].get(lang)
    return str(value)
