"""The case-management process as a diagram: eight stages, their transitions, where a case is.

Seed 000 names the process as one of the five practice elements: intake, assessment,
intervention planning, service provision, coordination and monitoring, reassessment,
evaluation and termination, aftercare. The stages are boxes laid out so the working loop
(planning → service provision → monitoring → reassessment → planning) is a square in the
middle, intake leads into it from the left and termination and aftercare leave it below.
Every arrow is a move of :data:`casekit.domain.rules.TRANSITIONS`, so the picture cannot
drift from the rules a :class:`~casekit.domain.Case` enforces. Moves back to an earlier stage
(monitoring → service provision, reassessment → planning, aftercare → reassessment) are
dashed and coloured; an arrow that would cross a box goes round below the others.

Boxes show where a case stands: done stages filled green, the current stage dark blue with a
thick outline, the remaining ones white with a dashed grey outline (shape as well as colour,
so the states read without colour vision). With neither ``current`` nor ``done`` every box is
plain. The legend is always drawn.

Artists carry ids (``Artist.get_gid()``): ``process/stage/<stage>`` (the box),
``process/label/<stage>``, ``process/arrow/<from>/<to>`` and ``process/note/<from>/<to>``.

Examples
--------
>>> fig = draw_process(current="assessment", done=["intake"], lang="en")
>>> type(fig).__name__
'Figure'
>>> stage_states("assessment", ["intake"])["planning"]
'remaining'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch
from matplotlib.path import Path

from ..domain.rules import TRANSITIONS
from ..domain.text import Text, check_lang
from ..domain.vocabulary import Stage
from .fonts import use_korean_font
from .text import wrap_label

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["draw_process", "stage_states", "PROCESS_GRID", "STAGE_STYLES", "ARROW_COLORS", "STATES"]

#: The states a stage box can show; ``"stage"`` is the plain box of a diagram with no case.
STATES = ("done", "current", "remaining", "stage")

#: Where each stage sits: (column, row), row 0 at the top.
PROCESS_GRID: Mapping[Stage, tuple[int, int]] = MappingProxyType(
    {
        Stage.INTAKE: (0, 0),
        Stage.ASSESSMENT: (1, 0),
        Stage.PLANNING: (2, 0),
        Stage.SERVICE_PROVISION: (3, 0),
        Stage.MONITORING: (3, 1),
        Stage.REASSESSMENT: (2, 1),
        Stage.AFTERCARE: (2, 2),
        Stage.TERMINATION: (3, 2),
    }
)

#: Fill, outline, text colour, outline style and width of a box in each state.
STAGE_STYLES: Mapping[str, Mapping[str, Any]] = MappingProxyType(
    {
        "done": MappingProxyType(
            {"face": "#cfe8d5", "edge": "#2f7d4f", "text": "#1d3b28", "linestyle": "solid", "width": 1.4}
        ),
        "current": MappingProxyType(
            {"face": "#1f5fa8", "edge": "#0b3466", "text": "#ffffff", "linestyle": "solid", "width": 3.0}
        ),
        "remaining": MappingProxyType(
            {"face": "#ffffff", "edge": "#9e9e9e", "text": "#6b6b6b", "linestyle": "dashed", "width": 1.2}
        ),
        "stage": MappingProxyType(
            {"face": "#f4f1e8", "edge": "#404040", "text": "#262626", "linestyle": "solid", "width": 1.3}
        ),
    }
)

#: Arrows on to a later stage, and back to an earlier one (the loops of the process).
ARROW_COLORS: Mapping[str, str] = MappingProxyType({"forward": "#404040", "back": "#d55e00"})

_LABELS = MappingProxyType(
    {
        "title": Text("사례관리 과정", "The case-management process"),
        "now": Text("현재", "now"),
        "done": Text("마친 단계", "done"),
        "current": Text("현재 단계", "current stage"),
        "remaining": Text("남은 단계", "still ahead"),
        "stage": Text("단계", "stage"),
        "forward": Text("다음 단계로", "on to a later stage"),
        "back": Text("앞 단계로 되돌아감", "back to an earlier stage"),
        "legend": Text("범례", "Legend"),
    }
)

# Short words on the moves a student most often misses.
_NOTES = MappingProxyType(
    {
        (Stage.INTAKE, Stage.TERMINATION): Text("개입하지 않음(대상 아님·타 기관 의뢰)", "not opened"),
        (Stage.AFTERCARE, Stage.REASSESSMENT): Text("사례 재개", "reopened"),
    }
)

_DX, _DY = 2.6, 1.75  # distance between box centres
_W, _H = 2.05, 1.0  # box size
_GAP = 0.06  # between a box and the tip of an arrow
_PAIR = 0.28  # sideways offset of the two arrows of a move and its reverse
_LANE = 0.45  # a detour runs this far below the lowest box
_BACK_DASHES = (0, (4, 2.5))  # line style of a move back to an earlier stage


def stage_states(current: Stage | str | None = None, done: Iterable[Stage | str] = ()) -> dict[Stage, str]:
    """The state each stage's box shows: ``"done"``, ``"current"``, ``"remaining"`` or ``"stage"``.

    ``current`` wins over ``done`` (a reopened case is back at a stage it has done before).
    With neither given, every stage is a plain ``"stage"``.

    Examples
    --------
    >>> states = stage_states(Stage.PLANNING, [Stage.INTAKE, Stage.ASSESSMENT])
    >>> [states[s] for s in (Stage.INTAKE, Stage.PLANNING, Stage.AFTERCARE)]
    ['done', 'current', 'remaining']
    >>> set(stage_states().values())
    {'stage'}
    """
    now = None if current is None else Stage.parse(current)
    finished = {Stage.parse(s) for s in done}
    if now is None and not finished:
        return {s: "stage" for s in Stage}
    return {s: "current" if s is now else "done" if s in finished else "remaining" for s in Stage}


def _centre(stage: Stage) -> tuple[float, float]:
    col, row = PROCESS_GRID[stage]
    return col * _DX, -row * _DY


def _border(centre: tuple[float, float], towards: tuple[float, float]) -> tuple[float, float]:
    """Where the ray from a box centre towards a point leaves the box (plus a small gap)."""
    (x, y), (tx, ty) = centre, towards
    dx, dy = tx - x, ty - y
    hw, hh = _W / 2 + _GAP, _H / 2 + _GAP
    t = min(hw / abs(dx) if dx else float("inf"), hh / abs(dy) if dy else float("inf"))
    return x + dx * t, y + dy * t


def _crosses_box(a: tuple[float, float], b: tuple[float, float], skip: set[Stage]) -> bool:
    """Whether the segment a-b passes through the box of any stage not in ``skip``."""
    for stage in Stage:
        if stage in skip:
            continue
        cx, cy = _centre(stage)
        for i in range(1, 40):  # sampling is plenty for boxes this size
            t = i / 40
            px, py = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
            if abs(px - cx) <= _W / 2 and abs(py - cy) <= _H / 2:
                return True
    return False


def _lane_y() -> float:
    lowest = max(row for _, row in PROCESS_GRID.values())
    return -lowest * _DY - _H / 2 - _LANE


def _route(a: Stage, b: Stage) -> list[tuple[float, float]]:
    """The points an arrow from ``a`` to ``b`` passes through, tip last."""
    ca, cb = _centre(a), _centre(b)
    if not _crosses_box(ca, cb, {a, b}):
        start, end = _border(ca, cb), _border(cb, ca)
        if a in TRANSITIONS.get(b, ()):  # a move and its reverse: two arrows side by side
            dx, dy = cb[0] - ca[0], cb[1] - ca[1]
            length = (dx * dx + dy * dy) ** 0.5
            nx, ny = dy / length * _PAIR, -dx / length * _PAIR  # to the right of the direction
            start, end = (start[0] + nx, start[1] + ny), (end[0] + nx, end[1] + ny)
        return [start, end]
    # Round the others: down from a, along a lane under every box, up into b.
    lane = _lane_y()
    bottom_a = ca[1] - _H / 2 - _GAP
    bottom_b = cb[1] - _H / 2 - _GAP
    return [(ca[0], bottom_a), (ca[0], lane), (cb[0], lane), (cb[0], bottom_b)]


def _arrow(ax: Axes, a: Stage, b: Stage, lang: str) -> None:
    points = _route(a, b)
    back = b.order < a.order
    color = ARROW_COLORS["back" if back else "forward"]
    codes = [Path.MOVETO] + [Path.LINETO] * (len(points) - 1)
    arrow = FancyArrowPatch(
        path=Path(points, codes),
        arrowstyle="-|>",
        mutation_scale=16,
        linewidth=1.7,
        linestyle=_BACK_DASHES if back else "solid",
        color=color,
        shrinkA=0,
        shrinkB=0,
        joinstyle="miter",
        zorder=2,
        gid=f"process/arrow/{a.value}/{b.value}",
    )
    ax.add_patch(arrow)
    note = _NOTES.get((a, b))
    if note is None:
        return
    if len(points) > 2:  # under the middle of the detour's lane
        x, y = (points[1][0] + points[2][0]) / 2, points[1][1] - 0.1
        ha, va = "center", "top"
    else:  # beside the middle of a straight arrow
        x = (points[0][0] + points[-1][0]) / 2 + 0.12
        y = (points[0][1] + points[-1][1]) / 2
        ha, va = "left", "center"
    ax.text(
        x, y, note.get(lang), ha=ha, va=va, fontsize=8.5, color=color, gid=f"process/note/{a.value}/{b.value}"
    )


def _box(ax: Axes, stage: Stage, state: str, lang: str) -> None:
    style = STAGE_STYLES[state]
    x, y = _centre(stage)
    box = FancyBboxPatch(
        (x - _W / 2, y - _H / 2),
        _W,
        _H,
        boxstyle="round,pad=0,rounding_size=0.16",
        facecolor=style["face"],
        edgecolor=style["edge"],
        linewidth=style["width"],
        linestyle=style["linestyle"],
        zorder=3,
        gid=f"process/stage/{stage.value}",
    )
    ax.add_patch(box)
    name = wrap_label(f"{stage.order + 1}. {stage.label(lang)}", width=8 if lang == "ko" else 8.5)
    ax.text(
        x,
        y,
        name,
        ha="center",
        va="center",
        fontsize=10.5,
        color=style["text"],
        fontweight="bold" if state == "current" else "normal",
        linespacing=1.15,
        zorder=4,
        gid=f"process/label/{stage.value}",
    )


def _legend(ax: Axes, states: Mapping[Stage, str], lang: str) -> None:
    shown = [s for s in STATES if s in set(states.values())]
    handles: list[Any] = []
    for state in shown:
        st = STAGE_STYLES[state]
        handles.append(
            Patch(
                facecolor=st["face"],
                edgecolor=st["edge"],
                linewidth=st["width"] * 0.8,
                linestyle=st["linestyle"],
                label=_LABELS[state].get(lang),
            )
        )
    for kind, dashes in (("forward", "solid"), ("back", _BACK_DASHES)):
        handles.append(
            Line2D(
                [],
                [],
                color=ARROW_COLORS[kind],
                linewidth=1.7,
                linestyle=dashes,
                label=_LABELS[kind].get(lang),
            )
        )
    # The empty cells below assessment hold the legend: right of the detour that leaves
    # intake downwards, left of the reassessment and aftercare boxes, a little right of centre.
    left, right = _centre(Stage.INTAKE)[0], _centre(Stage.REASSESSMENT)[0] - _W / 2
    x, y = (left + right) / 2 + 0.25, -1.5 * _DY
    ax.legend(
        handles=handles,
        loc="center",
        bbox_to_anchor=(x, y),
        bbox_transform=ax.transData,
        fontsize=9,
        title=_LABELS["legend"].get(lang),
        title_fontsize=9.5,
        frameon=True,
        framealpha=0.95,
        edgecolor="#d0d0d0",
        handlelength=2.6,
        alignment="left",
    )


def draw_process(
    current: Stage | str | None = None,
    done: Iterable[Stage | str] = (),
    *,
    lang: str = "ko",
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Draw the eight stages and the moves between them, marking where a case stands.

    Parameters
    ----------
    current : Stage or str, optional
        The stage the case is at (drawn dark blue, thick outline).
    done : iterable of Stage or str
        Stages the case has been through (drawn green). For a live case:
        ``{s for s, _ in case.timeline()} - {case.stage}``.
    lang : {"ko", "en"}
        Language of the stage names, legend and title.
    ax : matplotlib.axes.Axes, optional
        Draw here instead of on a new figure.
    title : str, optional
        Default "사례관리 과정" ("The case-management process"), with the current stage
        after it when there is one; ``""`` for none.

    Returns
    -------
    matplotlib.figure.Figure
        Made with :class:`matplotlib.figure.Figure` directly: no pyplot, no backend chosen.

    Examples
    --------
    >>> fig = draw_process(current=Stage.MONITORING, done=["intake", "assessment"])
    >>> ax = fig.axes[0]
    >>> len([p for p in ax.patches if p.get_gid().startswith("process/stage/")])
    8
    >>> len([p for p in ax.patches if p.get_gid().startswith("process/arrow/")])
    12
    """
    check_lang(lang)
    states = stage_states(current, done)
    use_korean_font()
    if ax is None:
        fig = Figure(figsize=(10.0, 6.6))
        ax = fig.add_axes((0.01, 0.01, 0.98, 0.9))
    else:
        fig = ax.figure.figure  # the root figure, also when ax sits in a SubFigure
    for stage in Stage:
        _box(ax, stage, states[stage], lang)
    for a, targets in TRANSITIONS.items():
        for b in targets:
            _arrow(ax, a, b, lang)
    _legend(ax, states, lang)
    cols = max(c for c, _ in PROCESS_GRID.values())
    ax.set_xlim(-_W / 2 - 0.3, cols * _DX + _W / 2 + 0.3)
    ax.set_ylim(_lane_y() - 0.6, _H / 2 + 0.2)
    ax.set_aspect("equal")
    ax.set_axis_off()
    if title is None:
        title = _LABELS["title"].get(lang)
        now = next((s for s, state in states.items() if state == "current"), None)
        if now is not None:
            title = f"{title} · {_LABELS['now'].get(lang)}: {now.label(lang)}"
    if title:
        ax.set_title(title, fontsize=14, fontweight="bold")
    return fig
