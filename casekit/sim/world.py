"""The simulated world of one case, hidden from policies.

The world holds the student's true need severity per domain (floats 0-4, starting from the
scenario's truth), the student's engagement (0-1) and the state of each linked service. It
moves one day at a time (:meth:`World.advance`) and reacts to what the case manager wrote in
the case record (:meth:`World.react`). The mechanisms and their parameters are listed in
:mod:`casekit.sim.params`:

* needs drift: unmet needs of 2 or more worsen slowly; all move a little with noise;
* a service *in progress* lowers the needs of the domains its resource serves, scaled by the
  student's engagement and an overload penalty; services move referred → accepted or waiting
  → in progress → done, written to the case by the world (author ``"world"``): an ineligible
  student is rejected unless advocacy was used; a full resource puts the student on a waiting
  list that coordination shortens and resource development may cut; linking speeds the answer;
  information raises the chance that an accepted service turns into attendance;
* engagement rises with consent, contact, counselling, collaboration and self-advocacy, and
  falls with overload, an unaddressed language or cultural barrier, referrals the student did
  not agree to, and missed sessions;
* a crisis (scenario event) raises needs and opens a response window: crisis intervention plus
  a rapid link to a resource serving the most affected domain inside it undoes part of the
  rise; missing both escalates at the window's end;
* after closure a relapse may come (less likely after education and training and after a large
  need reduction); a follow-up sees it;
* a case not opened but handed over (``decide_to_open(False, referred_to=R)``) is served by
  R itself: R checks eligibility and capacity as for any referral, answers fast after a warm
  referral (the family's consent to share information came first) and the family takes the
  first appointment more often; R's service then lowers the needs it serves at R's own
  engagement with the family. A case closed without a handover gets nothing.

Examples
--------
>>> import numpy as np
>>> from casekit.scenarios import get_scenario
>>> s = get_scenario("learning-low-income")
>>> case = s.new_case()
>>> w = World(s, OutcomeParams(), np.random.default_rng(0))
>>> w.advance(case, 30)
>>> bool(((w.severity >= 0) & (w.severity <= 4)).all()), len(w.trajectory)
(True, 31)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..domain.case import Case
from ..domain.records import WORLD_AUTHOR, RecordEntry, RecordKind
from ..domain.resources import Resource
from ..domain.text import Text
from ..domain.vocabulary import ConsentPurpose, NeedDomain, ServiceStatus, Skill, Stage
from ..scenarios.model import EventKind, Scenario, ScenarioEvent
from .mechanisms import overload_factor, service_effect
from .params import OutcomeParams

__all__ = ["DOMAINS", "World", "ServiceSim", "CrisisSim"]

#: Need domains in vocabulary order: the columns of every severity vector.
DOMAINS: tuple[NeedDomain, ...] = tuple(NeedDomain)
_IDX = {d: i for i, d in enumerate(DOMAINS)}
_ST = ServiceStatus
WORLD = WORLD_AUTHOR


@dataclass
class ServiceSim:
    """The world's side of one linked service."""

    resource: Resource
    referred_day: int
    status: ServiceStatus
    due: int
    tries: int = 0
    started: int | None = None
    waited: bool = False
    transfer: bool = False  # a case handed over: the resource carries it, not the school
    warm: bool = False


@dataclass
class CrisisSim:
    """A crisis in the world: its rise, window and how the case manager responded."""

    event: ScenarioEvent
    case_id: str | None
    day: int
    end: int
    change: np.ndarray
    domain: NeedDomain
    intervened: bool = False
    linked: bool = False
    reported: bool = False
    outcome: str = ""


@dataclass
class _Skills:
    days: dict[Skill, list[int]] = field(default_factory=dict)
    on: dict[tuple[Skill, str], list[int]] = field(default_factory=dict)

    def used(self, skill: Skill, since: float = -1, rid: str | None = None) -> bool:
        days = self.days.get(skill, []) if rid is None else self.on.get((skill, rid), [])
        return any(d >= since for d in days)


