"""Built-in policies and their registry: ``expert``, ``naive`` and ``random``.

* ``expert`` (:class:`~casekit.sim.expert.ExpertPolicy`): good practice.
* ``naive``: common beginner mistakes. It refers before consent and forgets the
  information-sharing consent (each refused action is a counted rule violation), asks two
  questions, one of them irrelevant, mis-rates needs by a step, over-refers (two resources per
  goal plus one more, eligibility unchecked, without asking the student), monitors once,
  answers a crisis a week late without a link, closes abruptly and does the minimum of
  aftercare, never reopening.
* ``random``: any legal-looking action with random arguments (illegal ones fail with
  ``CaseError``), waiting 1-30 days between decisions; the runner's ``max_days`` bounds it.

Examples
--------
>>> sorted(POLICIES)
['expert', 'naive', 'random']
>>> get_policy("random", 0).decide  # doctest: +ELLIPSIS
<bound method RandomPolicy.decide of ...>
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from ..domain.errors import CasekitError
from ..domain.rules import TRANSITIONS
from ..domain.vocabulary import (
    ClosureReason,
    ConsentPurpose,
    GoalOutcome,
    NeedDomain,
    RiskLevel,
    Skill,
    Stage,
)
from .expert import A, ExpertPolicy
from .observation import Action, Decision, Observation, Policy

if TYPE_CHECKING:
    from ..scenarios.model import Scenario

__all__ = ["POLICIES", "get_policy", "NaivePolicy", "RandomPolicy", "ExpertPolicy"]


class NaivePolicy:
    """A beginner's mistakes (see the module docstring)."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.crisis_seen: dict[str, int] = {}
        self.service_start: int | None = None
        self.referred = False

    def decide(self, obs: Observation) -> Decision:
        """The next decision."""
        acts: list[Action] = []
        for cid in obs.new_crises():
            first = self.crisis_seen.setdefault(cid, obs.day)
            if obs.day - first >= 8:
                acts.append(A("intervene_in_crisis", crisis_id=cid, actions=["상황 파악"]))
        more, wait = getattr(self, "_" + obs.stage.value)(obs)
        return Decision(tuple(acts + more), wait)

    def _fix_consents(self, obs: Observation) -> list[Action]:
        rules = {rule for _, _, rule in obs.last_errors}
        acts = []
        if "guardian_consent" in rules:
            acts.append(A("record_consent", purpose="guardian"))
        if "information_sharing_consent" in rules:
            acts.append(A("record_consent", purpose="information_sharing"))
        return acts

    def _intake(self, obs: Observation) -> tuple[list[Action], int]:
        acts = self._fix_consents(obs)
        if not obs.state.interviews:
            irrelevant = [q for q in obs.questions if not q.domains]
            picks = (irrelevant + list(obs.questions))[:2]
            acts += [A("ask", question=q.id, domains=list(q.domains)) for q in picks]
            fields = ("household", "housing", "income", "health", "other_services")
            acts.append(A("record_intake", **{f: "모름" for f in fields}))
            acts.append(A("decide_to_open", open_case=True))
            acts += [A("refer", resource_id=r.id) for r in obs.resources[:2]]
            acts.append(A("record_consent", purpose="services"))
        acts.append(A("advance_to", stage="assessment"))
        return acts, 7

    def _assessment(self, obs: Observation) -> tuple[list[Action], int]:
        ratings = {}
        for d in NeedDomain:
            seen = obs.observed.get(d)
            value = 1 if seen is None else seen + int(self.rng.integers(-1, 2))
            ratings[d.value] = int(min(4, max(0, value)))
        return [
            A("rate_needs", ratings=ratings),
            A("set_risk_level", level="prevention"),
            A("advance_to", stage="planning"),
        ], 7

    def _planning(self, obs: Observation) -> tuple[list[Action], int]:
        acts = []
        for d, v in obs.state.ratings.items():
            if v >= 2 and d not in {g.domain for g in obs.state.goals.values()}:
                res = [r.id for r in obs.resources if r.serves(d)][:2]
                if res:
                    acts.append(
                        A(
                            "set_goal",
                            goal_id=d.value,
                            domain=d.value,
                            description="좋아지기",
                            measure="좋아짐",
                            by_day=obs.day + 30,
                            resources=res,
                        )
                    )
        if not acts and not obs.state.goals:
            r = obs.resources[0]
            d = sorted(r.domains)[0]
            acts.append(
                A(
                    "set_goal",
                    goal_id="g1",
                    domain=d.value,
                    description="좋아지기",
                    measure="좋아짐",
                    by_day=obs.day + 30,
                    resources=[r.id],
                )
            )
        acts.append(A("advance_to", stage="service_provision"))
        return acts, 1

    def _service_provision(self, obs: Observation) -> tuple[list[Action], int]:
        acts = self._fix_consents(obs)
        services = obs.state.services
        wanted = [r for g in obs.state.goals.values() for r in g.resources]
        extra = [r.id for r in obs.resources if r.id not in wanted][:1]
        for i, rid in enumerate(dict.fromkeys(wanted + extra)):
            if rid not in services:
                acts.append(A("refer", resource_id=rid, client_agreed=bool(i % 2 == 0)))
        if self.service_start is None:
            self.service_start = obs.day
        acts.append(A("advance_to", stage="monitoring"))
        return acts, 30

    def _monitoring(self, obs: Observation) -> tuple[list[Action], int]:
        start = self.service_start or obs.day
        if obs.day - start < 60:
            return [], 30
        acts = [A("monitor", progress={g: 50 for g in obs.state.goals}), A("advance_to", stage="termination")]
        return acts + self._close(obs), 3

    def _close(self, obs: Observation) -> list[Action]:
        acts = [A("evaluate_goal", goal_id=g, outcome="achieved") for g in obs.state.goals]
        return [*acts, A("close", reason="goals_achieved"), A("advance_to", stage="aftercare")]

    def _termination(self, obs: Observation) -> tuple[list[Action], int]:
        return self._close(obs), 3

    def _reassessment(self, obs: Observation) -> tuple[list[Action], int]:
        ratings = {d.value: obs.state.ratings.get(d, 1) for d in NeedDomain}
        return [A("rate_needs", ratings=ratings), A("advance_to", stage="termination")], 1

    def _aftercare(self, obs: Observation) -> tuple[list[Action], int]:
        if len(obs.state.followups) >= 2:
            return [A("end")], 1
        return [A("follow_up")], 3


