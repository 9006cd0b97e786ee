"""The instructor's tools: author a scenario, preview it, set an exercise, read the class's work.

:class:`ScenarioEditor` is a YAML editor with the loader's validation after every change:
every problem is listed with its line and field path, nothing typed is ever replaced without a
way back, and a valid scenario can be saved to the instructor's folder and previewed (the
expert plays it through the learner's walkthrough, and the three built-in policies are
compared over a few seeds). :func:`make_exercise` writes a student notebook in nbgrader's
layout (:mod:`casekit.teach.exercise`). :class:`ClassReportView` makes the class report of a
folder of handed-in case files, as ``casekit class-report`` does, and shows it.

The state lives in plain objects (:class:`ScenarioDraft`, :class:`ScenarioPreview`,
:class:`~casekit.teach.class_report_make.MadeClassReport`); the widgets render them.

Examples
--------
>>> ed = ScenarioEditor("schema_version: 1\\nid: demo\\n", lang="en")
>>> print(ed.problems[0])
editor:1: missing required key 'title'
>>> ed.scenario is None
True
>>> ed.copy_bundled("learning-low-income")
>>> ed.scenario.id, ed.problems
('learning-low-income', [])
>>> ed.restore(); ed.textarea.value.startswith("schema_version: 1")
True
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as W

from ..domain.errors import CasekitError, Problem, ScenarioError
from ..domain.text import Text, check_lang
from ..teach.exercise import is_bundled, make_exercise
from . import instructor_views as views
from .class_report_view import ClassReportView

if TYPE_CHECKING:
    from ..scenarios.model import Scenario
    from .walkthrough import Walkthrough

__all__ = [
    "ClassReportView",
    "ScenarioDraft",
    "ScenarioEditor",
    "ScenarioPreview",
    "make_exercise",
    "preview_scenario",
]

T = Text

#: The name problems of the editor's text are reported under (``editor:LINE: field: ...``).
EDITOR_NAME = "editor"

#: The policies a preview compares, best expected first.
POLICY_ORDER = ("expert", "naive", "random")


class ScenarioDraft:
    """The editor's state: the text as typed, its problems, and the last valid scenario.

    Examples
    --------
    >>> d = ScenarioDraft("id: [unclosed")
    >>> d.valid, d.problems[0].line
    (False, 1)
    """

    def __init__(self, text: str = "") -> None:
        self.text = ""
        self.problems: list[Problem] = []
        self.notes: list[Text] = []
        self.scenario: Scenario | None = None
        self.valid = False
        self.update(text)

    def update(self, text: str) -> list[Problem]:
        """Take ``text`` as the draft and validate it; its problems (none when valid)."""
        from ..scenarios import bundled_scenarios, loads_scenario

        self.text = text
        self.notes = []
        try:
            scenario = loads_scenario(text, EDITOR_NAME)
        except ScenarioError as exc:
            self.problems, self.valid = list(exc.problems), False
            return self.problems
        self.problems, self.valid, self.scenario = [], True, scenario
        if scenario.id in {s.id for s in bundled_scenarios()} and not is_bundled(scenario):
            # Same id, other content: class reports would compare it with the bundled expert.
            self.notes.append(
                T(
                    f"id '{scenario.id}'는 내장 시나리오의 id입니다: 저장하기 전에 새 id를 붙이세요.",
                    f"id '{scenario.id}' is a bundled scenario's: give it a new id before saving.",
                )
            )
        return self.problems


@dataclasses.dataclass
class ScenarioPreview:
    """An expert's run through the walkthrough and every built-in policy's scores over seeds."""

    walkthrough: Walkthrough
    score: float
    stages: list[tuple[str, int]]
    seeds: tuple[int, ...]
    scores: dict[str, list[float]]
    means: dict[str, float]

    @property
    def ordered(self) -> bool:
        """Whether the mean scores keep expert > naive > random."""
        m = [self.means[p] for p in POLICY_ORDER]
        return all(a > b for a, b in itertools.pairwise(m))


def preview_scenario(
    scenario: Scenario, *, seed: int = 0, seeds: Sequence[int] = (0, 1, 2), lang: str = "ko"
) -> ScenarioPreview:
    """Play ``scenario`` with the expert through a :class:`Walkthrough` (seed ``seed``) and
    score expert, naive and random over ``seeds``.

    Examples
    --------
    >>> from casekit.scenarios import get_scenario
    >>> p = preview_scenario(get_scenario("learning-low-income"), seeds=(0, 1))
    >>> p.score, p.stages[0], p.ordered
    (100.0, ('intake', 0), True)
    """
    from ..sim.runner import run_case
    from .walkthrough import Walkthrough

    w = Walkthrough(scenario, lang, seed=seed)
    w.play("expert")
    result = w.session.result()
    scores = {p: [run_case(scenario, p, s).score.total for s in seeds] for p in POLICY_ORDER}
    means = {p: round(sum(v) / len(v), 1) for p, v in scores.items()}
    return ScenarioPreview(w, result.score.total, list(result.stages), tuple(seeds), scores, means)


def _refuse_bundled(folder: Path) -> None:
    from ..scenarios import bundled_dir

    target = folder.resolve()
    package = Path(__file__).resolve().parents[1]
    for protected in (bundled_dir().resolve(), package):
        if target == protected or protected in target.parents:
            raise CasekitError(
                f"{folder}: this is where casekit keeps its own files; save your scenario in a folder of yours "
                "/ casekit 내장 폴더에는 저장할 수 없습니다: 다른 폴더를 쓰세요"
            )


class ScenarioEditor:
    """Pick a bundled scenario or write one in YAML, with live validation; save and preview it.

    Parameters
    ----------
    text
        The YAML to start from; ``None``: a copy of the bundled scenario picked in the dropdown.
    lang
        ``"ko"`` (default) or ``"en"``: the language shown first.
    """

    def __init__(self, text: str | None = None, lang: str = "ko") -> None:
        from ..scenarios import bundled_scenarios

        self.lang = check_lang(lang)
        self.draft = ScenarioDraft()
        self.previous_text: str | None = None
        self.saved: Path | None = None
        self.last_preview: ScenarioPreview | None = None
        self._bundled = {s.id: s for s in bundled_scenarios()}
        first = (
            "learning-low-income"
            if "learning-low-income" in self._bundled
            else next(iter(self._bundled), None)
        )
        self.picker = W.Dropdown(
            options=[(f"{s.id} · {s.title.get(lang)}", s.id) for s in self._bundled.values()], value=first
        )
        self.copy_button = self._button(
            T("편집기로 복사", "Copy into the editor"), "ck-editor-copy", lambda: self.copy_bundled()
        )
        self.restore_button = self._button(
            T("이전 글 되살리기", "Bring back the previous text"), "ck-editor-restore", self.restore
        )
        self.restore_button.layout.display = "none"
        self.textarea = W.Textarea(continuous_update=False, layout=W.Layout(width="100%", height="420px"))
        self.textarea.add_class("ck-editor-yaml")
        self.problems_box = W.HTML()
        self.problems_box.add_class("ck-editor-problems-widget")
        self.folder = W.Text(
            placeholder=T("저장할 폴더", "folder to save in").get(lang), layout=W.Layout(width="50%")
        )
        self.save_button = self._button(
            T("다른 이름으로 저장", "Save as"), "ck-editor-save", lambda: self.save()
        )
        self.save_message = W.HTML()
        self.preview_button = self._button(
            T("미리 보기 (전문가 실행)", "Preview (the expert plays)"),
            "ck-editor-preview",
            lambda: self.preview(),
            say="preview_box",
        )
        self.preview_box = W.HTML()
        self.walkthrough_box = W.Accordion(children=[W.VBox()])
        self.walkthrough_box.set_title(
            0, T("학생 화면 (전문가가 진행한 사례)", "The student's screen (the expert's case)").get(lang)
        )
        self.walkthrough_box.selected_index = None
        self.widget = W.VBox(
            [
                W.HBox([self.picker, self.copy_button, self.restore_button]),
                self.textarea,
                self.problems_box,
                W.HBox([self.folder, self.save_button]),
                self.save_message,
                self.preview_button,
                self.preview_box,
                self.walkthrough_box,
            ]
        )
        self.widget.add_class("ck-scenario-editor")
        self.textarea.observe(self._typed, "value")
        if text is None and first is not None:
            self.copy_bundled(first)
        else:
            self.set_text(text or "")

    def _typed(self, change: dict[str, Any]) -> None:
        # set_text writes the box too; that echo is already validated.
        if change["new"] != self.draft.text:
            self.set_text(change["new"])

    def _button(self, label: Text, cls: str, action: Any, say: str = "save_message") -> W.Button:
        b = W.Button(description=label.get(self.lang), layout=W.Layout(width="auto"))
        b.add_class(cls)
        b.on_click(lambda _b: self._clicked(action, say))
        return b

    def _clicked(self, action: Any, say: str) -> None:
        # A click's error is shown beside the control that made it, with the place to fix.
        try:
            action()
        except (CasekitError, OSError) as exc:
            getattr(self, say).value = f"<span style='color:#b00020'>⚠ {escape(str(exc))}</span>"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    @property
    def text(self) -> str:
        """The YAML as typed."""
        return self.draft.text

    @property
    def problems(self) -> list[Problem]:
        """Every problem of the text as typed (empty when it is a valid scenario)."""
        return self.draft.problems

    @property
    def scenario(self) -> Scenario | None:
        """The last valid scenario (after a save: as read back from the saved file), or ``None``."""
        return self.draft.scenario

    def set_text(self, text: str) -> None:
        """Validate ``text`` and show its problems (what the text box does after every change)."""
        self.draft.update(text)
        if self.textarea.value != text:
            self.textarea.value = text
        self.problems_box.value = views.problems_html(
            self.draft.problems, text, self.lang, notes=self.draft.notes
        )

    def copy_bundled(self, scenario_id: str | None = None) -> None:
        """Put a bundled scenario's YAML in the editor; the text it replaces can be brought back."""
        sid = scenario_id or self.picker.value
        if sid not in self._bundled:
            raise CasekitError(f"unknown bundled scenario {sid!r}; bundled: {', '.join(self._bundled)}")
        text = Path(str(self._bundled[sid].source)).read_text(encoding="utf-8")
        if self.draft.text.strip() and self.draft.text != text:
            self.previous_text = self.draft.text
            self.restore_button.layout.display = "inline-flex"
        self.set_text(text)

    def restore(self) -> None:
        """Bring back the text a copy replaced; the replaced text is kept, so a second call swaps back."""
        if self.previous_text is None:
            return
        text, self.previous_text = self.previous_text, self.draft.text
        self.set_text(text)

    def save(self, folder: str | os.PathLike[str] | None = None) -> Path:
        """Write the text as typed to ``folder/<id>.yaml`` and read the scenario back from it.

        Refused while the text has problems, and into casekit's own folders (the bundled
        scenarios are never overwritten).
        """
        where = self.folder.value.strip() if folder is None else os.fspath(folder)
        if not where:
            raise CasekitError("name a folder to save in / 저장할 폴더를 쓰세요")
        if not self.draft.valid or self.draft.scenario is None:
            n = len(self.draft.problems)
            raise CasekitError(
                f"the scenario has {n} problem(s): fix them before saving / 문제 {n}개를 먼저 고치세요"
            )
        from ..scenarios import load_scenario

        directory = Path(where)
        _refuse_bundled(directory)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{self.draft.scenario.id}.yaml"
        path.write_text(self.draft.text, encoding="utf-8")
        self.draft.scenario = load_scenario(path)
        self.saved = path
        self.save_message.value = "✓ " + escape(T(f"저장했습니다: {path}", f"Saved: {path}").get(self.lang))
        return path

    def preview(self, seeds: Sequence[int] = (0, 1, 2), *, seed: int = 0) -> ScenarioPreview:
        """The expert plays the scenario as typed; the policies are compared over ``seeds``."""
        if not self.draft.valid or self.draft.scenario is None:
            n = len(self.draft.problems)
            raise CasekitError(
                f"the scenario has {n} problem(s): fix them before the preview / 문제 {n}개를 먼저 고치세요"
            )
        p = preview_scenario(self.draft.scenario, seed=seed, seeds=seeds, lang=self.lang)
        self.last_preview = p
        self.preview_box.value = views.preview_html(p, self.lang)
        self.walkthrough_box.children = [p.walkthrough.widget]
        return p
