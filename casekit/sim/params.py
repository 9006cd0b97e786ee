"""The parameters of the outcome model: every number the simulated world runs on.

Each parameter has a name, a default, a one-line meaning and a rationale drawn from
DOMAIN.md or the two seeds. Values marked (?) are modelling assumptions, not sourced facts:
they are editable, per scenario, under the ``parameters`` key of a scenario file.

=============================  ========  ===========================================================
name                           default   meaning
=============================  ========  ===========================================================
``drift_unmet``                0.004     daily rise of a need >= 2 that no service is meeting (?)
``noise_sd``                   0.01      daily random movement of every need (?)
``service_rate``               0.035     daily fall of a served need at full engagement (?)
``service_days``               75        days a service runs once in progress, then done (?)
``overload_threshold``         4         active formal services the student can carry without strain (?)
``overload_penalty``           0.25      effect and engagement lost per service above the threshold
``engagement_start``           0.5       engagement at referral, 0-1 (?)
``consent_boost``              0.05      engagement gained when the student consents to services
``contact_boost``              0.02      engagement gained by any face-to-face direct practice
``counselling_boost``          0.12      engagement gained by motivational counselling
``collaboration_boost``        0.06      engagement gained by collaborative activity (accompanying)
``self_advocacy_boost``        0.06      engagement gained by self-advocacy support
``overload_drop``              0.004     daily engagement lost per active service above threshold
``barrier_drop``               0.002     daily engagement lost while a language/cultural barrier is unaddressed
``unagreed_drop``              0.12      engagement lost by a referral the student did not agree to
``no_show_drop``               0.08      engagement lost by a missed session
``uptake_base``                0.7       chance an accepted service turns into attendance (?)
``information_uptake``         0.25      added chance of attendance after information provision
``accept_days``                4         days a resource takes to answer a referral (?)
``linking_accept_days``        1         the same after linking work with that resource
``full_chance``                0.3       chance a resource with a capacity is full at referral (?)
``coordination_wait_cut``      0.5       share of the waiting time that coordination removes (?)
``advocacy_accept``            0.6       chance an ineligible referral is accepted after advocacy (?)
``development_chance``         0.5       chance resource development opens a place at once (?)
``stabilise_share``            0.5       share of a crisis rise undone by a timely response (?)
``escalation_share``           0.5       further rise, as a share of the crisis rise, when missed (?)
``refusal_protect_days``       21        days counselling/collaboration protects against a refusal
``relapse_base``               0.35      chance of relapse within the aftercare period (?)
``education_relapse_cut``      0.5       share of relapse risk removed by education and training
``reduction_relapse_cut``      0.5       share of relapse risk removed by a full need reduction
``relapse_rise``               1.0       rise of the treated needs at a relapse (?)
``transfer_engagement``        0.6       the family's engagement with an agency a case was handed over to (?)
``transfer_uptake_warm``       0.9       chance the family takes a handed-over agency's first appointment (?)
``transfer_uptake_cold``       0.4       the same when the school shared nothing and the family goes alone (?)
``horizon_days``               365       outcomes are measured at this day or at the case's end
=============================  ========  ===========================================================

Examples
--------
>>> p = OutcomeParams()
>>> p.service_rate
0.035
>>> p.replace(service_rate=0.05).service_rate
0.05
>>> float(OutcomeParams.table("en").loc["accept_days", "default"])
4.0
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..domain.errors import CasekitError

if TYPE_CHECKING:
    import pandas as pd

    from ..scenarios.model import Scenario

__all__ = ["OutcomeParams", "PARAMETER_DOCS"]

#: name -> (meaning ko, meaning en, rationale). Rationales cite DOMAIN.md (§) or the seeds.
PARAMETER_DOCS: dict[str, tuple[str, str, str]] = {
    "drift_unmet": (
        "충족되지 않은 심각한 욕구(2 이상)가 하루에 악화되는 정도",
        "daily rise of a need >= 2 that no service meets",
        "(?) unmet needs worsen slowly; seed 000: the client cannot secure resources alone",
    ),
    "noise_sd": (
        "모든 욕구의 하루 무작위 변동(표준편차)",
        "daily random movement of every need (standard deviation)",
        "(?) situations move a little for reasons outside the case",
    ),
    "service_rate": (
        "참여가 완전할 때 진행 중인 서비스가 해당 영역 욕구를 하루에 낮추는 정도",
        "daily fall of a served need at full engagement",
        "(?) seed 001: implementation delivers agreed services to change the client's situation",
    ),
    "service_days": (
        "서비스가 진행된 뒤 완료될 때까지의 일수",
        "days a service runs once in progress, then it is done",
        "(?) a term-length programme (DOMAIN.md §4: matched by semester, sessions weekly)",
    ),
    "overload_threshold": (
        "무리 없이 동시에 받을 수 있는 서비스 수",
        "active formal services (informal ties not counted) the student can carry",
        "(?) issue 4: too many simultaneous services lower engagement",
    ),
    "overload_penalty": (
        "기준을 넘는 서비스 하나당 서비스 효과 감소 비율",
        "share of service effect lost per service above the threshold",
        "(?) seed 001: the case manager coordinates so each party's plan runs smoothly",
    ),
    "engagement_start": (
        "의뢰 시점의 참여도(0~1)",
        "engagement at referral (0-1)",
        "(?) a referred student is neither committed nor refusing",
    ),
    "consent_boost": (
        "서비스 이용 동의 시 참여도 증가",
        "engagement gained when the student consents to services",
        "seed 001: forming a professional relationship is a core task",
    ),
    "contact_boost": (
        "직접실천(대면 접촉) 한 번의 참여도 증가",
        "engagement gained by any face-to-face direct practice",
        "seed 001: direct practice is mostly face-to-face; dense contact matters",
    ),
    "counselling_boost": (
        "동기강화상담의 참여도 증가",
        "engagement gained by motivational counselling",
        "seed 001: counselling removes barriers to the plan (motivational interviewing)",
    ),
    "collaboration_boost": (
        "협력적 활동(동행 등)의 참여도 증가",
        "engagement gained by collaborative activity",
        "seed 001: collaborative activity builds self-direction while obtaining resources",
    ),
    "self_advocacy_boost": (
        "자기옹호 지원의 참여도 증가",
        "engagement gained by self-advocacy support",
        "seed 001: self-advocacy strengthens the client's own motivation to reach resources",
    ),
    "overload_drop": (
        "기준을 넘는 서비스 하나당 하루 참여도 감소",
        "daily engagement lost per active service above the threshold",
        "(?) issue 4: too many simultaneous services",
    ),
    "barrier_drop": (
        "언어·문화 장벽이 다뤄지지 않은 동안 하루 참여도 감소",
        "daily engagement lost while a language or cultural barrier is unaddressed",
        "seed 001: respect the client's life situation and cultural specifics",
    ),
    "unagreed_drop": (
        "학생이 동의하지 않은 의뢰 한 건의 참여도 감소",
        "engagement lost by a referral the student did not agree to",
        "seed 001: the client drives the problem-solving; DOMAIN.md §7 consent per purpose",
    ),
    "no_show_drop": (
        "약속 불참 한 번의 참여도 감소",
        "engagement lost by a missed session",
        "(?) a missed session signals and deepens disengagement",
    ),
    "uptake_base": (
        "수락된 서비스가 실제 참여로 이어질 기본 확률",
        "chance an accepted service turns into attendance",
        "(?) DOMAIN.md §8: users ask whether referrals were acted upon",
    ),
    "information_uptake": (
        "정보제공 뒤 참여 확률의 증가",
        "added chance of attendance after information provision",
        "seed 001: information at the client's level makes resources usable",
    ),
    "accept_days": (
        "자원이 의뢰에 답하기까지의 일수",
        "days a resource takes to answer a referral",
        "(?) DOMAIN.md §3: selection takes about 5 days in public case management",
    ),
    "linking_accept_days": (
        "연계 작업을 한 자원이 의뢰에 답하기까지의 일수",
        "days to an answer after linking work with that resource",
        "DOMAIN.md §2: linking/referral (Moxley's broker and linker)",
    ),
    "full_chance": (
        "정원이 있는 자원이 의뢰 시점에 차 있을 확률",
        "chance a resource with a capacity is full at referral",
        "(?) DOMAIN.md §4: waits from 2 weeks to 2-3 months at peak",
    ),
    "coordination_wait_cut": (
        "조정으로 줄어드는 대기 기간의 비율",
        "share of the waiting time that coordination removes",
        "DOMAIN.md §2: coordination with the resource side (Moxley's coordinator)",
    ),
    "advocacy_accept": (
        "옹호 뒤 자격이 안 되는 의뢰가 수락될 확률",
        "chance an ineligible referral is accepted after advocacy",
        "(?) DOMAIN.md §2: advocacy and negotiation with providers",
    ),
    "development_chance": (
        "자원개발로 자리가 바로 생길 확률",
        "chance resource development opens a place at once",
        "(?) seed 000: the case manager coordinates and develops resources",
    ),
    "stabilise_share": (
        "기간 안 위기개입과 신속 연계로 되돌려지는 위기 악화의 비율",
        "share of a crisis rise undone by a timely response",
        "seed 001: crisis intervention needs rapid resource assessment and allocation",
    ),
    "escalation_share": (
        "대응을 놓쳤을 때 대응 기간 끝에 더해지는 악화(위기 악화 대비 비율)",
        "further rise when the response window is missed, as a share of the crisis rise",
        "(?) DOMAIN.md §5: first 72 hours critical (?)",
    ),
    "refusal_protect_days": (
        "상담·협력적 활동이 서비스 거부를 막아 주는 기간(일)",
        "days counselling or collaboration protects against a refusal",
        "seed 001: motivational counselling works with ambivalence",
    ),
    "relapse_base": (
        "사후관리 기간 중 재발할 기본 확률",
        "chance of relapse during aftercare",
        "(?) DOMAIN.md §3: aftercare contacts after closure exist to catch relapse",
    ),
    "education_relapse_cut": (
        "교육·훈련으로 줄어드는 재발 위험의 비율",
        "share of relapse risk removed by education and training",
        "seed 001: education and training give lasting capacity (서비스의 영속성)",
    ),
    "reduction_relapse_cut": (
        "욕구가 충분히 줄었을 때 줄어드는 재발 위험의 비율",
        "share of relapse risk removed by a full need reduction",
        "(?) needs met well stay met more often",
    ),
    "relapse_rise": (
        "재발 시 개입했던 영역 욕구의 상승폭",
        "rise of the treated needs at a relapse",
        "(?) a relapse brings a need back by about one step",
    ),
    "transfer_engagement": (
        "사례를 넘겨받은 기관과 가족의 참여도(0~1)",
        "the family's engagement (0-1) with the agency a case not opened was handed over to",
        "(?) seed 000: family-level work goes to a community welfare center or the Hope Welfare "
        "Support Team, which builds its own working relationship with the household",
    ),
    "transfer_uptake_warm": (
        "정보 제공 동의를 받고 넘긴 의뢰(따뜻한 의뢰)에서 가족이 첫 약속에 나올 확률",
        "chance per try that the family takes the first appointment after a warm referral",
        "(?) DOMAIN.md §8: referral outcome tracking; a consented handover means no repeated intake",
    ),
    "transfer_uptake_cold": (
        "기관 이름만 알려 주고 가족이 혼자 찾아가야 할 때 첫 약속에 나올 확률",
        "the same chance when the school shared nothing and the family must go alone",
        "(?) families told only where to go often never arrive; DOMAIN.md §7: no sharing without consent",
    ),
    "horizon_days": (
        "결과를 재는 날(사례가 더 늦게 끝나면 그날)",
        "outcomes are measured on this day, or at the case's end if later",
        "(?) one school year after referral",
    ),
}


@dataclass(frozen=True)
class OutcomeParams:
    """Parameters of the outcome model; see the module docstring for the full table.

    Examples
    --------
    >>> OutcomeParams().relapse_base
    0.35
    """

    drift_unmet: float = 0.004
    noise_sd: float = 0.01
    service_rate: float = 0.035
    service_days: float = 75
    overload_threshold: float = 4
    overload_penalty: float = 0.25
    engagement_start: float = 0.5
    consent_boost: float = 0.05
    contact_boost: float = 0.02
    counselling_boost: float = 0.12
    collaboration_boost: float = 0.06
    self_advocacy_boost: float = 0.06
    overload_drop: float = 0.004
    barrier_drop: float = 0.002
    unagreed_drop: float = 0.12
    no_show_drop: float = 0.08
    uptake_base: float = 0.7
    information_uptake: float = 0.25
    accept_days: float = 4
    linking_accept_days: float = 1
    full_chance: float = 0.3
    coordination_wait_cut: float = 0.5
    advocacy_accept: float = 0.6
    development_chance: float = 0.5
    stabilise_share: float = 0.5
    escalation_share: float = 0.5
    refusal_protect_days: float = 21
    relapse_base: float = 0.35
    education_relapse_cut: float = 0.5
    reduction_relapse_cut: float = 0.5
    relapse_rise: float = 1.0
    transfer_engagement: float = 0.6
    transfer_uptake_warm: float = 0.9
    transfer_uptake_cold: float = 0.4
    horizon_days: float = 365

    def replace(self, **changes: float) -> OutcomeParams:
        """A copy with some parameters changed; an unknown name raises ``CasekitError``."""
        for name in changes:
            _check_name(name, "OutcomeParams")
        return dataclasses.replace(self, **{k: float(v) for k, v in changes.items()})

    @classmethod
    def from_scenario(cls, scenario: Scenario, base: OutcomeParams | None = None) -> OutcomeParams:
        """Defaults (or ``base``) with the scenario file's ``parameters`` applied.

        An unknown name raises ``CasekitError`` naming the file, the field and the close match.
        """
        base = base or cls()
        where = scenario.source or scenario.id
        for name in scenario.parameters:
            _check_name(name, f"{where}: parameters.{name}")
        if not scenario.parameters:
            return base
        return dataclasses.replace(base, **{k: float(v) for k, v in scenario.parameters.items()})

    def to_dict(self) -> dict[str, float]:
        """Every parameter by name."""
        return dataclasses.asdict(self)

    @classmethod
    def table(cls, lang: str = "ko", params: OutcomeParams | None = None) -> pd.DataFrame:
        """The parameter table: name, default (or value), meaning, rationale.

        Examples
        --------
        >>> t = OutcomeParams.table("en")
        >>> list(t.columns)
        ['default', 'meaning', 'rationale']
        """
        import pandas as pd

        values = (params or cls()).to_dict()
        rows: list[dict[str, Any]] = []
        for name, (ko, en, why) in PARAMETER_DOCS.items():
            rows.append(
                {
                    "name": name,
                    "default": float(values[name]),
                    "meaning": ko if lang == "ko" else en,
                    "rationale": why,
                }
            )
        return pd.DataFrame(rows).set_index("name")


def _check_name(name: str, where: str) -> None:
    if name in PARAMETER_DOCS:
        return
    close = difflib.get_close_matches(name, list(PARAMETER_DOCS), n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise CasekitError(f"{where}: unknown outcome-model parameter {name!r}{hint}")
