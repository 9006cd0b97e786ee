"""Feedback after each stage: what was good, what was missing, as hints.

:func:`stage_feedback` looks at what the learner recorded in one stage and at the score
components that stage drives (:data:`STAGE_COMPONENTS`), and returns a
:class:`StageFeedback`: concrete checks that passed (``good``) and hints for those that did
not (``missing``), plus the scenario author's own praise or hint for the stage. It never
states the hidden truth or the expert's choice; those are shown only after the learner has
committed the stage (:func:`expert_choices`).

Examples
--------
>>> from casekit.scenarios import get_scenario
>>> from casekit.sim import CaseSession
>>> s = CaseSession(get_scenario("learning-low-income"), seed=0)
>>> fb = stage_feedback(s, "intake")
>>> fb.ok, fb.missing[0].en
(False, 'Ask the interview questions: each one brings out facts about the needs (no question asked yet).')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..domain.records import RecordEntry, RecordKind
from ..domain.rules import MANDATORY_REPORT_CRISES
from ..domain.text import Text
from ..domain.vocabulary import ConsentPurpose, NeedDomain, Skill, Stage

if TYPE_CHECKING:
    from ..sim.results import CaseResult
    from ..sim.session import CaseSession

__all__ = ["STAGE_COMPONENTS", "StageFeedback", "stage_feedback", "expert_choices"]

#: The score components (casekit.sim.score) each stage's work drives.
STAGE_COMPONENTS: Mapping[Stage, tuple[str, ...]] = MappingProxyType(
    {
        Stage.INTAKE: ("process",),
        Stage.ASSESSMENT: ("assessment",),
        Stage.PLANNING: ("plan_fit",),
        Stage.SERVICE_PROVISION: ("process", "crisis"),
        Stage.MONITORING: ("process", "crisis", "outcome"),
        Stage.REASSESSMENT: ("assessment", "plan_fit"),
        Stage.TERMINATION: ("outcome",),
        Stage.AFTERCARE: ("aftercare",),
    }
)


@dataclass(frozen=True)
class StageFeedback:
    """Feedback on one stage: passed checks, hints, the author's note and the stage's scores."""

    stage: Stage
    good: tuple[Text, ...] = ()
    missing: tuple[Text, ...] = ()
    author_note: Text | None = None
    components: Mapping[str, float] = field(default_factory=dict)

    def lines(self, lang: str = "ko") -> list[str]:
        """✓ for each good point, △ for each hint, 💬 for the scenario author's note."""
        out = [f"✓ {t.get(lang)}" for t in self.good] + [f"△ {t.get(lang)}" for t in self.missing]
        if self.author_note is not None:
            out.append(f"💬 {self.author_note.get(lang)}")
        return out

    @property
    def ok(self) -> bool:
        """No hint left: every check of the stage passed."""
        return not self.missing

    def to_dict(self) -> dict[str, Any]:
        """The case-file form: ``{"stage", "good": [{ko, en}], "missing": [...], ...}``."""
        return {
            "stage": self.stage.value,
            "good": [t.to_dict() for t in self.good],
            "missing": [t.to_dict() for t in self.missing],
            "author_note": self.author_note.to_dict() if self.author_note else None,
            "components": dict(self.components),
        }


class _Checks:
    """Collects passed checks and hints for one stage."""

    def __init__(self) -> None:
        self.good: list[Text] = []
        self.missing: list[Text] = []

    def check(self, passed: bool, good: tuple[str, str], hint: tuple[str, str]) -> None:
        (self.good if passed else self.missing).append(Text(*good) if passed else Text(*hint))


def _mine(session: CaseSession, stages: tuple[Stage, ...]) -> list[RecordEntry]:
    return [e for e in session.case.record if e.stage in stages and not e.by_world]


def _labels(domains: Any, lang: str) -> str:
    return ", ".join(NeedDomain.parse(d).label(lang) for d in domains)


