"""A writer killed with SIGKILL loses at most the action in flight, and the file stays sound.

The writer is a separate process (tests/store/writer.py) that saves steps in a loop and
prints ``saved SEQ`` after each commit. It is killed after some steps at whatever point it
has reached, or while it is paused inside a transaction. The casebook is then reopened.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from casekit.store import Casebook

from .conftest import sample_entries
from .test_schema import _schema, make_v1_file

WRITER = Path(__file__).with_name("writer.py")

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def start_writer(*args: object, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WRITER), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def read_line(proc: subprocess.Popen) -> str:
    line = proc.stdout.readline()
    assert line, f"the writer died early: {proc.wait()} {proc.stderr.read()}"
    return line.strip()


def kill(proc: subprocess.Popen) -> list[str]:
    """SIGKILL the writer; returns the lines it printed that were not read yet."""
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # Read through the same buffered stream read_line used: communicate() would read the raw
    # pipe and miss a line already pulled into that buffer.
    out = proc.stdout.read()
    proc.stderr.read()
    assert proc.returncode == -signal.SIGKILL
    return out.split("\n")[:-1]


def new_session(path: Path) -> int:
    with Casebook(path) as book:
        return book.add_session("김하늘", "s001", seed=1)


def check_resumable(path: Path, sid: int, n_steps: int) -> None:
    """Sound file, exactly ``n_steps`` contiguous steps each with its entries and score; can continue."""
    with Casebook(path) as book:
        assert book.integrity_check() == []
        saved = book.get_session(sid)
        assert [s.seq for s in saved.steps] == list(range(n_steps))
        for step in saved.steps:
            assert step.data["day"] == step.seq
            assert [e.to_dict() for e in step.entries] == sample_entries(step.seq)
        assert [(s.step_seq, s.total) for s in saved.score_history] == [(i, float(i)) for i in range(n_steps)]
        book.add_step(sid, n_steps, {"kind": "wait", "day": n_steps}, sample_entries(n_steps))
        assert book.get_session(sid).n_steps == n_steps + 1


@pytest.mark.parametrize("after", [1, 7, 30])
def test_kill_at_any_point_loses_at_most_the_step_in_flight(book_path, after):
    sid = new_session(book_path)
    proc = start_writer(book_path, "append", sid, 0, 100_000)
    seen = [read_line(proc) for _ in range(after)]
    seen += kill(proc)
    assert seen == [f"saved {i}" for i in range(len(seen))]
    with Casebook(book_path) as book:
        n_steps = book.get_session(sid).n_steps
    # Every step reported saved is there; at most one more (committed, not yet reported).
    assert n_steps in (len(seen), len(seen) + 1)
    check_resumable(book_path, sid, n_steps)


@pytest.mark.parametrize("pause_after", ["step", "entries", "score"])
def test_kill_inside_a_transaction_loses_only_that_step(book_path, pause_after):
    sid = new_session(book_path)
    proc = start_writer(book_path, "append", sid, 0, 10, 5, pause_after)
    lines = [read_line(proc) for _ in range(6)]
    assert lines == [f"saved {i}" for i in range(5)] + ["paused 5"]
    assert kill(proc) == []
    check_resumable(book_path, sid, 5)


def test_kill_with_uncommitted_pages_in_the_log(book_path):
    """A big step spills uncommitted pages into the write-ahead log before the kill."""
    sid = new_session(book_path)
    wal = book_path.with_name(book_path.name + "-wal")
    proc = start_writer(book_path, "append", sid, 0, 10, 3, "score", env={"BIG_STEP": "3"})
    lines = [read_line(proc) for _ in range(4)]
    assert lines == ["saved 0", "saved 1", "saved 2", "paused 3"]
    assert wal.stat().st_size > 300_000  # the 300 kB step is in the log, uncommitted
    kill(proc)
    check_resumable(book_path, sid, 3)


def test_kill_during_migration_leaves_version_1(tmp_path):
    old = tmp_path / "old.sqlite3"
    make_v1_file(old)
    before = _schema(old)
    proc = start_writer(old, "migrate-pause")
    assert read_line(proc) == "paused migration"
    kill(proc)
    assert _schema(old) == before
    conn = sqlite3.connect(old)
    assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone() == (1,)
    conn.close()
    with Casebook(old) as book:
        assert book.migrated_from == 1 and book.get_session(1).n_steps == 3
