"""HTML pieces of the walkthrough, rendered from the learner's session (views hold no state).

Every function takes the :class:`~casekit.teach.LearnerSession` and a language and returns an
HTML string; :func:`ecomap_png` returns the client's ecomap as PNG bytes.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..domain.describe import describe_entry
from ..domain.vocabulary import Stage

__all__ = ["stage_bar", "student_card", "answers_html", "services_html", "events_html",
           "feedback_html", "expert_html", "record_html", "ecomap_png", "summary_html", "CSS"]

CSS = """<style>
.ck-stagebar{display:flex;flex-wrap:wrap;gap:4px;margin:4px 0}
.ck-stage{padding:4px 8px;border-radius:12px;font-size:90%;border:1px solid #bbb;color:#666;background:#f5f5f5}
.ck-stage.done{background:#e8f5e9;color:#1b5e20;border-color:#81c784}
.ck-stage.current{background:#1565c0;color:#fff;border-color:#0d47a1;font-weight:bold}
.ck-table{border-collapse:collapse;font-size:90%;width:100%}
.ck-table td,.ck-table th{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
.ck-sensitive{color:#8e24aa;font-weight:bold}
.ck-good{color:#1b5e20}.ck-missing{color:#b26a00}
</style>"""


#: Short names of the score components (casekit.sim.score).
COMPONENT_NAMES = {
    "process": ("과정", "process"),
    "assessment": ("사정", "assessment"),
    "plan_fit": ("계획 적합성", "plan fit"),
    "crisis": ("위기 대응", "crisis response"),
    "outcome": ("성과", "outcome"),
    "aftercare": ("사후관리", "aftercare"),
}


def _t(lang: str, ko: str, en: str) -> str:
    return ko if lang == "ko" else en


def stage_bar(ctx: Any, lang: str) -> str:
    """Done, current and remaining stages, and the day ("which stage is this case at?")."""
    visited = {s for s, _ in ctx.engine.case.timeline()}
    current = ctx.stage
    parts = []
    for i, s in enumerate(Stage, start=1):
        if ctx.ended:
            cls = "done" if s in visited else ""
        else:
            cls = "current" if s is current else "done" if s in visited else ""
        mark = "✓ " if cls == "done" else ""
        parts.append(f"<span class='ck-stage {cls}' data-stage='{s.value}'>{mark}{i}. {escape(s.label(lang))}</span>")
    if ctx.ended:
        where = _t(lang, "사례가 종료되었습니다.", "The case has ended.")
    else:
        where = _t(lang, f"지금 단계: <b>{current.ko}</b>", f"Current stage: <b>{current.en}</b>")
    day = _t(lang, f"의뢰 후 {ctx.day}일째", f"day {ctx.day} since referral")
    return f"{CSS}<div class='ck-stagebar'>{''.join(parts)}</div><div class='ck-where'>{where} · {day}</div>"


def student_card(ctx: Any, lang: str) -> str:
    """The referral and the student's known facts."""
    c, ref = ctx.scenario.client, ctx.scenario.referral
    elig = ", ".join(e.label(lang) for e in sorted(c.eligibility)) or _t(lang, "해당 없음", "none")
    rows = [
        (_t(lang, "학생", "Student"), f"{c.name.get(lang)} · {c.age}{_t(lang, '세', ' y')} · {c.school_level.label(lang)} {c.grade}{_t(lang, '학년', '')}"),
        (_t(lang, "가구", "Household"), c.household_type.label(lang)),
        (_t(lang, "지원 자격", "Eligibility"), elig),
        (_t(lang, "의뢰", "Referral"), f"{escape(ctx.names(lang).get(str(ref.source), str(ref.source)))}: {escape(ref.reason.get(lang))}"),
    ]
    if c.interpreter_needed:
        rows.append((_t(lang, "통역", "Interpreter"), _t(lang, "보호자 면담에 통역이 필요합니다", "the family needs an interpreter")))
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return f"{CSS}<table class='ck-table ck-student'>{body}</table>"


def answers_html(ctx: Any, lang: str) -> str:
    """What the interview questions asked so far revealed."""
    obs = ctx.observe()
    if not obs.answers:
        return f"<i>{_t(lang, '아직 한 질문이 없습니다.', 'No question asked yet.')}</i>"
    names = ctx.names(lang)
    items = "".join(f"<li><b>{escape(names.get(q, q))}</b><br>{escape(a.get(lang))}</li>" for q, a in obs.answers.items())
    return f"<ul class='ck-answers'>{items}</ul>"


def services_html(ctx: Any, lang: str) -> str:
    """Each linked resource's service status, and the goals."""
    case = ctx.engine.case
    names = ctx.names(lang)
    if not case.services and not case.goals:
        return ""
    rows = "".join(
        f"<tr><td>{escape(names.get(rid, rid))}</td><td class='ck-status-{s.status.value}'>{escape(s.status.label(lang))}</td></tr>"
        for rid, s in case.services.items()
    )
    progress = case.state.progress

    def _progress(gid: str) -> str:
        return f" · <b class='ck-progress'>{progress[gid]}%</b>" if gid in progress else ""

    goals = "".join(
        f"<tr><td>{escape(g.id)}</td><td>{escape(g.domain.label(lang))}: {escape(str(g.description))}{_progress(g.id)}</td></tr>"
        for g in case.goals.values()
    )
    head_s = _t(lang, "서비스 상태", "Services")
    head_g = _t(lang, "목표", "Goals")
    no_shows = ctx.observe().no_shows
    if no_shows:
        by: dict[str, list[int]] = {}
        for day, rid in no_shows:
            by.setdefault(rid, []).append(day)
        rows += "".join(
            f"<tr class='ck-no-show'><td>{escape(names.get(rid, rid))}</td><td>"
            f"{_t(lang, f'불참 {len(days)}회 (최근 {days[-1]}일)', f'{len(days)} no-show(s), last on day {days[-1]}')}</td></tr>"
            for rid, days in by.items()
        )
    return (f"{CSS}<table class='ck-table ck-services'><tr><th colspan=2>{head_s}</th></tr>{rows}"
            f"<tr><th colspan=2>{head_g}</th></tr>{goals}</table>")


def events_html(entries: Any, ctx: Any, lang: str) -> str:
    """What the simulated world did (service statuses, crises, no-shows), newest last."""
    names = ctx.names(lang)
    items = "".join(f"<li>{e.day}{_t(lang, '일', 'd')}: {escape(describe_entry(e, lang, names))}</li>" for e in entries)
    return f"<ul class='ck-events'>{items}</ul>" if items else ""


def feedback_html(fb: Any, lang: str) -> str:
    """One stage's feedback: good points, hints, the author's note, the stage's scores."""
    head = _t(lang, f"피드백: {fb.stage.ko}", f"Feedback: {fb.stage.en}")
    good = "".join(f"<li class='ck-good'>✓ {escape(t.get(lang))}</li>" for t in fb.good)
    miss = "".join(f"<li class='ck-missing'>△ {escape(t.get(lang))}</li>" for t in fb.missing)
    note = f"<p><i>{escape(fb.author_note.get(lang))}</i></p>" if fb.author_note else ""
    comps = ", ".join(f"{_t(lang, *COMPONENT_NAMES[k])} {v:.0f}/100" for k, v in fb.components.items())
    return f"{CSS}<div class='ck-feedback' data-stage='{fb.stage.value}'><b>{head}</b><ul>{good}{miss}</ul>{note}<small>{comps}</small></div>"


def expert_html(ctx: Any, stage: Stage, lang: str) -> str:
    """The expert's own entries in ``stage`` and the author's rationale (committed stages only)."""
    entries = ctx.expert_for(stage)
    if entries is None:
        return f"<i>{_t(lang, '이 단계를 마친 뒤에 볼 수 있습니다.', 'Available once you have finished this stage.')}</i>"
    names = ctx.names(lang)
    why = ctx.expert_rationale(stage)
    items = "".join(f"<li>{e.day}{_t(lang, '일', 'd')}: {escape(describe_entry(e, lang, names))}</li>" for e in entries)
    reason = f"<p><b>{_t(lang, '전문가의 판단 근거', 'Why')}</b>: {escape(why.get(lang))}</p>" if why else ""
    head = _t(lang, f"전문가의 선택: {stage.ko}", f"The expert's choices: {stage.en}")
    return f"<div class='ck-expert'><b>{head}</b>{reason}<ul>{items or '<li>-</li>'}</ul></div>"


def record_html(ctx: Any, lang: str) -> str:
    """The growing case file as a table (sensitive entries marked)."""
    names = ctx.names(lang)
    head = "".join(f"<th>{h}</th>" for h in (_t(lang, "일", "day"), _t(lang, "단계", "stage"), _t(lang, "기록", "entry")))
    rows = []
    for e in ctx.engine.case.record:
        mark = f" <span class='ck-sensitive'>[{_t(lang, '민감 정보', 'sensitive')}]</span>" if e.sensitive else ""
        who = _t(lang, " (상황)", " (event)") if e.by_world else ""
        rows.append(f"<tr><td>{e.day}</td><td>{escape(e.stage.label(lang))}</td><td>{escape(describe_entry(e, lang, names))}{who}{mark}</td></tr>")
    return f"{CSS}<table class='ck-table ck-record'><tr>{head}</tr>{''.join(rows)}</table>"


def summary_html(result: Any, lang: str) -> str:
    """The final score with its components, when the case has ended."""
    explained = result.score.explain(lang)
    rows = "".join(f"<tr><td>{escape(explained[k].rsplit(' (', 1)[0])}</td><td>{v:.0f}</td></tr>" for k, v in result.score.components.items())
    head = _t(lang, f"최종 점수: {result.score.total:.1f} / 100", f"Final score: {result.score.total:.1f} / 100")
    return f"{CSS}<div class='ck-summary'><h3>{head}</h3><table class='ck-table'>{rows}</table></div>"


def ecomap_png(ctx: Any, lang: str) -> bytes:
    """The client's ecomap from the ties recorded so far (Hartman 1978), as PNG bytes."""
    from ..viz.casefile_html import case_ecomap_png

    # A small image: it is redrawn whenever the ties change.
    return case_ecomap_png(ctx.engine.case, lang=lang, dpi=72)
