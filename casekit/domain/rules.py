"""The rules of the case-management process that casekit enforces.

Stage transitions are exactly those of ARCHITECTURE.md. Leaving a stage is allowed only when
the work a practitioner would insist on is done (the *stage gates* below); every broken rule
is reported as a :class:`~casekit.domain.CaseError` naming the stage and the rule code.

===================================  =====================================================
rule code                            what it asks
===================================  =====================================================
``transition``                       only the process's transitions are possible
``intake_recorded``                  the intake record is written before leaving intake
``case_opened``                      moving to assessment needs a decision to open the case
``consent_to_services``              the student consents to services before assessment,
                                     linking or direct practice
``guardian_consent``                 under 14, a legal guardian consents as well
``not_opened_decision``              intake → termination needs a not-opened decision
``assessment_covers_every_domain``   all eight domains rated before planning
``risk_level_set``                   a risk level is recorded before planning
``goal_with_resource``               at least one goal with a resource before service
``service_linked``                   at least one service linked before monitoring
``monitoring_recorded``              at least one monitoring check before leaving monitoring
``reassessment_covers_every_domain`` all eight domains re-rated before leaving reassessment
``closure_recorded``                 termination is complete only with a closure record
``evaluate_every_goal``              closure needs an evaluation of each goal
``reopen_reason``                    reopening from aftercare needs a reason
``aftercare_required``               a closed case goes through aftercare unless it was not
                                     opened, or the student moved, was transferred or lost
``aftercare_followups``              aftercare ends after the follow-ups the rules ask for
``information_sharing_consent``      linking to an out-of-school resource shares data
===================================  =====================================================

Parameters that local practice may set differently (DOMAIN.md marks them as assumptions)
live in :class:`CaseRules`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import CaseError
from .vocabulary import ClosureReason, ConsentPurpose, CrisisType, NeedDomain, Stage

if TYPE_CHECKING:
    from .state import CaseContext, CaseState

__all__ = ["CaseRules", "TRANSITIONS", "EMERGENCY_CRISES", "MANDATORY_REPORT_CRISES", "stage_gate"]

S = Stage

#: The legal moves between stages (ARCHITECTURE.md). Ending the case is not a stage.
TRANSITIONS: dict[Stage, tuple[Stage, ...]] = {
    S.INTAKE: (S.ASSESSMENT, S.TERMINATION),
    S.ASSESSMENT: (S.PLANNING,),
    S.PLANNING: (S.SERVICE_PROVISION,),
    S.SERVICE_PROVISION: (S.MONITORING,),
    S.MONITORING: (S.SERVICE_PROVISION, S.REASSESSMENT, S.TERMINATION),
    S.REASSESSMENT: (S.PLANNING, S.TERMINATION),
    S.TERMINATION: (S.AFTERCARE,),
    S.AFTERCARE: (S.REASSESSMENT,),
}

#: Crises in which a student may be linked at once without consent to share information
#: (danger to life or body is an exception under Korean privacy law).
EMERGENCY_CRISES = frozenset(
    {
        CrisisType.SELF_HARM_RISK,
        CrisisType.ABUSE_NEGLECT,
        CrisisType.FAMILY_VIOLENCE,
        CrisisType.SERIOUS_ILLNESS,
    }
)

#: Crises that staff must report to the authorities (child abuse, family violence, school violence).
MANDATORY_REPORT_CRISES = frozenset(
    {CrisisType.ABUSE_NEGLECT, CrisisType.FAMILY_VIOLENCE, CrisisType.SCHOOL_VIOLENCE}
)


@dataclass(frozen=True)
class CaseRules:
    """Rule parameters a school or an instructor may set differently.

    Parameters
    ----------
    guardian_consent_age
        Below this age a legal guardian must consent (14 under Korean privacy law).
    min_followups
        Aftercare follow-ups before a case may end (one local rule asks for two contacts
        within nine months of closure, DOMAIN.md §3).
    end_without_aftercare
        Closure reasons after which the case may end without aftercare.
    not_opened_reasons
        Reasons a case may be not opened at intake.
    required_intake_fields
        Fields the intake record must fill.
    crisis_window_days
        Default response window of a crisis, in days.
    """

    guardian_consent_age: int = 14
    min_followups: int = 2
    end_without_aftercare: frozenset[ClosureReason] = frozenset(
        {
            ClosureReason.NOT_ELIGIBLE,
            ClosureReason.TRANSFERRED,
            ClosureReason.MOVED_AWAY,
            ClosureReason.NO_CONTACT,
        }
    )
    not_opened_reasons: frozenset[ClosureReason] = frozenset(
        {ClosureReason.NOT_ELIGIBLE, ClosureReason.TRANSFERRED}
    )
    required_intake_fields: tuple[str, ...] = ("household", "housing", "income", "health", "other_services")
    crisis_window_days: int = 7


def _err(stage: Stage, rule: str, ko: str, en: str) -> CaseError:
    return CaseError(stage, rule, ko, en)


def _domains_missing(rated: set[NeedDomain]) -> tuple[str, str]:
    missing = [d for d in NeedDomain if d not in rated]
    return ", ".join(d.ko for d in missing), ", ".join(d.value for d in missing)


def _gate_intake(state: CaseState, ctx: CaseContext, to: Stage) -> list[CaseError]:
    st = state.stage
    out: list[CaseError] = []
    if state.intake is None:
        out.append(
            _err(st, "intake_recorded", "접수 기록지를 먼저 작성하세요.", "Write the intake record first.")
        )
    if to is S.TERMINATION:
        if state.opened is not False:
            out.append(
                _err(
                    st,
                    "not_opened_decision",
                    "바로 종결하려면 '개입하지 않음' 결정과 그 사유(대상 아님 또는 타 기관 의뢰)를 기록하세요.",
                    "To close at intake, record a decision not to open the case and its reason "
                    "(not eligible, or referred elsewhere).",
                )
            )
        return out
    if state.opened is not True:
        out.append(
            _err(
                st,
                "case_opened",
                "사정으로 넘어가려면 사례 개입(개시) 결정을 기록하세요.",
                "Record the decision to open the case before assessment.",
            )
        )
    if not state.has_consent(ConsentPurpose.SERVICES):
        out.append(
            _err(
                st,
                "consent_to_services",
                "학생의 서비스 이용 동의 없이 사정으로 넘어갈 수 없습니다.",
                "The student's consent to services is needed before assessment.",
            )
        )
    if ctx.client.needs_guardian_consent(ctx.rules.guardian_consent_age) and not state.has_consent(
        ConsentPurpose.GUARDIAN
    ):
        out.append(
            _err(
                st,
                "guardian_consent",
                f"만 {ctx.rules.guardian_consent_age}세 미만 학생은 법정대리인의 동의도 받아야 합니다.",
                f"A student under {ctx.rules.guardian_consent_age} also needs a legal guardian's consent.",
            )
        )
    return out


def _gate_assessment(state: CaseState, ctx: CaseContext, to: Stage) -> list[CaseError]:
    out: list[CaseError] = []
    if len(state.round_rated) < len(NeedDomain):
        ko, en = _domains_missing(state.round_rated)
        out.append(
            _err(
                state.stage,
                "assessment_covers_every_domain",
                f"모든 영역을 사정해야 계획을 세울 수 있습니다. 남은 영역: {ko}",
                f"Rate every domain before planning. Not yet rated: {en}",
            )
        )
    if state.risk_level is None:
        out.append(
            _err(
                state.stage,
                "risk_level_set",
                "위험 수준(예방·주의·경계·심각)을 기록하세요.",
                "Record the risk level.",
            )
        )
    return out


def _gate_planning(state: CaseState, ctx: CaseContext, to: Stage) -> list[CaseError]:
    if any(goal.resources for goal in state.goals.values()):
        return []
    return [
        _err(
            state.stage,
            "goal_with_resource",
            "서비스 제공으로 넘어가려면 자원이 배정된 목표가 하나 이상 있어야 합니다.",
            "Service provision needs at least one goal with an assigned resource.",
        )
    ]


def _gate_service(state: CaseState, ctx: CaseContext, to: Stage) -> list[CaseError]:
    if state.services:
        return []
    return [
        _err(
            state.stage,
            "service_linked",
            "점검할 서비스가 없습니다. 계획한 자원에 먼저 연계하세요.",
            "There is nothing to monitor yet: link the client to a planned resource first.",
        )
    ]


def _gate_monitoring(state: CaseState, ctx: CaseContext, to: Stage) -> list[CaseError]:
    if state.monitoring_round > 0:
        return []
    return [
        _err(
            state.stage,
            "monitoring_recorded",
            "점검 기록(목표별 진행 상황)을 한 번 이상 남긴 뒤 다음 단계로 넘어가세요.",
            "Record at least one monitoring check (progress per goal) before moving on.",
        )
    ]


def _gate_reassessment(state: CaseState, ctx: CaseContext, to: Stage) -> list[CaseError]:
    if len(state.round_rated) == len(NeedDomain):
        return []
    ko, en = _domains_missing(state.round_rated)
    return [
        _err(
            state.stage,
            "reassessment_covers_every_domain",
            f"재사정에서는 모든 영역을 다시 평가해야 합니다. 남은 영역: {ko}",
            f"Reassessment re-rates every domain. Not yet rated: {en}",
        )
    ]


def _gate_termination(state: CaseState, ctx: CaseContext, to: Stage) -> list[CaseError]:
    out: list[CaseError] = []
    if state.closure is None:
        out.append(
            _err(
                state.stage,
                "closure_recorded",
                "종결 사유와 요약을 담은 종결 기록을 작성하세요.",
                "Write the closure record (reason and summary).",
            )
        )
    if state.opened is False:
        out.append(
            _err(
                state.stage,
                "aftercare_required",
                "개입하지 않은 사례는 사후관리 없이 종료합니다.",
                "A case that was not opened ends without aftercare.",
            )
        )
    return out


def _gate_aftercare(state: CaseState, ctx: CaseContext, to: Stage) -> list[CaseError]:
    # Reopening needs only a reason, which comes with the stage change itself.
    return []


_GATES: dict[Stage, Callable[[CaseState, CaseContext, Stage], list[CaseError]]] = {
    S.INTAKE: _gate_intake,
    S.ASSESSMENT: _gate_assessment,
    S.PLANNING: _gate_planning,
    S.SERVICE_PROVISION: _gate_service,
    S.MONITORING: _gate_monitoring,
    S.REASSESSMENT: _gate_reassessment,
    S.TERMINATION: _gate_termination,
    S.AFTERCARE: _gate_aftercare,
}


def stage_gate(state: CaseState, ctx: CaseContext, to: Stage) -> list[CaseError]:
    """Every rule that keeps the case from moving to ``to`` now; empty if it may."""
    if to not in TRANSITIONS[state.stage]:
        allowed_ko = ", ".join(s.ko for s in TRANSITIONS[state.stage])
        allowed_en = ", ".join(s.value for s in TRANSITIONS[state.stage])
        return [
            _err(
                state.stage,
                "transition",
                f"{state.stage.ko}에서 {to.ko}(으)로 갈 수 없습니다. 가능한 단계: {allowed_ko}",
                f"Cannot move from {state.stage.value} to {to.value}. Possible next stages: {allowed_en}",
            )
        ]
    return _GATES[state.stage](state, ctx, to)
