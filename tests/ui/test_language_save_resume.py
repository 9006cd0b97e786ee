"""Switching language, saving the case file, autosave to the casebook, resume and start over."""

from __future__ import annotations

import pytest

from casekit.domain.vocabulary import NeedDomain, Stage
from casekit.store import Casebook
from casekit.store.casefile import read_case_file

from .conftest import advance, do_intake, submit, wait

SCENARIO = "learning-low-income"


@pytest.fixture
def book(tmp_path):
    """A casebook in ``tmp_path``, closed after the test."""
    with Casebook(tmp_path / "cb.sqlite3") as opened:
        yield opened


def test_switching_to_english_relabels_buttons_fields_and_views(walk):
    w = walk(SCENARIO)
    ask = w.form("ask")
    assert (ask.button.description, ask.field("question").title.value) == (
        "질문하기",
        "<b>무엇을 물을까요?</b> *",
    )

    w.lang_toggle.value = "en"
    assert w.lang == "en"
    assert ask.button.description == "Ask"
    assert "<h4 style='margin:2px 0'>Interview question</h4>" in ask.heading.value
    assert ask.field("question").title.value == "<b>What will you ask?</b> *"
    homework = next(q for q in w.scenario.interview if q.id == "homework")
    assert (homework.ask.en, "homework") in ask.field("question").widget.options
    intake = w.form("record_intake")
    assert [f.title.value for f in intake.fields] == [
        "<b>household</b> *",
        "<b>housing</b> *",
        "<b>income</b> *",
        "<b>health</b> *",
        "<b>other services used</b> *",
    ]
    assert intake.button.description == "Save the intake record"
    assert [k for k, _ in w.form("set_risk_level").field("level").widget.options] == [
        "prevention",
        "caution",
        "alert",
        "serious",
    ]
    assert (w.nav_advance.button.description, w.nav_wait.button.description) == ("Move", "Wait")
    assert [k for k, _ in w.nav_advance.field("stage").widget.options] == [
        "assessment",
        "evaluation and termination",
    ]
    assert w.form("record_consent").field("granted").widget.description == "granted"
    assert [s.description for s in w.panels["assessment"][0].field("ratings").sliders.values()] == [
        d.en for d in NeedDomain
    ]
    assert (w.learner_button.description, w.save_button.description) == (
        "Start saving",
        "Save the case file (JSON, HTML)",
    )
    assert w.title.value == f"<h2 style='margin:4px 0'>{w.scenario.title.en}</h2>"
    assert "Current stage: <b>intake</b> · day 0 since referral" in w.stage_bar.value
    assert "1. intake</span>" in w.stage_bar.value
    assert "<th>Student</th>" in w.student.value

    # Messages come in the language chosen, with the stage and the rule.
    advance(w, "assessment")
    assert "[intake · intake_recorded] Write the intake record first." in w.nav_advance.message.value

    w.set_lang("ko")
    assert (w.lang_toggle.value, ask.button.description) == ("ko", "질문하기")
    assert "지금 단계: <b>접수</b>" in w.stage_bar.value


def test_save_writes_a_readable_case_file_and_printable_html(walk, tmp_path):
    w = walk(SCENARIO)
    do_intake(w, guardian=True)
    advance(w, "assessment")
    paths = w.save(tmp_path / "out")
    assert paths == {
        "json": tmp_path / "out" / "learner-learning-low-income.case.json",
        "html": tmp_path / "out" / "learner-learning-low-income.case.html",
    }

    doc = read_case_file(paths["json"])
    assert (doc["learner"], doc["scenario"]["id"], doc["policy"], doc["seed"]) == (
        "learner",
        SCENARIO,
        "learner",
        0,
    )
    assert [e["kind"] for e in doc["record"]] == [e.kind.value for e in w.session.engine.case.record]
    assert doc["steps"] == w.session.engine.steps
    assert [f["stage"] for f in doc["feedback"]] == ["intake"]
    assert doc["violations"] == []

    html = paths["html"].read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="ko">' in html
    assert w.scenario.title.ko in html

    # The save button writes to the walkthrough's folder and says where.
    w.save_button.click()
    saved = sorted(p.name for p in (tmp_path / "casefiles").iterdir())
    assert saved == ["learner-learning-low-income.case.html", "learner-learning-low-income.case.json"]
    assert (
        w.save_message.value.startswith("✓ <code>")
        and "learner-learning-low-income.case.json" in w.save_message.value
    )


