"""Labels that fit: wrapping mixed Korean and Latin text by display width, and placing
labels so they do not cover each other.

A Hangul syllable is about twice as wide as a Latin letter, so widths are counted in
"Hangul cells": an East Asian wide character counts 1, anything else about 0.55.

Examples
--------
>>> print(wrap_label("미리내동 행정복지센터 맞춤형복지팀", width=6))
미리내동
행정복지센터
맞춤형복지팀
>>> print(wrap_label("정신건강복지센터", width=6))
정신건강
복지센터
>>> print(wrap_label("Community Welfare Centre", width=6))
Community
Welfare
Centre
"""

from __future__ import annotations

import math
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.axes import Axes

__all__ = ["text_width", "wrap_label", "place_labels"]


def text_width(text: str) -> float:
    """Display width of ``text`` in Hangul cells."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.55 for ch in text)


def _split_word(word: str, width: float) -> list[str]:
    """A word too wide for one line, cut into the fewest pieces of about equal width."""
    pieces = math.ceil(text_width(word) / width)
    target = text_width(word) / pieces
    out, current = [], ""
    for ch in word:
        if current and len(out) < pieces - 1 and text_width(current + ch) > target + 0.3:
            out.append(current)
            current = ""
        current += ch
    return [*out, current]


def wrap_label(text: str, width: float = 6, max_lines: int | None = None) -> str:
    """``text`` broken into lines of at most ``width`` Hangul cells, at spaces where possible.

    A word up to a quarter wider than ``width`` is kept whole rather than cut (a cut
    "(전문상담교사)" reads worse than a slightly wide line); a longer one is cut into even
    pieces. With ``max_lines``, the last kept line ends in "…" when text was cut.
    """
    lines: list[str] = []
    for word in text.split():
        for piece in _split_word(word, width) if text_width(word) > width * 1.25 else [word]:
            if lines and text_width(f"{lines[-1]} {piece}") <= width:
                lines[-1] = f"{lines[-1]} {piece}"
            else:
                lines.append(piece)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip() + "…"
    return "\n".join(lines)


def place_labels(
    ax: Axes, xy: np.ndarray, names: dict[int, str], lim: float, fontsize: float
) -> dict[int, tuple[float, float, str, str]]:
    """Greedy label placement in the given order: above the node, else below, right or left;
    a label that fits nowhere without covering an earlier one is left out.

    Text size is estimated from the axes' size in points (square, as ``aspect="equal"``
    makes it), so this needs no renderer.
    """
    fig = ax.figure.figure
    box = ax.get_position()
    side = min(box.width * fig.get_figwidth(), box.height * fig.get_figheight()) * 72.0
    unit = 2 * lim / side  # data units per point
    height = fontsize * 1.5 * unit
    gap = 4.0 * unit
    placed: list[tuple[float, float, float, float]] = []
    out: dict[int, tuple[float, float, str, str]] = {}
    for i, name in names.items():
        width = (text_width(name) * fontsize + 4.0) * unit
        x, y = float(xy[i, 0]), float(xy[i, 1])
        options = (
            (x, y + gap, "center", "bottom", (x - width / 2, y + gap, x + width / 2, y + gap + height)),
            (x, y - gap, "center", "top", (x - width / 2, y - gap - height, x + width / 2, y - gap)),
            (x + gap, y, "left", "center", (x + gap, y - height / 2, x + gap + width, y + height / 2)),
            (x - gap, y, "right", "center", (x - gap - width, y - height / 2, x - gap, y + height / 2)),
        )
        for tx, ty, ha, va, rect in options:
            if not any(_overlap(rect, other) for other in placed):
                placed.append(rect)
                out[i] = (tx, ty, ha, va)
                break
    return out


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
