"""An expert key must be good practice: resources that serve the goal and admit the student."""

from __future__ import annotations


def test_guardian_consent_needed_under_14(problems):
    assert problems(
        ("consents: [services, information_sharing, guardian]", "consents: [services, information_sharing]")
    ) == [
        "minimal.yaml:93: expert.intake.consents: the student is 13, under 14: the expert must also obtain "
        "'guardian' consent"
    ]


def test_goal_resource_must_serve_the_goal_domain(problems):
    assert problems(("        resources: [welfare]\n", "        resources: [welfare, homeroom]\n")) == [
        "minimal.yaml:105: expert.planning.goals[0].resources[1]: 'homeroom' does not serve the goal's domain "
        "'economic' (it serves educational, relational)"
    ]


def test_planned_and_crisis_resources_must_admit_the_student(problems):
    # the student is in the single_parent category; the welfare center now takes only the near-poor
    assert problems(
        ("eligibility: {categories: [single_parent, near_poor]}", "eligibility: {categories: [near_poor]}")
    ) == [
        "minimal.yaml:105: expert.planning.goals[0].resources[0]: 'welfare' does not admit the student: "
        "not in a category served: near-poor household",
        "minimal.yaml:119: expert.crisis.resources[0]: 'welfare' does not admit the student: "
        "not in a category served: near-poor household",
    ]


VERSION_2 = ("schema_version: 1", "schema_version: 2")
NOT_OPENED = (
    VERSION_2,
    ("  open_case: true\ninterview", "  open_case: false\n  not_opened_reason: transferred\ninterview"),
    ("    open_case: true\n    consents", "    open_case: false\n    referred_to: welfare\n    consents"),
)
#: Needs the 'welfare' resource (economic, welfare) can take on alone.
HOUSEHOLD_NEEDS = (
    "  needs: {economic: 3, medical: 0, psychological: 2, educational: 2, "
    "cultural: 1, welfare: 2, safety: 0, relational: 1}\n  strengths",
    "  needs: {economic: 3, medical: 0, psychological: 1, educational: 1, "
    "cultural: 1, welfare: 2, safety: 0, relational: 1}\n  strengths",
)


def test_a_handover_that_fits_is_valid(problems):
    assert problems(*NOT_OPENED, HOUSEHOLD_NEEDS) == []


def test_handover_must_name_a_resource_and_only_when_not_opened(problems):
    wrong = (
        "    open_case: true\n    consents",
        "    open_case: true\n    referred_to: welfar\n    consents",
    )
    assert problems(VERSION_2, wrong) == [
        "minimal.yaml:93: expert.intake.referred_to: unknown resource 'welfar' (did you mean 'welfare'?); "
        "resources: homeroom, wee, welfare",
        "minimal.yaml:93: expert.intake.referred_to: only allowed when open_case is false; an opened case "
        "links resources through its goals",
    ]


def test_handover_needs_schema_version_2(problems):
    assert problems(*NOT_OPENED[1:], HOUSEHOLD_NEEDS) == [
        "minimal.yaml:94: expert.intake.referred_to: needs schema_version 2 or later (the file says 1)"
    ]


def test_handover_must_serve_every_need_of_two_or_more(problems):
    assert problems(*NOT_OPENED) == [
        "minimal.yaml:94: expert.intake.referred_to: 'welfare' does not serve the student's need(s) of 2 or "
        "more in psychological, educational (it serves economic, welfare); hand the case to a resource that "
        "serves them"
    ]


def test_handover_must_admit_the_student_and_follow_consent(problems):
    assert problems(
        *NOT_OPENED,
        HOUSEHOLD_NEEDS,
        ("eligibility: {categories: [single_parent, near_poor]}", "eligibility: {categories: [near_poor]}"),
        ("consents: [services, information_sharing, guardian]", "consents: [services]"),
    ) == [
        "minimal.yaml:94: expert.intake.referred_to: 'welfare' does not admit the student: not in a category "
        "served: near-poor household",
        "minimal.yaml:95: expert.intake.consents: a warm referral to 'welfare' (outside the school) shares "
        "the family's information: the expert must obtain 'information_sharing', 'guardian' consent first",
        "minimal.yaml:107: expert.planning.goals[0].resources[0]: 'welfare' does not admit the student: "
        "not in a category served: near-poor household",
        "minimal.yaml:121: expert.crisis.resources[0]: 'welfare' does not admit the student: "
        "not in a category served: near-poor household",
    ]
