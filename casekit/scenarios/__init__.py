"""Scenario files ⇄ domain objects: load, validate and find the bundled scenarios.

A scenario file (``docs/scenario-format.md``) describes one simulated case: the student,
the referral, the resources around the school, the hidden truth the learner must discover,
the world's events and the expert's key per stage. :func:`load_scenario` turns a valid
file into a frozen :class:`Scenario`; every problem of an invalid file is reported at once
as ``FILE:LINE: field.path: message`` (:class:`~casekit.domain.ScenarioError`).

Examples
--------
>>> from casekit.scenarios import loads_scenario, ScenarioError
>>> try:
...     loads_scenario("schema_version: 1\\nid: demo\\n", "demo.yaml")
... except ScenarioError as exc:
...     print(exc.problems[0])
demo.yaml:1: missing required key 'title'
>>> bundled_dir().name
'scenarios'
"""

from __future__ import annotations

from ..domain.errors import Problem, ScenarioError
from .loader import (
    bundled_dir,
    bundled_scenarios,
    get_scenario,
    load_scenario,
    loads_scenario,
    validate_paths,
)
from .model import (
    SCHEMA_VERSION,
    AftercareKey,
    AssessmentKey,
    CrisisKey,
    EventKind,
    ExpertGoal,
    ExpertKey,
    InitialTie,
    IntakeKey,
    InterviewQuestion,
    MonitoringKey,
    PlanningKey,
    ReassessmentKey,
    Scenario,
    ScenarioEvent,
    ServiceProvisionKey,
    StageFeedback,
    TerminationKey,
    Truth,
)

__all__ = [
    "SCHEMA_VERSION",
    "AftercareKey",
    "AssessmentKey",
    "CrisisKey",
    "EventKind",
    "ExpertGoal",
    "ExpertKey",
    "InitialTie",
    "IntakeKey",
    "InterviewQuestion",
    "MonitoringKey",
    "PlanningKey",
    "Problem",
    "ReassessmentKey",
    "Scenario",
    "ScenarioError",
    "ScenarioEvent",
    "ServiceProvisionKey",
    "StageFeedback",
    "TerminationKey",
    "Truth",
    "bundled_dir",
    "bundled_scenarios",
    "get_scenario",
    "load_scenario",
    "loads_scenario",
    "validate_paths",
]