_RANDOM_VERBS = (
    "ask", "record_intake", "record_consent", "decide_to_open", "set_risk_level", "rate_needs",
    "note_strength", "record_tie", "set_goal", "drop_goal", "hold_case_conference", "record_supervision",
    "refer", "use_skill", "intervene_in_crisis", "report", "monitor", "evaluate_goal", "close",
    "follow_up", "reopen", "end", "add_note", "advance_to", "advance_to", "advance_to",
)  # fmt: skip


class RandomPolicy:
    """Random legal-looking actions (see the module docstring)."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng

    def _pick(self, seq: Any) -> Any:
        seq = list(seq)
        return seq[int(self.rng.integers(len(seq)))] if seq else None

    def decide(self, obs: Observation) -> Decision:
        """The next decision: one or two random actions, then wait 1-30 days."""
        n = int(self.rng.integers(1, 3))
        acts = [a for a in (self._action(obs) for _ in range(n)) if a is not None]
        return Decision(tuple(acts), int(self.rng.integers(1, 31)))

    def _action(self, obs: Observation) -> Action | None:
        verb = self._pick(_RANDOM_VERBS)
        pick, rng = self._pick, self.rng
        goals, crises = list(obs.state.goals), list(obs.state.crises)
        rid = pick(r.id for r in obs.resources)
        args: dict[str, Any]
        if verb == "ask":
            q = pick(obs.questions)
            args = {"question": q.id, "domains": list(q.domains)} if q else {"question": "?"}
        elif verb == "record_intake":
            args = {f: "x" for f in ("household", "housing", "income", "health", "other_services")}
        elif verb == "record_consent":
            args = {"purpose": pick(ConsentPurpose).value, "granted": bool(rng.random() < 0.8)}
            if args["purpose"] == "guardian":
                args["given_by"] = "guardian"
        elif verb == "decide_to_open":
            yes = bool(rng.random() < 0.8)
            args = {"open_case": yes, "reason": None if yes else "not_eligible"}
        elif verb == "set_risk_level":
            args = {"level": pick(RiskLevel).value}
        elif verb == "rate_needs":
            domains = list(NeedDomain) if rng.random() < 0.5 else [pick(NeedDomain)]
            args = {"ratings": {d.value: int(rng.integers(0, 5)) for d in domains}}
        elif verb in ("note_strength", "add_note"):
            args = {"text": "메모"}
        elif verb == "record_tie":
            args = {"target": rid}
        elif verb == "set_goal":
            d = pick(NeedDomain)
            args = {"goal_id": f"g{int(rng.integers(1, 4))}", "domain": d.value, "description": "목표",
                    "measure": "측정", "by_day": obs.day + int(rng.integers(20, 90)), "resources": [rid]}  # fmt: skip
        elif verb in ("drop_goal", "evaluate_goal"):
            if not goals:
                return None
            args = {"goal_id": pick(goals)}
            if verb == "evaluate_goal":
                args["outcome"] = pick(GoalOutcome).value
        elif verb == "hold_case_conference":
            args = {"participants": ["담임교사"], "agenda": "사례 논의"}
        elif verb == "record_supervision":
            args = {"supervisor": "슈퍼바이저", "topics": ["사례"], "guidance": "조언"}
        elif verb == "refer":
            args = {"resource_id": rid, "goal_id": pick(goals) if goals and rng.random() < 0.5 else None}
        elif verb == "use_skill":
            skill = pick(s for s in Skill if s is not Skill.CRISIS_INTERVENTION)
            args = {"skill": skill.value, "resource_id": rid if rng.random() < 0.6 else None}
        elif verb in ("intervene_in_crisis", "report"):
            if not crises:
                return None
            args = {"crisis_id": pick(crises)}
            if verb == "report":
                args["resource_id"] = rid
        elif verb == "monitor":
            args = {"progress": {g: int(rng.integers(0, 101)) for g in goals}}
        elif verb == "close":
            args = {"reason": pick(ClosureReason).value}
        elif verb == "reopen":
            args = {"reason": "재개"}
        elif verb == "advance_to":
            nxt = TRANSITIONS.get(obs.stage, ())
            if not nxt:
                return None
            args = {"stage": pick(nxt).value}
        else:
            args = {}
        return Action(verb, args)


def _expert(rng: np.random.Generator, scenario: Scenario | None) -> Policy:
    return ExpertPolicy(scenario.expert if scenario is not None else None)


#: Name -> factory(rng, scenario) of the built-in policies.
POLICIES: dict[str, Callable[[np.random.Generator, Any], Policy]] = {
    "expert": _expert,
    "naive": lambda rng, scenario: NaivePolicy(rng),
    "random": lambda rng, scenario: RandomPolicy(rng),
}


def get_policy(
    name: str, seed: int | np.random.Generator | None = None, *, scenario: Scenario | None = None
) -> Policy:
    """A fresh built-in policy; ``scenario`` gives the expert its key (``None``: generic rules)."""
    if name not in POLICIES:
        raise CasekitError(f"unknown policy {name!r}; built-in policies: {', '.join(sorted(POLICIES))}")
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    return POLICIES[name](rng, scenario)


_ = Stage  # Stage is part of the policies' vocabulary (advance_to targets)
