"""``Walkthrough.play("expert")`` drives the same controls a learner clicks, to the same record.

For every bundled scenario the demonstration must reach aftercare (or end at termination
when the scenario's truth says the case is not opened) and leave exactly the record that
:func:`casekit.sim.run_case` writes for the expert with the same seed: the widgets add
nothing and lose nothing on the way.
"""

from __future__ import annotations

import pytest

from casekit.domain.vocabulary import Stage
from casekit.scenarios import bundled_scenarios
from casekit.sim import run_case
from casekit.ui import Walkthrough

from .conftest import stage_classes

SCENARIOS = {s.id: s for s in bundled_scenarios()}
#: One seed per scenario (several seeds over the set, so not only seed 0 is exercised).
SEEDS = {sid: i % 4 for i, sid in enumerate(sorted(SCENARIOS))}


def test_every_bundled_scenario_is_covered():
    assert len(SCENARIOS) == 13
    assert [sid for sid, s in SCENARIOS.items() if not s.truth.open_case] == ["family-needs-hope-team"]


@pytest.mark.parametrize("sid", sorted(SCENARIOS))
def test_play_expert_reaches_the_end_with_the_runners_record(sid, tmp_path):
    scenario, seed = SCENARIOS[sid], SEEDS[sid]
    w = Walkthrough(scenario, seed=seed, save_dir=tmp_path)
    w.play("expert")

    expected = run_case(scenario, "expert", seed)
    final = Stage.AFTERCARE if scenario.truth.open_case else Stage.TERMINATION
    assert (w.session.ended, w.session.stage) == (True, final)
    assert not w.session.engine.timed_out
    assert w.session.engine.case.record == expected.record
    assert w.session.result().record == expected.record
    assert w.session.engine.violations == list(expected.violations) == []

    # The view re-rendered at the end: every stage visited is done, none is current.
    visited = {s.value for s, _ in w.session.engine.case.timeline()}
    assert stage_classes(w.stage_bar.value) == {
        s.value: ("done" if s.value in visited else "") for s in Stage
    }
    assert "최종 점수:" in w.summary.value
    assert bytes(w.ecomap.value).startswith(b"\x89PNG")
