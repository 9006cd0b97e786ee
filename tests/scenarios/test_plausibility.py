"""The bundled cases fit the Korean school context (DOMAIN.md): ages, names, agencies, duties."""

from __future__ import annotations

import os
from collections import Counter

import pytest

from casekit.domain import CrisisType, Kinship, ResourceType, SchoolLevel
from casekit.scenarios import bundled_scenarios

SCENARIOS = bundled_scenarios()

#: Age (만 나이, international age) in grade 1 of each school level, before and after the
#: birthday: the school year starts in March and children enter elementary school in the
#: year they turn 7.
FIRST_GRADE_AGES = {SchoolLevel.ELEMENTARY: (6, 7), SchoolLevel.MIDDLE: (12, 13), SchoolLevel.HIGH: (15, 16)}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_age_fits_the_grade(scenario):
    c = scenario.client
    youngest, oldest = FIRST_GRADE_AGES[c.school_level]
    assert youngest + c.grade - 1 <= c.age <= oldest + c.grade - 1


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_a_child_carries_the_father_s_surname(scenario):
    fathers = [m for m in scenario.client.household if m.kinship is Kinship.FATHER]
    for father in fathers:
        assert os.path.commonprefix([scenario.client.name.ko, father.name.ko]), father.name.ko


def test_students_and_case_managers_have_distinct_names():
    students = Counter(s.client.name.ko for s in SCENARIOS)
    managers = Counter(s.case_manager.name.ko for s in SCENARIOS)
    assert [n for n, k in students.items() if k > 1] == []
    assert [n for n, k in managers.items() if k > 1] == []


#: Age limits of resource types that have them in law or by programme (DOMAIN.md §4).
AGE_LIMITS = {
    ResourceType.DREAM_START: (None, 12),
    ResourceType.YOUTH_COUNSELLING_CENTER: (9, 24),
    ResourceType.LOCAL_CHILDRENS_CENTER: (None, 17),
    ResourceType.CHILD_PROTECTION_AGENCY: (None, 17),
}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_age_limits_of_agencies(scenario):
    for r in scenario.resources:
        if r.type in AGE_LIMITS and (r.eligibility.min_age, r.eligibility.max_age) != (None, None):
            lo, hi = AGE_LIMITS[r.type]
            assert r.eligibility.min_age == lo and r.eligibility.max_age == hi, r.id


#: The mandatory steps of DOMAIN.md §5, as resource types the expert's crisis response must
#: use and numbers its rationale must name, per crisis type.
DUTIES = {
    CrisisType.ABUSE_NEGLECT: ({ResourceType.CHILD_PROTECTION_AGENCY, ResourceType.POLICE}, ()),
    CrisisType.FAMILY_VIOLENCE: ({ResourceType.CHILD_PROTECTION_AGENCY, ResourceType.POLICE}, ()),
    CrisisType.SCHOOL_VIOLENCE: ({ResourceType.POLICE}, ("117", "48")),
    CrisisType.SELF_HARM_RISK: ({ResourceType.HOSPITAL, ResourceType.MENTAL_HEALTH_CENTER}, ("109",)),
}


WITH_DUTIES = [s for s in SCENARIOS if set(s.crises) & set(DUTIES)]


@pytest.mark.parametrize("scenario", WITH_DUTIES, ids=lambda s: s.id)
def test_mandatory_steps_in_the_expert_s_crisis_response(scenario):
    key = scenario.expert.crisis
    used = {scenario.resource(r).type for r in key.resources}
    for crisis in set(scenario.crises) & set(DUTIES):
        types, numbers = DUTIES[crisis]
        assert used & types, crisis.value
        for number in numbers:
            assert number in key.rationale.ko and number in key.rationale.en, (crisis.value, number)
        assert key.respond_within_days == 0, "a same-day response"
