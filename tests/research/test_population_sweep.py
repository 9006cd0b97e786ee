"""Population experiments: grid points read into configs, runs equal to run_population, any executor."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest

from casekit.domain.errors import CasekitError, NetworkDataError
from casekit.network.bundled import load_district
from casekit.sim import OutcomeParams, PopulationConfig, run_population, summarize, task_seeds
from casekit.sim.population_sweep import (
    METRICS,
    label,
    parse_policy_mix,
    population_config,
    population_sweep,
    population_task,
)

GRID = {"network": "rural", "days": 40, "caseload_limit": [5, 30], "expert_share": [0.0, 1.0]}


def test_a_point_becomes_a_population_config():
    network, days, config = population_config(
        {"network": "urban", "days": 90, "caseload_limit": 40, "capacity_scale": 0.5, "service_rate": 0.05}
    )
    assert (network, days) == ("urban", 90)
    assert config == PopulationConfig(
        caseload_limit=40, capacity_scale=0.5, params=OutcomeParams().replace(service_rate=0.05)
    )
    assert population_config({"network": "x", "expert_share": 0})[2].policy_mix == (
        ("expert", 0.0),
        ("naive", 1.0),
    )
    mix = population_config({"network": "x", "policy_mix": "expert:3;random:1"})[2].policy_mix
    assert mix == (("expert", 3.0), ("random", 1.0))


@pytest.mark.parametrize(
    ("point", "message"),
    [
        (
            {"network": "x", "caseload_limt": 5},
            "unknown parameter 'caseload_limt' (did you mean 'caseload_limit'?)",
        ),
        ({"caseload_limit": 5}, "every point needs a 'network'"),
        ({"network": "x", "caseload_limit": "5"}, "caseload_limit must be a number, got '5'"),
        (
            {"network": "x", "policy_mix": "expert:1", "expert_share": 1},
            "give policy_mix or expert_share, not both",
        ),
        ({"network": "x", "policy_mix": "expret:1"}, "unknown policy 'expret' (did you mean 'expert'?)"),
        ({"network": "x", "policy_mix": "expert:lots"}, "share of expert is not a number: 'lots'"),
        ({"network": "x", "expert_share": 1.5}, "expert_share must be between 0 and 1"),
        ({"network": "x", "days": 0}, "days must be a whole number >= 1"),
        ({"network": "x", "caseload_limit": 0}, "caseload_limit must be a whole number >= 1"),
    ],
)
def test_bad_points_name_the_setting(point, message):
    with pytest.raises(CasekitError) as info:
        population_config(point)
    assert message in str(info.value)


def test_policy_mix_text():
    assert parse_policy_mix("expert") == {"expert": 1.0}
    assert parse_policy_mix("naive:1; random:2;") == {"naive": 1.0, "random": 2.0}


def test_a_task_is_one_population_run():
    net = load_district("rural")
    expected = run_population(net, PopulationConfig(caseload_limit=7), days=30, seed=11).summary
    out = population_task({"network": "rural", "days": 30, "caseload_limit": 7}, 11)
    assert out == {k: v for k, v in expected.items() if k not in ("days", "seed", "utilisation", "caseload")}
    assert set(METRICS) <= set(out)


def test_the_sweep_runs_every_point_with_its_spawned_seed():
    df = population_sweep(GRID, 2, seed=5)
    assert df[["caseload_limit", "expert_share", "replicate"]].values.tolist() == [
        [5, 0.0, 0], [5, 0.0, 1], [5, 1.0, 0], [5, 1.0, 1],
        [30, 0.0, 0], [30, 0.0, 1], [30, 1.0, 0], [30, 1.0, 1],
    ]  # fmt: skip
    assert df["seed"].tolist() == task_seeds(5, 8)
    row = df.iloc[6]
    again = population_task(
        {"network": "rural", "days": 40, "caseload_limit": 30, "expert_share": 1.0}, row["seed"]
    )
    assert (
        row["cases_opened"] == again["cases_opened"] and row["unmet_need_share"] == again["unmet_need_share"]
    )
    # a higher caseload limit opens more cases, whatever the policy mix
    opened = df.groupby("caseload_limit")["cases_opened"].mean()
    assert opened[30] > opened[5]


def test_identical_on_another_executor():
    here = population_sweep(GRID, 2, seed=5)
    with ThreadPoolExecutor(max_workers=2) as pool:
        there = population_sweep(GRID, 2, seed=5, executor=pool, chunksize=1)
    pd.testing.assert_frame_equal(here, there)


def test_a_summary_has_confidence_intervals():
    s = summarize(population_sweep(GRID, 3, seed=1), metrics=["unmet_need_share"])
    assert len(s) == 4 and (s["unmet_need_share_n"] == 3).all()
    assert (s["unmet_need_share_ci_low"] <= s["unmet_need_share_mean"]).all()


def test_bad_grids_fail_before_running(tmp_path):
    with pytest.raises(NetworkDataError, match="not a bundled district"):
        population_sweep({"network": str(tmp_path)}, 1, seed=0)
    with pytest.raises(CasekitError, match="did you mean 'capacity_scale'"):
        population_sweep({"network": "rural", "capacity": [1]}, 1, seed=0)


def test_labels():
    assert label("expert_share", "en") == "share of expert case managers"
    assert label("mean_caseload") == "사례관리자 평균 사례 수"
    assert label("something") == "something"
