"""The ecomap (생태도): a client at the centre and the systems around them.

Ann Hartman devised the ecomap in 1975 for child-welfare workers and published it in 1978.
The client sits in a central circle drawn with a double outline; every system tied to the
client (the case manager among them) sits on a ring around it, in three sectors by setting:
in school, out of school, informal (:mod:`casekit.viz.ecomap_layout`).

Each tie is one line whose look follows its attributes, kept separate as DOMAIN.md §6 asks:
strength (strong thick, moderate normal, tenuous dashed), stress (a zig-zag or marks across
the line) and flow (arrowheads towards the system that receives energy or resources). The
case manager's coordination ties to resources on the ring are drawn lightly outside the ring.
The legend is always drawn. :class:`~casekit.viz.style.EcomapStyle` holds every choice.

Artists carry ids (``Artist.get_gid()``) so tools and tests can find them:
``ecomap/node/<id>``, ``ecomap/tie/<source>/<target>/<relation>`` (one per line),
``ecomap/zigzag/...`` (a stressful tie drawn as a zig-zag), ``ecomap/hatch/...`` (the marks
across a stressful tie), ``ecomap/flow/<source>/<target>/<relation>/to/<receiver>``
(arrowheads), ``ecomap/coordination/<manager>/<resource>``, ``ecomap/sector/<setting>`` and
``ecomap/sector-label/<setting>``.

References
----------
Hartman, A. (1978). Diagrammatic assessment of family relationships. *Social Casework*,
59(8), 465–476.

Examples
--------
>>> from casekit.network.model import ResourceNetwork
>>> net = ResourceNetwork()
>>> net.add_client("S1", name="김하늘")
>>> net.add_case_manager("cm", name="교육복지사")
>>> net.add_resource("wee", name="Wee센터", setting="out_of_school", sector="public", domains=[])
>>> net.add_tie("S1", "wee", "link", strength="tenuous", flow="to_source")
>>> net.add_tie("cm", "S1", "relationship", strength="strong")
>>> fig = draw_ecomap(net, "S1")
>>> type(fig).__name__, fig.axes[0].get_legend() is not None
('Figure', True)
>>> sorted(ecomap_layout(net, "S1").positions)
['S1', 'cm', 'wee']
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, Wedge

from ..domain.text import check_lang
from ..domain.vocabulary import Flow, NodeKind, Relation, SchoolLevel, Setting, TieStrength
from ._legend import ecomap_legend
from .ecomap_layout import EcomapLayout, ecomap_layout, setting_of
from .fonts import use_korean_font
from .style import LABELS, EcomapStyle
from .text import wrap_label

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..network.model import ResourceNetwork

__all__ = ["draw_ecomap"]

_C, _M = NodeKind.CLIENT.value, NodeKind.CASE_MANAGER.value
_ARC_GAP = 0.13  # between the case manager's coordination arcs outside the ring
_MAX_GROW = 1.6  # a crowded ecomap may enlarge its own figure by this much, no more


def draw_ecomap(
    network: ResourceNetwork,
    client_id: str,
    *,
    lang: str = "ko",
    style: EcomapStyle | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Draw the ecomap of one client (Hartman 1978) and return its figure.

    Parameters
    ----------
    network : ResourceNetwork
        Any network holding the client; only the client's ties (and the case manager's
        coordination ties among the systems drawn) are shown.
    client_id : str
        The client at the centre. Its label is the ``name``, and under it the school level
        and grade when the node has ``grade`` (and ``school_level``) or ``grade_label``.
    lang : {"ko", "en"}
        Language of the legend, sector labels and title. Node labels are the nodes' ``name``
        (or ``name_en`` when ``lang="en"`` and the node has one).
    style : EcomapStyle, optional
        Line styles, colours and sizes; textbooks differ, so everything is configurable.
    ax : matplotlib.axes.Axes, optional
        Draw here instead of on a new figure (the legend goes to the right of ``ax``).
    title : str, optional
        The title; default "생태도: <name>" / "Ecomap: <name>". Pass ``""`` for none.

    Returns
    -------
    matplotlib.figure.Figure
        Made with :class:`matplotlib.figure.Figure` directly: no pyplot, no backend chosen,
        nothing global touched but the font rcParams (:func:`~casekit.viz.use_korean_font`).
        Save with ``fig.savefig(path, dpi=200)``. A crowded ecomap makes its figure up to
        1.6 times ``style.figsize`` so labels stay legible.

    References
    ----------
    Hartman, A. (1978). Diagrammatic assessment of family relationships. *Social Casework*,
    59(8), 465–476.

    Examples
    --------
    >>> from casekit.network.model import ResourceNetwork
    >>> net = ResourceNetwork()
    >>> net.add_client("S1", name="Sora")
    >>> fig = draw_ecomap(net, "S1", lang="en")
    >>> fig.axes[0].get_title()
    'Ecomap: Sora'
    """
    check_lang(lang)
    style = style or EcomapStyle()
    layout = ecomap_layout(network, client_id, style=style)
    use_korean_font()
    coordination = _coordination_ties(network, layout) if style.show_coordination else []
    # Radii outside the ring: coordination arcs, the edge of the sector shading, sector labels.
    arcs = layout.ring_radius + layout.node_radius + 0.22
    shade = arcs + max(0.06, _ARC_GAP * len(coordination))
    usual = style.ring_radius + style.node_radius + 0.22 + 0.06 + 0.95
    extent = shade + 0.95 if layout.sectors else usual
    grow = 1.0
    if ax is None:
        grow = min(_MAX_GROW, max(1.0, extent / usual))
        fig = Figure(figsize=(style.figsize[0] * grow, style.figsize[1] * grow))
        ax = fig.add_axes((0.01, 0.02, 0.64, 0.90))  # the legends take the right third
    else:
        fig = ax.figure.figure  # the root figure, also when ax sits in a SubFigure
    painter = _Painter(ax, style, layout, scale=min(1.0, grow * usual / extent))
    painter.sectors(lang, shade)
    painter.client(network, lang)
    for other in layout.positions:
        if other != client_id:
            painter.system(network, other, lang)
    painter.client_ties(network)
    painter.coordination(coordination, arcs)
    ecomap_legend(ax, style, lang)
    ax.set_xlim(-extent, extent)
    ax.set_ylim(-extent, extent)
    ax.set_aspect("equal")
    ax.set_axis_off()
    if title is None:
        title = f"{LABELS['ecomap'].get(lang)}: {_name(network, client_id, lang)}"
    if title:
        ax.set_title(title, fontsize=style.title_size, fontweight="bold")
    return fig  # type: ignore[return-value]


