"""Legend samples that matplotlib cannot draw from a plain line: zig-zags, hatch marks, arrows,
parallel lines and double circles. Each sample is a small value; its handler draws it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from ..domain.vocabulary import NodeKind, Setting, TieStrength
from .style import LABELS, EcomapStyle

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["LineSample", "StressSample", "FlowSample", "NodeSample", "HANDLER_MAP", "ecomap_legend"]


@dataclass(frozen=True)
class LineSample:
    """``count`` parallel lines of one width and dash pattern (``None``: solid)."""

    color: str
    width: float
    dashes: tuple[float, float] | None = None
    count: int = 1


@dataclass(frozen=True)
class StressSample:
    """A stressful tie: a zig-zag or a line with marks across it."""

    color: str
    width: float
    mode: str


@dataclass(frozen=True)
class FlowSample:
    """A line ending in an arrowhead."""

    color: str
    width: float
    arrow_size: float


@dataclass(frozen=True)
class NodeSample:
    """A filled circle; ``double`` for the client's double outline."""

    face: str
    edge: str
    double: bool = False


def _linestyle(dashes: tuple[float, float] | None) -> Any:
    return "solid" if dashes is None else (0, dashes)


class _LineHandler(HandlerBase):
    def create_artists(self, legend, orig_handle, xdescent, ydescent, width, height, fontsize, trans):
        s: LineSample = orig_handle
        y0 = height / 2 - ydescent
        gap = height * 0.28
        offsets = (np.arange(s.count) - (s.count - 1) / 2) * gap
        return [
            Line2D(
                [-xdescent, width - xdescent],
                [y0 + d, y0 + d],
                color=s.color,
                linewidth=s.width,
                linestyle=_linestyle(s.dashes),
                solid_capstyle="butt",
                transform=trans,
            )
            for d in offsets
        ]


class _StressHandler(HandlerBase):
    def create_artists(self, legend, orig_handle, xdescent, ydescent, width, height, fontsize, trans):
        s: StressSample = orig_handle
        x0, x1, y0 = -xdescent, width - xdescent, height / 2 - ydescent
        amp = height * 0.38
        if s.mode == "zigzag":
            xs = np.linspace(x0 + width * 0.12, x1 - width * 0.12, 8)
            ys = y0 + amp * np.where(np.arange(8) % 2 == 0, 1.0, -1.0)
            xs = np.concatenate([[x0], xs, [x1]])
            ys = np.concatenate([[y0], ys, [y0]])
            return [Line2D(xs, ys, color=s.color, linewidth=s.width * 0.8, transform=trans)]
        artists = [Line2D([x0, x1], [y0, y0], color=s.color, linewidth=s.width, transform=trans)]
        for x in np.linspace(x0 + width * 0.25, x1 - width * 0.25, 3):
            artists.append(
                Line2D(
                    [x, x],
                    [y0 - amp * 1.2, y0 + amp * 1.2],
                    color=s.color,
                    linewidth=s.width,
                    transform=trans,
                )
            )
        return artists


class _FlowHandler(HandlerBase):
    def create_artists(self, legend, orig_handle, xdescent, ydescent, width, height, fontsize, trans):
        s: FlowSample = orig_handle
        y0 = height / 2 - ydescent
        arrow = FancyArrowPatch(
            (-xdescent, y0),
            (width - xdescent, y0),
            arrowstyle="-|>",
            mutation_scale=s.arrow_size * 0.8,
            color=s.color,
            linewidth=s.width,
            shrinkA=0,
            shrinkB=0,
            transform=trans,
        )
        return [arrow]


class _NodeHandler(HandlerBase):
    def create_artists(self, legend, orig_handle, xdescent, ydescent, width, height, fontsize, trans):
        s: NodeSample = orig_handle
        x, y = width / 2 - xdescent, height / 2 - ydescent
        size = fontsize * 1.25
        outer = Line2D(
            [x],
            [y],
            marker="o",
            markersize=size,
            markerfacecolor=s.face,
            markeredgecolor=s.edge,
            transform=trans,
        )
        if not s.double:
            return [outer]
        inner = Line2D(
            [x],
            [y],
            marker="o",
            markersize=size * 0.68,
            markerfacecolor="none",
            markeredgecolor=s.edge,
            transform=trans,
        )
        return [outer, inner]


#: Pass as ``handler_map`` to ``Axes.legend``.
HANDLER_MAP = {
    LineSample: _LineHandler(),
    StressSample: _StressHandler(),
    FlowSample: _FlowHandler(),
    NodeSample: _NodeHandler(),
}


def ecomap_legend(ax: Axes, style: EcomapStyle, lang: str) -> None:
    """Two legends right of the drawing: the lines, then the systems. Always drawn."""
    st = style
    color = st.line_color
    strong = LineSample(
        color, st.moderate_width if st.strong_lines > 1 else st.strong_width, None, st.strong_lines
    )
    line_items: list[tuple[Any, str]] = [
        (strong, TieStrength.STRONG.label(lang)),
        (LineSample(color, st.moderate_width), TieStrength.MODERATE.label(lang)),
        (LineSample(color, st.tenuous_width, st.tenuous_dashes), TieStrength.TENUOUS.label(lang)),
        (StressSample(st.tie_color(True), st.moderate_width, st.stress_mode), LABELS["stressful"].get(lang)),
        (FlowSample(color, st.moderate_width, st.arrow_size), LABELS["flow"].get(lang)),
    ]
    if st.show_coordination:
        line_items.append(
            (LineSample(st.coordination_color, st.coordination_width), LABELS["coordination"].get(lang))
        )
    system_items: list[tuple[Any, str]] = [
        (NodeSample(st.client_color, st.edge_color, double=True), NodeKind.CLIENT.label(lang)),
        (NodeSample(st.manager_color, st.edge_color), NodeKind.CASE_MANAGER.label(lang)),
        *((NodeSample(st.setting_color(s.value), st.edge_color), s.label(lang)) for s in Setting),
    ]
    common: dict[str, Any] = dict(
        handler_map=HANDLER_MAP,
        fontsize=st.font_size,
        title_fontsize=st.font_size * 1.1,
        frameon=False,
        handlelength=3.2,
        borderaxespad=0.0,
        alignment="left",
        loc="upper left",
    )
    lines = ax.legend(
        [h for h, _ in line_items],
        [t for _, t in line_items],
        title=LABELS["ties"].get(lang),
        bbox_to_anchor=(1.02, 0.98),
        **common,
    )
    ax.add_artist(lines)
    ax.legend(
        [h for h, _ in system_items],
        [t for _, t in system_items],
        title=LABELS["systems"].get(lang),
        bbox_to_anchor=(1.02, 0.36),  # below the right-hand sector label
        **common,
    )
