"""One case in progress: :class:`CaseSession` holds the world, the case and the clock.

Every driver moves a case the same way (ARCHITECTURE.md: one engine, many drivers):
:func:`~casekit.sim.run_case` asks a policy for a :class:`~casekit.sim.Decision` and calls
:meth:`CaseSession.decide`; the learner's walkthrough calls :meth:`CaseSession.act` once per
click and :meth:`CaseSession.pass_time` when the learner moves the clock on. Each action is
applied to the :class:`~casekit.domain.Case` (a refusal is counted as a rule violation naming
the stage and rule, and the case is left as it was) and the world takes in the new record
entries at once (an interview question reveals its facts straight away).

The session keeps a step log of plain JSON-ready dicts (``{"kind": "act", "day", "action"}``
and ``{"kind": "wait", "days"}``). The world is seeded, so :meth:`CaseSession.replay` rebuilds
exactly the same case and world from the scenario, the seed and the log: that is how a
learner's work is saved and resumed.

Examples
--------
>>> from casekit.scenarios import get_scenario
>>> s = CaseSession(get_scenario("learning-low-income"), seed=3)
>>> s.stage.value, s.day
('intake', 0)
>>> _ = s.act(Action("ask", {"question": "homework"}))
>>> sorted(s.observe().answers)
['homework']
>>> s.pass_time(7)
7
>>> again = CaseSession.replay(get_scenario("learning-low-income"), 3, s.steps)
>>> again.case.record == s.case.record, again.day
(True, 7)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from ..domain.case import Case
from ..domain.errors import CaseError, CasekitError
from ..domain.operating import CaseConference, SupervisionSession
from ..domain.records import RecordEntry
from ..domain.text import Text
from ..domain.vocabulary import GoalOutcome, Stage
from .observation import Action, Decision, Observation, QuestionInfo, StudentFacts
from .params import OutcomeParams
from .results import CaseResult, Violation, build_result
from .score import Score, score_case
from .world import World

if TYPE_CHECKING:
    from ..scenarios.model import Scenario

__all__ = ["CaseSession", "apply_action", "observe"]


class CaseSession:
    """A scenario's case, its hidden world and the day, moved on by actions and waits.

    Parameters
    ----------
    scenario
        The scenario to run.
    seed
        Seeds the world's generator (``numpy.random.default_rng(seed)``).
    params, overrides
        The outcome model's parameters: ``overrides`` beat the scenario file's
        ``parameters``, which beat ``params`` (defaults when ``None``).
    max_days
        When the clock would pass ``referral day + max_days`` the session closes the case as
        ``no_contact`` where the rules allow and marks it ``timed_out``.
    """

    def __init__(
        self,
        scenario: Scenario,
        seed: int = 0,
        *,
        params: OutcomeParams | None = None,
        overrides: Mapping[str, float] | None = None,
        max_days: int = 900,
    ) -> None:
        params = OutcomeParams.from_scenario(scenario, params)
        if overrides:
            params = params.replace(**overrides)
        self.scenario, self.seed, self.params, self.max_days = scenario, seed, params, max_days
        self.world = World(scenario, params, np.random.default_rng(seed))
        self.case: Case = scenario.new_case()
        self.start = self.day = self.case.day
        self.wakes = self.world.wake_days()
        self.violations: list[Violation] = []
        self.last_errors: tuple[tuple[str, str, str], ...] = ()
        self.timed_out = False
        self.steps: list[dict[str, Any]] = []
        self._errors: list[tuple[str, str, str]] = []
        self._result: CaseResult | None = None

    @classmethod
    def replay(
        cls, scenario: Scenario, seed: int, steps: Iterable[Mapping[str, Any]], **kwargs: Any
    ) -> CaseSession:
        """Rebuild a session from its step log (refused actions are refused again)."""
        session = cls(scenario, seed, **kwargs)
        for i, step in enumerate(steps):
            kind = step.get("kind")
            if kind == "act":
                raw = step["action"]
                try:
                    session.act(Action(raw["verb"], raw.get("args", {})))
                except (CasekitError, TypeError):
                    pass
            elif kind == "wait":
                session.pass_time(int(step["days"]))
            else:
                raise CasekitError(f"step {i}: unknown step kind {kind!r} (expected 'act' or 'wait')")
        return session

    # -- what the case manager can see ------------------------------------------------------

    @property
    def stage(self) -> Stage:
        """The case's stage now."""
        return self.case.stage

    @property
    def ended(self) -> bool:
        """Whether the case has ended (or the session was finished)."""
        return self.case.ended or self._result is not None

    def observe(self) -> Observation:
        """What the case manager can know today (never the truth or the expert key)."""
        return observe(self.scenario, self.case, self.world, self.day, self.last_errors)

    def next_day(self, wait_days: int) -> int:
        """The day the clock stops on after ``wait_days``: sooner if a crisis or disclosure comes."""
        return min([self.day + max(1, int(wait_days))] + [w for w in self.wakes if w > self.day])

    # -- moving the case on -------------------------------------------------------------------

    def act(self, action: Action) -> RecordEntry:
        """Apply one action today and let the world take it in.

        Raises
        ------
        CaseError
            The rules refuse it; the case is unchanged and the refusal is counted as a
            :class:`~casekit.sim.Violation`.
        """
        if self.ended:
            raise CaseError(self.stage, "case_ended", "사례가 이미 종료되었습니다.", "The case has already ended.")
        self.steps.append({"kind": "act", "day": self.day, "action": action.to_dict()})
        try:
            entry = apply_action(self.case, action, self.day, self.world)
        except (CasekitError, TypeError) as exc:
            stage = exc.stage.value if isinstance(exc, CaseError) and exc.stage else self.case.stage.value
            rule = exc.rule if isinstance(exc, CaseError) else "invalid_action"
            self.violations.append(Violation(self.day, action.verb, stage, rule))
            self._errors.append((action.verb, stage, rule))
            raise
        self.world.react(self.case)
        return entry

    def decide(self, decision: Decision) -> tuple[tuple[str, str, str], ...]:
        """Apply a policy's decision (refusals are counted, not raised), then pass its wait."""
        for action in decision.actions:
            try:
                self.act(action)
            except (CasekitError, TypeError):
                pass
            if self.case.ended:
                break
        errors = tuple(self._errors)
        self.pass_time(decision.wait_days)
        return errors

    def pass_time(self, wait_days: int) -> int:
        """Move the world on to :meth:`next_day` (day by day: services, events, crises); the new day."""
        if self.ended:
            return self.day
        self.steps.append({"kind": "wait", "days": max(1, int(wait_days))})
        self.last_errors, self._errors = tuple(self._errors), []
        nxt = self.next_day(wait_days)
        limit = self.start + self.max_days
        if nxt > limit:
            self.world.advance(self.case, limit)
            self.day, self.timed_out = limit, True
            _wrap_up(self.case, self.day)
            self.world.react(self.case)
            return self.day
        self.world.advance(self.case, nxt)
        self.day = nxt
        return self.day

    # -- scores and the end ------------------------------------------------------------------

    def score_now(self) -> Score:
        """The score of the record so far (the outcome as the needs stand today)."""
        return score_case(self.scenario, self.case, self.world, self.violations)

    def finish(self, name: str = "learner") -> CaseResult:
        """Run the world on to the outcome horizon and score the case (once; later calls return it)."""
        if self._result is None:
            end_day = max(self.day, self.case.day)
            horizon = self.start + int(self.params.horizon_days)
            self.world.advance(self.case, max(end_day, horizon))
            self.world.finish()
            self._result = build_result(
                self.scenario, name, self.seed, self.case, self.world, self.violations, self.timed_out
            )
        return self._result