def _coordination_ties(network: ResourceNetwork, layout: EcomapLayout) -> list[tuple[str, str]]:
    """Coordination ties between two systems on the ring, in a fixed order."""
    on_ring = set(layout.positions) - {layout.client}
    if not on_ring:
        return []
    found = set()
    for node_id in on_ring:
        if network.kind(node_id) == _M:
            found.update(
                (node_id, other)
                for other in network.neighbours(node_id, Relation.COORDINATION.value)
                if other in on_ring
            )
    return sorted(found)


def _name(network: ResourceNetwork, node_id: str, lang: str) -> str:
    data = network.node(node_id)
    return str(data.get(f"name_{lang}") or data.get("name") or node_id)


def _grade(data: Any, lang: str) -> str:
    """School level and grade of a client, from attributes ``grade_label`` or ``grade``."""
    if data.get("grade_label"):
        return str(data["grade_label"])
    grade = data.get("grade")
    if grade in (None, ""):
        return ""
    try:
        level = SchoolLevel.parse(data.get("school_level"))
    except ValueError:
        return f"{grade}학년" if lang == "ko" else f"grade {grade}"
    return f"{level.ko} {grade}학년" if lang == "ko" else f"{level.en}, grade {grade}"


def _angle(p: np.ndarray) -> float:
    return math.atan2(float(p[1]), float(p[0]))


