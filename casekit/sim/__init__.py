"""Simulation: the outcome model, policies, the single-case runner, sweeps and the population model (issue 4).

One engine, many drivers (ARCHITECTURE.md): the learner's walkthrough, the built-in
``expert``, ``naive`` and ``random`` policies and research runs all go through
:func:`run_case`, the same :class:`World` and the same :class:`Score`.

Examples
--------
>>> from casekit.scenarios import get_scenario
>>> r = run_case(get_scenario("income-loss-midcase"), "naive", seed=0)
>>> r.policy, len(r.violations) > 0
('naive', True)
"""

from __future__ import annotations

from .expert import ExpertPolicy
from .mechanisms import overload_factor, service_effect
from .observation import VERBS, Action, Decision, Observation, Policy, QuestionInfo, StudentFacts
from .params import PARAMETER_DOCS, OutcomeParams
from .policies import POLICIES, NaivePolicy, RandomPolicy, get_policy
from .population import PopulationConfig, PopulationResult, quotas, run_population
from .population_profiles import PROFILES, PolicyProfile
from .population_sweep import population_sweep, population_task
from .runner import CaseResult, Violation, apply_action, policy_rng, run_case
from .session import CaseSession
from .score import EXPLANATIONS, HANDOVER_EXPLANATIONS, WEIGHTS, Score, score_case
from .sweep import TASK_PARAMETERS, expand_grid, run_case_task, summarize, sweep, task_seeds
from .world import DOMAINS, World

__all__ = [
    "DOMAINS",
    "EXPLANATIONS",
    "HANDOVER_EXPLANATIONS",
    "PARAMETER_DOCS",
    "POLICIES",
    "PROFILES",
    "TASK_PARAMETERS",
    "VERBS",
    "WEIGHTS",
    "Action",
    "CaseResult",
    "CaseSession",
    "Decision",
    "ExpertPolicy",
    "NaivePolicy",
    "Observation",
    "OutcomeParams",
    "Policy",
    "PolicyProfile",
    "PopulationConfig",
    "PopulationResult",
    "QuestionInfo",
    "RandomPolicy",
    "Score",
    "StudentFacts",
    "Violation",
    "World",
    "apply_action",
    "expand_grid",
    "get_policy",
    "overload_factor",
    "quotas",
    "policy_rng",
    "population_sweep",
    "population_task",
    "run_case",
    "run_case_task",
    "run_population",
    "score_case",
    "service_effect",
    "summarize",
    "sweep",
    "task_seeds",
]