def test_autosave_and_resume_continue_at_the_same_stage_and_day(walk, tmp_path):
    book = Casebook(tmp_path / "cb.sqlite3")
    w = walk(SCENARIO, learner="김학생", casebook=book)
    assert w.save_status.value == "✓ 자동 저장 중: 김학생"
    assert w.learner_box.widget.value == "김학생"
    submit(w, "decide_to_open", open_case=False)  # refused (no reason): a violation, saved too
    do_intake(w, guardian=True)
    advance(w, "assessment")
    submit(w, "note_strength", text="동생을 잘 돌봄")
    wait(w, 3)
    assert (w.session.stage, w.session.day, len(w.session.engine.violations)) == (Stage.ASSESSMENT, 3, 1)
    sid = w.session.session_id
    saved = book.get_session(sid)
    assert [s for s in saved.step_dicts()] == w.session.engine.steps
    book.close()

    # A new kernel: a new casebook object on the same file, the same learner.
    book2 = Casebook(tmp_path / "cb.sqlite3")
    w2 = walk(SCENARIO, learner="김학생", casebook=book2)
    assert w2.session.session_id == sid
    assert (w2.session.stage, w2.session.day) == (Stage.ASSESSMENT, 3)
    assert w2.session.engine.case.record == w.session.engine.case.record
    assert w2.session.engine.violations == w.session.engine.violations
    steps = len(w.session.engine.steps)
    assert w2.resume_box.value == f"이어서 합니다: 저장된 {steps}개 단계를 불러왔습니다."
    assert w2.restart_button.layout.display == "inline-flex"
    assert "data-stage='intake'" in w2.feedback.value
    assert w2.stage_bar.value == w.stage_bar.value
    assert w2.record.value == w.record.value

    # Work goes on being saved in the continued session.
    submit(w2, "note_strength", text="수학을 다시 해 보고 싶어 함")
    assert len(book2.get_session(sid).step_dicts()) == steps + 1
    book2.close()


def test_start_over_abandons_the_saved_session(walk, book):
    w = walk(SCENARIO, learner="김학생", casebook=book)
    do_intake(w, guardian=True)
    old = w.session.session_id
    w2 = walk(SCENARIO, learner="김학생", casebook=book)
    assert w2.session.session_id == old

    w2.restart_button.click()
    assert book.get_session(old).status == "abandoned"
    new = w2.session.session_id
    assert new != old
    assert (w2.session.stage, w2.session.day, len(w2.session.engine.steps)) == (Stage.INTAKE, 0, 0)
    assert (w2.resume_box.value, w2.restart_button.layout.display, w2.feedback.value) == ("", "none", "")
    assert not any(label.startswith("✓") for label, _ in w2.form("ask").field("question").widget.options)
    assert [(s.id, s.status) for s in book.get_sessions(learner="김학생")] == [
        (old, "abandoned"),
        (new, "active"),
    ]

    # The forms are fresh and still wired to the new session.
    submit(w2, "ask", question="homework")
    assert len(book.get_session(new).step_dicts()) == 1

    # Next time, the new session is the one continued.
    w3 = walk(SCENARIO, learner="김학생", casebook=book)
    assert w3.session.session_id == new and len(w3.session.engine.steps) == 1


def test_naming_yourself_later_keeps_the_work_done_so_far(walk, book):
    w = walk(SCENARIO, casebook=book)
    assert w.session.session_id is None
    submit(w, "ask", question="homework")
    submit(w, "ask", question="health")
    w.learner_box.widget.value = "  이학생 "
    w.learner_button.click()
    assert w.save_status.value == "✓ 자동 저장 중: 이학생"
    assert [e.fields["question"] for e in w.session.engine.case.record if e.kind.value == "interview"] == [
        "homework",
        "health",
    ]
    saved = book.get_session(w.session.session_id)
    assert len(saved.step_dicts()) == 2
    assert [s.learner for s in book.get_sessions()] == ["이학생"]
