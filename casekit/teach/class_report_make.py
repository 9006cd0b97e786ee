"""One class report from a folder to written files: the composition the CLI and the notebook share.

``casekit class-report`` and the instructor's :class:`casekit.ui.instructor.ClassReportView`
both read a folder (:func:`~casekit.teach.class_report.build_class_report`), draw the figures
and write the files (:func:`~casekit.teach.class_report.write_class_report`).
:func:`make_class_report` does the three in one place. ``teach`` may not import ``viz``
(ARCHITECTURE.md), so the caller hands in the drawing function
(:func:`casekit.viz.class_plots.class_report_figures`); without one the report has no figures.

Examples
--------
>>> import tempfile, pathlib
>>> from casekit.scenarios import get_scenario
>>> from casekit.sim import run_case
>>> from casekit.store.casefile import write_case_file
>>> from casekit.teach.casefile import case_file_from_result
>>> s = get_scenario("learning-low-income")
>>> with tempfile.TemporaryDirectory() as tmp:
...     root = pathlib.Path(tmp) / "in"
...     root.mkdir()
...     _ = write_case_file(case_file_from_result(run_case(s, "naive", 1), s, learner="A"), root / "a.case.json")
...     made = make_class_report(root, pathlib.Path(tmp) / "out")
...     sorted(made.outputs)
['csv', 'html', 'xlsx']
>>> len(made.report.summary), made.figures
(1, {})
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..domain.errors import CasekitError
from ..store.casefile import SUFFIX
from .class_report import ClassReport, build_class_report, find_case_files, write_class_report

if TYPE_CHECKING:
    from ..scenarios.model import Scenario

__all__ = ["FigureDrawer", "MadeClassReport", "make_class_report"]

#: Draws a report's figures: ``(summary, missed, divergence, lang=...) -> {name: PNG bytes}``.
FigureDrawer = Callable[..., Mapping[str, bytes]]


class MadeClassReport(NamedTuple):
    """What :func:`make_class_report` read, drew and wrote."""

    report: ClassReport
    outputs: dict[str, Path]
    figures: dict[str, bytes]


def make_class_report(
    root: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    lang: str = "ko",
    scenarios: Iterable[Scenario | str | os.PathLike[str]] = (),
    draw: FigureDrawer | None = None,
) -> MadeClassReport:
    """Read every case file under ``root``, draw the figures with ``draw`` and write ``out``.

    Parameters
    ----------
    root
        The folder of submissions (flat, or nbgrader's ``<student>/<assignment>/`` layout).
    out
        The folder to write ``class_summary.csv``, ``class_summary.xlsx`` and ``report.html`` into.
    lang
        The report's language.
    scenarios
        Scenarios that are not bundled, so their case files are compared with the expert.
    draw
        The figure drawer (``casekit.viz.class_plots.class_report_figures``); ``None``: no figures.

    Raises
    ------
    CasekitError
        ``root`` is not a folder, or holds no ``*.case.json`` file. Bad case files are not
        errors: they are listed in ``report.problems``.
    """
    base = Path(root)
    if not base.is_dir():
        raise CasekitError(f"{root}: no such folder / 폴더가 없습니다")
    if not find_case_files(base):
        raise CasekitError(f"{root}: no case files (*{SUFFIX}) found / 사례 파일이 없습니다")
    report = build_class_report(base, scenarios=scenarios)
    figures: dict[str, bytes] = {}
    if draw is not None:
        figures = dict(draw(report.summary, report.missed, report.divergence, lang=lang))
    outputs: dict[str, Any] = write_class_report(report, out, lang=lang, figures=figures or None)
    return MadeClassReport(report, {k: Path(v) for k, v in outputs.items()}, figures)
