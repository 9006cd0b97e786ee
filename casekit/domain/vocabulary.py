"""The shared vocabulary of casekit (ARCHITECTURE.md, "Vocabulary").

Every code is an English ``snake_case`` string (the enum's value, used in files, the CLI and
JSON) with a Korean and an English label. Enums subclass ``str`` so a member compares equal
to its code and serialises as it.

Examples
--------
>>> Stage.ASSESSMENT == "assessment"
True
>>> Stage.ASSESSMENT.label("ko"), Stage.ASSESSMENT.label("en")
('사정', 'assessment')
>>> NeedDomain.parse("economic") is NeedDomain.ECONOMIC
True
"""

from __future__ import annotations

from enum import Enum, IntEnum
from typing import TypeVar

from .text import Text

__all__ = [
    "Coded",
    "Stage",
    "NeedDomain",
    "Severity",
    "NodeKind",
    "Setting",
    "Sector",
    "Relation",
    "TieStrength",
    "Flow",
    "SkillKind",
    "Skill",
    "CrisisType",
    "ClosureReason",
    "RiskLevel",
    "ConsentPurpose",
    "EligibilityCategory",
    "HouseholdType",
    "SchoolLevel",
    "Sex",
    "Kinship",
    "Licence",
    "ServiceStatus",
    "GoalOutcome",
    "FollowUpFinding",
    "Difficulty",
]

C = TypeVar("C", bound="Coded")


class Coded(str, Enum):
    """An enum whose value is a contract code and which carries ko/en labels."""

    ko: str
    en: str

    def __new__(cls, code: str, ko: str, en: str) -> Coded:
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.ko = ko
        obj.en = en
        return obj

    @property
    def code(self) -> str:
        """The contract code, e.g. ``"service_provision"``."""
        return str(self.value)

    @property
    def text(self) -> Text:
        """Both labels as a :class:`Text`."""
        return Text(self.ko, self.en)

    def label(self, lang: str = "ko") -> str:
        """The label in ``lang`` (``"ko"`` or ``"en"``)."""
        return self.text.get(lang)

    @classmethod
    def codes(cls) -> tuple[str, ...]:
        """All codes, in declaration order."""
        return tuple(m.value for m in cls)

    @classmethod
    def parse(cls: type[C], value: object) -> C:
        """The member for a code (or a member), else ``ValueError`` listing the valid codes."""
        if isinstance(value, cls):
            return value
        try:
            return cls(value)
        except ValueError:
            valid = ", ".join(cls.codes())
            raise ValueError(f"unknown {cls.__name__} code {value!r}; valid codes: {valid}") from None

    def __str__(self) -> str:
        return str(self.value)

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


class Stage(Coded):
    """Stages of the case-management process, in order (seed 000, element 4)."""

    INTAKE = ("intake", "접수", "intake")
    ASSESSMENT = ("assessment", "사정", "assessment")
    PLANNING = ("planning", "개입 계획", "intervention planning")
    SERVICE_PROVISION = ("service_provision", "서비스 제공", "service provision")
    MONITORING = ("monitoring", "조정과 점검", "coordination and monitoring")
    REASSESSMENT = ("reassessment", "재사정", "reassessment")
    TERMINATION = ("termination", "평가 및 종결", "evaluation and termination")
    AFTERCARE = ("aftercare", "사후관리", "aftercare")

    @property
    def order(self) -> int:
        """Position in the process, 0 for intake."""
        return list(Stage).index(self)


class NeedDomain(Coded):
    """Domains of need (of a client) and of service (of a resource)."""

    ECONOMIC = ("economic", "경제", "economic")
    MEDICAL = ("medical", "의료·건강", "medical and health")
    PSYCHOLOGICAL = ("psychological", "심리·정서", "psychological and emotional")
    EDUCATIONAL = ("educational", "학습·교육", "learning and education")
    CULTURAL = ("cultural", "문화·체험", "culture and experience")
    WELFARE = ("welfare", "복지·돌봄", "welfare and care")
    SAFETY = ("safety", "안전·보호", "safety and protection")
    RELATIONAL = ("relational", "관계·사회성", "relationships and social skills")


