"""Learner widgets (issue 5): :class:`Walkthrough` and its parts (needs the ``lab`` extra);
instructor tools (issue 6): :class:`ScenarioEditor`, :func:`make_exercise`, :class:`ClassReportView`.

Nothing else in casekit imports ``ui`` (ARCHITECTURE.md); notebooks and ``casekit app`` do.
"""

from __future__ import annotations

from .instructor import ClassReportView, ScenarioEditor, make_exercise
from .walkthrough import Walkthrough

__all__ = ["ClassReportView", "ScenarioEditor", "Walkthrough", "make_exercise"]
