"""The case runner: determinism, clean endings, bounded severities, the result's shape."""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
from contextlib import redirect_stdout

import pytest

from casekit.cli import main
from casekit.domain import CasekitError
from casekit.scenarios import bundled_scenarios, get_scenario
from casekit.sim import POLICIES, ExpertPolicy, OutcomeParams, run_case

SCENARIOS = bundled_scenarios()


def test_same_seed_same_result():
    s = get_scenario("income-loss-midcase")
    a, b = run_case(s, "random", 7), run_case(s, "random", 7)
    assert a.stages == b.stages and a.record == b.record and a.score == b.score
    assert a.needs.equals(b.needs)
    c = run_case(s, "random", 8)
    assert (c.stages, c.needs_after) != (a.stages, a.needs_after)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_every_run_ends_cleanly_with_bounded_needs(scenario, policy):
    for seed in range(5):
        r = run_case(scenario, policy, seed)
        assert r.timed_out or r.record[-1].kind.value == "case_end"
        assert ((r.needs >= 0) & (r.needs <= 4)).all().all()
        assert 0 <= r.score.total <= 100
        assert set(r.score.components) == {
            "process",
            "assessment",
            "plan_fit",
            "crisis",
            "outcome",
            "aftercare",
        }


def test_expert_without_key_works():
    s = get_scenario("grandmother-bereavement")
    r = run_case(s, ExpertPolicy(key=None), 0)
    assert r.closed_reason == "goals_achieved" and not r.violations


def test_unknown_parameter_names_file_and_field():
    s = dataclasses.replace(get_scenario("learning-low-income"), parameters={"servce_rate": 0.1})
    with pytest.raises(
        CasekitError, match=r"learning-low-income\.yaml: parameters\.servce_rate.*service_rate"
    ):
        OutcomeParams.from_scenario(s)


def test_parameter_override_applies():
    s = dataclasses.replace(get_scenario("learning-low-income"), parameters={"service_rate": 0.0})
    assert OutcomeParams.from_scenario(s).service_rate == 0.0
    table = OutcomeParams.table("ko")
    assert "service_rate" in table.index and table["rationale"].str.len().min() > 0


def _cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(list(args))
    return code, out.getvalue()


def test_cli_json_shape_and_bytes():
    args = ("simulate", "income-loss-midcase", "--policy", "naive", "--seed", "3", "--runs", "2", "--json")
    code, text = _cli(*args)
    assert code == 0 and _cli(*args)[1] == text
    doc = json.loads(text)
    assert list(doc) == ["scenario", "policy", "seed", "runs", "summary"]
    assert [r["seed"] for r in doc["runs"]] == [3, 4]
    run = doc["runs"][0]
    assert list(run) == ["seed", "stages", "closed_reason", "needs_before", "needs_after", "score"]
    assert run["stages"][0] == {"stage": "intake", "day": 0}
    assert list(run["score"]) == [
        "total",
        "process",
        "assessment",
        "plan_fit",
        "crisis",
        "outcome",
        "aftercare",
    ]
    assert list(doc["summary"]) == ["mean_score", "mean_needs_reduction"]


def test_cli_text_and_errors(capsys):
    code, text = _cli("simulate", "learning-low-income", "--policy", "expert")
    assert code == 0 and "사후관리" in text and "요약" in text
    assert main(["simulate", "no-such-scenario", "--policy", "expert"]) == 1
    assert "unknown scenario" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["simulate", "learning-low-income", "--policy", "genius"])
    assert exc.value.code == 2


def test_overrides_beat_the_scenario_file_which_beats_params():
    import dataclasses

    from casekit.scenarios import get_scenario
    from casekit.sim import OutcomeParams, run_case

    base = get_scenario("learning-low-income")
    with_file = dataclasses.replace(base, parameters={"service_rate": 0.01})
    params = OutcomeParams().replace(service_rate=0.02)
    assert OutcomeParams.from_scenario(with_file, params).service_rate == 0.01
    slow = run_case(with_file, "expert", 4, params=params)
    fast = run_case(with_file, "expert", 4, params=params, overrides={"service_rate": 0.08})
    assert fast.needs_reduction > slow.needs_reduction


def test_a_crisis_in_aftercare_is_found_by_the_next_follow_up():
    from casekit.scenarios import get_scenario
    from casekit.sim import run_case

    result = run_case(get_scenario("reopen-after-bereavement"), "expert", 0)
    findings = [(e.day, e.fields["finding"]) for e in result.record if e.kind.value == "follow_up"]
    crisis_day = next(e.day for e in result.record if e.kind.value == "crisis")
    assert next(f for d, f in findings if d > crisis_day) == "relapse"
    stages = [s for s, _ in result.stages]
    assert ("aftercare", "reassessment") in list(itertools.pairwise(stages))