class Severity(IntEnum):
    """Severity of a need, 0 (none) to 4 (critical)."""

    NONE = 0
    MILD = 1
    MODERATE = 2
    SEVERE = 3
    CRITICAL = 4

    @property
    def text(self) -> Text:
        """Korean and English labels."""
        return _SEVERITY_LABELS[int(self)]

    def label(self, lang: str = "ko") -> str:
        """The label in ``lang``."""
        return self.text.get(lang)


_SEVERITY_LABELS = (
    Text("없음", "none"),
    Text("경미", "mild"),
    Text("보통", "moderate"),
    Text("심각", "severe"),
    Text("위기", "critical"),
)


class NodeKind(Coded):
    """Kinds of node in a resource network."""

    CLIENT = ("client", "클라이언트", "client")
    CASE_MANAGER = ("case_manager", "사례관리자", "case manager")
    RESOURCE = ("resource", "자원", "resource")


class Setting(Coded):
    """Where a resource sits relative to the school."""

    IN_SCHOOL = ("in_school", "교내", "in school")
    OUT_OF_SCHOOL = ("out_of_school", "지역사회(교외)", "out of school")
    INFORMAL = ("informal", "비공식", "informal")


class Sector(Coded):
    """Who runs a resource."""

    SCHOOL = ("school", "학교", "school")
    PUBLIC = ("public", "공공", "public")
    PRIVATE = ("private", "민간", "private")
    INFORMAL = ("informal", "비공식", "informal")


class Relation(Coded):
    """Relations a tie can carry (seed 000: the two kinds of resource tie, and more)."""

    LINK = ("link", "중재 및 연결", "mediation and linking")
    COORDINATION = ("coordination", "조정 및 개발", "coordination and development")
    RELATIONSHIP = ("relationship", "원조관계", "working relationship")
    REFERRAL = ("referral", "의뢰", "referral")
    COLLABORATION = ("collaboration", "협력", "collaboration")
    INFORMAL = ("informal", "비공식 관계", "informal tie")

    @property
    def directed(self) -> bool:
        """Only referral ties have a direction of their own."""
        return self is Relation.REFERRAL


class TieStrength(Coded):
    """Strength of a tie, as an ecomap line shows it (Hartman 1978)."""

    STRONG = ("strong", "강함", "strong")
    MODERATE = ("moderate", "보통", "moderate")
    TENUOUS = ("tenuous", "약함", "tenuous")


class Flow(Coded):
    """Which way energy or resources flow along a tie (ecomap arrows)."""

    NONE = ("none", "없음", "none")
    TO_TARGET = ("to_target", "대상 쪽으로", "to target")
    TO_SOURCE = ("to_source", "출발 쪽으로", "to source")
    BOTH = ("both", "양방향", "both ways")


class SkillKind(Coded):
    """Direct practice (with the client) or indirect practice (with the resource side)."""

    DIRECT = ("direct", "직접실천", "direct practice")
    INDIRECT = ("indirect", "간접실천", "indirect practice")


class Skill(Coded):
    """Practice skills: six direct (seed 001) and four indirect (Moxley's roles)."""

    CRISIS_INTERVENTION = ("crisis_intervention", "위기개입", "crisis intervention")
    EDUCATION_TRAINING = ("education_training", "교육·훈련", "education and training")
    COLLABORATION = ("collaboration", "협력적 활동", "collaborative activity")
    COUNSELLING = ("counselling", "상담·치료", "counselling and therapy")
    INFORMATION = ("information", "정보제공", "information provision")
    SELF_ADVOCACY = ("self_advocacy", "자기옹호 지원", "self-advocacy support")
    LINKING = ("linking", "연계", "linking and referral")
    COORDINATION = ("coordination", "조정", "coordination")
    ADVOCACY = ("advocacy", "옹호", "advocacy")
    RESOURCE_DEVELOPMENT = ("resource_development", "자원개발", "resource development")

    @property
    def kind(self) -> SkillKind:
        """Whether the skill is direct or indirect practice."""
        return SkillKind.DIRECT if self in _DIRECT else SkillKind.INDIRECT

    @classmethod
    def direct(cls) -> tuple[Skill, ...]:
        """The six direct-practice skills."""
        return _DIRECT

    @classmethod
    def indirect(cls) -> tuple[Skill, ...]:
        """The four indirect-practice skills."""
        return tuple(s for s in cls if s not in _DIRECT)


