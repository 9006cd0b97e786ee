"""The ecomap: line styles by tie attributes, arrows relative to the drawn ends, sectors,
legend, languages, determinism, and edge cases (no ties, many ties)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from casekit.domain import CasekitError
from casekit.domain.vocabulary import Setting, TieStrength
from casekit.network.model import ResourceNetwork
from casekit.scenarios import bundled_scenarios
from casekit.viz import EcomapStyle, draw_ecomap, ecomap_layout

SCENARIOS = bundled_scenarios()


def _one(by_gid, fig, gid):
    found = [a for a in by_gid(fig, gid) if a.get_gid() == gid]
    assert len(found) == 1, f"expected one artist {gid!r}, found {[a.get_gid() for a in by_gid(fig, gid)]}"
    return found[0]


def _texts(fig) -> set[str]:
    return {t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))}


def _sector_labels(by_gid, fig) -> dict[str, str]:
    return {a.get_gid().rsplit("/", 1)[1]: a.get_text() for a in by_gid(fig, "ecomap/sector-label/")}


def _legend_texts(ax) -> set[str]:
    legends = [a for a in ax.get_children() if type(a).__name__ == "Legend"]
    return {t.get_text() for leg in legends for t in leg.get_texts()}


def _perpendicular_spread(line) -> float:
    """How far the points of a line stray from the straight line between its ends."""
    pts = np.column_stack([line.get_xdata(), line.get_ydata()])
    d = pts[-1] - pts[0]
    normal = np.array([-d[1], d[0]]) / np.linalg.norm(d)
    return float(np.ptp((pts - pts[0]) @ normal))


# -- bundled scenarios -------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_bundled_scenario_ecomap(scenario, lang, by_gid, glyph_warnings_on_save):
    net = ResourceNetwork.from_scenario(scenario)
    client = net.clients()[0]
    fig = draw_ecomap(net, client, lang=lang)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_legend() is not None
    assert _sector_labels(by_gid, fig) == {s.value: s.label(lang) for s in Setting}
    assert {TieStrength.STRONG.label(lang), TieStrength.TENUOUS.label(lang)} <= _legend_texts(ax)
    # Every system tied to the client is drawn, with one line per tie.
    drawn = {a.get_gid().split("/", 2)[2] for a in by_gid(fig, "ecomap/node/")}
    assert drawn == {client, *net.neighbours(client)}
    n_ties = sum(1 for u, v, _ in net.ties() if client in (u, v))
    assert len([a for a in by_gid(fig, "ecomap/tie/") if a.get_gid().count("/") == 4]) == n_ties
    assert glyph_warnings_on_save(fig, f"{scenario.id}-{lang}.png") == []


# -- one attribute at a time, on a hand-built network ---------------------------------------------


def test_strength_sets_width_and_dashes(tiny, by_gid):
    fig = draw_ecomap(tiny, "S1")
    strong = _one(by_gid, fig, "ecomap/tie/S1/home/link")
    moderate = _one(by_gid, fig, "ecomap/tie/S1/center/link")
    tenuous = _one(by_gid, fig, "ecomap/tie/S1/wee/link")
    assert strong.get_linestyle() == moderate.get_linestyle() == "-"
    assert tenuous.get_linestyle() == "--"
    assert strong.get_linewidth() > moderate.get_linewidth()


def test_strong_ties_as_parallel_lines(tiny, by_gid):
    fig = draw_ecomap(tiny, "S1", style=EcomapStyle(strong_lines=3))
    assert len(by_gid(fig, "ecomap/tie/S1/home/link")) == 3
    assert len(by_gid(fig, "ecomap/tie/S1/center/link")) == 1


def test_stress_as_zigzag(tiny, by_gid):
    fig = draw_ecomap(tiny, "S1")
    zigzag = _one(by_gid, fig, "ecomap/zigzag/S1/dad/informal")
    assert len(zigzag.get_xdata()) > 6
    assert _perpendicular_spread(zigzag) > 0.1
    assert by_gid(fig, "ecomap/hatch/") == []
    assert by_gid(fig, "ecomap/zigzag/S1/home") == []  # not stressful: straight


def test_stress_as_hatch_marks(tiny, by_gid):
    fig = draw_ecomap(tiny, "S1", style=EcomapStyle(stress_mode="hatch"))
    assert by_gid(fig, "ecomap/zigzag/") == []
    tie = _one(by_gid, fig, "ecomap/tie/S1/dad/informal")
    marks = by_gid(fig, "ecomap/hatch/S1/dad/informal")
    assert len(marks) >= 2
    d = np.diff(np.column_stack([tie.get_xdata(), tie.get_ydata()]), axis=0)[0]
    for mark in marks:
        m = np.diff(np.column_stack([mark.get_xdata(), mark.get_ydata()]), axis=0)[0]
        assert abs(np.dot(d, m)) < 1e-9  # across the line


def test_stressful_ties_take_the_stress_colour(tiny, by_gid):
    style = EcomapStyle(stress_color="#ff0000", line_color="#000000")
    fig = draw_ecomap(tiny, "S1", style=style)
    assert _one(by_gid, fig, "ecomap/zigzag/S1/dad/informal").get_color() == "#ff0000"
    assert _one(by_gid, fig, "ecomap/tie/S1/home/link").get_color() == "#000000"


@pytest.mark.parametrize(
    ("gid", "receivers"),
    [
        ("S1/wee/link", ["S1"]),  # to_source
        ("S1/center/link", ["S1", "center"]),  # both
        ("mom/S1/informal", ["S1"]),  # to_target, tie written from the mother's end
        ("cm/S1/relationship", ["S1"]),  # to_target
        ("S1/home/link", []),  # none
    ],
)
def test_flow_arrowheads_point_at_the_receiver(tiny, by_gid, gid, receivers):
    fig = draw_ecomap(tiny, "S1")
    arrows = by_gid(fig, f"ecomap/flow/{gid}/")
    assert sorted(a.get_gid().rsplit("/", 1)[1] for a in arrows) == sorted(receivers)
    layout = ecomap_layout(tiny, "S1")
    for arrow in arrows:
        assert isinstance(arrow, FancyArrowPatch)
        receiver = arrow.get_gid().rsplit("/", 1)[1]
        tail, head = (np.asarray(p) for p in arrow._posA_posB)
        centre = np.asarray(layout.positions[receiver])
        # The head touches the receiver's circle and points into it.
        radius = layout.client_radius if receiver == "S1" else layout.node_radius
        assert np.linalg.norm(head - centre) == pytest.approx(radius, abs=0.1)
        assert np.linalg.norm(head - centre) < np.linalg.norm(tail - centre)


def test_coordination_ties_drawn_lightly_and_optional(tiny, by_gid):
    fig = draw_ecomap(tiny, "S1")
    arcs = by_gid(fig, "ecomap/coordination/")
    assert sorted(a.get_gid() for a in arcs) == ["ecomap/coordination/cm/home", "ecomap/coordination/cm/wee"]
    tie_width = _one(by_gid, fig, "ecomap/tie/S1/center/link").get_linewidth()
    assert all(a.get_linewidth() < tie_width for a in arcs)
    # Outside the ring: no point of an arc comes nearer the client than the ring itself.
    layout = ecomap_layout(tiny, "S1")
    for arc in arcs:
        r = np.hypot(arc.get_xdata(), arc.get_ydata())
        assert r.min() >= layout.ring_radius
    hidden = draw_ecomap(tiny, "S1", style=EcomapStyle(show_coordination=False))
    assert by_gid(hidden, "ecomap/coordination/") == []


def test_referrals_between_systems_are_not_client_ties(tiny, by_gid):
    fig = draw_ecomap(tiny, "S1")
    assert by_gid(fig, "ecomap/tie/center/wee") == []


def test_resources_coloured_by_setting_and_the_case_manager_apart(tiny, by_gid):
    style = EcomapStyle()
    fig = draw_ecomap(tiny, "S1", style=style)
    face = {a.get_gid().split("/", 2)[2]: a.get_facecolor() for a in by_gid(fig, "ecomap/node/")}
    from matplotlib.colors import to_rgba

    assert face["home"][:3] == to_rgba(style.in_school_color)[:3]
    assert face["wee"][:3] == to_rgba(style.out_of_school_color)[:3]
    assert face["mom"][:3] == to_rgba(style.informal_color)[:3]
    assert face["cm"][:3] == to_rgba(style.manager_color)[:3]


def test_labels_sectors_and_legend_in_english(tiny, by_gid):
    fig = draw_ecomap(tiny, "S1", lang="en")
    texts = _texts(fig)
    assert {"김하늘", "in school", "out of school", "informal"} <= texts
    assert "middle school, grade 2" in {t.replace("\n", " ") for t in texts}
    assert "Ecomap: 김하늘" == fig.axes[0].get_title()
    legend = _legend_texts(fig.axes[0])
    assert {"strong", "moderate", "tenuous", "stressful", "client", "case manager"} <= legend


def test_labels_in_korean(tiny):
    fig = draw_ecomap(tiny, "S1")
    assert {"중학교 2학년", "교내", "지역사회(교외)", "비공식"} <= _texts(fig)
    assert fig.axes[0].get_title() == "생태도: 김하늘"
    assert {"강함", "보통", "약함", "클라이언트", "사례관리자"} <= _legend_texts(fig.axes[0])


def test_title_can_be_given_or_left_out(tiny):
    assert draw_ecomap(tiny, "S1", title="사정 1회차").axes[0].get_title() == "사정 1회차"
    assert draw_ecomap(tiny, "S1", title="").axes[0].get_title() == ""


def test_draws_into_a_given_axes(tiny):
    fig = Figure()
    sub = fig.subfigures(1, 2)[1]
    ax = sub.add_subplot()
    assert draw_ecomap(tiny, "S1", ax=ax) is fig
    assert ax.get_legend() is not None


# -- layout ------------------------------------------------------------------------------------


def test_layout_groups_by_setting_and_sorts_within_a_sector(tiny):
    layout = ecomap_layout(tiny, "S1")
    members = {s.setting: s.members for s in layout.sectors}
    assert members == {
        "informal": ("dad", "mom", "S2"),  # resources by name (아버지 < 어머니), then the peer client
        "out_of_school": ("wee", "center"),  # Wee센터 < 지역아동센터
        "in_school": ("cm", "home"),  # the case manager first
    }
    for sector in layout.sectors:
        for member in sector.members:
            x, y = layout.positions[member]
            angle = math.degrees(math.atan2(y, x))
            # Within the sector's arc (modulo a full turn).
            assert any(sector.theta1 <= angle + k * 360 <= sector.theta2 for k in (-1, 0, 1))
            assert math.hypot(x, y) == pytest.approx(layout.ring_radius)


def test_layout_is_deterministic_and_independent_of_insertion_order(tiny):
    first = ecomap_layout(tiny, "S1")
    assert ecomap_layout(tiny, "S1") == first
    shuffled = ResourceNetwork()
    for node_id in reversed(tiny.nodes()):
        data = dict(tiny.node(node_id))
        shuffled.add_node(node_id, data.pop("kind"), **data)
    for u, v, data in reversed(list(tiny.ties())):
        data = dict(data)
        shuffled.add_tie(u, v, data.pop("relation"), **data)
    assert ecomap_layout(shuffled, "S1").positions == first.positions


def test_same_network_same_drawing(tiny, by_gid):
    def geometry(fig):
        return sorted((a.get_gid(), tuple(np.ravel(a.get_xydata()))) for a in by_gid(fig, "ecomap/tie/"))

    assert geometry(draw_ecomap(tiny, "S1")) == geometry(draw_ecomap(tiny, "S1"))


def test_client_without_ties(by_gid, glyph_warnings_on_save):
    net = ResourceNetwork()
    net.add_client("S0", name="홍길동")
    fig = draw_ecomap(net, "S0")
    assert [a.get_gid() for a in by_gid(fig, "ecomap/node/")] == ["ecomap/node/S0"]
    assert by_gid(fig, "ecomap/tie/") == by_gid(fig, "ecomap/sector") == []
    assert fig.axes[0].get_legend() is not None
    assert glyph_warnings_on_save(fig) == []


def test_many_ties_do_not_overlap(by_gid, glyph_warnings_on_save):
    net = ResourceNetwork()
    net.add_client("S", name="최민준")
    settings = itertools.cycle(["in_school", "out_of_school", "informal", "informal"])
    for i in range(25):
        setting = next(settings)
        sector = {"in_school": "school", "out_of_school": "public", "informal": "informal"}[setting]
        net.add_resource(f"r{i:02d}", name=f"자원 {i}번 기관", setting=setting, sector=sector, domains=[])
        net.add_tie(
            "S", f"r{i:02d}", "link", strength=["strong", "moderate", "tenuous"][i % 3], stressful=i % 4 == 0
        )
    layout = ecomap_layout(net, "S")
    ring = np.array([p for n, p in layout.positions.items() if n != "S"])
    assert len(ring) == 25
    gaps = np.linalg.norm(ring[:, None, :] - ring[None, :, :], axis=-1)[np.triu_indices(25, 1)]
    assert gaps.min() > 2 * layout.node_radius
    fig = draw_ecomap(net, "S")
    assert len(by_gid(fig, "ecomap/node/")) == 26
    assert glyph_warnings_on_save(fig) == []


# -- errors ------------------------------------------------------------------------------------


def test_unknown_or_non_client_centre(tiny):
    with pytest.raises(CasekitError, match="no node 'nobody'"):
        draw_ecomap(tiny, "nobody")
    with pytest.raises(CasekitError, match="not a client"):
        draw_ecomap(tiny, "wee")


def test_unknown_language(tiny):
    with pytest.raises(ValueError, match="unknown language"):
        draw_ecomap(tiny, "S1", lang="fr")


@pytest.mark.parametrize("bad", [{"stress_mode": "wavy"}, {"strong_lines": 4}, {"node_radius": 2.0}])
def test_style_is_checked(bad):
    with pytest.raises(ValueError):
        EcomapStyle(**bad)


def test_style_is_frozen():
    with pytest.raises(AttributeError):
        EcomapStyle().line_color = "red"  # type: ignore[misc]
