"""Fixtures and helpers for the headless widget tests of :mod:`casekit.ui`.

The tests act as a learner does: set a widget's ``.value``, call ``.click()``, then look at
the controller (:class:`~casekit.teach.LearnerSession`) and at the HTML the view renders.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# The walkthrough draws its ecomap with matplotlib: off-screen here, and only here (a global
# MPLBACKEND would follow into kernels and apps, where plots would vanish).
os.environ.setdefault("MPLBACKEND", "Agg")

from casekit.ui import Walkthrough
from casekit.ui.forms import ActionForm

#: The values a learner types into the intake record form (all five required fields).
INTAKE = {
    "household": "한부모가정, 어머니·동생과 삶",
    "housing": "월세 다세대 2층",
    "income": "어머니 식당 근무, 교육급여 수급",
    "health": "특이사항 없음",
    "other_services": "없음",
}


def fill(form: ActionForm, **values: Any) -> ActionForm:
    """Set each named field's widget ``.value`` as a learner would (nothing else is touched)."""
    for name, value in values.items():
        form.field(name).widget.value = value
    return form


def submit(w: Walkthrough, verb: str, where: str | None = None, **values: Any) -> ActionForm:
    """Fill the form for ``verb`` on the current panel (or ``where``) and click its button."""
    form = fill(w.form(verb, where), **values)
    form.button.click()
    return form


def advance(w: Walkthrough, stage: str) -> ActionForm:
    """Choose ``stage`` in the stage-move control and click it."""
    return submit(w, "advance_to", stage=stage)


def wait(w: Walkthrough, days: int) -> ActionForm:
    """Let ``days`` pass with the clock control (the clock stops early when a crisis comes)."""
    return submit(w, "wait", days=str(days))


def stage_classes(html: str) -> dict[str, str]:
    """The stage bar as ``{stage code: "done" | "current" | ""}``."""
    found = re.findall(r"<span class='ck-stage ([a-z]*)' data-stage='([a-z_]+)'>", html)
    return {stage: cls for cls, stage in found}


def kinds(w: Walkthrough) -> list[str]:
    """The record's entry kinds, in order."""
    return [e.kind.value for e in w.session.engine.case.record]


def last(w: Walkthrough, kind: str) -> Any:
    """The newest record entry of ``kind``."""
    return [e for e in w.session.engine.case.record if e.kind.value == kind][-1]


def do_intake(w: Walkthrough, *, guardian: bool) -> None:
    """A complete intake by clicks: two questions, the record, the consents, risk, open."""
    for q in [v for _, v in w.form("ask").field("question").widget.options][:2]:
        submit(w, "ask", question=q)
    submit(w, "record_intake", **INTAKE)
    purposes = ["services", "information_sharing"] + (["guardian"] if guardian else [])
    for purpose in purposes:
        submit(w, "record_consent", purpose=purpose, granted=True)
    submit(w, "set_risk_level", level="caution")
    submit(w, "decide_to_open", open_case=True)


@pytest.fixture
def walk(tmp_path: Path) -> Callable[..., Walkthrough]:
    """Make a walkthrough of a bundled scenario that saves its case files under ``tmp_path``."""

    def make(scenario: str, **kwargs: Any) -> Walkthrough:
        kwargs.setdefault("seed", 0)
        kwargs.setdefault("save_dir", tmp_path / "casefiles")
        return Walkthrough(scenario, **kwargs)

    return make