_DIRECT = (
    Skill.CRISIS_INTERVENTION,
    Skill.EDUCATION_TRAINING,
    Skill.COLLABORATION,
    Skill.COUNSELLING,
    Skill.INFORMATION,
    Skill.SELF_ADVOCACY,
)


class CrisisType(Coded):
    """Events that overwhelm a family's usual coping (seed 001; emergency-welfare grounds)."""

    INCOME_LOSS = ("income_loss", "소득 상실", "loss of income")
    BEREAVEMENT = ("bereavement", "중요한 타인의 사망", "death of a significant other")
    HOUSING_LOSS = ("housing_loss", "주거 상실", "loss of housing")
    ABUSE_NEGLECT = ("abuse_neglect", "학대·방임", "abuse or neglect")
    SELF_HARM_RISK = ("self_harm_risk", "자해·자살 위험", "risk of self-harm or suicide")
    SCHOOL_VIOLENCE = ("school_violence", "학교폭력", "school violence")
    FAMILY_VIOLENCE = ("family_violence", "가정폭력", "family violence")
    SERIOUS_ILLNESS = ("serious_illness", "중한 질병·부상", "serious illness or injury")


class ClosureReason(Coded):
    """Why a case was closed (or not opened)."""

    GOALS_ACHIEVED = ("goals_achieved", "목표 달성", "goals achieved")
    DECLINED = ("declined", "서비스 거부·중단", "client declined or withdrew")
    MOVED_AWAY = ("moved_away", "전학·이사", "moved away")
    NO_CONTACT = ("no_contact", "연락 두절", "no contact")
    TRANSFERRED = ("transferred", "타 기관 이관", "transferred or referred elsewhere")
    NOT_ELIGIBLE = ("not_eligible", "대상 아님", "not eligible")
    OTHER = ("other", "기타", "other")


class RiskLevel(Coded):
    """The four-step risk scale used in Korean schools."""

    PREVENTION = ("prevention", "예방", "prevention")
    CAUTION = ("caution", "주의", "caution")
    ALERT = ("alert", "경계", "alert")
    SERIOUS = ("serious", "심각", "serious")

    @property
    def order(self) -> int:
        """0 for prevention … 3 for serious."""
        return list(RiskLevel).index(self)


class ConsentPurpose(Coded):
    """What a consent covers; each purpose is consented to separately (DOMAIN.md §7)."""

    SERVICES = ("services", "서비스 이용 동의", "consent to services")
    INFORMATION_SHARING = ("information_sharing", "정보 제공·공유 동의", "consent to share information")
    SENSITIVE_INFORMATION = (
        "sensitive_information",
        "민감정보 처리 동의",
        "consent to process sensitive information",
    )
    GUARDIAN = ("guardian", "법정대리인 동의", "legal guardian's consent")


class EligibilityCategory(Coded):
    """Who the education-welfare priority support programme serves (교육복지우선지원사업)."""

    EDUCATION_BENEFIT = ("education_benefit", "교육급여 수급자", "education-benefit recipient")
    NEAR_POOR = ("near_poor", "차상위계층", "near-poor household")
    SINGLE_PARENT = ("single_parent", "한부모가족 보호대상", "protected single-parent family")
    NORTH_KOREAN_DEFECTOR = ("north_korean_defector", "북한이탈주민 가정", "North Korean defector family")
    MULTICULTURAL = ("multicultural", "다문화가정", "multicultural family")
    SPECIAL_EDUCATION = ("special_education", "특수교육대상자", "special-education student")
    DESIGNATED = ("designated", "교육감 지정", "designated by the superintendent")


class HouseholdType(Coded):
    """The shape of the household the student lives in."""

    TWO_PARENT = ("two_parent", "양부모가정", "two-parent household")
    SINGLE_PARENT = ("single_parent", "한부모가정", "single-parent household")
    GRANDPARENT = ("grandparent", "조손가정", "grandparent-headed household")
    RELATIVE = ("relative", "친인척 보호", "cared for by relatives")
    CHILD_HEADED = ("child_headed", "아동·청소년 가장", "child-headed household")
    INSTITUTION = ("institution", "시설 보호", "residential care")
    OTHER = ("other", "기타", "other")


