"""The whole resource network in one picture, laid out by setting and kind.

A force-directed layout of a district (20,000 students, hundreds of organisations) is a
hairball and takes minutes. This layout is read like an ecomap turned inside out, and takes a
fraction of a second:

* resources sit in a middle ring, split into three sectors by setting (in school, out of
  school, informal; clockwise from the top: informal, out of school, in school, as in the
  ecomap), sorted within a sector by sector code, then name;
* clients are small dots in an outer ring, each in the mean direction of the resources it is
  tied to, weighted by 1/degree² so a tie to a small resource (the school's own Wee class)
  counts far more than a tie to a district-wide hub: students gather outside their school;
* case managers sit in the centre, each in the mean direction of the systems it works with.

Ties are coloured by relation and drawn as one :class:`~matplotlib.collections.LineCollection`,
nodes as one ``scatter`` sized by degree; only the ``max_labels`` nodes of highest degree are
named. Randomness (the jitter inside a band) comes from one seeded generator.

Examples
--------
>>> from casekit.network.model import ResourceNetwork
>>> net = ResourceNetwork()
>>> net.add_client("S1")
>>> net.add_case_manager("cm")
>>> net.add_resource("wee", setting="out_of_school", sector="public", domains=[])
>>> net.add_tie("S1", "wee", "link")
>>> net.add_tie("cm", "S1", "relationship")
>>> fig = draw_network(net, lang="en")
>>> type(fig).__name__, network_layout(net).xy.shape
('Figure', (3, 2))
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba_array
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Wedge

from ..domain.text import check_lang
from ..domain.vocabulary import NodeKind, Relation, Setting
from .fonts import use_korean_font
from .style import LABELS, RELATION_COLORS, SETTING_COLORS
from .text import place_labels

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..network.model import ResourceNetwork

__all__ = ["NetworkLayout", "network_layout", "draw_network", "NODE_COLORS"]

_C, _M, _R = NodeKind.CLIENT.value, NodeKind.CASE_MANAGER.value, NodeKind.RESOURCE.value
_SECTOR_ORDER = (Setting.INFORMAL.value, Setting.OUT_OF_SCHOOL.value, Setting.IN_SCHOOL.value)
_MIN_SHARE = 0.16  # the smallest share of the resource ring a setting gets
_GAP = math.radians(6)  # between setting sectors

# Radii of the bands: case managers, resources, clients.
_MANAGERS = (0.35, 1.25)
_RESOURCES = (1.9, 3.0)
_CLIENTS = (3.5, 4.6)
_LIM = _CLIENTS[1] + 0.8  # half the width of the drawing
_LABEL_SIZE = 7.0
# Beyond these counts: thin faint lines, small dots, rasterised in vector files (PDF, SVG).
_MANY_TIES = 5000
_MANY_NODES = 2000
_DRAW_RANK = {_C: 0, _R: 1, _M: 2}  # clients drawn first, underneath

#: Dot colours: stronger than the ecomap's fills, to stand out on white at a few pixels.
NODE_COLORS = {
    _C: "#8c8c8c",
    _M: "#6a3d9a",
    Setting.IN_SCHOOL.value: "#1f78b4",
    Setting.OUT_OF_SCHOOL.value: "#33a02c",
    Setting.INFORMAL.value: "#e66101",
}


@dataclass(frozen=True, eq=False)
class NetworkLayout:
    """Node ids and their coordinates (``xy[i]`` is the place of ``nodes[i]``)."""

    nodes: tuple[str, ...]
    xy: np.ndarray
    sectors: tuple[tuple[str, float, float], ...]  # (setting, start angle, end angle), radians

    def positions(self) -> dict[str, tuple[float, float]]:
        """``{node id: (x, y)}``."""
        return {n: (float(x), float(y)) for n, (x, y) in zip(self.nodes, self.xy, strict=True)}


def _rng(seed: int | np.random.Generator | None) -> np.random.Generator:
    return seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)


def _sectors(counts: dict[str, int]) -> list[tuple[str, float, float]]:
    """Angular sectors of the resource ring, clockwise from the top (start > end)."""
    # Square roots: a district has many more in-school resources than agencies, but the
    # agencies are hubs whose sector must not shrink to a sliver.
    root = {s: math.sqrt(counts[s]) for s in _SECTOR_ORDER}
    total = sum(root.values()) or 1.0
    shares = {s: max(_MIN_SHARE, root[s] / total) for s in _SECTOR_ORDER}
    norm = sum(shares.values())
    usable = 2 * math.pi - _GAP * len(_SECTOR_ORDER)
    spans = {s: usable * shares[s] / norm for s in _SECTOR_ORDER}
    start = math.pi / 2 + spans[_SECTOR_ORDER[0]] / 2
    out = []
    for s in _SECTOR_ORDER:
        out.append((s, start, start - spans[s]))
        start -= spans[s] + _GAP
    return out


def _fill_sector(n: int, start: float, end: float, r0: float, r1: float) -> np.ndarray:
    """``n`` points on a grid across an annular sector, filled column by column (inside out,
    then one step round), so that neighbours in the sorted order, such as one school's own
    resources, share a direction and different groups do not."""
    if n == 0:
        return np.zeros((0, 2))
    span, depth = abs(start - end), r1 - r0
    mid_arc = span * (r0 + r1) / 2
    rows = max(1, min(n, round(math.sqrt(n * depth / max(mid_arc, 1e-9)))))
    columns = math.ceil(n / rows)
    i = np.arange(n)
    col, row = i // rows, i % rows
    radius = r0 + depth * (row + 0.5) / rows
    angle = start - span * (col + 0.5) / columns
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])


def _mean_angle(
    n: int, who: np.ndarray, towards: np.ndarray, angles: np.ndarray, weight: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted circular mean, per node, of the angles of the nodes it is tied to; and
    whether it has any such tie."""
    cos, sin = np.zeros(n), np.zeros(n)
    np.add.at(cos, who, weight[towards] * np.cos(angles[towards]))
    np.add.at(sin, who, weight[towards] * np.sin(angles[towards]))
    has = np.zeros(n, dtype=bool)
    has[who] = True
    return np.arctan2(sin, cos), has


