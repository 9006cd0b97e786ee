"""The people of a case: the client (a student and household) and the case manager.

Seed 000 names the client and the case manager as two of the five practice elements. The
client is a student who wants to solve a problem and needs psychological, emotional, material
or social resources that they cannot secure alone; the case manager is the school social
worker, recommended to hold a social-work licence, to have five or more years of experience
and to have completed the standard case-management training.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .errors import CasekitError
from .text import Text
from .vocabulary import (
    ConsentPurpose,
    EligibilityCategory,
    HouseholdType,
    Kinship,
    Licence,
    NeedDomain,
    SchoolLevel,
    Severity,
    Sex,
)

__all__ = [
    "Needs",
    "make_needs",
    "HouseholdMember",
    "Client",
    "Consent",
    "Referral",
    "CaseManager",
    "RECOMMENDED_YEARS_OF_EXPERIENCE",
    "GUARDIAN_CONSENT_AGE",
]

#: Needs of a client: severity 0-4 for each domain (a read-only mapping).
Needs = Mapping[NeedDomain, Severity]

#: Years of social-work experience recommended for a school case manager (seed 000).
RECOMMENDED_YEARS_OF_EXPERIENCE = 5

#: Below this age a legal guardian must consent as well (Korean privacy law, DOMAIN.md §7).
GUARDIAN_CONSENT_AGE = 14


def make_needs(values: Mapping[str | NeedDomain, int] | None = None, *, complete: bool = True) -> Needs:
    """Validate needs and return a read-only ``{NeedDomain: Severity}`` mapping.

    Parameters
    ----------
    values
        Severity per domain code; unknown codes and values outside 0-4 raise ``CasekitError``.
    complete
        Fill every domain that is not given with severity 0.

    Examples
    --------
    >>> needs = make_needs({"educational": 3, "economic": 2})
    >>> int(needs[NeedDomain.EDUCATIONAL]), int(needs[NeedDomain.SAFETY])
    (3, 0)
    """
    result: dict[NeedDomain, Severity] = {}
    for key, value in (values or {}).items():
        try:
            domain = NeedDomain.parse(key)
        except ValueError as exc:
            raise CasekitError(f"needs: {exc}") from None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 4:
            raise CasekitError(f"needs.{domain.value}: severity must be a whole number 0-4, got {value!r}")
        result[domain] = Severity(value)
    if complete:
        for domain in NeedDomain:
            result.setdefault(domain, Severity.NONE)
    ordered = {d: result[d] for d in NeedDomain if d in result}
    return MappingProxyType(ordered)


@dataclass(frozen=True)
class HouseholdMember:
    """A member of the student's family, for the intake family table and the genogram."""

    id: str
    kinship: Kinship
    name: Text
    sex: Sex
    age: int | None = None
    lives_with_student: bool = True
    deceased: bool = False
    note: Text | None = None


