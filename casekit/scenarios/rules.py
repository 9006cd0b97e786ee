"""Rules between fields of a scenario file (``docs/scenario-format.md``).

:mod:`casekit.scenarios.fields` checks each field on its own. This module checks what ties
fields together: ids that must be unique, ids that must refer to something defined
(``referral.source``, ``ties[].target``, ``operating_system.partners``,
``events[].resource``, ``expert.intake.questions`` and ``referred_to``, the resources of the
expert's goals and crisis response), fields that depend on others (an event's ``kind``, ``truth.open_case``,
the resource ``type``), ``crises`` against the crisis events, the stages the expert key
needs, and the file name against the ``id``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from ..domain.vocabulary import SchoolLevel
from .checker import Checker, suggest, valid
from .fields import REFERRAL_SOURCES
from .model import EventKind
from .yamlnodes import FieldPath

__all__ = ["check_rules"]

#: Event kinds that concern one resource, which the event must name.
_RESOURCE_EVENTS = (EventKind.NO_SHOW, EventKind.WAITING_LIST, EventKind.REFUSAL, EventKind.RESOURCE_CLOSED)

#: Expert stages needed when the case is opened; only intake and termination otherwise.
_OPEN_CASE_STAGES = ("assessment", "planning", "service_provision", "monitoring", "aftercare")


def _items(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(index, item)`` for the readable items of the list ``data[key]``."""
    if isinstance(data, dict) and isinstance(data.get(key), tuple):
        for i, item in enumerate(data[key]):
            if isinstance(item, dict):
                yield i, item


def _unique_ids(items: list[tuple[FieldPath, Any]], checker: Checker) -> set[str]:
    first: dict[str, FieldPath] = {}
    for path, value in items:
        if not valid(value):
            continue
        if value in first:
            checker.report(path, f"duplicate id {value!r} (first used at line {checker.line(first[value])})")
        else:
            first[value] = path
    return set(first)


def _refer(value: Any, known: set[str], path: FieldPath, checker: Checker, what: str, hint: str) -> None:
    if valid(value) and value not in known:
        checker.report(path, f"unknown {what} {value!r}{suggest(value, sorted(known))}; {hint}")


def _listing(label: str, ids: set[str]) -> str:
    return f"{label}: {', '.join(sorted(ids))}" if ids else f"no {label} are defined"


def check_rules(data: dict[str, Any], checker: Checker) -> None:
    """Report every problem between fields of ``data`` (the checked top-level record)."""
    _check_file_name(data, checker)
    student = data["student"] if isinstance(data["student"], dict) else {}
    if valid(student.get("grade")) and isinstance(student.get("school_level"), SchoolLevel):
        level: SchoolLevel = student["school_level"]
        if student["grade"] > level.grades:
            checker.report(
                ("student", "grade"),
                f"must be between 1 and {level.grades} in {level.en}, got {student['grade']}",
            )
    household = _unique_ids(
        [(("student", "household", i, "id"), m["id"]) for i, m in _items(student, "household")], checker
    )
    resources = _unique_ids(
        [(("resources", i, "id"), r["id"]) for i, r in _items(data, "resources")], checker
    )
    questions = _unique_ids(
        [(("interview", i, "id"), q["id"]) for i, q in _items(data, "interview")], checker
    )
    for i, m in _items(student, "household"):
        if valid(m["id"]) and m["id"] in resources:
            checker.report(
                ("student", "household", i, "id"),
                f"id {m['id']!r} is also a resource id; tie targets need distinct ids",
            )
    res_hint = _listing("resources", resources)
    for i, r in _items(data, "resources"):
        _check_resource(r, ("resources", i), checker)

    referral = data["referral"]
    if isinstance(referral, dict):
        _refer(
            referral["source"],
            resources | set(REFERRAL_SOURCES),
            ("referral", "source"),
            checker,
            "referral source",
            "use a resource id, 'self' or 'guardian'",
        )
    for i, t in _items(data, "ties"):
        _refer(
            t["target"],
            household | resources,
            ("ties", i, "target"),
            checker,
            "tie target",
            f"use a household member id ({', '.join(sorted(household)) or 'none'}) "
            f"or a resource id ({', '.join(sorted(resources)) or 'none'})",
        )
    if isinstance(data["operating_system"], dict) and isinstance(data["operating_system"]["partners"], tuple):
        for i, p in enumerate(data["operating_system"]["partners"]):
            _refer(p, resources, ("operating_system", "partners", i), checker, "resource", res_hint)
    _check_truth(data["truth"], checker)
    event_crises = _check_events(data, resources, checker)
    if valid(data["crises"]) and event_crises is not None:
        _check_crises(data["crises"], event_crises, checker)
    has_crisis = any(e["kind"] is EventKind.CRISIS for _, e in _items(data, "events"))
    _check_expert(data, resources, questions, has_crisis, checker)


def _check_file_name(data: dict[str, Any], checker: Checker) -> None:
    name = PurePath(checker.filename)
    if name.suffix in (".yaml", ".yml") and valid(data["id"]) and name.stem != data["id"]:
        checker.report(
            ("id",),
            f"{data['id']!r} does not match the file name {name.name!r}; "
            f"name the file '{data['id']}{name.suffix}' or change the id",
        )


