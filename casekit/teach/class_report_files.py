"""The files of a class report: CSV for scripts, Excel for instructors, HTML to read.

``class_summary.csv`` keeps the column codes (stable for scripts) and is written as UTF-8
with a byte-order mark, which Korean Excel needs to show Hangul. ``class_summary.xlsx`` has
a summary sheet, a problem-file sheet, a missed-actions sheet and a divergence sheet, with
headers in the report's language. ``report.html`` is one self-contained page: the figures
embedded as PNG, the tables, and every problem file with its reason; headings are Korean
and English, the report's language first.

Examples
--------
>>> header("학급 보고서", "Class report", "ko")
'학급 보고서 <span class="other">Class report</span>'
"""

from __future__ import annotations

import base64
import html
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.text import Text, check_lang
from ..domain.vocabulary import ClosureReason, Stage
from .class_report import COMPONENTS, PROBLEM_REASONS

if TYPE_CHECKING:
    import pandas as pd

    from .class_report import ClassReport

__all__ = ["FONT_STACK", "column_label", "header", "render_report_html", "write_files"]

#: Korean-capable fonts for the HTML report, most preferred first.
FONT_STACK = '"Noto Sans CJK KR", NanumGothic, "Malgun Gothic", "Apple SD Gothic Neo", sans-serif'

_COLUMNS: Mapping[str, Text] = {
    "student": Text("학생", "student"),
    "assignment": Text("과제", "assignment"),
    "learner": Text("학습자(파일 기재)", "learner (in the file)"),
    "scenario": Text("시나리오", "scenario"),
    "policy_or_learner": Text("정책/학습자", "policy or learner"),
    "seed": Text("시드", "seed"),
    "total": Text("총점", "total"),
    "crises": Text("위기 수", "crises"),
    "crises_unanswered": Text("개입 없는 위기", "crises not answered"),
    "crisis_response_mean": Text("위기 대응 평균(일)", "crisis response, mean (days)"),
    "crisis_response_max": Text("위기 대응 최대(일)", "crisis response, max (days)"),
    "closed_reason": Text("종결 사유", "closure reason"),
    "violations": Text("규칙 위반", "rule violations"),
    "missed_actions": Text("놓친 전문가 행동 수", "expert actions missed"),
    "first_divergence": Text("처음 달라진 단계", "first diverging stage"),
    "created": Text("작성 시각", "created"),
    "file": Text("파일", "file"),
    "action": Text("행동 코드", "action code"),
    "label": Text("행동", "action"),
    "students": Text("학생 수", "students"),
    "share": Text("비율", "share"),
    "stage": Text("단계", "stage"),
    "diverged": Text("전문가와 다른 학생 수", "students diverging"),
    "reason": Text("사유", "reason"),
    "message": Text("내용", "message"),
}

_CSS = """
body { font-family: FONTS; margin: 2em auto; max-width: 1100px; color: #222; line-height: 1.5; }
h1, h2 { color: #1d3b5a; } h2 { border-bottom: 2px solid #1d3b5a; padding-bottom: .2em; margin-top: 1.6em; }
.other { color: #667; font-weight: normal; font-size: .8em; margin-left: .4em; }
table { border-collapse: collapse; font-size: .85em; margin: .5em 0; }
th, td { border: 1px solid #ccd; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #eef2f7; } td.num { text-align: right; }
figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #dde; }
.problem { color: #8a1c1c; } .note { color: #555; }
@media print { @page { size: A4 landscape; margin: 12mm; } body { margin: 0; max-width: none; } }
""".replace("FONTS", FONT_STACK)

_FIGURES: Mapping[str, Text] = {
    "scores": Text("영역별 점수 분포", "Score distribution per component"),
    "missed_actions": Text("가장 많이 놓친 행동", "Most-missed actions"),
    "divergence": Text("전문가와 달라진 단계", "Where students diverge from the expert"),
}


def header(ko: str, en: str, lang: str) -> str:
    """A bilingual heading: the report's language first, the other smaller."""
    first, second = (ko, en) if lang == "ko" else (en, ko)
    return f'{html.escape(first)} <span class="other">{html.escape(second)}</span>'


def column_label(column: str, lang: str = "ko") -> str:
    """The readable name of a summary column.

    Examples
    --------
    >>> column_label("days_assessment", "ko"), column_label("plan_fit", "en")
    ('사정 일수', 'Plan fit')
    """
    if column in _COLUMNS:
        return _COLUMNS[column].get(lang)
    if column.startswith("days_") and column[5:] in Stage.codes():
        stage = Stage.parse(column[5:])
        return f"{stage.ko} 일수" if lang == "ko" else f"days in {stage.en}"
    if column in COMPONENTS:
        from ..sim.score import EXPLANATIONS

        return EXPLANATIONS[column][0 if lang == "ko" else 1].split(":")[0]
    return column


