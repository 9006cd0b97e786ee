"""Plots of a class report: score distributions, most-missed actions, where students diverge.

Each function draws on a :class:`matplotlib.figure.Figure` made directly (no pyplot) from the
class report's plain tables (:class:`casekit.teach.ClassReport`'s ``summary``, ``missed`` and
``divergence`` frames), with Korean labels. :func:`class_report_figures` draws all three and
returns them as PNG bytes, ready to embed in ``report.html``.

Examples
--------
>>> import pandas as pd
>>> summary = pd.DataFrame({"total": [80.0, 40.0], "process": [90.0, 30.0]})
>>> fig = draw_score_distribution(summary, components=["total", "process"])
>>> [t.get_text() for t in fig.axes[0].get_xticklabels()]
['총점', '과정']
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from matplotlib.figure import Figure

from ..domain.text import Text, check_lang
from .fonts import use_korean_font

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "SCORE_COLUMNS",
    "class_report_figures",
    "draw_score_distribution",
    "draw_missed_actions",
    "draw_divergence",
]

#: The score columns drawn by default, total first.
SCORE_COLUMNS = ("total", "process", "assessment", "plan_fit", "crisis", "outcome", "aftercare")
_TOTAL = Text("총점", "total")
_NONE = Text("자료 없음", "no data")


def _component_label(name: str, lang: str) -> str:
    from ..sim.score import EXPLANATIONS

    if name == "total":
        return _TOTAL.get(lang)
    if name in EXPLANATIONS:
        return EXPLANATIONS[name][0 if lang == "ko" else 1].split(":")[0]
    return name


def draw_score_distribution(
    summary: pd.DataFrame, *, components: Sequence[str] | None = None, lang: str = "ko"
) -> Figure:
    """Box plots of the scores per component, every student's score drawn as a point on top.

    The points are spread sideways by their rank within the component (no random jitter),
    so the same table always gives the same picture.
    """
    check_lang(lang)
    use_korean_font()
    names = [c for c in (components or SCORE_COLUMNS) if c in summary.columns]
    fig = Figure(figsize=(7.6, 4.2))
    ax = fig.add_subplot()
    data = [summary[c].dropna().astype(float).to_list() for c in names]
    if any(data):
        ax.boxplot(
            [d if d else [float("nan")] for d in data],
            widths=0.5,
            showfliers=False,
            medianprops={"color": "#1d3b5a"},
        )
        for i, values in enumerate(data, start=1):
            n = len(values)
            order = sorted(range(n), key=lambda k: values[k])
            offsets = [0.0] * n
            for rank, k in enumerate(order):
                offsets[k] = (rank - (n - 1) / 2) * (0.3 / max(n - 1, 1))
            ax.scatter([i + o for o in offsets], values, s=14, color="#c0504d", alpha=0.8, zorder=3)
    else:
        ax.text(0.5, 0.5, _NONE.get(lang), ha="center", va="center", transform=ax.transAxes)
    ax.set_xticks(range(1, len(names) + 1), [_component_label(c, lang) for c in names])
    ax.set_ylim(-5, 105)
    ax.set_ylabel("점수 (0-100)" if lang == "ko" else "score (0-100)")
    ax.set_title("영역별 점수 분포" if lang == "ko" else "Score distribution per component")
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig


def draw_missed_actions(missed: pd.DataFrame, *, lang: str = "ko", top: int = 15) -> Figure:
    """Horizontal bars: how many students missed each expert action (the ``top`` most missed)."""
    check_lang(lang)
    use_korean_font()
    rows = missed.head(top)
    fig = Figure(figsize=(7.6, 1.2 + 0.32 * max(len(rows), 3)))
    ax = fig.add_subplot()
    if len(rows):
        column = f"label_{lang}" if f"label_{lang}" in rows.columns else "action"
        labels = [_short(str(x)) for x in rows[column]][::-1]
        ax.barh(labels, list(rows["students"])[::-1], color="#4f7fb0")
        ax.xaxis.get_major_locator().set_params(integer=True)
    else:
        ax.text(0.5, 0.5, _NONE.get(lang), ha="center", va="center", transform=ax.transAxes)
        ax.set_yticks([])
    ax.set_xlabel("놓친 학생 수" if lang == "ko" else "students who missed it")
    ax.set_title("가장 많이 놓친 전문가 행동" if lang == "ko" else "Most-missed expert actions")
    ax.tick_params(axis="y", labelsize=8)
    fig.tight_layout()
    return fig


def draw_divergence(divergence: pd.DataFrame, *, lang: str = "ko") -> Figure:
    """Bars per stage: the share of students whose actions in that stage differ from the expert's."""
    check_lang(lang)
    use_korean_font()
    fig = Figure(figsize=(7.6, 3.8))
    ax = fig.add_subplot()
    column = f"label_{lang}" if f"label_{lang}" in divergence.columns else "stage"
    labels = [str(x) for x in divergence[column]]
    ax.bar(labels, [100 * float(v) for v in divergence["share"]], color="#e0a030")
    ax.set_ylim(0, 100)
    ax.set_ylabel("전문가와 다른 학생 비율 (%)" if lang == "ko" else "students diverging (%)")
    ax.set_title(
        "단계별로 전문가와 달라진 정도" if lang == "ko" else "Where students diverge from the expert"
    )
    ax.tick_params(axis="x", labelrotation=30, labelsize=8)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig


def class_report_figures(
    summary: pd.DataFrame,
    missed: pd.DataFrame,
    divergence: pd.DataFrame,
    *,
    lang: str = "ko",
    dpi: int = 100,
) -> dict[str, bytes]:
    """The three figures of a class report as PNG bytes, by name.

    Names: ``scores`` (:func:`draw_score_distribution`), ``missed_actions``
    (:func:`draw_missed_actions`), ``divergence`` (:func:`draw_divergence`); the names
    ``casekit.teach.write_class_report`` captions.
    """
    figures: Mapping[str, Figure] = {
        "scores": draw_score_distribution(summary, lang=lang),
        "missed_actions": draw_missed_actions(missed, lang=lang),
        "divergence": draw_divergence(divergence, lang=lang),
    }
    out = {}
    for name, fig in figures.items():
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi)
        out[name] = buf.getvalue()
    return out


def _short(text: str, width: int = 38) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
