"""The scenario file format, schema versions 1 and 2, as field specs (``docs/scenario-format.md``).

Each table of the format document is one :class:`~casekit.scenarios.schema.Record` here.
Rules that tie fields together (a crisis event needs a ``crisis``; ids that refer to
resources; the stages the expert key needs) live in :mod:`casekit.scenarios.build`.

Examples
--------
>>> list(STUDENT.fields)[:4]
['id', 'name', 'sex', 'age']
>>> SCENARIO.fields["crises"].required, SCENARIO.fields["ties"].default
(True, ())
"""

from __future__ import annotations

from types import MappingProxyType

from ..domain.resources import ResourceType
from ..domain.vocabulary import (
    ClosureReason,
    ConsentPurpose,
    CrisisType,
    Difficulty,
    EligibilityCategory,
    Flow,
    HouseholdType,
    Kinship,
    Licence,
    NeedDomain,
    Relation,
    RiskLevel,
    SchoolLevel,
    Sector,
    Setting,
    Sex,
    Skill,
    Stage,
    TieStrength,
)
from .model import EventKind
from .schema import Bool, Code, Id, Int, ListOf, MapOf, Number, Record, Str, TextSpec, opt, req

__all__ = [
    "CASE_MANAGER",
    "EVENT",
    "EXPERT",
    "FEEDBACK",
    "FEEDBACK_KEYS",
    "HOUSEHOLD_MEMBER",
    "INTERVIEW_QUESTION",
    "NEEDS",
    "OPERATING_SYSTEM",
    "REFERRAL",
    "REFERRAL_SOURCES",
    "RESOURCE",
    "SCENARIO",
    "STUDENT",
    "TIE",
    "TRUTH",
]

#: Referral sources that are not resources.
REFERRAL_SOURCES = ("self", "guardian")

#: Keys of the ``feedback`` mapping: the stage codes and ``crisis``.
FEEDBACK_KEYS = (*Stage.codes(), "crisis")

TEXT = TextSpec()
TEXTS = ListOf(TEXT)
NEED_DOMAIN = Code(NeedDomain, "need domain")
SKILLS = ListOf(Code(Skill, "skill"), min_items=1, unique=True)
RESOURCE_IDS = ListOf(Id(), unique=True)

#: Severity 0-4 for all eight need domains.
NEEDS = MapOf(
    NEED_DOMAIN, Int(0, 4), complete=NeedDomain.codes(), what="need domain", hint=" a severity 0-4 (0 = none)"
)

HOUSEHOLD_MEMBER = Record(
    {
        "id": req(Id()),
        "kinship": req(Code(Kinship, "kinship")),
        "name": req(TEXT),
        "sex": req(Code(Sex, "sex")),
        "age": opt(Int(0, 120)),
        "lives_with_student": opt(Bool(), True),
        "deceased": opt(Bool(), False),
        "note": opt(TEXT),
    }
)

STUDENT = Record(
    {
        "id": req(Id()),
        "name": req(TEXT),
        "sex": req(Code(Sex, "sex")),
        "age": req(Int(5, 24)),
        "school": req(TEXT),
        "school_level": req(Code(SchoolLevel, "school level")),
        "grade": req(Int(1, 6)),
        "household_type": req(Code(HouseholdType, "household type")),
        "eligibility": req(ListOf(Code(EligibilityCategory, "eligibility category"), unique=True)),
        "home_language": opt(
            Str(r"^[a-z]{2}$", "use a two-letter ISO 639-1 code such as 'ko' or 'vi'"), "ko"
        ),
        "interpreter_needed": opt(Bool(), False),
        "household": req(ListOf(HOUSEHOLD_MEMBER, min_items=1)),
    }
)

REFERRAL = Record({"day": opt(Int(0), 0), "source": req(Id()), "reason": req(TEXT)})

CASE_MANAGER = Record(
    {
        "id": req(Id()),
        "name": req(TEXT),
        "licence": req(Code(Licence, "licence")),
        "years_experience": req(Number(0)),
        "standard_training": req(Bool()),
        "caseload": opt(Int(0), 0),
        "caseload_limit": opt(Int(1), 25),
    }
)

TEAM_MEMBER = Record({"name": req(TEXT), "role": req(TEXT)})

OPERATING_SYSTEM = Record(
    {
        "team": opt(
            Record(
                {
                    "name": req(TEXT),
                    "led_by_principal": opt(Bool(), False),
                    "members": opt(ListOf(TEAM_MEMBER), ()),
                }
            )
        ),
        "partners": opt(RESOURCE_IDS, ()),
        "conference_every_days": opt(Int(1)),
        "supervisor": opt(TEXT),
        "information_system": opt(Bool(), True),
    }
)

ELIGIBILITY = Record(
    {
        "min_age": opt(Int(0)),
        "max_age": opt(Int(0)),
        "school_levels": opt(ListOf(Code(SchoolLevel, "school level"), unique=True), ()),
        "categories": opt(ListOf(Code(EligibilityCategory, "eligibility category"), unique=True), ()),
        "note": opt(TEXT),
    }
)

