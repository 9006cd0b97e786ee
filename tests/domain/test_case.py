"""Every transition and every rule of the case-management process (casekit.domain.rules)."""

from __future__ import annotations

import itertools

import pytest

from casekit.domain import (
    TRANSITIONS,
    Case,
    CaseError,
    ConsentPurpose,
    NeedDomain,
    RecordKind,
    Relation,
    ServiceStatus,
    Stage,
    TieStrength,
)

from .case_factory import ALL_RATED, INTAKE_FIELDS, PATH, finish, make_case, walk_to

S = Stage


def assert_refused(case: Case, rule: str, action, *args, **kwargs) -> CaseError:
    """The action raises CaseError for ``rule`` and leaves the case exactly as it was."""
    before_state, before_record = case.state, case.record
    with pytest.raises(CaseError) as info:
        action(*args, **kwargs)
    assert info.value.rule == rule, str(info.value)
    assert case.state == before_state
    assert case.record == before_record
    return info.value


def test_transitions_are_exactly_the_architecture():
    assert TRANSITIONS == {
        S.INTAKE: (S.ASSESSMENT, S.TERMINATION),
        S.ASSESSMENT: (S.PLANNING,),
        S.PLANNING: (S.SERVICE_PROVISION,),
        S.SERVICE_PROVISION: (S.MONITORING,),
        S.MONITORING: (S.SERVICE_PROVISION, S.REASSESSMENT, S.TERMINATION),
        S.REASSESSMENT: (S.PLANNING, S.TERMINATION),
        S.TERMINATION: (S.AFTERCARE,),
        S.AFTERCARE: (S.REASSESSMENT,),
    }


def _at(stage: Stage) -> Case:
    if stage is S.REASSESSMENT:
        case = walk_to(make_case(), S.MONITORING)
        finish(case, S.MONITORING)
        case.advance_to(S.REASSESSMENT)
        return case
    return walk_to(make_case(), stage)


@pytest.mark.parametrize(
    ("source", "target"),
    [(a, b) for a, b in itertools.product(Stage, Stage) if b not in TRANSITIONS[a]],
    ids=lambda s: s.value,
)
def test_every_illegal_transition_is_refused(source, target):
    case = _at(source)
    finish(case, source)
    err = assert_refused(case, "transition", case.advance_to, target)
    assert source.value in str(err) and target.value in str(err)


@pytest.mark.parametrize(
    ("source", "target"), [(a, b) for a in Stage for b in TRANSITIONS[a]], ids=lambda s: s.value
)
def test_every_legal_transition_works_once_its_stage_is_done(source, target):
    case = _at(source)
    if (source, target) == (S.INTAKE, S.TERMINATION):
        case.record_intake(**INTAKE_FIELDS)
        case.decide_to_open(False, "transferred", referred_to="admin_center")
        case.advance_to(target)
    elif source is S.AFTERCARE:
        case.reopen("attendance dropped again")
    else:
        finish(case, source)
        case.advance_to(target)
    assert case.stage is target
    assert case.timeline()[-1] == (target, case.day)


def test_main_path_to_the_end_and_timeline():
    case = walk_to(make_case(), S.AFTERCARE)
    finish(case, S.AFTERCARE)
    case.end()
    assert case.ended
    assert [s for s, _ in case.timeline()] == PATH
    assert case.record[-1].kind is RecordKind.CASE_END
    assert_refused(case, "case_ended", case.add_note, "late note")
    assert case.next_stages() == ()


# -- intake ------------------------------------------------------------------------------------


def test_intake_gate_lists_every_missing_step(case):
    assert [e.rule for e in case.missing_for(S.ASSESSMENT)] == [
        "intake_recorded",
        "case_opened",
        "consent_to_services",
        "guardian_consent",
    ]


def test_intake_record_needs_its_fields(case):
    err = assert_refused(
        case, "intake_fields", case.record_intake, household="mother", housing="", income="low"
    )
    assert "housing" in str(err) and "health" in str(err) and "other_services" in str(err)


def test_consent_to_services_is_needed_before_assessment(case):
    case.record_intake(**INTAKE_FIELDS)
    case.decide_to_open(True)
    case.record_consent(ConsentPurpose.GUARDIAN)
    assert_refused(case, "consent_to_services", case.advance_to, S.ASSESSMENT)


def test_guardian_consent_under_14_only():
    young = make_case(age=12)
    for c in (young,):
        c.record_intake(**INTAKE_FIELDS)
        c.decide_to_open(True)
        c.record_consent("services")
    assert_refused(young, "guardian_consent", young.advance_to, S.ASSESSMENT)
    older = make_case(age=15)
    older.record_intake(**INTAKE_FIELDS)
    older.decide_to_open(True)
    older.record_consent("services")
    older.advance_to(S.ASSESSMENT)
    assert older.stage is S.ASSESSMENT