def write_files(
    report: ClassReport,
    out: str | os.PathLike[str],
    *,
    lang: str = "ko",
    figures: Mapping[str, bytes] | None = None,
) -> dict[str, Path]:
    """Write ``class_summary.csv``, ``class_summary.xlsx`` and ``report.html`` into ``out``.

    ``out`` is created if needed. ``figures`` maps a figure name (``scores``,
    ``missed_actions``, ``divergence``, or any other) to PNG bytes, embedded in the HTML.
    Returns the written paths by kind (``csv``, ``xlsx``, ``html``).
    """
    import pandas as pd

    check_lang(lang)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "csv": folder / "class_summary.csv",
        "xlsx": folder / "class_summary.xlsx",
        "html": folder / "report.html",
    }
    report.summary.to_csv(paths["csv"], index=False, encoding="utf-8-sig", lineterminator="\n")
    problems = pd.DataFrame(
        [
            {
                "file": p.file,
                "reason": p.reason,
                "label": PROBLEM_REASONS[p.reason].get(lang),
                "message": p.message,
            }
            for p in report.problems
        ],
        columns=["file", "reason", "label", "message"],
    )
    missed = report.missed.drop(columns=["label_en" if lang == "ko" else "label_ko"]).rename(
        columns={f"label_{lang}": "label"}
    )
    divergence = report.divergence.drop(columns=["label_en" if lang == "ko" else "label_ko"]).rename(
        columns={f"label_{lang}": "label"}
    )
    sheets = (
        (Text("요약", "summary"), report.summary),
        (Text("문제 파일", "problem files"), problems),
        (Text("놓친 행동", "missed actions"), missed),
        (Text("단계별 차이", "divergence"), divergence),
    )
    with pd.ExcelWriter(paths["xlsx"], engine="openpyxl") as xlsx:
        for name, frame in sheets:
            frame.rename(columns=lambda c: column_label(c, lang)).to_excel(
                xlsx, sheet_name=name.get(lang), index=False
            )
    paths["html"].write_bytes(render_report_html(report, lang=lang, figures=figures).encode("utf-8"))
    return paths


def render_report_html(
    report: ClassReport, *, lang: str = "ko", figures: Mapping[str, bytes] | None = None
) -> str:
    """The class report as one self-contained HTML page (see :func:`write_files`)."""
    check_lang(lang)
    h = lambda ko, en: header(ko, en, lang)  # noqa: E731 - a local shorthand
    n_rows, n_prob = len(report.summary), len(report.problems)
    intro = (
        f"사례 파일 {report.files}개, 학생·시나리오 {n_rows}행, 문제 파일 {n_prob}개."
        if lang == "ko"
        else f"{report.files} case files, {n_rows} rows (student and scenario), {n_prob} problem files."
    )
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{html.escape(Text('학급 사례관리 보고서', 'Class case-management report').get(lang))}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{h('학급 사례관리 보고서', 'Class case-management report')}</h1>",
        f"<p>{html.escape(intro)}</p>",
    ]
    if figures:
        parts.append(f"<h2>{h('그림', 'Figures')}</h2>")
        for name, png in figures.items():
            caption = _FIGURES.get(name, Text(name, name))
            data = base64.b64encode(png).decode("ascii")
            parts.append(
                f'<figure><img alt="{html.escape(caption.get(lang))}" src="data:image/png;base64,{data}">'
                f"<figcaption>{h(caption.ko, caption.en)}</figcaption></figure>"
            )
    shown = [c for c in report.summary.columns if c not in ("learner", "created")]
    parts.append(f"<h2>{h('학생별 요약', 'Summary by student')}</h2>")
    parts.append(_table(report.summary, shown, lang))
    parts.append(f"<h2>{h('가장 많이 놓친 행동', 'Most-missed actions')}</h2>")
    if len(report.missed):
        missed = report.missed.rename(columns={f"label_{lang}": "label"})
        parts.append(_table(missed, ["label", "action", "students", "share"], lang))
    else:
        parts.append(
            f"<p>{html.escape(Text('놓친 행동이 없습니다.', 'No action was missed.').get(lang))}</p>"
        )
    parts.append(f"<h2>{h('전문가와 달라진 단계', 'Where students diverge from the expert')}</h2>")
    divergence = report.divergence.rename(columns={f"label_{lang}": "label"})
    parts.append(_table(divergence, ["label", "students", "diverged", "share"], lang))
    parts.append(f"<h2>{h('문제 파일', 'Problem files')}</h2>")
    if report.problems:
        rows = "".join(
            f'<tr class="problem"><td>{html.escape(p.file)}</td>'
            f"<td>{html.escape(PROBLEM_REASONS[p.reason].get(lang))} ({html.escape(p.reason)})</td>"
            f"<td>{html.escape(p.message)}</td></tr>"
            for p in report.problems
        )
        heads = "".join(
            f"<th>{html.escape(column_label(c, lang))}</th>" for c in ("file", "reason", "message")
        )
        parts.append(f"<table><tr>{heads}</tr>{rows}</table>")
    else:
        parts.append(f"<p>{html.escape(Text('문제 파일이 없습니다.', 'No problem files.').get(lang))}</p>")
    if report.superseded:
        parts.append(f"<h2>{h('더 최근 파일로 대체된 파일', 'Files replaced by a later one')}</h2><ul>")
        parts.extend(f"<li>{html.escape(f)}</li>" for f in report.superseded)
        parts.append("</ul>")
    if report.notes:
        parts.append(f"<h2>{h('참고', 'Notes')}</h2><ul>")
        parts.extend(f'<li class="note">{html.escape(n)}</li>' for n in report.notes)
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _table(frame: pd.DataFrame, columns: list[str], lang: str) -> str:
    heads = "".join(f"<th>{html.escape(column_label(c, lang))}</th>" for c in columns)
    body = []
    for record in frame[columns].to_dict("records"):
        cells = []
        for c in columns:
            value = record[c]
            cls = ' class="num"' if isinstance(value, (int, float)) and not isinstance(value, bool) else ""
            cells.append(f"<td{cls}>{html.escape(_cell(c, value, lang))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{heads}</tr>{''.join(body)}</table>"


def _cell(column: str, value: Any, lang: str) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "-"
    if column == "share":
        return f"{100 * float(value):.0f}%"
    if column == "closed_reason" and value in ClosureReason.codes():
        return ClosureReason.parse(value).label(lang)
    if column == "first_divergence":
        if value == "":
            return Text("없음", "none").get(lang)
        return Stage.parse(value).label(lang) if value in Stage.codes() else str(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
