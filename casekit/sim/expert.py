"""The expert policy: good school case-management practice, with or without an expert key.

It asks the informative questions, records intake, takes consents first (services,
information sharing, sensitive information; a guardian's under 14), opens the case when a
need of 2 or more was observed in the student's own domains (or as the key says), rates needs
from what it observed, plans a goal for each need of 2 or more with a resource that serves
the domain and admits the student (shortest wait first; one formal service per goal so the
student is not overloaded), calls a case conference for complex cases, gives information
first, then collaboration, self-advocacy support and education, counsels when sessions are
missed, monitors regularly, answers a crisis on the day it is recorded (intervention, a rapid
link, the mandatory report), reassesses after a crisis or when progress stalls, closes with
an evaluation of every goal, follows up on a tapering schedule (14, 30, 90, 180 days) and
reopens on relapse. When the only needs of 2 or more are the household's (economic, welfare:
DOMAIN.md §1, family-level work goes out), it does not open the case but hands it over with
the family's consent to share information (a warm referral) to the agency the key names
(``expert.intake.referred_to``) or, without one, to the out-of-school agency serving the
most observed needs.

Given a scenario's :class:`~casekit.scenarios.ExpertKey` it takes the expert's questions,
risk level, goals, resources, monitoring interval and follow-up schedule from it.

Examples
--------
>>> from casekit.scenarios import get_scenario
>>> from casekit.sim import run_case
>>> s = get_scenario("income-loss-midcase")
>>> run_case(s, ExpertPolicy(key=None), seed=3).closed_reason
'goals_achieved'
"""

from __future__ import annotations

from typing import Any

from ..domain.resources import Resource
from ..domain.rules import MANDATORY_REPORT_CRISES
from ..domain.vocabulary import CrisisType, NeedDomain, RiskLevel, ServiceStatus, Setting, Stage
from ..scenarios.model import ExpertKey
from .observation import Action, Decision, Observation

__all__ = [
    "ExpertPolicy",
    "CRISIS_DOMAINS",
    "HOUSEHOLD_DOMAINS",
    "best_resources",
    "handover_target",
    "risk_from",
]

D = NeedDomain
#: Practice knowledge: the domains each crisis hits first (DOMAIN.md §5).
CRISIS_DOMAINS: dict[CrisisType, tuple[NeedDomain, ...]] = {
    CrisisType.INCOME_LOSS: (D.ECONOMIC, D.WELFARE),
    CrisisType.BEREAVEMENT: (D.PSYCHOLOGICAL, D.WELFARE),
    CrisisType.HOUSING_LOSS: (D.WELFARE, D.ECONOMIC),
    CrisisType.ABUSE_NEGLECT: (D.SAFETY, D.PSYCHOLOGICAL),
    CrisisType.SELF_HARM_RISK: (D.PSYCHOLOGICAL, D.MEDICAL),
    CrisisType.SCHOOL_VIOLENCE: (D.SAFETY, D.RELATIONAL),
    CrisisType.FAMILY_VIOLENCE: (D.SAFETY, D.PSYCHOLOGICAL),
    CrisisType.SERIOUS_ILLNESS: (D.MEDICAL, D.ECONOMIC),
}
#: Needs that belong to the household more than to the student: when they are the only needs of
#: 2 or more, the family's case goes to a community welfare center or the Hope Welfare Support
#: Team rather than being opened at school (DOMAIN.md §1, seed 000).
HOUSEHOLD_DOMAINS: frozenset[NeedDomain] = frozenset({D.ECONOMIC, D.WELFARE})
_ROTATION = ("self_advocacy", "collaboration", "counselling", "education_training", "information")
_IMPLEMENTATION = (Stage.SERVICE_PROVISION, Stage.MONITORING)


def A(verb: str, **args: Any) -> Action:
    """Shorthand for :class:`Action`."""
    return Action(verb, args)


def risk_from(observed: dict[NeedDomain, int]) -> RiskLevel:
    """A risk level from the highest observed severity (4 serious, 3 alert, 2 caution)."""
    top = max(observed.values(), default=0)
    return [
        RiskLevel.PREVENTION,
        RiskLevel.PREVENTION,
        RiskLevel.CAUTION,
        RiskLevel.ALERT,
        RiskLevel.SERIOUS,
    ][top]


def best_resources(obs: Observation, domain: NeedDomain, exclude: set[str] = frozenset()) -> list[Resource]:
    """Resources that serve ``domain`` and admit the student, shortest wait (then in school) first."""
    admits = [
        r
        for r in obs.resources
        if r.serves(domain) and r.id not in exclude and r.eligibility.admits(_client_like(obs))
    ]
    order = {Setting.IN_SCHOOL: 0, Setting.OUT_OF_SCHOOL: 1, Setting.INFORMAL: 2}
    return sorted(admits, key=lambda r: (r.wait_days, order[r.setting], r.id))


