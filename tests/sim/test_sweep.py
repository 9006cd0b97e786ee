"""Sweeps: grid order, seeds, identical results on every executor, errors, summaries."""

from __future__ import annotations

import math
import multiprocessing
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

from casekit.domain import CasekitError
from casekit.scenarios import get_scenario
from casekit.sim import OutcomeParams, expand_grid, run_case, run_case_task, summarize, sweep, task_seeds

#: Small enough to run in a second in-process, varied enough to catch a shuffled row.
GRID = {
    "scenario": ["income-loss-midcase", "learning-low-income"],
    "policy": ["expert", "naive", "random"],
}
REPLICATES = 3
SEED = 2026


def square_task(point, seed):
    """A custom experiment: no case at all, just arithmetic on the point and the seed."""
    return {"value": point["x"] ** 2, "parity": seed % 2}


class NoSendExecutor(Executor):
    """Fails the test if anything is sent to it: validation must happen before."""

    def submit(self, fn, /, *args, **kwargs):
        raise AssertionError("a task was sent to the executor")


@pytest.fixture(scope="module")
def in_process():
    return sweep(GRID, REPLICATES, SEED)


def spawned_pool() -> ProcessPoolExecutor:
    """Two fresh worker processes: nothing is inherited from this one (caches, threads)."""
    return ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))


@pytest.fixture
def dask_executor():
    distributed = pytest.importorskip(
        "distributed", reason="dask.distributed is not installed: pip install 'casekit[cluster]'"
    )
    cluster = client = None
    try:
        cluster = distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        )
        client = distributed.Client(cluster)
        yield client.get_executor()
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


# --- grid and seeds -------------------------------------------------------------------------


def test_grid_mapping_is_a_product_last_key_fastest():
    points = expand_grid({"policy": ["expert", "naive"], "service_rate": [0.03, 0.05], "scenario": "x"})
    assert points == [
        {"policy": "expert", "service_rate": 0.03, "scenario": "x"},
        {"policy": "expert", "service_rate": 0.05, "scenario": "x"},
        {"policy": "naive", "service_rate": 0.03, "scenario": "x"},
        {"policy": "naive", "service_rate": 0.05, "scenario": "x"},
    ]


def test_grid_list_of_points_is_kept_as_given():
    points = [{"policy": "random", "x": 1}, {"policy": "expert"}]
    assert expand_grid(points) == points


def test_seeds_come_from_seed_sequence_spawn_in_order():
    assert task_seeds(0, 4) == [3757552657, 673228719, 3241444873, 3685993406]
    children = np.random.SeedSequence(SEED).spawn(5)
    assert task_seeds(SEED, 5) == [int(c.generate_state(1)[0]) for c in children]


def test_rows_are_point_major_with_replicates_and_seeds(in_process):
    df = in_process
    assert len(df) == 2 * 3 * REPLICATES
    assert list(df.columns[:4]) == ["scenario", "policy", "replicate", "seed"]
    assert df.attrs["grid_columns"] == ["scenario", "policy"]
    expected = [(p["scenario"], p["policy"], r) for p in expand_grid(GRID) for r in range(REPLICATES)]
    assert list(df[["scenario", "policy", "replicate"]].itertuples(index=False, name=None)) == expected
    assert df["seed"].tolist() == task_seeds(SEED, len(df))
    components = ["process", "assessment", "plan_fit", "crisis", "outcome", "aftercare"]
    outputs = ["score", *(f"score_{c}" for c in components)]
    outputs += ["needs_reduction", "timed_out", "closed_reason", "violations", "days"]
    assert list(df.columns[4:]) == outputs


def test_each_row_is_the_run_case_of_its_seed(in_process):
    row = in_process.iloc[4]  # income-loss-midcase, naive, replicate 1
    r = run_case(get_scenario(row["scenario"]), row["policy"], int(row["seed"]))
    assert (row["score"], row["needs_reduction"], row["closed_reason"]) == (
        r.score.total,
        r.needs_reduction,
        r.closed_reason,
    )
    assert row["violations"] == len(r.violations) and row["days"] == r.stages[-1][1]


def test_outcome_parameters_in_the_grid_reach_the_model():
    point = {"scenario": "learning-low-income", "policy": "naive", "service_rate": 0.08}
    r = run_case(
        get_scenario("learning-low-income"), "naive", 5, params=OutcomeParams().replace(service_rate=0.08)
    )
    out = run_case_task(point, 5)
    assert (out["score"], out["needs_reduction"]) == (r.score.total, r.needs_reduction)
    assert out["needs_reduction"] != run_case_task({**point, "service_rate": 0.0}, 5)["needs_reduction"]


# --- identical results whatever the executor ------------------------------------------------


def test_chunk_size_does_not_change_results(in_process):
    pd.testing.assert_frame_equal(sweep(GRID, REPLICATES, SEED, chunksize=4), in_process)


def test_process_pool_gives_identical_results(in_process):
    with ProcessPoolExecutor(max_workers=2) as pool:
        pd.testing.assert_frame_equal(sweep(GRID, REPLICATES, SEED, pool), in_process)
    with spawned_pool() as pool:
        pd.testing.assert_frame_equal(sweep(GRID, REPLICATES, SEED, pool, chunksize=2), in_process)


def test_custom_task_in_process_and_on_a_pool():
    grid = [{"x": 2}, {"x": 3}]
    df = sweep(grid, 2, 7, task=square_task)
    seeds = task_seeds(7, 4)
    assert df.to_dict("list") == {
        "x": [2, 2, 3, 3],
        "replicate": [0, 1, 0, 1],
        "seed": seeds,
        "value": [4, 4, 9, 9],
        "parity": [s % 2 for s in seeds],
    }
    with spawned_pool() as pool:
        pd.testing.assert_frame_equal(sweep(grid, 2, 7, pool, task=square_task), df)


