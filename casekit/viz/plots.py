"""Small analysis plots for network reports: resilience curves and coverage by domain."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from matplotlib.figure import Figure

from ..domain.text import Text, check_lang
from ..domain.vocabulary import NeedDomain
from .fonts import use_korean_font

__all__ = ["draw_resilience", "draw_coverage_by_domain"]

_CURVES = {
    "by_degree": Text("연결 수가 많은 자원부터 제거", "removing the most-tied resources first"),
    "by_betweenness": Text("매개 중심성이 높은 자원부터 제거", "removing the best brokers first"),
}


def draw_resilience(resilience: Mapping[str, Any], *, lang: str = "ko") -> Figure:
    """Coverage share as the top-k resources are removed, one line per ranking.

    ``resilience`` is the ``"resilience"`` entry of a report summary: ``k`` and one curve
    per ranking (``by_degree``, ``by_betweenness``).

    Examples
    --------
    >>> fig = draw_resilience({"k": [0, 1, 2], "by_degree": [0.8, 0.6, 0.5], "by_betweenness": [0.8, 0.7, 0.4]})
    >>> len(fig.axes[0].lines)
    2
    """
    check_lang(lang)
    use_korean_font()
    fig = Figure(figsize=(6.4, 4.0))
    ax = fig.add_subplot()
    ks: Sequence[int] = resilience["k"]
    for name, style in (("by_degree", "o-"), ("by_betweenness", "s--")):
        if name in resilience:
            ax.plot(
                ks, [100 * v for v in resilience[name]], style, label=_CURVES[name].get(lang), markersize=4
            )
    ax.set_xlabel("제거한 자원 수 (k)" if lang == "ko" else "resources removed (k)")
    ax.set_ylabel("욕구 충족률 (%)" if lang == "ko" else "needs served (%)")
    ax.set_title("자원 네트워크의 회복력" if lang == "ko" else "Resilience of the resource network")
    ax.set_ylim(0, 100)
    ax.set_xticks(list(ks))
    ax.grid(alpha=0.3)
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    return fig


def draw_coverage_by_domain(by_domain: Any, *, lang: str = "ko") -> Figure:
    """Stacked bars per need domain: needs served, reachable through a manager, and gaps.

    ``by_domain`` is :meth:`casekit.network.coverage.Coverage.by_domain`.
    """
    check_lang(lang)
    use_korean_font()
    fig = Figure(figsize=(7.2, 4.0))
    ax = fig.add_subplot()
    labels = [NeedDomain.parse(d).label(lang) for d in by_domain.index]
    bottom = [0] * len(labels)
    parts = (
        ("served", "#2f7d4f", Text("연계됨", "served")),
        ("reachable", "#e0a030", Text("사례관리자를 통해 연계 가능", "reachable via a manager")),
        ("gaps", "#b23a3a", Text("공백", "gap")),
    )
    for column, color, label in parts:
        values = list(by_domain[column])
        ax.bar(labels, values, bottom=bottom, color=color, label=label.get(lang))
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("욕구 수 (심각도 2 이상)" if lang == "ko" else "needs (severity 2 or more)")
    ax.set_title("영역별 욕구 충족" if lang == "ko" else "Needs met by domain")
    ax.tick_params(axis="x", labelrotation=30, labelsize=8)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig
