"""Research figures: what each draws, in Korean and English."""

from __future__ import annotations

import pandas as pd
import pytest

from casekit.network.compare import brokerage_by_setting, compare_networks
from casekit.network.report import build_report
from casekit.network.variants import add_case_management_teams
from casekit.viz.research import (
    draw_block_density,
    draw_brokerage_by_setting,
    draw_comparison,
    draw_resilience_comparison,
    draw_sweep,
    group_label,
)


@pytest.fixture
def report(small_district):
    return build_report(small_district)


def test_brokerage_bars_stack_five_roles_per_setting(report):
    fig = draw_brokerage_by_setting(brokerage_by_setting(report), lang="en")
    ax = fig.axes[0]
    assert len(ax.patches) == 5 * 3  # five roles x (in school, out of school, case managers)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "coordinator", "itinerant", "representative", "gatekeeper", "liaison",
    ]  # fmt: skip
    assert [t.get_text() for t in ax.get_yticklabels()] == ["in school", "out of school", "case manager"]


def test_block_density_writes_every_cell(report):
    fig = draw_block_density(report.density_by_setting)
    n = len(report.density_by_setting)
    assert len(fig.axes[0].texts) == n * n
    assert fig.axes[0].get_title() == "환경 사이의 밀도"


def test_comparison_has_a_panel_per_measure_and_a_bar_per_configuration(small_district):
    c = compare_networks({"base": small_district, "teams": add_case_management_teams(small_district)})
    fig = draw_comparison(c.table, ["coverage_share", "ei_index"], lang="en")
    assert [ax.get_title() for ax in fig.axes] == ["needs served", "E-I index (in/out of school)"]
    assert [len(ax.patches) for ax in fig.axes] == [2, 2]
    curves = draw_resilience_comparison(c.resilience())
    assert [line.get_label() for line in curves.axes[0].lines] == ["base", "teams"]
    assert list(curves.axes[0].lines[0].get_ydata()) == pytest.approx(
        [100 * v for v in c.resilience()["base"]]
    )


def test_sweep_lines_follow_the_means():
    s = pd.DataFrame(
        {
            "capacity_scale": [1.0, 0.1, 1.0, 0.1],
            "expert_share": [0.0, 0.0, 1.0, 1.0],
            "unmet_need_share_mean": [0.5, 0.7, 0.4, 0.6],
            "unmet_need_share_ci_low": [0.4, 0.6, 0.3, 0.5],
            "unmet_need_share_ci_high": [0.6, 0.8, 0.5, 0.7],
        }
    )
    fig = draw_sweep(s, "capacity_scale", "unmet_need_share", by="expert_share", lang="en", logx=True)
    ax = fig.axes[0]
    assert [list(line.get_xdata()) for line in ax.lines] == [[0.1, 1.0], [0.1, 1.0]]
    assert [list(line.get_ydata()) for line in ax.lines] == [[0.7, 0.5], [0.6, 0.4]]
    assert ax.get_xscale() == "log" and [t.get_text() for t in ax.get_xticklabels()] == ["0.1", "1"]
    assert ax.get_ylabel() == "share of needs left unmet"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "share of expert case managers = 0.0",
        "share of expert case managers = 1.0",
    ]


def test_group_labels():
    assert [group_label(g, "en") for g in ("in_school", "informal", "clients", "unknown")] == [
        "in school", "informal", "clients (students)", "unknown",
    ]  # fmt: skip