def handover_target(obs: Observation, key: ExpertKey | None = None) -> Resource | None:
    """Where a case that is not opened goes: the key's ``referred_to``, or else the out-of-school
    resource admitting the student that serves the most observed needs of 2 or more (then the
    shortest wait); ``None`` when nothing fits.
    """
    if key is not None and key.intake.referred_to is not None:
        return obs.resource(key.intake.referred_to)
    high = {d for d, v in obs.observed.items() if v >= 2}
    scored = [
        (sum(r.serves(d) for d in high), r)
        for r in obs.resources
        if r.setting is Setting.OUT_OF_SCHOOL and r.eligibility.admits(_client_like(obs))
    ]
    scored = [(n, r) for n, r in scored if n > 0]
    return min(scored, key=lambda nr: (-nr[0], nr[1].wait_days, nr[1].id))[1] if scored else None


class _Facts:
    def __init__(self, obs: Observation) -> None:
        s = obs.student
        self.age, self.school_level, self.eligibility = s.age, s.school_level, s.eligibility


def _client_like(obs: Observation) -> Any:
    return _Facts(obs)


class ExpertPolicy:
    """Good practice (see the module docstring); ``key`` is the scenario's expert key or ``None``."""

    def __init__(self, key: ExpertKey | None = None) -> None:
        self.key = key
        self.every = key.monitoring.every_days if key and key.monitoring else 14
        self.offsets = key.aftercare.followup_days if key and key.aftercare else (14, 30, 90, 180)
        self.asked = False
        self.closed_day: int | None = None
        self.service_start: int | None = None
        self.reassess_for: set[str] = set()
        self.seen_no_shows = 0
        self.rotation = 0
        self.reopened = 0
        self.touched: set[str] = set()

    def decide(self, obs: Observation) -> Decision:
        """The next decision."""
        acts: list[Action] = []
        for cid in obs.new_crises():
            acts += self._crisis(obs, cid)
        more, wait = getattr(self, "_" + obs.stage.value)(obs)
        return Decision(tuple(acts + more), wait)

    # -- stages ----------------------------------------------------------------------------

    def _intake(self, obs: Observation) -> tuple[list[Action], int]:
        if not self.asked:
            self.asked = True
            wanted = self.key.intake.questions if self.key else [q.id for q in obs.questions if q.domains]
            qs = {q.id: q for q in obs.questions}
            acts = [
                A("ask", question=q, domains=list(qs[q].domains), minutes=qs[q].minutes)
                for q in wanted
                if q in qs
            ]
            acts.append(
                A(
                    "record_intake",
                    household=obs.student.household_type.ko,
                    housing="면접 기록 참조",
                    income="면접 기록 참조",
                    health="면접 기록 참조",
                    other_services="면접 기록 참조",
                )
            )
            return acts, 2
        high = {d for d, v in obs.observed.items() if v >= 2}
        open_case = self.key.intake.open_case if self.key else bool(high - HOUSEHOLD_DOMAINS)
        risk = self.key.intake.risk_level if self.key else risk_from(dict(obs.observed))
        acts = [A("set_risk_level", level=risk.value)]
        if not open_case:
            return acts + self._hand_over(obs), 1
        acts += [A("decide_to_open", open_case=True)]
        acts += [
            A("record_consent", purpose=p)
            for p in ("services", "information_sharing", "sensitive_information")
        ]
        if obs.guardian_needed:
            acts.append(A("record_consent", purpose="guardian"))
        acts.append(A("advance_to", stage="assessment"))
        return acts, 3

    def _hand_over(self, obs: Observation) -> list[Action]:
        """Not opened: consents to share information, the decision with where it goes, closure."""
        target = handover_target(obs, self.key)
        default = "transferred" if target is not None else "not_eligible"
        reason = self.key.termination.closure_reason.value if self.key else default
        acts: list[Action] = []
        if target is not None and target.requires_information_sharing:
            wanted = ["information_sharing"] + (["guardian"] if obs.guardian_needed else [])
            purposes = [p.value for p in self.key.intake.consents] if self.key else wanted
            acts += [A("record_consent", purpose=p) for p in purposes]
        summary = f"사례 미개시, {target.name.ko}에 의뢰" if target is not None else "개입 대상 아님"
        return [
            *acts,
            A("decide_to_open", open_case=False, reason=reason, referred_to=target.id if target else None),
            A("advance_to", stage="termination"),
            A("close", reason=reason, summary=summary),
            A("end"),
        ]

    def _ratings(self, obs: Observation) -> dict[str, int]:
        old = obs.state.ratings
        out = {}
        for d in NeedDomain:
            if d in obs.observed:
                out[d.value] = int(obs.observed[d])
            elif d in old:
                out[d.value] = int(old[d])
            elif self.key and self.key.assessment:
                out[d.value] = int(self.key.assessment.needs[d])
            else:
                out[d.value] = 0
        return out

    def _assessment(self, obs: Observation) -> tuple[list[Action], int]:
        ratings = self._ratings(obs)
        risk = (
            self.key.intake.risk_level
            if self.key
            else risk_from({NeedDomain(k): v for k, v in ratings.items()})
        )
        return [
            A("rate_needs", ratings=ratings),
            A("set_risk_level", level=risk.value),
            A("advance_to", stage="planning"),
        ], 5

    def _reassessment(self, obs: Observation) -> tuple[list[Action], int]:
        ratings = self._ratings(obs)
        needs = any(v >= 2 for v in ratings.values())
        acts = [A("rate_needs", ratings=ratings)]
        if needs:
            return [*acts, A("advance_to", stage="planning")], 2
        return [*acts, A("advance_to", stage="termination")], 1

    def _plan_resources(self, obs: Observation, domain: NeedDomain) -> list[str]:
        ok = {r.id for r in best_resources(obs, domain)}
        if self.key and self.key.planning:
            for g in self.key.planning.goals:
                if g.domain is domain and any(r in ok for r in g.resources):
                    return [r for r in g.resources if r in ok]
        return [r.id for r in best_resources(obs, domain)[:2]]

    def _planning(self, obs: Observation) -> tuple[list[Action], int]:
        ratings = obs.state.ratings
        goals = obs.state.goals
        have = {g.domain for g in goals.values()}
        acts: list[Action] = []
        for d in NeedDomain:
            if ratings.get(d, 0) >= 2 and d not in have:
                res = self._plan_resources(obs, d)
                if res:
                    acts.append(
                        A(
                            "set_goal",
                            goal_id=d.value,
                            domain=d.value,
                            description=f"{d.ko} 욕구 완화",
                            measure="점검 시 심각도 1 이하",
                            by_day=obs.day + 75,
                            resources=res,
                        )
                    )
        complex_case = len(goals) + len(acts) >= 3 or (
            self.key and self.key.planning and self.key.planning.case_conference
        )
        if complex_case and obs.state.conferences == 0:
            acts.append(
                A(
                    "hold_case_conference",
                    participants=["담임교사", "전문상담교사", "교육복지사"],
                    agenda="역할 분담",
                )
            )
        acts.append(A("advance_to", stage="service_provision"))
        return acts, 1

    def _service_provision(self, obs: Observation) -> tuple[list[Action], int]:
        acts = [A("use_skill", skill="information")]
        acts += self._link_goals(obs)
        acts += [A("use_skill", skill="collaboration"), A("use_skill", skill="self_advocacy")]
        acts += [A("use_skill", skill="education_training"), A("advance_to", stage="monitoring")]
        if self.service_start is None:
            self.service_start = obs.day
        return acts, self.every

    def _link_goals(self, obs: Observation) -> list[Action]:
        services = obs.state.services
        acts: list[Action] = []
        planned: set[str] = set()
        for g in obs.state.goals.values():
            if obs.state.ratings.get(g.domain, 0) < 2:
                continue
            active = [r for r in services if services[r].active and obs.resource(r).serves(g.domain)]
            if active:
                continue
            tried = {
                r for r in services if services[r].status in (ServiceStatus.REJECTED, ServiceStatus.CANCELLED)
            }
            options = [r for r in g.resources if r not in tried] or [
                r.id for r in best_resources(obs, g.domain, exclude=tried | set(services))
            ]
            formal = [r for r in options if obs.resource(r).setting is not Setting.INFORMAL][:1]
            informal = [r for r in options if obs.resource(r).setting is Setting.INFORMAL]
            for rid in formal + informal:
                if rid in planned or (rid in services and services[rid].active):
                    continue
                planned.add(rid)
                acts += [
                    A("use_skill", skill="linking", resource_id=rid),
                    A("refer", resource_id=rid, goal_id=g.id),
                ]
                if obs.resource(rid).wait_days >= 7:
                    acts.append(A("use_skill", skill="coordination", resource_id=rid))
        return acts

    def _monitoring(self, obs: Observation) -> tuple[list[Action], int]:
        st = obs.state
        acts: list[Action] = []
        if len(obs.no_shows) > self.seen_no_shows or obs.refusals:
            self.seen_no_shows = len(obs.no_shows)
            acts += [A("use_skill", skill="counselling"), A("use_skill", skill="collaboration")]
        else:
            acts.append(A("use_skill", skill=_ROTATION[self.rotation % len(_ROTATION)]))
            self.rotation += 1
        for rid, s in st.services.items():
            if s.status is ServiceStatus.WAITING and rid not in self.touched:
                self.touched.add(rid)
                acts += [
                    A("use_skill", skill="coordination", resource_id=rid),
                    A("use_skill", skill="resource_development", resource_id=rid),
                ]
        acts += self._link_goals(obs)
        progress = {}
        for gid, g in st.goals.items():
            rated = max(1, st.ratings.get(g.domain, 1))
            now = obs.observed.get(g.domain, rated)
            progress[gid] = int(max(0, min(100, round(100 * (rated - now) / rated))))
        acts.append(A("monitor", progress=progress))
        started = self.service_start if self.service_start is not None else obs.day
        since = obs.day - started
        crisis_days = [c.day for c in st.crises.values()]
        for c in st.crises.values():
            if obs.day - c.day >= 14 and c.id not in self.reassess_for:
                self.reassess_for.add(c.id)
                return [*acts, A("advance_to", stage="reassessment")], 1
        done = all(obs.observed.get(g.domain, 4) <= 1 for g in st.goals.values())
        recent_crisis = any(obs.day - d < 30 for d in crisis_days)
        if (done and since >= 45 and not recent_crisis) or since >= 200:
            self.service_start = None
            return acts + self._close(obs), 1
        return acts, self.every

    def _close(self, obs: Observation) -> list[Action]:
        # From reassessment the case may already be at termination.
        acts = [] if obs.stage is Stage.TERMINATION else [A("advance_to", stage="termination")]
        for gid, g in obs.state.goals.items():
            now = obs.observed.get(g.domain, 4)
            outcome = (
                "achieved"
                if now <= 1
                else "partly"
                if now < obs.state.ratings.get(g.domain, 4)
                else "not_achieved"
            )
            acts.append(A("evaluate_goal", goal_id=gid, outcome=outcome))
        reason = self.key.termination.closure_reason.value if self.key else "goals_achieved"
        acts += [A("close", reason=reason, summary="평가 후 계획된 종결"), A("advance_to", stage="aftercare")]
        self.closed_day = obs.day
        return acts

    def _termination(self, obs: Observation) -> tuple[list[Action], int]:
        return self._close(obs), 1

    def _aftercare(self, obs: Observation) -> tuple[list[Action], int]:
        closed = self.closed_day if self.closed_day is not None else obs.day
        done = len(obs.state.followups)
        if obs.state.followups and obs.state.followups[-1][1].value == "relapse" and self.reopened < 2:
            self.reopened += 1
            self.reassess_for = {c for c in obs.state.crises}
            return [A("reopen", reason="사후관리 점검에서 재발 확인")], 1
        if done >= len(self.offsets):
            return [A("end")], 1
        due = closed + self.offsets[done]
        if obs.day >= due:
            nxt = closed + self.offsets[done + 1] if done + 1 < len(self.offsets) else obs.day + 1
            return [A("follow_up", note="정기 사후관리")], max(1, nxt - obs.day)
        return [], due - obs.day

    # -- crisis ------------------------------------------------------------------------------

    def _crisis(self, obs: Observation, cid: str) -> list[Action]:
        crisis = obs.state.crises[cid]
        acts = [A("intervene_in_crisis", crisis_id=cid, actions=["안전 확인", "신속 자원 사정"])]
        if crisis.type in MANDATORY_REPORT_CRISES:
            agencies = [
                r for r in obs.resources if r.serves(NeedDomain.SAFETY) and r.setting is Setting.OUT_OF_SCHOOL
            ]
            if agencies:
                acts.append(A("report", crisis_id=cid, resource_id=agencies[0].id))
        services = obs.state.services
        linked: set[str] = set()  # one resource may serve two of the crisis's domains
        preferred = list(self.key.crisis.resources) if self.key and self.key.crisis else []
        for domain in CRISIS_DOMAINS[crisis.type]:
            options = sorted(
                best_resources(obs, domain),
                key=lambda r: (
                    r.id not in preferred,
                    preferred.index(r.id) if r.id in preferred else 0,
                    r.wait_days,
                ),
            )
            active = [r.id for r in options if r.id in services and services[r.id].active]
            if active and obs.stage in (Stage.PLANNING, *_IMPLEMENTATION):
                acts.append(A("use_skill", skill="linking", resource_id=active[0]))
                continue
            fresh = [r.id for r in options if r.id not in services or not services[r.id].active]
            if fresh and fresh[0] not in linked:
                acts.append(A("refer", resource_id=fresh[0]))
                linked.add(fresh[0])
        if obs.stage in _IMPLEMENTATION:
            acts.append(A("use_skill", skill="counselling"))
        return acts