def _intake(s: CaseSession, c: _Checks) -> None:
    mine = _mine(s, (Stage.INTAKE,))
    asked = {e.fields["question"] for e in mine if e.kind is RecordKind.INTERVIEW}
    menu = {q.id: q for q in s.scenario.interview}
    unasked = sorted({d for q in menu.values() if q.id not in asked for d in q.domains} - set(s.world.observed))
    if not asked:
        c.missing.append(
            Text(
                "면접 질문을 해 보세요. 질문마다 욕구에 관한 사실이 드러납니다(아직 한 질문이 없습니다).",
                "Ask the interview questions: each one brings out facts about the needs (no question asked yet).",
            )
        )
    else:
        c.check(
            not unasked,
            (f"면접으로 {len(asked)}개 질문을 해 욕구 영역을 두루 살폈습니다.", f"You asked {len(asked)} questions and covered the need domains."),
            (
                f"아직 살피지 않은 영역이 있습니다: {_labels(unasked, 'ko')}.",
                f"Some domains are still unexplored: {_labels(unasked, 'en')}.",
            ),
        )
    c.check(
        any(e.kind is RecordKind.INTAKE_RECORD for e in mine),
        ("접수 기록지를 작성했습니다.", "You wrote the intake record."),
        ("접수 기록지(가구, 주거, 소득, 건강, 이용 중인 서비스)를 작성하세요.", "Write the intake record (household, housing, income, health, other services)."),
    )
    c.check(
        any(e.kind is RecordKind.RISK_LEVEL for e in mine),
        ("위험 수준을 판단해 기록했습니다.", "You judged and recorded the risk level."),
        ("위험 수준(예방·주의·경계·심각)을 판단해 기록하세요.", "Judge and record the risk level (prevention, caution, alert, serious)."),
    )
    opened = s.case.opened
    if opened is None:
        c.missing.append(Text("개입 여부(사례를 열지)를 결정하세요.", "Decide whether to open the case."))
        return
    c.check(
        opened == s.scenario.truth.open_case,
        ("개입 여부 결정이 이 학생의 상황에 맞습니다.", "Your decision to open or not fits this student's situation."),
        (
            "개입 여부 결정을 다시 생각해 보세요: 학교가 맡을 사례인지, 다른 기관이 더 맞는지.",
            "Reconsider the decision to open: is this a case for the school, or is another agency a better fit?",
        ),
    )
    if opened:
        have = {p for p in ConsentPurpose if s.case.has_consent(p)}
        need = [ConsentPurpose.SERVICES, ConsentPurpose.INFORMATION_SHARING]
        if s.scenario.client.needs_guardian_consent(s.case.rules.guardian_consent_age):
            need.append(ConsentPurpose.GUARDIAN)
        lacking = [p for p in need if p not in have]
        c.check(
            not lacking,
            ("필요한 동의를 모두 받았습니다.", "You obtained every consent needed."),
            (
                "빠진 동의: " + ", ".join(p.ko for p in lacking) + ". 학교 밖 기관 연계 전에 정보 공유 동의가 필요합니다.",
                "Missing consent: " + ", ".join(p.en for p in lacking) + ". Sharing information with an agency outside school needs consent first.",
            ),
        )


def _assessment(s: CaseSession, c: _Checks) -> None:
    mine = _mine(s, (Stage.ASSESSMENT,))
    rated: dict[str, int] = {}
    for e in mine:
        if e.kind is RecordKind.NEEDS_RATING:
            rated.update(e.fields["ratings"])
    c.check(
        len(rated) == len(NeedDomain),
        ("여덟 영역의 욕구를 모두 평가했습니다.", "You rated all eight need domains."),
        ("여덟 영역의 욕구를 모두 0-4로 평가하세요.", "Rate all eight need domains from 0 to 4."),
    )
    truth = s.scenario.truth.needs
    off = [d for d in NeedDomain if d.value in rated and abs(rated[d.value] - int(truth[d])) >= 2]
    if rated:
        c.check(
            not off,
            ("평가가 드러난 사실과 잘 맞습니다.", "Your ratings match the facts that came out."),
            (
                f"다음 영역의 평가를 다시 살펴보세요: {_labels(off, 'ko')}. 면접에서 드러난 사실과 비교해 보세요.",
                f"Look again at your ratings for: {_labels(off, 'en')}. Compare them with what the interviews revealed.",
            ),
        )
    c.check(
        any(e.kind is RecordKind.STRENGTH for e in s.case.record),
        ("학생과 가족의 강점을 기록했습니다(강점 관점).", "You recorded the strengths of the student and family (strengths perspective)."),
        ("강점도 기록하세요: 계획은 욕구와 강점에서 함께 출발합니다.", "Record strengths too: a plan starts from strengths as well as needs."),
    )


