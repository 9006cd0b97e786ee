"""The instructor's tools (:mod:`casekit.ui.instructor`), headless: editor, exercise, class report."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from casekit.domain import CasekitError
from casekit.scenarios import bundled_dir, get_scenario, loads_scenario
from casekit.sim import run_case
from casekit.store import Casebook
from casekit.store.casefile import read_case_file, write_case_file
from casekit.teach.casefile import case_file_from_result
from casekit.ui.instructor import ClassReportView, ScenarioEditor, make_exercise

BASE = "learning-low-income"


@pytest.fixture(scope="module")
def base_text() -> str:
    return Path(str(get_scenario(BASE).source)).read_text(encoding="utf-8")


def variant(text: str, new_id: str = "learning-low-income-b") -> str:
    """The bundled YAML with a new id and title: a scenario of the instructor's own."""
    return text.replace(f"id: {BASE}\n", f"id: {new_id}\n", 1).replace('ko: "숙제를', 'ko: "(변형) 숙제를', 1)


# -- the editor --------------------------------------------------------------------------------


def test_editor_starts_from_the_picked_bundled_scenario(base_text):
    ed = ScenarioEditor()
    assert ed.picker.value == BASE
    assert ed.textarea.value == base_text
    assert ed.scenario == dataclasses.replace(get_scenario(BASE), source=None)
    assert ed.problems == []
    assert "ck-editor-ok" in ed.problems_box.value


def test_every_problem_is_listed_with_its_line_and_field_and_the_text_is_kept(base_text):
    ed = ScenarioEditor(lang="ko")
    last_valid = ed.scenario
    broken = base_text.replace("difficulty: introductory", "difficulty: beginer", 1).replace(
        "  age: 11", "  age: eleven", 1
    )
    ed.textarea.value = broken  # what typing into the box does
    assert [(p.line, p.field) for p in ed.problems] == [(10, "difficulty"), (27, "student.age")]
    assert [str(p) for p in ed.problems] == [
        "editor:10: difficulty: unknown difficulty 'beginer'; valid codes: introductory, intermediate, advanced",
        "editor:27: student.age: expected a whole number, got 'eleven'",
    ]
    html = ed.problems_box.value
    assert html.count("class='ck-problem'") == 2
    for piece in (
        "10행",
        "line 10",
        "27행",
        "line 27",
        "<code>difficulty</code>",
        "<code>student.age</code>",
        "difficulty: beginer",
        "  age: eleven",
        "고칠 문제 2개",
        "2 problems to fix",
    ):
        assert piece in html
    # Nothing typed is lost; the last valid scenario is still there.
    assert ed.textarea.value == broken and ed.text == broken
    assert ed.scenario is last_valid

    fixed = broken.replace("beginer", "intermediate").replace("age: eleven", "age: 12")
    ed.textarea.value = fixed
    assert ed.problems == []
    assert "ck-problem'" not in ed.problems_box.value and "ck-editor-ok" in ed.problems_box.value
    assert (ed.scenario.difficulty.value, ed.scenario.client.age) == ("intermediate", 12)
    assert ed.textarea.value == fixed


def test_a_syntax_error_names_its_line():
    ed = ScenarioEditor("schema_version: 1\nid: [unclosed\n", lang="en")
    assert [p.line for p in ed.problems] == [3]
    assert "YAML syntax error" in ed.problems_box.value and "line 3" in ed.problems_box.value
    assert ed.scenario is None


def test_copying_a_scenario_over_typed_text_can_be_undone(base_text):
    ed = ScenarioEditor("my own draft: not yet a scenario\n")
    assert ed.restore_button.layout.display == "none"
    ed.picker.value = "self-harm-screening"
    ed.copy_button.click()
    assert ed.scenario.id == "self-harm-screening"
    assert ed.restore_button.layout.display == "inline-flex"
    ed.restore_button.click()
    assert ed.textarea.value == "my own draft: not yet a scenario\n"
    ed.restore()  # swaps back: neither text is lost
    assert (
        ed.scenario.id == "self-harm-screening" and ed.previous_text == "my own draft: not yet a scenario\n"
    )


def test_a_bundled_id_with_other_content_is_flagged(base_text):
    ed = ScenarioEditor(variant(base_text, new_id=BASE))
    assert ed.problems == []
    assert [n.en for n in ed.draft.notes] == [
        f"id '{BASE}' is a bundled scenario's: give it a new id before saving."
    ]
    assert "bundled scenario" in ed.problems_box.value


