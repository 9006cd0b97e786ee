"""Checks that a scenario's expert key is good practice, not just well formed.

The schema checks a file's shape and references; these checks read the built scenario and
report an expert key that a practitioner would not accept: a planned resource that does not
serve the goal's domain or does not admit the student (age, school level, priority category),
a crisis response through a resource that does not admit the student, intake consents
without a legal guardian's consent for a student under 14 (DOMAIN.md §7), and a case that is
not opened but handed over (``expert.intake.referred_to``) to a resource that leaves one of
the student's needs of 2 or more unserved, does not admit the student, or is outside the
school while the expert has no consent to share information with it. Each problem is
reported at the line of the offending value.
"""

from __future__ import annotations

from ..domain.people import GUARDIAN_CONSENT_AGE
from ..domain.vocabulary import ConsentPurpose, NeedDomain
from .checker import Checker
from .model import Scenario

__all__ = ["check_practice"]


def check_practice(s: Scenario, checker: Checker) -> None:
    """Report every place where the expert key contradicts good practice."""
    key = s.expert
    if key.intake.open_case and s.client.needs_guardian_consent(GUARDIAN_CONSENT_AGE):
        if ConsentPurpose.GUARDIAN not in key.intake.consents:
            checker.report(
                ("expert", "intake", "consents"),
                f"the student is {s.client.age}, under {GUARDIAN_CONSENT_AGE}: the expert must also obtain "
                "'guardian' consent",
            )
    if key.intake.referred_to is not None:
        _check_handover(s, key.intake.referred_to, checker)
    if key.planning is not None:
        for i, goal in enumerate(key.planning.goals):
            for j, rid in enumerate(goal.resources):
                resource = s.resource(rid)
                path = ("expert", "planning", "goals", i, "resources", j)
                if not resource.serves(goal.domain):
                    served = ", ".join(sorted(d.value for d in resource.domains))
                    checker.report(
                        path,
                        f"{rid!r} does not serve the goal's domain {goal.domain.value!r} (it serves {served})",
                    )
                refusals = resource.eligibility.refusals(s.client)
                if refusals:
                    checker.report(
                        path, f"{rid!r} does not admit the student: {'; '.join(t.en for t in refusals)}"
                    )
    if key.crisis is not None:
        for j, rid in enumerate(key.crisis.resources):
            refusals = s.resource(rid).eligibility.refusals(s.client)
            if refusals:
                checker.report(
                    ("expert", "crisis", "resources", j),
                    f"{rid!r} does not admit the student: {'; '.join(t.en for t in refusals)}",
                )


def _check_handover(s: Scenario, rid: str, checker: Checker) -> None:
    """A case not opened is handed over to a resource that can take the student's needs on."""
    path = ("expert", "intake", "referred_to")
    resource = s.resource(rid)
    unserved = [d.value for d in NeedDomain if s.truth.needs[d] >= 2 and not resource.serves(d)]
    if unserved:
        served = ", ".join(sorted(d.value for d in resource.domains))
        checker.report(
            path,
            f"{rid!r} does not serve the student's need(s) of 2 or more in {', '.join(unserved)} "
            f"(it serves {served}); hand the case to a resource that serves them",
        )
    refusals = resource.eligibility.refusals(s.client)
    if refusals:
        checker.report(path, f"{rid!r} does not admit the student: {'; '.join(t.en for t in refusals)}")
    consents = s.expert.intake.consents
    if resource.requires_information_sharing:
        wanted = [ConsentPurpose.INFORMATION_SHARING]
        if s.client.needs_guardian_consent(GUARDIAN_CONSENT_AGE):
            wanted.append(ConsentPurpose.GUARDIAN)
        missing = [p.value for p in wanted if p not in consents]
        if missing:
            checker.report(
                ("expert", "intake", "consents"),
                f"a warm referral to {rid!r} (outside the school) shares the family's information: "
                f"the expert must obtain {', '.join(repr(m) for m in missing)} consent first",
            )
