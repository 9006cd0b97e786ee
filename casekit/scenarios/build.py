"""Build the :class:`Scenario` a checked scenario file describes.

Only a file with no problem at all is built: :func:`build_checked` runs the rules of
:mod:`casekit.scenarios.rules` first. Needs become :data:`~casekit.domain.Needs`, resources
without a setting, sector or domains take them from their type's profile, events are put
in day order and crisis events get the default response window.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from ..domain.errors import CasekitError
from ..domain.operating import OperatingSystem, SchoolTeam, TeamMember
from ..domain.people import CaseManager, Client, HouseholdMember, Referral, make_needs
from ..domain.resources import Eligibility, Resource
from ..domain.text import Text
from ..domain.vocabulary import Stage
from .checker import Checker
from .model import (
    AftercareKey,
    AssessmentKey,
    CrisisKey,
    EventKind,
    ExpertGoal,
    ExpertKey,
    InitialTie,
    IntakeKey,
    InterviewQuestion,
    MonitoringKey,
    PlanningKey,
    ReassessmentKey,
    Scenario,
    ScenarioEvent,
    ServiceProvisionKey,
    StageFeedback,
    TerminationKey,
    Truth,
)
from .practice import check_practice
from .rules import check_rules

__all__ = ["CRISIS_RESPONSE_WINDOW_DAYS", "build_checked", "build_scenario"]

#: Days to respond to a crisis event before it escalates, when the file does not say.
CRISIS_RESPONSE_WINDOW_DAYS = 7

_SOURCE_LABELS = {"self": Text("학생 본인", "the student"), "guardian": Text("보호자", "a guardian")}


def build_scenario(data: dict[str, Any], source: str | None) -> Scenario:
    """The :class:`Scenario` of a checked, problem-free top-level record."""
    s = data["student"]
    truth = {**data["truth"], "needs": make_needs(data["truth"]["needs"])}
    household = tuple(HouseholdMember(**m) for m in s["household"])
    client = Client(
        id=s["id"],
        name=s["name"],
        sex=s["sex"],
        age=s["age"],
        school_level=s["school_level"],
        grade=s["grade"],
        household_type=s["household_type"],
        needs=truth["needs"],
        eligibility=frozenset(s["eligibility"]),
        strengths=truth["strengths"],
        household=household,
        school=s["school"],
        home_language=s["home_language"],
        interpreter_needed=s["interpreter_needed"],
    )
    resources = tuple(_resource(r) for r in data["resources"])
    names = {r.id: r.name for r in resources}
    ref = data["referral"]
    label = _SOURCE_LABELS.get(ref["source"]) or names.get(ref["source"])
    events = sorted((_event(e) for e in data["events"]), key=lambda e: e.day)
    return Scenario(
        id=data["id"],
        title=data["title"],
        summary=data["summary"],
        difficulty=data["difficulty"],
        learning_objectives=data["learning_objectives"],
        crises=data["crises"],
        skills=data["skills"],
        client=client,
        referral=Referral(source=ref["source"], reason=ref["reason"], day=ref["day"], source_label=label),
        case_manager=CaseManager(**data["case_manager"]),
        operating_system=_operating_system(data["operating_system"]),
        resources=resources,
        ties=tuple(InitialTie(**t) for t in data["ties"]),
        truth=Truth(**truth),
        interview=tuple(InterviewQuestion(**q) for q in data["interview"]),
        events=tuple(events),
        expert=_expert(data["expert"]),
        feedback=MappingProxyType({k: StageFeedback(**v) for k, v in data["feedback"].items()}),
        parameters=MappingProxyType(dict(data["parameters"])),
        schema_version=data["schema_version"],
        source=source,
    )


def _resource(r: dict[str, Any]) -> Resource:
    kwargs = {k: v for k, v in r.items() if v is not None and k not in ("eligibility", "domains")}
    if r["domains"] is not None:
        kwargs["domains"] = frozenset(r["domains"])
    if r["eligibility"] is not None:
        e = r["eligibility"]
        kwargs["eligibility"] = Eligibility(
            min_age=e["min_age"],
            max_age=e["max_age"],
            school_levels=frozenset(e["school_levels"]),
            categories=frozenset(e["categories"]),
            note=e["note"],
        )
    if r["type"] is not None:
        return Resource.of_type(**kwargs)
    return Resource(**kwargs)


def _operating_system(o: dict[str, Any] | None) -> OperatingSystem | None:
    if o is None:
        return None
    team = None
    if o["team"] is not None:
        t = o["team"]
        members = tuple(TeamMember(**m) for m in t["members"])
        team = SchoolTeam(name=t["name"], members=members, led_by_principal=t["led_by_principal"])
    return OperatingSystem(
        team=team,
        partners=tuple(o["partners"]),
        conference_every_days=o["conference_every_days"],
        supervisor=o["supervisor"],
        information_system=o["information_system"],
    )


def _event(e: dict[str, Any]) -> ScenarioEvent:
    window = e["response_window_days"]
    if e["kind"] is EventKind.CRISIS and window is None:
        window = CRISIS_RESPONSE_WINDOW_DAYS
    return ScenarioEvent(
        day=e["day"],
        kind=e["kind"],
        description=e["description"],
        crisis=e["crisis"],
        resource=e["resource"],
        needs_change=e["needs_change"] if e["needs_change"] is not None else MappingProxyType({}),
        response_window_days=window,
    )


def _expert(x: dict[str, Any]) -> ExpertKey:
    planning = x["planning"]
    if planning is not None:
        goals = tuple(ExpertGoal(**g) for g in planning["goals"])
        planning = PlanningKey(
            rationale=planning["rationale"], goals=goals, case_conference=planning["case_conference"]
        )
    keys = {
        Stage.INTAKE.value: IntakeKey,
        Stage.ASSESSMENT.value: AssessmentKey,
        Stage.SERVICE_PROVISION.value: ServiceProvisionKey,
        Stage.MONITORING.value: MonitoringKey,
        Stage.REASSESSMENT.value: ReassessmentKey,
        Stage.TERMINATION.value: TerminationKey,
        Stage.AFTERCARE.value: AftercareKey,
        "crisis": CrisisKey,
    }
    stages: dict[str, Any] = {}
    for name, cls in keys.items():
        fields = x[name]
        if fields is not None and fields.get("needs") is not None:
            fields = {**fields, "needs": make_needs(fields["needs"])}
        stages[name] = cls(**fields) if fields is not None else None
    return ExpertKey(planning=planning, **stages)


def build_checked(data: dict[str, Any], checker: Checker, source: str | None) -> Scenario | None:
    """Check the rules, build the scenario, then check its expert key is good practice.

    Returns the scenario only if the file has no problem at all.
    """
    check_rules(data, checker)
    if checker.problems:
        return None
    try:
        scenario = build_scenario(data, source)
    except CasekitError as exc:  # a rule the checks above missed: still the file's problem
        checker.report((), str(exc))
        return None
    check_practice(scenario, checker)
    return None if checker.problems else scenario
