"""The population model: determinism on every executor, quotas, waiting, caseloads, policies, CLI."""

from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd
import pytest

from casekit.cli import main
from casekit.domain import CasekitError
from casekit.network.io import write_csv
from casekit.network.model import ResourceNetwork
from casekit.network.synth import synth_district
from casekit.scenarios import get_scenario
from casekit.sim import OutcomeParams, PopulationConfig, World, quotas, run_population, service_effect
from casekit.sim.population import partition_specs
from casekit.sim.population_sim import _advance, _Client, _engagement_sum

DAYS = 120


@pytest.fixture(scope="module")
def district():
    return synth_district(600, seed=5)


@pytest.fixture(scope="module")
def in_process(district):
    return run_population(district, PopulationConfig(), days=DAYS, seed=11)


def bottleneck(clients=60, capacity=20, managers=2):
    """One school: every client needs the one educational resource with ``capacity`` places."""
    net = ResourceNetwork()
    net.add_resource("R1", setting="in_school", sector="school", domains=["educational"], capacity=capacity)
    for m in range(managers):
        net.add_case_manager(f"M{m}")
    for c in range(clients):
        net.add_client(f"C{c}", needs={"educational": 3})
        net.add_tie(f"M{c % managers}", f"C{c}", "relationship")
    return net


def assert_same(a, b):
    assert a.summary == b.summary
    pd.testing.assert_frame_equal(a.cases, b.cases)
    pd.testing.assert_frame_equal(a.utilisation, b.utilisation)


# --- determinism ----------------------------------------------------------------------------


def test_same_seed_same_result_other_seed_differs(district, in_process):
    assert_same(in_process, run_population(district, PopulationConfig(), days=DAYS, seed=11))
    other = run_population(district, PopulationConfig(), days=DAYS, seed=12)
    assert not other.cases.equals(in_process.cases)


def test_process_pool_gives_identical_result(district, in_process):
    with ProcessPoolExecutor(2) as pool:
        assert_same(
            in_process, run_population(district, PopulationConfig(), days=DAYS, seed=11, executor=pool)
        )


def test_dask_cluster_gives_identical_result(district, in_process):
    distributed = pytest.importorskip("distributed", reason="pip install 'casekit[cluster]'")
    cluster = client = None
    try:
        cluster = distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        )
        client = distributed.Client(cluster)
        result = run_population(
            district, PopulationConfig(), days=DAYS, seed=11, executor=client.get_executor()
        )
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    assert_same(in_process, result)


def test_progress_is_reported(district):
    seen = []
    run_population(district, days=30, seed=0, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] == 3


# --- structure ------------------------------------------------------------------------------


def test_one_row_per_client_in_cluster_order(district, in_process):
    cases = in_process.cases
    assert len(cases) == 600 and cases["client"].is_unique
    assert list(cases["partition"]) == sorted(cases["partition"])
    assert in_process.summary["partitions"] == 3
    assert set(cases["policy"]) == {"expert"}
    opened = cases.dropna(subset=["intake_day"])
    assert (opened["intake_day"] >= opened["referral_day"]).all()
    assert (cases["referral_day"] < 0.8 * DAYS).all()


def test_quotas_sum_to_capacity():
    assert quotas(1500, [200, 190, 210]) == [500, 475, 525]
    for cap, weights in [(7, [1, 1, 1]), (2, [5, 1, 1]), (29, [3, 100, 7, 0]), (1, [1])]:
        q = quotas(cap, weights)
        assert sum(q) == cap and min(q) >= 0
        if cap >= len(weights):
            assert min(q) >= 1


def test_shared_resource_quotas_sum_to_scaled_capacity(district):
    config = PopulationConfig(capacity_scale=0.5)
    specs, t = partition_specs(district, config, DAYS, 0)
    totals: dict[int, int] = {}
    for spec, (_, _, local) in zip(specs, t["layout"], strict=True):
        for r, c in zip(local, spec.capacity.tolist(), strict=True):
            if c > 0:
                totals[r] = totals.get(r, 0) + c
    for r, total in totals.items():
        rid = t["resources"][r]
        raw = district.node(rid)["capacity"]
        assert total == max(1, round(raw * 0.5)), rid


def test_network_without_schools_is_one_cluster():
    r = run_population(bottleneck(), days=60, seed=0)
    assert r.summary["partitions"] == 1 and set(r.cases["partition"]) == {""}


# --- behaviour ------------------------------------------------------------------------------


def test_few_places_mean_longer_waits():
    net = bottleneck()
    big = run_population(net, PopulationConfig(caseload_limit=60), days=150, seed=3).summary
    small = run_population(
        net, PopulationConfig(caseload_limit=60, capacity_scale=0.1), days=150, seed=3
    ).summary
    assert small["mean_days_to_first_service"] > big["mean_days_to_first_service"] + 10
    assert small["utilisation"]["R1"] > big["utilisation"]["R1"]


def test_caseload_limit_is_respected():
    limit = 4
    r = run_population(
        bottleneck(clients=40, managers=2), PopulationConfig(caseload_limit=limit), days=200, seed=1
    )
    cases = r.cases.dropna(subset=["intake_day"])
    for _, group in cases.groupby("manager"):
        starts = group["intake_day"].to_numpy()
        ends = group["closed_day"].fillna(np.inf).to_numpy()
        times = np.concatenate([starts, ends])
        steps = np.concatenate([np.ones_like(starts), -np.ones_like(ends)])
        order = np.lexsort((steps, times))  # at equal times, a closure frees the slot first
        assert np.cumsum(steps[order]).max() <= limit
    assert (cases["intake_day"] > cases["referral_day"]).any()  # some had to wait


