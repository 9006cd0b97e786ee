"""Clients, case managers, resources and the operating system."""

from __future__ import annotations

import pytest

from casekit.domain import (
    CaseConference,
    CasekitError,
    CaseManager,
    Client,
    Eligibility,
    EligibilityCategory,
    HouseholdType,
    Licence,
    NeedDomain,
    OperatingSystem,
    Resource,
    ResourceType,
    SchoolLevel,
    SchoolTeam,
    Sector,
    Setting,
    Sex,
    TeamMember,
    Text,
    directory_by_id,
    make_needs,
)


def client(**kw) -> Client:
    base = dict(
        id="S1",
        name=Text("가", "Ga"),
        sex=Sex.MALE,
        age=13,
        school_level=SchoolLevel.MIDDLE,
        grade=1,
        household_type=HouseholdType.GRANDPARENT,
    )
    return Client(**(base | kw))


@pytest.mark.parametrize(
    ("licence", "years", "training", "expected"),
    [
        (Licence.SOCIAL_WORKER_1, 5, True, True),
        (Licence.SCHOOL_SOCIAL_WORKER, 12, True, True),
        (Licence.SOCIAL_WORKER_2, 4.9, True, False),
        (Licence.NONE, 10, True, False),
        (Licence.SOCIAL_WORKER_1, 8, False, False),
    ],
)
def test_recommended_qualifications_follow_the_seed(licence, years, training, expected):
    cm = CaseManager("cm", Text("가", "Ga"), licence, years, training)
    assert cm.meets_recommended_qualifications() is expected
    assert bool(cm.qualification_gaps()) is not expected


def test_qualification_gaps_say_what_is_missing():
    cm = CaseManager("cm", Text("가", "Ga"), Licence.NONE, 2, False, caseload=25, caseload_limit=25)
    assert [g.en for g in cm.qualification_gaps()] == [
        "a social-work licence",
        "5 or more years of social-work experience (has 2)",
        "completed standard case-management training",
    ]
    assert not cm.has_capacity


def test_client_validation():
    with pytest.raises(CasekitError, match="grade"):
        client(grade=4)
    with pytest.raises(CasekitError, match="age"):
        client(age=40)
    with pytest.raises(CasekitError, match="severity must be a whole number 0-4"):
        make_needs({"economic": 5})
    with pytest.raises(CasekitError, match="unknown NeedDomain"):
        make_needs({"money": 1})
    c = client(needs=make_needs({"welfare": 3}), eligibility={EligibilityCategory.NEAR_POOR})
    assert c.needs_at_least(3) == (NeedDomain.WELFARE,) and len(c.needs) == 8
    assert c.priority_student and c.needs_guardian_consent() and c.grade_label() == "중학교 1학년"


def test_eligibility_refusals_name_the_condition():
    dream_start = Eligibility(max_age=12)
    center = Eligibility(
        categories=frozenset({EligibilityCategory.EDUCATION_BENEFIT}),
        school_levels=frozenset({SchoolLevel.ELEMENTARY}),
    )
    c = client()
    assert [t.en for t in dream_start.refusals(c)] == ["outside the age range -12"]
    assert [t.en for t in center.refusals(c)] == [
        "not a school level served: elementary school",
        "not in a category served: education-benefit recipient",
    ]
    assert Eligibility().admits(c)
    with pytest.raises(CasekitError):
        Eligibility(min_age=10, max_age=9)


def test_resources_from_the_catalogue():
    wee = Resource.of_type("wee", ResourceType.WEE_CENTER, wait_days=14)
    assert wee.setting is Setting.OUT_OF_SCHOOL and wee.sector is Sector.PUBLIC
    assert wee.serves(NeedDomain.PSYCHOLOGICAL) and wee.requires_information_sharing
    assert not Resource.of_type("hr", ResourceType.HOMEROOM_TEACHER).requires_information_sharing
    for rtype in ResourceType:
        assert rtype.profile.domains, rtype
    with pytest.raises(CasekitError, match="appears twice"):
        directory_by_id([wee, wee])


def test_operating_system_elements():
    team = SchoolTeam(
        Text("학생맞춤통합지원팀", "integrated support team"),
        (TeamMember(Text("교감", "vice principal"), Text("위원장", "chair")),),
        led_by_principal=True,
    )
    system = OperatingSystem(
        team=team,
        partners=("wee",),
        conference_every_days=30,
        supervisor=Text("지역 슈퍼바이저", "district supervisor"),
    )
    assert system.team.members[0].role.en == "chair" and system.information_system
    with pytest.raises(CasekitError, match="participants"):
        CaseConference(3, (), Text("안건", "agenda"))
