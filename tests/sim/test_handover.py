"""A case that should not be opened: the world serves a handed-over family, the expert hands over
warmly, and the score rewards the handover over opening the case or a cold "not eligible".
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from casekit.domain import ClosureReason, ServiceStatus, Stage
from casekit.scenarios import bundled_scenarios, get_scenario
from casekit.sim import ExpertPolicy, OutcomeParams, World, run_case
from casekit.sim.observation import Action

SID = "family-needs-hope-team"
ECONOMIC, WELFARE, PSYCHOLOGICAL = 0, 5, 2  # columns of the severity vector (vocabulary order)


def handed_over(consents=("information_sharing", "guardian"), referred_to="hope_team", end=True, **params):
    """A case closed at intake with ``referred_to`` after ``consents``, and its world (no noise)."""
    s = get_scenario(SID)
    case = s.new_case()
    case.record_intake(household="h", housing="h", income="i", health="h", other_services="o")
    for purpose in consents:
        case.record_consent(purpose)
    reason = "transferred" if referred_to else "not_eligible"
    case.decide_to_open(False, reason, referred_to=referred_to)
    if end:
        case.advance_to(Stage.TERMINATION)
        case.close(reason)
        case.end()
    world = World(s, OutcomeParams().replace(noise_sd=0, **params), np.random.default_rng(0))
    world.react(case)
    return case, world


# -- the world ----------------------------------------------------------------------------------


def test_a_warm_handover_is_answered_fast_and_served_by_the_agency():
    case, world = handed_over(transfer_uptake_warm=1.0)
    s = world.services["hope_team"]
    assert (s.transfer, s.warm, s.due) == (True, True, 1)  # linking_accept_days
    world.advance(case, 365)
    # accepted on day 1, first service after the 15-day wait, 75 days of service
    assert (s.status, s.started) == (ServiceStatus.DONE, 15)
    unmet, served = 14 * 0.004, 75 * 0.035 * 0.6  # drift while waiting; rate x transfer engagement
    assert world.severity[ECONOMIC] == pytest.approx(3 + unmet - served)
    assert world.severity[WELFARE] == pytest.approx(2 + unmet - served)
    assert world.severity[PSYCHOLOGICAL] == pytest.approx(1.0)  # the Hope team does not serve it
    assert world.relapse_p is None and world.relapse_day is None  # nothing done here could relapse


def test_a_handover_without_consent_is_slower_and_may_never_be_taken_up():
    case, world = handed_over(consents=(), transfer_uptake_cold=0.0)
    s = world.services["hope_team"]
    assert (s.warm, s.due) == (False, 4)  # accept_days
    world.advance(case, 365)
    assert s.status is ServiceStatus.CANCELLED  # three missed first appointments
    assert world.severity[ECONOMIC] == 4.0  # unmet needs drifted to the top


def test_a_cold_not_eligible_leaves_the_family_with_nothing():
    case, world = handed_over(consents=(), referred_to=None)
    world.advance(case, 365)
    assert world.services == {}
    assert world.severity[ECONOMIC] == 4.0
    assert world.severity[WELFARE] == pytest.approx(2 + 365 * 0.004)


def test_a_handover_to_an_agency_that_does_not_admit_the_student_is_rejected():
    case, world = handed_over(referred_to="dream_start")  # ages 0-12; Hayun is 16
    world.advance(case, 30)
    assert world.services["dream_start"].status is ServiceStatus.REJECTED


def test_the_agency_keeps_its_own_record_even_while_the_case_is_open():
    case, world = handed_over(end=False, transfer_uptake_warm=1.0)
    world.advance(case, 40)  # the school's case is still at intake; nothing is written to it
    assert world.services["hope_team"].status is ServiceStatus.IN_PROGRESS
    assert case.services == {} and not any(e.kind.value == "service_status" for e in case.record)


# -- the expert ---------------------------------------------------------------------------------


def _decision(result):
    return next(e for e in result.record if e.kind.value == "eligibility")


def test_expert_hands_over_warmly_as_the_key_says():
    r = run_case(get_scenario(SID), "expert", 0)
    assert r.stages == [("intake", 0), ("termination", 2)]
    assert (r.closed_reason, r.violations, r.timed_out) == ("transferred", (), False)
    decision = _decision(r)
    assert dict(decision.fields) == {"open": False, "reason": "transferred", "referred_to": "hope_team"}
    consents = [e.fields["purpose"] for e in r.record if e.kind.value == "consent" and e.seq < decision.seq]
    assert consents == ["information_sharing", "sensitive_information", "guardian"]


def test_expert_without_key_hands_over_to_the_agency_serving_most_needs():
    # economic 3 and welfare 2 are the only needs of 2 or more: both the welfare center and the
    # Hope team serve them, and the welfare center answers sooner (5 days against 15)
    r = run_case(get_scenario(SID), ExpertPolicy(None), 0)
    expected = {"open": False, "reason": "transferred", "referred_to": "admin_welfare"}
    assert dict(_decision(r).fields) == expected
    assert r.violations == ()


@pytest.mark.parametrize(
    "scenario", [s for s in bundled_scenarios() if s.truth.open_case], ids=lambda s: s.id
)
def test_expert_without_key_still_opens_a_student_s_own_case(scenario):
    r = run_case(scenario, ExpertPolicy(None), 0)
    assert r.stages[1][0] == "assessment"


# -- the score ----------------------------------------------------------------------------------


class _Variant(ExpertPolicy):
    """The expert, but with another way of not opening the case."""

    def __init__(self, how: str) -> None:
        super().__init__(get_scenario(SID).expert)
        self.how = how

    def _hand_over(self, obs):
        acts = super()._hand_over(obs)
        if self.how == "no_consent":
            return [a for a in acts if a.verb != "record_consent"]
        return [
            Action("decide_to_open", {"open_case": False, "reason": "not_eligible"}),
            Action("advance_to", {"stage": "termination"}),
            Action("close", {"reason": "not_eligible"}),
            Action("end"),
        ]


def _opening_expert() -> ExpertPolicy:
    """The expert, but opening the case itself and working it as a school case."""
    key = get_scenario(SID).expert
    intake = dataclasses.replace(key.intake, open_case=True, referred_to=None)
    closing = dataclasses.replace(key.termination, closure_reason=ClosureReason.GOALS_ACHIEVED)
    return ExpertPolicy(dataclasses.replace(key, intake=intake, termination=closing))


def test_the_expert_s_handover_scores_full_marks_but_the_outcome():
    parts = dict(run_case(get_scenario(SID), "expert", 0).score.components)
    assert parts.pop("outcome") > 90
    assert parts == {"process": 100, "assessment": 100, "plan_fit": 100, "crisis": 100, "aftercare": 100}


def test_a_handover_without_consent_loses_the_warm_points():
    parts = run_case(get_scenario(SID), _Variant("no_consent"), 0).score.components
    assert (parts["process"], parts["plan_fit"], parts["aftercare"]) == (90, 100, 50)


def test_a_cold_not_eligible_loses_the_reason_the_handover_and_the_outcome():
    parts = run_case(get_scenario(SID), _Variant("cold"), 0).score.components
    assert (parts["process"], parts["assessment"], parts["plan_fit"], parts["aftercare"]) == (60, 100, 0, 0)
    assert parts["outcome"] == 0


def test_opening_the_case_halves_process_assessment_and_plan_fit():
    r = run_case(get_scenario(SID), _opening_expert(), 0)
    assert r.stages[1] == ("assessment", 2)
    # the expert's own work would score full marks on these for a case that should be opened
    assert (r.score.components["assessment"], r.score.components["plan_fit"]) == (50, 50)


def test_the_warm_handover_beats_every_other_way():
    s, seeds = get_scenario(SID), range(20)

    def mean(policy_factory):
        return np.mean([run_case(s, policy_factory(), seed).score.total for seed in seeds])

    warm = mean(lambda: "expert")
    others = {
        "no_consent": mean(lambda: _Variant("no_consent")),
        "open_ourselves": mean(_opening_expert),
        "cold": mean(lambda: _Variant("cold")),
        "naive": mean(lambda: "naive"),
        "random": mean(lambda: "random"),
    }
    assert warm > 95
    assert warm > others["no_consent"] > others["open_ourselves"] > others["cold"] > others["naive"]
    assert others["naive"] > others["random"]


def test_a_handover_is_explained_as_a_handover():
    score = run_case(get_scenario(SID), "expert", 0).score
    assert score.handover
    assert score.explain("en")["plan_fit"] == (
        "Referral fit: the receiving agency serves the needs of 2 or more and admits the student (100/100)"
    )
    assert not run_case(get_scenario(SID), _opening_expert(), 0).score.handover
