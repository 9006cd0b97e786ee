"""The class report of a folder of case files, made and shown in a notebook.

:class:`ClassReportView` does what ``casekit class-report DIR --out OUT`` does (the same
:func:`~casekit.teach.class_report_make.make_class_report`) and shows the summary table, the
problem files with their reasons, and the figures.

Examples
--------
>>> view = ClassReportView(lang="en")
>>> view.button.description
'Make the class report'
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

import ipywidgets as W

from ..domain.errors import CasekitError
from ..domain.text import Text, check_lang
from . import instructor_views as views

if TYPE_CHECKING:
    from ..scenarios.model import Scenario
    from ..teach.class_report_make import MadeClassReport

__all__ = ["ClassReportView"]

T = Text


class ClassReportView:
    """Make the class report of a folder of case files and show it: summary, problem files, figures.

    The same composition as ``casekit class-report DIR --out OUT``
    (:func:`~casekit.teach.class_report_make.make_class_report`). With ``folder`` and ``out``
    the report is made at once; else fill the two boxes and click the button.
    """

    def __init__(
        self,
        folder: str | os.PathLike[str] | None = None,
        out: str | os.PathLike[str] | None = None,
        lang: str = "ko",
        *,
        scenarios: Iterable[Scenario | str | os.PathLike[str]] = (),
    ) -> None:
        self.lang = check_lang(lang)
        self.scenarios = list(scenarios)
        self.made: MadeClassReport | None = None
        self.folder = W.Text(
            value="" if folder is None else os.fspath(folder),
            placeholder=T("제출 폴더", "submissions folder").get(lang),
        )
        self.out = W.Text(
            value="" if out is None else os.fspath(out),
            placeholder=T("보고서 폴더", "report folder").get(lang),
        )
        self.button = W.Button(
            description=T("학급 보고서 만들기", "Make the class report").get(lang), button_style="primary"
        )
        self.button.add_class("ck-class-report-run")
        self.button.on_click(lambda _b: self._clicked())
        self.status = W.HTML()
        self.summary = W.HTML()
        self.problems = W.HTML()
        self.figures = W.VBox()
        self.widget = W.VBox(
            [
                W.HBox([self.folder, self.out, self.button]),
                self.status,
                self.summary,
                self.problems,
                self.figures,
            ]
        )
        self.widget.add_class("ck-class-report")
        if folder is not None and out is not None:
            self.run()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    def _clicked(self) -> None:
        try:
            self.run()
        except (CasekitError, OSError) as exc:
            self.status.value = f"<span style='color:#b00020'>⚠ {escape(str(exc))}</span>"

    def run(self) -> MadeClassReport:
        """Read the folder, write the report into the output folder, and show it."""
        from ..teach.class_report_make import make_class_report
        from ..viz.class_plots import class_report_figures

        folder, out = self.folder.value.strip(), self.out.value.strip()
        if not folder or not out:
            raise CasekitError("name the submissions folder and the report folder / 두 폴더를 모두 쓰세요")
        made = make_class_report(
            folder, out, lang=self.lang, scenarios=self.scenarios, draw=class_report_figures
        )
        self.made = made
        lang = self.lang
        self.summary.value = views.summary_table_html(made.report, lang)
        self.problems.value = views.problem_files_html(made.report, lang)
        self.figures.children = [
            W.Image(value=png, format="png", layout=W.Layout(max_width="760px"))
            for png in made.figures.values()
        ]
        written = " · ".join(f"<code>{escape(str(p))}</code>" for p in made.outputs.values())
        self.status.value = "✓ " + escape(T("작성했습니다", "Written").get(lang)) + ": " + written
        return made
