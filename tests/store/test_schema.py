"""Schema history: migration from version 1, newer files, files that are not casebooks."""

from __future__ import annotations

import sqlite3

import pytest

from casekit.domain import StoreError
from casekit.store import SCHEMA_VERSION, V1_DDL, Casebook, Learner

from .conftest import TickingClock, sample_entries


def _schema(path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    finally:
        conn.close()


def make_v1_file(path) -> None:
    """A casebook as the first casekit with a casebook wrote it: two learners, three sessions."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    for statement in V1_DDL:
        conn.execute(statement)
    conn.execute("INSERT INTO schema_version VALUES (1, '2025-09-01T10:00:00+00:00')")
    conn.execute("INSERT INTO learners (name, created_at) VALUES ('김하늘', '2025-09-01T10:00:00+00:00')")
    conn.execute("INSERT INTO learners (name, created_at) VALUES ('Alex', '2025-09-02T10:00:00+00:00')")
    sessions = [
        (1, "s001", 11, "ko", "active"),
        (1, "s002", 12, "ko", "finished"),
        (2, "s001", 13, "en", "active"),
    ]
    for learner, scenario, seed, lang, status in sessions:
        conn.execute(
            "INSERT INTO sessions (learner_id, scenario_id, seed, lang, status, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, '2025-09-03T10:00:00+00:00', '2025-09-03T11:00:00+00:00')",
            (learner, scenario, seed, lang, status),
        )
    for seq in range(3):
        step = f'{{"kind":"wait","days":{seq}}}'
        conn.execute("INSERT INTO steps VALUES (1, ?, ?, '2025-09-03T10:30:00+00:00')", (seq, step))
    conn.close()


def test_fresh_file_records_every_version(book_path):
    with Casebook(book_path, clock=TickingClock()) as book:
        assert (book.schema_version, book.migrated_from) == (SCHEMA_VERSION, None)
        rows = book._conn.execute("SELECT version, applied_at FROM schema_version").fetchall()
    assert rows == [(1, "2026-03-02T09:00:00.000+00:00"), (2, "2026-03-02T09:00:00.000+00:00")]


def test_migration_from_version_1_keeps_everything(tmp_path):
    old, fresh = tmp_path / "old.sqlite3", tmp_path / "fresh.sqlite3"
    make_v1_file(old)
    with Casebook(old, clock=TickingClock()) as book:
        assert (book.schema_version, book.migrated_from) == (2, 1)
        assert book.get_learners() == [
            Learner("Alex", None, None, "2025-09-02T10:00:00+00:00"),
            Learner("김하늘", None, None, "2025-09-01T10:00:00+00:00"),
        ]
        summary = [
            (s.id, s.learner, s.scenario_id, s.seed, s.lang, s.status, s.policy, s.n_steps)
            for s in book.get_sessions()
        ]
        assert summary == [
            (1, "김하늘", "s001", 11, "ko", "active", "learner", 3),
            (2, "김하늘", "s002", 12, "ko", "finished", "learner", 0),
            (3, "Alex", "s001", 13, "en", "active", "learner", 0),
        ]
        resumed = book.latest_active_session("김하늘", "s001")
        assert resumed.step_dicts() == [{"kind": "wait", "days": d} for d in range(3)]
        assert (resumed.view_state, resumed.score, resumed.scenario_digest) == (None, None, None)
        assert resumed.entries == ()
        # The migrated file takes version-2 data at once.
        book.add_step(1, 3, {"kind": "act", "day": 4}, sample_entries(3), {"total": 12.5, "process": 10})
        assert book.get_session(1).score.total == 12.5
        assert book.integrity_check() == []
        versions = book._conn.execute("SELECT version, applied_at FROM schema_version").fetchall()
    assert versions == [(1, "2025-09-01T10:00:00+00:00"), (2, "2026-03-02T09:00:00.000+00:00")]
    Casebook(fresh).close()
    assert _schema(old) == _schema(fresh)  # migrated and fresh files have the same schema
    with Casebook(old) as again:
        assert again.migrated_from is None


def test_failed_migration_leaves_version_1(tmp_path):
    old = tmp_path / "old.sqlite3"
    make_v1_file(old)
    conn = sqlite3.connect(old, isolation_level=None)
    conn.execute("CREATE TABLE scores (note TEXT)")  # in the way of the version-2 table
    conn.close()
    before = _schema(old)
    with pytest.raises(StoreError, match=r"old\.sqlite3: checking the schema version: table scores already exists"):
        Casebook(old)
    assert _schema(old) == before  # the ALTER TABLEs that ran first were rolled back too
    conn = sqlite3.connect(old)
    assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone() == (1,)
    assert conn.execute("SELECT COUNT(*) FROM steps").fetchone() == (3,)
    conn.close()


def test_newer_file_is_refused(book_path):
    Casebook(book_path).close()
    conn = sqlite3.connect(book_path, isolation_level=None)
    conn.execute("INSERT INTO schema_version VALUES (3, '2027-01-01T00:00:00+00:00')")
    conn.close()
    with pytest.raises(StoreError) as info:
        Casebook(book_path)
    assert str(info.value) == (
        "casebook.sqlite3: 스키마 버전 3: 더 새로운 casekit이 만든 사례기록부입니다. "
        "casekit을 업데이트하세요 / schema version 3 is newer than this casekit understands (up to 2); update casekit"
    )


@pytest.mark.parametrize(
    "content",
    [b"", b"name,score\n\xea\xb9\x80,3\n", b"SQLite format 3\x00" + b"\xff" * 200, bytes(range(256)) * 40],
    ids=["empty", "csv", "bad-header", "binary"],
)
def test_files_that_are_not_casebooks(tmp_path, content):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(content)
    if not content:  # an empty file is an empty database: it becomes a casebook
        with Casebook(path) as book:
            assert book.schema_version == SCHEMA_VERSION
        return
    with pytest.raises(StoreError, match=r"^notes\.sqlite3: opening the casebook: 사례기록부 파일이 아니거나 손상되었습니다"):
        Casebook(path)
    assert path.read_bytes() == content  # never written to


def test_sqlite_file_of_someone_else_is_refused(tmp_path):
    path = tmp_path / "grades.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE grades (name TEXT, score INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"grades\.db: 사례기록부 파일이 아닙니다 / not a casebook"):
        Casebook(path)
    assert _schema(path) == [("table", "grades", "CREATE TABLE grades (name TEXT, score INTEGER)")]


def test_create_false_does_not_make_a_file(tmp_path):
    path = tmp_path / "nowhere" / "casebook.sqlite3"
    with pytest.raises(StoreError, match="사례기록부 파일이 없습니다 / no casebook here"):
        Casebook(path, create=False)
    assert not path.parent.exists()
