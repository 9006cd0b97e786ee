"""How each built-in policy works a case in the population model (issue 4, item 5).

The single-case runner asks a policy for every decision; a district of 100,000 students
cannot afford that, so the population model condenses each policy into a *profile*: the
numbers below, chosen to match what :class:`~casekit.sim.expert.ExpertPolicy`,
:class:`~casekit.sim.policies.NaivePolicy` and :class:`~casekit.sim.policies.RandomPolicy`
do in :func:`~casekit.sim.run_case`.

==================  ============================  ============================  ==========================
profile field       expert                        naive                         random
==================  ============================  ============================  ==========================
intake_days         2 (interview, consents)       1 (rushed intake)             1-30 at random
plan_days           12 (assessment and planning)  7 (refers at intake anyway)   1-30 at random
per_need            1 suitable resource           2 resources                   1-2 at random
choice              shortest expected queue       most popular (list order)     any resource at random
wrong_domain        0                             0.2 (second pick off-target)  (random anyway)
max_active          ``overload_threshold``        no limit                      no limit
engagement          + consent, contact,           - unagreed referral,          + contact
                    counselling boosts            + consent, contact
information         yes (``information_uptake``)  no                            no
tries               2 (monitoring sees a no-show  1 (no monitoring)             1
                    and re-links)
monitor_every       14 days: ends a service once  never (runs ``service_days``)  never
                    the need is below 1
misrate             0 (accurate assessment)       ±1 step at random             ±1 step at random
==================  ============================  ============================  ==========================

"Shortest expected queue" ranks the suitable resources by clients in service or waiting per
place; a resource without a capacity (homeroom teachers, an administrative welfare centre)
never has a queue, so the expert turns to it first when it serves the need.

Examples
--------
>>> PROFILES["expert"].per_need, PROFILES["naive"].per_need
((1, 1), (2, 2))
"""

from __future__ import annotations

from dataclasses import dataclass

from .params import OutcomeParams

__all__ = ["PolicyProfile", "PROFILES"]


@dataclass(frozen=True)
class PolicyProfile:
    """The numbers a policy works a case by in the population model (see the module table)."""

    name: str
    intake_days: tuple[int, int]  # inclusive range, drawn uniformly
    plan_days: tuple[int, int]
    per_need: tuple[int, int]
    choice: str  # "queue" | "popular" | "random"
    wrong_domain: float
    limit_active: bool
    boosts: tuple[str, ...]  # OutcomeParams engagement changes applied at planning
    drops: tuple[str, ...]
    information: bool
    tries: int
    monitor_every: int  # 0: never
    misrate: bool

    def engagement(self, p: OutcomeParams) -> float:
        """Engagement when services start (clamped to 0.05-1 as in the single-case world).

        Examples
        --------
        >>> round(PROFILES["expert"].engagement(OutcomeParams()), 2)
        0.69
        """
        e = p.engagement_start + sum(getattr(p, b) for b in self.boosts)
        e -= sum(getattr(p, d) for d in self.drops)
        return float(min(1.0, max(0.05, e)))

    def uptake(self, p: OutcomeParams, engagement: float) -> float:
        """Chance a granted place turns into attendance (the world's attendance formula)."""
        base = p.uptake_base + (p.information_uptake if self.information else 0.0)
        return float(min(1.0, base) * (0.5 + 0.5 * engagement))


PROFILES: dict[str, PolicyProfile] = {
    "expert": PolicyProfile(
        "expert",
        (2, 2),
        (12, 12),
        (1, 1),
        "queue",
        0.0,
        True,
        ("consent_boost", "contact_boost", "counselling_boost"),
        (),
        True,
        2,
        14,
        False,
    ),
    "naive": PolicyProfile(
        "naive",
        (1, 1),
        (7, 7),
        (2, 2),
        "popular",
        0.2,
        False,
        ("consent_boost", "contact_boost"),
        ("unagreed_drop",),
        False,
        1,
        0,
        True,
    ),
    "random": PolicyProfile(
        "random", (1, 30), (1, 30), (1, 2), "random", 0.0, False, ("contact_boost",), (), False, 1, 0, True
    ),
}