RESOURCE = Record(
    {
        "id": req(Id()),
        "type": opt(Code(ResourceType, "resource type")),
        "name": req(TEXT),
        "setting": opt(Code(Setting, "setting")),
        "sector": opt(Code(Sector, "sector")),
        "domains": opt(ListOf(NEED_DOMAIN, min_items=1, unique=True)),
        "capacity": opt(Int(0)),
        "wait_days": opt(Int(0), 0),
        "eligibility": opt(ELIGIBILITY),
        "description": opt(TEXT),
    }
)

TIE = Record(
    {
        "target": req(Id()),
        "relation": req(Code(Relation, "tie relation", only=("informal", "link"))),
        "strength": req(Code(TieStrength, "tie strength")),
        "stressful": opt(Bool(), False),
        "flow": opt(Code(Flow, "flow"), Flow.BOTH),
        "note": opt(TEXT),
    }
)

TRUTH = Record(
    {
        "needs": req(NEEDS),
        "strengths": req(ListOf(TEXT, min_items=1)),
        "risk_level": req(Code(RiskLevel, "risk level")),
        "open_case": req(Bool()),
        "not_opened_reason": opt(
            Code(ClosureReason, "reason for not opening", only=("not_eligible", "transferred"))
        ),
        "barriers": opt(TEXTS, ()),
    }
)

INTERVIEW_QUESTION = Record(
    {
        "id": req(Id()),
        "ask": req(TEXT),
        "reveals": req(TEXT),
        "domains": req(ListOf(NEED_DOMAIN, unique=True)),
        "minutes": opt(Int(1), 10),
    }
)

EVENT = Record(
    {
        "day": req(Int(0)),
        "kind": req(Code(EventKind, "event kind")),
        "crisis": opt(Code(CrisisType, "crisis type")),
        "resource": opt(Id()),
        "needs_change": opt(MapOf(NEED_DOMAIN, Int(-4, 4))),
        "response_window_days": opt(Int(0)),
        "description": req(TEXT),
    }
)

GOAL = Record(
    {
        "id": req(Id()),
        "domain": req(NEED_DOMAIN),
        "description": req(TEXT),
        "measure": req(TEXT),
        "by_day": req(Int(0)),
        "resources": req(ListOf(Id(), min_items=1, unique=True)),
        "responsible": req(TEXT),
        "frequency": req(TEXT),
    }
)


def _stage(**fields: object) -> Record:
    return Record({"rationale": req(TEXT), **fields})  # type: ignore[dict-item]


EXPERT = Record(
    {
        "intake": req(
            _stage(
                questions=req(ListOf(Id(), min_items=1, unique=True)),
                risk_level=req(Code(RiskLevel, "risk level")),
                open_case=req(Bool()),
                consents=req(ListOf(Code(ConsentPurpose, "consent purpose"), unique=True)),
                referred_to=opt(Id()),
            )
        ),
        "assessment": opt(_stage(needs=req(NEEDS))),
        "planning": opt(_stage(goals=req(ListOf(GOAL, min_items=1)), case_conference=opt(Bool(), False))),
        "service_provision": opt(_stage(skills=req(SKILLS))),
        "monitoring": opt(_stage(every_days=req(Int(1)))),
        "reassessment": opt(_stage(needs=opt(NEEDS))),
        "crisis": opt(
            _stage(
                respond_within_days=req(Int(0)),
                skills=req(SKILLS),
                resources=req(RESOURCE_IDS),
            )
        ),
        "termination": req(_stage(closure_reason=req(Code(ClosureReason, "closure reason")))),
        "aftercare": opt(_stage(followup_days=req(ListOf(Int(1), min_items=1)))),
    }
)

FEEDBACK = MapOf(Code(FEEDBACK_KEYS, "feedback stage"), Record({"good": req(TEXT), "missing": req(TEXT)}))

SCENARIO = Record(
    {
        "schema_version": req(Int(1)),
        "id": req(Id()),
        "title": req(TEXT),
        "summary": req(TEXT),
        "difficulty": req(Code(Difficulty, "difficulty")),
        "learning_objectives": req(ListOf(TEXT, min_items=1)),
        "crises": req(ListOf(Code(CrisisType, "crisis type"), unique=True)),
        "skills": req(SKILLS),
        "student": req(STUDENT),
        "referral": req(REFERRAL),
        "case_manager": req(CASE_MANAGER),
        "operating_system": opt(OPERATING_SYSTEM),
        "resources": req(ListOf(RESOURCE, min_items=1)),
        "ties": opt(ListOf(TIE), ()),
        "truth": req(TRUTH),
        "interview": req(ListOf(INTERVIEW_QUESTION, min_items=1)),
        "events": opt(ListOf(EVENT), ()),
        "expert": req(EXPERT),
        "feedback": opt(FEEDBACK, MappingProxyType({})),
        "parameters": opt(MapOf(Str(), Number()), MappingProxyType({})),
    }
)
