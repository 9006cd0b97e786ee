"""``casekit export``: a learner's saved sessions become the case files they would have saved."""

from __future__ import annotations

import pytest

from casekit.cli import main
from casekit.store import Casebook
from casekit.store.casefile import read_case_file


@pytest.fixture
def saved(tmp_path):
    from casekit.ui import Walkthrough

    path = tmp_path / "cb.sqlite3"
    with Casebook(path) as book:
        w = Walkthrough("learning-low-income", seed=2, learner="김하늘", casebook=book, save_dir=tmp_path / "own")
        w.act("ask", question="homework")
        w.play("expert")
        own = read_case_file(w.save()["json"])
    return path, own


def test_export_writes_the_case_file_the_learner_saw(saved, tmp_path, capsys):
    path, own = saved
    assert main(["export", "--learner", "김하늘", "--casebook", str(path), "--out", str(tmp_path / "out")]) == 0
    files = sorted((tmp_path / "out" / "김하늘" / "learning-low-income").iterdir())
    assert [f.suffixes for f in files] == [[".case", ".html"], [".case", ".json"]]
    doc = read_case_file(files[1])
    assert doc["policy"] == "learner+expert" and doc["seed"] == 2
    assert doc["record"] == own["record"] and doc["score"] == own["score"]
    assert doc["feedback"] == own["feedback"]
    assert str(tmp_path) not in files[1].read_text(encoding="utf-8")
    assert str(files[1]) in capsys.readouterr().out


def test_export_of_an_unknown_learner_is_one_line_and_exit_1(saved, tmp_path, capsys):
    path, _ = saved
    assert main(["export", "--learner", "없는사람", "--casebook", str(path), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
