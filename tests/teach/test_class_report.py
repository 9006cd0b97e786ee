"""The class report: layouts, duplicates, problem files, comparison with the expert, files."""

from __future__ import annotations

import json
import zipfile

import pandas as pd
import pytest

from casekit.domain.vocabulary import Stage
from casekit.scenarios import bundled_dir, get_scenario
from casekit.sim import run_case
from casekit.store.casefile import dumps_case_file, seal
from casekit.teach.actions import all_actions
from casekit.teach.casefile import case_file_from_result
from casekit.teach.class_report import ProblemFile, build_class_report, write_class_report

from .conftest import case_doc, put

SH, LL = "self-harm-screening", "learning-low-income"


@pytest.fixture(scope="module")
def submissions(tmp_path_factory):
    root = tmp_path_factory.mktemp("submitted")
    put(root, "alice/hw1/a.case.json", case_doc(SH, "expert", 1, "Alice"))
    put(
        root, "alice/hw1/a2.case.json", case_doc(SH, "naive", 1, "Alice", created="2026-03-03T10:00:00+09:00")
    )
    put(root, "bob/hw1/b.case.json", case_doc(SH, "naive", 2, "Bob"))
    put(root, "carol/hw1/c.case.json", case_doc(LL, "random", 3, "Carol"))
    put(root, "carol/hw2/z-late.case.json", case_doc(LL, "naive", 3, "Carol"))
    put(root, "dan/d.case.json", case_doc(LL, "naive", 0, "Dan K"))
    put(root, "e.case.json", case_doc(LL, "expert", 5, "이은"))
    good = dumps_case_file(case_doc(LL, "naive", 9, "Mallory"))
    bad = {
        "garbage": b"\x89PNG\r\n\x1a\n\x00\x00binary",
        "truncated": good[: len(good) // 2].encode(),
        "foreign": json.dumps({"nbformat": 4, "cells": []}).encode(),
        "tampered": good.replace('"learner": "Mallory"', '"learner": "Eve"').encode(),
        "unsupported": json.dumps(seal(json.loads(good)) | {"schema_version": 3}).encode(),
        "invalid": dumps_case_file({k: v for k, v in json.loads(good).items() if k != "record"}).encode(),
    }
    for name, data in bad.items():
        path = root / "problems" / f"{name}.case.json"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
    checkpoint = root / "alice/hw1/.ipynb_checkpoints/a-checkpoint.case.json"
    checkpoint.parent.mkdir()
    checkpoint.write_text("not even json")
    (root / "alice/hw1/notes.json").write_text("{}")
    return root


@pytest.fixture(scope="module")
def report(submissions):
    return build_class_report(submissions)


def test_one_row_per_student_and_scenario(report):
    s = report.summary
    assert list(zip(s.student, s.assignment, s.scenario, s.file, strict=True)) == [
        ("alice", "hw1", SH, "alice/hw1/a2.case.json"),
        ("bob", "hw1", SH, "bob/hw1/b.case.json"),
        ("carol", "hw2", LL, "carol/hw2/z-late.case.json"),
        ("dan", "", LL, "dan/d.case.json"),
        ("이은", "", LL, "e.case.json"),
    ]
    assert list(s.policy_or_learner) == ["naive", "naive", "naive", "naive", "expert"]
    assert list(s.seed) == [1, 2, 3, 0, 5]
    assert list(s.learner) == ["Alice", "Bob", "Carol", "Dan K", "이은"]
    assert report.files == 13
    assert report.superseded == ["alice/hw1/a.case.json", "carol/hw1/c.case.json"]


def test_problem_files_are_listed_with_their_reason(report):
    assert [(p.file, p.reason) for p in report.problems] == [
        ("problems/foreign.case.json", "foreign"),
        ("problems/garbage.case.json", "malformed"),
        ("problems/invalid.case.json", "invalid"),
        ("problems/tampered.case.json", "tampered"),
        ("problems/truncated.case.json", "truncated"),
        ("problems/unsupported.case.json", "unsupported_version"),
    ]
    assert report.problems[2].message == "record: is missing"
    assert all(isinstance(p, ProblemFile) for p in report.problems)


def test_scores_stages_and_crises_come_from_the_file(report, submissions):
    doc = json.loads((submissions / "bob/hw1/b.case.json").read_text(encoding="utf-8"))
    row = report.summary.iloc[1]
    assert row.total == doc["score"]["total"]
    assert row.plan_fit == doc["score"]["components"]["plan_fit"]
    assert row.days_monitoring == doc["stage_days"]["monitoring"]
    assert row.violations == len(doc["violations"])
    days = [c["response_days"] for c in doc["crises"] if c["response_days"] is not None]
    assert (row.crises, row.crisis_response_max) == (len(doc["crises"]), max(days))
    assert row.crisis_response_mean == round(sum(days) / len(days), 1)
    assert row.closed_reason == doc["closed_reason"]


def expert_minus(scenario_id: str, policy: str, seed: int) -> set[str]:
    s = get_scenario(scenario_id)
    mine = all_actions(e.to_dict() for e in run_case(s, policy, seed).record)
    return all_actions(e.to_dict() for e in run_case(s, "expert", seed).record) - mine


def test_missed_actions_against_the_expert_on_the_same_seed(report):
    rows = [(SH, "naive", 1), (SH, "naive", 2), (LL, "naive", 3), (LL, "naive", 0), (LL, "expert", 5)]
    missing = [expert_minus(*r) for r in rows]
    assert missing[4] == set()
    assert list(report.summary.missed_actions) == [len(m) for m in missing]
    counts = {a: sum(a in m for m in missing) for a in set().union(*missing)}
    got = dict(zip(report.missed.action, report.missed.students, strict=True))
    assert got == counts
    assert list(report.missed.share) == [round(n / 5, 3) for n in report.missed.students]
    assert list(report.missed.students) == sorted(report.missed.students, reverse=True)
    first = report.missed.iloc[0]
    assert first.label_ko and first.label_en and first.label_ko != first.label_en


def test_divergence_by_stage(report):
    d = report.divergence
    assert list(d.stage) == list(Stage.codes())
    assert set(d.students) == {5}
    firsts = list(report.summary.first_divergence)
    assert firsts[4] == ""  # the expert's own run does not diverge
    assert all(f in Stage.codes() for f in firsts[:4])
    intake = d.set_index("stage").loc["intake"]
    assert intake.diverged == sum(f == "intake" for f in firsts)
    assert intake.share == round(intake.diverged / 5, 3)
    assert (d.diverged <= 4).all()


def test_own_scenario_needs_its_file(tmp_path):
    text = (bundled_dir() / f"{LL}.yaml").read_text(encoding="utf-8")
    own = tmp_path / "scenarios" / "my-own.yaml"
    own.parent.mkdir()
    own.write_text(text.replace(f"id: {LL}", "id: my-own", 1), encoding="utf-8")
    s = get_scenario(str(own))
    root = tmp_path / "in"
    put(root, "a.case.json", case_file_from_result(run_case(s, "expert", 2), s, learner="A"))
    alone = build_class_report(root)
    assert alone.summary.missed_actions.isna().all() and alone.summary.first_divergence.isna().all()
    assert len(alone.notes) == 1 and "'my-own'" in alone.notes[0]
    assert len(alone.missed) == 0 and set(alone.divergence.students) == {0}
    told = build_class_report(root, scenarios=[own])
    assert list(told.summary.missed_actions) == [0] and told.notes == []


def test_same_created_time_in_any_zone(tmp_path):
    early = case_doc(LL, "naive", 1, "a", created="2026-03-03T10:00:00+09:00")  # 01:00 UTC
    late = case_doc(LL, "expert", 1, "a", created="2026-03-03T02:00:00Z")
    put(tmp_path, "s/hw/b.case.json", early)
    put(tmp_path, "s/hw/a.case.json", late)
    r = build_class_report(tmp_path)
    assert list(r.summary.file) == ["s/hw/a.case.json"] and r.superseded == ["s/hw/b.case.json"]


def test_write_files(report, tmp_path):
    figures = {"scores": b"\x89PNG-scores", "missed_actions": b"\x89PNG-missed"}
    paths = write_class_report(report, tmp_path / "out", lang="ko", figures=figures)
    assert sorted(p.name for p in paths.values()) == [
        "class_summary.csv",
        "class_summary.xlsx",
        "report.html",
    ]
    raw = paths["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfstudent,assignment,learner,scenario,policy_or_learner,seed,total,")
    back = pd.read_csv(paths["csv"], encoding="utf-8-sig", keep_default_na=False)
    assert list(back.student) == ["alice", "bob", "carol", "dan", "이은"]
    book = pd.read_excel(paths["xlsx"], sheet_name=None)
    assert list(book) == ["요약", "문제 파일", "놓친 행동", "단계별 차이"]
    assert len(book["요약"]) == 5 and "학생" in book["요약"].columns
    assert list(book["문제 파일"]["사유"]) == [p.reason for p in report.problems]
    page = paths["html"].read_text(encoding="utf-8")
    assert page.count("<img ") == 2 and "data:image/png;base64," in page
    assert "학급 사례관리 보고서" in page and "Class case-management report" in page
    assert "변조됨(체크섬 불일치)" in page and "problems/tampered.case.json" in page
    assert "alice/hw1/a.case.json" in page  # superseded files are listed


def test_english_report_and_escaping(tmp_path):
    put(tmp_path / "in", "<b>x</b>/hw/a.case.json", case_doc(LL, "naive", 1, "<script>alert(1)</script>"))
    r = build_class_report(tmp_path / "in")
    paths = write_class_report(r, tmp_path / "out", lang="en")
    page = paths["html"].read_text(encoding="utf-8")
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
    assert '<html lang="en">' in page and "No problem files." in page
    assert list(pd.read_excel(paths["xlsx"], sheet_name=None)) == [
        "summary",
        "problem files",
        "missed actions",
        "divergence",
    ]


def test_no_machine_path_in_the_written_files(report, submissions, tmp_path):
    paths = write_class_report(report, tmp_path / "out")
    places = {str(submissions), str(tmp_path), str(submissions.parent)}
    texts = [paths["csv"].read_text(encoding="utf-8-sig"), paths["html"].read_text(encoding="utf-8")]
    with zipfile.ZipFile(paths["xlsx"]) as z:
        texts += [z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")]
    assert not [p for p in places for t in texts if p in t]