@dataclass(frozen=True)
class Client:
    """A student who needs resources they cannot secure alone (seed 000, element 1).

    Every bundled client is synthetic.

    Examples
    --------
    >>> c = Client(id="S1", name=Text("김하늘", "Kim Haneul"), sex=Sex.FEMALE, age=13,
    ...            school_level=SchoolLevel.MIDDLE, grade=1,
    ...            household_type=HouseholdType.SINGLE_PARENT,
    ...            needs=make_needs({"educational": 3}))
    >>> c.needs_guardian_consent(), c.grade_label("en")
    (True, 'middle school, grade 1')
    >>> [d.value for d in c.needs_at_least(2)]
    ['educational']
    """

    id: str
    name: Text
    sex: Sex
    age: int
    school_level: SchoolLevel
    grade: int
    household_type: HouseholdType
    needs: Needs = field(default_factory=make_needs)
    eligibility: frozenset[EligibilityCategory] = frozenset()
    strengths: tuple[Text, ...] = ()
    household: tuple[HouseholdMember, ...] = ()
    school: Text | None = None
    home_language: str = "ko"
    interpreter_needed: bool = False

    def __post_init__(self) -> None:
        if not 5 <= self.age <= 24:
            raise CasekitError(f"client {self.id}: age: must be 5-24 for a school client, got {self.age}")
        if not 1 <= self.grade <= self.school_level.grades:
            raise CasekitError(
                f"client {self.id}: grade: {self.school_level.en} has grades 1-{self.school_level.grades}, "
                f"got {self.grade}"
            )
        object.__setattr__(self, "needs", make_needs(dict(self.needs)))
        object.__setattr__(self, "eligibility", frozenset(self.eligibility))

    def needs_guardian_consent(self, age_limit: int = GUARDIAN_CONSENT_AGE) -> bool:
        """Whether a legal guardian must consent as well (under 14 by default)."""
        return self.age < age_limit

    def needs_at_least(self, severity: int = 2) -> tuple[NeedDomain, ...]:
        """Domains whose need is at least ``severity``, in vocabulary order."""
        return tuple(d for d, s in self.needs.items() if s >= severity)

    @property
    def priority_student(self) -> bool:
        """Whether the student belongs to an education-welfare priority category."""
        return bool(self.eligibility)

    def grade_label(self, lang: str = "ko") -> str:
        """School level and grade, e.g. ``중학교 2학년``."""
        if lang == "ko":
            return f"{self.school_level.ko} {self.grade}학년"
        return f"{self.school_level.en}, grade {self.grade}"


@dataclass(frozen=True)
class Consent:
    """A consent (or refusal) for one purpose, given on a day by the student or a guardian."""

    purpose: ConsentPurpose
    granted: bool
    day: int
    given_by: str = "student"

    def __post_init__(self) -> None:
        if self.given_by not in ("student", "guardian"):
            raise CasekitError(f"consent.given_by: must be 'student' or 'guardian', got {self.given_by!r}")


@dataclass(frozen=True)
class Referral:
    """How a case came to the case manager: who referred the student, why, and when."""

    source: str
    reason: Text
    day: int = 0
    source_label: Text | None = None


@dataclass(frozen=True)
class CaseManager:
    """The school social worker who runs the case (seed 000, element 3).

    Examples
    --------
    >>> cm = CaseManager(id="cm1", name=Text("박지원", "Park Jiwon"),
    ...                  licence=Licence.SOCIAL_WORKER_1, years_experience=3, standard_training=True)
    >>> cm.meets_recommended_qualifications()
    False
    >>> [gap.en for gap in cm.qualification_gaps()]
    ['5 or more years of social-work experience (has 3)']
    """

    id: str
    name: Text
    licence: Licence = Licence.SOCIAL_WORKER_2
    years_experience: float = 0.0
    standard_training: bool = False
    caseload: int = 0
    caseload_limit: int = 25
    school: Text | None = None

    def __post_init__(self) -> None:
        if self.years_experience < 0:
            raise CasekitError(f"case manager {self.id}: years_experience: cannot be negative")
        if self.caseload < 0 or self.caseload_limit < 1:
            raise CasekitError(f"case manager {self.id}: caseload: must be >= 0 with a limit >= 1")

    def qualification_gaps(self) -> tuple[Text, ...]:
        """What the manager lacks of the recommended qualifications (seed 000), if anything."""
        gaps: list[Text] = []
        if self.licence is Licence.NONE:
            gaps.append(Text("사회복지사 자격", "a social-work licence"))
        if self.years_experience < RECOMMENDED_YEARS_OF_EXPERIENCE:
            years = f"{self.years_experience:g}"
            gaps.append(
                Text(
                    f"사회복지 경력 {RECOMMENDED_YEARS_OF_EXPERIENCE}년 이상 (현재 {years}년)",
                    f"{RECOMMENDED_YEARS_OF_EXPERIENCE} or more years of social-work experience (has {years})",
                )
            )
        if not self.standard_training:
            gaps.append(Text("사례관리 표준교육 이수", "completed standard case-management training"))
        return tuple(gaps)

    def meets_recommended_qualifications(self) -> bool:
        """Licence, five or more years of experience and the standard training (seed 000)."""
        return not self.qualification_gaps()

    @property
    def has_capacity(self) -> bool:
        """Whether the manager can take another case."""
        return self.caseload < self.caseload_limit
