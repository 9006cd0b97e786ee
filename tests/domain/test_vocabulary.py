"""The vocabulary is the contract of ARCHITECTURE.md: codes exactly as written there."""

from __future__ import annotations

import pytest

from casekit.domain import (
    ClosureReason,
    Coded,
    CrisisType,
    Flow,
    NeedDomain,
    NodeKind,
    Relation,
    RiskLevel,
    Sector,
    Setting,
    Severity,
    Skill,
    SkillKind,
    Stage,
    TieStrength,
    vocabulary,
)


def test_codes_match_the_architecture():
    assert Stage.codes() == (
        "intake",
        "assessment",
        "planning",
        "service_provision",
        "monitoring",
        "reassessment",
        "termination",
        "aftercare",
    )
    assert NeedDomain.codes() == (
        "economic",
        "medical",
        "psychological",
        "educational",
        "cultural",
        "welfare",
        "safety",
        "relational",
    )
    assert NodeKind.codes() == ("client", "case_manager", "resource")
    assert Setting.codes() == ("in_school", "out_of_school", "informal")
    assert Sector.codes() == ("school", "public", "private", "informal")
    assert Relation.codes() == (
        "link",
        "coordination",
        "relationship",
        "referral",
        "collaboration",
        "informal",
    )
    assert TieStrength.codes() == ("strong", "moderate", "tenuous")
    assert Flow.codes() == ("none", "to_target", "to_source", "both")
    assert [s.value for s in Skill.direct()] == [
        "crisis_intervention",
        "education_training",
        "collaboration",
        "counselling",
        "information",
        "self_advocacy",
    ]
    assert [s.value for s in Skill.indirect()] == [
        "linking",
        "coordination",
        "advocacy",
        "resource_development",
    ]
    assert CrisisType.codes() == (
        "income_loss",
        "bereavement",
        "housing_loss",
        "abuse_neglect",
        "self_harm_risk",
        "school_violence",
        "family_violence",
        "serious_illness",
    )
    assert ClosureReason.codes() == (
        "goals_achieved",
        "declined",
        "moved_away",
        "no_contact",
        "transferred",
        "not_eligible",
        "other",
    )
    assert RiskLevel.codes() == ("prevention", "caution", "alert", "serious")
    assert [RiskLevel.parse(c).ko for c in RiskLevel.codes()] == ["예방", "주의", "경계", "심각"]


def _coded_enums():
    return [
        obj
        for obj in vars(vocabulary).values()
        if isinstance(obj, type) and issubclass(obj, Coded) and obj is not Coded
    ]


@pytest.mark.parametrize("enum", _coded_enums(), ids=lambda e: e.__name__)
def test_every_code_has_korean_and_english_labels(enum):
    for member in enum:
        assert member.ko.strip() and member.en.strip(), member
        assert member.value == member.value.lower().replace(" ", "_")
        assert member.label("ko") == member.ko and member.label("en") == member.en


def test_parse_errors_list_valid_codes():
    with pytest.raises(ValueError, match="valid codes: economic, medical"):
        NeedDomain.parse("econmic")
    with pytest.raises(ValueError, match="unknown language"):
        Stage.INTAKE.label("fr")


def test_str_enums_compare_and_serialise_as_codes():
    assert Stage.MONITORING == "monitoring" and str(Stage.MONITORING) == "monitoring"
    assert Stage.AFTERCARE.order == 7
    assert Skill.COUNSELLING.kind is SkillKind.DIRECT and Skill.ADVOCACY.kind is SkillKind.INDIRECT
    assert Relation.REFERRAL.directed and not Relation.LINK.directed
    assert Severity(4).label("en") == "critical"