def _planning(s: CaseSession, c: _Checks) -> None:
    goals = s.case.goals
    high = {d for d, v in s.case.ratings.items() if v >= 2}
    covered = {g.domain for g in goals.values()}
    uncovered = sorted(high - covered)
    c.check(
        bool(goals) and not uncovered,
        ("심각도 2 이상으로 평가한 욕구마다 목표를 세웠습니다.", "You set a goal for every need you rated 2 or more."),
        (
            f"심각도 2 이상인 욕구에 목표가 없습니다: {_labels(uncovered, 'ko') or '목표 없음'}.",
            f"Needs rated 2 or more have no goal: {_labels(uncovered, 'en') or 'no goals'}.",
        ),
    )
    client = s.scenario.client
    misfit = [
        (g.id, r)
        for g in goals.values()
        for r in g.resources
        if not (s.case.directory[r].serves(g.domain) and s.case.directory[r].eligibility.admits(client))
    ]
    if goals:
        c.check(
            not misfit,
            ("계획한 자원이 목표 영역을 다루고 학생을 받아 줍니다.", "Each planned resource serves its goal's domain and admits the student."),
            (
                "맞지 않는 자원이 있습니다: " + ", ".join(f"{g}→{s.case.directory[r].name.ko}" for g, r in misfit) + " (영역 또는 이용 자격 확인).",
                "Some resources do not fit: " + ", ".join(f"{g}→{s.case.directory[r].name.en}" for g, r in misfit) + " (check the domain or eligibility).",
            ),
        )
        c.check(
            all(g.measure for g in goals.values()),
            ("목표마다 측정 방법이 있습니다.", "Every goal says how it is measured."),
            ("목표마다 무엇으로 달성을 확인할지(측정 방법)를 적으세요.", "Say for each goal how you will know it is reached (the measure)."),
        )
    if len(goals) >= 3:
        c.check(
            s.case.state.conferences > 0,
            ("여러 기관이 얽힌 계획이라 사례회의로 역할을 나눴습니다.", "With several agencies involved, you held a case conference to share the roles."),
            ("목표가 셋 이상입니다: 사례회의로 역할을 나누세요.", "Three or more goals: hold a case conference to share the roles."),
        )


def _implementation(s: CaseSession, c: _Checks, monitoring_due: bool = True) -> None:
    record = s.case.record
    used = {Skill.parse(e.fields["skill"]) for e in record if e.kind in (RecordKind.DIRECT_PRACTICE, RecordKind.INDIRECT_PRACTICE)}
    direct = [k for k in Skill.direct() if k is not Skill.CRISIS_INTERVENTION]
    unused = [k for k in direct if k not in used]
    c.check(
        len(unused) <= 2,
        ("여러 직접실천 기술을 썼습니다.", "You used several direct-practice skills."),
        (
            "아직 쓰지 않은 직접실천 기술: " + ", ".join(k.ko for k in unused) + ".",
            "Direct-practice skills not yet used: " + ", ".join(k.en for k in unused) + ".",
        ),
    )
    links = [e for e in record if e.kind is RecordKind.LINK]
    c.check(
        bool(links),
        ("자원을 연계했습니다.", "You linked the student to resources."),
        ("계획한 자원에 실제로 연계(의뢰)하세요.", "Actually refer the student to the planned resources."),
    )
    refused = [v for v in s.violations if v.verb == "refer" or "consent" in v.rule]
    c.check(
        not refused,
        ("동의를 받은 뒤에 연계했습니다.", "You linked only after consent."),
        ("동의 없이 연계하려 한 적이 있습니다: 정보 공유 동의를 먼저 받으세요.", "You tried to link without consent: get consent to share information first."),
    )
    waiting = [rid for rid, sv in s.case.services.items() if sv.status.value == "waiting"]
    coordinated = {e.fields.get("resource") for e in record if e.kind is RecordKind.INDIRECT_PRACTICE}
    if waiting:
        c.check(
            all(r in coordinated for r in waiting),
            ("대기 중인 자원에 조정·개발로 대응했습니다.", "You answered waiting lists with coordination or resource development."),
            ("대기자 명단에 있는 자원이 있습니다: 조정이나 자원 개발로 대기를 줄여 보세요.", "A resource has put the student on a waiting list: try coordination or resource development."),
        )
    if monitoring_due or any(e.kind is RecordKind.MONITORING for e in record):
        c.check(
            any(e.kind is RecordKind.MONITORING for e in record),
            ("서비스를 점검하고 기록했습니다.", "You monitored the services and recorded it."),
            ("정기적으로 점검(목표별 진전)을 기록하세요: 약 3주마다.", "Record regular monitoring (progress per goal), about every three weeks."),
        )
    _crises(s, c)


def _crises(s: CaseSession, c: _Checks) -> None:
    for crisis in s.case.crises.values():
        window = crisis.window_days
        acted = crisis.intervened_day is not None and crisis.intervened_day - crisis.day <= window
        c.check(
            acted,
            (f"{crisis.type.ko} 위기에 대응 기간 안에 개입했습니다.", f"You intervened in the {crisis.type.en} crisis inside its window."),
            (f"{crisis.type.ko} 위기: {window}일 안에 위기개입을 기록하세요.", f"{crisis.type.en} crisis: record a crisis intervention within {window} days."),
        )
        if crisis.type in MANDATORY_REPORT_CRISES:
            reported = any(e.kind is RecordKind.MANDATORY_REPORT and e.fields.get("crisis") == crisis.id for e in s.case.record)
            c.check(
                reported,
                ("신고의무를 이행했습니다.", "You made the mandatory report."),
                (f"{crisis.type.ko}은(는) 신고의무 대상입니다: 담당 기관에 신고하세요.", f"A {crisis.type.en} crisis must be reported to the authorities."),
            )


