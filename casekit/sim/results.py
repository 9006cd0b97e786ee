"""What a run produced: :class:`CaseResult` and the rule :class:`Violation` it counts.

Examples
--------
>>> Violation(3, "refer", "intake", "services_consent").rule
'services_consent'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..domain.records import RecordEntry
from .score import Score, score_case
from .world import DOMAINS, World

if TYPE_CHECKING:
    import pandas as pd

    from ..domain.case import Case
    from ..scenarios.model import Scenario

__all__ = ["CaseResult", "Violation", "build_result"]


@dataclass(frozen=True)
class Violation:
    """An action the case-management rules refused: when, what, at which stage, which rule."""

    day: int
    verb: str
    stage: str
    rule: str


@dataclass(frozen=True)
class CaseResult:
    """What one run produced (see :func:`casekit.sim.run_case`)."""

    scenario: str
    policy: str
    seed: int
    stages: list[tuple[str, int]]
    record: tuple[RecordEntry, ...]
    needs: pd.DataFrame
    needs_before: dict[str, float]
    needs_after: dict[str, float]
    closed_reason: str | None
    violations: tuple[Violation, ...]
    score: Score
    timed_out: bool = False
    high_needs: tuple[str, ...] = ()

    @property
    def needs_reduction(self) -> float:
        """Mean fall in severity over the domains whose true need was 2 or more."""
        keys = self.high_needs or tuple(self.needs_before)
        return round(sum(self.needs_before[k] - self.needs_after[k] for k in keys) / len(keys), 3)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used by ``casekit simulate --json``."""
        return {
            "seed": self.seed,
            "stages": [{"stage": s, "day": d} for s, d in self.stages],
            "closed_reason": self.closed_reason,
            "needs_before": dict(self.needs_before),
            "needs_after": dict(self.needs_after),
            "score": {"total": self.score.total, **self.score.components},
        }


def build_result(
    scenario: Scenario,
    name: str,
    seed: int,
    case: Case,
    world: World,
    violations: list[Violation] | tuple[Violation, ...],
    timed_out: bool,
) -> CaseResult:
    """Collect a finished run (the world already at its outcome horizon) into a :class:`CaseResult`."""
    import pandas as pd

    start = scenario.referral.day
    frame = pd.DataFrame(
        np.round(np.array(world.trajectory), 4),
        columns=[d.value for d in DOMAINS],
        index=pd.RangeIndex(start, start + len(world.trajectory), name="day"),
    )
    before = {d.value: round(float(v), 2) for d, v in zip(DOMAINS, world.initial, strict=False)}
    after = {d.value: round(float(v), 2) for d, v in zip(DOMAINS, world.severity, strict=False)}
    closure = case.closure
    reason = closure["reason"].value if closure else None
    if reason is None:
        ends = [e for e in case.record if e.kind.value == "closure"]
        reason = ends[-1].fields["reason"].value if ends else None
    high = tuple(d.value for d in DOMAINS if scenario.truth.needs[d] >= 2)
    return CaseResult(
        scenario=scenario.id,
        policy=name,
        seed=seed,
        stages=[(s.value, d) for s, d in case.timeline()],
        record=case.record,
        needs=frame,
        needs_before=before,
        needs_after=after,
        closed_reason=reason,
        violations=tuple(violations),
        score=score_case(scenario, case, world, violations),
        timed_out=timed_out,
        high_needs=high,
    )
