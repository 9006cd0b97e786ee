"""The case file of one run: what a learner hands in and an instructor collects.

:func:`case_file_from_result` turns a :class:`~casekit.sim.CaseResult` (the learner's
walkthrough or a built-in policy's run) into a sealed case-file document
(:mod:`casekit.store.casefile`): the scenario, who managed the case, the stages and the days
spent in each, every record entry, the crises and how fast they were answered, the closure,
the score, the rule violations, the needs before and after, and optionally the feedback and
the walkthrough's steps.

Privacy (DOMAIN.md §7). The learner is written as the learner entered it, nothing else about
the machine is: no paths, no user names, no time unless ``created`` is given. Entries holding
sensitive information are marked ``"sensitive": true`` and ``"sensitive_as"`` names why
(:data:`SENSITIVE_CATEGORIES`): the entry kinds :attr:`RecordEntry.sensitive
<casekit.domain.RecordEntry.sensitive>` marks (crises, crisis intervention, mandatory
reports), and besides those any entry about a health, mental-health or safety (abuse,
violence) domain: needs ratings above 0 in those domains, interview questions and goals in
them, links and service updates for resources serving them, monitoring and evaluation of
goals in them, and an intake record with a health field.

Examples
--------
>>> from casekit.scenarios import get_scenario
>>> from casekit.sim import run_case
>>> s = get_scenario("self-harm-screening")
>>> doc = case_file_from_result(run_case(s, "naive", seed=2), s, learner="학생1")
>>> doc["policy"], doc["learner"], doc["checksum"][:7]
('naive', '학생1', 'sha256:')
>>> [c["type"] for c in doc["crises"]]
['self_harm_risk', 'school_violence']
>>> any(e["sensitive"] for e in doc["record"])
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..domain.records import RecordEntry, RecordKind
from ..domain.text import Text
from ..domain.vocabulary import CrisisType, NeedDomain, Stage
from ..store.casefile import seal

if TYPE_CHECKING:
    from ..scenarios.model import Scenario
    from ..sim.runner import CaseResult

__all__ = [
    "SENSITIVE_CATEGORIES",
    "case_file_from_result",
    "record_with_sensitivity",
    "crises_from_record",
    "stage_days",
]

#: Why an entry is sensitive: category code -> label.
SENSITIVE_CATEGORIES: Mapping[str, Text] = {
    "health": Text("건강", "health"),
    "mental_health": Text("정신건강", "mental health"),
    "abuse_violence": Text("학대·폭력", "abuse or violence"),
    "crisis": Text("위기", "crisis"),
}

_BY_DOMAIN = {
    NeedDomain.MEDICAL.value: "health",
    NeedDomain.PSYCHOLOGICAL.value: "mental_health",
    NeedDomain.SAFETY.value: "abuse_violence",
}
_BY_CRISIS = {
    CrisisType.SERIOUS_ILLNESS.value: "health",
    CrisisType.SELF_HARM_RISK.value: "mental_health",
    CrisisType.ABUSE_NEGLECT.value: "abuse_violence",
    CrisisType.FAMILY_VIOLENCE.value: "abuse_violence",
    CrisisType.SCHOOL_VIOLENCE.value: "abuse_violence",
}
_RESOURCE_KINDS = frozenset(
    {RecordKind.LINK, RecordKind.SERVICE_STATUS, RecordKind.INDIRECT_PRACTICE, RecordKind.MANDATORY_REPORT}
)


def case_file_from_result(
    result: CaseResult,
    scenario: Scenario,
    *,
    learner: str,
    policy: str | None = None,
    feedback: Sequence[Mapping[str, Any]] | None = None,
    steps: Sequence[Any] | None = None,
    created: str | None = None,
) -> dict[str, Any]:
    """The sealed case-file document of one run.

    Parameters
    ----------
    result
        The finished run (:func:`casekit.sim.run_case`).
    scenario
        The scenario it ran (for the title, difficulty and resource domains).
    learner
        Who managed the case, as the learner entered it (or a label such as a policy name).
    policy
        ``"learner"`` or a built-in policy's name; default: ``result.policy`` when it is a
        built-in policy, else ``"learner"``.
    feedback
        Optional per-stage feedback, passed through: ``[{"stage": code, "good": [{"ko",
        "en"}], "missing": [{"ko", "en"}]}]``.
    steps
        Optional walkthrough steps (JSON-ready), passed through.
    created
        When the file was made (ISO 8601). Left out unless given, so the same run gives the
        same file byte for byte.

    Returns
    -------
    dict
        The document, sealed with its checksum (:func:`casekit.store.casefile.seal`); write
        it with :func:`casekit.store.casefile.write_case_file`.
    """
    from .. import __version__
    from ..sim.policies import POLICIES

    if policy is None:
        policy = result.policy if result.policy in POLICIES else "learner"
    record = record_with_sensitivity(result.record, scenario)
    end_day = max((e.day for e in result.record), default=0)
    doc: dict[str, Any] = {"casekit_version": __version__}
    if created is not None:
        doc["created"] = created
    doc.update(
        learner=learner,
        scenario={
            "id": scenario.id,
            "title": scenario.title.to_dict(),
            "difficulty": scenario.difficulty.value,
        },
        policy=policy,
        seed=int(result.seed),
        closed_reason=result.closed_reason,
        timed_out=bool(result.timed_out),
        score={
            "total": result.score.total,
            "components": dict(result.score.components),
            # A case rightly not opened is scored on its handover; the wording differs.
            "handover": bool(getattr(result.score, "handover", False)),
        },
        stages=[{"stage": s, "day": int(d)} for s, d in result.stages],
        stage_days=stage_days(result.stages, end_day),
        crises=crises_from_record(record),
        violations=[
            {"day": v.day, "verb": v.verb, "stage": v.stage, "rule": v.rule} for v in result.violations
        ],
        needs_before=dict(result.needs_before),
        needs_after=dict(result.needs_after),
        record=record,
    )
    if feedback is not None:
        doc["feedback"] = [dict(item) for item in feedback]
    if steps is not None:
        doc["steps"] = list(steps)
    return seal(doc)


def stage_days(stages: Iterable[tuple[str, int]], end_day: int) -> dict[str, int]:
    """Days spent in each stage (every stage, in process order; 0 when never reached).

    A stage reached twice (monitoring, reassessment, planning) adds both stays; the last
    stage lasts until ``end_day``.

    Examples
    --------
    >>> d = stage_days([("intake", 0), ("assessment", 2), ("planning", 5), ("assessment", 9)], 12)
    >>> d["intake"], d["assessment"], d["planning"], d["aftercare"]
    (2, 6, 4, 0)
    """
    out = {s.value: 0 for s in Stage}
    timeline = list(stages)
    for i, (stage, day) in enumerate(timeline):
        until = timeline[i + 1][1] if i + 1 < len(timeline) else max(end_day, day)
        out[stage] += int(until - day)
    return out


def crises_from_record(record: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Each recorded crisis: id, type, day, when it was answered and how fast.

    ``intervened_day`` is the day of the first crisis intervention for it (``None`` when
    there was none); ``response_days`` the days between the crisis and that intervention.
    """
    crises: dict[str, dict[str, Any]] = {}
    for e in record:
        f = e["fields"]
        if e["kind"] == RecordKind.CRISIS.value:
            crises[f["id"]] = {
                "id": f["id"],
                "type": f["type"],
                "day": e["day"],
                "intervened_day": None,
                "response_days": None,
                "window_days": f.get("window_days"),
            }
        elif e["kind"] == RecordKind.CRISIS_INTERVENTION.value:
            c = crises.get(f.get("crisis"))
            if c is not None and c["intervened_day"] is None:
                c["intervened_day"] = e["day"]
                c["response_days"] = e["day"] - c["day"]
    return list(crises.values())