def _reassessment(s: CaseSession, c: _Checks) -> None:
    mine = _mine(s, (Stage.REASSESSMENT,))
    c.check(
        any(e.kind is RecordKind.NEEDS_RATING for e in mine),
        ("재사정에서 욕구를 다시 평가했습니다.", "You re-rated the needs at reassessment."),
        ("재사정에서는 욕구를 다시 평가하세요.", "Re-rate the needs at reassessment."),
    )


def _termination(s: CaseSession, c: _Checks) -> None:
    if s.case.opened is False:
        c.check(
            s.case.closure is not None,
            ("개입하지 않는 이유를 기록하고 종결했습니다.", "You recorded why the case is not opened and closed it."),
            ("개입하지 않는 이유를 종결 기록에 남기세요.", "Record in the closure why the case is not opened."),
        )
        return
    evaluated = {e.fields["goal"] for e in s.case.record if e.kind is RecordKind.GOAL_EVALUATION}
    left = [g for g in s.case.goals if g not in evaluated]
    c.check(
        not left,
        ("목표마다 달성 정도를 평가했습니다.", "You evaluated every goal."),
        ("평가하지 않은 목표: " + ", ".join(left) + ".", "Goals not evaluated: " + ", ".join(left) + "."),
    )
    closure = s.case.closure
    c.check(
        bool(closure and closure.get("summary")),
        ("종결 요약을 썼습니다.", "You wrote the closure summary."),
        ("종결 사유와 함께 요약(무엇이 달라졌는지)을 쓰세요.", "Write a closure summary (what changed) with the reason."),
    )


def _aftercare(s: CaseSession, c: _Checks) -> None:
    follow = [e for e in s.case.record if e.kind is RecordKind.FOLLOW_UP]
    c.check(
        len(follow) >= 2,
        (f"사후관리 점검을 {len(follow)}회 했습니다.", f"You made {len(follow)} aftercare follow-ups."),
        ("종결 뒤에도 두 번 이상 사후관리 점검을 하세요.", "Follow up at least twice after closure."),
    )
    relapse = [e for e in follow if e.fields.get("finding") == "relapse"]
    if relapse:
        c.check(
            s.stage is Stage.REASSESSMENT or any(e.kind is RecordKind.STAGE_CHANGE and e.fields.get("from") == Stage.AFTERCARE for e in s.case.record),
            ("재발을 발견하고 사례를 다시 열었습니다.", "You found the relapse and reopened the case."),
            ("점검에서 재발이 확인되었습니다: 사례를 다시 여세요(재사정).", "A follow-up found a relapse: reopen the case (reassessment)."),
        )


_CHECKS: Mapping[Stage, Callable[[CaseSession, _Checks], None]] = {
    Stage.INTAKE: _intake,
    Stage.ASSESSMENT: _assessment,
    Stage.PLANNING: _planning,
    # Leaving service provision, no check is due yet; monitoring is where checks are recorded.
    Stage.SERVICE_PROVISION: lambda s, c: _implementation(s, c, monitoring_due=False),
    Stage.MONITORING: _implementation,
    Stage.REASSESSMENT: _reassessment,
    Stage.TERMINATION: _termination,
    Stage.AFTERCARE: _aftercare,
}


def stage_feedback(session: CaseSession, stage: Stage | str) -> StageFeedback:
    """Feedback on ``stage`` from the session's record so far (see the module docstring)."""
    stage = Stage.parse(stage)
    checks = _Checks()
    _CHECKS[stage](session, checks)
    authored = session.scenario.feedback.get(stage.value)
    note = None
    if authored is not None:
        note = authored.good if not checks.missing else authored.missing
    score = session.score_now().components
    comps = {k: score[k] for k in STAGE_COMPONENTS[stage]}
    return StageFeedback(stage, tuple(checks.good), tuple(checks.missing), note, comps)


def expert_choices(expert: CaseResult, stage: Stage | str) -> list[RecordEntry]:
    """The expert's own entries written while its case was at ``stage`` (same scenario and seed)."""
    stage = Stage.parse(stage)
    return [e for e in expert.record if e.stage is stage and not e.by_world and e.kind is not RecordKind.REFERRAL_RECEIVED]

