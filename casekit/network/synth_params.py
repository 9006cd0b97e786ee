"""Parameters of the synthetic school district (:func:`casekit.network.synth.synth_district`).

Every number that shapes the synthetic district lives here, with its default, so a data card
can cite it. Numbers marked (?) in the docstrings are design assumptions (DOMAIN.md: keep
assumptions editable), not sourced facts.

Examples
--------
>>> p = SynthParams()
>>> p.clients_per_school, p.clients_per_manager, p.clients_per_resource
(200, 100, 40)
>>> [s.type for s in IN_SCHOOL_RESOURCES][:3]
['homeroom_teacher', 'wee_class', 'health_teacher']
>>> SynthParams(clients_per_school=0)
Traceback (most recent call last):
...
casekit.domain.errors.CasekitError: synthetic district: clients_per_school must be >= 1, got 0
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

from ..domain.errors import CasekitError
from ..domain.resources import ResourceType
from ..domain.vocabulary import NeedDomain, Sector, Setting

__all__ = ["ResourceSpec", "IN_SCHOOL_RESOURCES", "DISTRICT_RESOURCES", "SynthParams"]


@dataclass(frozen=True)
class ResourceSpec:
    """One kind of resource in the synthetic district.

    Parameters
    ----------
    type
        :class:`~casekit.domain.resources.ResourceType` code; its profile gives the setting,
        sector and domains served.
    per_school
        District resources: how many per school (at least ``minimum``). In-school resources
        ignore it: the resource budget decides (see :class:`SynthParams`).
    capacity
        Caseload ceiling: clients linked at once; ``None`` for no fixed limit (a public office
        open to every resident, a school's homeroom teachers, an informal group). A district
        agency serves 50-100 schools, so its ceiling is large.
    popularity
        How often case managers turn to this kind of resource; multiplied by a Zipf factor
        within the kind, so the first of a kind is a hub.
    minimum
        The fewest a district has.
    setting, sector
        Override the profile (mentoring volunteers as an informal group).
    label
        ``(ko, en)`` name stem; the ResourceType labels when ``None``.
    elementary_only
        Serves elementary-school students only (Dream Start: ages 0-12).
    per_dong
        Named after a neighbourhood (dong), as administrative welfare centers are.
    anchor
        ``""`` for an agency that many organisations deal with (coordination, collaboration
        and referral drawn by popularity). Otherwise the one organisation that ties it to the
        rest: ``"manager"`` (found and kept by one case manager: resource development,
        자원개발), ``"school"`` (works with one school's after-school programme, else its
        homeroom teachers) or a ResourceType code (collaborates with one agency of that type).
        Anchored resources make their anchor a broker (an articulation point).
    """

    type: str
    per_school: float = 0.0
    capacity: int | None = None
    popularity: float = 1.0
    minimum: int = 1
    setting: str | None = None
    sector: str | None = None
    label: tuple[str, str] | None = None
    elementary_only: bool = False
    per_dong: bool = False
    anchor: str = ""

    def __post_init__(self) -> None:
        ResourceType.parse(self.type)
        if self.anchor not in ("", "manager", "school"):
            ResourceType.parse(self.anchor)

    @property
    def resource_type(self) -> ResourceType:
        """The :class:`ResourceType` member."""
        return ResourceType.parse(self.type)

    def labels(self) -> tuple[str, str]:
        """The ``(ko, en)`` name stem."""
        return self.label or (self.resource_type.ko, self.resource_type.en)

    def count(self, schools: int) -> int:
        """How many a district of ``schools`` schools has."""
        return max(self.minimum, math.floor(self.per_school * schools + 0.5))


_S = ResourceSpec
_INF, _INF_SECTOR = Setting.INFORMAL.value, Sector.INFORMAL.value

#: In-school resources in the order a school gets them as the budget allows (?).
IN_SCHOOL_RESOURCES: tuple[ResourceSpec, ...] = (
    _S("homeroom_teacher", capacity=None, popularity=3.0, label=("담임교사", "homeroom teachers")),
    _S("wee_class", capacity=80, popularity=2.0, label=("Wee클래스", "Wee class")),
    _S("health_teacher", capacity=None, popularity=1.5, label=("보건교사", "health teacher")),
    _S(
        "after_school_program",
        capacity=60,
        popularity=1.5,
        label=("방과후 프로그램", "after-school programme"),
    ),
    _S("case_management_team", capacity=40, popularity=1.0, label=("사례관리팀", "case-management team")),
)

#: Agencies and informal groups of the district: counts per school, capacities and
#: popularity are design assumptions (?) except the local children's center capacity
#: (29 is the common size of a Korean 지역아동센터).
DISTRICT_RESOURCES: tuple[ResourceSpec, ...] = (
    _S("wee_center", 0.02, 1500, 3.0),
    _S("youth_counselling_center", 0.01, 1200, 2.5),
    _S("mental_health_center", 0.01, 800, 2.0),
    _S("administrative_welfare_center", 0.2, None, 2.0, per_dong=True),
    _S("hope_welfare_team", 0.01, 800, 2.0),
    _S("community_welfare_center", 0.05, 1500, 2.0),
    _S("dream_start", 0.01, 400, 2.0, elementary_only=True),
    _S("local_childrens_center", 0.3, 29, 1.5, anchor="school"),
    _S("child_protection_agency", 0.01, 300, 2.0),
    _S("public_health_center", 0.01, None, 2.0),
    _S("hospital", 0.05, 800, 1.0),
    _S("police", 0.03, None, 1.5, label=("경찰서", "police station")),
    _S("multicultural_family_center", 0.01, 300, 0.5, label=("가족센터", "family center")),
    _S("hana_center", 0.01, 60, 0.2),
    _S("sponsor", 0.1, 40, 0.5, label=("후원처", "sponsor"), anchor="manager"),
    _S("volunteer", 0.1, 30, 0.5, label=("자원봉사단", "volunteer group"), anchor="manager"),
    _S("religious_group", 0.1, None, 1.0, anchor="community_welfare_center"),
    _S(
        "neighbour",
        0.1,
        None,
        1.0,
        label=("이웃 모임", "neighbourhood group"),
        per_dong=True,
        anchor="administrative_welfare_center",
    ),
    _S(
        "volunteer",
        0.1,
        None,
        1.0,
        setting=_INF,
        sector=_INF_SECTOR,
        label=("멘토링 봉사모임", "mentoring volunteers"),
        anchor="youth_counselling_center",
    ),
)

_DOMAIN_CODES = tuple(d.value for d in NeedDomain)


@dataclass(frozen=True)
class SynthParams:
    """The numbers behind a synthetic district; every default is listed here.

    ==========================  ==================================  ============================================
    parameter                   default                             meaning
    ==========================  ==================================  ============================================
    district                    ``("한들", "Handeul")``             invented district name (ko, en)
    clients_per_school          200                                 schools = ceil(clients / this)
    clients_per_manager         100                                 one school social worker per this many clients
                                                                    (at least one per school)
    clients_per_resource        40                                  resource budget = round(clients / this);
                                                                    district agencies first, the rest in schools
    min_in_school               3                                   in-school resources every school has even
                                                                    over budget
    school_size_sigma           0.3                                 spread (lognormal sigma) of school sizes
    need_count_probs            (.05, .30, .35, .20, .07, .03)      P(client has 0, 1, ... 5 needs of severity >= 2)
    need_weights                educational .30, economic .24,      relative prevalence of need domains (?)
                                psychological .14, welfare .12,
                                relational .10, cultural .06,
                                medical .05, safety .015
    severity_probs              (.50, .35, .15)                     P(severity 2, 3, 4) of a need
    mild_need_rate              0.10                                P(a further domain has a mild need, severity 1),
                                                                    scaled by the domain's weight / mean weight
    mild_link_rate              0.3                                 share of mild needs that seek a resource
    unlinked_need_rate          0.10                                needs left unlinked on purpose (not found,
                                                                    declined); capacity leaves more unmet
    links_by_severity           (1, 2, 2, 3)                        resources sought for a need of severity 1 ... 4
    in_school_share             0.5                                 share of links sought in the client's school
    popularity_exponent         1.0                                 Zipf exponent of popularity within a kind
    link_rounds                 3                                   rounds of re-seeking when a resource is full
    informal_tie_rate           0.25                                clients with a tie to an informal group
    coordination_out            8                                   popular agencies each manager coordinates with
    collaborations_per_agency   2.5                                 mean collaboration partners an agency seeks
    referrals_per_in_school     2.0                                 mean agencies an in-school resource refers to
    referrals_per_agency        2.5                                 mean agencies an agency refers to
    stressful_rate              0.05                                share of ties marked stressful
    strength_probs              relationship (.5, .4, .1), ...      P(strong, moderate, tenuous) per relation
    in_school,                  ``IN_SCHOOL_RESOURCES``,            kinds of resource (:class:`ResourceSpec`)
    district_resources          ``DISTRICT_RESOURCES``
    ==========================  ==================================  ============================================

    The defaults give about 20,700 nodes and 86,000 ties for 20,000 clients (100 schools,
    200 case managers, 500 resources). Small districts go over the resource budget: every
    kind of district agency appears at least once and every school has ``min_in_school``
    resources (200 clients: 22 resources).
    """

    district: tuple[str, str] = ("한들", "Handeul")
    clients_per_school: int = 200
    clients_per_manager: int = 100
    clients_per_resource: int = 40
    min_in_school: int = 3
    school_size_sigma: float = 0.3
    need_count_probs: tuple[float, ...] = (0.05, 0.30, 0.35, 0.20, 0.07, 0.03)
    need_weights: tuple[tuple[str, float], ...] = (
        ("economic", 0.24),
        ("medical", 0.05),
        ("psychological", 0.14),
        ("educational", 0.30),
        ("cultural", 0.06),
        ("welfare", 0.12),
        ("safety", 0.015),
        ("relational", 0.10),
    )
    severity_probs: tuple[float, float, float] = (0.50, 0.35, 0.15)
    mild_need_rate: float = 0.10
    unlinked_need_rate: float = 0.10
    mild_link_rate: float = 0.3
    links_by_severity: tuple[int, int, int, int] = (1, 2, 2, 3)
    in_school_share: float = 0.5
    popularity_exponent: float = 1.0
    link_rounds: int = 3
    informal_tie_rate: float = 0.25
    coordination_out: int = 8
    collaborations_per_agency: float = 2.5
    referrals_per_in_school: float = 2.0
    referrals_per_agency: float = 2.5
    stressful_rate: float = 0.05
    strength_probs: tuple[tuple[str, tuple[float, float, float]], ...] = (
        ("relationship", (0.5, 0.4, 0.1)),
        ("link", (0.25, 0.5, 0.25)),
        ("informal", (0.6, 0.3, 0.1)),
        ("coordination", (0.3, 0.5, 0.2)),
        ("collaboration", (0.3, 0.5, 0.2)),
        ("referral", (0.2, 0.5, 0.3)),
    )
    in_school: tuple[ResourceSpec, ...] = IN_SCHOOL_RESOURCES
    district_resources: tuple[ResourceSpec, ...] = DISTRICT_RESOURCES

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
                raise CasekitError(f"synthetic district: {f.name} must be >= 0, got {value}")
        for name in ("clients_per_school", "clients_per_manager", "clients_per_resource", "link_rounds"):
            if getattr(self, name) < 1:
                raise CasekitError(f"synthetic district: {name} must be >= 1, got {getattr(self, name)}")
        for name in ("need_count_probs", "severity_probs"):
            if not math.isclose(sum(getattr(self, name)), 1.0, abs_tol=1e-9):
                raise CasekitError(f"synthetic district: {name} must sum to 1")
        for name in (
            "mild_need_rate",
            "mild_link_rate",
            "unlinked_need_rate",
            "in_school_share",
            "informal_tie_rate",
            "stressful_rate",
        ):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise CasekitError(f"synthetic district: {name} must be between 0 and 1")
        if tuple(sorted(d for d, _ in self.need_weights)) != tuple(sorted(_DOMAIN_CODES)):
            raise CasekitError("synthetic district: need_weights must give one weight per need domain")
        if not self.in_school or self.in_school[0].type != ResourceType.HOMEROOM_TEACHER.value:
            raise CasekitError("synthetic district: in_school must start with the homeroom_teacher pool")

    def need_weight_array(self) -> tuple[float, ...]:
        """Need-domain weights in :class:`NeedDomain` order."""
        weights = dict(self.need_weights)
        return tuple(weights[d] for d in _DOMAIN_CODES)

    def strength(self, relation: str) -> tuple[float, float, float]:
        """P(strong, moderate, tenuous) for ties of ``relation``."""
        return dict(self.strength_probs)[relation]