class SchoolLevel(Coded):
    """Elementary, middle or high school."""

    ELEMENTARY = ("elementary", "초등학교", "elementary school")
    MIDDLE = ("middle", "중학교", "middle school")
    HIGH = ("high", "고등학교", "high school")

    @property
    def grades(self) -> int:
        """How many grades the level has."""
        return 6 if self is SchoolLevel.ELEMENTARY else 3


class Sex(Coded):
    """Sex as recorded on a genogram (□ male, ○ female)."""

    FEMALE = ("female", "여", "female")
    MALE = ("male", "남", "male")


class Kinship(Coded):
    """How a household member is related to the student (for the genogram)."""

    MOTHER = ("mother", "어머니", "mother")
    FATHER = ("father", "아버지", "father")
    STEPMOTHER = ("stepmother", "새어머니", "stepmother")
    STEPFATHER = ("stepfather", "새아버지", "stepfather")
    GRANDMOTHER = ("grandmother", "할머니", "grandmother")
    GRANDFATHER = ("grandfather", "할아버지", "grandfather")
    SIBLING = ("sibling", "형제자매", "sibling")
    AUNT = ("aunt", "고모·이모", "aunt")
    UNCLE = ("uncle", "삼촌·외삼촌", "uncle")
    OTHER = ("other", "기타", "other")

    @property
    def generation(self) -> int:
        """Generations above the student: 2 for grandparents, 1 for parents, 0 for siblings."""
        if self in (Kinship.GRANDMOTHER, Kinship.GRANDFATHER):
            return 2
        if self in (Kinship.SIBLING, Kinship.OTHER):
            return 0
        return 1


class Licence(Coded):
    """Social-work licence held by a case manager."""

    NONE = ("none", "자격 없음", "no licence")
    SOCIAL_WORKER_2 = ("social_worker_2", "사회복지사 2급", "social worker, grade 2")
    SOCIAL_WORKER_1 = ("social_worker_1", "사회복지사 1급", "social worker, grade 1")
    SCHOOL_SOCIAL_WORKER = ("school_social_worker", "학교사회복지사", "school social worker (specialist)")


class ServiceStatus(Coded):
    """Where a linked service stands: referred → accepted → in progress → done, or not."""

    REFERRED = ("referred", "의뢰함", "referred")
    ACCEPTED = ("accepted", "수락됨", "accepted")
    WAITING = ("waiting", "대기 중", "on a waiting list")
    IN_PROGRESS = ("in_progress", "진행 중", "in progress")
    DONE = ("done", "완료", "done")
    REJECTED = ("rejected", "거절됨", "rejected")
    CANCELLED = ("cancelled", "취소됨", "cancelled")

    @property
    def active(self) -> bool:
        """Whether the service still ties the client to the resource."""
        return self in (
            ServiceStatus.REFERRED,
            ServiceStatus.ACCEPTED,
            ServiceStatus.WAITING,
            ServiceStatus.IN_PROGRESS,
        )


class GoalOutcome(Coded):
    """How far a goal was reached, judged at evaluation."""

    ACHIEVED = ("achieved", "달성", "achieved")
    PARTLY = ("partly", "부분 달성", "partly achieved")
    NOT_ACHIEVED = ("not_achieved", "미달성", "not achieved")


class FollowUpFinding(Coded):
    """What an aftercare follow-up finds."""

    STABLE = ("stable", "안정적", "stable")
    RELAPSE = ("relapse", "문제 재발", "relapse")
    NEW_NEED = ("new_need", "새로운 욕구", "new need")
    NO_CONTACT = ("no_contact", "연락 안 됨", "could not be reached")


class Difficulty(Coded):
    """How hard a scenario is for a learner."""

    INTRODUCTORY = ("introductory", "입문", "introductory")
    INTERMEDIATE = ("intermediate", "중급", "intermediate")
    ADVANCED = ("advanced", "심화", "advanced")
