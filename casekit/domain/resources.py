"""Social resources around a school (seed 000, element 2; DOMAIN.md §4).

A resource is anyone who can meet part of a student's need: in school (homeroom teacher,
Wee class), out of school (Wee center, mental-health welfare center, administrative welfare
center, community welfare center ...) or informal (family, friends, neighbours). A resource
is tied to the client by mediation and linking and to the case manager by coordination and
development.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .errors import CasekitError
from .people import Client
from .text import Text
from .vocabulary import Coded, EligibilityCategory, NeedDomain, SchoolLevel, Sector, Setting

__all__ = ["ResourceType", "ResourceProfile", "Eligibility", "Resource", "directory_by_id"]

_D = NeedDomain


class ResourceType(Coded):
    """Kinds of resource found around a Korean school (DOMAIN.md §4)."""

    HOMEROOM_TEACHER = ("homeroom_teacher", "담임교사", "homeroom teacher")
    HEALTH_TEACHER = ("health_teacher", "보건교사", "health teacher")
    WEE_CLASS = ("wee_class", "상담교사·Wee클래스", "counselling teacher / Wee class")
    SCHOOL_SOCIAL_WORKER = ("school_social_worker", "교육복지사·학교사회복지사", "school social worker")
    CASE_MANAGEMENT_TEAM = (
        "case_management_team",
        "학교 사례관리팀·통합지원위원회",
        "school case-management team",
    )
    AFTER_SCHOOL_PROGRAM = ("after_school_program", "방과후 학습 프로그램", "after-school learning programme")
    WEE_CENTER = ("wee_center", "Wee센터", "Wee center")
    YOUTH_COUNSELLING_CENTER = (
        "youth_counselling_center",
        "청소년상담복지센터",
        "youth counselling and welfare center",
    )
    MENTAL_HEALTH_CENTER = ("mental_health_center", "정신건강복지센터", "mental-health welfare center")
    ADMINISTRATIVE_WELFARE_CENTER = (
        "administrative_welfare_center",
        "행정복지센터",
        "administrative welfare center",
    )
    HOPE_WELFARE_TEAM = ("hope_welfare_team", "희망복지지원단", "Hope Welfare Support Team")
    COMMUNITY_WELFARE_CENTER = ("community_welfare_center", "종합사회복지관", "community welfare center")
    DREAM_START = ("dream_start", "드림스타트", "Dream Start")
    LOCAL_CHILDRENS_CENTER = ("local_childrens_center", "지역아동센터", "local children's center")
    CHILD_PROTECTION_AGENCY = ("child_protection_agency", "아동보호전문기관", "child protection agency")
    PUBLIC_HEALTH_CENTER = ("public_health_center", "보건소", "public health center")
    HOSPITAL = ("hospital", "병원", "hospital")
    POLICE = ("police", "경찰(112·117)", "police (112 / 117)")
    MULTICULTURAL_FAMILY_CENTER = (
        "multicultural_family_center",
        "가족센터(다문화)",
        "family center (multicultural)",
    )
    HANA_CENTER = ("hana_center", "하나센터", "Hana center (defector support)")
    FAMILY = ("family", "가족·친척", "family or relatives")
    FRIEND = ("friend", "친구", "friend")
    NEIGHBOUR = ("neighbour", "이웃", "neighbour")
    RELIGIOUS_GROUP = ("religious_group", "종교단체", "religious group")
    SPONSOR = ("sponsor", "후원자", "sponsor")
    VOLUNTEER = ("volunteer", "자원봉사자·멘토", "volunteer or mentor")

    @property
    def profile(self) -> ResourceProfile:
        """Typical setting, sector and domains of this kind of resource."""
        return _PROFILES[self]


@dataclass(frozen=True)
class ResourceProfile:
    """Typical setting, sector and domains served of a :class:`ResourceType`."""

    setting: Setting
    sector: Sector
    domains: frozenset[NeedDomain]


def _p(setting: Setting, sector: Sector, *domains: NeedDomain) -> ResourceProfile:
    return ResourceProfile(setting, sector, frozenset(domains))


_IN, _OUT, _INF = Setting.IN_SCHOOL, Setting.OUT_OF_SCHOOL, Setting.INFORMAL
_T = ResourceType
_PROFILES: dict[ResourceType, ResourceProfile] = {
    _T.HOMEROOM_TEACHER: _p(_IN, Sector.SCHOOL, _D.EDUCATIONAL, _D.RELATIONAL),
    _T.HEALTH_TEACHER: _p(_IN, Sector.SCHOOL, _D.MEDICAL),
    _T.WEE_CLASS: _p(_IN, Sector.SCHOOL, _D.PSYCHOLOGICAL, _D.RELATIONAL),
    _T.SCHOOL_SOCIAL_WORKER: _p(_IN, Sector.SCHOOL, _D.WELFARE),
    _T.CASE_MANAGEMENT_TEAM: _p(_IN, Sector.SCHOOL, *NeedDomain),
    _T.AFTER_SCHOOL_PROGRAM: _p(_IN, Sector.SCHOOL, _D.EDUCATIONAL, _D.CULTURAL),
    _T.WEE_CENTER: _p(_OUT, Sector.PUBLIC, _D.PSYCHOLOGICAL, _D.EDUCATIONAL),
    _T.YOUTH_COUNSELLING_CENTER: _p(_OUT, Sector.PUBLIC, _D.PSYCHOLOGICAL, _D.WELFARE, _D.ECONOMIC),
    _T.MENTAL_HEALTH_CENTER: _p(_OUT, Sector.PUBLIC, _D.PSYCHOLOGICAL, _D.MEDICAL),
    _T.ADMINISTRATIVE_WELFARE_CENTER: _p(_OUT, Sector.PUBLIC, _D.ECONOMIC, _D.WELFARE),
    _T.HOPE_WELFARE_TEAM: _p(_OUT, Sector.PUBLIC, _D.WELFARE, _D.ECONOMIC),
    _T.COMMUNITY_WELFARE_CENTER: _p(_OUT, Sector.PRIVATE, _D.WELFARE, _D.CULTURAL, _D.EDUCATIONAL),
    _T.DREAM_START: _p(_OUT, Sector.PUBLIC, _D.WELFARE, _D.MEDICAL, _D.EDUCATIONAL),
    _T.LOCAL_CHILDRENS_CENTER: _p(_OUT, Sector.PRIVATE, _D.EDUCATIONAL, _D.CULTURAL, _D.WELFARE),
    _T.CHILD_PROTECTION_AGENCY: _p(_OUT, Sector.PUBLIC, _D.SAFETY),
    _T.PUBLIC_HEALTH_CENTER: _p(_OUT, Sector.PUBLIC, _D.MEDICAL),
    _T.HOSPITAL: _p(_OUT, Sector.PRIVATE, _D.MEDICAL, _D.PSYCHOLOGICAL),
    _T.POLICE: _p(_OUT, Sector.PUBLIC, _D.SAFETY),
    _T.MULTICULTURAL_FAMILY_CENTER: _p(_OUT, Sector.PUBLIC, _D.CULTURAL, _D.WELFARE, _D.EDUCATIONAL),
    _T.HANA_CENTER: _p(_OUT, Sector.PUBLIC, _D.WELFARE, _D.ECONOMIC, _D.CULTURAL),
    _T.FAMILY: _p(_INF, Sector.INFORMAL, _D.RELATIONAL, _D.WELFARE),
    _T.FRIEND: _p(_INF, Sector.INFORMAL, _D.RELATIONAL),
    _T.NEIGHBOUR: _p(_INF, Sector.INFORMAL, _D.RELATIONAL, _D.WELFARE),
    _T.RELIGIOUS_GROUP: _p(_INF, Sector.INFORMAL, _D.RELATIONAL, _D.CULTURAL),
    _T.SPONSOR: _p(_OUT, Sector.PRIVATE, _D.ECONOMIC, _D.CULTURAL, _D.EDUCATIONAL),
    _T.VOLUNTEER: _p(_OUT, Sector.PRIVATE, _D.EDUCATIONAL, _D.CULTURAL, _D.RELATIONAL),
}


@dataclass(frozen=True)
class Eligibility:
    """Who a resource may serve: an age range, school levels and priority categories.

    An empty ``school_levels`` or ``categories`` admits everyone on that count; ``categories``
    admits a student who is in *any* of them.

    Examples
    --------
    >>> dream_start = Eligibility(max_age=12, note=Text("만 12세 이하", "aged 12 or under"))
    >>> dream_start.admits_age(14)
    False
    """

    min_age: int | None = None
    max_age: int | None = None
    school_levels: frozenset[SchoolLevel] = frozenset()
    categories: frozenset[EligibilityCategory] = frozenset()
    note: Text | None = None

    def __post_init__(self) -> None:
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise CasekitError(f"eligibility: min_age {self.min_age} is above max_age {self.max_age}")
        object.__setattr__(self, "school_levels", frozenset(self.school_levels))
        object.__setattr__(self, "categories", frozenset(self.categories))

    def admits_age(self, age: int) -> bool:
        """Whether ``age`` is inside the age range."""
        return (self.min_age is None or age >= self.min_age) and (self.max_age is None or age <= self.max_age)

    def refusals(self, client: Client) -> tuple[Text, ...]:
        """Why ``client`` is not eligible; empty when the client is."""
        out: list[Text] = []
        if not self.admits_age(client.age):
            lo = "" if self.min_age is None else str(self.min_age)
            hi = "" if self.max_age is None else str(self.max_age)
            out.append(Text(f"나이 조건({lo}~{hi}세)에 맞지 않음", f"outside the age range {lo}-{hi}"))
        if self.school_levels and client.school_level not in self.school_levels:
            levels = sorted(self.school_levels, key=lambda x: x.value)
            out.append(
                Text(
                    "대상 학교급 아님: " + ", ".join(x.ko for x in levels),
                    "not a school level served: " + ", ".join(x.en for x in levels),
                )
            )
        if self.categories and not (self.categories & client.eligibility):
            cats = sorted(self.categories, key=lambda x: x.value)
            out.append(
                Text(
                    "지원 대상 유형 아님: " + ", ".join(x.ko for x in cats),
                    "not in a category served: " + ", ".join(x.en for x in cats),
                )
            )
        return tuple(out)

    def admits(self, client: Client) -> bool:
        """Whether ``client`` meets every condition."""
        return not self.refusals(client)


@dataclass(frozen=True)
class Resource:
    """A resource in the directory around a school.

    Parameters
    ----------
    capacity
        How many students it can serve at once; ``None`` for no fixed limit.
    wait_days
        Typical days from referral to the first service (e.g. 14-90 at a youth counselling
        center at peak times, DOMAIN.md §4).

    Examples
    --------
    >>> wee = Resource("wee", Text("Wee센터", "Wee center"), Setting.OUT_OF_SCHOOL, Sector.PUBLIC,
    ...                frozenset({NeedDomain.PSYCHOLOGICAL}), wait_days=14)
    >>> wee.serves(NeedDomain.PSYCHOLOGICAL), wee.requires_information_sharing
    (True, True)
    """

    id: str
    name: Text
    setting: Setting
    sector: Sector
    domains: frozenset[NeedDomain]
    capacity: int | None = None
    wait_days: int = 0
    eligibility: Eligibility = field(default_factory=Eligibility)
    type: ResourceType | None = None
    description: Text | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "domains", frozenset(self.domains))
        if self.capacity is not None and self.capacity < 0:
            raise CasekitError(f"resource {self.id}: capacity: cannot be negative")
        if self.wait_days < 0:
            raise CasekitError(f"resource {self.id}: wait_days: cannot be negative")

    def serves(self, domain: NeedDomain) -> bool:
        """Whether the resource serves ``domain``."""
        return domain in self.domains

    @property
    def requires_information_sharing(self) -> bool:
        """Linking to an out-of-school resource shares the student's information with it."""
        return self.setting is Setting.OUT_OF_SCHOOL

    @classmethod
    def of_type(cls, id: str, type: ResourceType, name: Text | None = None, **kwargs: object) -> Resource:
        """A resource with the typical setting, sector and domains of ``type``."""
        profile = type.profile
        kwargs.setdefault("setting", profile.setting)
        kwargs.setdefault("sector", profile.sector)
        kwargs.setdefault("domains", profile.domains)
        return cls(id=id, name=name or type.text, type=type, **kwargs)  # type: ignore[arg-type]


def directory_by_id(resources: Iterable[Resource]) -> dict[str, Resource]:
    """Index resources by id; a repeated id raises ``CasekitError``."""
    out: dict[str, Resource] = {}
    for r in resources:
        if r.id in out:
            raise CasekitError(f"resource directory: id {r.id!r} appears twice")
        out[r.id] = r
    return out
