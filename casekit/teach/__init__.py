"""Teaching: the learner's session and feedback, case files, and class reports against the expert.

``teach`` sits above ``sim``, ``store`` and ``scenarios`` (ARCHITECTURE.md): it turns a run
into a case file a learner hands in (:func:`case_file_from_result`) and reads a folder of
handed-in case files into a class report (:func:`build_class_report`,
:func:`write_class_report`).

Examples
--------
>>> from casekit.scenarios import get_scenario
>>> from casekit.sim import run_case
>>> s = get_scenario("learning-low-income")
>>> case_file_from_result(run_case(s, "expert", 0), s, learner="expert")["scenario"]["id"]
'learning-low-income'
"""

from __future__ import annotations

from .actions import action_label, action_of, actions_by_stage
from .casefile import SENSITIVE_CATEGORIES, case_file_from_result, record_with_sensitivity
from .class_report import ClassReport, ProblemFile, build_class_report, write_class_report
from .class_report_make import MadeClassReport, make_class_report
from .exercise import make_exercise
from .feedback import STAGE_COMPONENTS, StageFeedback, expert_choices, stage_feedback
from .learner import LearnerSession, Outcome

__all__ = [
    "MadeClassReport",
    "make_class_report",
    "make_exercise",
    "STAGE_COMPONENTS",
    "LearnerSession",
    "Outcome",
    "StageFeedback",
    "expert_choices",
    "stage_feedback",
    "SENSITIVE_CATEGORIES",
    "ClassReport",
    "ProblemFile",
    "action_label",
    "action_of",
    "actions_by_stage",
    "build_class_report",
    "case_file_from_result",
    "record_with_sensitivity",
    "write_class_report",
]