def test_guardian_consent_is_given_by_a_guardian(case):
    assert_refused(case, "guardian_consent_by_guardian", case.record_consent, "guardian", given_by="student")


def test_not_opened_needs_decision_and_reason(case):
    case.record_intake(**INTAKE_FIELDS)
    assert_refused(case, "not_opened_decision", case.advance_to, S.TERMINATION)
    assert_refused(case, "not_opened_reason", case.decide_to_open, False)
    assert_refused(case, "not_opened_reason", case.decide_to_open, False, "goals_achieved")
    case.decide_to_open(False, "not_eligible")
    assert_refused(case, "case_opened", case.advance_to, S.ASSESSMENT)
    case.advance_to(S.TERMINATION)
    assert_refused(case, "closure_matches_decision", case.close, "transferred")
    case.close("not_eligible", "needs are met by the family; no case opened")
    assert_refused(case, "aftercare_required", case.advance_to, S.AFTERCARE)
    case.end()
    assert case.ended and case.opened is False


def test_question_asked_once(case):
    case.ask("q1", "lives with mother")
    assert_refused(case, "question_asked_once", case.ask, "q1")


# -- assessment and planning -------------------------------------------------------------------


def test_assessment_covers_every_domain_and_risk_level():
    case = walk_to(make_case(), S.ASSESSMENT)
    case.rate_needs({"educational": 3, "economic": 2})
    err = assert_refused(case, "assessment_covers_every_domain", case.advance_to, S.PLANNING)
    assert "safety" in str(err) and "educational" not in err.en
    case.rate_needs(ALL_RATED)
    assert_refused(case, "risk_level_set", case.advance_to, S.PLANNING)
    case.set_risk_level("alert")
    case.advance_to(S.PLANNING)


def test_ratings_are_checked():
    case = walk_to(make_case(), S.ASSESSMENT)
    assert_refused(case, "severity_range", case.rate_needs, {"educational": 5})
    assert_refused(case, "known_code", case.rate_needs, {"econmic": 2})


def test_planning_needs_a_goal_with_a_resource():
    case = walk_to(make_case(), S.PLANNING)
    case.set_goal("g1", "educational", "read at grade level", "reading test", case.day + 60)
    assert_refused(case, "goal_with_resource", case.advance_to, S.SERVICE_PROVISION)
    assert_refused(case, "goal_deadline", case.set_goal, "g2", "economic", "x", "y", case.day)
    assert_refused(
        case, "known_resource", case.set_goal, "g2", "economic", "x", "y", case.day + 5, ["nowhere"]
    )
    case.set_goal("g1", "educational", "read at grade level", "reading test", case.day + 60, ["after_school"])
    case.advance_to(S.SERVICE_PROVISION)
    assert case.goals["g1"].resources == ("after_school",)


def test_drop_goal():
    case = walk_to(make_case(), S.PLANNING)
    case.set_goal("g1", "educational", "a", "b", 90, ["homeroom"])
    case.drop_goal("g1")
    assert case.goals == {}
    assert_refused(case, "known_goal", case.drop_goal, "g1")


# -- linking, services and practice -------------------------------------------------------------


def test_linking_out_of_school_needs_information_sharing_consent():
    case = make_case(age=15)
    case.record_intake(**INTAKE_FIELDS)
    case.decide_to_open(True)
    case.record_consent("services")
    case.advance_to(S.ASSESSMENT)
    finish(case, S.ASSESSMENT)
    case.advance_to(S.PLANNING)
    case.set_goal("g1", "economic", "apply for support", "application made", 60, ["admin_center"])
    assert_refused(case, "information_sharing_consent", case.refer, "admin_center")
    case.refer("homeroom")  # in school: no data leaves the school
    case.record_consent("information_sharing")
    case.refer("admin_center", goal_id="g1")
    assert set(case.services) == {"homeroom", "admin_center"}


def test_link_only_in_the_implementation_stages_or_a_crisis():
    case = walk_to(make_case(), S.ASSESSMENT)
    assert_refused(case, "stage_allows_action", case.refer, "homeroom")
    case.record_crisis("income_loss", window_days=7)
    case.refer("admin_center")  # rapid linking inside the crisis window
    assert_refused(case, "already_linked", case.refer, "admin_center")


def test_withdrawn_consent_stops_linking_and_direct_practice():
    case = walk_to(make_case(), S.SERVICE_PROVISION)
    case.record_consent("services", granted=False)
    assert_refused(case, "consent_to_services", case.refer, "homeroom")
    assert_refused(case, "consent_to_services", case.use_skill, "counselling")


