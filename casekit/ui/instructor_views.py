"""HTML pieces of the instructor's tools, rendered from plain state (views hold no state).

:func:`problems_html` lists a scenario draft's problems where they are (line, field path, the
line as typed); :func:`preview_html` shows an expert's run and the policy comparison;
:func:`summary_table_html` and :func:`problem_files_html` show a class report.

Examples
--------
>>> from casekit.domain.errors import Problem
>>> html = problems_html([Problem("editor", 2, "student.age", "expected a whole number")], "a:\\n  age: x\\n", "en")
>>> "line 2" in html and "student.age" in html and "age: x" in html
True
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from ..domain.text import Text
from ..domain.vocabulary import Stage
from .views import CSS

if TYPE_CHECKING:
    from ..domain.errors import Problem
    from ..teach.class_report import ClassReport

__all__ = ["SUMMARY_COLUMNS", "problem_files_html", "preview_html", "problems_html", "summary_table_html"]

T = Text

#: The class-report columns the notebook shows (the CSV has them all).
SUMMARY_COLUMNS = (
    "student",
    "assignment",
    "scenario",
    "policy_or_learner",
    "seed",
    "total",
    "process",
    "assessment",
    "plan_fit",
    "crisis",
    "outcome",
    "aftercare",
    "crises_unanswered",
    "missed_actions",
    "first_divergence",
)


def _both(text: Text, lang: str) -> str:
    """The text in ``lang`` first, the other language after it, dimmed."""
    other = "en" if lang == "ko" else "ko"
    return f"{escape(text.get(lang))} <span style='color:#778'>· {escape(text.get(other))}</span>"


def problems_html(problems: Sequence[Problem], text: str, lang: str, *, notes: Sequence[Text] = ()) -> str:
    """Every problem with its line, its field path and the line as typed; a tick when none."""
    lines = text.splitlines()
    note_html = "".join(
        f"<div class='ck-editor-note' style='color:#b26a00'>⚠ {_both(n, lang)}</div>" for n in notes
    )
    if not problems:
        ok = T("문제 없음: 이 시나리오를 불러올 수 있습니다.", "No problems: this scenario loads.")
        return f"{CSS}<div class='ck-editor-ok' style='color:#1b5e20'>✓ {_both(ok, lang)}</div>{note_html}"
    n = len(problems)
    head = T(f"고칠 문제 {n}개", f"{n} problem{'s' if n != 1 else ''} to fix")
    rows = []
    for p in problems:
        where = T(f"{p.line}행", f"line {p.line}") if p.line is not None else T("파일", "file")
        quoted = lines[p.line - 1] if p.line is not None and 0 < p.line <= len(lines) else ""
        field = f"<code>{escape(p.field)}</code>" if p.field else ""
        rows.append(
            f"<tr class='ck-problem' data-line='{p.line or ''}'><td>{_both(where, lang)}</td><td>{field}</td>"
            f"<td>{escape(p.message)}</td><td><pre style='margin:0'>{escape(quoted)}</pre></td></tr>"
        )
    cols = "".join(
        f"<th>{_both(h, lang)}</th>"
        for h in (T("줄", "line"), T("항목", "field"), T("문제", "problem"), T("입력한 줄", "as typed"))
    )
    return (
        f"{CSS}<div class='ck-editor-problems'><b style='color:#b00020'>✗ {_both(head, lang)}</b>"
        f"<table class='ck-table'><tr>{cols}</tr>{''.join(rows)}</table></div>{note_html}"
    )


def preview_html(preview: Any, lang: str) -> str:
    """The expert's score and stage timeline, and the mean score of every policy over the seeds."""
    head = T(f"전문가 실행 점수: {preview.score:.1f} / 100", f"Expert's score: {preview.score:.1f} / 100")
    timeline = "".join(
        f"<tr><td>{day}</td><td>{escape(Stage.parse(stage).label(lang))}</td></tr>"
        for stage, day in preview.stages
    )
    day = T("일", "day")
    stage = T("단계", "stage")
    seeds = ", ".join(str(s) for s in preview.seeds)
    policy_rows = "".join(
        f"<tr><td>{escape(name)}</td><td>{preview.means[name]:.1f}</td>"
        f"<td>{escape(', '.join(f'{x:.1f}' for x in preview.scores[name]))}</td></tr>"
        for name in preview.means
    )
    if preview.ordered:
        verdict = T(
            "전문가 > 단순 > 무작위: 점수가 실천의 질을 가려냅니다.",
            "expert > naive > random: the score tells good practice apart.",
        )
        colour, mark = "#1b5e20", "✓"
    else:
        verdict = T(
            "전문가 > 단순 > 무작위가 성립하지 않습니다: 전문가 키와 사건을 다시 살펴보세요.",
            "expert > naive > random does not hold: look again at the expert key and the events.",
        )
        colour, mark = "#b26a00", "⚠"
    cols = (T("정책", "policy"), T("평균 점수", "mean score"), T(f"시드 {seeds}", f"seeds {seeds}"))
    return (
        f"{CSS}<div class='ck-preview'><h3>{_both(head, lang)}</h3>"
        f"<table class='ck-table ck-timeline' style='width:auto'><tr><th>{_both(day, lang)}</th><th>{_both(stage, lang)}</th></tr>{timeline}</table>"
        f"<table class='ck-table ck-policies' style='width:auto;margin-top:6px'><tr>"
        f"{''.join(f'<th>{_both(c, lang)}</th>' for c in cols)}</tr>{policy_rows}</table>"
        f"<p class='ck-order' style='color:{colour}'>{mark} {_both(verdict, lang)}</p></div>"
    )


def summary_table_html(report: ClassReport, lang: str) -> str:
    """The summary, one row per student and scenario, with headers in ``lang``."""
    from ..teach.class_report_files import column_label

    cols = [c for c in SUMMARY_COLUMNS if c in report.summary.columns]
    head = "".join(f"<th>{escape(column_label(c, lang))}</th>" for c in cols)
    rows = []
    for _, row in report.summary.iterrows():
        cells = []
        for c in cols:
            v = row[c]
            cells.append(
                "" if v is None or v != v else f"{v:.1f}" if isinstance(v, float) else escape(str(v))
            )
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    title = T(
        f"사례 파일 {report.files}개 · {len(report.summary)}행",
        f"{report.files} case files · {len(report.summary)} rows",
    )
    return f"{CSS}<h3>{_both(title, lang)}</h3><table class='ck-table ck-class-summary'><tr>{head}</tr>{''.join(rows)}</table>"


def problem_files_html(report: ClassReport, lang: str) -> str:
    """Files left out of the report with their reason; superseded files and notes."""
    from ..teach.class_report import PROBLEM_REASONS

    items = [
        f"<li class='ck-problem-file'><code>{escape(p.file)}</code>: <b>{escape(PROBLEM_REASONS[p.reason].get(lang))}</b> "
        f"({escape(p.reason)}) — {escape(p.message)}</li>"
        for p in report.problems
    ]
    items += [
        f"<li class='ck-superseded'><code>{escape(f)}</code>: {escape(T('더 나중 파일로 대체됨', 'superseded by a later file').get(lang))}</li>"
        for f in report.superseded
    ]
    items += [f"<li class='ck-note'>{escape(n)}</li>" for n in report.notes]
    if not items:
        return f"<p>✓ {_both(T('문제 파일 없음', 'No problem files'), lang)}</p>"
    head = T(f"문제 파일 {len(report.problems)}개", f"{len(report.problems)} problem files")
    return f"<h3 style='color:#8a1c1c'>{_both(head, lang)}</h3><ul>{''.join(items)}</ul>"
