"""Learner widgets (issue 5): :class:`Walkthrough` and its parts (needs the ``lab`` extra).

Nothing else in casekit imports ``ui`` (ARCHITECTURE.md); notebooks and ``casekit app`` do.
"""

from __future__ import annotations

from .walkthrough import Walkthrough

__all__ = ["Walkthrough"]
