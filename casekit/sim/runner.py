"""The case runner: one scenario, one policy, one seed, from referral to the end of aftercare.

Each turn the world advances to the next decision day (daily dynamics, events, service
statuses), the policy observes and decides, each action is applied to the
:class:`~casekit.domain.Case` (an illegal one is caught as a rule violation naming the stage
and rule, and the run goes on), and the world reacts. The world calls the policy on the day
of a crisis or a disclosure. The run stops when the case ends or at ``max_days`` (then the
runner closes the case as ``no_contact`` where the rules allow and marks ``timed_out``);
the world then runs on to the outcome horizon (``OutcomeParams.horizon_days``).

Examples
--------
>>> from casekit.scenarios import get_scenario
>>> r = run_case(get_scenario("learning-low-income"), "expert", seed=1)
>>> r.stages[0], r.closed_reason, r.timed_out
(('intake', 0), 'goals_achieved', False)
>>> 0 <= r.score.total <= 100
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..domain.case import Case
from ..domain.errors import CaseError, CasekitError
from ..domain.operating import CaseConference, SupervisionSession
from ..domain.records import RecordEntry
from ..domain.text import Text
from ..domain.vocabulary import GoalOutcome, Stage
from .observation import Action, Observation, Policy, QuestionInfo, StudentFacts
from .params import OutcomeParams
from .score import Score, score_case
from .world import DOMAINS, World

if TYPE_CHECKING:
    import pandas as pd

    from ..scenarios.model import Scenario

__all__ = ["CaseResult", "Violation", "run_case", "policy_rng", "apply_action"]


@dataclass(frozen=True)
class Violation:
    """An action the case-management rules refused: when, what, at which stage, which rule."""

    day: int
    verb: str
    stage: str
    rule: str


@dataclass(frozen=True)
class CaseResult:
    """What one run produced (see :func:`run_case`)."""

    scenario: str
    policy: str
    seed: int
    stages: list[tuple[str, int]]
    record: tuple[RecordEntry, ...]
    needs: pd.DataFrame
    needs_before: dict[str, float]
    needs_after: dict[str, float]
    closed_reason: str | None
    violations: tuple[Violation, ...]
    score: Score
    timed_out: bool = False
    high_needs: tuple[str, ...] = ()

    @property
    def needs_reduction(self) -> float:
        """Mean fall in severity over the domains whose true need was 2 or more."""
        keys = self.high_needs or tuple(self.needs_before)
        return round(sum(self.needs_before[k] - self.needs_after[k] for k in keys) / len(keys), 3)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used by ``casekit simulate --json``."""
        return {
            "seed": self.seed,
            "stages": [{"stage": s, "day": d} for s, d in self.stages],
            "closed_reason": self.closed_reason,
            "needs_before": dict(self.needs_before),
            "needs_after": dict(self.needs_after),
            "score": {"total": self.score.total, **self.score.components},
        }


def policy_rng(seed: int) -> np.random.Generator:
    """The policy's own generator for ``seed`` (independent of the world's)."""
    return np.random.default_rng(np.random.SeedSequence(seed).spawn(1)[0])


def run_case(
    scenario: Scenario,
    policy: str | Policy,
    seed: int = 0,
    *,
    params: OutcomeParams | None = None,
    overrides: Mapping[str, float] | None = None,
    max_days: int = 900,
) -> CaseResult:
    """Run ``scenario`` with ``policy`` (a name in ``POLICIES`` or a policy object).

    The outcome model's parameters are, in order of precedence: ``overrides`` (an
    experiment's settings), the scenario file's ``parameters``, then ``params`` (defaults when
    ``None``). Deterministic for a seed: the world draws from ``numpy.random.default_rng(seed)``
    and a named policy from :func:`policy_rng`, so a policy that draws more numbers does not
    shift the world's noise.
    """
    from .policies import get_policy

    params = OutcomeParams.from_scenario(scenario, params)
    if overrides:
        params = params.replace(**overrides)
    name = policy if isinstance(policy, str) else type(policy).__name__
    if isinstance(policy, str):
        policy = get_policy(policy, policy_rng(seed), scenario=scenario)
    world = World(scenario, params, np.random.default_rng(seed))
    case = scenario.new_case()
    start = day = case.day
    wakes = world.wake_days()
    violations: list[Violation] = []
    last_errors: tuple[tuple[str, str, str], ...] = ()
    timed_out = False
    while not case.ended:
        decision = policy.decide(observe(scenario, case, world, day, last_errors))
        errors = []
        for action in decision.actions:
            try:
                apply_action(case, action, day, world)
            except (CasekitError, TypeError) as exc:
                stage = exc.stage.value if isinstance(exc, CaseError) and exc.stage else case.stage.value
                rule = exc.rule if isinstance(exc, CaseError) else "invalid_action"
                violations.append(Violation(day, action.verb, stage, rule))
                errors.append((action.verb, stage, rule))
            if case.ended:
                break
        last_errors = tuple(errors)
        world.react(case)
        if case.ended:
            break
        nxt = min([day + decision.wait_days] + [w for w in wakes if w > day])
        if nxt > start + max_days:
            world.advance(case, start + max_days)
            day, timed_out = start + max_days, True
            _wrap_up(case, day)
            world.react(case)
            break
        world.advance(case, nxt)
        day = nxt
    end_day = max(day, case.day)
    world.advance(case, max(end_day, start + int(params.horizon_days)))
    world.finish()
    return _result(scenario, name, seed, case, world, violations, timed_out)


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
    state = case.state
    followups = tuple((d, f.value) for d, f in state.followups)
    return Observation(
        day=day,
        stage=case.stage,
        ended=case.ended,
        state=state,
        record=case.record,
        referral=scenario.referral,
        student=student,
        resources=scenario.resources,
        questions=questions,
        answers=dict(world.answers),
        observed=dict(world.observed),
        no_shows=tuple(world.no_shows),
        refusals=tuple(world.refusals),
        followups=followups,
        last_errors=last_errors,
        guardian_needed=c.needs_guardian_consent(case.rules.guardian_consent_age),
    )


def _result(
    scenario: Scenario,
    name: str,
    seed: int,
    case: Case,
    world: World,
    violations: list[Violation],
    timed_out: bool,
) -> CaseResult:
    import pandas as pd

    start = scenario.referral.day
    frame = pd.DataFrame(
        np.round(np.array(world.trajectory), 4),
        columns=[d.value for d in DOMAINS],
        index=pd.RangeIndex(start, start + len(world.trajectory), name="day"),
    )
    before = {d.value: round(float(v), 2) for d, v in zip(DOMAINS, world.initial, strict=False)}
    after = {d.value: round(float(v), 2) for d, v in zip(DOMAINS, world.severity, strict=False)}
    closure = case.closure
    reason = closure["reason"].value if closure else None
    if reason is None:
        ends = [e for e in case.record if e.kind.value == "closure"]
        reason = ends[-1].fields["reason"].value if ends else None
    high = tuple(d.value for d in DOMAINS if scenario.truth.needs[d] >= 2)
    return CaseResult(
        scenario=scenario.id,
        policy=name,
        seed=seed,
        stages=[(s.value, d) for s, d in case.timeline()],
        record=case.record,
        needs=frame,
        needs_before=before,
        needs_after=after,
        closed_reason=reason,
        violations=tuple(violations),
        score=score_case(scenario, case, world, violations),
        timed_out=timed_out,
        high_needs=high,
    )
