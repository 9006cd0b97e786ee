"""Loading the minimal scenario builds the domain objects the format document describes."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from casekit.domain import (
    CaseManager,
    ClosureReason,
    ConsentPurpose,
    CrisisType,
    Difficulty,
    EligibilityCategory,
    Flow,
    HouseholdType,
    Kinship,
    Licence,
    NeedDomain,
    Relation,
    ResourceType,
    RiskLevel,
    SchoolLevel,
    Sector,
    Setting,
    Severity,
    Sex,
    Skill,
    Stage,
    Text,
    TieStrength,
)
from casekit.scenarios import (
    EventKind,
    ExpertGoal,
    InitialTie,
    InterviewQuestion,
    Scenario,
    StageFeedback,
    load_scenario,
    loads_scenario,
)


@pytest.fixture(scope="module")
def scenario(minimal_path) -> Scenario:
    return load_scenario(minimal_path)


def test_top_level(scenario, minimal_path):
    assert scenario.id == "minimal"
    assert scenario.schema_version == 1
    assert scenario.source == str(minimal_path)
    assert scenario.title == Text("시험 사례", "Test case")
    assert scenario.summary.en == "A short case for tests."
    assert scenario.difficulty is Difficulty.INTRODUCTORY
    assert scenario.learning_objectives == (Text("욕구를 사정한다", "Assess needs"),)
    assert scenario.crises == (CrisisType.INCOME_LOSS,)
    assert scenario.skills == (Skill.COUNSELLING, Skill.LINKING)
    assert scenario.parameters == {"engagement_base": 0.6}
    assert isinstance(scenario.parameters, MappingProxyType)


def test_client_carries_truth(scenario):
    c = scenario.client
    assert (c.id, c.sex, c.age, c.school_level, c.grade) == ("s1", Sex.FEMALE, 13, SchoolLevel.MIDDLE, 1)
    assert c.name == Text("가나다", "Ga Nada")
    assert c.school == Text("가상중학교", "Fictional Middle School")
    assert c.household_type is HouseholdType.SINGLE_PARENT
    assert c.eligibility == frozenset({EligibilityCategory.SINGLE_PARENT})
    assert (c.home_language, c.interpreter_needed) == ("ko", False)
    assert {d.value: int(s) for d, s in c.needs.items()} == {
        "economic": 3,
        "medical": 0,
        "psychological": 2,
        "educational": 2,
        "cultural": 1,
        "welfare": 2,
        "safety": 0,
        "relational": 1,
    }
    assert c.needs == scenario.truth.needs
    assert c.strengths == (Text("어머니와 사이가 좋다", "Close to her mother"),)
    (mother,) = c.household
    assert (mother.id, mother.kinship, mother.sex, mother.age) == ("mother", Kinship.MOTHER, Sex.FEMALE, 41)
    assert (mother.lives_with_student, mother.deceased, mother.note) == (True, False, None)


def test_referral_and_case_manager(scenario):
    r = scenario.referral
    assert (r.source, r.day, r.reason.en) == ("homeroom", 0, "Frequent absences")
    assert r.source_label == Text("담임교사", "Homeroom teacher")
    assert scenario.case_manager == CaseManager(
        id="cm1",
        name=Text("나사복", "Na Sabok"),
        licence=Licence.SOCIAL_WORKER_1,
        years_experience=6.0,
        standard_training=True,
        caseload=0,
        caseload_limit=25,
    )


def test_operating_system(scenario):
    o = scenario.operating_system
    assert o.team.name.en == "Case-management team"
    assert [(m.name.en, m.role.en) for m in o.team.members] == [("Vice-principal", "Team lead")]
    assert o.team.led_by_principal is False
    assert (o.partners, o.conference_every_days, o.supervisor, o.information_system) == (
        ("wee",),
        14,
        None,
        True,
    )


def test_resources_take_defaults_from_type(scenario):
    assert [r.id for r in scenario.resources] == ["homeroom", "wee", "welfare"]
    wee = scenario.resource("wee")
    assert (wee.type, wee.setting, wee.sector, wee.wait_days) == (
        ResourceType.WEE_CENTER,
        Setting.OUT_OF_SCHOOL,
        Sector.PUBLIC,
        14,
    )
    assert wee.domains == ResourceType.WEE_CENTER.profile.domains
    welfare = scenario.resource("welfare")
    assert welfare.type is None
    assert welfare.domains == frozenset({NeedDomain.ECONOMIC, NeedDomain.WELFARE})
    assert welfare.eligibility.categories == frozenset(
        {EligibilityCategory.SINGLE_PARENT, EligibilityCategory.NEAR_POOR}
    )
    assert welfare.eligibility.admits(scenario.client)


def test_lookups_raise_key_error_naming_known_ids(scenario):
    with pytest.raises(KeyError) as exc:
        scenario.resource("police")
    assert exc.value.args[0] == "scenario minimal: no resource 'police'; resources: homeroom, wee, welfare"
    with pytest.raises(KeyError) as exc:
        scenario.question("school")
    assert exc.value.args[0] == "scenario minimal: no interview question 'school'; questions: family, money"


def test_ties(scenario):
    assert scenario.ties == (
        InitialTie("mother", Relation.INFORMAL, TieStrength.STRONG),
        InitialTie("homeroom", Relation.LINK, TieStrength.TENUOUS, stressful=True, flow=Flow.TO_SOURCE),
    )


def test_truth(scenario):
    t = scenario.truth
    assert (t.risk_level, t.open_case, t.not_opened_reason, t.barriers) == (RiskLevel.CAUTION, True, None, ())
    assert t.needs[NeedDomain.ECONOMIC] is Severity.SEVERE
    assert list(t.needs) == list(NeedDomain)
    assert scenario.expert.assessment.needs[NeedDomain.CULTURAL] is Severity.MILD


def test_interview(scenario):
    assert scenario.question("money") == InterviewQuestion(
        "money",
        Text("생활은 어떠니?", "How are things at home?"),
        Text("엄마가 일을 잃었어요.", "Mum lost her job."),
        (NeedDomain.ECONOMIC,),
        minutes=5,
    )
    assert scenario.question("family").minutes == 10


def test_events_in_day_order_with_crisis_defaults(scenario):
    crisis, no_show = scenario.events
    assert (crisis.day, crisis.kind, crisis.crisis, crisis.resource) == (
        10,
        EventKind.CRISIS,
        CrisisType.INCOME_LOSS,
        None,
    )
    assert crisis.response_window_days == 7
    assert dict(crisis.needs_change) == {NeedDomain.ECONOMIC: 1}
    assert (no_show.day, no_show.kind, no_show.resource, no_show.response_window_days) == (
        20,
        EventKind.NO_SHOW,
        "wee",
        None,
    )
    assert dict(no_show.needs_change) == {}
    assert scenario.crisis_events() == (crisis,)


def test_expert_key(scenario):
    x = scenario.expert
    assert x.intake.questions == ("family", "money")
    assert x.intake.consents == (
        ConsentPurpose.SERVICES,
        ConsentPurpose.INFORMATION_SHARING,
        ConsentPurpose.GUARDIAN,
    )
    assert (x.intake.risk_level, x.intake.open_case) == (RiskLevel.CAUTION, True)
    assert x.assessment.needs == scenario.truth.needs
    assert x.planning.case_conference is True
    assert x.planning.goals == (
        ExpertGoal(
            id="income",
            domain=NeedDomain.ECONOMIC,
            description=Text("긴급 생계 지원을 받는다", "Receive emergency income support"),
            measure=Text("지원 결정 여부", "Support granted or not"),
            by_day=30,
            resources=("welfare",),
            responsible=Text("사례관리자", "Case manager"),
            frequency=Text("주 1회 확인", "Checked weekly"),
        ),
    )
    assert x.service_provision.skills == (Skill.LINKING, Skill.COUNSELLING)
    assert x.monitoring.every_days == 14
    assert x.reassessment is None
    assert (x.crisis.respond_within_days, x.crisis.resources) == (3, ("welfare",))
    assert x.termination.closure_reason is ClosureReason.GOALS_ACHIEVED
    assert x.aftercare.followup_days == (30, 90)
    assert x.stage(Stage.MONITORING) is x.monitoring
    assert x.stage("crisis") is x.crisis
    assert x.stage("reassessment") is None


def test_feedback(scenario):
    assert scenario.feedback == {
        "intake": StageFeedback(
            Text("경제 상황을 잘 물었다", "You asked about money"),
            Text("생활 형편을 물어보자", "Ask how the family is managing"),
        )
    }


def test_scenario_is_frozen(scenario):
    with pytest.raises(AttributeError):
        scenario.id = "other"  # type: ignore[misc]


def test_loads_from_text_and_bytes(minimal_text):
    from_text = loads_scenario(minimal_text, "minimal.yaml")
    from_bytes = loads_scenario(("\ufeff" + minimal_text).encode("utf-8"), "minimal.yaml")
    assert from_text.source is None
    assert from_text == from_bytes


def test_not_opened_case_needs_only_intake_and_termination(edited):
    expert_start = edited()[edited().index("  assessment:\n") : edited().index("  crisis:\n")]
    text = edited(
        ("  open_case: true\ninterview", "  open_case: false\n  not_opened_reason: transferred\ninterview"),
        ("kind: crisis\n    crisis: income_loss", "kind: disclosure"),
        ("crises: [income_loss]", "crises: []"),
        (expert_start, ""),
        ("    followup_days: [30, 90]\n", ""),
        (
            '  aftercare:\n    rationale: {ko: "한 달, 석 달 뒤 확인한다", '
            'en: "Follow up after one and three months"}\n',
            "",
        ),
    )
    s = loads_scenario(text, "minimal.yaml")
    assert (s.truth.open_case, s.truth.not_opened_reason) == (False, ClosureReason.TRANSFERRED)
    assert s.expert.planning is None and s.expert.aftercare is None
    assert s.crisis_events() == () and s.crises == ()


def test_merge_keys_and_aliases(edited):
    text = edited(
        (
            "  - id: homeroom\n    type: homeroom_teacher\n",
            "  - &teacher\n    id: homeroom\n    type: homeroom_teacher\n",
        ),
        ("  - id: wee\n    type: wee_center\n", "  - <<: *teacher\n    id: wee\n    type: wee_center\n"),
    )
    s = loads_scenario(text, "minimal.yaml")
    assert s.resource("wee").name == Text("가상 Wee센터", "Fictional Wee center")
