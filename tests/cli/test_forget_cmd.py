"""``casekit forget``: exit codes, confirmation, and that only that learner's rows go."""

from __future__ import annotations

import io
import unicodedata

import pytest

from casekit.cli import main
from casekit.store import Casebook


class FakeTerminal(io.StringIO):
    """Standard input that says it is a terminal, with the user's typed answer."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def casebook(tmp_path):
    path = tmp_path / "casebook.sqlite3"
    with Casebook(path) as book:
        for name, seeds in (("김하늘", (1, 2)), ("Alex", (3,))):
            for seed in seeds:
                sid = book.add_session(name, "s001", seed=seed)
                for seq in range(3):
                    book.add_step(sid, seq, {"kind": "wait", "days": seq}, score={"total": seq})
    return path


def _learners(path):
    with Casebook(path) as book:
        return {x.name: [s.n_steps for s in book.get_sessions(learner=x.name)] for x in book.get_learners()}


def test_forget_with_yes_removes_only_that_learner(casebook, capsys):
    assert main(["forget", "--learner", "김하늘", "--casebook", str(casebook), "--yes"]) == 0
    out = capsys.readouterr().out
    assert out == (
        "'김하늘' 삭제함 / removed: 학습자 1, 세션 2, 단계 6, 기록 0, 점수 6 / "
        "learners 1, sessions 2, steps 6, entries 0, scores 6\n"
    )
    assert _learners(casebook) == {"Alex": [3]}


def test_forget_matches_the_name_as_typed_in_another_normal_form(casebook, capsys):
    nfd = unicodedata.normalize("NFD", " 김하늘 ")
    assert main(["forget", "--learner", nfd, "--casebook", str(casebook), "--yes"]) == 0
    assert _learners(casebook) == {"Alex": [3]}


def test_unknown_learner_exits_1_with_one_line(casebook, capsys):
    assert main(["forget", "--learner", "박", "--casebook", str(casebook), "--yes"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "casekit: casebook.sqlite3: '박' 학습자의 기록이 없습니다 / no learner named '박'\n"
    assert _learners(casebook) == {"Alex": [3], "김하늘": [3, 3]}


def test_missing_casebook_exits_1_and_creates_nothing(tmp_path, capsys):
    path = tmp_path / "none" / "casebook.sqlite3"
    assert main(["forget", "--learner", "김하늘", "--casebook", str(path), "--yes"]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert not path.parent.exists()


def test_without_a_terminal_it_refuses_without_yes(casebook, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))  # piped input is not a confirmation
    assert main(["forget", "--learner", "김하늘", "--casebook", str(casebook)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "casekit forget: 확인 없이 삭제하지 않습니다. --yes를 붙이세요 / refusing to delete without confirmation: add --yes\n"
    )
    assert _learners(casebook) == {"Alex": [3], "김하늘": [3, 3]}


@pytest.mark.parametrize(
    ("answer", "code", "left"), [("예\n", 0, {"Alex": [3]}), ("n\n", 1, None), ("", 1, None)]
)
def test_on_a_terminal_it_asks(casebook, capsys, monkeypatch, answer, code, left):
    monkeypatch.setattr("sys.stdin", FakeTerminal(answer))
    assert main(["forget", "--learner", "김하늘", "--casebook", str(casebook)]) == code
    captured = capsys.readouterr()
    assert captured.out.startswith(
        "'김하늘' 학습자의 모든 기록(세션 2개, 단계 6개)을 삭제할까요? / "
        "Delete all data of learner '김하늘' (2 sessions, 6 steps)? [y/N] "
    )
    if code == 1:
        assert captured.err.endswith("casekit forget: 취소했습니다 / cancelled, nothing deleted\n")
    assert _learners(casebook) == (left or {"Alex": [3], "김하늘": [3, 3]})


def test_default_casebook_is_under_casekit_home(casebook, capsys, monkeypatch):
    monkeypatch.setenv("CASEKIT_HOME", str(casebook.parent))
    assert main(["forget", "--learner", "Alex", "--yes"]) == 0
    assert _learners(casebook) == {"김하늘": [3, 3]}


def test_a_file_that_is_not_a_casebook_exits_1(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("이름,점수\n", encoding="utf-8")
    assert main(["forget", "--learner", "김하늘", "--casebook", str(path), "--yes"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("casekit: notes.txt: opening the casebook: 사례기록부 파일이 아니거나 손상되었습니다")
    assert "Traceback" not in err and err.count("\n") == 1