def network_layout(network: ResourceNetwork, *, seed: int | np.random.Generator | None = 0) -> NetworkLayout:
    """The band layout of :func:`draw_network`: same network and seed, same coordinates.

    Examples
    --------
    >>> from casekit.network.model import ResourceNetwork
    >>> net = ResourceNetwork()
    >>> net.add_resource("a", setting="in_school", sector="school", domains=[])
    >>> a = network_layout(net, seed=1)
    >>> bool(np.array_equal(a.xy, network_layout(net, seed=1).xy))
    True
    """
    rng = _rng(seed)
    nodes = tuple(network.nodes())
    index = {n: i for i, n in enumerate(nodes)}
    n = len(nodes)
    kinds = np.array([network.kind(v) for v in nodes], dtype=object)
    xy = np.zeros((n, 2))
    # Resources: rows across their setting's sector.
    by_setting: dict[str, list[str]] = {s: [] for s in _SECTOR_ORDER}
    for v in nodes:
        if kinds[index[v]] == _R:
            by_setting[str(network.node(v).get("setting") or Setting.INFORMAL.value)].append(v)
    sectors = _sectors({s: len(m) for s, m in by_setting.items()})
    for setting, start, end in sectors:
        members = sorted(
            by_setting[setting],
            key=lambda v: (str(network.node(v).get("sector", "")), str(network.node(v).get("name", v)), v),
        )
        xy[[index[v] for v in members]] = _fill_sector(len(members), start, end, *_RESOURCES)
    # Every tie once as index pairs, both ways round, to pull clients and managers.
    pairs = np.array([(index[u], index[v]) for u, v, _ in network.ties()], dtype=np.int64).reshape(-1, 2)
    both = np.vstack([pairs, pairs[:, ::-1]])
    angles = np.arctan2(xy[:, 1], xy[:, 0])
    # A tie to a hub says little about where a node belongs, a tie to a small resource much:
    # neighbours weigh 1/degree² (so students gather by their school's own resources).
    weight = 1.0 / np.maximum(np.bincount(pairs.ravel(), minlength=n), 1).astype(float) ** 2
    is_c, is_m, is_r = (kinds == _C), (kinds == _M), (kinds == _R)
    # Clients: in the direction of their resources (else anywhere), jittered within the band.
    sel = both[is_c[both[:, 0]] & is_r[both[:, 1]]]
    mean, has = _mean_angle(n, sel[:, 0], sel[:, 1], angles, weight)
    clients = np.flatnonzero(is_c)
    theta = np.where(
        has[clients],
        mean[clients] + rng.normal(0, 0.035, clients.size),
        rng.uniform(-math.pi, math.pi, clients.size),
    )
    radius = rng.uniform(*_CLIENTS, clients.size)
    xy[clients] = np.column_stack([radius * np.cos(theta), radius * np.sin(theta)])
    angles = np.arctan2(xy[:, 1], xy[:, 0])
    # Case managers: in the direction of the clients and resources they work with.
    sel = both[is_m[both[:, 0]] & ~is_m[both[:, 1]]]
    mean, has = _mean_angle(n, sel[:, 0], sel[:, 1], angles, weight)
    managers = np.flatnonzero(is_m)
    theta = np.where(has[managers], mean[managers], rng.uniform(-math.pi, math.pi, managers.size))
    radius = rng.uniform(*_MANAGERS, managers.size) if managers.size > 1 else np.full(managers.size, 0.0)
    xy[managers] = np.column_stack([radius * np.cos(theta), radius * np.sin(theta)])
    return NetworkLayout(nodes, xy, tuple(sectors))