def _wrap_up(case: Case, day: int) -> None:
    """Close a case the policy left open at ``max_days``, as far as the rules allow."""
    steps: list[tuple[str, dict[str, Any]]] = [("advance_to", {"stage": Stage.TERMINATION})]
    steps += [("evaluate_goal", {"goal_id": g, "outcome": GoalOutcome.NOT_ACHIEVED}) for g in case.goals]
    steps += [("close", {"reason": "no_contact", "summary": "기간 만료 / run timed out"}), ("end", {})]
    for verb, args in steps:
        if case.ended:
            return
        try:
            getattr(case, verb)(**args, day=day)
        except CasekitError:
            continue


def apply_action(case: Case, action: Action, day: int, world: World | None = None) -> RecordEntry:
    """Apply one action to ``case`` on ``day``; raises ``CaseError`` if the rules refuse it."""
    args = {k: v for k, v in action.args.items() if k not in ("day", "author")}
    verb = action.verb
    if verb == "hold_case_conference":
        names = tuple(Text(str(p), str(p)) for p in args.get("participants", ()))
        agenda = str(args.get("agenda", ""))
        decisions = tuple(Text(str(x), str(x)) for x in args.get("decisions", ()))
        return case.hold_case_conference(CaseConference(day, names, Text(agenda, agenda), decisions))
    if verb == "record_supervision":
        sup, guide = str(args.get("supervisor", "")), str(args.get("guidance", ""))
        topics = tuple(Text(str(t), str(t)) for t in args.get("topics", ()))
        return case.record_supervision(SupervisionSession(day, Text(sup, sup), topics, Text(guide, guide)))
    if verb == "follow_up":
        args["finding"] = world.follow_up_finding() if world is not None else args.get("finding", "stable")
    return getattr(case, verb)(**args, day=day)


def observe(
    scenario: Scenario, case: Case, world: World, day: int, last_errors: tuple[tuple[str, str, str], ...] = ()
) -> Observation:
    """What the case manager can know on ``day`` (never the truth or the expert key)."""
    c = scenario.client
    student = StudentFacts(
        c.id, c.name, c.age, c.school_level, c.grade, c.household_type, c.eligibility, c.interpreter_needed
    )
    questions = tuple(QuestionInfo(q.id, q.ask, q.domains, q.minutes) for q in scenario.interview)
    return Observation(
        day=day,
        stage=case.stage,
        ended=case.ended,
        state=case.state,
        record=case.record,
        referral=scenario.referral,
        student=student,
        resources=scenario.resources,
        questions=questions,
        answers=dict(world.answers),
        observed=dict(world.observed),
        no_shows=tuple(world.no_shows),
        refusals=tuple(world.refusals),
        followups=tuple((d, f.value) for d, f in case.state.followups),
        last_errors=last_errors,
        guardian_needed=c.needs_guardian_consent(case.rules.guardian_consent_age),
    )
