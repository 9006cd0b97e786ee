"""Class-report plots: score distributions, most-missed actions, divergence by stage."""

from __future__ import annotations

import pandas as pd
import pytest

from casekit.viz.class_plots import (
    class_report_figures,
    draw_divergence,
    draw_missed_actions,
    draw_score_distribution,
)

SUMMARY = pd.DataFrame(
    {
        "total": [80.0, 40.0, 60.0],
        "process": [90.0, 30.0, 50.0],
        "crisis": [100.0, None, 0.0],
        "student": ["a", "b", "c"],
    }
)
MISSED = pd.DataFrame(
    {
        "action": ["report", "skill:counselling"],
        "label_ko": ["신고의무 이행", "실천 기술: 상담·치료"],
        "label_en": ["mandatory report", "practice skill: counselling and therapy"],
        "students": [3, 1],
        "share": [1.0, 0.333],
    }
)
DIVERGENCE = pd.DataFrame(
    {
        "stage": ["intake", "assessment"],
        "label_ko": ["접수", "사정"],
        "label_en": ["intake", "assessment"],
        "students": [3, 3],
        "diverged": [3, 1],
        "share": [1.0, 0.333],
    }
)


def test_score_distribution_points_and_labels():
    fig = draw_score_distribution(SUMMARY)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["총점", "과정", "위기 대응"]
    points = [c.get_offsets() for c in ax.collections]
    assert [sorted(p[:, 1]) for p in points] == [[40.0, 60.0, 80.0], [30.0, 50.0, 90.0], [0.0, 100.0]]
    # spread by rank, centred on the box: the lowest left, the highest right
    xs = {y: x for x, y in points[0]}
    assert [xs[40.0], xs[60.0], xs[80.0]] == pytest.approx([0.85, 1.0, 1.15])
    assert ax.get_title() == "영역별 점수 분포"


def test_missed_actions_bars_most_missed_on_top():
    ax = draw_missed_actions(MISSED, lang="en").axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "practice skill: counselling and thera…",
        "mandatory report",
    ]
    assert [p.get_width() for p in ax.patches] == [1, 3]


def test_divergence_bars_in_percent():
    ax = draw_divergence(DIVERGENCE).axes[0]
    assert [p.get_height() for p in ax.patches] == pytest.approx([100.0, 33.3])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["접수", "사정"]


def test_empty_tables_draw_a_note():
    empty = pd.DataFrame(columns=MISSED.columns)
    ax = draw_missed_actions(empty).axes[0]
    assert [t.get_text() for t in ax.texts] == ["자료 없음"]
    ax = draw_score_distribution(pd.DataFrame({"total": []}), lang="en").axes[0]
    assert [t.get_text() for t in ax.texts] == ["no data"]


def test_figures_as_png_without_missing_glyphs(glyph_warnings_on_save):
    figures = class_report_figures(SUMMARY, MISSED, DIVERGENCE)
    assert list(figures) == ["scores", "missed_actions", "divergence"]
    assert all(png.startswith(b"\x89PNG\r\n\x1a\n") for png in figures.values())
    for fig in (draw_score_distribution(SUMMARY), draw_missed_actions(MISSED), draw_divergence(DIVERGENCE)):
        assert glyph_warnings_on_save(fig) == []