def test_save_writes_the_text_and_refuses_the_bundled_folder(base_text, tmp_path):
    ed = ScenarioEditor(variant(base_text))
    before = sorted(p.name for p in bundled_dir().iterdir())
    for folder in (bundled_dir(), bundled_dir() / "mine"):
        with pytest.raises(CasekitError, match="casekit keeps its own files"):
            ed.save(folder)
    ed.folder.value = str(bundled_dir())
    ed.save_button.click()
    assert "⚠" in ed.save_message.value and "casekit keeps its own files" in ed.save_message.value
    assert sorted(p.name for p in bundled_dir().iterdir()) == before

    path = ed.save(tmp_path / "mine")
    assert path == tmp_path / "mine" / "learning-low-income-b.yaml"
    assert path.read_text(encoding="utf-8") == variant(base_text)
    assert ed.scenario.source == str(path) and ed.saved == path

    ed.textarea.value = "id: [broken"
    with pytest.raises(CasekitError, match="1 problem"):
        ed.save(tmp_path / "mine")
    assert path.read_text(encoding="utf-8") == variant(base_text)


def test_preview_plays_the_expert_and_compares_the_policies():
    ed = ScenarioEditor(lang="en")
    p = ed.preview(seeds=(0, 1))
    assert p.walkthrough.session.ended and p.walkthrough.session.assisted_by == "expert"
    assert p.score == 100.0
    assert p.stages[0] == ("intake", 0) and p.stages[-1][0] == "aftercare"
    s = get_scenario(BASE)
    for policy in ("expert", "naive", "random"):
        assert p.scores[policy] == [run_case(s, policy, seed).score.total for seed in (0, 1)]
        assert p.means[policy] == round(sum(p.scores[policy]) / 2, 1)
    assert p.ordered
    html = ed.preview_box.value
    assert "Expert&#x27;s score: 100.0 / 100" in html and "expert &gt; naive &gt; random" in html
    assert html.count("<tr><td>") == len(p.stages) + 3
    assert ed.walkthrough_box.children == (p.walkthrough.widget,)


def test_preview_refuses_a_text_with_problems():
    ed = ScenarioEditor("id: [broken")
    with pytest.raises(CasekitError, match="fix them before the preview"):
        ed.preview()
    ed.preview_button.click()
    assert "⚠" in ed.preview_box.value and "1 problem(s): fix them before the preview" in ed.preview_box.value
    assert ed.last_preview is None and ed.save_message.value == ""


# -- the exercise ------------------------------------------------------------------------------


def _texts(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file())


