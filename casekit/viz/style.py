"""How an ecomap is drawn: line styles, colours and sizes, all in one frozen value.

Textbooks draw Hartman's ecomap differently: some show a strong tie as one thick line, some
as two or three parallel lines; some mark stress with a zig-zag, some with hatch marks across
the line (Hartman's ``+++``). :class:`EcomapStyle` holds every such choice so a course can
match its textbook; :data:`SETTING_COLORS` and :data:`RELATION_COLORS` are shared with the
whole-network plot.

Examples
--------
>>> style = EcomapStyle(stress_mode="hatch", strong_lines=3)
>>> style.width("tenuous") < style.width("strong")
True
>>> style.setting_color("informal") == style.informal_color
True
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from ..domain.text import Text
from ..domain.vocabulary import NodeKind, Relation, Setting, TieStrength

__all__ = ["EcomapStyle", "STRESS_MODES", "SETTING_COLORS", "RELATION_COLORS", "KIND_COLORS", "LABELS"]

#: How a stressful tie can be drawn.
STRESS_MODES = ("zigzag", "hatch")

#: Fill colours of the three settings (soft, so black lines and labels stay readable).
SETTING_COLORS = MappingProxyType(
    {
        Setting.IN_SCHOOL.value: "#cfe2f3",
        Setting.OUT_OF_SCHOOL.value: "#d9ead3",
        Setting.INFORMAL.value: "#fce5cd",
    }
)

#: Colours of the relations in the whole-network plot (colour-blind-safe, Okabe & Ito).
RELATION_COLORS = MappingProxyType(
    {
        Relation.LINK.value: "#0072b2",
        Relation.COORDINATION.value: "#009e73",
        Relation.RELATIONSHIP.value: "#cc79a7",
        Relation.REFERRAL.value: "#d55e00",
        Relation.COLLABORATION.value: "#e69f00",
        Relation.INFORMAL.value: "#7f7f7f",
    }
)

#: Colours of clients and case managers (resources take their setting's colour).
KIND_COLORS = MappingProxyType(
    {
        NodeKind.CLIENT.value: "#fff2cc",
        NodeKind.CASE_MANAGER.value: "#e1d5f0",
    }
)

#: Labels the vocabulary does not carry.
LABELS = MappingProxyType(
    {
        "ecomap": Text("생태도", "Ecomap"),
        "ties": Text("관계선", "Ties"),
        "systems": Text("체계", "Systems"),
        "stressful": Text("스트레스·갈등", "stressful"),
        "flow": Text("자원·에너지의 흐름", "flow of energy or resources"),
        "coordination": Text("사례관리자–자원 조정", "case manager–resource coordination"),
        "relations": Text("관계 유형", "Relations"),
        "kinds": Text("노드 유형", "Nodes"),
        "no_ties": Text("아직 연결된 체계가 없습니다", "no systems tied to the client yet"),
    }
)


@dataclass(frozen=True)
class EcomapStyle:
    """Every drawing choice of :func:`~casekit.viz.draw_ecomap`.

    Lengths such as ``node_radius`` are in data units (the client circle has radius
    ``client_radius``); line widths and ``arrow_size`` are in points; ``tenuous_dashes`` is
    ``(on, off)`` in multiples of the line width.

    Parameters
    ----------
    figsize : (float, float)
        Figure size in inches when the ecomap makes its own figure.
    line_color : str
        Colour of the ties.
    stress_color : str or None
        Colour of stressful ties (``None``: ``line_color``).
    strong_width, moderate_width, tenuous_width : float
        Line widths by strength.
    tenuous_dashes : (float, float)
        Dash pattern of tenuous ties.
    strong_lines : int
        1 draws a strong tie as one thick line; 2 or 3 as that many parallel lines.
    stress_mode : {"zigzag", "hatch"}
        A zig-zag line, or a straight line with marks across it.
    show_coordination : bool
        Whether to draw, lightly, the case manager's coordination ties to resources on the ring.
    """

    figsize: tuple[float, float] = (11.0, 8.5)
    line_color: str = "#262626"
    stress_color: str | None = "#b3261e"
    strong_width: float = 3.8
    moderate_width: float = 1.8
    tenuous_width: float = 1.6
    tenuous_dashes: tuple[float, float] = (3.5, 2.5)
    strong_lines: int = 1
    stress_mode: str = "zigzag"
    zigzag_amplitude: float = 0.1
    zigzag_wavelength: float = 0.26
    arrow_size: float = 15.0
    show_coordination: bool = True
    coordination_color: str = "#7d8fa8"
    coordination_width: float = 1.0
    client_color: str = KIND_COLORS[NodeKind.CLIENT.value]
    manager_color: str = KIND_COLORS[NodeKind.CASE_MANAGER.value]
    in_school_color: str = SETTING_COLORS[Setting.IN_SCHOOL.value]
    out_of_school_color: str = SETTING_COLORS[Setting.OUT_OF_SCHOOL.value]
    informal_color: str = SETTING_COLORS[Setting.INFORMAL.value]
    edge_color: str = "#404040"
    client_radius: float = 1.0
    node_radius: float = 0.66
    ring_radius: float = 3.5
    sector_shading: bool = True
    sector_alpha: float = 0.22
    sector_label_color: str = "#7f7f7f"
    font_size: float = 9.0
    title_size: float = 15.0

    def __post_init__(self) -> None:
        if self.stress_mode not in STRESS_MODES:
            raise ValueError(
                f"stress_mode must be one of {', '.join(STRESS_MODES)}, got {self.stress_mode!r}"
            )
        if self.strong_lines not in (1, 2, 3):
            raise ValueError(f"strong_lines must be 1, 2 or 3, got {self.strong_lines!r}")
        if not 0 < self.node_radius < self.client_radius < self.ring_radius:
            raise ValueError("need 0 < node_radius < client_radius < ring_radius")

    def width(self, strength: str) -> float:
        """Line width for a strength code."""
        code = TieStrength.parse(strength)
        if code is TieStrength.STRONG:
            return self.strong_width
        return self.moderate_width if code is TieStrength.MODERATE else self.tenuous_width

    def setting_color(self, setting: str) -> str:
        """Fill colour for a setting code."""
        code = Setting.parse(setting)
        if code is Setting.IN_SCHOOL:
            return self.in_school_color
        return self.out_of_school_color if code is Setting.OUT_OF_SCHOOL else self.informal_color

    def tie_color(self, stressful: bool) -> str:
        """Colour of a tie."""
        return (self.stress_color or self.line_color) if stressful else self.line_color
