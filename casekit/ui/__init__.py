"""Learner widgets (issue 5): :class:`Walkthrough` and its parts (needs the ``lab`` extra);
instructor tools (issue 6): :class:`ScenarioEditor`, :func:`make_exercise`, :class:`ClassReportView`.

Nothing else in casekit imports ``ui`` (ARCHITECTURE.md); notebooks and ``casekit app`` do.
The instructor tools are imported on first use, so a learner's walkthrough starts faster.
"""

from __future__ import annotations

from typing import Any

from .walkthrough import Walkthrough

__all__ = ["ClassReportView", "ScenarioEditor", "Walkthrough", "make_exercise"]

_INSTRUCTOR = ("ClassReportView", "ScenarioEditor", "make_exercise")


def __getattr__(name: str) -> Any:
    if name in _INSTRUCTOR:
        from . import instructor

        return getattr(instructor, name)
    raise AttributeError(f"module 'casekit.ui' has no attribute {name!r}")