def test_exercise_of_a_bundled_scenario(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    path = make_exercise(BASE, tmp_path / "course", "hw1", seed=3, lang="en")
    folder = tmp_path / "course" / "source" / "hw1"
    assert path == folder / "hw1.ipynb"
    assert sorted(p.name for p in folder.iterdir()) == ["exercise.json", "hw1.ipynb"]
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "markdown", "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in nb.cells if c.cell_type == "code")
    assert nb.cells[1].source.startswith("%matplotlib inline\n")
    assert f'SCENARIO = "{BASE}"\nSEED = 3\nASSIGNMENT = "hw1"' in nb.cells[1].source
    assert 'LANG = "en"' in nb.cells[1].source and "casebook=Casebook()" in nb.cells[1].source
    title = nb.cells[0].source
    assert title.index(get_scenario(BASE).title.ko) < title.index(get_scenario(BASE).title.en)
    meta = json.loads((folder / "exercise.json").read_text(encoding="utf-8"))
    assert meta == {
        "format": "casekit-exercise",
        "version": 1,
        "assignment": "hw1",
        "notebook": "hw1.ipynb",
        "case_file": "hw1.case.json",
        "scenario": {"id": BASE, "title": get_scenario(BASE).title.to_dict(), "bundled": True, "file": None},
        "seed": 3,
        "lang": "en",
        "created_by": meta["created_by"],
    }
    assert meta["created_by"].startswith("casekit ")
    assert str(tmp_path) not in _texts(folder)
    with pytest.raises(CasekitError, match="already there"):
        make_exercise(BASE, tmp_path / "course", "hw1")
    assert make_exercise(BASE, tmp_path / "course", "hw1", overwrite=True) == path


def test_exercise_refuses_bad_names_and_unsaved_scenarios(base_text, tmp_path):
    for name in ("", "hw 1", "../hw1", "숙제"):
        with pytest.raises(CasekitError, match="assignment"):
            make_exercise(BASE, tmp_path, name)
    with pytest.raises(CasekitError, match="save it to a file first"):
        make_exercise(loads_scenario(variant(base_text)), tmp_path, "hw1")
    assert not (tmp_path / "source").exists()


def test_exercise_notebook_runs_and_writes_a_case_file_class_report_reads(base_text, tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    ed = ScenarioEditor(variant(base_text))
    scenario_file = ed.save(tmp_path / "mine")
    path = make_exercise(ed.scenario, tmp_path / "course", "hw2", seed=1)
    folder = path.parent
    assert sorted(p.name for p in folder.iterdir()) == [
        "exercise.json",
        "hw2.ipynb",
        "learning-low-income-b.yaml",
    ]
    assert (folder / "learning-low-income-b.yaml").read_bytes() == scenario_file.read_bytes()
    meta = json.loads((folder / "exercise.json").read_text(encoding="utf-8"))
    assert meta["scenario"] | {"title": None} == {
        "id": "learning-low-income-b",
        "title": None,
        "bundled": False,
        "file": "learning-low-income-b.yaml",
    }
    assert str(tmp_path) not in _texts(folder)

    # A student's copy: the released folder, run where it lies, with the student's name filled in.
    student = tmp_path / "student" / "hw2"
    shutil.copytree(folder, student)
    home = tmp_path / "home"
    monkeypatch.setenv("CASEKIT_HOME", str(home))
    nb = nbformat.read(student / "hw2.ipynb", as_version=4)
    nb.cells[1].source = nb.cells[1].source.replace('STUDENT = ""', 'STUDENT = "김하늘"')
    nbclient.NotebookClient(nb, timeout=180, resources={"metadata": {"path": str(student)}}).execute()
    printed = "".join(o.get("text", "") for o in nb.cells[3].outputs)
    assert "저장했습니다: hw2.case.json" in printed

    doc = read_case_file(student / "hw2.case.json")
    assert (doc["scenario"]["id"], doc["seed"], doc["learner"], doc["policy"]) == (
        "learning-low-income-b",
        1,
        "김하늘",
        "learner",
    )
    with Casebook(home / "casebook.sqlite3", create=False) as book:
        assert [learner.name for learner in book.get_learners()] == ["김하늘"]


# -- the class report --------------------------------------------------------------------------


def test_class_report_view_lists_the_tampered_file(tmp_path):
    s = get_scenario(BASE)
    root = tmp_path / "submitted"
    for student, policy in (("kim", "expert"), ("lee", "naive")):
        doc = case_file_from_result(run_case(s, policy, 0), s, learner=student)
        (root / student / "hw1").mkdir(parents=True)
        write_case_file(doc, root / student / "hw1" / "hw1.case.json")
    changed = json.loads((root / "lee" / "hw1" / "hw1.case.json").read_text(encoding="utf-8"))
    changed["score"]["total"] = 100.0
    (root / "han" / "hw1").mkdir(parents=True)
    (root / "han" / "hw1" / "hw1.case.json").write_text(json.dumps(changed), encoding="utf-8")

    view = ClassReportView(root, tmp_path / "report", lang="ko")
    report = view.made.report
    assert sorted(report.summary.student) == ["kim", "lee"]
    assert [(p.file, p.reason) for p in report.problems] == [("han/hw1/hw1.case.json", "tampered")]
    assert (
        "<code>han/hw1/hw1.case.json</code>: <b>변조됨(체크섬 불일치)</b> (tampered)" in view.problems.value
    )
    assert view.summary.value.count("<tr><td>") == 2 and "사례 파일 3개 · 2행" in view.summary.value
    assert sorted(view.made.figures) == ["divergence", "missed_actions", "scores"]
    assert [bytes(i.value[:4]) for i in view.figures.children] == [b"\x89PNG"] * 3
    assert sorted(p.name for p in (tmp_path / "report").iterdir()) == [
        "class_summary.csv",
        "class_summary.xlsx",
        "report.html",
    ]


def test_class_report_view_says_what_is_wrong_with_the_folder(tmp_path):
    view = ClassReportView(lang="en")
    view.folder.value, view.out.value = str(tmp_path / "nowhere"), str(tmp_path / "report")
    view.button.click()
    assert "⚠" in view.status.value and "no such folder" in view.status.value
    assert view.made is None and not (tmp_path / "report").exists()
