"""The whole-network plot: one LineCollection and one scatter, laid out by setting and kind."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from casekit.domain.vocabulary import Setting
from casekit.network.model import ResourceNetwork
from casekit.viz import draw_network, network_layout
from casekit.viz.network_plot import NODE_COLORS
from casekit.viz.style import RELATION_COLORS


def _district(seed: int = 0, schools: int = 6, per_school: int = 60) -> ResourceNetwork:
    """A small random district: schools with their own resources, shared agencies, clients."""
    rng = np.random.default_rng(seed)
    net = ResourceNetwork()
    for j in range(8):
        net.add_resource(f"d{j}", name=f"기관 {j}", setting="out_of_school", sector="public", domains=[])
    for j in range(3):
        net.add_resource(f"i{j}", name=f"이웃 모임 {j}", setting="informal", sector="informal", domains=[])
    for s in range(schools):
        net.add_case_manager(f"m{s}", name=f"{s}교 사례관리자")
        for k in range(3):
            net.add_resource(
                f"s{s}r{k}", name=f"{s}교 자원 {k}", setting="in_school", sector="school", domains=[]
            )
            net.add_tie(f"m{s}", f"s{s}r{k}", "coordination")
        net.add_tie(f"m{s}", f"d{s % 8}", "coordination")
        for c in range(per_school):
            cid = f"s{s}c{c}"
            net.add_client(cid)
            net.add_tie(f"m{s}", cid, "relationship")
            net.add_tie(cid, f"s{s}r{int(rng.integers(3))}", "link")
            net.add_tie(cid, f"d{int(rng.integers(8))}", "link")
            if rng.random() < 0.2:
                net.add_tie(cid, f"i{int(rng.integers(3))}", "informal")
    net.add_tie("d0", "d1", "referral")
    net.add_tie("d2", "s0r0", "collaboration")
    return net


def _collections(fig):
    ax = fig.axes[0]
    lines = [c for c in ax.collections if isinstance(c, LineCollection)]
    dots = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(lines) == len(dots) == 1, "one LineCollection for the ties, one scatter for the nodes"
    return lines[0], dots[0]


def test_small_network(tiny, glyph_warnings_on_save):
    fig = draw_network(tiny)
    assert isinstance(fig, Figure)
    lines, dots = _collections(fig)
    assert len(lines.get_segments()) == tiny.n_ties
    assert len(dots.get_offsets()) == tiny.n_nodes
    assert fig.axes[0].get_legend() is not None
    labels = [t for t in fig.axes[0].texts if (t.get_gid() or "").startswith("network/label/")]
    assert 0 < len(labels) <= tiny.n_nodes
    assert glyph_warnings_on_save(fig) == []


def test_ties_coloured_by_relation(tiny):
    lines, _ = _collections(draw_network(tiny))
    colours = {tuple(np.round(c[:3], 3)) for c in lines.get_colors()}
    relations = {d["relation"] for _, _, d in tiny.ties()}
    assert colours == {tuple(np.round(to_rgba(RELATION_COLORS[r])[:3], 3)) for r in relations}


def test_nodes_coloured_by_kind_and_setting(tiny):
    _, dots = _collections(draw_network(tiny))
    colours = {tuple(np.round(c[:3], 3)) for c in dots.get_facecolors()}
    expected = {NODE_COLORS["client"], NODE_COLORS["case_manager"], *(NODE_COLORS[s.value] for s in Setting)}
    assert colours == {tuple(np.round(to_rgba(c)[:3], 3)) for c in expected}


def test_label_count_follows_max_labels(tiny):
    def labels(fig):
        return [t for t in fig.axes[0].texts if (t.get_gid() or "").startswith("network/label/")]

    assert labels(draw_network(tiny, max_labels=0)) == []
    top = labels(draw_network(tiny, max_labels=1))
    assert [t.get_text() for t in top] == ["김하늘"]  # the client has the highest degree


def test_sector_and_legend_labels_in_both_languages(tiny):
    for lang in ("ko", "en"):
        ax = draw_network(tiny, lang=lang).axes[0]
        sectors = {t.get_text() for t in ax.texts if (t.get_gid() or "").startswith("network/sector-label/")}
        assert sectors == {s.label(lang) for s in Setting}
    assert draw_network(tiny, lang="en").axes[0].get_title().startswith("Resource network (8 nodes")


def test_layout_by_setting_and_kind():
    net = _district()
    layout = network_layout(net)
    pos = layout.positions()
    radius = {n: math.hypot(*p) for n, p in pos.items()}
    bands = {kind: [radius[n] for n in net.nodes(kind)] for kind in ("client", "case_manager", "resource")}
    # Case managers inside, resources in the middle ring, clients outside.
    assert max(bands["case_manager"]) < min(bands["resource"])
    assert max(bands["resource"]) < min(bands["client"])
    # Each resource within its setting's sector.
    sectors = {s: (start, end) for s, start, end in layout.sectors}
    for r in net.resources():
        start, end = sectors[net.node(r)["setting"]]
        angle = math.atan2(pos[r][1], pos[r][0])
        assert any(end <= angle + k * 2 * math.pi <= start for k in (-1, 0, 1))


def test_clients_gather_by_their_own_schools_resources():
    net = _district()
    pos = network_layout(net).positions()

    def direction(nodes):
        return math.atan2(*np.sum([pos[n][::-1] / np.hypot(*pos[n]) for n in nodes], axis=0))

    schools = [direction([f"s{s}r{k}" for k in range(3)]) for s in range(6)]
    for s in range(6):
        clients = direction([f"s{s}c{c}" for c in range(60)])
        gaps = [abs(math.remainder(clients - school, 2 * math.pi)) for school in schools]
        assert int(np.argmin(gaps)) == s, f"school {s}: its clients sit nearer another school"


def test_layout_is_deterministic_and_seeded():
    net = _district()
    a, b = network_layout(net, seed=3), network_layout(net, seed=3)
    assert a.nodes == b.nodes
    assert np.array_equal(a.xy, b.xy)
    other = network_layout(net, seed=4)
    resources = [i for i, n in enumerate(a.nodes) if net.kind(n) == "resource"]
    assert np.array_equal(a.xy[resources], other.xy[resources])  # resources do not jitter
    assert not np.array_equal(a.xy, other.xy)
    same = np.random.default_rng(3)
    assert np.array_equal(network_layout(net, seed=same).xy, a.xy)


def test_same_drawing_twice():
    net = _district()
    first, second = (_collections(draw_network(net)) for _ in range(2))
    assert np.array_equal(first[1].get_offsets(), second[1].get_offsets())
    assert all(
        np.array_equal(p, q) for p, q in zip(first[0].get_segments(), second[0].get_segments(), strict=True)
    )


def test_crowded_network_is_drawn_thin(glyph_warnings_on_save):
    net = _district(schools=30, per_school=80)  # 2,400 clients: the crowded style
    assert net.n_nodes > 2000
    lines, dots = _collections(draw_network(net))
    assert lines.get_linewidths()[0] < 0.5
    assert lines.get_rasterized() and dots.get_rasterized()
    assert glyph_warnings_on_save(draw_network(net, lang="en")) == []


def test_empty_network():
    fig = draw_network(ResourceNetwork())
    lines, dots = _collections(fig)
    assert len(lines.get_segments()) == len(dots.get_offsets()) == 0
    assert fig.axes[0].get_legend() is not None


def test_unknown_language(tiny):
    with pytest.raises(ValueError, match="unknown language"):
        draw_network(tiny, lang="jp")
