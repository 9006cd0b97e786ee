"""The scenario library covers what students must practise (issue 8's coverage matrix)."""

from __future__ import annotations

import itertools
from collections import Counter

from casekit.domain import CrisisType, EligibilityCategory, ResourceType, Skill, Stage
from casekit.scenarios import bundled_scenarios
from casekit.sim import run_case


def test_at_least_twelve_scenarios():
    assert len(bundled_scenarios()) >= 12


def test_every_crisis_type_in_at_least_two_scenarios():
    counts = Counter(c for s in bundled_scenarios() for c in s.crises)
    assert {c.value: counts[c] for c in CrisisType if counts[c] < 2} == {}


def test_every_skill_in_at_least_two_scenarios():
    counts = Counter(k for s in bundled_scenarios() for k in s.skills)
    assert {k.value: counts[k] for k in Skill if counts[k] < 2} == {}


def test_required_situations_are_present():
    scenarios = bundled_scenarios()
    eligibility = Counter(e for s in scenarios for e in s.client.eligibility)
    assert eligibility[EligibilityCategory.MULTICULTURAL] >= 1
    assert eligibility[EligibilityCategory.NORTH_KOREAN_DEFECTOR] >= 1
    assert eligibility[EligibilityCategory.SPECIAL_EDUCATION] >= 1
    assert any(s.client.interpreter_needed for s in scenarios), "a family with a language barrier"
    assert {d.value for d in (s.difficulty for s in scenarios)} == {
        "introductory",
        "intermediate",
        "advanced",
    }


def test_a_case_is_reopened_from_aftercare():
    """The expert reopens at least one bundled case after aftercare finds a relapse."""

    def reopened(result) -> bool:
        stages = [s for s, _ in result.stages]
        return any(a == Stage.AFTERCARE and b == Stage.REASSESSMENT for a, b in itertools.pairwise(stages))

    rates = {
        s.id: sum(reopened(run_case(s, "expert", seed)) for seed in range(10)) for s in bundled_scenarios()
    }
    assert max(rates.values()) >= 5, rates


def test_a_case_should_not_be_opened():
    assert any(not s.truth.open_case for s in bundled_scenarios())


def test_a_family_level_need_goes_to_the_hope_team_or_a_community_welfare_center():
    """Seed 000: family-level work is referred out; the expert hands such a case over at intake."""
    family_level = {ResourceType.HOPE_WELFARE_TEAM, ResourceType.COMMUNITY_WELFARE_CENTER}
    handed = [
        s
        for s in bundled_scenarios()
        if not s.truth.open_case
        and s.expert.intake.referred_to is not None
        and s.resource(s.expert.intake.referred_to).type in family_level
    ]
    assert handed
    for s in handed:
        decision = next(e for e in run_case(s, "expert", 0).record if e.kind.value == "eligibility")
        assert decision.fields["open"] is False
        assert decision.fields["referred_to"] == s.expert.intake.referred_to