class World:
    """The hidden world of one case (see the module docstring).

    Parameters
    ----------
    scenario
        The scenario whose truth and events drive the world.
    params
        The outcome model's parameters.
    rng
        The world's only source of randomness.
    """

    def __init__(self, scenario: Scenario, params: OutcomeParams, rng: np.random.Generator) -> None:
        self.scenario, self.p, self.rng = scenario, params, rng
        self.client = scenario.client
        self.severity = np.array([float(scenario.truth.needs[d]) for d in DOMAINS])
        self.initial = self.severity.copy()
        self.engagement = float(params.engagement_start)
        self.day = scenario.referral.day
        self.trajectory: list[np.ndarray] = [self.severity.copy()]
        self.services: dict[str, ServiceSim] = {}
        self.skills = _Skills()
        self.full: set[str] = set()
        self.closed: set[str] = set()
        self.events: dict[int, list[ScenarioEvent]] = {}
        for e in scenario.events:
            self.events.setdefault(e.day, []).append(e)
        self.questions = {q.id: q for q in scenario.interview}
        self.observed: dict[NeedDomain, int] = {}
        self.answers: dict[str, Text] = {}
        self.no_shows: list[tuple[int, str]] = []
        self.refusals: list[tuple[int, str]] = []
        self.crises: list[CrisisSim] = []
        self.barrier = bool(self.client.interpreter_needed or scenario.truth.barriers)
        self.barrier_addressed = False
        self.consented = False
        self.consents: set[ConsentPurpose] = set()
        self.goal_domains: set[NeedDomain] = set()
        self.closure_day: int | None = None
        self.relapse_day: int | None = None
        self.relapsed = False
        self.relapse_caught = False
        self.relapse_p: float | None = None
        self._seen = 0

    # -- what policies may learn ---------------------------------------------------------

    def wake_days(self) -> list[int]:
        """Days on which the world calls the case manager (crises, disclosures)."""
        kinds = (EventKind.CRISIS, EventKind.DISCLOSURE)
        return sorted(d for d, es in self.events.items() if any(e.kind in kinds for e in es))

    def follow_up_finding(self) -> str:
        """What an aftercare follow-up finds today: ``relapse`` or ``stable``."""
        return "relapse" if self.relapsed and not self.relapse_caught else "stable"

    def attendance_probability(self) -> float:
        """The chance an accepted service turns into attendance today."""
        base = self.p.uptake_base + (self.p.information_uptake if self.skills.used(Skill.INFORMATION) else 0)
        return float(min(1.0, base) * (0.5 + 0.5 * self.engagement))

    def relapse_probability(self) -> float:
        """The chance of relapse if the case closed today."""
        high = self.initial >= 2
        achieved = 0.0
        if high.any():
            achieved = float(
                np.clip((self.initial[high] - self.severity[high]) / self.initial[high], 0, 1).mean()
            )
        p = self.p.relapse_base * (1 - self.p.reduction_relapse_cut * achieved)
        if self.skills.used(Skill.EDUCATION_TRAINING):
            p *= 1 - self.p.education_relapse_cut
        return float(p)

    def _reveal(self, domains: object) -> None:
        for d in domains:  # type: ignore[attr-defined]
            self.observed[d] = round(self.severity[_IDX[d]])

    # -- time ------------------------------------------------------------------------------

    def advance(self, case: Case, to_day: int) -> None:
        """Move the world, day by day, up to and including ``to_day``."""
        for d in range(self.day + 1, to_day + 1):
            self.day = d
            self._step(case, d)

    def _step(self, case: Case, d: int) -> None:
        for c in self.crises:
            if not c.outcome and d > c.end:
                self._resolve(c)
        for e in self.events.get(d, ()):
            self._event(case, e, d)
        for rid in sorted(self.services):
            s = self.services[rid]
            if s.due <= d and s.status in (_ST.REFERRED, _ST.WAITING, _ST.ACCEPTED, _ST.IN_PROGRESS):
                self._transition(case, rid, s, d)
        self._dynamics()
        if self.relapse_day == d and not self.relapsed:
            self.relapsed = True
            for dom in self.goal_domains or {x for x in DOMAINS if self.initial[_IDX[x]] >= 2}:
                self.severity[_IDX[dom]] += self.p.relapse_rise
        np.clip(self.severity, 0, 4, out=self.severity)
        self.trajectory.append(self.severity.copy())

    def _active(self) -> int:
        return sum(
            1 for s in self.services.values() if s.status.active and s.resource.setting.value != "informal"
        )

    def _dynamics(self) -> None:
        p = self.p
        active = self._active()
        over = max(0.0, active - p.overload_threshold)
        factor = overload_factor(active, p.overload_threshold, p.overload_penalty)
        serving = np.zeros(len(DOMAINS))
        handed = np.zeros(len(DOMAINS))  # handed-over cases run at the receiving agency's engagement
        for s in self.services.values():
            if s.status is _ST.IN_PROGRESS:
                for dom in s.resource.domains:
                    (handed if s.transfer else serving)[_IDX[dom]] += 1
        effect = service_effect(p.service_rate, self.engagement, factor, serving)
        effect += service_effect(p.service_rate, p.transfer_engagement, factor, handed)
        serving += handed
        unmet = (self.severity >= 2) & (serving == 0)
        noise = self.rng.normal(0.0, p.noise_sd, len(DOMAINS))
        self.severity += noise + p.drift_unmet * unmet - effect
        np.clip(self.severity, 0, 4, out=self.severity)
        e = self.engagement - p.overload_drop * over
        if self.barrier and not self.barrier_addressed:
            e -= p.barrier_drop
        self._set_engagement(e)

    def _set_engagement(self, value: float) -> None:
        self.engagement = float(min(1.0, max(0.05, value)))

    # -- services --------------------------------------------------------------------------

    def _write(self, case: Case, rid: str, status: ServiceStatus, reason: str, d: int) -> None:
        s = self.services[rid]
        s.status = status
        if not case.ended and not s.transfer:  # a handed-over case is the other agency's record
            case.update_service(rid, status, reason, day=d, author=WORLD)

    def _wait_cut(self, rid: str, days: float) -> int:
        if self.skills.used(Skill.COORDINATION, rid=rid):
            days *= 1 - self.p.coordination_wait_cut
        return round(days)

    def _transition(self, case: Case, rid: str, s: ServiceSim, d: int) -> None:
        r, p = s.resource, self.p
        if case.ended and s.status is not _ST.IN_PROGRESS and not s.transfer:
            s.status = _ST.CANCELLED  # the case has ended: nobody carries the referral on
            return
        if s.status is _ST.REFERRED:
            if rid in self.closed:
                return self._write(case, rid, _ST.REJECTED, "resource closed", d)
            if not r.eligibility.admits(self.client):
                advocated = self.skills.used(Skill.ADVOCACY, rid=rid)
                if not advocated or self.rng.random() >= p.advocacy_accept:
                    return self._write(case, rid, _ST.REJECTED, "not eligible", d)
            full = rid in self.full or (r.capacity is not None and self.rng.random() < p.full_chance)
            if full:
                s.waited = True
                s.due = d + max(1, self._wait_cut(rid, max(7, r.wait_days)))
                return self._write(case, rid, _ST.WAITING, "", d)
            s.due = max(d + 1, s.referred_day + self._wait_cut(rid, r.wait_days))
            return self._write(case, rid, _ST.ACCEPTED, "", d)
        if s.status is _ST.WAITING:
            s.due = d + 1
            return self._write(case, rid, _ST.ACCEPTED, "place available", d)
        if s.status is _ST.ACCEPTED:
            if s.transfer:
                chance = p.transfer_uptake_warm if s.warm else p.transfer_uptake_cold
            else:
                chance = self.attendance_probability()
            if self.rng.random() < chance:
                s.started, s.due = d, d + int(p.service_days)
                return self._write(case, rid, _ST.IN_PROGRESS, "", d)
            s.tries += 1
            if not s.transfer:
                self.no_shows.append((d, rid))
            if s.tries >= 3:
                return self._write(case, rid, _ST.CANCELLED, "did not attend", d)
            s.due = d + 7
            return None
        return self._write(case, rid, _ST.DONE, "", d)

    # -- events ----------------------------------------------------------------------------

    def _event(self, case: Case, e: ScenarioEvent, d: int) -> None:
        change = np.zeros(len(DOMAINS))
        for dom, step in e.needs_change.items():
            change[_IDX[dom]] = step
        s = self.services.get(e.resource or "")
        if e.kind is EventKind.CRISIS:
            self.severity += change
            np.clip(self.severity, 0, 4, out=self.severity)
            window = (
                e.response_window_days
                if e.response_window_days is not None
                else case.rules.crisis_window_days
            )
            cid = None
            if not case.ended and e.crisis is not None:
                cid = case.record_crisis(
                    e.crisis, window_days=window, description=e.description.to_dict(), day=d, author=WORLD
                )
            dom = DOMAINS[int(np.argmax(change))] if change.any() else NeedDomain.WELFARE
            self.crises.append(CrisisSim(e, cid, d, d + window, change, dom))
            if self.closure_day is not None and not case.ended and (self.severity >= 2).any():
                # A crisis after closure is what aftercare follow-ups are there to catch
                # (DOMAIN.md §3): the next follow-up finds it, and the case may be reopened.
                self.relapsed, self.relapse_caught = True, False
        elif e.kind is EventKind.DISCLOSURE:
            self.severity += change
            np.clip(self.severity, 0, 4, out=self.severity)
            self._reveal([dom for dom, step in e.needs_change.items() if step])
        elif e.kind is EventKind.NO_SHOW:
            if s is not None and s.status in (_ST.ACCEPTED, _ST.IN_PROGRESS):
                self._set_engagement(self.engagement - self.p.no_show_drop)
                self.no_shows.append((d, e.resource or ""))
        elif e.kind is EventKind.WAITING_LIST:
            self.full.add(e.resource or "")
            if s is not None and s.status is _ST.REFERRED:
                s.waited = True
                s.due = d + max(1, self._wait_cut(s.resource.id, max(7, s.resource.wait_days)))
                self._write(case, s.resource.id, _ST.WAITING, "", d)
        elif e.kind is EventKind.REFUSAL:
            protected = self.skills.used(
                Skill.COUNSELLING, d - self.p.refusal_protect_days
            ) or self.skills.used(Skill.COLLABORATION, d - self.p.refusal_protect_days)
            if s is not None and s.status.active and not protected:
                self.refusals.append((d, s.resource.id))
                self._write(case, s.resource.id, _ST.CANCELLED, "client refused", d)
        elif e.kind is EventKind.RESOURCE_CLOSED:
            self.closed.add(e.resource or "")
            if s is not None and s.status.active:
                self._write(case, s.resource.id, _ST.CANCELLED, "resource closed", d)

    def _resolve(self, c: CrisisSim) -> None:
        rise = np.clip(c.change, 0, None)
        if c.intervened and c.linked:
            self.severity -= self.p.stabilise_share * rise
            c.outcome = "stabilised"
        elif c.intervened or c.linked:
            c.outcome = "partial"
        else:
            self.severity += self.p.escalation_share * rise
            c.outcome = "escalated"
        np.clip(self.severity, 0, 4, out=self.severity)

    def finish(self) -> None:
        """Resolve crises whose window is still open when the run stops."""
        for c in self.crises:
            if not c.outcome:
                self._resolve(c)

    # -- reacting to the record ---------------------------------------------------------------

    def react(self, case: Case) -> None:
        """Take in every record entry written since the last call (the case manager's actions)."""
        record = case.record
        for entry in record[self._seen :]:
            if entry.author != WORLD:
                self._take(case, entry)
        self._seen = len(record)

    def _in_window(self, day: int) -> list[CrisisSim]:
        return [c for c in self.crises if c.day <= day <= c.end and not c.outcome]

    def _take(self, case: Case, e: RecordEntry) -> None:
        f, k, p = e.fields, e.kind, self.p
        if k is RecordKind.INTERVIEW and f.get("question") in self.questions:
            q = self.questions[f["question"]]
            self.answers[q.id] = q.reveals
            self._reveal(q.domains)
        elif k is RecordKind.CONSENT:
            purpose = ConsentPurpose.parse(f["purpose"])
            (self.consents.add if f.get("granted") else self.consents.discard)(purpose)
            if purpose is ConsentPurpose.SERVICES and f.get("granted") and not self.consented:
                self.consented = True
                self._set_engagement(self.engagement + p.consent_boost)
        elif k is RecordKind.ELIGIBILITY and not f.get("open") and f.get("referred_to") in case.directory:
            self._hand_over(case, f["referred_to"], e.day)
        elif k is RecordKind.LINK:
            rid = f["resource"]
            due = e.day + int(p.accept_days)
            if self.skills.used(Skill.LINKING, rid=rid):
                due = e.day + int(p.linking_accept_days)
            self.services[rid] = ServiceSim(case.directory[rid], e.day, _ST.REFERRED, due)
            if not f.get("client_agreed", True):
                self._set_engagement(self.engagement - p.unagreed_drop)
            for c in self._in_window(e.day):
                if c.domain in case.directory[rid].domains:
                    c.linked = True
        elif k in (RecordKind.DIRECT_PRACTICE, RecordKind.INDIRECT_PRACTICE):
            self._skill(case, Skill.parse(f["skill"]), f.get("resource"), e.day)
        elif k is RecordKind.CRISIS_INTERVENTION:
            for c in self._in_window(e.day):
                if c.case_id == f.get("crisis"):
                    c.intervened = True
            self.skills.days.setdefault(Skill.CRISIS_INTERVENTION, []).append(e.day)
        elif k is RecordKind.MANDATORY_REPORT:
            for c in self.crises:
                if c.case_id == f.get("crisis"):
                    c.reported = True
        elif k is RecordKind.GOAL_SET:
            self.goal_domains.add(NeedDomain.parse(f["domain"]))
        elif k is RecordKind.MONITORING:
            self._reveal({g.domain for g in case.goals.values()})
        elif k is RecordKind.STAGE_CHANGE and f.get("to") == Stage.REASSESSMENT:
            if f.get("from") == Stage.AFTERCARE:
                self.relapse_caught = self.relapse_caught or self.relapsed
                self.closure_day = None
                if not self.relapsed:
                    self.relapse_day = None
            self._reveal(list(self.observed))
        elif k is RecordKind.CLOSURE:
            self.closure_day = e.day
            if case.opened is False:  # nothing was done here that could relapse
                return
            self.relapse_p = self.relapse_probability()
            if self.rng.random() < self.relapse_p and not self.relapsed:
                self.relapse_day = e.day + int(self.rng.integers(14, 150))
        elif k is RecordKind.FOLLOW_UP and f.get("finding") == "relapse":
            self.relapse_caught = True

    def _hand_over(self, case: Case, rid: str, day: int) -> None:
        """The case is not opened but handed to ``rid``, which serves the family itself."""
        wanted = {ConsentPurpose.INFORMATION_SHARING}
        if self.client.needs_guardian_consent(case.rules.guardian_consent_age):
            wanted.add(ConsentPurpose.GUARDIAN)
        warm = wanted <= self.consents
        due = day + int(self.p.linking_accept_days if warm else self.p.accept_days)
        self.services[rid] = ServiceSim(case.directory[rid], day, _ST.REFERRED, due, transfer=True, warm=warm)

    def _skill(self, case: Case, skill: Skill, rid: str | None, day: int) -> None:
        p = self.p
        self.skills.days.setdefault(skill, []).append(day)
        if rid is not None:
            self.skills.on.setdefault((skill, rid), []).append(day)
        boosts = {
            Skill.COUNSELLING: p.counselling_boost,
            Skill.COLLABORATION: p.collaboration_boost,
            Skill.SELF_ADVOCACY: p.self_advocacy_boost,
        }
        if skill.kind.value == "direct":
            self._set_engagement(self.engagement + p.contact_boost + boosts.get(skill, 0.0))
        if skill in (Skill.INFORMATION, Skill.COLLABORATION):
            self.barrier_addressed = True
        s = self.services.get(rid or "")
        if s is None:
            if (
                skill is Skill.RESOURCE_DEVELOPMENT
                and rid in self.full
                and self.rng.random() < p.development_chance
            ):
                self.full.discard(rid)  # a place was opened before any referral
            return
        if skill is Skill.LINKING and s.status is _ST.REFERRED:
            s.due = min(s.due, day + int(p.linking_accept_days))
        elif skill is Skill.COORDINATION and s.status is _ST.WAITING:
            s.due = day + round((s.due - day) * (1 - p.coordination_wait_cut))
        elif skill is Skill.RESOURCE_DEVELOPMENT and s.status is _ST.WAITING:
            if self.rng.random() < p.development_chance:
                s.due = day + 1
        elif skill is Skill.LINKING:
            for c in self._in_window(day):
                if c.domain in s.resource.domains and s.status.active:
                    c.linked = True