def test_emergency_link_only_in_a_danger_crisis(case):
    assert_refused(case, "stage_allows_action", case.refer, "hospital", emergency=True)
    case.record_crisis("income_loss")
    assert_refused(case, "emergency_exception", case.refer, "hospital", emergency=True)
    cid = case.record_crisis("self_harm_risk", window_days=1)
    case.refer("hospital", emergency=True, note="same-day hospital link")
    case.intervene_in_crisis(cid, ["safety check", "109 line information"])
    crisis = case.crises[cid]
    assert crisis.response_days == 0 and crisis.responded_in_window
    assert case.services["hospital"].emergency


def test_service_status_moves_and_ties_grow():
    case = walk_to(make_case(), S.SERVICE_PROVISION)
    assert not [t for t in case.ties() if t.relation is Relation.LINK]
    case.refer("after_school", goal_id="g1")
    link = {t.target: t for t in case.ties() if t.relation is Relation.LINK}
    assert link["after_school"].strength is TieStrength.TENUOUS
    assert_refused(case, "service_transition", case.update_service, "after_school", "done")
    case.update_service("after_school", "accepted")
    case.update_service("after_school", "in_progress")
    link = {t.target: t for t in case.ties() if t.relation is Relation.LINK}
    assert link["after_school"].strength is TieStrength.STRONG
    case.update_service("after_school", "done")
    assert case.services["after_school"].status is ServiceStatus.DONE
    assert_refused(case, "known_service", case.update_service, "homeroom", "accepted")


def test_rejection_needs_a_reason_and_allows_relinking():
    case = walk_to(make_case(), S.SERVICE_PROVISION)
    case.refer("children_center")
    assert_refused(case, "rejection_reason", case.update_service, "children_center", "rejected")
    case.update_service("children_center", "rejected", "no places this term")
    assert "children_center" not in {t.target for t in case.ties() if t.relation is Relation.LINK}
    case.refer("children_center", day=case.day + 30)
    assert case.services["children_center"].status is ServiceStatus.REFERRED


def test_practice_skills_by_kind_and_stage():
    case = walk_to(make_case(), S.PLANNING)
    assert_refused(case, "stage_allows_action", case.use_skill, "counselling")
    case.use_skill("coordination", resource_id="homeroom")
    assert_refused(case, "resource_named", case.use_skill, "advocacy")
    case.use_skill("resource_development", note="asked a local bakery to sponsor meals")
    finish(case, S.PLANNING)
    case.advance_to(S.SERVICE_PROVISION)
    for skill in ("education_training", "collaboration", "counselling", "information", "self_advocacy"):
        case.use_skill(skill)
    assert_refused(case, "skill_kind", case.use_skill, "crisis_intervention")


# -- crises ------------------------------------------------------------------------------------


def test_crisis_at_any_open_stage_without_changing_it():
    case = walk_to(make_case(), S.AFTERCARE)
    cid = case.record_crisis("bereavement", window_days=3, day=case.day + 5)
    case.intervene_in_crisis(cid, ["grief counselling"], day=case.day + 4)
    assert case.stage is S.AFTERCARE
    assert case.crises[cid].response_days == 4 and not case.crises[cid].responded_in_window
    assert_refused(case, "known_crisis", case.intervene_in_crisis, "crisis-9")


def test_mandatory_report_rules_and_no_reporter_identity():
    case = walk_to(make_case(), S.ASSESSMENT)
    income = case.record_crisis("income_loss")
    assert_refused(case, "mandatory_report_grounds", case.report, income, "cpa")
    abuse = case.record_crisis("abuse_neglect", window_days=1)
    assert_refused(case, "report_to_protection", case.report, abuse, "homeroom")
    entry = case.report(abuse, "cpa")
    assert set(entry.fields) == {"crisis", "resource"}
    assert entry.sensitive and case.crises[abuse].reported_day == case.day


# -- monitoring, reassessment, termination, aftercare -------------------------------------------


def test_monitoring_needs_a_check_each_round():
    case = walk_to(make_case(), S.MONITORING)
    assert_refused(case, "monitoring_recorded", case.advance_to, S.SERVICE_PROVISION)
    assert_refused(case, "progress_range", case.monitor, {"g1": 120})
    assert_refused(case, "known_goal", case.monitor, {"g9": 10})
    case.monitor({"g1": 40})
    case.advance_to(S.SERVICE_PROVISION)
    case.advance_to(S.MONITORING)
    assert_refused(case, "monitoring_recorded", case.advance_to, S.TERMINATION)