def draw_network(
    network: ResourceNetwork,
    *,
    lang: str = "ko",
    ax: Axes | None = None,
    max_labels: int = 40,
    seed: int | np.random.Generator | None = 0,
    title: str | None = None,
) -> Figure:
    """Draw the whole network by setting and kind (see the module text) and return the figure.

    Parameters
    ----------
    network : ResourceNetwork
    lang : {"ko", "en"}
        Language of the legend, sector labels and title.
    ax : matplotlib.axes.Axes, optional
        Draw here instead of on a new figure.
    max_labels : int
        Name only this many nodes, those of highest degree (ties broken by id).
    seed : int, numpy.random.Generator or None
        Seeds the jitter of clients and case managers within their bands.
    title : str, optional
        Default: "자원 네트워크 (노드 N, 관계 M)" or its English; ``""`` for none.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from casekit.network.model import ResourceNetwork
    >>> net = ResourceNetwork()
    >>> net.add_client("S1")
    >>> draw_network(net, max_labels=0).axes[0].get_legend() is not None
    True
    """
    check_lang(lang)
    use_korean_font()
    layout = network_layout(network, seed=seed)
    if ax is None:
        fig = Figure(figsize=(11.0, 9.5))
        ax = fig.add_axes((0.01, 0.01, 0.72, 0.93))
    else:
        fig = ax.figure.figure  # the root figure, also when ax sits in a SubFigure
    index = {v: i for i, v in enumerate(layout.nodes)}
    codes = list(Relation.codes())
    ties = np.array(
        [(index[u], index[v], codes.index(d["relation"])) for u, v, d in network.ties()], dtype=np.int64
    ).reshape(-1, 3)
    _draw_ties(ax, layout.xy, ties)
    degree = np.bincount(ties[:, :2].ravel(), minlength=len(layout.nodes)).astype(float)
    _draw_nodes(ax, network, layout, degree)
    _draw_labels(ax, network, layout, degree, max_labels, lang)
    _draw_sectors(ax, layout, lang)
    _legend(ax, lang)
    ax.set_xlim(-_LIM, _LIM)
    ax.set_ylim(-_LIM, _LIM)
    ax.set_aspect("equal")
    ax.set_axis_off()
    if title is None:
        n, m = len(layout.nodes), len(ties)
        title = (
            f"자원 네트워크 (노드 {n:,}, 관계 {m:,})"
            if lang == "ko"
            else f"Resource network ({n:,} nodes, {m:,} ties)"
        )
    if title:
        ax.set_title(title, fontsize=14, fontweight="bold")
    return fig


def _draw_ties(ax: Axes, xy: np.ndarray, ties: np.ndarray) -> None:
    """One LineCollection; the commonest relations first and faintest, so that rare ones
    (a few referrals among 60,000 links) stay visible on top."""
    codes = list(Relation.codes())
    counts = np.bincount(ties[:, 2], minlength=len(codes))
    ties = ties[np.argsort(-counts[ties[:, 2]], kind="stable")]
    colors = to_rgba_array([RELATION_COLORS[c] for c in codes])[ties[:, 2]]
    colors[:, 3] = np.clip(0.7 * np.sqrt(300.0 / np.maximum(counts[ties[:, 2]], 1)), 0.04, 0.7)
    many = len(ties) > _MANY_TIES
    segments = np.stack([xy[ties[:, 0]], xy[ties[:, 1]]], axis=1)
    lines = LineCollection(
        segments, colors=colors, linewidths=0.25 if many else 1.2, zorder=1, rasterized=many
    )
    lines.set_gid("network/ties")
    ax.add_collection(lines)


