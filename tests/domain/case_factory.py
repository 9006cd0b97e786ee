"""Helpers for domain tests: a small synthetic case and a driver that walks it to a stage."""

from __future__ import annotations

import itertools

from casekit.domain import (
    Case,
    CaseConference,
    CaseManager,
    Client,
    ConsentPurpose,
    Eligibility,
    HouseholdMember,
    HouseholdType,
    Kinship,
    Licence,
    NeedDomain,
    Referral,
    Resource,
    ResourceType,
    SchoolLevel,
    Sex,
    Stage,
    Text,
    make_needs,
)

ALL_RATED = {d: 1 for d in NeedDomain} | {NeedDomain.EDUCATIONAL: 3, NeedDomain.ECONOMIC: 2}


def make_client(age: int = 12, grade: int = 6, level: SchoolLevel = SchoolLevel.ELEMENTARY) -> Client:
    return Client(
        id="S1",
        name=Text("한가온", "Han Gaon"),
        sex=Sex.FEMALE,
        age=age,
        school_level=level,
        grade=grade,
        household_type=HouseholdType.SINGLE_PARENT,
        needs=make_needs({"educational": 3, "economic": 2}),
        household=(HouseholdMember("mother", Kinship.MOTHER, Text("어머니", "mother"), Sex.FEMALE, 41),),
    )


def make_directory() -> list[Resource]:
    return [
        Resource.of_type("homeroom", ResourceType.HOMEROOM_TEACHER),
        Resource.of_type("after_school", ResourceType.AFTER_SCHOOL_PROGRAM),
        Resource.of_type("children_center", ResourceType.LOCAL_CHILDRENS_CENTER, wait_days=14, capacity=29),
        Resource.of_type("admin_center", ResourceType.ADMINISTRATIVE_WELFARE_CENTER),
        Resource.of_type("cpa", ResourceType.CHILD_PROTECTION_AGENCY),
        Resource.of_type("hospital", ResourceType.HOSPITAL),
        Resource.of_type("dream_start", ResourceType.DREAM_START, eligibility=Eligibility(max_age=12)),
    ]


def make_case(age: int = 12, cls: type[Case] = Case) -> Case:
    grade, level = (6, SchoolLevel.ELEMENTARY) if age <= 12 else (min(3, age - 12), SchoolLevel.MIDDLE)
    return cls(
        make_client(age, grade, level),
        CaseManager("cm1", Text("윤서연", "Yoon Seoyeon"), Licence.SOCIAL_WORKER_1, 6, True),
        make_directory(),
        referral=Referral("homeroom", Text("성적 하락", "falling grades")),
    )


INTAKE_FIELDS = dict(
    household="mother, student",
    housing="rented room",
    income="education benefit",
    health="no illness known",
    other_services="none",
)


def finish(case: Case, stage: Stage) -> None:
    """Do the minimal good-practice work of ``stage`` so the case may leave it."""
    if stage is Stage.INTAKE:
        case.record_intake(**INTAKE_FIELDS)
        case.decide_to_open(True)
        case.record_consent(ConsentPurpose.SERVICES)
        case.record_consent(ConsentPurpose.INFORMATION_SHARING)
        if case.client.needs_guardian_consent():
            case.record_consent(ConsentPurpose.GUARDIAN)
    elif stage in (Stage.ASSESSMENT, Stage.REASSESSMENT):
        case.rate_needs(ALL_RATED)
        if case.risk_level is None:
            case.set_risk_level("caution")
    elif stage is Stage.PLANNING:
        case.set_goal(
            "g1", "educational", "read grade-level texts", "reading test", case.day + 90, ["after_school"]
        )
        case.hold_case_conference(
            CaseConference(case.day, (Text("담임", "homeroom teacher"),), Text("계획", "plan"))
        )
    elif stage is Stage.SERVICE_PROVISION:
        if "after_school" not in case.services:
            case.refer("after_school", goal_id="g1")
        case.use_skill("counselling", goal_id="g1")
    elif stage is Stage.MONITORING:
        case.monitor({"g1": 50}, day=case.day + 14)
    elif stage is Stage.TERMINATION:
        for gid in case.goals:
            case.evaluate_goal(gid, "achieved")
        case.close("goals_achieved", "reading at grade level")
    elif stage is Stage.AFTERCARE:
        case.follow_up("stable", day=case.day + 14)
        case.follow_up("stable", day=case.day + 30)


PATH = [
    Stage.INTAKE,
    Stage.ASSESSMENT,
    Stage.PLANNING,
    Stage.SERVICE_PROVISION,
    Stage.MONITORING,
    Stage.TERMINATION,
    Stage.AFTERCARE,
]


def walk_to(case: Case, target: Stage) -> Case:
    """Take a fresh case along the main path until it is at ``target``."""
    for here, nxt in itertools.pairwise(PATH):
        if case.stage is target:
            break
        finish(case, here)
        case.advance_to(nxt, day=case.day + 1)
    assert case.stage is target
    return case
