"""Round trips of every Casebook method, with exact answers (a clock that ticks one second)."""

from __future__ import annotations

import json
import sqlite3
import unicodedata

import pytest

from casekit.domain import Stage, StoreError
from casekit.domain.records import RecordEntry, RecordKind
from casekit.store import Casebook, SavedSession, Learner, RemovedCounts, ScoreSnapshot, default_casebook_path
from casekit.store import connection as connection_module

from .conftest import TickingClock, sample_entries, stamp

STEP0 = {
    "kind": "act",
    "day": 0,
    "action": {"verb": "ask", "args": {"question": "household", "tags": ["a", "b"]}},
}
STEP1 = {"kind": "wait", "days": 7}


def test_default_path_follows_casekit_home(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEKIT_HOME", str(tmp_path / "ck"))
    assert default_casebook_path() == tmp_path / "ck" / "casebook.sqlite3"
    with Casebook(clock=TickingClock()) as book:
        assert book.path == tmp_path / "ck" / "casebook.sqlite3"
    assert (tmp_path / "ck" / "casebook.sqlite3").is_file()
    monkeypatch.delenv("CASEKIT_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "h"))
    assert default_casebook_path() == tmp_path / "h" / ".casekit" / "casebook.sqlite3"


def test_connection_settings(book):
    conn = book._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1


def test_learners_round_trip_and_nfc_matching(book):
    created = book.update_or_create_learner("  김하늘 ")
    assert created == Learner("김하늘", None, None, stamp(1))
    nfd = unicodedata.normalize("NFD", "김하늘")
    assert nfd != "김하늘"
    updated = book.update_or_create_learner(nfd, student_number="30117", class_label="3-1")
    assert updated == Learner("김하늘", "30117", "3-1", stamp(1))
    # None keeps what is stored; a new value replaces it.
    assert book.update_or_create_learner("김하늘", class_label="3-2") == Learner("김하늘", "30117", "3-2", stamp(1))
    assert book.get_learner(nfd + "\n") == Learner("김하늘", "30117", "3-2", stamp(1))
    book.update_or_create_learner("Alex")
    assert [x.name for x in book.get_learners()] == ["Alex", "김하늘"]
    with pytest.raises(StoreError, match=r"casebook\.sqlite3: '박' 학습자의 기록이 없습니다 / no learner named '박'"):
        book.get_learner("박")


@pytest.mark.parametrize("bad", ["", "   ", "030101-4123456", "학생 0301014123456"])
def test_learner_names_that_are_refused(book, bad):
    with pytest.raises(StoreError, match="learner name"):
        book.update_or_create_learner(bad)
    assert book.get_learners() == []


def test_resident_number_as_student_number_is_refused(book):
    with pytest.raises(StoreError, match="student number: 주민등록번호"):
        book.update_or_create_learner("김하늘", student_number="030101-3123456")


def test_session_round_trip(book):
    sid = book.add_session(
        "김하늘", "s001_attendance", seed=42, lang="en", policy="learner", scenario_digest="sha256:ab",
        view_state={"panel": "intake", "tab": 2},
    )
    assert sid == 1
    saved = book.get_session(sid)
    assert saved == SavedSession(
        1, "김하늘", "s001_attendance", "sha256:ab", 42, "en", "learner", "active", stamp(1), stamp(1),
        {"panel": "intake", "tab": 2}, 0, None, steps=(), score_history=(),
    )
    assert book.get_learner("김하늘").created_at == stamp(1)  # created with the session


def test_steps_entries_and_scores_round_trip(book):
    sid = book.add_session("김하늘", "s001", seed=1)
    book.add_step(sid, 0, STEP0, sample_entries(0), {"total": 40.0, "process": 50, "crisis": 30})
    book.add_step(sid, 1, STEP1)
    book.add_step(
        sid,
        2,
        {"kind": "act", "day": 9},
        sample_entries(2)[:1],
        {"total": 55.5, "components": {"process": 61}},
        view_state={"panel": "assessment"},
    )
    saved = book.get_session(sid)
    assert saved.step_dicts() == [STEP0, STEP1, {"kind": "act", "day": 9}]
    assert [s.seq for s in saved.steps] == [0, 1, 2]
    assert [s.created_at for s in saved.steps] == [stamp(2), stamp(3), stamp(4)]
    assert [len(s.entries) for s in saved.steps] == [2, 0, 1]
    assert [e.to_dict() for e in saved.entries] == sample_entries(0) + sample_entries(2)[:1]
    crisis = RecordEntry(1, Stage.INTAKE, 0, "sim", RecordKind.CRISIS, {"type": "income_loss"})
    assert saved.entries[1] == crisis
    assert saved.score == ScoreSnapshot(2, 55.5, {"process": 61.0})
    assert saved.score_history == (
        ScoreSnapshot(0, 40.0, {"process": 50.0, "crisis": 30.0}),
        ScoreSnapshot(2, 55.5, {"process": 61.0}),
    )
    assert saved.n_steps == saved.next_seq == 3
    assert saved.updated_at == stamp(4)
    assert dict(saved.view_state) == {"panel": "assessment"}
    sql = "SELECT seq, step_seq, kind, day, sensitive FROM entries ORDER BY seq"
    rows = book._conn.execute(sql).fetchall()
    assert rows == [(0, 0, "note", 0, 0), (1, 0, "crisis", 0, 1), (4, 2, "note", 2, 0)]


def test_author_marked_sensitive_entry_stays_sensitive(book):
    sid = book.add_session("김하늘", "s001", seed=1)
    entry = RecordEntry(0, Stage.ASSESSMENT, 3, "김하늘", RecordKind.NOTE, {"topic": "health"}).to_dict()
    entry["sensitive"] = True
    book.add_step(sid, 0, STEP1, [entry])
    (saved,) = book.get_session(sid).entries
    assert saved.sensitive and saved.fields["sensitive"] is True
    assert book._conn.execute("SELECT sensitive FROM entries").fetchone() == (1,)


def test_step_out_of_order_is_refused_and_nothing_is_written(book):
    sid = book.add_session("김하늘", "s001", seed=1)
    with pytest.raises(StoreError, match=r"session 1, step 1: 다음 단계 번호는 0입니다.* the next step is 0"):
        book.add_step(sid, 1, STEP1)
    book.add_step(sid, 0, STEP0)
    with pytest.raises(StoreError, match="the next step is 1"):
        book.add_step(sid, 0, STEP0)
    with pytest.raises(StoreError, match="session 99: 세션이 없습니다 / no such session"):
        book.add_step(99, 0, STEP0)
    assert book.get_session(sid).step_dicts() == [STEP0]


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ({"kind": "act", "args": {"when": {1, 2}}}, r"step 0: args\.when: cannot store a set"),
        ({"kind": "act", "args": [1, float("nan")]}, r"step 0: args\[1\]: nan is not a finite number"),
        ({"kind": "act", 3: "x"}, r"step 0: value: key 3 is not text"),
        (["not", "a", "dict"], r"step 0: a step is a dict, got list"),
    ],
)
def test_steps_that_are_not_plain_json_are_refused(book, step, message):
    sid = book.add_session("김하늘", "s001", seed=1)
    with pytest.raises(StoreError, match=message):
        book.add_step(sid, 0, step)
    assert book.get_session(sid).n_steps == 0


