"""One readable line per case-record entry, in Korean or English.

The case-file view of the walkthrough, the expert's choices shown after a stage, and the
printable case file all describe entries the same way. ``names`` maps ids (resources,
household members, interview questions, goals) to what a reader should see.

Examples
--------
>>> from casekit.domain.records import RecordEntry, RecordKind
>>> from casekit.domain.vocabulary import Stage
>>> e = RecordEntry(4, Stage.INTAKE, 2, "cm", RecordKind.CONSENT,
...                 {"purpose": "information_sharing", "granted": True, "given_by": "guardian"})
>>> describe_entry(e)
'정보 제공·공유 동의: 동의함 (보호자)'
>>> describe_entry(e, "en")
'consent to share information: granted (guardian)'
>>> g = RecordEntry(9, Stage.PLANNING, 12, "cm", RecordKind.GOAL_SET, {"id": "edu", "domain": "educational",
...     "description": "숙제 완성", "measure": "주 3회", "by_day": 80, "resources": ["tutor"]})
>>> describe_entry(g, names={"tutor": "학습 멘토링"})
'목표 설정: edu [학습·교육]: 숙제 완성 · 측정: 주 3회 · 기한: 80일 · 자원: 학습 멘토링'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .records import RecordEntry, RecordKind
from .vocabulary import (
    ClosureReason,
    ConsentPurpose,
    CrisisType,
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

__all__ = ["SERVICE_REASONS", "describe_entry", "field_text"]

_WORDS: Mapping[str, tuple[str, str]] = {
    "granted": ("동의함", "granted"),
    "refused": ("거부함", "refused"),
    "student": ("학생", "student"),
    "guardian": ("보호자", "guardian"),
    "opened": ("개입하기로 함", "case opened"),
    "not_opened": ("개입하지 않음", "not opened"),
    "to": ("의뢰처", "referred to"),
    "measure": ("측정", "measure"),
    "by": ("기한", "by"),
    "day": ("일", "day "),
    "resources": ("자원", "resources"),
    "responsible": ("담당", "responsible"),
    "frequency": ("빈도", "frequency"),
    "participants": ("참석", "participants"),
    "agenda": ("안건", "agenda"),
    "decisions": ("결정", "decisions"),
    "supervisor": ("슈퍼바이저", "supervisor"),
    "topics": ("주제", "topics"),
    "guidance": ("지도", "guidance"),
    "goal": ("목표", "goal"),
    "emergency": ("긴급", "emergency"),
    "not_agreed": ("학생 동의 없음", "without the student's agreement"),
    "window": ("대응 기간", "response window"),
    "actions": ("조치", "actions"),
    "safety": ("안전 확인", "safety checked"),
    "report_to": ("신고·통보 기관", "reported to"),
    "reporter": ("신고자 신원은 기록하지 않음", "reporter's identity not recorded"),
    "removed": ("관계 해제", "tie removed"),
    "stressful": ("스트레스", "stressful"),
    "end": ("사례 종료", "case ended"),
}


def _w(key: str, lang: str) -> str:
    return _WORDS[key][0 if lang == "ko" else 1]


def field_text(value: Any, lang: str = "ko") -> str:
    """A field value as text: bilingual dicts pick ``lang``; lists are joined with commas."""
    if isinstance(value, Mapping):
        if "ko" in value and "en" in value:
            return str(value["ko"] if lang == "ko" else value["en"])
        return ", ".join(f"{k}: {field_text(v, lang)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(field_text(v, lang) for v in value)
    return "" if value is None else str(value)


def _label(coded: Any, value: Any, lang: str) -> str:
    try:
        return coded.parse(value).label(lang)
    except ValueError:
        return str(value)


def describe_entry(entry: RecordEntry, lang: str = "ko", names: Mapping[str, str] | None = None) -> str:
    """One line describing ``entry`` (its kind's label, then its content)."""
    names = names or {}
    f = entry.fields

    def n(x: Any) -> str:
        return names.get(str(x), str(x)) if x is not None else ""

    if entry.kind is RecordKind.CONSENT:
        head, body = _label(ConsentPurpose, f.get("purpose", "services"), lang), _consent(f, lang, n)
    else:
        head, body = entry.kind.label(lang), _BODIES.get(entry.kind, _generic)(f, lang, n)
    text = f"{head}: {body}" if body else head
    return f"{text} — {entry.note}" if entry.note else text


def _generic(f: Mapping[str, Any], lang: str, n: Callable[[Any], str]) -> str:
    return "; ".join(f"{k}: {field_text(v, lang)}" for k, v in f.items() if v not in (None, "", ()))


def _consent(f: Mapping[str, Any], lang: str, n: Callable[[Any], str]) -> str:
    who = f.get("given_by", "student")
    who = _w(who, lang) if who in _WORDS else str(who)
    verdict = _w("granted" if f.get("granted", True) else "refused", lang)
    return f"{verdict} ({who})"


def _eligibility(f: Mapping[str, Any], lang: str, n: Callable[[Any], str]) -> str:
    if f.get("open"):
        return _w("opened", lang)
    parts = [_w("not_opened", lang)]
    if f.get("reason"):
        parts.append(_label(ClosureReason, f["reason"], lang))
    if f.get("referred_to"):
        parts.append(f"{_w('to', lang)}: {n(f['referred_to'])}")
    return " · ".join(parts)


def _ratings(f: Mapping[str, Any], lang: str, n: Callable[[Any], str]) -> str:
    return ", ".join(f"{_label(NeedDomain, d, lang)} {v}" for d, v in f.get("ratings", {}).items())


def _goal(f: Mapping[str, Any], lang: str, n: Callable[[Any], str]) -> str:
    parts = [f"{f.get('id')} [{_label(NeedDomain, f.get('domain'), lang)}]: {field_text(f.get('description'), lang)}"]
    if f.get("measure"):
        parts.append(f"{_w('measure', lang)}: {field_text(f['measure'], lang)}")
    if f.get("by_day") is not None:
        day = f"{f['by_day']}일" if lang == "ko" else f"day {f['by_day']}"
        parts.append(f"{_w('by', lang)}: {day}")
    if f.get("resources"):
        parts.append(f"{_w('resources', lang)}: {', '.join(n(r) for r in f['resources'])}")
    for key in ("responsible", "frequency"):
        if f.get(key):
            parts.append(f"{_w(key, lang)}: {field_text(f[key], lang)}")
    return " · ".join(parts)


def _conference(f: Mapping[str, Any], lang: str, n: Callable[[Any], str]) -> str:
    parts = [f"{_w(k, lang)}: {field_text(f[k], lang)}" for k in ("participants", "agenda", "decisions") if f.get(k)]
    return " · ".join(parts)


def _supervision(f: Mapping[str, Any], lang: str, n: Callable[[Any], str]) -> str:
    parts = [f"{_w(k, lang)}: {field_text(f[k], lang)}" for k in ("supervisor", "topics", "guidance") if f.get(k)]
    return " · ".join(parts)


def _link(f: Mapping[str, Any], lang: str, n: Callable[[Any], str]) -> str:
    parts = [n(f.get("resource"))]
    if f.get("goal"):
        parts.append(f"{_w('goal', lang)} {f['goal']}")
    if f.get("emergency"):
        parts.append(_w("emergency", lang))
    if f.get("client_agreed") is False:
        parts.append(_w("not_agreed", lang))
    return " · ".join(parts)


#: The reasons the simulated world gives for a service status, in words.
SERVICE_REASONS: Mapping[str, tuple[str, str]] = {
    "resource closed": ("기관 사정으로 중단", "the resource closed"),
    "not eligible": ("이용 자격이 맞지 않음", "not eligible"),
    "place available": ("자리가 나서 수락", "a place became available"),
    "did not attend": ("연속 불참", "did not attend"),
    "client refused": ("학생·가족이 거절", "the student or family refused"),
}


def _service(f: Mapping[str, Any], lang: str, n: Callable[[Any], str]) -> str:
    text = f"{n(f.get('resource'))} → {_label(ServiceStatus, f.get('status'), lang)}"
    reason = f.get("reason")
    if not reason:
        return text
    words = SERVICE_REASONS.get(str(reason))
    return f"{text} ({words[0 if lang == 'ko' else 1] if words else field_text(reason, lang)})"


def _skill(f: Mapping[str, Any], lang: str, n: Callable[[Any], str]) -> str:
    parts = [_label(Skill, f.get("skill"), lang)]
    if f.get("resource"):
        parts.append(n(f["resource"]))
    if f.get("goal"):
        parts.append(f"{_w('goal', lang)} {f['goal']}")
    return " · ".join(parts)


def _crisis(f: Mapping[str, Any], lang: str, n: Callable[[Any], str]) -> str:
    text = f"{_label(CrisisType, f.get('type'), lang)} ({f.get('id')})"
    if f.get("window_days") is not None:
        days = f"{f['window_days']}일" if lang == "ko" else f"{f['window_days']} days"
        text += f" · {_w('window', lang)} {days}"
    if f.get("description"):
        text += f" · {field_text(f['description'], lang)}"
    return text


def _intervention(f: Mapping[str, Any], lang: str, n: Callable[[Any], str]) -> str:
    parts = [str(f.get("crisis", ""))]
    if f.get("actions"):
        parts.append(f"{_w('actions', lang)}: {field_text(f['actions'], lang)}")
    if f.get("safety_checked"):
        parts.append(_w("safety", lang))
    return " · ".join(parts)


def _report(f: Mapping[str, Any], lang: str, n: Callable[[Any], str]) -> str:
    return f"{f.get('crisis')} · {_w('report_to', lang)}: {n(f.get('resource'))} · {_w('reporter', lang)}"


def _monitoring(f: Mapping[str, Any], lang: str, n: Callable[[Any], str]) -> str:
    return ", ".join(f"{g} {v}%" for g, v in f.get("progress", {}).items())


def _tie(f: Mapping[str, Any], lang: str, n: Callable[[Any], str]) -> str:
    parts = [n(f.get("target")), _label(Relation, f.get("relation", "informal"), lang)]
    if f.get("strength"):
        parts.append(_label(TieStrength, f["strength"], lang))
    if f.get("stressful"):
        parts.append(_w("stressful", lang))
    if f.get("removed"):
        parts.append(_w("removed", lang))
    return " · ".join(parts)


def _referral(f: Mapping[str, Any], lang: str, n: Callable[[Any], str]) -> str:
    return " · ".join(x for x in (n(f.get("source")) if f.get("source") else "", field_text(f.get("reason"), lang)) if x)


_BODIES: Mapping[RecordKind, Callable[[Mapping[str, Any], str, Callable[[Any], str]], str]] = {
    RecordKind.REFERRAL_RECEIVED: _referral,
    RecordKind.INTERVIEW: lambda f, lang, n: n(f.get("question")),
    RecordKind.ELIGIBILITY: _eligibility,
    RecordKind.RISK_LEVEL: lambda f, lang, n: _label(RiskLevel, f.get("level"), lang),
    RecordKind.NEEDS_RATING: _ratings,
    RecordKind.STRENGTH: lambda f, lang, n: field_text(f.get("text"), lang),
    RecordKind.TIE: _tie,
    RecordKind.GOAL_SET: _goal,
    RecordKind.GOAL_DROPPED: lambda f, lang, n: str(f.get("id", "")),
    RecordKind.CASE_CONFERENCE: _conference,
    RecordKind.SUPERVISION: _supervision,
    RecordKind.LINK: _link,
    RecordKind.SERVICE_STATUS: _service,
    RecordKind.DIRECT_PRACTICE: _skill,
    RecordKind.INDIRECT_PRACTICE: _skill,
    RecordKind.CRISIS: _crisis,
    RecordKind.CRISIS_INTERVENTION: _intervention,
    RecordKind.MANDATORY_REPORT: _report,
    RecordKind.MONITORING: _monitoring,
    RecordKind.GOAL_EVALUATION: lambda f, lang, n: f"{f.get('goal')}: {_label(GoalOutcome, f.get('outcome'), lang)}",
    RecordKind.CLOSURE: lambda f, lang, n: " · ".join(
        x for x in (_label(ClosureReason, f.get("reason"), lang), field_text(f.get("summary"), lang)) if x
    ),
    RecordKind.FOLLOW_UP: lambda f, lang, n: _label(FollowUpFinding, f.get("finding"), lang),
    RecordKind.STAGE_CHANGE: lambda f, lang, n: " → ".join(
        _label(Stage, f.get(k), lang) for k in ("from", "to") if f.get(k)
    )
    + (f" ({field_text(f['reason'], lang)})" if f.get("reason") else ""),
    RecordKind.CASE_END: lambda f, lang, n: "",
}

