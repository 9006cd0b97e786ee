"""Every direct and indirect skill moves the simulated world in its documented direction."""

from __future__ import annotations

import numpy as np
import pytest

from casekit.domain import ServiceStatus, Stage
from casekit.scenarios import get_scenario
from casekit.sim import OutcomeParams, World


def ready(scenario_id: str, seed: int = 0, **params: float):
    """A case at service provision (consents given, every domain rated) and a fresh world."""
    s = get_scenario(scenario_id)
    case = s.new_case()
    case.record_intake(household="h", housing="h", income="i", health="h", other_services="o")
    case.decide_to_open(True)
    for purpose in ("services", "information_sharing", "sensitive_information"):
        case.record_consent(purpose)
    if s.client.needs_guardian_consent():
        case.record_consent("guardian")
    case.advance_to(Stage.ASSESSMENT)
    case.rate_needs({d.value: int(v) for d, v in s.truth.needs.items()})
    case.set_risk_level("caution")
    case.advance_to(Stage.PLANNING)
    case.set_goal("g", "psychological", "d", "m", 90, ["wee_class"])
    case.advance_to(Stage.SERVICE_PROVISION)
    world = World(s, OutcomeParams().replace(**params), np.random.default_rng(seed))
    world.react(case)
    return s, case, world


DIRECT_ENGAGEMENT = ["counselling", "collaboration", "self_advocacy"]


@pytest.mark.parametrize("skill", DIRECT_ENGAGEMENT)
def test_motivational_skills_raise_engagement(skill):
    _, case, world = ready("income-loss-midcase")
    _, _case0, world0 = ready("income-loss-midcase")
    case.use_skill(skill)
    world.react(case)
    assert world.engagement > world0.engagement


def test_information_raises_uptake_and_addresses_barriers():
    _, case, world = ready("income-loss-midcase")
    _, _, world0 = ready("income-loss-midcase")
    before = world.attendance_probability()
    case.use_skill("information")
    world.react(case)
    assert world.attendance_probability() > before
    assert world.barrier_addressed and not world0.barrier_addressed


def test_collaboration_stops_the_barrier_drain():
    _, case, world = ready("income-loss-midcase")
    _, case0, world0 = ready("income-loss-midcase")
    case.use_skill("collaboration")
    world.react(case)
    boost = world.engagement - world0.engagement
    world.advance(case, 40)
    world0.advance(case0, 40)
    assert world.engagement - world0.engagement > boost


def test_education_training_lowers_relapse():
    _, case, world = ready("income-loss-midcase")
    before = world.relapse_probability()
    case.use_skill("education_training")
    world.react(case)
    assert world.relapse_probability() < before


def test_linking_speeds_the_answer():
    _, case, world = ready("income-loss-midcase")
    _, case0, world0 = ready("income-loss-midcase")
    case.use_skill("linking", resource_id="hope_team")
    for c, w in ((case, world), (case0, world0)):
        c.refer("hope_team")
        w.react(c)
    assert world.services["hope_team"].due < world0.services["hope_team"].due


def test_coordination_shortens_the_wait():
    _, case, world = ready("income-loss-midcase")
    _, case0, world0 = ready("income-loss-midcase")
    case.use_skill("coordination", resource_id="youth_center")
    for c, w in ((case, world), (case0, world0)):
        c.refer("youth_center")
        w.react(c)
        w.advance(c, 10)
    assert world.services["youth_center"].due < world0.services["youth_center"].due


def test_advocacy_overcomes_ineligibility():
    _, case, world = ready("grandmother-bereavement", advocacy_accept=1.0)
    _, case0, world0 = ready("grandmother-bereavement", advocacy_accept=1.0)
    case.use_skill("advocacy", resource_id="dream_start")
    for c, w in ((case, world), (case0, world0)):
        c.refer("dream_start")
        w.react(c)
        w.advance(c, 10)
    assert case0.services["dream_start"].status is ServiceStatus.REJECTED
    assert case.services["dream_start"].status is not ServiceStatus.REJECTED


def test_resource_development_opens_a_place():
    _, case, world = ready("learning-low-income", development_chance=1.0)
    _, case0, world0 = ready("learning-low-income", development_chance=1.0)
    for c, w in ((case, world), (case0, world0)):
        w.full.add("childrens_center")
        c.refer("childrens_center")
        w.react(c)
        w.advance(c, 6)
        assert c.services["childrens_center"].status is ServiceStatus.WAITING
    case.use_skill("resource_development", resource_id="childrens_center")
    world.react(case)
    assert world.services["childrens_center"].due < world0.services["childrens_center"].due


def test_crisis_intervention_with_a_rapid_link_stabilises():
    results = {}
    for respond in (True, False):
        _, case, world = ready("income-loss-midcase")
        world.advance(case, 40)
        cid = next(iter(case.crises))
        if respond:
            case.intervene_in_crisis(cid, ["safety check"])
        case.refer("admin_welfare")
        world.react(case)
        world.advance(case, 50)
        results[respond] = world.severity[0]  # economic
        assert world.crises[0].outcome == ("stabilised" if respond else "partial")
    assert results[True] < results[False]


def test_missed_crisis_escalates():
    _, case, world = ready("income-loss-midcase")
    world.advance(case, 40)
    at_crisis = world.severity[0]
    world.advance(case, 49)
    assert world.crises[0].outcome == "escalated"
    assert world.severity[0] > at_crisis