def test_a_bad_entry_or_score_writes_nothing_of_the_step(book):
    sid = book.add_session("김하늘", "s001", seed=1)
    with pytest.raises(StoreError, match=r"entries\[1\]: not a record entry"):
        book.add_step(sid, 0, STEP0, [sample_entries(0)[0], {"seq": 1, "kind": "gossip"}])
    with pytest.raises(StoreError, match=r"score\.process: 'high' is not a number"):
        book.add_step(sid, 0, STEP0, sample_entries(0), {"total": 1, "process": "high"})
    book.add_step(sid, 0, STEP0, sample_entries(0))
    # Entry numbers are the case record's: a second entry 1 is a bug, caught inside the transaction.
    with pytest.raises(StoreError, match="record entry 1 is already saved"):
        book.add_step(sid, 1, STEP1, sample_entries(0)[1:])
    saved = book.get_session(sid)
    assert saved.n_steps == 1 and len(saved.entries) == 2 and saved.score is None


def test_get_sessions_filters_and_latest_active(book):
    a1 = book.add_session("김하늘", "s001", seed=1)
    a2 = book.add_session("김하늘", "s002", seed=2)
    a3 = book.add_session("김하늘", "s001", seed=3)
    b1 = book.add_session("Alex", "s001", seed=4, policy="expert")
    assert [s.id for s in book.get_sessions()] == [a1, a2, a3, b1]
    assert [s.id for s in book.get_sessions(learner="김하늘", scenario_id="s001")] == [a1, a3]
    assert [s.id for s in book.get_sessions(learner="nobody")] == []
    book.add_step(a1, 0, STEP0)  # a1 is now the most recently saved
    assert book.latest_active_session("김하늘", "s001").id == a1
    book.update_session(a1, status="abandoned")
    assert book.latest_active_session("김하늘", "s001").id == a3
    book.update_session(a3, status="finished")
    assert book.latest_active_session("김하늘", "s001") is None
    assert [s.id for s in book.get_sessions(status="active")] == [a2, b1]
    assert book.get_sessions(learner="Alex")[0].policy == "expert"
    with pytest.raises(StoreError, match="status must be one of active, finished, abandoned"):
        book.get_sessions(status="done")


