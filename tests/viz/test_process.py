"""The process diagram: one box per stage, one arrow per legal move, the states of a case,
both languages, Hangul that renders, and a live case's timeline."""

from __future__ import annotations

import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path

from casekit.domain import ConsentPurpose, Stage
from casekit.domain.rules import TRANSITIONS
from casekit.scenarios import get_scenario
from casekit.viz import draw_process
from casekit.viz.process import ARROW_COLORS, STAGE_STYLES, stage_states

EDGES = [(a.value, b.value) for a, targets in TRANSITIONS.items() for b in targets]


def _by_prefix(fig, prefix: str) -> dict[str, object]:
    return {a.get_gid()[len(prefix) :]: a for a in fig.findobj() if (a.get_gid() or "").startswith(prefix)}


def _boxes(fig) -> dict[str, FancyBboxPatch]:
    return _by_prefix(fig, "process/stage/")


def _polylines(arrow: FancyArrowPatch) -> list[list[tuple[float, float]]]:
    """The drawn arrow as polylines in data units: the shaft first, then the head."""
    lines: list[list[tuple[float, float]]] = []
    for vertex, code in arrow.get_path().iter_segments(simplify=False, curves=False):
        if code == Path.MOVETO:
            lines.append([tuple(vertex)])
        elif code == Path.LINETO:
            lines[-1].append(tuple(vertex))
        elif code == Path.CLOSEPOLY:
            lines[-1].append(lines[-1][0])
    return lines


