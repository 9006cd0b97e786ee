"""The case file of a run: content, determinism, privacy and sensitive marks."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from casekit import __version__
from casekit.domain import RecordEntry, RecordKind, Stage
from casekit.scenarios import bundled_dir, get_scenario
from casekit.sim import run_case
from casekit.sim.policies import NaivePolicy
from casekit.sim.results import CaseResult, Violation
from casekit.sim.runner import policy_rng
from casekit.sim.score import Score
from casekit.store.casefile import dumps_case_file, loads_case_file, verify_checksum
from casekit.teach.casefile import (
    case_file_from_result,
    crises_from_record,
    record_with_sensitivity,
    stage_days,
)

from .conftest import case_doc


def hand_made_result():
    """A finished run written by hand: two crises (one answered a day late), one violation."""

    def entry(seq, stage, day, kind, fields, author="cm"):
        return RecordEntry(seq, Stage.parse(stage), day, author, kind, fields)

    record = (
        entry(0, "intake", 0, RecordKind.REFERRAL_RECEIVED, {"ties": []}),
        entry(
            1,
            "intake",
            2,
            RecordKind.CONSENT,
            {"purpose": "services", "granted": True, "given_by": "student"},
        ),
        entry(2, "intake", 2, RecordKind.STAGE_CHANGE, {"from": "intake", "to": "assessment"}),
        entry(
            3,
            "assessment",
            5,
            RecordKind.CRISIS,
            {"id": "c1", "type": "self_harm_risk", "window_days": 1},
            "world",
        ),
        entry(4, "assessment", 6, RecordKind.CRISIS_INTERVENTION, {"crisis": "c1", "actions": []}),
        entry(
            5,
            "assessment",
            9,
            RecordKind.CRISIS,
            {"id": "c2", "type": "abuse_neglect", "window_days": 1},
            "world",
        ),
        entry(6, "assessment", 9, RecordKind.STAGE_CHANGE, {"from": "assessment", "to": "planning"}),
        entry(7, "planning", 30, RecordKind.CASE_END, {}),
    )
    return CaseResult(
        scenario="self-harm-screening",
        policy="naive",
        seed=11,
        stages=[("intake", 0), ("assessment", 2), ("planning", 9)],
        record=record,
        needs=None,
        needs_before={"psychological": 3.0},
        needs_after={"psychological": 2.5},
        closed_reason=None,
        violations=(Violation(1, "refer", "intake", "case_not_open"),),
        score=Score({"process": 40.0, "crisis": 25.0}, {"process": 0.5, "crisis": 0.5}),
        timed_out=True,
    )


def test_content_exactly():
    s = get_scenario("self-harm-screening")
    doc = case_file_from_result(hand_made_result(), s, learner="김하늘")
    assert verify_checksum(doc)
    assert list(doc) == [
        "format",
        "schema_version",
        "casekit_version",
        "learner",
        "scenario",
        "policy",
        "seed",
        "closed_reason",
        "timed_out",
        "score",
        "stages",
        "stage_days",
        "crises",
        "violations",
        "needs_before",
        "needs_after",
        "record",
        "checksum",
    ]
    assert doc["casekit_version"] == __version__
    assert (doc["learner"], doc["policy"], doc["seed"], doc["closed_reason"], doc["timed_out"]) == (
        "김하늘",
        "naive",
        11,
        None,
        True,
    )
    assert doc["scenario"] == {"id": s.id, "title": s.title.to_dict(), "difficulty": s.difficulty.value}
    assert doc["score"] == {"total": 32.5, "components": {"process": 40.0, "crisis": 25.0}, "handover": False}
    assert doc["stages"] == [
        {"stage": "intake", "day": 0},
        {"stage": "assessment", "day": 2},
        {"stage": "planning", "day": 9},
    ]
    assert doc["stage_days"] == dict.fromkeys(Stage.codes(), 0) | {
        "intake": 2,
        "assessment": 7,
        "planning": 21,
    }
    assert doc["crises"] == [
        {
            "id": "c1",
            "type": "self_harm_risk",
            "day": 5,
            "intervened_day": 6,
            "response_days": 1,
            "window_days": 1,
        },
        {
            "id": "c2",
            "type": "abuse_neglect",
            "day": 9,
            "intervened_day": None,
            "response_days": None,
            "window_days": 1,
        },
    ]
    assert doc["violations"] == [{"day": 1, "verb": "refer", "stage": "intake", "rule": "case_not_open"}]
    assert doc["needs_before"] == {"psychological": 3.0} and doc["needs_after"] == {"psychological": 2.5}
    assert [(e["seq"], e["kind"], e["sensitive"], e["sensitive_as"]) for e in doc["record"]] == [
        (0, "referral_received", False, []),
        (1, "consent", False, []),
        (2, "stage_change", False, []),
        (3, "crisis", True, ["mental_health"]),
        (4, "crisis_intervention", True, ["mental_health"]),
        (5, "crisis", True, ["abuse_violence"]),
        (6, "stage_change", False, []),
        (7, "case_end", False, []),
    ]
    assert doc["record"][3]["author"] == "world" and doc["record"][3]["fields"]["window_days"] == 1


def test_a_real_run_is_written_as_it_ran(self_harm_expert):
    doc = self_harm_expert
    r = run_case(get_scenario("self-harm-screening"), "expert", 1)
    assert (doc["learner"], doc["policy"], doc["seed"]) == ("전문가", "expert", 1)
    assert doc["stages"] == [{"stage": st, "day": d} for st, d in r.stages]
    assert sum(doc["stage_days"].values()) == r.record[-1].day - r.record[0].day
    assert doc["score"] == {"total": r.score.total, "components": dict(r.score.components), "handover": False}
    assert doc["closed_reason"] == r.closed_reason and len(doc["violations"]) == len(r.violations)
    assert [e["seq"] for e in doc["record"]] == list(range(len(r.record)))
    assert [c["type"] for c in doc["crises"]] == [
        e.fields["type"] for e in r.record if e.kind is RecordKind.CRISIS
    ]
    assert "created" not in doc and "feedback" not in doc and "steps" not in doc


def test_policy_object_is_written_as_learner_and_extras_pass_through():
    s = get_scenario("learning-low-income")
    r = run_case(s, NaivePolicy(policy_rng(0)), 0)
    feedback = [{"stage": "intake", "good": [{"ko": "좋음", "en": "good"}], "missing": []}]
    doc = case_file_from_result(
        r, s, learner="나", feedback=feedback, steps=[{"verb": "ask"}], created="2026-03-02T09:00:00+09:00"
    )
    assert doc["policy"] == "learner"
    assert doc["feedback"] == feedback and doc["steps"] == [{"verb": "ask"}]
    assert doc["created"] == "2026-03-02T09:00:00+09:00"
    assert case_file_from_result(r, s, learner="나", policy="expert")["policy"] == "expert"
    assert loads_case_file(dumps_case_file(doc)) == doc


def test_same_run_same_bytes():
    a = dumps_case_file(case_doc("income-loss-midcase", "random", 4, "a"))
    b = dumps_case_file(case_doc("income-loss-midcase", "random", 4, "a"))
    assert a == b


def test_no_machine_path_even_for_a_scenario_file(tmp_path):
    src = bundled_dir() / "learning-low-income.yaml"
    copy = tmp_path / "my scenarios" / "learning-low-income.yaml"
    copy.parent.mkdir()
    shutil.copy(src, copy)
    s = get_scenario(str(copy))
    assert s.source is not None and str(tmp_path) in s.source
    text = dumps_case_file(case_file_from_result(run_case(s, "expert", 0), s, learner="a"))
    for place in {str(tmp_path), os.getcwd(), str(Path.home()), str(bundled_dir()), "my scenarios"}:
        assert place not in text


def test_sensitive_marks_for_self_harm(self_harm_expert):
    by_kind: dict[str, set[bool]] = {}
    for e in self_harm_expert["record"]:
        by_kind.setdefault(e["kind"], set()).add(e["sensitive"])
    assert by_kind["crisis"] == by_kind["crisis_intervention"] == by_kind["mandatory_report"] == {True}
    assert by_kind["consent"] == by_kind["stage_change"] == by_kind["case_conference"] == {False}
    crises = [e["sensitive_as"] for e in self_harm_expert["record"] if e["kind"] == "crisis"]
    assert crises == [["mental_health"], ["abuse_violence"]]
    rating = next(e for e in self_harm_expert["record"] if e["kind"] == "needs_rating")
    assert rating["sensitive_as"] == ["health", "mental_health", "abuse_violence"]


def test_sensitive_marks_for_abuse():
    doc = case_doc("neglect-report-elementary", "expert", 0, "a")
    marked = {e["kind"] for e in doc["record"] if "abuse_violence" in e["sensitive_as"]}
    assert {"crisis", "crisis_intervention", "mandatory_report"} <= marked


def test_sensitivity_rules_one_entry_at_a_time():
    def entry(seq, kind, fields):
        return RecordEntry(seq, Stage.PLANNING, seq, "cm", kind, fields)

    s = get_scenario("self-harm-screening")
    entries = [
        entry(0, RecordKind.NEEDS_RATING, {"ratings": {"medical": 0, "economic": 3}}),
        entry(1, RecordKind.GOAL_SET, {"id": "g1", "domain": "psychological"}),
        entry(2, RecordKind.GOAL_SET, {"id": "g2", "domain": "educational"}),
        entry(3, RecordKind.MONITORING, {"progress": {"g2": 10}}),
        entry(4, RecordKind.MONITORING, {"progress": {"g1": 10, "g2": 10}}),
        entry(5, RecordKind.LINK, {"resource": "homeroom"}),
        entry(6, RecordKind.LINK, {"resource": "hospital"}),
        entry(7, RecordKind.NOTE, {"sensitive": True}),
        entry(8, RecordKind.CRISIS, {"id": "c", "type": "income_loss"}),
    ]
    marks = [(d["sensitive"], d["sensitive_as"]) for d in record_with_sensitivity(entries, s)]
    assert marks == [
        (False, []),
        (True, ["mental_health"]),
        (False, []),
        (False, []),
        (True, ["mental_health"]),
        (False, []),
        (True, ["health", "mental_health"]),
        (True, []),
        (True, ["crisis"]),
    ]


def test_stage_days_and_crises_helpers():
    assert stage_days([("intake", 5)], 3) == dict.fromkeys(Stage.codes(), 0)
    record = [
        {"kind": "crisis", "day": 2, "fields": {"id": "a", "type": "bereavement", "window_days": 3}},
        {"kind": "crisis_intervention", "day": 4, "fields": {"crisis": "a"}},
        {"kind": "crisis_intervention", "day": 9, "fields": {"crisis": "a"}},
        {"kind": "crisis_intervention", "day": 9, "fields": {"crisis": "unknown"}},
    ]
    assert crises_from_record(record) == [
        {
            "id": "a",
            "type": "bereavement",
            "day": 2,
            "intervened_day": 4,
            "response_days": 2,
            "window_days": 3,
        }
    ]
