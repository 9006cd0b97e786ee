"""The learner as a policy: :class:`LearnerSession`, the controller behind the walkthrough.

ARCHITECTURE.md: the interactive walkthrough is a policy whose decisions come from widgets.
A :class:`LearnerSession` takes one action at a time from the view (:meth:`~LearnerSession.do`,
:meth:`~LearnerSession.advance`, :meth:`~LearnerSession.wait`), applies it through the same
:class:`~casekit.sim.CaseSession` every other driver uses, and answers with an
:class:`Outcome` the view can show in place: the new record entries, what the simulated world
did (a service accepted, a waiting list, a no-show, a crisis), or why the rules refused it.

When the learner leaves a stage, the session computes that stage's
:class:`~casekit.teach.feedback.StageFeedback`; only then may the view show what the expert
did in the same stage (:meth:`~LearnerSession.expert_for`). With a
:class:`~casekit.store.Casebook`, every step is saved as it happens (autosave), and
:meth:`LearnerSession.start` continues the learner's unfinished session of a scenario after a
kernel restart: the steps are replayed through the same code, so the case, the world and the
feedback are exactly what they were.

Examples
--------
>>> from casekit.scenarios import get_scenario
>>> s = LearnerSession(get_scenario("learning-low-income"), seed=0)
>>> s.advance("assessment").errors[0].rule
'intake_recorded'
>>> s.do("ask", question="homework").ok
True
>>> s.do("refer", resource_id="homeroom").errors[0].rule
'stage_allows_action'
>>> len(s.engine.violations)
1
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..domain.describe import describe_entry
from ..domain.errors import CaseError, CasekitError, StoreError
from ..domain.records import RecordEntry
from ..domain.text import Text
from ..domain.vocabulary import Stage
from ..sim.observation import Action
from ..sim.session import CaseSession
from .feedback import StageFeedback, expert_choices, stage_feedback

if TYPE_CHECKING:
    from ..scenarios.model import Scenario
    from ..sim.results import CaseResult
    from ..store.casebook import Casebook

__all__ = ["LearnerSession", "Outcome"]


@dataclass(frozen=True)
class Outcome:
    """What one learner action did: new entries (the learner's and the world's) or the refusals."""

    ok: bool
    entries: tuple[RecordEntry, ...] = ()
    errors: tuple[CaseError, ...] = ()
    feedback: StageFeedback | None = None
    saved: bool = True
    save_error: str = ""

    @property
    def events(self) -> tuple[RecordEntry, ...]:
        """Entries the simulated world wrote (service statuses, crises, no-shows)."""
        return tuple(e for e in self.entries if e.by_world)

    def lines(self, lang: str = "ko", names: Mapping[str, str] | None = None) -> list[str]:
        """One line per entry (✎ the case manager's, 🌐 the world's) or refusal (✗ stage · rule)."""
        day = "일" if lang == "ko" else "d"
        out = [
            f"{'🌐' if e.by_world else '✎'} {e.day}{day} {describe_entry(e, lang, names)}" for e in self.entries
        ]
        for err in self.errors:
            where = err.stage.label(lang) if err.stage else ""
            out.append(f"✗ [{where} · {err.rule}] {err.message(lang)}")
        return out


@dataclass
class _Save:
    casebook: Casebook
    session_id: int
    lang: str = "ko"
    error: str = ""


@dataclass
class LearnerSession:
    """One learner's case: the engine, the feedback of each stage left, and the autosave.

    Parameters
    ----------
    scenario
        The scenario to practise.
    seed
        The simulated world's seed (the same seed gives the same world).
    learner
        The learner's name as entered (written as the author of every entry).
    """

    scenario: Scenario
    seed: int = 0
    learner: str = "learner"
    engine: CaseSession = field(init=False)
    feedback: dict[Stage, StageFeedback] = field(init=False, default_factory=dict)
    assisted_by: str | None = field(init=False, default=None)
    #: Steps read back from the casebook when this session continued a saved one.
    restored: int = field(init=False, default=0)
    _save: _Save | None = field(init=False, default=None)
    _expert: CaseResult | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.engine = CaseSession(self.scenario, self.seed)

    # -- starting, continuing, saving ---------------------------------------------------------

    @classmethod
    def start(
        cls,
        scenario: Scenario,
        *,
        learner: str,
        casebook: Casebook | None = None,
        seed: int = 0,
        lang: str = "ko",
        resume: bool = True,
    ) -> LearnerSession:
        """A session saved to ``casebook``: the learner's unfinished one of ``scenario`` if any
        (``resume``), else a new one with ``seed``."""
        if casebook is None:
            return cls(scenario, seed, learner)
        saved = casebook.latest_active_session(learner, scenario.id) if resume else None
        if saved is None:
            sid = casebook.add_session(learner, scenario.id, seed=seed, lang=lang, scenario_digest=_digest(scenario))
            session = cls(scenario, seed, learner)
        else:
            assisted = (saved.view_state or {}).get("assisted_by")
            session = cls.replay(scenario, saved.seed, learner, saved.step_dicts(), assisted_by=assisted)
            session.restored = len(session.engine.steps)
            sid = saved.id
        session._save = _Save(casebook, sid, lang)
        return session

    def save_to(self, casebook: Casebook, learner: str, *, lang: str = "ko") -> LearnerSession:
        """This work, saved to ``casebook`` from now on, under ``learner``'s name.

        With no step taken yet it is the learner's unfinished session of the scenario, if there
        is one. Otherwise a new saved session receives the steps already taken.
        """
        if not self.engine.steps:
            return LearnerSession.start(self.scenario, learner=learner, casebook=casebook, seed=self.seed, lang=lang)
        saved = LearnerSession.start(
            self.scenario, learner=learner, casebook=casebook, seed=self.seed, lang=lang, resume=False
        )
        for step in self.engine.steps:
            saved._apply_step(step)
        if self.assisted_by is not None:
            saved.mark_assisted(self.assisted_by)
        return saved

    def restart(self) -> LearnerSession:
        """A fresh start of the scenario; a saved session is marked abandoned and a new one begun."""
        if self._save is None:
            return LearnerSession(self.scenario, self.seed, self.learner)
        save = self._save
        save.casebook.update_session(save.session_id, status="abandoned")
        return LearnerSession.start(
            self.scenario, learner=self.learner, casebook=save.casebook, seed=self.seed, lang=save.lang, resume=False
        )

    @property
    def last_feedback(self) -> StageFeedback | None:
        """The feedback of the stage left most recently, if any."""
        done = [s for s in self.committed() if s in self.feedback]
        return self.feedback[done[-1]] if done else None

    @classmethod
    def replay(
        cls, scenario: Scenario, seed: int, learner: str, steps: Any, *, assisted_by: str | None = None
    ) -> LearnerSession:
        """Rebuild a session from saved steps (nothing is saved): the same case, world and feedback."""
        session = cls(scenario, seed, learner)
        for step in steps:
            session._apply_step(step)
        session.assisted_by = assisted_by
        return session

    def mark_assisted(self, policy: str) -> None:
        """Say that ``policy`` drove the controls for a while (the case file will say so too)."""
        self.assisted_by = policy
        if self._save is not None:
            try:
                self._save.casebook.update_session(self._save.session_id, view_state={"assisted_by": policy})
            except StoreError as exc:
                self._save.error = str(exc)

    @property
    def session_id(self) -> int | None:
        """The casebook session id, or ``None`` when nothing is saved."""
        return None if self._save is None else self._save.session_id

    def _apply_step(self, step: Mapping[str, Any]) -> Outcome:
        if step.get("kind") == "wait":
            return self.wait(int(step["days"]))
        raw = step["action"]
        if raw["verb"] == "advance_to":
            return self.advance(raw["args"]["stage"])
        return self.do(raw["verb"], **raw.get("args", {}))

    def _autosave(self, n_steps: int, n_entries: int, outcome: Outcome) -> Outcome:
        if self._save is None or len(self.engine.steps) == n_steps:
            return outcome
        save = self._save
        try:
            entries = [e.to_dict() for e in self.engine.case.record[n_entries:]]
            score = self.engine.score_now().to_dict()
            save.casebook.add_step(save.session_id, n_steps, self.engine.steps[n_steps], entries, score)
            if self.engine.case.ended:
                save.casebook.update_session(save.session_id, status="finished")
        except StoreError as exc:
            # The learner's work is still here in memory; the view says saving failed.
            save.error = str(exc)
            return Outcome(outcome.ok, outcome.entries, outcome.errors, outcome.feedback, False, str(exc))
        return outcome

    # -- what the view asks -----------------------------------------------------------------------

    @property
    def stage(self) -> Stage:
        """The case's stage now."""
        return self.engine.stage

    @property
    def day(self) -> int:
        """Days since the referral."""
        return self.engine.day

    @property
    def ended(self) -> bool:
        """Whether the case has ended."""
        return self.engine.case.ended

    def observe(self) -> Any:
        """What the case manager can know today (:class:`~casekit.sim.Observation`)."""
        return self.engine.observe()

    def next_stages(self) -> tuple[Stage, ...]:
        """The stages the case may move to from here."""
        return () if self.ended else self.engine.case.next_stages()

    def committed(self) -> list[Stage]:
        """Stages the learner has left (or finished, once the case ended), first visit order."""
        seen: list[Stage] = []
        timeline = self.engine.case.timeline()
        left = timeline if self.ended else timeline[:-1]
        for stage, _ in left:
            if stage not in seen:
                seen.append(stage)
        return seen

    def names(self, lang: str = "ko") -> dict[str, str]:
        """Display names of resources, household members and interview questions, by id."""
        out = {r.id: r.name.get(lang) for r in self.scenario.resources}
        out.update({m.id: m.name.get(lang) for m in self.scenario.client.household})
        out.update({q.id: q.ask.get(lang) for q in self.scenario.interview})
        return out

    # -- the learner's actions -------------------------------------------------------------------

    def act(self, verb: str, **args: Any) -> Outcome:
        """:meth:`advance` for ``advance_to``, :meth:`wait` for ``wait``, else :meth:`do`."""
        if verb == "advance_to":
            return self.advance(args["stage"])
        if verb == "wait":
            return self.wait(args["days"])
        return self.do(verb, **args)

    def feedback_on(self, stage: Stage | str) -> StageFeedback:
        """The feedback given when ``stage`` was left, or the feedback so far for the current stage."""
        stage = Stage.parse(stage)
        return self.feedback.get(stage) or stage_feedback(self.engine, stage)

    def do(self, verb: str, **args: Any) -> Outcome:
        """Apply one action today (a :class:`~casekit.sim.Action` verb and its arguments)."""
        n_steps, n_entries = len(self.engine.steps), len(self.engine.case.record)
        leaving = self.stage
        try:
            self.engine.act(Action(verb, args))
        except CaseError as exc:
            return self._autosave(n_steps, n_entries, Outcome(False, errors=(exc,)))
        except (CasekitError, TypeError) as exc:
            error = CaseError(self.stage, "invalid_action", f"입력값을 확인하세요: {exc}", f"Check the entries: {exc}")
            return self._autosave(n_steps, n_entries, Outcome(False, errors=(error,)))
        new = self.engine.case.record[n_entries:]
        fb = None
        if self.ended:
            fb = self.feedback[self.stage] = stage_feedback(self.engine, self.stage)
        elif self.stage is not leaving:  # reopen moves aftercare -> reassessment
            fb = self.feedback[leaving] = stage_feedback(self.engine, leaving)
        return self._autosave(n_steps, n_entries, Outcome(True, tuple(new), feedback=fb))

    def advance(self, stage: Stage | str) -> Outcome:
        """Move the case to ``stage``; what is missing comes back without counting as a violation."""
        target = Stage.parse(stage)
        missing = self.engine.case.missing_for(target)
        if missing:
            return Outcome(False, errors=tuple(missing))
        leaving = self.stage
        n_steps, n_entries = len(self.engine.steps), len(self.engine.case.record)
        try:
            self.engine.act(Action("advance_to", {"stage": target.value}))
        except CaseError as exc:
            return self._autosave(n_steps, n_entries, Outcome(False, errors=(exc,)))
        fb = self.feedback[leaving] = stage_feedback(self.engine, leaving)
        return self._autosave(n_steps, n_entries, Outcome(True, tuple(self.engine.case.record[n_entries:]), feedback=fb))

    def wait(self, days: int) -> Outcome:
        """Let time pass (at most ``days``; the clock stops early when a crisis or disclosure comes)."""
        if int(days) < 1:
            error = CaseError(self.stage, "invalid_action", "기간은 1일 이상이어야 합니다.", "Wait at least one day.")
            return Outcome(False, errors=(error,))
        n_steps, n_entries = len(self.engine.steps), len(self.engine.case.record)
        self.engine.pass_time(int(days))
        return self._autosave(n_steps, n_entries, Outcome(True, tuple(self.engine.case.record[n_entries:])))

    # -- feedback, the expert and the result ------------------------------------------------------

    def expert(self) -> CaseResult:
        """The expert policy's run of the same scenario and seed (computed once)."""
        if self._expert is None:
            from ..sim.runner import run_case

            self._expert = run_case(self.scenario, "expert", self.seed)
        return self._expert

    def expert_for(self, stage: Stage | str) -> list[RecordEntry] | None:
        """The expert's entries in ``stage``, or ``None`` while the learner has not committed it."""
        stage = Stage.parse(stage)
        if stage not in self.committed():
            return None
        return expert_choices(self.expert(), stage)

    def expert_rationale(self, stage: Stage | str) -> Text | None:
        """The scenario author's reason for the expert's choice in ``stage`` (after it is committed)."""
        stage = Stage.parse(stage)
        if stage not in self.committed():
            return None
        key = self.scenario.expert.stage(stage)
        return getattr(key, "rationale", None)

    def result(self) -> CaseResult:
        """The scored result: final once the case has ended, else as if it stopped today."""
        if self.ended:
            return self.engine.finish("learner")
        copy = CaseSession.replay(self.scenario, self.seed, self.engine.steps)
        return copy.finish("learner")

    def case_file(self, created: str | None = None) -> dict[str, Any]:
        """The sealed JSON case file (``casekit.teach.casefile``) with every stage's feedback."""
        from .casefile import case_file_from_result

        feedback = [self.feedback[s].to_dict() for s in self.committed() if s in self.feedback]
        return case_file_from_result(
            self.result(),
            self.scenario,
            learner=self.learner,
            policy="learner" if self.assisted_by is None else f"learner+{self.assisted_by}",
            feedback=feedback,
            steps=list(self.engine.steps),
            created=created,
        )



def _digest(scenario: Scenario) -> str | None:
    import hashlib

    if scenario.source is None:
        return None
    try:
        with open(scenario.source, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()[:16]
    except OSError:
        return None