def test_dask_local_cluster_gives_identical_results(in_process, dask_executor):
    pd.testing.assert_frame_equal(sweep(GRID, REPLICATES, SEED, dask_executor), in_process)
    pd.testing.assert_frame_equal(sweep(GRID, REPLICATES, SEED, dask_executor, chunksize=5), in_process)


# --- errors, raised before anything is sent --------------------------------------------------


@pytest.mark.parametrize(
    ("grid", "message"),
    [
        ({**GRID, "servce_rate": [0.1]}, "unknown parameter 'servce_rate' (did you mean 'service_rate'?)"),
        ({**GRID, "policy": ["expret"]}, "unknown policy 'expret' (did you mean 'expert'?)"),
        ({**GRID, "scenario": ["no-such-scenario"]}, "unknown scenario 'no-such-scenario'"),
        ({"scenario": ["learning-low-income"]}, "point 0 has no 'policy'"),
        ({**GRID, "service_rate": ["fast"]}, "service_rate must be a number"),
        ({**GRID, "seed": [1]}, "'seed' cannot be a parameter name"),
        ({**GRID, "policy": []}, "'policy' has no values"),
        ([{"scenario": "learning-low-income", "policy": "expert"}, "naive"], "point 1 is a str"),
        ("learning-low-income", "expected a dict of name -> values or a list of dicts"),
    ],
)
def test_bad_grid_is_refused_up_front(grid, message):
    with pytest.raises(CasekitError) as info:
        sweep(grid, 1, 0, NoSendExecutor())
    assert message in str(info.value)


@pytest.mark.parametrize("replicates", [0, -1, 1.5, True])
def test_replicates_must_be_a_positive_integer(replicates):
    with pytest.raises(CasekitError, match="replicates must be an integer >= 1"):
        sweep(GRID, replicates, 0, NoSendExecutor())


def test_seed_must_be_a_non_negative_integer():
    with pytest.raises(CasekitError, match="seed must be a non-negative integer"):
        sweep(GRID, 1, -1)


def test_a_task_that_cannot_be_pickled_is_refused():
    with ThreadPoolExecutor(1) as pool, pytest.raises(CasekitError, match="top level of a module"):
        sweep([{"x": 1}], 1, 0, pool, task=lambda point, seed: {"y": 1})


# --- summaries --------------------------------------------------------------------------------

# Student's t quantiles t(0.975, df) from the published table: df 1 and 2.
T_975 = {1: 12.7062, 2: 4.3027}


def test_summarize_by_hand():
    df = pd.DataFrame(
        {
            "policy": ["a", "b", "a", "a", "b", "c"],
            "replicate": [0, 0, 1, 2, 1, 0],
            "score": [1.0, 10.0, 2.0, 3.0, 14.0, 7.0],
            "needs_reduction": [0.5, 1.0, 0.5, 0.5, 2.0, 1.0],
        }
    )
    s = summarize(df)  # by defaults to the columns before `replicate`
    assert s["policy"].tolist() == ["a", "b", "c"]
    assert s["score_mean"].tolist() == [2.0, 12.0, 7.0]
    assert s["score_std"].iloc[:2].tolist() == pytest.approx([1.0, math.sqrt(8)])
    assert s["score_n"].tolist() == [3, 2, 1]
    half_a = T_975[2] * 1.0 / math.sqrt(3)
    half_b = T_975[1] * math.sqrt(8) / math.sqrt(2)
    assert s["score_ci_low"].iloc[:2].tolist() == pytest.approx([2 - half_a, 12 - half_b], rel=1e-4)
    assert s["score_ci_high"].iloc[:2].tolist() == pytest.approx([2 + half_a, 12 + half_b], rel=1e-4)
    assert math.isnan(s["score_std"].iloc[2]) and math.isnan(s["score_ci_low"].iloc[2])
    assert s["needs_reduction_std"].iloc[0] == 0.0
    assert s["needs_reduction_ci_low"].iloc[0] == s["needs_reduction_ci_high"].iloc[0] == 0.5


def test_summarize_whole_frame_at_90_percent():
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0]})
    s = summarize(df, by=[], metrics="x", confidence=0.9)
    half = 2.3534 * math.sqrt(5 / 3) / 2  # t(0.95, 3) = 2.3534; sd = sqrt(5/3)
    assert len(s) == 1 and s["x_mean"].iloc[0] == 2.5
    assert (s["x_ci_low"].iloc[0], s["x_ci_high"].iloc[0]) == pytest.approx(
        (2.5 - half, 2.5 + half), rel=1e-4
    )


def test_summarize_of_a_sweep_groups_by_the_grid(in_process):
    s = summarize(in_process)
    assert list(s.columns[:2]) == ["scenario", "policy"] and len(s) == 6
    assert (s["score_n"] == REPLICATES).all()
    assert s["score_mean"].iloc[1] == pytest.approx(in_process["score"].iloc[3:6].mean())


def test_summarize_refuses_unknown_or_text_metrics(in_process):
    with pytest.raises(CasekitError, match="no column 'scor' \\(did you mean 'score'\\?\\)"):
        summarize(in_process, metrics="scor")
    with pytest.raises(CasekitError, match="'closed_reason' is not numeric"):
        summarize(in_process, metrics="closed_reason")
    with pytest.raises(CasekitError, match="confidence must be between 0 and 1"):
        summarize(in_process, confidence=95)