def _check_resource(r: dict[str, Any], path: FieldPath, checker: Checker) -> None:
    if r["type"] is None:
        for key in ("setting", "sector", "domains"):
            if r[key] is None:
                checker.missing(path, key, " (or give a 'type' to take it from)")
    e = r["eligibility"]
    if (
        isinstance(e, dict)
        and valid(e["min_age"])
        and valid(e["max_age"])
        and None not in (e["min_age"], e["max_age"])
    ):
        if e["min_age"] > e["max_age"]:
            checker.report(
                (*path, "eligibility", "max_age"),
                f"must be at least min_age ({e['min_age']}), got {e['max_age']}",
            )


def _check_truth(truth: Any, checker: Checker) -> None:
    if not isinstance(truth, dict) or not isinstance(truth["open_case"], bool):
        return
    if truth["open_case"] is False and truth["not_opened_reason"] is None:
        checker.missing(("truth",), "not_opened_reason", " (needed when open_case is false)")
    if truth["open_case"] is True and truth["not_opened_reason"] is not None:
        checker.report(("truth", "not_opened_reason"), "only allowed when open_case is false")


def _check_events(data: dict[str, Any], resources: set[str], checker: Checker) -> set[Any] | None:
    """Check each event against its kind; return the crisis types of crisis events (``None`` if unsure)."""
    crises: set[Any] = set()
    sure = valid(data["events"])
    for i, e in _items(data, "events"):
        path: FieldPath = ("events", i)
        kind = e["kind"]
        if not valid(kind):
            sure = False
            continue
        if kind is EventKind.CRISIS:
            if e["crisis"] is None:
                checker.missing(path, "crisis", " (kind is crisis)")
            if valid(e["crisis"]) and e["crisis"] is not None:
                crises.add(e["crisis"])
            else:
                sure = False
        else:
            if e["crisis"] is not None:
                checker.report((*path, "crisis"), "only allowed when kind is crisis")
            if e["response_window_days"] is not None:
                checker.report((*path, "response_window_days"), "only allowed when kind is crisis")
        if kind in _RESOURCE_EVENTS and e["resource"] is None:
            checker.missing(path, "resource", f" (kind is {kind.value})")
        if e["resource"] is not None:
            _refer(
                e["resource"],
                resources,
                (*path, "resource"),
                checker,
                "resource",
                _listing("resources", resources),
            )
    return crises if sure else None


def _check_crises(listed: tuple[Any, ...], in_events: set[Any], checker: Checker) -> None:
    if not all(valid(c) for c in listed):
        return
    add = [c.value for c in in_events if c not in listed]
    remove = [c.value for c in listed if c not in in_events]
    parts = []
    if add:
        parts.append(f"add {', '.join(repr(c) for c in sorted(add))} (a crisis event has it)")
    if remove:
        parts.append(f"remove {', '.join(repr(c) for c in remove)} (no crisis event has it)")
    if parts:
        checker.report(("crises",), f"does not match the crisis events: {'; '.join(parts)}")


def _check_expert(
    data: dict[str, Any], resources: set[str], questions: set[str], has_crisis: bool, checker: Checker
) -> None:
    expert = data["expert"]
    if not isinstance(expert, dict):
        return
    truth = data["truth"]
    if isinstance(truth, dict) and truth["open_case"] is True:
        for stage in _OPEN_CASE_STAGES:
            if expert[stage] is None:
                checker.missing(("expert",), stage, " (the case is opened: truth.open_case is true)")
    if has_crisis and expert["crisis"] is None:
        checker.missing(("expert",), "crisis", " (events contain a crisis)")
    res_hint = _listing("resources", resources)
    intake = expert["intake"]
    if isinstance(intake, dict) and isinstance(intake["questions"], tuple):
        for i, q in enumerate(intake["questions"]):
            _refer(
                q,
                questions,
                ("expert", "intake", "questions", i),
                checker,
                "interview question",
                _listing("interview ids", questions),
            )
    if isinstance(intake, dict) and intake["referred_to"] is not None:
        path = ("expert", "intake", "referred_to")
        version = data["schema_version"]
        if valid(version) and version < 2:
            checker.report(path, f"needs schema_version 2 or later (the file says {version})")
        _refer(intake["referred_to"], resources, path, checker, "resource", res_hint)
        if intake["open_case"] is True:
            checker.report(
                path,
                "only allowed when open_case is false; an opened case links resources through its goals",
            )
    planning = expert["planning"]
    goals = list(_items(planning, "goals"))
    _unique_ids([(("expert", "planning", "goals", i, "id"), g["id"]) for i, g in goals], checker)
    for i, g in goals:
        if isinstance(g["resources"], tuple):
            for j, r in enumerate(g["resources"]):
                _refer(
                    r,
                    resources,
                    ("expert", "planning", "goals", i, "resources", j),
                    checker,
                    "resource",
                    res_hint,
                )
    crisis = expert["crisis"]
    if isinstance(crisis, dict) and isinstance(crisis["resources"], tuple):
        for i, r in enumerate(crisis["resources"]):
            _refer(r, resources, ("expert", "crisis", "resources", i), checker, "resource", res_hint)
    aftercare = expert["aftercare"]
    if isinstance(aftercare, dict) and isinstance(aftercare["followup_days"], tuple):
        days = aftercare["followup_days"]
        for i in range(1, len(days)):
            if valid(days[i]) and valid(days[i - 1]) and days[i] <= days[i - 1]:
                checker.report(
                    ("expert", "aftercare", "followup_days", i),
                    f"must be greater than the day before it ({days[i - 1]}), got {days[i]}",
                )
