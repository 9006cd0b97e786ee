"""A case: one student's way through the case-management process, kept as a record.

Every method that acts on a case appends one immutable :class:`RecordEntry` and updates the
state derived from the record. A method that breaks a rule of the process raises
:class:`CaseError` naming the stage and the rule (see :mod:`casekit.domain.rules`) and leaves
the case exactly as it was.

Examples
--------
A student of 15 referred by the homeroom teacher, taken through intake to assessment:

>>> from casekit.domain import *
>>> client = Client(id="S1", name=Text("이서준", "Lee Seojun"), sex=Sex.MALE, age=15,
...                 school_level=SchoolLevel.MIDDLE, grade=3, household_type=HouseholdType.SINGLE_PARENT)
>>> manager = CaseManager(id="cm1", name=Text("박지원", "Park Jiwon"))
>>> case = Case(client, manager, referral=Referral("homeroom", Text("결석이 잦음", "often absent")))
>>> case.advance_to(Stage.ASSESSMENT)
Traceback (most recent call last):
...
casekit.domain.errors.CaseError: intake (접수): intake_recorded: 접수 기록지를 먼저 작성하세요. / Write the intake record first.
>>> _ = case.record_intake(household="mother and student", housing="rented flat", income="low",
...                        health="no known illness", other_services="none")
>>> _ = case.decide_to_open(True)
>>> _ = case.record_consent(ConsentPurpose.SERVICES)
>>> _ = case.advance_to(Stage.ASSESSMENT, day=3)
>>> case.stage, case.day, len(case.record)
(Stage.ASSESSMENT, 3, 5)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .errors import CaseError
from .operating import CaseConference, SupervisionSession
from .people import CaseManager, Client, Consent, Referral
from .plan import CrisisEpisode, Goal, Service
from .records import RecordEntry, RecordKind
from .reducer import apply
from .resources import Resource, directory_by_id
from .rules import TRANSITIONS, CaseRules, stage_gate
from .state import CaseContext, CaseState
from .ties import Tie
from .vocabulary import (
    ClosureReason,
    ConsentPurpose,
    CrisisType,
    Flow,
    FollowUpFinding,
    GoalOutcome,
    NeedDomain,
    Relation,
    RiskLevel,
    ServiceStatus,
    Skill,
    SkillKind,
    Stage,
    TieStrength,
)

__all__ = ["Case"]


class Case:
    """A case of school case management and its record.

    Parameters
    ----------
    client, manager
        The student and the school social worker.
    directory
        Resources the case manager can link to.
    referral
        How the case came in; written as the first record entry.
    ties
        The student's ties known at referral (the first ecomap), as :class:`Tie` objects.
    rules
        Rule parameters (:class:`CaseRules`).
    case_id
        An identifier for the case file.
    """

    def __init__(
        self,
        client: Client,
        manager: CaseManager,
        directory: Iterable[Resource] = (),
        *,
        referral: Referral | None = None,
        ties: Iterable[Tie] = (),
        rules: CaseRules | None = None,
        case_id: str | None = None,
    ) -> None:
        self._ctx = CaseContext(client, manager, directory_by_id(directory), rules or CaseRules())
        self.case_id = case_id or f"case-{client.id}"
        self.referral = referral
        self._state = CaseState(day=referral.day if referral else 0)
        self._state.timeline = [(Stage.INTAKE, self._state.day)]
        self._record: list[RecordEntry] = []
        fields: dict[str, Any] = {"ties": [_tie_fields(t) for t in ties]}
        if referral is not None:
            fields.update(source=referral.source, reason=referral.reason)
        self._commit(RecordKind.REFERRAL_RECEIVED, fields, day=self._state.day, author=manager.id)

    # -- the record and the state derived from it ------------------------------------------

    @classmethod
    def replay(
        cls,
        client: Client,
        manager: CaseManager,
        directory: Iterable[Resource],
        entries: Sequence[RecordEntry | Mapping[str, Any]],
        *,
        rules: CaseRules | None = None,
        case_id: str | None = None,
    ) -> Case:
        """Rebuild a case from its record, re-checking every rule on the way.

        A record that breaks a rule raises ``CaseError`` naming the stage, the rule and the entry.
        """
        case = cls.__new__(cls)
        case._ctx = CaseContext(client, manager, directory_by_id(directory), rules or CaseRules())
        case.case_id = case_id or f"case-{client.id}"
        case.referral = None
        case._state = CaseState()
        case._record = []
        for i, raw in enumerate(entries):
            entry = raw if isinstance(raw, RecordEntry) else RecordEntry.from_dict(raw)
            if i == 0:
                case._state.day = entry.day
                case._state.timeline = [(Stage.INTAKE, entry.day)]
            if entry.seq != i:
                raise CaseError(
                    case.stage,
                    "record_order",
                    f"{i}번째 기록의 번호가 {entry.seq}입니다.",
                    f"Entry {i} has seq {entry.seq}.",
                )
            try:
                case._append(entry)
            except CaseError as exc:
                raise CaseError(exc.stage, exc.rule, f"기록 {i}: {exc.ko}", f"entry {i}: {exc.en}") from None
        return case

    @property
    def record(self) -> tuple[RecordEntry, ...]:
        """The case file: every entry in the order written."""
        return tuple(self._record)

    @property
    def client(self) -> Client:
        """The student."""
        return self._ctx.client

    @property
    def manager(self) -> CaseManager:
        """The case manager."""
        return self._ctx.manager

    @property
    def directory(self) -> Mapping[str, Resource]:
        """Resources the case can link to, by id."""
        return self._ctx.directory

    @property
    def rules(self) -> CaseRules:
        """The rule parameters the case runs under."""
        return self._ctx.rules

    @property
    def state(self) -> CaseState:
        """A copy of the derived state (changing it changes nothing)."""
        return self._state.clone()

    stage = property(lambda self: self._state.stage, doc="The current stage.")
    day = property(lambda self: self._state.day, doc="Day of the latest entry, counted from the referral.")
    ended = property(lambda self: self._state.ended, doc="Whether the case has ended.")
    opened = property(
        lambda self: self._state.opened, doc="The intake decision: True, False or None (undecided)."
    )
    risk_level = property(lambda self: self._state.risk_level, doc="The latest risk level, if recorded.")
    closure = property(
        lambda self: None if self._state.closure is None else dict(self._state.closure),
        doc="The closure record, if written.",
    )

    @property
    def ratings(self) -> dict[NeedDomain, int]:
        """The case manager's latest rating of each domain."""
        return dict(self._state.ratings)

    @property
    def goals(self) -> dict[str, Goal]:
        """The goals of the current plan, by id."""
        return dict(self._state.goals)

    @property
    def services(self) -> dict[str, Service]:
        """Linked services, by resource id (copies)."""
        return self._state.clone().services

    @property
    def crises(self) -> dict[str, CrisisEpisode]:
        """Crises recorded so far, by id (copies)."""
        return self._state.clone().crises

    @property
    def consents(self) -> dict[ConsentPurpose, Consent]:
        """The latest consent (or refusal) per purpose."""
        return dict(self._state.consents)

    def has_consent(self, purpose: ConsentPurpose) -> bool:
        """Whether consent for ``purpose`` is currently granted."""
        return self._state.has_consent(purpose)

    def timeline(self) -> list[tuple[Stage, int]]:
        """``(stage, day entered)`` for every stage the case has been in, in order."""
        return list(self._state.timeline)

    def next_stages(self) -> tuple[Stage, ...]:
        """Stages the process allows after the current one (rules aside)."""
        return () if self.ended else TRANSITIONS[self.stage]

    def missing_for(self, stage: Stage) -> list[CaseError]:
        """Every rule that keeps the case from moving to ``stage`` now (empty if it may)."""
        if self.ended:
            return [CaseError(self.stage, "case_ended", "이미 종료된 사례입니다.", "The case has ended.")]
        return stage_gate(self._state, self._ctx, Stage.parse(stage))

    def ties(self) -> list[Tie]:
        """The client's ecomap ties now: relationship, informal, linked services, coordination.

        Service ties grow with the service: tenuous when referred or waiting, moderate once
        accepted, strong when in progress or done; rejected and cancelled services leave none.
        """
        st, client, manager = self._state, self.client, self.manager
        out = list(st.ties.values())
        contacts = sum(1 for _, s, _ in st.skills if s.kind is SkillKind.DIRECT)
        strength = (
            TieStrength.STRONG
            if contacts >= 2
            else TieStrength.MODERATE
            if st.has_consent(ConsentPurpose.SERVICES)
            else TieStrength.TENUOUS
        )
        out.append(Tie(manager.id, client.id, Relation.RELATIONSHIP, strength, flow=Flow.TO_TARGET))
        by_status = {
            ServiceStatus.REFERRED: TieStrength.TENUOUS,
            ServiceStatus.WAITING: TieStrength.TENUOUS,
            ServiceStatus.ACCEPTED: TieStrength.MODERATE,
            ServiceStatus.IN_PROGRESS: TieStrength.STRONG,
            ServiceStatus.DONE: TieStrength.STRONG,
        }
        for rid, service in st.services.items():
            if service.status in by_status and (client.id, rid, Relation.LINK.value) not in st.ties:
                out.append(Tie(client.id, rid, Relation.LINK, by_status[service.status], flow=Flow.TO_SOURCE))
        for rid in sorted(st.coordinated):
            out.append(Tie(manager.id, rid, Relation.COORDINATION, TieStrength.MODERATE, flow=Flow.BOTH))
        return out

    def to_dict(self) -> dict[str, Any]:
        """The case file as JSON-ready data: id, stage, whether ended, and every entry."""
        return {
            "case_id": self.case_id,
            "client": self.client.id,
            "manager": self.manager.id,
            "stage": self.stage.value,
            "ended": self.ended,
            "record": [e.to_dict() for e in self._record],
        }

    # -- committing ------------------------------------------------------------------------

    def _append(self, entry: RecordEntry) -> RecordEntry:
        new_state = self._state.clone()
        apply(new_state, entry, self._ctx)
        self._state = new_state
        self._record.append(entry)
        return entry

    def _commit(
        self,
        kind: RecordKind,
        fields: Mapping[str, Any],
        *,
        day: int | None,
        author: str | None,
        note: str = "",
    ) -> RecordEntry:
        when = self._state.day if day is None else day
        if isinstance(when, bool) or not isinstance(when, int) or when < 0:
            raise CaseError(
                self.stage,
                "day_order",
                "날짜는 0 이상의 정수입니다.",
                f"A day is a whole number >= 0, got {when!r}.",
            )
        entry = RecordEntry(
            len(self._record), self.stage, when, author or self.manager.id, kind, dict(fields), note
        )
        return self._append(entry)

    # -- intake ----------------------------------------------------------------------------

    def ask(
        self,
        question: str,
        answer: str = "",
        *,
        domains: Iterable[NeedDomain | str] = (),
        minutes: int = 10,
        day: int | None = None,
        author: str | None = None,
    ) -> RecordEntry:
        """Record an interview question and what the student or family answered."""
        fields = {
            "question": question,
            "answer": answer,
            "domains": [NeedDomain.parse(d) for d in domains],
            "minutes": minutes,
        }
        return self._commit(RecordKind.INTERVIEW, fields, day=day, author=author)

    def record_intake(
        self, *, day: int | None = None, author: str | None = None, note: str = "", **fields: Any
    ) -> RecordEntry:
        """Write the intake record (household, housing, income, health, other services, ...)."""
        return self._commit(RecordKind.INTAKE_RECORD, fields, day=day, author=author, note=note)

    def record_consent(
        self,
        purpose: ConsentPurpose | str,
        granted: bool = True,
        *,
        given_by: str | None = None,
        day: int | None = None,
        author: str | None = None,
    ) -> RecordEntry:
        """Record a consent or its refusal/withdrawal for one purpose."""
        purpose = ConsentPurpose.parse(purpose)
        by = given_by or ("guardian" if purpose is ConsentPurpose.GUARDIAN else "student")
        return self._commit(
            RecordKind.CONSENT,
            {"purpose": purpose, "granted": granted, "given_by": by},
            day=day,
            author=author,
        )

    def decide_to_open(
        self,
        open_case: bool,
        reason: ClosureReason | str | None = None,
        *,
        referred_to: str | None = None,
        day: int | None = None,
        author: str | None = None,
        note: str = "",
    ) -> RecordEntry:
        """Decide whether to open the case; a case not opened needs a reason."""
        fields = {
            "open": open_case,
            "reason": None if reason is None else ClosureReason.parse(reason),
            "referred_to": referred_to,
        }
        return self._commit(RecordKind.ELIGIBILITY, fields, day=day, author=author, note=note)

    def set_risk_level(
        self, level: RiskLevel | str, *, day: int | None = None, author: str | None = None, note: str = ""
    ) -> RecordEntry:
        """Record the risk level (예방·주의·경계·심각)."""
        return self._commit(
            RecordKind.RISK_LEVEL, {"level": RiskLevel.parse(level)}, day=day, author=author, note=note
        )

    # -- assessment ------------------------------------------------------------------------

    def rate_needs(
        self,
        ratings: Mapping[NeedDomain | str, int],
        *,
        day: int | None = None,
        author: str | None = None,
        note: str = "",
    ) -> RecordEntry:
        """Rate the severity (0-4) of one or more need domains."""
        return self._commit(
            RecordKind.NEEDS_RATING, {"ratings": dict(ratings)}, day=day, author=author, note=note
        )

    def note_strength(self, text: str, *, day: int | None = None, author: str | None = None) -> RecordEntry:
        """Record a strength of the student or family."""
        return self._commit(RecordKind.STRENGTH, {"text": text}, day=day, author=author)

    def record_tie(
        self,
        target: str,
        relation: Relation | str = Relation.INFORMAL,
        *,
        strength: TieStrength | str = TieStrength.MODERATE,
        stressful: bool = False,
        flow: Flow | str = Flow.BOTH,
        removed: bool = False,
        note: str = "",
        day: int | None = None,
        author: str | None = None,
    ) -> RecordEntry:
        """Draw (or remove) a tie of the student's ecomap."""
        fields = {
            "target": target,
            "relation": relation,
            "strength": strength,
            "stressful": stressful,
            "flow": flow,
            "removed": removed,
            "note": note,
        }
        return self._commit(RecordKind.TIE, fields, day=day, author=author)

    # -- planning --------------------------------------------------------------------------

    def set_goal(
        self,
        goal_id: str,
        domain: NeedDomain | str,
        description: str,
        measure: str,
        by_day: int,
        resources: Iterable[str] = (),
        *,
        responsible: str = "",
        frequency: str = "",
        day: int | None = None,
        author: str | None = None,
    ) -> RecordEntry:
        """Add or revise a goal of the service plan."""
        fields = {
            "id": goal_id,
            "domain": domain,
            "description": description,
            "measure": measure,
            "by_day": by_day,
            "resources": list(resources),
            "responsible": responsible,
            "frequency": frequency,
        }
        return self._commit(RecordKind.GOAL_SET, fields, day=day, author=author)

    def drop_goal(
        self, goal_id: str, *, day: int | None = None, author: str | None = None, note: str = ""
    ) -> RecordEntry:
        """Remove a goal from the plan."""
        return self._commit(RecordKind.GOAL_DROPPED, {"id": goal_id}, day=day, author=author, note=note)

    def hold_case_conference(self, conference: CaseConference, *, author: str | None = None) -> RecordEntry:
        """Record a case conference (사례회의)."""
        fields = {
            "participants": conference.participants,
            "agenda": conference.agenda,
            "decisions": conference.decisions,
            "kind": conference.kind,
        }
        return self._commit(RecordKind.CASE_CONFERENCE, fields, day=conference.day, author=author)

    def record_supervision(self, session: SupervisionSession, *, author: str | None = None) -> RecordEntry:
        """Record a supervision session on the case (슈퍼비전)."""
        fields = {"supervisor": session.supervisor.ko, "topics": session.topics, "guidance": session.guidance}
        return self._commit(RecordKind.SUPERVISION, fields, day=session.day, author=author)

    # -- linking and services --------------------------------------------------------------

    def refer(
        self,
        resource_id: str,
        *,
        goal_id: str | None = None,
        client_agreed: bool = True,
        emergency: bool = False,
        day: int | None = None,
        author: str | None = None,
        note: str = "",
    ) -> RecordEntry:
        """Link the student to a resource (mediation and linking, 중재 및 연결)."""
        fields = {
            "resource": resource_id,
            "goal": goal_id,
            "client_agreed": client_agreed,
            "emergency": emergency,
        }
        return self._commit(RecordKind.LINK, fields, day=day, author=author, note=note)

    def update_service(
        self,
        resource_id: str,
        status: ServiceStatus | str,
        reason: str = "",
        *,
        day: int | None = None,
        author: str | None = None,
    ) -> RecordEntry:
        """Move a linked service on (accepted, waiting, in progress, done, rejected, cancelled)."""
        fields = {"resource": resource_id, "status": ServiceStatus.parse(status), "reason": reason}
        return self._commit(RecordKind.SERVICE_STATUS, fields, day=day, author=author)

    def use_skill(
        self,
        skill: Skill | str,
        *,
        goal_id: str | None = None,
        resource_id: str | None = None,
        day: int | None = None,
        author: str | None = None,
        note: str = "",
    ) -> RecordEntry:
        """Record direct practice (with the student) or indirect practice (with a resource)."""
        skill = Skill.parse(skill)
        kind = RecordKind.DIRECT_PRACTICE if skill.kind is SkillKind.DIRECT else RecordKind.INDIRECT_PRACTICE
        return self._commit(
            kind,
            {"skill": skill, "goal": goal_id, "resource": resource_id},
            day=day,
            author=author,
            note=note,
        )

    # -- crises ----------------------------------------------------------------------------

    def record_crisis(
        self,
        crisis_type: CrisisType | str,
        *,
        window_days: int | None = None,
        description: str | Mapping[str, str] = "",
        crisis_id: str | None = None,
        day: int | None = None,
        author: str | None = None,
    ) -> str:
        """Record that a crisis happened; returns its id for the response.

        ``description`` is plain text or ``{"ko": ..., "en": ...}``.
        """
        cid = crisis_id or f"crisis-{len(self._state.crises) + 1}"
        fields = {
            "id": cid,
            "type": CrisisType.parse(crisis_type),
            "description": description,
            "window_days": self.rules.crisis_window_days if window_days is None else window_days,
        }
        self._commit(RecordKind.CRISIS, fields, day=day, author=author)
        return cid

    def intervene_in_crisis(
        self,
        crisis_id: str,
        actions: Sequence[str] = (),
        *,
        safety_checked: bool = True,
        day: int | None = None,
        author: str | None = None,
        note: str = "",
    ) -> RecordEntry:
        """Record crisis intervention: stabilising the student, at any open stage."""
        fields = {"crisis": crisis_id, "actions": list(actions), "safety_checked": safety_checked}
        return self._commit(RecordKind.CRISIS_INTERVENTION, fields, day=day, author=author, note=note)

    def report(
        self, crisis_id: str, resource_id: str, *, day: int | None = None, author: str | None = None
    ) -> RecordEntry:
        """Make a mandatory report (abuse, family or school violence) to a protection agency.

        The reporter's identity is never written into the record.
        """
        return self._commit(
            RecordKind.MANDATORY_REPORT,
            {"crisis": crisis_id, "resource": resource_id},
            day=day,
            author=author,
        )

    # -- monitoring, termination, aftercare -------------------------------------------------

    def monitor(
        self,
        progress: Mapping[str, int],
        *,
        day: int | None = None,
        author: str | None = None,
        note: str = "",
    ) -> RecordEntry:
        """Record a monitoring check: progress (0-100) per goal."""
        return self._commit(
            RecordKind.MONITORING, {"progress": dict(progress)}, day=day, author=author, note=note
        )

    def evaluate_goal(
        self,
        goal_id: str,
        outcome: GoalOutcome | str,
        *,
        day: int | None = None,
        author: str | None = None,
        note: str = "",
    ) -> RecordEntry:
        """Evaluate how far a goal was reached."""
        return self._commit(
            RecordKind.GOAL_EVALUATION,
            {"goal": goal_id, "outcome": GoalOutcome.parse(outcome)},
            day=day,
            author=author,
            note=note,
        )

    def close(
        self,
        reason: ClosureReason | str,
        summary: str = "",
        *,
        day: int | None = None,
        author: str | None = None,
    ) -> RecordEntry:
        """Write the closure record (reason, date, summary)."""
        return self._commit(
            RecordKind.CLOSURE,
            {"reason": ClosureReason.parse(reason), "summary": summary},
            day=day,
            author=author,
        )

    def follow_up(
        self,
        finding: FollowUpFinding | str,
        *,
        day: int | None = None,
        author: str | None = None,
        note: str = "",
    ) -> RecordEntry:
        """Record an aftercare follow-up and what it found."""
        return self._commit(
            RecordKind.FOLLOW_UP,
            {"finding": FollowUpFinding.parse(finding)},
            day=day,
            author=author,
            note=note,
        )

    def advance_to(
        self, stage: Stage | str, *, reason: str = "", day: int | None = None, author: str | None = None
    ) -> RecordEntry:
        """Move the case to ``stage`` if the process and its rules allow it."""
        stage = Stage.parse(stage)
        return self._commit(
            RecordKind.STAGE_CHANGE,
            {"from": self.stage, "to": stage, "reason": reason},
            day=day,
            author=author,
        )

    def reopen(self, reason: str, *, day: int | None = None, author: str | None = None) -> RecordEntry:
        """Reopen a case from aftercare: it goes back to reassessment."""
        return self.advance_to(Stage.REASSESSMENT, reason=reason, day=day, author=author)

    def end(self, *, day: int | None = None, author: str | None = None, note: str = "") -> RecordEntry:
        """End the case (after aftercare, or at termination when aftercare does not apply)."""
        return self._commit(RecordKind.CASE_END, {}, day=day, author=author, note=note)

    def add_note(self, text: str, *, day: int | None = None, author: str | None = None) -> RecordEntry:
        """Add a process note (과정 기록)."""
        return self._commit(RecordKind.NOTE, {}, day=day, author=author, note=text)

    def __repr__(self) -> str:
        status = "ended" if self.ended else self.stage.value
        return f"<Case {self.case_id} {status} day {self.day}, {len(self._record)} entries>"


def _tie_fields(tie: Tie) -> dict[str, Any]:
    return {
        "target": tie.target,
        "relation": tie.relation,
        "strength": tie.strength,
        "stressful": tie.stressful,
        "flow": tie.flow,
        "note": tie.note,
    }
