"""The model's validity: good practice beats beginner mistakes, which beat random action.

For every bundled scenario, over 200 seeds: mean total score expert > naive > random, and
mean need reduction expert > naive. The expert without the scenario's key still beats naive.
"""

from __future__ import annotations

import numpy as np
import pytest

from casekit.scenarios import bundled_scenarios
from casekit.sim import ExpertPolicy, run_case

SEEDS = range(200)


def _means(scenario, policy):
    runs = [run_case(scenario, policy, seed) for seed in SEEDS]
    return np.mean([r.score.total for r in runs]), np.mean([r.needs_reduction for r in runs])


@pytest.mark.parametrize("scenario", bundled_scenarios(), ids=lambda s: s.id)
def test_expert_beats_naive_beats_random(scenario):
    expert, naive, rand = (_means(scenario, p) for p in ("expert", "naive", "random"))
    assert expert[0] > naive[0] > rand[0]
    assert expert[1] > naive[1]


@pytest.mark.parametrize("scenario", bundled_scenarios(), ids=lambda s: s.id)
def test_expert_without_key_beats_naive(scenario):
    keyless = [run_case(scenario, ExpertPolicy(None), seed) for seed in range(20)]
    naive = [run_case(scenario, "naive", seed) for seed in range(20)]
    assert np.mean([r.score.total for r in keyless]) > np.mean([r.score.total for r in naive])