def record_with_sensitivity(
    entries: Iterable[RecordEntry], scenario: Scenario | None = None
) -> list[dict[str, Any]]:
    """The case-file form of each entry with ``sensitive`` and ``sensitive_as`` set.

    ``scenario`` gives the domains of the resources linked to; without it links are judged
    by their entry kind only.

    Examples
    --------
    >>> from casekit.domain import RecordEntry, RecordKind, Stage
    >>> e = RecordEntry(0, Stage.ASSESSMENT, 3, "cm", RecordKind.NEEDS_RATING, {"ratings": {"psychological": 3}})
    >>> d = record_with_sensitivity([e])[0]
    >>> d["sensitive"], d["sensitive_as"]
    (True, ['mental_health'])
    """
    resource_domains = {r.id: {d.value for d in r.domains} for r in scenario.resources} if scenario else {}
    crisis_types: dict[str, str] = {}
    goal_domains: dict[str, str] = {}
    out = []
    for entry in entries:
        data = entry.to_dict()
        f = data["fields"]
        if entry.kind is RecordKind.CRISIS:
            crisis_types[str(f.get("id"))] = str(f.get("type"))
        if entry.kind is RecordKind.GOAL_SET:
            goal_domains[str(f.get("id"))] = str(f.get("domain"))
        cats = _categories(entry, f, resource_domains, crisis_types, goal_domains)
        data["sensitive"] = bool(cats) or entry.sensitive
        data["sensitive_as"] = [c for c in SENSITIVE_CATEGORIES if c in cats]
        out.append(data)
    return out


def _categories(
    entry: RecordEntry,
    f: Mapping[str, Any],
    resource_domains: Mapping[str, set[str]],
    crisis_types: Mapping[str, str],
    goal_domains: Mapping[str, str],
) -> set[str]:
    kind = entry.kind
    cats: set[str] = set()

    def domains(codes: Iterable[Any]) -> None:
        cats.update(_BY_DOMAIN[c] for c in codes if c in _BY_DOMAIN)

    if kind is RecordKind.CRISIS:
        cats.add(_BY_CRISIS.get(str(f.get("type")), "crisis"))
    elif kind in (RecordKind.CRISIS_INTERVENTION, RecordKind.MANDATORY_REPORT):
        cats.add(_BY_CRISIS.get(crisis_types.get(str(f.get("crisis")), ""), "crisis"))
    if kind is RecordKind.NEEDS_RATING:
        domains(d for d, v in (f.get("ratings") or {}).items() if isinstance(v, int) and v > 0)
    elif kind is RecordKind.INTERVIEW:
        domains(f.get("domains") or ())
    elif kind is RecordKind.GOAL_SET:
        domains([f.get("domain")])
    elif kind is RecordKind.INTAKE_RECORD and f.get("health"):
        cats.add("health")
    elif kind is RecordKind.MONITORING:
        domains(goal_domains.get(str(g)) for g in (f.get("progress") or {}))
    elif kind is RecordKind.GOAL_EVALUATION:
        domains([goal_domains.get(str(f.get("goal")))])
    if kind in _RESOURCE_KINDS:
        domains(resource_domains.get(str(f.get("resource")), ()))
    return cats