def test_expert_mix_meets_more_needs_than_naive(district):
    expert = run_population(district, PopulationConfig(policy_mix={"expert": 1}), days=150, seed=4).summary
    naive = run_population(district, PopulationConfig(policy_mix={"naive": 1}), days=150, seed=4).summary
    rand = run_population(district, PopulationConfig(policy_mix={"random": 1}), days=150, seed=4).summary
    assert expert["unmet_need_share"] < naive["unmet_need_share"] < rand["unmet_need_share"]
    assert expert["mean_needs_reduction"] > naive["mean_needs_reduction"]


def test_policy_mix_assigns_managers_by_share():
    net = synth_district(1000, seed=2)
    r = run_population(net, PopulationConfig(policy_mix={"expert": 0.5, "naive": 0.5}), days=20, seed=0)
    assert r.managers["policy"].value_counts().to_dict() == {"expert": 5, "naive": 5}


def test_bad_config_and_arguments():
    with pytest.raises(CasekitError, match="unknown policy 'expret'"):
        PopulationConfig(policy_mix={"expret": 1})
    with pytest.raises(CasekitError, match="caseload_limit"):
        PopulationConfig(caseload_limit=0)
    with pytest.raises(CasekitError, match="days"):
        run_population(bottleneck(), days=0)
    net = ResourceNetwork()
    net.add_client("C1", needs={"economic": 2})
    with pytest.raises(CasekitError, match="no case managers"):
        run_population(net, days=10)


# --- the outcome formula is the single-case world's -----------------------------------------


def test_world_and_population_share_the_service_formula():
    scenario = get_scenario("learning-low-income")
    case = scenario.new_case()
    params = OutcomeParams(noise_sd=0.0)
    w = World(scenario, params, np.random.default_rng(0))
    from casekit.domain.vocabulary import ServiceStatus
    from casekit.sim.world import DOMAINS, ServiceSim

    rid, resource = sorted(case.directory.items())[0]
    w.services[rid] = ServiceSim(resource, 0, ServiceStatus.IN_PROGRESS, due=10**6)
    before, eng = w.severity.copy(), w.engagement
    w._dynamics()
    d = max((DOMAINS.index(x) for x in resource.domains), key=lambda i: before[i])
    assert before[d] > 0
    expected = max(0.0, before[d] - service_effect(params.service_rate, eng, 1.0, 1))
    assert w.severity[d] == pytest.approx(expected)

    # the population model applies the same formula, summed over days in closed form
    c = _Client([float(before[i]) for i in range(8)], 0.0, eng)
    c.serving[d] = c.active = 1
    _advance(c, 1.0, params)
    assert c.sev[d] == pytest.approx(expected)


def test_closed_form_equals_day_by_day():
    p = OutcomeParams()
    assert _engagement_sum(0.3, 0.01, 40) == pytest.approx(sum(max(0.05, 0.3 - 0.01 * j) for j in range(40)))
    one = _Client([3.0, 2.0, 0, 1.0, 0, 0, 0, 0], 0.0, 0.6)
    many = _Client([3.0, 2.0, 0, 1.0, 0, 0, 0, 0], 0.0, 0.6)
    for c in (one, many):
        c.serving[0] = 2
        c.active = 6  # overloaded: engagement falls every day
    _advance(one, 60.0, p)
    for day in range(1, 61):
        _advance(many, float(day), p)
    assert one.sev == pytest.approx(many.sev) and one.eng == pytest.approx(many.eng)
    assert one.sev[1] == pytest.approx(2.0 + 60 * p.drift_unmet) and one.sev[3] == 1.0


# --- command line ---------------------------------------------------------------------------


def test_cli_json_same_for_one_and_two_workers(capsys):
    outs = []
    for workers in ("1", "2"):
        assert (
            main(
                [
                    "population",
                    "--clients",
                    "500",
                    "--days",
                    "90",
                    "--seed",
                    "3",
                    "--workers",
                    workers,
                    "--json",
                ]
            )
            == 0
        )
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1]
    doc = json.loads(outs[0])
    assert doc["cases_referred"] == 500 and doc["days"] == 90


def test_cli_network_dir_and_korean_summary(tmp_path, capsys):
    write_csv(synth_district(200, seed=1), tmp_path)
    assert main(["population", "--network", str(tmp_path), "--days", "60", "--seed", "0"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("모의실험: 60일, 시드 0") and "의뢰 200건" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["population", "--days", "10", "--seed", "0"],
        ["population", "--clients", "10", "--network", "x", "--days", "10", "--seed", "0"],
        ["population", "--clients", "10", "--seed", "0"],
        ["population", "--clients", "10", "--days", "0", "--seed", "0"],
        ["population", "--clients", "10", "--days", "5", "--seed", "-1"],
        [
            "population",
            "--clients",
            "10",
            "--days",
            "5",
            "--seed",
            "0",
            "--workers",
            "2",
            "--scheduler",
            "x:1",
        ],
    ],
)
def test_cli_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_cli_missing_network_exits_1(tmp_path, capsys):
    assert main(["population", "--network", str(tmp_path / "nope"), "--days", "5", "--seed", "0"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("casekit: ") and "Traceback" not in err