def test_update_session(book):
    sid = book.add_session("김하늘", "s001", seed=1, view_state={"panel": "intake"})
    info = book.update_session(sid, view_state={"panel": "planning", "goal": 2})
    assert (info.status, info.updated_at) == ("active", stamp(2))
    assert dict(info.view_state) == {"panel": "planning", "goal": 2}
    info = book.update_session(sid, status="finished")
    assert (info.status, dict(info.view_state)) == ("finished", {"panel": "planning", "goal": 2})
    assert book.update_session(sid, view_state=None).view_state is None
    with pytest.raises(StoreError, match="session 5: 세션이 없습니다"):
        book.update_session(5, status="finished")
    with pytest.raises(StoreError, match="status must be one of"):
        book.update_session(sid, status="closed")


def test_add_session_checks_its_arguments(book):
    for kwargs, message in [
        ({"seed": "7"}, "seed: must be a whole number"),
        ({"seed": 2**64}, "seed: must be a whole number"),
        ({"seed": 1, "lang": "fr"}, "lang: must be 'ko' or 'en'"),
        ({"seed": 1, "policy": ""}, "policy: must be 'learner' or a policy name"),
        ({"seed": 1, "view_state": {"x": object()}}, "view_state: x: cannot store a object"),
    ]:
        with pytest.raises(StoreError, match=message):
            book.add_session("김하늘", "s001", **kwargs)
    with pytest.raises(StoreError, match="scenario_id"):
        book.add_session("김하늘", " ", seed=1)
    assert book.get_sessions() == [] and book.get_learners() == []


def _populate(book):
    keep = book.add_session("Alex", "s001", seed=9)
    book.add_step(keep, 0, STEP0, sample_entries(0), {"total": 1})
    gone = []
    for seed in (1, 2):
        sid = book.add_session("김하늘", "s001", seed=seed)
        for seq in range(3):
            book.add_step(sid, seq, STEP1, sample_entries(seq), {"total": seq} if seq else None)
        gone.append(sid)
    return keep, gone


def test_remove_session_and_learner_counts(book):
    keep, (g1, g2) = _populate(book)
    assert book.remove_session(g1) == RemovedCounts(sessions=1, steps=3, entries=6, scores=2)
    with pytest.raises(StoreError, match="no such session"):
        book.remove_session(g1)
    assert book.remove_learner(unicodedata.normalize("NFD", "김하늘")) == RemovedCounts(1, 1, 3, 6, 2)
    with pytest.raises(StoreError, match="no learner named '김하늘'"):
        book.remove_learner("김하늘")
    # Alex's rows are untouched.
    assert [s.id for s in book.get_sessions()] == [keep]
    assert book.get_session(keep).step_dicts() == [STEP0] and len(book.get_session(keep).entries) == 2
    tables = ("steps", "entries", "scores")
    counts = [book._conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables]
    assert counts == [1, 2, 1]
    assert book.integrity_check() == []
    # Ids are never reused: a widget holding an old id cannot write into someone else's session.
    assert book.add_session("김하늘", "s001", seed=3) == g2 + 1


def test_forgotten_words_do_not_stay_in_the_file(book, book_path):
    sid = book.add_session("비밀학생", "s001", seed=1)
    book.add_step(sid, 0, {"kind": "note", "text": "가정폭력-표지-XYZZY"}, sample_entries(0))
    book.add_session("Alex", "s001", seed=2)
    book.remove_learner("비밀학생")
    files = [p for p in book_path.parent.iterdir() if p.name.startswith("casebook.sqlite3")]
    raw = b"".join(p.read_bytes() for p in files)
    assert "XYZZY".encode() not in raw and "비밀학생".encode() not in raw
    assert b"Alex" in raw


