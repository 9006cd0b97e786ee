"""Property: no sequence of actions leaves a case inconsistent.

Each action either succeeds and appends to the record, or raises ``CaseError`` and leaves
state and record untouched; whatever happened, replaying the record rebuilds the same state,
and the stages visited follow the process's transitions.
"""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings, target
from hypothesis import strategies as st

from casekit.domain import (
    TRANSITIONS,
    Case,
    CaseError,
    ClosureReason,
    ConsentPurpose,
    CrisisType,
    FollowUpFinding,
    GoalOutcome,
    NeedDomain,
    RecordKind,
    RiskLevel,
    ServiceStatus,
    Skill,
    Stage,
)

from .case_factory import ALL_RATED, INTAKE_FIELDS, finish, make_case

RESOURCES = [
    "homeroom",
    "after_school",
    "children_center",
    "admin_center",
    "cpa",
    "hospital",
    "dream_start",
    "nowhere",
]
GOALS = ["g1", "g2"]
day_step = st.integers(min_value=-1, max_value=20)


class CheckedCase(Case):
    """A case that checks, at every single commit, that a refused action changes nothing."""

    def _commit(self, *args, **kwargs):
        before_state, before_record = self.state, self.record
        try:
            return super()._commit(*args, **kwargs)
        except CaseError:
            assert self.state == before_state
            assert self.record == before_record
            raise


actions = st.one_of(
    st.tuples(st.just("progress"), st.integers(0, 2)),
    st.tuples(st.just("advance"), st.sampled_from(list(Stage)), st.sampled_from(["", "relapse"])),
    st.tuples(st.just("intake"), st.booleans()),
    st.tuples(st.just("open"), st.booleans(), st.sampled_from([None, *ClosureReason])),
    st.tuples(st.just("consent"), st.sampled_from(list(ConsentPurpose)), st.booleans()),
    st.tuples(st.just("rate"), st.sampled_from([ALL_RATED, {"educational": 2}, {"safety": 7}])),
    st.tuples(st.just("risk"), st.sampled_from(list(RiskLevel))),
    st.tuples(
        st.just("goal"),
        st.sampled_from(GOALS),
        st.sampled_from(list(NeedDomain)),
        st.lists(st.sampled_from(RESOURCES), max_size=2),
        st.integers(-5, 120),
    ),
    st.tuples(st.just("drop"), st.sampled_from(GOALS)),
    st.tuples(st.just("refer"), st.sampled_from(RESOURCES), st.booleans(), st.sampled_from([None, *GOALS])),
    st.tuples(
        st.just("status"),
        st.sampled_from(RESOURCES),
        st.sampled_from(list(ServiceStatus)),
        st.sampled_from(["", "full"]),
    ),
    st.tuples(st.just("skill"), st.sampled_from(list(Skill)), st.sampled_from([None, *RESOURCES])),
    st.tuples(st.just("crisis"), st.sampled_from(list(CrisisType)), st.integers(0, 10)),
    st.tuples(st.just("intervene"), st.sampled_from(["crisis-1", "crisis-2"])),
    st.tuples(st.just("report"), st.sampled_from(["crisis-1", "crisis-2"]), st.sampled_from(RESOURCES)),
    st.tuples(st.just("monitor"), st.sampled_from(GOALS), st.integers(-10, 110)),
    st.tuples(st.just("evaluate"), st.sampled_from(GOALS), st.sampled_from(list(GoalOutcome))),
    st.tuples(st.just("close"), st.sampled_from(list(ClosureReason))),
    st.tuples(st.just("follow"), st.sampled_from(list(FollowUpFinding))),
    st.tuples(st.just("end")),
    st.tuples(st.just("tie"), st.sampled_from(["mother", "homeroom", "stranger"]), st.booleans()),
    st.tuples(st.just("ask"), st.sampled_from(["q1", "q2", ""])),
)


def perform(case: Case, action: tuple, day: int) -> None:
    name, *a = action
    if name == "progress":  # do the stage's work as a practitioner would, then move on
        finish(case, case.stage)
        options = TRANSITIONS[case.stage]
        case.advance_to(
            options[a[0] % len(options)], reason="follow-up found a relapse", day=max(day, case.day)
        )
    elif name == "advance":
        case.advance_to(a[0], reason=a[1], day=day)
    elif name == "intake":
        case.record_intake(day=day, **(INTAKE_FIELDS if a[0] else {"household": "?"}))
    elif name == "open":
        case.decide_to_open(a[0], a[1], day=day)
    elif name == "consent":
        case.record_consent(a[0], a[1], day=day)
    elif name == "rate":
        case.rate_needs(a[0], day=day)
    elif name == "risk":
        case.set_risk_level(a[0], day=day)
    elif name == "goal":
        case.set_goal(a[0], a[1], "goal", "measure", day + a[3], a[2], day=day)
    elif name == "drop":
        case.drop_goal(a[0], day=day)
    elif name == "refer":
        case.refer(a[0], emergency=a[1], goal_id=a[2], day=day)
    elif name == "status":
        case.update_service(a[0], a[1], a[2], day=day)
    elif name == "skill":
        case.use_skill(a[0], resource_id=a[1], day=day)
    elif name == "crisis":
        case.record_crisis(a[0], window_days=a[1], day=day)
    elif name == "intervene":
        case.intervene_in_crisis(a[0], ["safety check"], day=day)
    elif name == "report":
        case.report(a[0], a[1], day=day)
    elif name == "monitor":
        case.monitor({a[0]: a[1]}, day=day)
    elif name == "evaluate":
        case.evaluate_goal(a[0], a[1], day=day)
    elif name == "close":
        case.close(a[0], "summary", day=day)
    elif name == "follow":
        case.follow_up(a[0], day=day)
    elif name == "end":
        case.end(day=day)
    elif name == "tie":
        case.record_tie(a[0], stressful=a[1], day=day)
    elif name == "ask":
        case.ask(a[0], "answer", day=day)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(actions, day_step), min_size=1, max_size=60), st.sampled_from([12, 15]))
def test_random_actions_never_corrupt_a_case(steps, age):
    case = make_case(age=age, cls=CheckedCase)
    for action, step in steps:
        before_state, before_record = case.state, case.record
        try:
            perform(case, action, case.day + step)
        except CaseError:
            if action[0] != "progress":  # a composite action may have done part of its work
                assert case.state == before_state
                assert case.record == before_record
        else:
            if action[0] != "progress":
                assert case.record[:-1] == before_record and len(case.record) == len(before_record) + 1
    target(float(len(case.timeline())), label="stages visited")
    # the state is derived from the record
    again = Case.replay(
        case.client, case.manager, case.directory.values(), [e.to_dict() for e in case.record]
    )
    assert again.state == case.state
    # stages follow the process
    stages = [s for s, _ in case.timeline()]
    assert stages[0] is Stage.INTAKE
    assert all(b in TRANSITIONS[a] for a, b in itertools.pairwise(stages))
    days = [e.day for e in case.record]
    assert days == sorted(days)
    if case.ended:
        assert case.record[-1].kind is RecordKind.CASE_END


def test_progress_action_reaches_the_end():
    """The generator's progress action can carry a case through every stage (not vacuous)."""
    case = make_case(cls=CheckedCase)
    for _ in range(9):
        if not case.ended and case.stage is not Stage.AFTERCARE:
            perform(case, ("progress", 2), case.day + 1)
    finish(case, Stage.AFTERCARE)
    case.end()
    assert {s for s, _ in case.timeline()} == set(Stage) - {Stage.REASSESSMENT} and case.ended
