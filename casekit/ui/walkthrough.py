"""The learner's walkthrough: a thin ipywidgets view over a :class:`~casekit.teach.LearnerSession`.

A stage bar shows the done, current and remaining stages; one panel per stage holds the
forms of that stage (:mod:`casekit.ui.panels`); a crisis box appears when a crisis comes;
the clock moves on only when the learner says so; the ecomap, the services, the events and
the case file re-render from the session after every action. After each stage the feedback
appears, and the expert's choice for that stage can be opened.

Examples
--------
>>> from casekit.scenarios import get_scenario
>>> w = Walkthrough(get_scenario("learning-low-income"), seed=0)
>>> w.form("ask").fill({"question": "homework"}); w.form("ask").button.click()
>>> w.session.engine.case.record[-1].kind.value
'interview'
>>> w.form("advance_to").button.click()  # not ready: the stage's rules say what is missing
>>> "intake_recorded" in w.nav_advance.message.value
True
>>> w.play("expert")
>>> w.session.ended, w.session.stage.value
(True, 'aftercare')
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as W

from ..domain.describe import describe_entry
from ..domain.errors import CasekitError, StoreError
from ..domain.text import check_lang
from ..domain.vocabulary import Stage
from ..sim.observation import Action
from ..teach.learner import LearnerSession, Outcome
from . import views
from .fields import ChoiceField, IntField, TextField
from .forms import ActionForm
from .panels import PANEL_BUILDERS, T

if TYPE_CHECKING:
    from ..scenarios.model import Scenario
    from ..store.casebook import Casebook

__all__ = ["Walkthrough"]


class Walkthrough:
    """Walk one scenario's case from intake to aftercare.

    Parameters
    ----------
    scenario
        A :class:`~casekit.scenarios.Scenario` or a bundled scenario id.
    lang
        ``"ko"`` (default) or ``"en"``; the toggle at the top switches it.
    seed
        The simulated world's seed.
    learner
        The learner's name: with it the work is saved to the casebook after every action,
        and an unfinished session of the same scenario is continued.
    casebook
        Where to save (default: ``Casebook()`` at ``$CASEKIT_HOME`` when ``learner`` is given).
    save_dir
        Folder for the saved case files (default ``$CASEKIT_HOME/casefiles``, i.e.
        ``~/.casekit/casefiles``: learner data stays on the learner's machine).
    demo
        Show a button that lets the expert finish the case through the same controls (an
        instructor's demonstration; the case file then says the expert helped).
    save_name
        File stem of the saved case file (an exercise uses the assignment's name); default
        ``<learner>-<scenario id>``.
    """

    def __init__(
        self,
        scenario: Scenario | str,
        lang: str = "ko",
        *,
        seed: int = 0,
        learner: str | None = None,
        casebook: Casebook | None = None,
        save_dir: str | Path | None = None,
        demo: bool = False,
        save_name: str | None = None,
    ) -> None:
        if isinstance(scenario, str):
            from ..scenarios import get_scenario

            scenario = get_scenario(scenario)
        self.scenario, self.lang, self.seed = scenario, check_lang(lang), seed
        if save_dir is None:
            from ..store.connection import default_casebook_path

            save_dir = default_casebook_path().parent / "casefiles"
        self.save_dir = Path(save_dir)
        self.demo, self.save_name = demo, save_name
        self._casebook = casebook
        self.session = LearnerSession(scenario, seed, learner or "learner")
        self.panels = _Panels(self)
        self.nav_advance = ActionForm("advance_to", T("다음 단계로", "Move to the next stage"), T("단계 이동", "Move"),
                                      [ChoiceField("stage", T("갈 단계", "Stage"), _next_stages)])
        self.nav_wait = ActionForm("wait", T("시간 보내기", "Let time pass"), T("시간 보내기", "Wait"),
                                   [IntField("days", T("며칠 (위기가 오면 그날 멈춤)", "Days (stops early when a crisis comes)"), 1, 900, 7)],
                                   help=T("서비스는 시간이 지나야 진행됩니다. 점검은 약 3주마다 하세요.", "Services move on only as time passes; monitor about every three weeks."))
        self.nav_advance.submit = self.nav_wait.submit = self._submit
        self._events: list[Any] = []
        self._feedback: Any = None
        self._ecomap_key: Any = None
        self._labelled: str | None = None
        self._playing = False
        self._ecomap_pending = False
        self._build()
        if learner:
            self.start_saving(learner)
        self.refresh()

    # -- layout ------------------------------------------------------------------------------

    def _all_forms(self) -> list[ActionForm]:
        return [f for forms in self.panels.values() for f in forms] + [self.nav_advance, self.nav_wait]

    def _build(self) -> None:
        self.title = W.HTML()
        self.lang_toggle = W.ToggleButtons(options=[("한국어", "ko"), ("English", "en")], value=self.lang)
        self.lang_toggle.add_class("ck-lang")
        self.lang_toggle.observe(lambda c: self.set_lang(c["new"]), "value")
        self.learner_box = TextField("learner", T("이름 (저장하려면)", "Your name (to save your work)"))
        self.learner_button = W.Button(description="", button_style="info", layout=W.Layout(width="auto"))
        self.learner_button.add_class("ck-start-saving")
        self.learner_button.on_click(lambda _b: self._start_saving_clicked())
        self.save_status = W.HTML()
        self.save_status.add_class("ck-save-status")
        self.resume_box = W.HTML()
        self.restart_button = W.Button(description="", layout=W.Layout(width="auto", display="none"))
        self.restart_button.add_class("ck-restart")
        self.restart_button.on_click(lambda _b: self.restart())
        self.stage_bar = W.HTML()
        self.stage_bar.add_class("ck-stagebar-widget")
        self.student = W.HTML()
        self.answers = W.HTML()
        self.stage_forms = W.VBox()
        self.crisis_title = W.HTML()
        self.crisis_forms = W.VBox([f.widget for f in self.panels["crisis"]])
        self.crisis_box = W.VBox([self.crisis_title, self.crisis_forms], layout=W.Layout(display="none", border="2px solid #c62828", padding="4px"))
        self.crisis_box.add_class("ck-crisis")
        self.extra = W.Accordion(children=[W.VBox([f.widget for f in self.panels["always"]])])
        self.ecomap = W.Image(format="png", layout=W.Layout(max_width="480px"))
        self.ecomap.add_class("ck-ecomap")
        self.ecomap_button = W.Button(description="", layout=W.Layout(width="auto"))
        self.ecomap_button.on_click(lambda _b: self._draw_ecomap(force=True))
        self.services = W.HTML()
        self.events = W.HTML()
        self.events.add_class("ck-events-widget")
        self.feedback = W.HTML()
        self.feedback.add_class("ck-feedback-widget")
        self.expert_stage = W.Dropdown(options=[])
        self.expert_button = W.Button(description="", layout=W.Layout(width="auto"))
        self.expert_button.add_class("ck-show-expert")
        self.expert_button.on_click(lambda _b: self._show_expert())
        self.expert = W.HTML()
        self.record = W.HTML()
        self.save_button = W.Button(description="", button_style="success", layout=W.Layout(width="auto"))
        self.save_button.add_class("ck-save-casefile")
        self.save_button.on_click(lambda _b: self._save_clicked())
        self.save_message = W.HTML()
        self.save_message.add_class("ck-save-message")
        self.demo_button = W.Button(
            description="", button_style="warning", layout=W.Layout(width="auto", display="inline-flex" if self.demo else "none")
        )
        self.demo_button.add_class("ck-demo-expert")
        self.demo_button.on_click(lambda _b: self.play("expert"))
        self.summary = W.HTML()
        self.summary.add_class("ck-summary-widget")
        self.casefile = W.Accordion(children=[self.record])
        self.casefile.add_class("ck-casefile")
        left = W.VBox([self.student, self.answers, self.crisis_box, self.stage_forms, self.nav_advance.widget, self.nav_wait.widget, self.extra],
                      layout=W.Layout(width="58%"))
        right = W.VBox([self.ecomap_button, self.ecomap, self.services, self.events], layout=W.Layout(width="42%"))
        self.widget = W.VBox([
            W.HBox([self.title, self.lang_toggle]),
            W.HBox([self.learner_box.box, self.learner_button, self.save_status]),
            W.HBox([self.resume_box, self.restart_button, self.demo_button]),
            self.stage_bar, self.summary, self.feedback,
            W.HBox([self.expert_stage, self.expert_button]), self.expert,
            W.HBox([left, right]), self.casefile, W.HBox([self.save_button, self.save_message]),
        ])
        self.widget.add_class("ck-walkthrough")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    # -- language ------------------------------------------------------------------------------

    def set_lang(self, lang: str) -> None:
        """Switch every label to ``lang`` (``"ko"`` or ``"en"``)."""
        self.lang = check_lang(lang)
        if self.lang_toggle.value != lang:
            self.lang_toggle.value = lang
        self.refresh()

    def _labels(self) -> None:
        lang = self.lang
        if self._labelled == lang:
            return
        self._labelled = lang
        for form in self._all_forms():
            form.relabel(lang)
        self.learner_box.relabel(lang)
        self.title.value = f"<h2 style='margin:4px 0'>{escape(self.scenario.title.get(lang))}</h2>"
        self.learner_button.description = T("저장 시작", "Start saving").get(lang)
        self.restart_button.description = T("처음부터 새로", "Start over").get(lang)
        self.crisis_title.value = f"<h3 style='color:#c62828'>{T('위기 대응', 'Crisis response').get(lang)}</h3>"
        self.extra.set_title(0, T("과정 기록 (메모)", "Process note").get(lang))
        self.ecomap_button.description = T("생태도 그리기", "Draw the ecomap").get(lang)
        self.expert_button.description = T("전문가의 선택 보기", "Show the expert's choices").get(lang)
        self.save_button.description = T("사례 기록 저장 (JSON·HTML)", "Save the case file (JSON, HTML)").get(lang)
        self.demo_button.description = T("▶ 전문가에게 맡기기 (시연)", "▶ Let the expert finish (demonstration)").get(lang)
        self.casefile.set_title(0, T("사례 기록", "Case file").get(lang))

    # -- the loop: a click, the session, a re-render ---------------------------------------------

    def form(self, verb: str, where: str | None = None) -> ActionForm:
        """The form for ``verb`` on the current stage's panel (or ``where``: a stage code, ``crisis``, ``always``)."""
        if verb == "advance_to":
            return self.nav_advance
        if verb == "wait":
            return self.nav_wait
        places = [where] if where else [self.session.stage.value, "crisis", "always"]
        for place in places:
            for f in self.panels[place]:
                if f.verb == verb:
                    return f
        raise CasekitError(f"no control for {verb!r} at stage {self.session.stage.value}")

    def act(self, verb: str, *, echo: bool = False, **args: Any) -> Outcome:
        """Do one action in code (as a notebook exercise does) and re-render; ``echo`` prints its lines."""
        out = self.session.act(verb, **args)
        self._absorb(out)
        self.refresh()
        if echo:
            print("\n".join(out.lines(self.lang, self.session.names(self.lang))))
        return out

    def _submit(self, form: ActionForm, args: dict[str, Any]) -> None:
        if form.verb == "advance_to":
            out = self.session.advance(args["stage"])
        elif form.verb == "wait":
            out = self.session.wait(args["days"])
        else:
            out = self.session.do(form.verb, **args)
        self._say(form, out)
        self._absorb(out)
        self.refresh()

    def _absorb(self, out: Outcome) -> None:
        """Keep what an outcome brings for the views: the world's events, the newest feedback, a failed save."""
        self._events.extend(out.events)
        if out.feedback is not None:
            self._feedback = out.feedback
        if not out.saved:
            self.save_status.value = f"<span style='color:#b00020'>⚠ {escape(T('저장하지 못했습니다', 'Not saved').get(self.lang))}: {escape(out.save_error)}</span>"

    def _say(self, form: ActionForm, out: Outcome) -> None:
        """The form's answer under its button: the entry written, or each refusal with stage and rule."""
        lang = self.lang
        if out.ok:
            mine = [e for e in out.entries if not e.by_world]
            if mine:
                text = f"#{mine[-1].seq} {describe_entry(mine[-1], lang, self.session.names(lang))}"
            else:
                text = T(f"{self.session.day}일째입니다.", f"It is now day {self.session.day}.").get(lang)
            form.say("✓ " + escape(text), "ok")
        else:
            lines = [f"[{e.stage.label(lang) if e.stage else ''} · {e.rule}] {escape(e.message(lang))}" for e in out.errors]
            form.say("<br>".join(lines), "error")

    def refresh(self) -> None:
        """Re-render everything from the session."""
        s, lang = self.session, self.lang
        self._labels()
        stage = s.stage.value
        self.stage_bar.value = views.stage_bar(s, lang)
        self.student.value = views.student_card(s, lang)
        # The interview's answers are what the learner rates needs from.
        self.answers.value = views.answers_html(s, lang) if stage in ("intake", "assessment", "reassessment") else ""
        self.stage_forms.children = [] if s.ended else [f.widget for f in self.panels[stage]]
        for f in [*self.panels[stage], *self.panels["crisis"], *self.panels["always"], self.nav_advance, self.nav_wait]:
            f.refresh(s)
        open_crisis = any(c.intervened_day is None for c in s.engine.case.crises.values())
        self.crisis_box.layout.display = "flex" if s.engine.case.crises and not s.ended else "none"
        if open_crisis:
            self.crisis_title.value = f"<h3 style='color:#c62828'>⚠ {T('위기가 발생했습니다: 대응 기간 안에 개입하세요', 'A crisis has come: intervene within its window').get(lang)}</h3>"
        else:
            self.crisis_title.value = f"<h3 style='color:#c62828'>{T('위기 대응', 'Crisis response').get(lang)}</h3>"
        # Practice skills are recorded during service provision and monitoring only (the rules).
        implementing = stage in (Stage.SERVICE_PROVISION.value, Stage.MONITORING.value)
        for f in self.panels["crisis"]:
            if f.verb == "use_skill":
                f.widget.layout.display = "flex" if implementing else "none"
        # At aftercare the case goes back only by reopening, which carries its reason (the reopen form).
        hide_nav = s.ended or not s.next_stages() or s.stage is Stage.AFTERCARE
        self.nav_advance.widget.layout.display = "none" if hide_nav else "flex"
        self.nav_wait.widget.layout.display = "none" if s.ended else "flex"
        self.demo_button.disabled = s.ended
        self.services.value = views.services_html(s, lang)
        self.events.value = views.events_html(self._events[-12:], s, lang)
        self.feedback.value = views.feedback_html(self._feedback, lang) if self._feedback else ""
        done = s.committed()
        self.expert_stage.options = [(st.label(lang), st.value) for st in done]
        if done and self.expert_stage.value not in {st.value for st in done}:
            self.expert_stage.value = done[-1].value
        self.expert_button.disabled = not done
        self.record.value = views.record_html(s, lang)
        self.summary.value = views.summary_html(s.result(), lang) if s.ended else ""
        if (s.stage is not Stage.INTAKE or s.ended) and not self._playing:
            self._schedule_ecomap()

    def _schedule_ecomap(self) -> None:
        """Redraw the ecomap after the click has been answered when a kernel's event loop runs
        (a redraw takes ~0.2 s; the form's answer should not wait for it), else at once."""
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._draw_ecomap()
            return
        if not self._ecomap_pending:
            self._ecomap_pending = True
            loop.call_soon(self._draw_ecomap_later)

    def _draw_ecomap_later(self) -> None:
        self._ecomap_pending = False
        self._draw_ecomap()

    def _draw_ecomap(self, force: bool = False) -> None:
        key = (tuple(self.session.engine.case.ties()), self.lang)
        if force or key != self._ecomap_key:
            self._ecomap_key = key
            self.ecomap.value = views.ecomap_png(self.session, self.lang)

    def _show_expert(self) -> None:
        if self.expert_stage.value:
            self.expert.value = views.expert_html(self.session, Stage.parse(self.expert_stage.value), self.lang)

    # -- the instructor's demonstration and the tests' driver ------------------------------------

    def drive(self, action: Action) -> None:
        """Do ``action`` through its form: fill the fields, click the button."""
        self._click(self.form(action.verb), dict(action.args))

    def _click(self, form: ActionForm, args: Mapping[str, Any]) -> None:
        form.refresh(self.session)
        form.fill(args)
        form.button.click()

    def play(self, policy: str = "expert", *, until: Stage | str | None = None, max_decisions: int = 2000) -> None:
        """Let a built-in policy drive the controls ("watch an expert").

        It plays to the end of the case, or stops as soon as the case reaches stage ``until``
        (so a notebook can hand the learner a case ready for planning, say).
        """
        stop = None if until is None else Stage.parse(until)
        from ..sim.policies import get_policy
        from ..sim.runner import policy_rng

        agent = get_policy(policy, policy_rng(self.seed), scenario=self.scenario)
        self.session.mark_assisted(policy)
        # The ecomap is drawn once at the end, not after every click of the demonstration.
        self._playing = True
        try:
            for _ in range(max_decisions):
                if self.session.ended or self.session.engine.timed_out or self.session.stage is stop:
                    break
                decision = agent.decide(self.session.observe())
                for action in decision.actions:
                    self.drive(action)
                    if self.session.ended or self.session.stage is stop:
                        break
                if not self.session.ended and self.session.stage is not stop:
                    self._click(self.nav_wait, {"days": decision.wait_days})
        finally:
            self._playing = False
            self.refresh()

    # -- saving -------------------------------------------------------------------------------

    def start_saving(self, learner: str) -> None:
        """Save this learner's work to the casebook from now on; continue their unfinished session."""
        from ..store import Casebook

        learner = learner.strip()
        if not learner:
            return
        self._casebook = self._casebook or Casebook()
        try:
            self.session = self.session.save_to(self._casebook, learner, lang=self.lang)
        except StoreError as exc:
            self.save_status.value = f"<span style='color:#b00020'>⚠ {escape(str(exc))}</span>"
            return
        self.learner_box.fill(learner)
        steps = self.session.restored
        if steps:
            self.resume_box.value = T(f"이어서 합니다: 저장된 {steps}개 단계를 불러왔습니다.", f"Continuing where you left off: {steps} saved steps restored.").get(self.lang)
            self.restart_button.layout.display = "inline-flex"
            self._feedback = self.session.last_feedback
        self.save_status.value = "✓ " + escape(T(f"자동 저장 중: {learner}", f"Autosaving: {learner}").get(self.lang))
        self.refresh()

    def _start_saving_clicked(self) -> None:
        self.start_saving(self.learner_box.widget.value)

    def restart(self) -> None:
        """Abandon the saved session and start the scenario again (a new saved session)."""
        self.session = self.session.restart()
        self.panels = _Panels(self)
        self._events, self._feedback, self._ecomap_key, self._labelled = [], None, None, None
        self.resume_box.value = ""
        self.restart_button.layout.display = "none"
        self.crisis_forms.children = [f.widget for f in self.panels["crisis"]]
        self.extra.children = [W.VBox([f.widget for f in self.panels["always"]])]
        self.refresh()

    def save(self, folder: str | Path | None = None) -> dict[str, Path]:
        """Write the case file as JSON (sealed, checksummed) and printable HTML; their paths."""
        from ..store.casefile import file_stem, write_case_file
        from ..viz.casefile_html import render_case_file_html

        folder = Path(folder) if folder is not None else self.save_dir
        folder.mkdir(parents=True, exist_ok=True)
        created = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
        doc = self.session.case_file(created=created)
        stem = self.save_name or f"{file_stem(self.session.learner)}-{self.scenario.id}"
        json_path = write_case_file(doc, folder / f"{stem}.case.json")
        html_path = folder / f"{stem}.case.html"
        html_path.write_text(render_case_file_html(doc, lang=self.lang, scenario=self.scenario), encoding="utf-8")
        return {"json": Path(json_path), "html": html_path}

    def _save_clicked(self) -> None:
        try:
            paths = self.save()
        except (OSError, CasekitError) as exc:
            self.save_message.value = f"<span style='color:#b00020'>⚠ {escape(str(exc))}</span>"
            return
        self.save_message.value = "✓ " + " · ".join(f"<code>{escape(str(p))}</code>" for p in paths.values())

    def state(self) -> Mapping[str, Any]:
        """A summary for tests and the class report: stage, day, entries, violations."""
        e = self.session.engine
        return {"stage": e.stage.value, "day": e.day, "entries": len(e.case.record), "violations": len(e.violations),
                "ended": e.case.ended, "steps": json.loads(json.dumps(e.steps))}


class _Panels(dict):
    """The forms of each panel, built the first time the panel is needed (a fresh walkthrough
    shows intake only, so it does not pay for the other stages' widgets up front)."""

    def __init__(self, owner: Walkthrough) -> None:
        super().__init__()
        self.owner = owner

    def __missing__(self, name: str) -> list[ActionForm]:
        forms = PANEL_BUILDERS[name]()
        for form in forms:
            form.submit = self.owner._submit
            form.relabel(self.owner.lang)
        self[name] = forms
        return forms


def _next_stages(ctx: Any, lang: str) -> list[tuple[str, str]]:
    return [(s.label(lang), s.value) for s in ctx.next_stages()]