def test_service_provision_needs_a_linked_service():
    case = walk_to(make_case(), S.SERVICE_PROVISION)
    assert case.missing_for(S.MONITORING)[0].rule == "service_linked"


def test_reassessment_rerates_every_domain():
    case = _at(S.REASSESSMENT)
    case.rate_needs({"educational": 1})
    assert_refused(case, "reassessment_covers_every_domain", case.advance_to, S.PLANNING)


def test_closure_needs_every_goal_evaluated():
    case = walk_to(make_case(), S.TERMINATION)
    assert_refused(case, "closure_recorded", case.advance_to, S.AFTERCARE)
    assert_refused(case, "evaluate_every_goal", case.close, "goals_achieved")
    case.evaluate_goal("g1", "partly")
    case.close("goals_achieved", "reading improved")
    assert_refused(case, "already_closed", case.close, "other")
    assert case.closure["reason"].value == "goals_achieved"


def test_end_at_termination_only_when_aftercare_does_not_apply():
    case = walk_to(make_case(), S.TERMINATION)
    case.evaluate_goal("g1", "not_achieved")
    case.close("goals_achieved")
    assert_refused(case, "aftercare_required", case.end)
    moved = walk_to(make_case(), S.TERMINATION)
    moved.evaluate_goal("g1", "partly")
    moved.close("moved_away", "family moved to another city; records sent with consent")
    moved.end()
    assert moved.ended


def test_aftercare_followups_and_reopen():
    case = walk_to(make_case(), S.AFTERCARE)
    case.follow_up("stable", day=case.day + 14)
    assert_refused(case, "aftercare_followups", case.end)
    assert_refused(case, "reopen_reason", case.advance_to, S.REASSESSMENT)
    case.follow_up("relapse", day=case.day + 60)
    case.reopen("attendance fell again after the programme ended")
    assert case.stage is S.REASSESSMENT and case.closure is None
    assert case.state.reopened == 1 and case.state.evaluations == {}


def test_actions_out_of_their_stage():
    case = make_case()
    assert_refused(case, "stage_allows_action", case.rate_needs, {"educational": 1})
    assert_refused(case, "stage_allows_action", case.set_goal, "g", "educational", "a", "b", 9)
    assert_refused(case, "stage_allows_action", case.monitor, {})
    assert_refused(case, "stage_allows_action", case.follow_up, "stable")
    assert_refused(case, "stage_allows_action", case.close, "other")
    assert_refused(case, "stage_allows_action", case.end)


def test_days_cannot_go_back(case):
    case.add_note("first contact with the homeroom teacher", day=5)
    assert_refused(case, "day_order", case.add_note, "earlier", day=4)
    assert_refused(case, "day_order", case.add_note, "negative", day=-1)


def test_ecomap_ties(case):
    case.record_tie("mother", strength="strong", stressful=True, flow="to_target")
    assert_refused(case, "known_tie_target", case.record_tie, "uncle")
    mother = next(t for t in case.ties() if t.target == "mother")
    assert mother.stressful and mother.strength is TieStrength.STRONG
    case.record_tie("mother", removed=True)
    assert "mother" not in {t.target for t in case.ties()}


# -- the record --------------------------------------------------------------------------------


def test_record_entries_are_immutable(case):
    entry = case.record[0]
    with pytest.raises(TypeError):
        entry.fields["source"] = "x"  # type: ignore[index]
    with pytest.raises(AttributeError):
        entry.day = 3  # type: ignore[misc]
    assert isinstance(case.record, tuple)


def test_state_is_derived_from_the_record():
    case = walk_to(make_case(), S.AFTERCARE)
    finish(case, S.AFTERCARE)
    data = [e.to_dict() for e in case.record]
    again = Case.replay(case.client, case.manager, case.directory.values(), data)
    assert again.state == case.state and again.record == case.record


def test_replay_rechecks_rules():
    case = walk_to(make_case(), S.ASSESSMENT)
    data = [e.to_dict() for e in case.record]
    consent = next(
        i for i, e in enumerate(data) if e["kind"] == "consent" and e["fields"]["purpose"] == "services"
    )
    tampered = [dict(e, seq=i) for i, e in enumerate(data[:consent] + data[consent + 1 :])]
    with pytest.raises(CaseError) as info:
        Case.replay(case.client, case.manager, case.directory.values(), tampered)
    assert info.value.rule == "consent_to_services" and "entry" in info.value.en


def test_error_message_names_stage_and_rule(case):
    with pytest.raises(CaseError) as info:
        case.advance_to(S.PLANNING)
    assert str(info.value).startswith("intake (접수): transition: ")


def test_needs_domains_helper():
    assert len(ALL_RATED) == len(NeedDomain)