def _draw_nodes(ax: Axes, network: ResourceNetwork, layout: NetworkLayout, degree: np.ndarray) -> None:
    """One scatter, clients underneath, areas growing with the square root of degree."""
    kinds = [network.kind(v) for v in layout.nodes]
    colors = [
        NODE_COLORS[str(network.node(v).get("setting") or Setting.INFORMAL.value)]
        if k == _R
        else NODE_COLORS[k]
        for v, k in zip(layout.nodes, kinds, strict=True)
    ]
    crowded = len(layout.nodes) > _MANY_NODES
    base = np.array([(0.6 if crowded else 20.0) if k == _C else (6.0 if crowded else 45.0) for k in kinds])
    sizes = base * (1.0 + np.sqrt(degree) / (4.0 if crowded else 2.0))
    order = np.argsort([_DRAW_RANK[k] for k in kinds], kind="stable")
    dots = ax.scatter(
        layout.xy[order, 0],
        layout.xy[order, 1],
        s=sizes[order],
        c=[colors[i] for i in order],
        linewidths=0.0 if crowded else 0.3,
        edgecolors="white",
        zorder=2,
        rasterized=crowded,
    )
    dots.set_gid("network/nodes")


def _draw_labels(
    ax: Axes, network: ResourceNetwork, layout: NetworkLayout, degree: np.ndarray, max_labels: int, lang: str
) -> None:
    """Names of the best-connected nodes, leaving out any that would cover one placed before."""
    nodes = layout.nodes
    top = sorted(range(len(nodes)), key=lambda i: (-degree[i], nodes[i]))[: max(0, max_labels)]
    names = {}
    for i in top:
        data = network.node(nodes[i])
        names[i] = str(data.get(f"name_{lang}") or data.get("name") or nodes[i])
    for i, (x, y, ha, va) in place_labels(ax, layout.xy, names, _LIM, fontsize=_LABEL_SIZE).items():
        box = dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.75)
        text = ax.text(x, y, names[i], fontsize=_LABEL_SIZE, ha=ha, va=va, zorder=3, clip_on=True, bbox=box)
        text.set_gid(f"network/label/{nodes[i]}")


def _draw_sectors(ax: Axes, layout: NetworkLayout, lang: str) -> None:
    """Faint shading of the resource band by setting; setting names outside the client ring."""
    for setting, start, end in layout.sectors:
        outer, depth = _RESOURCES[1] + 0.15, _RESOURCES[1] - _RESOURCES[0] + 0.3
        color = SETTING_COLORS[setting]
        wedge = Wedge((0, 0), outer, math.degrees(end), math.degrees(start), width=depth, facecolor=color)
        wedge.set(alpha=0.45, edgecolor="none", zorder=0, gid=f"network/sector/{setting}")
        ax.add_patch(wedge)
        mid, r = (start + end) / 2, _CLIENTS[1] + 0.35
        label = ax.text(
            r * math.cos(mid), r * math.sin(mid), Setting(setting).label(lang), ha="center", va="center"
        )
        label.set(
            fontsize=12, color="#7f7f7f", fontweight="bold", zorder=3, gid=f"network/sector-label/{setting}"
        )


def _legend(ax: Axes, lang: str) -> None:
    """Every relation, then every kind (resources by setting)."""
    rel_handles = [Line2D([], [], color=RELATION_COLORS[r.value], linewidth=2.5) for r in Relation]
    rel_labels = [r.label(lang) for r in Relation]
    kind_items = [
        (NODE_COLORS[_C], NodeKind.CLIENT.label(lang)),
        (NODE_COLORS[_M], NodeKind.CASE_MANAGER.label(lang)),
        *((NODE_COLORS[s.value], f"{NodeKind.RESOURCE.label(lang)}: {s.label(lang)}") for s in Setting),
    ]
    kind_handles = [
        Line2D([], [], linestyle="none", marker="o", markersize=8, markerfacecolor=c, markeredgecolor="white")
        for c, _ in kind_items
    ]
    common = dict(
        fontsize=9, title_fontsize=10, frameon=False, loc="upper left", alignment="left", borderaxespad=0.0
    )
    first = ax.legend(
        rel_handles, rel_labels, title=LABELS["relations"].get(lang), bbox_to_anchor=(1.01, 0.98), **common
    )
    ax.add_artist(first)
    ax.legend(
        kind_handles,
        [t for _, t in kind_items],
        title=LABELS["kinds"].get(lang),
        bbox_to_anchor=(1.01, 0.55),
        **common,
    )
