"""Drawings: the ecomap of one client, the whole resource network, the process, Korean fonts.

Imports matplotlib (``import casekit`` does not import this package). Every drawing is made on
a :class:`matplotlib.figure.Figure` created directly, so no backend is chosen and pyplot's
global state is never touched; save with ``fig.savefig(path, dpi=200)``.
"""

from __future__ import annotations

from .ecomap import draw_ecomap
from .ecomap_layout import EcomapLayout, EcomapSector, ecomap_layout
from .fonts import MissingKoreanFontWarning, korean_font, korean_font_path, use_korean_font
from .network_plot import NetworkLayout, draw_network, network_layout
from .plots import draw_coverage_by_domain, draw_resilience
from .casefile_html import render_case_file_html
from .class_plots import class_report_figures
from .process import draw_process
from .style import EcomapStyle

__all__ = [
    "draw_ecomap",
    "ecomap_layout",
    "EcomapLayout",
    "EcomapSector",
    "EcomapStyle",
    "draw_network",
    "network_layout",
    "NetworkLayout",
    "draw_resilience",
    "draw_coverage_by_domain",
    "draw_process",
    "render_case_file_html",
    "class_report_figures",
    "korean_font",
    "korean_font_path",
    "use_korean_font",
    "MissingKoreanFontWarning",
]
