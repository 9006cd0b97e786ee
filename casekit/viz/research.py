"""Research plots: brokerage by setting, block densities, configurations compared, sweeps.

Each function draws on a new :class:`matplotlib.figure.Figure` (no pyplot) with Korean
labels by default (``lang="en"`` for English) and returns it; save with
``fig.savefig(path, dpi=150)``.

Examples
--------
>>> import pandas as pd
>>> s = pd.DataFrame({"caseload_limit": [25, 50, 25, 50], "expert_share": [0, 0, 1, 1],
...                   "unmet_need_share_mean": [.8, .6, .7, .5],
...                   "unmet_need_share_ci_low": [.7, .5, .6, .4],
...                   "unmet_need_share_ci_high": [.9, .7, .8, .6]})
>>> fig = draw_sweep(s, "caseload_limit", "unmet_need_share", by="expert_share")
>>> len(fig.axes[0].lines), fig.axes[0].get_xlabel()
(2, '사례관리자 1명의 사례 수 상한')
>>> len(draw_sweep(s, "caseload_limit", ["unmet_need_share"] * 2).axes)
2
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from ..domain.text import Text, check_lang
from ..domain.vocabulary import NodeKind, Setting
from ..network.compare import MEASURES, ROLE_LABELS
from ..sim.population_sweep import label as grid_label
from .fonts import use_korean_font

__all__ = [
    "group_label",
    "draw_brokerage_by_setting",
    "draw_block_density",
    "draw_comparison",
    "draw_resilience_comparison",
    "draw_sweep",
]

_GROUPS = {
    "case_manager": Text(NodeKind.CASE_MANAGER.ko, NodeKind.CASE_MANAGER.en),
    "clients": Text("클라이언트(학생)", "clients (students)"),
    "unknown": Text("미상", "unknown"),
}
_ROLE_COLORS = ("#4c72b0", "#55a868", "#c44e52", "#8172b2", "#ccb974")


def group_label(code: str, lang: str = "ko") -> str:
    """The name of a setting code, ``case_manager``, ``clients`` or ``unknown``.

    Examples
    --------
    >>> group_label("out_of_school"), group_label("case_manager", "en")
    ('지역사회(교외)', 'case manager')
    """
    if code in _GROUPS:
        return _GROUPS[code].get(lang)
    return Setting.parse(code).label(lang)


def draw_brokerage_by_setting(frame: Any, *, lang: str = "ko") -> Figure:
    """Stacked bars: the five brokerage roles of each setting's organisations.

    ``frame`` is :func:`casekit.network.compare.brokerage_by_setting`.
    """
    check_lang(lang)
    use_korean_font()
    fig = Figure(figsize=(7.2, 3.8))
    ax = fig.add_subplot()
    labels = [group_label(g, lang) for g in frame.index]
    left = np.zeros(len(labels))
    for role, color in zip(ROLE_LABELS, _ROLE_COLORS, strict=True):
        values = frame[role].to_numpy(dtype=float) if role in frame else np.zeros(len(labels))
        ax.barh(labels, values, left=left, color=color, label=ROLE_LABELS[role].get(lang))
        left += values
    ax.invert_yaxis()
    ax.set_xlabel("중개 경로 수" if lang == "ko" else "brokered two-paths")
    ax.set_title(
        "환경별 중개 역할 (Gould & Fernandez)"
        if lang == "ko"
        else "Brokerage roles by setting (Gould & Fernandez)"
    )
    ax.legend(fontsize=8, loc="lower right")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def draw_block_density(frame: Any, *, lang: str = "ko") -> Figure:
    """A heatmap of block densities (:func:`casekit.network.structure.density_by_setting`)."""
    check_lang(lang)
    use_korean_font()
    fig = Figure(figsize=(5.6, 4.4))
    ax = fig.add_subplot()
    values = frame.to_numpy(dtype=float)
    image = ax.imshow(np.nan_to_num(values, nan=0.0), cmap="Blues")
    labels = [group_label(g, lang) for g in frame.index]
    ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    top = np.nanmax(values) if np.isfinite(values).any() else 0.0
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v = values[i, j]
            text = "–" if math.isnan(v) else f"{v:.3f}"
            ax.text(
                j, i, text, ha="center", va="center", fontsize=8, color="white" if v > 0.6 * top else "black"
            )
    fig.colorbar(image, ax=ax, shrink=0.8)
    ax.set_title("환경 사이의 밀도" if lang == "ko" else "Density within and between settings")
    fig.tight_layout()
    return fig


def draw_comparison(
    table: Any, measures: Sequence[str] | None = None, *, lang: str = "ko", columns: int = 3
) -> Figure:
    """One small bar chart per measure, one bar per configuration.

    ``table`` is :attr:`casekit.network.compare.Comparison.table`; ``measures`` default to
    coverage, E-I index, betweenness centralization, in-school constraint, gatekeeper paths
    and resilience.
    """
    check_lang(lang)
    use_korean_font()
    measures = list(
        measures
        or (
            "coverage_share",
            "ei_index",
            "betweenness_centralization",
            "in_school_constraint",
            "gatekeeper",
            "resilience_auc",
        )
    )
    rows = math.ceil(len(measures) / columns)
    fig = Figure(figsize=(3.2 * columns, 2.6 * rows + 0.4))
    names = [str(n) for n in table.index]
    colors = [f"C{i}" for i in range(len(names))]
    for k, m in enumerate(measures):
        ax = fig.add_subplot(rows, columns, k + 1)
        values = table[m].to_numpy(dtype=float)
        ax.bar(range(len(names)), values, color=colors)
        ax.set_xticks(range(len(names)), names, rotation=20, ha="right", fontsize=8)
        ax.set_title(MEASURES[m].get(lang) if m in MEASURES else m, fontsize=9)
        ax.tick_params(axis="y", labelsize=7)
        ax.grid(axis="y", alpha=0.3)
    fig.suptitle("구성별 네트워크 비교" if lang == "ko" else "Configurations compared", fontsize=11)
    fig.tight_layout()
    return fig


def draw_resilience_comparison(
    curves: Mapping[str, Sequence[float]], *, lang: str = "ko", ranking: str = "by_betweenness"
) -> Figure:
    """Coverage share as the most central resources are removed, one line per configuration.

    ``curves`` is :meth:`casekit.network.compare.Comparison.resilience`.
    """
    check_lang(lang)
    use_korean_font()
    fig = Figure(figsize=(6.4, 4.0))
    ax = fig.add_subplot()
    # Configurations often share a curve (a change that does not touch coverage): line styles
    # and markers differ so that a line drawn over another one still shows.
    styles = ("o-", "s--", "^-.", "d:", "v-", "x--")
    for i, (name, curve) in enumerate(curves.items()):
        ax.plot(
            range(len(curve)),
            [100 * v for v in curve],
            styles[i % len(styles)],
            markersize=4,
            label=str(name),
        )
    how = {
        "by_betweenness": Text("매개 중심성 순", "by betweenness"),
        "by_degree": Text("연결 수 순", "by degree"),
    }[ranking]
    ax.set_xlabel(f"제거한 자원 수 ({how.ko})" if lang == "ko" else f"resources removed ({how.en})")
    ax.set_ylabel("욕구 충족률 (%)" if lang == "ko" else "needs served (%)")
    ax.set_title("구성별 회복력" if lang == "ko" else "Resilience by configuration")
    ax.set_ylim(0, 100)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    return fig


def draw_sweep(
    summary: Any,
    x: str,
    metrics: str | Sequence[str],
    *,
    by: str | None = None,
    lang: str = "ko",
    logx: bool = False,
) -> Figure:
    """Metrics against one setting with their confidence bands, one line per value of ``by``.

    ``summary`` is :func:`casekit.sim.summarize` of a sweep (columns ``<metric>_mean``,
    ``<metric>_ci_low``, ``<metric>_ci_high``); each metric gets its own panel, side by side;
    points are sorted by ``x``, drawn on a log scale with ``logx``.
    """
    check_lang(lang)
    use_korean_font()  # before any artist exists: tick labels take the font when created
    names = [metrics] if isinstance(metrics, str) else list(metrics)
    fig = Figure(figsize=(5.6 * len(names), 4.0))
    groups = [(None, summary)] if by is None else list(summary.groupby(by, sort=True))
    for k, metric in enumerate(names):
        ax = fig.add_subplot(1, len(names), k + 1)
        for key, part in groups:
            part = part.sort_values(x)
            xs = part[x].to_numpy(dtype=float)
            name = None if by is None else f"{grid_label(by, lang)} = {key}"
            ys = part[f"{metric}_mean"].to_numpy(dtype=float)
            (line,) = ax.plot(xs, ys, "o-", markersize=4, label=name)
            low = part[f"{metric}_ci_low"].to_numpy(dtype=float)
            high = part[f"{metric}_ci_high"].to_numpy(dtype=float)
            ax.fill_between(xs, low, high, color=line.get_color(), alpha=0.2, linewidth=0)
        if logx:
            ax.set_xscale("log")
            ax.minorticks_off()
        ticks = sorted(set(summary[x].astype(float)))
        ax.set_xticks(ticks, [f"{t:g}" for t in ticks])  # the grid's own values, not 10^-1
        ax.set_xlabel(grid_label(x, lang))
        ax.set_ylabel(grid_label(metric, lang))
        ax.grid(alpha=0.3)
        if by is not None:
            ax.legend(fontsize=8)
    fig.tight_layout()
    return fig