def test_integrity_check_finds_gaps_and_orphans(book, book_path):
    sid = book.add_session("김하늘", "s001", seed=1)
    for seq in range(3):
        book.add_step(sid, seq, STEP1, sample_entries(seq))
    assert book.integrity_check() == []
    raw = sqlite3.connect(book_path, isolation_level=None)  # foreign keys off: a careless tool
    raw.execute("DELETE FROM steps WHERE seq = 1")
    raw.close()
    assert book.integrity_check() == [
        "casebook.sqlite3: entries row None: refers to a missing steps row",
        "casebook.sqlite3: entries row None: refers to a missing steps row",
        "casebook.sqlite3: session 1: steps are not numbered 0..1 (2 steps, last 2)",
    ]


def test_export_learner(book, book_path):
    sid = book.add_session("김하늘", "s001", seed=5, view_state={"panel": "intake"})
    book.add_step(sid, 0, STEP0, sample_entries(0), {"total": 30, "process": 30})
    book.update_or_create_learner("김하늘", class_label="3-1")
    book.add_session("Alex", "s001", seed=6)
    data = book.export_learner("김하늘")
    assert data == {
        "format": "casekit.casebook.learner",
        "schema_version": 2,
        "learner": {"name": "김하늘", "student_number": None, "class_label": "3-1", "created_at": stamp(1)},
        "sessions": [
            {
                "id": sid, "learner": "김하늘", "scenario_id": "s001", "scenario_digest": None, "seed": 5,
                "lang": "ko", "policy": "learner", "status": "active", "created_at": stamp(1),
                "updated_at": stamp(2), "view_state": {"panel": "intake"}, "n_steps": 1,
                "score": {"step_seq": 0, "total": 30.0, "components": {"process": 30.0}},
                "steps": [{"seq": 0, "step": STEP0, "entries": sample_entries(0), "created_at": stamp(2)}],
                "score_history": [{"step_seq": 0, "total": 30.0, "components": {"process": 30.0}}],
            }
        ],
    }
    text = json.dumps(data, ensure_ascii=False)
    assert str(book_path.parent) not in text and "casebook.sqlite3" not in text


def test_context_manager_closes(book_path):
    with Casebook(book_path) as book:
        book.update_or_create_learner("김하늘")
    assert book.closed
    with pytest.raises(StoreError, match=r"casebook\.sqlite3: listing learners: 사례기록부가 닫혀 있습니다"):
        book.get_learners()
    book.close()  # twice is fine
    # An exception inside the block closes it too, and is not swallowed.
    with pytest.raises(KeyError), Casebook(book_path) as other:
        raise KeyError("x")
    assert other.closed
    with Casebook(book_path) as again:
        assert [x.name for x in again.get_learners()] == ["김하늘"]


def test_busy_casebook_is_a_store_error(book_path, monkeypatch):
    monkeypatch.setattr(connection_module, "BUSY_TIMEOUT_S", 0.05)
    with Casebook(book_path) as book:
        sid = book.add_session("김하늘", "s001", seed=1)
        holder = sqlite3.connect(book_path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreError, match=r"saving step 0 of session 1: 다른 노트북이.* another notebook"):
                book.add_step(sid, 0, STEP0)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        book.add_step(sid, 0, STEP0)
        assert book.get_session(sid).n_steps == 1


def test_second_casebook_on_the_same_session_gets_a_clash(book_path):
    with Casebook(book_path) as first, Casebook(book_path) as second:
        sid = first.add_session("김하늘", "s001", seed=1)
        first.add_step(sid, 0, STEP0)
        with pytest.raises(StoreError, match="the next step is 1"):
            second.add_step(sid, 0, STEP1)
        second.add_step(sid, 1, STEP1)
        assert first.get_session(sid).step_dicts() == [STEP0, STEP1]


class _CommitFailsOnce:
    """A connection whose next COMMIT fails, as on a full disk."""

    def __init__(self, conn):
        self.conn, self.failed = conn, False

    def execute(self, sql, *args):
        if sql == "COMMIT" and not self.failed:
            self.failed = True
            raise sqlite3.OperationalError("database or disk is full")
        return self.conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self.conn, name)


def test_a_failed_commit_rolls_back_and_the_next_action_works(book):
    sid = book.add_session("김하늘", "s001", seed=1)
    real = book._conn
    book._conn = _CommitFailsOnce(real)
    try:
        with pytest.raises(StoreError, match="saving step 0 of session 1: database or disk is full"):
            book.add_step(sid, 0, STEP0, sample_entries(0))
        assert not real.in_transaction
        book.add_step(sid, 0, STEP0, sample_entries(0))
    finally:
        book._conn = real
    assert book.get_session(sid).step_dicts() == [STEP0]
