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
