"""Pure-Python core of casekit: vocabulary, people, resources, the case and its record.

This layer imports no pandas, networkx, matplotlib or ipywidgets, so it is fast to import
and easy to test.
"""

from __future__ import annotations

from .case import Case
from .errors import CaseError, CasekitError, NetworkDataError, Problem, ScenarioError, StoreError
from .operating import (
    CaseConference,
    ConferenceKind,
    OperatingSystem,
    SchoolTeam,
    SupervisionSession,
    TeamMember,
)
from .people import (
    GUARDIAN_CONSENT_AGE,
    RECOMMENDED_YEARS_OF_EXPERIENCE,
    CaseManager,
    Client,
    Consent,
    HouseholdMember,
    Needs,
    Referral,
    make_needs,
)
from .plan import SERVICE_TRANSITIONS, CrisisEpisode, Goal, Service
from .records import SENSITIVE_KINDS, RecordEntry, RecordKind
from .reducer import ALLOWED_STAGES
from .resources import Eligibility, Resource, ResourceProfile, ResourceType, directory_by_id
from .rules import EMERGENCY_CRISES, MANDATORY_REPORT_CRISES, TRANSITIONS, CaseRules
from .state import CaseState
from .text import LANGUAGES, Text, check_lang
from .ties import Tie
from .vocabulary import (
    ClosureReason,
    Coded,
    ConsentPurpose,
    CrisisType,
    Difficulty,
    EligibilityCategory,
    Flow,
    FollowUpFinding,
    GoalOutcome,
    HouseholdType,
    Kinship,
    Licence,
    NeedDomain,
    NodeKind,
    Relation,
    RiskLevel,
    SchoolLevel,
    Sector,
    ServiceStatus,
    Setting,
    Severity,
    Sex,
    Skill,
    SkillKind,
    Stage,
    TieStrength,
)

__all__ = [
    "Case",
    "CaseRules",
    "CaseState",
    "TRANSITIONS",
    "ALLOWED_STAGES",
    "EMERGENCY_CRISES",
    "MANDATORY_REPORT_CRISES",
    "RecordEntry",
    "RecordKind",
    "SENSITIVE_KINDS",
    "Goal",
    "Service",
    "CrisisEpisode",
    "SERVICE_TRANSITIONS",
    "Tie",
    "CasekitError",
    "CaseError",
    "NetworkDataError",
    "Problem",
    "ScenarioError",
    "StoreError",
    "CaseConference",
    "ConferenceKind",
    "OperatingSystem",
    "SchoolTeam",
    "SupervisionSession",
    "TeamMember",
    "GUARDIAN_CONSENT_AGE",
    "RECOMMENDED_YEARS_OF_EXPERIENCE",
    "CaseManager",
    "Client",
    "Consent",
    "HouseholdMember",
    "Needs",
    "Referral",
    "make_needs",
    "Eligibility",
    "Resource",
    "ResourceProfile",
    "ResourceType",
    "directory_by_id",
    "LANGUAGES",
    "Text",
    "check_lang",
    "ClosureReason",
    "Coded",
    "ConsentPurpose",
    "CrisisType",
    "Difficulty",
    "EligibilityCategory",
    "Flow",
    "FollowUpFinding",
    "GoalOutcome",
    "HouseholdType",
    "Kinship",
    "Licence",
    "NeedDomain",
    "NodeKind",
    "Relation",
    "RiskLevel",
    "SchoolLevel",
    "Sector",
    "ServiceStatus",
    "Setting",
    "Severity",
    "Sex",
    "Skill",
    "SkillKind",
    "Stage",
    "TieStrength",
]
