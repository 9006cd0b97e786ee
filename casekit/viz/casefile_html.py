"""A printable case file (사례 기록) in HTML: header, score, stage records, ecomap, feedback.

:func:`render_case_file_html` works from the case-file document alone (a plain dict, as
:func:`casekit.store.casefile.read_case_file` returns it). The page prints on A4 and uses a
Korean font stack. Entries holding sensitive information (health, mental health, abuse) carry
a visible 민감 정보 / sensitive mark, so a printed copy is handled with care.

The ecomap is drawn from the case itself: the record is replayed
(:meth:`casekit.domain.Case.replay`) over the scenario's student, case manager and resource
directory. That needs the scenario: the bundled one with the file's ``scenario.id``, or the
``scenario`` passed in. When the case cannot be rebuilt the page says so instead of failing.

Examples
--------
>>> from casekit.scenarios import get_scenario
>>> from casekit.sim import run_case
>>> from casekit.teach import case_file_from_result
>>> s = get_scenario("neglect-report-elementary")
>>> page = render_case_file_html(case_file_from_result(run_case(s, "naive", 0), s, learner="학생"))
>>> "민감 정보" in page, "data:image/png;base64," in page
(True, True)
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Mapping, Sequence
from typing import Any

from ..domain.records import RecordKind
from ..domain.text import Text, check_lang
from ..domain.vocabulary import ClosureReason, CrisisType, Difficulty, Stage
from .casefile_fields import code_label, field_label, field_value

__all__ = ["FONT_STACK", "render_case_file_html", "ecomap_png", "case_ecomap_png"]

#: Korean-capable fonts, most preferred first.
FONT_STACK = '"Noto Sans CJK KR", NanumGothic, "Malgun Gothic", sans-serif'

_CSS = """
@page { size: A4; margin: 15mm; }
body { font-family: FONTS; font-size: 10.5pt; color: #222; line-height: 1.45; max-width: 190mm; margin: 1em auto; }
h1 { font-size: 16pt; margin: 0 0 .3em; } h2 { font-size: 12.5pt; border-bottom: 1.5px solid #1d3b5a;
  color: #1d3b5a; margin: 1.2em 0 .4em; page-break-after: avoid; }
h3 { font-size: 11pt; margin: .9em 0 .3em; page-break-after: avoid; }
.other { color: #667; font-weight: normal; font-size: .8em; margin-left: .3em; }
table { border-collapse: collapse; width: 100%; margin: .3em 0; }
th, td { border: 1px solid #ccd; padding: .2em .45em; text-align: left; vertical-align: top; }
th { background: #eef2f7; width: 22%; }
tr { page-break-inside: avoid; }
.sensitive { background: #fff3f0; }
.badge { display: inline-block; border: 1px solid #b23a3a; color: #b23a3a; border-radius: 3px;
  font-size: .8em; padding: 0 .3em; margin-left: .3em; white-space: nowrap; }
.ecomap img { width: 100%; max-width: 170mm; } .missing { color: #8a1c1c; }
.good { color: #2f6b3f; } .notice { color: #555; font-size: .9em; }
@media print { body { margin: 0; } .ecomap { page-break-inside: avoid; } }
""".replace("FONTS", FONT_STACK)

_SENSITIVE_NOTICE = Text(
    "민감 정보 표시가 있는 기록은 건강·정신건강·학대 관련 정보입니다. 별도 동의 없이 공유하지 마세요.",
    "Entries marked sensitive hold health, mental-health or abuse information: "
    "do not share them without separate consent.",
)
_SYNTHETIC = Text("모든 인물과 기관은 가상입니다.", "Every person and agency is synthetic.")
_SENSITIVE = {
    "health": Text("건강", "health"),
    "mental_health": Text("정신건강", "mental health"),
    "abuse_violence": Text("학대·폭력", "abuse or violence"),
    "crisis": Text("위기", "crisis"),
}


def render_case_file_html(doc: Mapping[str, Any], *, lang: str = "ko", scenario: Any = None) -> str:
    """A printable HTML page of one case file.

    Parameters
    ----------
    doc
        A case-file document (:func:`casekit.teach.case_file_from_result`, or one read back
        with :func:`casekit.store.casefile.read_case_file`).
    lang : {"ko", "en"}
        The page's first language; headings show the other one too.
    scenario
        The :class:`~casekit.scenarios.Scenario` the case ran, for the ecomap and resource
        names; by default the bundled scenario with the file's ``scenario.id``.

    Returns
    -------
    str
        A complete HTML document (UTF-8, no outside resources). Deterministic: the same
        document gives the same page.
    """
    check_lang(lang)
    scenario = scenario if scenario is not None else _bundled(str(doc["scenario"]["id"]))
    names = _names(scenario)
    h = lambda ko, en: _heading(ko, en, lang)  # noqa: E731 - a local shorthand
    title = Text(doc["scenario"]["title"]["ko"], doc["scenario"]["title"]["en"])
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{html.escape(Text('사례 기록', 'Case file').get(lang))}: {html.escape(title.get(lang))}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{h('사례 기록', 'Case file')}: {html.escape(title.get(lang))}</h1>",
        _header_table(doc, lang),
        f"<h2>{h('점수', 'Score')}</h2>",
        _score_table(doc, lang),
    ]
    if doc.get("crises"):
        parts += [f"<h2>{h('위기와 대응', 'Crises and responses')}</h2>", _crises_table(doc, lang)]
    parts.append(f"<h2>{h('생태도', 'Ecomap')}</h2>")
    parts.append(_ecomap_section(doc, scenario, lang))
    parts.append(f"<h2>{h('단계별 기록', 'Record by stage')}</h2>")
    parts.append(f'<p class="notice">{html.escape(_SENSITIVE_NOTICE.get(lang))}</p>')
    parts.extend(_record_sections(doc["record"], names, lang))
    if doc.get("violations"):
        parts += [f"<h2>{h('규칙 위반', 'Rule violations')}</h2>", _violations_table(doc, lang)]
    if doc.get("feedback"):
        parts += [f"<h2>{h('피드백', 'Feedback')}</h2>", _feedback(doc["feedback"], lang)]
    footer = f"{_SYNTHETIC.get(lang)} casekit {doc.get('casekit_version', '')} · {doc.get('checksum', '')}"
    parts.append(f'<p class="notice">{html.escape(footer)}</p>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def ecomap_png(doc: Mapping[str, Any], scenario: Any, *, lang: str = "ko", dpi: int = 110) -> bytes:
    """The ecomap of the case at its end, as PNG bytes; ``CasekitError`` if it cannot be rebuilt."""
    from ..domain.case import Case

    case = Case.replay(scenario.client, scenario.case_manager, scenario.resources, doc["record"])
    return case_ecomap_png(case, lang=lang, dpi=dpi)


def case_ecomap_png(case: Any, *, lang: str = "ko", dpi: int = 110) -> bytes:
    """The ecomap of a :class:`~casekit.domain.Case` from its ties now (Hartman 1978), as PNG bytes."""
    from ..network.model import ResourceNetwork
    from .ecomap import draw_ecomap

    fig = draw_ecomap(ResourceNetwork.from_case(case), case.client.id, lang=lang)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def _bundled(scenario_id: str) -> Any:
    # Only bundled ids: an id from a submitted file must never be read as a path.
    from ..scenarios.loader import bundled_scenarios

    return next((s for s in bundled_scenarios() if s.id == scenario_id), None)


def _names(scenario: Any) -> dict[str, Text]:
    if scenario is None:
        return {}
    names = {m.id: m.name for m in scenario.client.household}
    names.update({r.id: r.name for r in scenario.resources})
    names.update({q.id: q.ask for q in scenario.interview})
    return names


def _heading(ko: str, en: str, lang: str) -> str:
    first, second = (ko, en) if lang == "ko" else (en, ko)
    return f'{html.escape(first)}<span class="other">{html.escape(second)}</span>'


def _rows(pairs: Sequence[tuple[str, str]]) -> str:
    return (
        "<table>" + "".join(f"<tr><th>{html.escape(k)}</th><td>{v}</td></tr>" for k, v in pairs) + "</table>"
    )


def _header_table(doc: Mapping[str, Any], lang: str) -> str:
    t = lambda ko, en: Text(ko, en).get(lang)  # noqa: E731
    e = html.escape
    closed = doc.get("closed_reason")
    pairs = [
        (t("학습자", "learner"), e(str(doc["learner"]))),
        (
            t("시나리오", "scenario"),
            e(f"{doc['scenario']['id']} ({code_label(Difficulty, doc['scenario']['difficulty'], lang)})"),
        ),
        (
            t("정책", "policy"),
            e(t("학습자", "learner") if doc["policy"] == "learner" else str(doc["policy"])),
        ),
        (t("시드", "seed"), e(str(doc["seed"]))),
        (
            t("종결 사유", "closure reason"),
            e(code_label(ClosureReason, closed, lang) if closed else t("없음", "none")),
        ),
        (
            t("단계 경과", "stages"),
            e(" → ".join(f"{code_label(Stage, s['stage'], lang)} ({s['day']})" for s in doc["stages"])),
        ),
    ]
    if doc.get("created"):
        pairs.append((t("작성 시각", "created"), e(str(doc["created"]))))
    return _rows(pairs)


def _score_table(doc: Mapping[str, Any], lang: str) -> str:
    from ..sim.score import EXPLANATIONS, HANDOVER_EXPLANATIONS

    i = 0 if lang == "ko" else 1
    texts = HANDOVER_EXPLANATIONS if doc["score"].get("handover") else EXPLANATIONS
    pairs = [(Text("총점", "total").get(lang), f"<b>{doc['score']['total']:.1f}</b> / 100")]
    for name, value in doc["score"]["components"].items():
        label = texts[name][i] if name in texts else name
        head, _, rest = label.partition(":")
        pairs.append((head, f'{value:.0f} / 100 <span class="notice">{html.escape(rest.strip())}</span>'))
    return _rows(pairs)


def _crises_table(doc: Mapping[str, Any], lang: str) -> str:
    t = lambda ko, en: Text(ko, en).get(lang)  # noqa: E731
    heads = [
        t("위기", "crisis"),
        t("발생일", "day"),
        t("개입일", "intervened"),
        t("대응(일)", "response (days)"),
        t("대응 기간(일)", "window (days)"),
    ]
    rows = []
    for c in doc["crises"]:
        late = c["response_days"] is None or (
            c.get("window_days") is not None and c["response_days"] > c["window_days"]
        )
        cells = [
            code_label(CrisisType, c["type"], lang),
            str(c["day"]),
            "-" if c["intervened_day"] is None else str(c["intervened_day"]),
            "-" if c["response_days"] is None else str(c["response_days"]),
            str(c.get("window_days", "-")),
        ]
        cls = ' class="sensitive"' if late else ""
        rows.append(f"<tr{cls}>" + "".join(f"<td>{html.escape(x)}</td>" for x in cells) + "</tr>")
    return (
        "<table><tr>"
        + "".join(f"<th>{html.escape(x)}</th>" for x in heads)
        + "</tr>"
        + "".join(rows)
        + "</table>"
    )


def _ecomap_section(doc: Mapping[str, Any], scenario: Any, lang: str) -> str:
    if scenario is None:
        why = Text(
            f"시나리오 '{doc['scenario']['id']}'가 내장 시나리오가 아니어서 생태도를 다시 그릴 수 없습니다.",
            f"The ecomap cannot be redrawn: scenario '{doc['scenario']['id']}' is not bundled.",
        )
        return f'<p class="missing">{html.escape(why.get(lang))}</p>'
    try:
        png = ecomap_png(doc, scenario, lang=lang)
    except (ValueError, KeyError, TypeError) as exc:  # CasekitError is a ValueError
        why = Text(
            f"기록을 시나리오에 다시 적용할 수 없어 생태도를 그리지 못했습니다: {exc}",
            f"The ecomap cannot be redrawn: the record does not replay on the scenario ({exc}).",
        )
        return f'<p class="missing">{html.escape(why.get(lang))}</p>'
    alt = Text("사례 종료 시점의 생태도", "Ecomap at the end of the case").get(lang)
    data = base64.b64encode(png).decode("ascii")
    return f'<div class="ecomap"><img alt="{html.escape(alt)}" src="data:image/png;base64,{data}"></div>'


def _record_sections(record: Sequence[Mapping[str, Any]], names: Mapping[str, Text], lang: str) -> list[str]:
    # Consecutive entries of one stage form a section; a stage visited again gets a new one.
    groups: list[tuple[str, list[Mapping[str, Any]]]] = []
    for entry in record:
        if not groups or groups[-1][0] != entry["stage"]:
            groups.append((entry["stage"], []))
        groups[-1][1].append(entry)
    t = lambda ko, en: Text(ko, en).get(lang)  # noqa: E731
    heads = "".join(
        f"<th>{html.escape(x)}</th>" for x in (t("일", "day"), t("기록", "entry"), t("내용", "details"))
    )
    out = []
    for stage, entries in groups:
        label = Stage.parse(stage) if stage in Stage.codes() else None
        title = _heading(label.ko, label.en, lang) if label else html.escape(stage)
        rows = [_entry_row(e, names, lang) for e in entries]
        out.append(f"<h3>{title}</h3><table><tr>{heads}</tr>{''.join(rows)}</table>")
    return out


def _entry_row(entry: Mapping[str, Any], names: Mapping[str, Text], lang: str) -> str:
    kind = entry["kind"]
    label = RecordKind.parse(kind).label(lang) if kind in RecordKind.codes() else kind
    badge = ""
    if entry.get("sensitive"):
        why = ", ".join(_SENSITIVE[c].get(lang) for c in entry.get("sensitive_as") or () if c in _SENSITIVE)
        mark = "민감 정보 / sensitive" if lang == "ko" else "sensitive / 민감 정보"
        badge = f'<span class="badge">{html.escape(mark + (f": {why}" if why else ""))}</span>'
    details = [
        f"{html.escape(field_label(k, lang))}: {html.escape(field_value(k, v, names, lang))}"
        for k, v in (entry.get("fields") or {}).items()
    ]
    if entry.get("note"):
        details.append(html.escape(str(entry["note"])))
    cls = "entry sensitive" if entry.get("sensitive") else "entry"
    return (
        f'<tr class="{cls}"><td>{html.escape(str(entry["day"]))}</td><td>{html.escape(label)}{badge}</td>'
        f"<td>{'<br>'.join(details)}</td></tr>"
    )


def _violations_table(doc: Mapping[str, Any], lang: str) -> str:
    t = lambda ko, en: Text(ko, en).get(lang)  # noqa: E731
    heads = (t("일", "day"), t("행동", "action"), t("단계", "stage"), t("규칙", "rule"))
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(x)}</td>"
            for x in (str(v["day"]), v["verb"], code_label(Stage, v["stage"], lang), v["rule"])
        )
        + "</tr>"
        for v in doc["violations"]
    )
    return "<table><tr>" + "".join(f"<th>{html.escape(x)}</th>" for x in heads) + "</tr>" + rows + "</table>"


def _feedback(items: Sequence[Mapping[str, Any]], lang: str) -> str:
    out = []
    for item in items:
        stage = item.get("stage", "")
        title = (
            _heading(Stage.parse(stage).ko, Stage.parse(stage).en, lang)
            if stage in Stage.codes()
            else html.escape(str(stage))
        )
        lines = [f'<li class="good">✓ {html.escape(_text(t, lang))}</li>' for t in item.get("good") or ()]
        lines += [
            f'<li class="missing">✗ {html.escape(_text(t, lang))}</li>' for t in item.get("missing") or ()
        ]
        out.append(f"<h3>{title}</h3><ul>{''.join(lines)}</ul>")
    return "".join(out)


def _text(value: Any, lang: str) -> str:
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("ko") or "")
    return str(value)
