"""Each bundled scenario's expert key is a legal way through the case-management process.

This drives the domain ``Case`` with the expert's decisions from the scenario file, stage by
stage, so a key that breaks a rule of practice (a missing guardian consent, a link without
consent to share information, a goal without a resource) fails here with the rule's name.
"""

from __future__ import annotations

import pytest

from casekit.domain import Case, ConsentPurpose, GoalOutcome, Relation, Stage
from casekit.scenarios import bundled_scenarios
from casekit.scenarios.model import EventKind, Scenario


def walk_expert_key(s: Scenario) -> Case:
    key, case = s.expert, s.new_case()
    for qid in key.intake.questions:
        q = s.question(qid)
        case.ask(q.id, q.reveals.ko, domains=q.domains, minutes=q.minutes)
    case.record_intake(
        household=s.client.household_type.ko,
        housing="(면접 기록)",
        income="(면접 기록)",
        health="(면접 기록)",
        other_services="(면접 기록)",
    )
    case.set_risk_level(key.intake.risk_level)
    if not key.intake.open_case:
        for purpose in key.intake.consents:
            case.record_consent(purpose)
        case.decide_to_open(False, key.termination.closure_reason, referred_to=key.intake.referred_to)
        case.advance_to(Stage.TERMINATION)
        case.close(key.termination.closure_reason, key.termination.rationale.ko)
        case.end()
        return case
    case.decide_to_open(True)
    for purpose in key.intake.consents:
        case.record_consent(purpose)
    case.advance_to(Stage.ASSESSMENT, day=case.day + 3)
    case.rate_needs(dict(key.assessment.needs))
    for strength in s.truth.strengths:
        case.note_strength(strength.ko)
    case.advance_to(Stage.PLANNING, day=case.day + 7)
    for g in key.planning.goals:
        case.set_goal(
            g.id,
            g.domain,
            g.description.ko,
            g.measure.ko,
            g.by_day,
            g.resources,
            responsible=g.responsible.ko,
            frequency=g.frequency.ko,
        )
    case.advance_to(Stage.SERVICE_PROVISION, day=case.day + 5)
    for g in key.planning.goals:
        for rid in g.resources:
            if rid not in case.services or not case.services[rid].active:
                case.refer(rid, goal_id=g.id)
    for skill in key.service_provision.skills:
        if skill.value != "crisis_intervention":
            case.use_skill(skill, resource_id=next(iter(case.services)))
    case.advance_to(Stage.MONITORING)
    for event in s.events:
        if event.kind is EventKind.CRISIS:
            cid = case.record_crisis(
                event.crisis, window_days=event.response_window_days, day=max(case.day, event.day)
            )
            case.intervene_in_crisis(cid, ["expert response"], day=case.day + key.crisis.respond_within_days)
            for rid in key.crisis.resources:
                if rid not in case.services or not case.services[rid].active:
                    case.refer(rid)
            assert case.crises[cid].responded_in_window
    case.monitor({gid: 80 for gid in case.goals}, day=case.day + key.monitoring.every_days)
    case.advance_to(Stage.TERMINATION, day=case.day + 1)
    for gid in case.goals:
        case.evaluate_goal(gid, GoalOutcome.ACHIEVED)
    case.close(key.termination.closure_reason, key.termination.rationale.ko)
    closed = case.day
    case.advance_to(Stage.AFTERCARE)
    for offset in key.aftercare.followup_days:
        case.follow_up("stable", day=closed + offset)
    case.end()
    return case


@pytest.mark.parametrize("scenario", bundled_scenarios(), ids=lambda s: s.id)
def test_expert_key_walks_the_whole_process(scenario):
    case = walk_expert_key(scenario)
    assert case.ended
    if scenario.truth.open_case:
        assert [s for s, _ in case.timeline()][-1] is Stage.AFTERCARE
        assert case.ratings == dict(scenario.truth.needs)
    else:
        assert [s for s, _ in case.timeline()] == [Stage.INTAKE, Stage.TERMINATION]
        assert case.state.not_opened_reason is scenario.truth.not_opened_reason
    if scenario.client.needs_guardian_consent():
        assert case.has_consent(ConsentPurpose.GUARDIAN)


@pytest.mark.parametrize("scenario", bundled_scenarios(), ids=lambda s: s.id)
def test_new_case_starts_with_referral_and_first_ecomap(scenario):
    case = scenario.new_case()
    assert case.stage is Stage.INTAKE and len(case.record) == 1
    assert case.record[0].fields["source"] == scenario.referral.source
    informal = {t.target for t in case.ties() if t.relation is Relation.INFORMAL}
    assert informal == {t.target for t in scenario.ties if t.relation is Relation.INFORMAL}