def _legend_texts(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def test_one_box_per_stage_in_order():
    fig = draw_process()
    boxes = _boxes(fig)
    assert len(boxes) == 8
    assert set(boxes) == {s.value for s in Stage}
    assert all(isinstance(b, FancyBboxPatch) for b in boxes.values())
    labels = {code: t.get_text() for code, t in _by_prefix(fig, "process/label/").items()}
    assert labels["intake"] == "1. 접수"
    assert labels["planning"] == "3. 개입 계획"
    assert labels["aftercare"] == "8. 사후관리"


def test_every_transition_has_exactly_one_arrow():
    arrows = _by_prefix(draw_process(), "process/arrow/")
    assert len(EDGES) == 12
    assert sorted(arrows) == sorted(f"{a}/{b}" for a, b in EDGES)
    assert all(isinstance(a, FancyArrowPatch) for a in arrows.values())


def test_loops_named_by_the_brief_are_drawn():
    arrows = _by_prefix(draw_process(), "process/arrow/")
    for edge in (
        "monitoring/service_provision",
        "monitoring/termination",
        "reassessment/termination",
        "reassessment/planning",
        "aftercare/reassessment",
        "intake/termination",
    ):
        assert edge in arrows


def test_back_moves_are_dashed_and_coloured():
    arrows = _by_prefix(draw_process(), "process/arrow/")
    back = {"monitoring/service_provision", "reassessment/planning", "aftercare/reassessment"}
    for edge, arrow in arrows.items():
        kind = "back" if edge in back else "forward"
        assert arrow.get_edgecolor() == pytest.approx(to_rgba(ARROW_COLORS[kind]))
        assert (arrow.get_linestyle() == "solid") is (kind == "forward")


def test_arrows_do_not_cross_other_boxes():
    """Each arrow's path stays outside every box but may touch its own two ends' boxes only."""
    fig = draw_process()
    boxes = _boxes(fig)
    for edge, arrow in _by_prefix(fig, "process/arrow/").items():
        ends = set(edge.split("/"))
        segments = [seg for line in _polylines(arrow) for seg in zip(line[:-1], line[1:], strict=True)]
        assert segments
        for code, box in boxes.items():
            x0, y0, w, h = box.get_x(), box.get_y(), box.get_width(), box.get_height()
            for (ax_, ay), (bx, by) in segments:
                for i in range(51):
                    t = i / 50
                    px, py = ax_ + (bx - ax_) * t, ay + (by - ay) * t
                    inside = x0 < px < x0 + w and y0 < py < y0 + h
                    assert not inside, f"arrow {edge} enters the box of {code}"
        assert ends <= set(boxes)


def test_intake_to_termination_goes_round_below():
    fig = draw_process()
    arrow = _by_prefix(fig, "process/arrow/")["intake/termination"]
    shaft = _polylines(arrow)[0]
    lowest_box = min(b.get_y() for b in _boxes(fig).values())
    assert len(shaft) == 4
    assert shaft[1][1] == shaft[2][1] < lowest_box


def test_current_done_and_remaining_colours():
    fig = draw_process(current="monitoring", done=["intake", "assessment", "planning", "service_provision"])
    boxes = _boxes(fig)
    expected = {
        "intake": "done",
        "assessment": "done",
        "planning": "done",
        "service_provision": "done",
        "monitoring": "current",
        "reassessment": "remaining",
        "termination": "remaining",
        "aftercare": "remaining",
    }
    for code, state in expected.items():
        style = STAGE_STYLES[state]
        assert boxes[code].get_facecolor() == pytest.approx(to_rgba(style["face"])), code
        assert boxes[code].get_edgecolor() == pytest.approx(to_rgba(style["edge"])), code
        assert boxes[code].get_linewidth() == style["width"]
    # Told apart by outline, not only by colour.
    assert boxes["monitoring"].get_linewidth() > boxes["intake"].get_linewidth()
    assert boxes["aftercare"].get_linestyle() == "dashed"
    assert boxes["intake"].get_linestyle() == "solid"
    labels = _by_prefix(fig, "process/label/")
    assert labels["monitoring"].get_color() == "#ffffff"
    assert labels["monitoring"].get_fontweight() == "bold"
    assert fig.axes[0].get_title() == "사례관리 과정 · 현재: 조정과 점검"
    assert _legend_texts(fig) == ["마친 단계", "현재 단계", "남은 단계", "다음 단계로", "앞 단계로 되돌아감"]


def test_three_state_colours_differ():
    faces = {STAGE_STYLES[s]["face"] for s in ("done", "current", "remaining")}
    assert len(faces) == 3


def test_plain_diagram_without_a_case():
    fig = draw_process()
    faces = {tuple(b.get_facecolor()) for b in _boxes(fig).values()}
    assert faces == {to_rgba(STAGE_STYLES["stage"]["face"])}
    assert fig.axes[0].get_title() == "사례관리 과정"
    assert _legend_texts(fig) == ["단계", "다음 단계로", "앞 단계로 되돌아감"]


def test_current_wins_over_done_for_a_reopened_case():
    states = stage_states("reassessment", [s for s in Stage])
    assert states[Stage.REASSESSMENT] == "current"
    assert sum(v == "done" for v in states.values()) == 7


def test_unknown_stage_is_refused():
    with pytest.raises(ValueError, match="unknown Stage code 'closing'"):
        draw_process(current="closing")
    with pytest.raises(ValueError, match="unknown language"):
        draw_process(lang="fr")


def test_english_labels():
    fig = draw_process(current=Stage.ASSESSMENT, done=[Stage.INTAKE], lang="en")
    labels = {code: t.get_text() for code, t in _by_prefix(fig, "process/label/").items()}
    assert labels == {
        "intake": "1. intake",
        "assessment": "2. assessment",
        "planning": "3. intervention\nplanning",
        "service_provision": "4. service\nprovision",
        "monitoring": "5. coordination\nand monitoring",
        "reassessment": "6. reassessment",
        "termination": "7. evaluation\nand termination",
        "aftercare": "8. aftercare",
    }
    assert fig.axes[0].get_title() == "The case-management process · now: assessment"
    assert _legend_texts(fig) == [
        "done",
        "current stage",
        "still ahead",
        "on to a later stage",
        "back to an earlier stage",
    ]
    notes = {code: t.get_text() for code, t in _by_prefix(fig, "process/note/").items()}
    assert notes == {"intake/termination": "not opened", "aftercare/reassessment": "reopened"}
    # No Hangul anywhere in the English figure.
    texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    assert not any("\uac00" <= ch <= "\ud7a3" for text in texts for ch in text)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_hangul_renders_without_missing_glyphs(lang, glyph_warnings_on_save):
    fig = draw_process(current="termination", done=["intake"], lang=lang)
    assert glyph_warnings_on_save(fig, f"process-{lang}.png") == []


def test_draws_on_a_given_axes_and_title_can_be_removed():
    fig = Figure()
    ax = fig.add_subplot()
    assert draw_process(ax=ax, title="") is fig
    assert ax.get_title() == ""
    assert len(_boxes(fig)) == 8


def test_live_case_timeline():
    """The states a notebook passes for a case that has moved from intake to assessment."""
    scenario = get_scenario("learning-low-income")
    case = scenario.new_case()
    case.record_intake(
        household="mother, sister", housing="rented", income="low", health="cavities", other_services="none"
    )
    case.decide_to_open(True)
    for purpose in (ConsentPurpose.SERVICES, ConsentPurpose.GUARDIAN):
        case.record_consent(purpose)
    case.advance_to(Stage.ASSESSMENT, day=3)
    done = {s for s, _ in case.timeline()} - {case.stage}
    boxes = _boxes(draw_process(case.stage, done))
    assert boxes["intake"].get_facecolor() == pytest.approx(to_rgba(STAGE_STYLES["done"]["face"]))
    assert boxes["assessment"].get_facecolor() == pytest.approx(to_rgba(STAGE_STYLES["current"]["face"]))
    assert boxes["planning"].get_facecolor() == pytest.approx(to_rgba(STAGE_STYLES["remaining"]["face"]))
