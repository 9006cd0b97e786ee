"""The case runner: one scenario, one policy, one seed, from referral to the end of aftercare.

Each turn the policy observes and decides and a :class:`~casekit.sim.session.CaseSession`
applies the decision: each action goes to the :class:`~casekit.domain.Case` (an illegal one is
caught as a rule violation naming the stage and rule, and the run goes on), the world reacts,
and the clock moves to the next decision day (daily dynamics, events, service statuses). The
world calls the policy on the day of a crisis or a disclosure. The run stops when the case
ends or at ``max_days`` (then the case is closed as ``no_contact`` where the rules allow and
marked ``timed_out``); the world then runs on to the outcome horizon
(``OutcomeParams.horizon_days``).

Examples
--------
>>> from casekit.scenarios import get_scenario
>>> r = run_case(get_scenario("learning-low-income"), "expert", seed=1)
>>> r.stages[0], r.closed_reason, r.timed_out
(('intake', 0), 'goals_achieved', False)
>>> 0 <= r.score.total <= 100
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from .observation import Policy
from .params import OutcomeParams
from .results import CaseResult, Violation
from .session import CaseSession, apply_action, observe

if TYPE_CHECKING:
    from ..scenarios.model import Scenario

__all__ = ["CaseResult", "Violation", "run_case", "policy_rng", "apply_action", "observe"]


def policy_rng(seed: int) -> np.random.Generator:
    """The policy's own generator for ``seed`` (independent of the world's)."""
    return np.random.default_rng(np.random.SeedSequence(seed).spawn(1)[0])


def run_case(
    scenario: Scenario,
    policy: str | Policy,
    seed: int = 0,
    *,
    params: OutcomeParams | None = None,
    overrides: Mapping[str, float] | None = None,
    max_days: int = 900,
) -> CaseResult:
    """Run ``scenario`` with ``policy`` (a name in ``POLICIES`` or a policy object).

    The outcome model's parameters are, in order of precedence: ``overrides`` (an
    experiment's settings), the scenario file's ``parameters``, then ``params`` (defaults when
    ``None``). Deterministic for a seed: the world draws from ``numpy.random.default_rng(seed)``
    and a named policy from :func:`policy_rng`, so a policy that draws more numbers does not
    shift the world's noise.
    """
    from .policies import get_policy

    name = policy if isinstance(policy, str) else type(policy).__name__
    if isinstance(policy, str):
        policy = get_policy(policy, policy_rng(seed), scenario=scenario)
    session = CaseSession(scenario, seed, params=params, overrides=overrides, max_days=max_days)
    while not session.case.ended and not session.timed_out:
        session.decide(policy.decide(session.observe()))
    return session.finish(name)
