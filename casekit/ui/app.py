"""The student app: a scenario picker and the walkthrough, served by Voilà with no code shown.

``casekit app [SCENARIO]`` runs Voilà on the notebook ``casekit/ui/app/walkthrough.ipynb``,
which calls :func:`app_view`. The scenario, language and seed come from the environment the
command sets (``CASEKIT_APP_SCENARIO``, ``CASEKIT_APP_LANG``, ``CASEKIT_APP_SEED``, ``CASEKIT_APP_DEMO``,
``CASEKIT_APP_SAVE_DIR``), so the
same notebook serves every scenario. A student who types a name gets autosave and can
continue after closing the page (the casebook is at ``$CASEKIT_HOME``).

Examples
--------
>>> view = AppView(scenario=None, lang="en")
>>> view.picker.value = "school-violence-117"
>>> view.start_button.click()
>>> view.walkthrough.scenario.id, view.walkthrough.lang
('school-violence-117', 'en')
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import ipywidgets as W

from ..domain.text import check_lang
from .panels import T
from .walkthrough import Walkthrough

__all__ = ["AppView", "app_view", "APP_NOTEBOOK"]

#: The notebook Voilà serves.
APP_NOTEBOOK = Path(__file__).parent / "app" / "walkthrough.ipynb"


class AppView:
    """A scenario picker, a name field and, once started, the :class:`Walkthrough`."""

    def __init__(
        self,
        scenario: str | None = None,
        lang: str = "ko",
        seed: int = 0,
        casebook: Any = None,
        demo: bool = False,
        save_dir: str | None = None,
    ) -> None:
        from ..scenarios import bundled_scenarios

        self.lang, self.seed, self.casebook, self.demo = check_lang(lang), seed, casebook, demo
        self.save_dir = save_dir
        from ..domain.vocabulary import Difficulty

        order = list(Difficulty)
        # Easiest first, so a new student's default is an introductory case.
        ranked = sorted(bundled_scenarios(), key=lambda s: (order.index(s.difficulty), s.id))
        self.scenarios = {s.id: s for s in ranked}
        self.picker = W.Dropdown(
            options=[(f"{s.title.get(lang)} ({s.difficulty.label(lang)})", s.id) for s in self.scenarios.values()],
            layout=W.Layout(width="70%"),
        )
        self.picker.add_class("ck-app-scenario")
        self.name = W.Text(placeholder=T("이름 (자동 저장, 비워 두면 저장 안 함)", "Your name (autosave; leave empty not to save)").get(lang))
        self.name.add_class("ck-app-learner")
        self.start_button = W.Button(description=T("시작", "Start").get(lang), button_style="primary")
        self.start_button.add_class("ck-app-start")
        self.start_button.on_click(lambda _b: self.start())
        heading = W.HTML(
            f"<h2>{T('casekit 사례관리 실습', 'casekit case-management practice').get(lang)}</h2>"
            f"<p>{T('사례를 골라 접수부터 사후관리까지 진행해 보세요.', 'Pick a case and walk it from intake to aftercare.').get(lang)}</p>"
        )
        self.menu = W.VBox([heading, self.picker, self.name, self.start_button])
        self.walkthrough: Walkthrough | None = None
        self.widget = W.VBox([self.menu])
        if scenario:
            self.picker.value = scenario
            self.start()

    def start(self) -> None:
        """Open the walkthrough of the chosen scenario."""
        learner = self.name.value.strip() or None
        self.walkthrough = Walkthrough(
            self.scenarios[self.picker.value], self.lang, seed=self.seed, learner=learner, casebook=self.casebook, demo=self.demo,
            save_dir=self.save_dir,
        )
        self.widget.children = [self.walkthrough.widget]

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def app_view() -> AppView:
    """The app as the Voilà notebook builds it, from the ``CASEKIT_APP_*`` environment."""
    return AppView(
        scenario=os.environ.get("CASEKIT_APP_SCENARIO") or None,
        lang=os.environ.get("CASEKIT_APP_LANG", "ko"),
        seed=int(os.environ.get("CASEKIT_APP_SEED", "0")),
        demo=os.environ.get("CASEKIT_APP_DEMO", "") == "1",
        save_dir=os.environ.get("CASEKIT_APP_SAVE_DIR") or None,
    )