class _Painter:
    """Draws the parts of one ecomap onto one axes; ``scale`` shrinks text on a crowded ring."""

    def __init__(self, ax: Axes, style: EcomapStyle, layout: EcomapLayout, scale: float) -> None:
        self.ax, self.style, self.layout, self.scale = ax, style, layout, scale
        self.pos = {k: np.asarray(v, dtype=float) for k, v in layout.positions.items()}

    def radius(self, node_id: str) -> float:
        return self.layout.client_radius if node_id == self.layout.client else self.layout.node_radius

    def add_line(self, points: np.ndarray, gid: str, **kwargs: Any) -> Line2D:
        line = Line2D(points[:, 0], points[:, 1], solid_capstyle="butt", solid_joinstyle="miter", **kwargs)
        line.set_gid(gid)
        self.ax.add_line(line)
        return line

    # nodes and sectors

    def sectors(self, lang: str, outer: float) -> None:
        lay, st = self.layout, self.style
        inner = lay.client_radius + 0.45
        for sector in lay.sectors:
            if st.sector_shading:
                wedge = Wedge(
                    (0, 0),
                    outer,
                    sector.theta1 + 1.0,
                    sector.theta2 - 1.0,
                    width=outer - inner,
                    facecolor=st.setting_color(sector.setting),
                    alpha=st.sector_alpha,
                    edgecolor="none",
                    zorder=0,
                )
                wedge.set_gid(f"ecomap/sector/{sector.setting}")
                self.ax.add_patch(wedge)
            angle = math.radians(sector.middle)
            r = outer + 0.3
            x, y = r * math.cos(angle), r * math.sin(angle)
            ha = "center" if abs(x) < 0.3 * r else ("left" if x > 0 else "right")
            va = "center" if abs(y) < 0.7 * r else ("bottom" if y > 0 else "top")
            label = self.ax.text(
                x,
                y,
                Setting(sector.setting).label(lang),
                ha=ha,
                va=va,
                color=st.sector_label_color,
                fontsize=st.font_size * 1.3 * self.scale,
                fontweight="bold",
                zorder=1,
            )
            label.set_gid(f"ecomap/sector-label/{sector.setting}")

    def client(self, network: ResourceNetwork, lang: str) -> None:
        st, cid = self.style, self.layout.client
        r = self.layout.client_radius
        outer = Circle((0, 0), r, facecolor=st.client_color, edgecolor=st.edge_color, linewidth=1.8, zorder=4)
        inner = Circle((0, 0), r * 0.88, facecolor="none", edgecolor=st.edge_color, linewidth=1.2, zorder=4)
        outer.set_gid(f"ecomap/node/{cid}")
        inner.set_gid(f"ecomap/node-inner/{cid}")
        self.ax.add_patch(outer)
        self.ax.add_patch(inner)
        name = wrap_label(_name(network, cid, lang), width=7)
        grade = _grade(network.node(cid), lang)
        size = st.font_size * 1.4 * self.scale
        if grade:
            self.ax.text(
                0, 0.1 * r, name, ha="center", va="bottom", fontsize=size, fontweight="bold", zorder=5
            )
            self.ax.text(
                0, -0.05 * r, wrap_label(grade, width=8), ha="center", va="top", fontsize=size * 0.7, zorder=5
            )
        else:
            self.ax.text(0, 0, name, ha="center", va="center", fontsize=size, fontweight="bold", zorder=5)
        if not self.layout.sectors:
            note = self.ax.text(0, -r - 0.5, LABELS["no_ties"].get(lang), ha="center", va="top")
            note.set(color=st.sector_label_color, fontsize=st.font_size * 1.2, gid="ecomap/no-ties")

    def system(self, network: ResourceNetwork, node_id: str, lang: str) -> None:
        st = self.style
        kind = network.kind(node_id)
        face = st.manager_color if kind == _M else st.setting_color(setting_of(network, node_id))
        x, y = self.pos[node_id]
        circle = Circle(
            (x, y), self.layout.node_radius, facecolor=face, edgecolor=st.edge_color, linewidth=1.1, zorder=4
        )
        circle.set_gid(f"ecomap/node/{node_id}")
        self.ax.add_patch(circle)
        text = wrap_label(_name(network, node_id, lang), width=6, max_lines=3 if kind == _M else 4)
        size = st.font_size * self.scale * (0.88 if text.count("\n") >= 3 else 1.0)
        if kind == _M:
            text = f"{text}\n({NodeKind.CASE_MANAGER.label(lang)})"
        self.ax.text(x, y, text, ha="center", va="center", fontsize=size, linespacing=1.15, zorder=5)

    # the client's ties

    def client_ties(self, network: ResourceNetwork) -> None:
        cid = self.layout.client
        graph = network.graph
        ties: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
        for u, v, data in [*graph.out_edges(cid, data=True), *graph.in_edges(cid, data=True)]:
            ties.setdefault(v if u == cid else u, []).append((u, v, data))
        for other in self.layout.positions:
            mine = sorted(ties.get(other, ()), key=lambda t: (t[2]["relation"], t[0]))
            for k, (u, v, data) in enumerate(mine):
                self.tie(u, v, data, offset=(k - (len(mine) - 1) / 2) * 0.3)

    def _ends(self, u: str, v: str, offset: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The two ends of the line from ``u`` to ``v`` on their circles, and the unit normal."""
        pu, pv = self.pos[u], self.pos[v]
        d = (pv - pu) / np.linalg.norm(pv - pu)
        normal = np.array([-d[1], d[0]])
        a = pu + d * (self.radius(u) + 0.04) + normal * offset
        b = pv - d * (self.radius(v) + 0.04) + normal * offset
        return a, b, normal

    def tie(self, u: str, v: str, data: dict[str, Any], offset: float) -> None:
        st = self.style
        rel, strength, stressful = data["relation"], data["strength"], bool(data["stressful"])
        gid = f"{u}/{v}/{rel}"
        color = st.tie_color(stressful)
        a, b, normal = self._ends(u, v, offset)
        strong = strength == TieStrength.STRONG.value
        count = st.strong_lines if strong else 1
        width = st.moderate_width if count > 1 else st.width(strength)
        dashes = st.tenuous_dashes if strength == TieStrength.TENUOUS.value else None
        look = dict(
            color=color, linewidth=width, linestyle="solid" if dashes is None else (0, dashes), zorder=2
        )
        zigzag = stressful and st.stress_mode == "zigzag"
        for k in range(count):
            shift = normal * (k - (count - 1) / 2) * (0.07 + width / 60)
            suffix = f"/{k}" if k else ""
            if zigzag:
                # Straight ends in the strength's style (dashed when tenuous), a solid zig-zag
                # between: a dashed zig-zag breaks into unreadable crumbs.
                points = _zigzag(a, b, st.zigzag_amplitude * self.scale**0.5, st.zigzag_wavelength) + shift
                self.add_line(points[:2], f"ecomap/tie/{gid}{suffix}", **look)
                self.add_line(points[-2:], f"ecomap/tie/{gid}/end{suffix}", **look)
                self.add_line(points[1:-1], f"ecomap/zigzag/{gid}{suffix}", **{**look, "linestyle": "solid"})
            else:
                self.add_line(np.array([a, b]) + shift, f"ecomap/tie/{gid}{suffix}", **look)
        if stressful and st.stress_mode == "hatch":
            self._hatch(a, b, normal, color, max(width, 1.4) * (1.4 if count > 1 else 1.0), gid, spread=count)
        flow = Flow.parse(data["flow"])
        head = st.arrow_size * self.scale**0.5 * (1.0 + max(0.0, st.width(strength) - st.moderate_width) / 5)
        if flow in (Flow.TO_TARGET, Flow.BOTH):
            self._arrow(a, b, color, head, f"{gid}/to/{v}")
        if flow in (Flow.TO_SOURCE, Flow.BOTH):
            self._arrow(b, a, color, head, f"{gid}/to/{u}")

    def _hatch(
        self,
        a: np.ndarray,
        b: np.ndarray,
        normal: np.ndarray,
        color: str,
        width: float,
        gid: str,
        spread: int,
    ) -> None:
        """Marks across the line (Hartman's ``+++``)."""
        length = float(np.linalg.norm(b - a))
        n = max(2, int(length * 0.45 / self.style.zigzag_wavelength))
        half = normal * (self.style.zigzag_amplitude * 1.6 * self.scale**0.5 + 0.05 * (spread - 1))
        for i, t in enumerate(np.linspace(0.3, 0.7, n)):
            c = a + (b - a) * t
            self.add_line(
                np.array([c - half, c + half]),
                f"ecomap/hatch/{gid}" + (f"/{i}" if i else ""),
                color=color,
                linewidth=width,
                zorder=2,
            )

    def _arrow(self, tail: np.ndarray, head: np.ndarray, color: str, size: float, gid: str) -> None:
        """An arrowhead at ``head``, pointing from ``tail`` to ``head``."""
        d = (head - tail) / np.linalg.norm(head - tail)
        arrow = FancyArrowPatch(
            tuple(head - d * 0.05),
            tuple(head),
            arrowstyle="-|>",
            mutation_scale=size,
            color=color,
            linewidth=0.8,
            shrinkA=0,
            shrinkB=0,
            zorder=3,
        )
        arrow.set_gid(f"ecomap/flow/{gid}")
        self.ax.add_patch(arrow)

    # the case manager's coordination ties

    def coordination(self, ties: list[tuple[str, str]], base: float) -> None:
        """Each tie as a light path outside the ring: out from the case manager, round along
        its own radius (the shorter way), in to the resource; so it crosses no client tie."""
        st, lay = self.style, self.layout
        rim = lay.ring_radius + lay.node_radius * 0.55
        for k, (u, v) in enumerate(ties):
            r = base + _ARC_GAP * k
            a1 = _angle(self.pos[u])
            a2 = a1 + (_angle(self.pos[v]) - a1 + math.pi) % (2 * math.pi) - math.pi
            sweep = np.linspace(a1, a2, max(8, int(abs(a2 - a1) * 40)))
            points = np.vstack(
                [
                    [rim * math.cos(a1), rim * math.sin(a1)],
                    np.column_stack([r * np.cos(sweep), r * np.sin(sweep)]),
                    [rim * math.cos(a2), rim * math.sin(a2)],
                ]
            )
            line = self.add_line(
                points,
                f"ecomap/coordination/{u}/{v}",
                color=st.coordination_color,
                linewidth=st.coordination_width,
                zorder=1,
            )
            line.set_solid_joinstyle("round")


def _zigzag(a: np.ndarray, b: np.ndarray, amplitude: float, wavelength: float) -> np.ndarray:
    """Points of a line from ``a`` to ``b`` that zig-zags in its middle and is straight for a
    quarter of its length at each end (where arrowheads sit)."""
    length = float(np.linalg.norm(b - a))
    d = (b - a) / length
    normal = np.array([-d[1], d[0]])
    lead = length * 0.25
    teeth = max(3, int((length - 2 * lead) / (wavelength / 2)))
    ts = np.linspace(lead, length - lead, teeth + 1)
    signs = np.zeros(teeth + 1)
    signs[1:-1] = np.where(np.arange(1, teeth) % 2 == 1, 1.0, -1.0)
    middle = a + np.outer(ts, d) + np.outer(signs * amplitude, normal)
    return np.vstack([a, middle, b])
