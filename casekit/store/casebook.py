"""The Casebook: every learner's case sessions, decisions, record entries and scores.

One SQLite file on the learner's machine (``$CASEKIT_HOME/casebook.sqlite3``; see
:mod:`casekit.store.connection` for the settings and why). The walkthrough saves each action
with :meth:`Casebook.add_step` (one transaction: the step, its record entries, its score) and
offers "continue where you left off" with :meth:`Casebook.latest_active_session`. Each public
method is one explicit transaction; every failure is a :class:`~casekit.domain.errors.StoreError`
naming the file.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

from ..domain.errors import StoreError
from ..domain.records import RecordEntry
from . import steps as _steps
from .connection import default_casebook_path, open_connection, store_errors, transaction
from .model import (
    STATUSES,
    SavedSession,
    Learner,
    RemovedCounts,
    SessionInfo,
    check_session_fields,
    normalize_name,
)
from .queries import (
    count_session_rows,
    find_problems,
    learner_row,
    load_session,
    select_learners,
    select_sessions,
)
from .schema import SCHEMA_VERSION, ensure_schema

__all__ = ["Casebook"]

_KEEP: Any = object()  # "leave the view state as it is" (None clears it)


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class Casebook:
    """The learner's casebook: an SQLite file of learners, sessions, steps, entries and scores.

    Parameters
    ----------
    path
        The file; default ``$CASEKIT_HOME/casebook.sqlite3`` or ``~/.casekit/casebook.sqlite3``.
        Its folder is created. An older casebook is migrated on opening, in one transaction.
    create
        If false, a missing file is a :class:`StoreError` instead of a new casebook.
    synchronous
        SQLite's ``synchronous`` setting: ``"FULL"`` (default: a committed action survives a
        power cut) or ``"NORMAL"`` (survives a killed process only).
    clock
        Returns the current time (for tests); default: the system clock in UTC.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = tempfile.TemporaryDirectory()
    >>> with Casebook(pathlib.Path(folder.name) / "casebook.sqlite3") as book:
    ...     sid = book.add_session("김하늘", "s001_attendance", seed=7)
    ...     book.add_step(sid, 0, {"kind": "wait", "days": 7}, score={"total": 50.0, "process": 50.0})
    ...     saved = book.latest_active_session("김하늘", "s001_attendance")
    >>> saved.step_dicts(), saved.score.total, saved.next_seq
    ([{'kind': 'wait', 'days': 7}], 50.0, 1)
    >>> folder.cleanup()
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        create: bool = True,
        synchronous: str = "FULL",
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.path = Path(path).expanduser() if path is not None else default_casebook_path()
        self.name = self.path.name
        self._clock = clock or _utc_now
        self._lock = threading.RLock()
        if not create and not self.path.is_file():
            raise StoreError(f"{self.path}: 사례기록부 파일이 없습니다 / no casebook here")
        with store_errors(self.name, "creating the casebook folder"):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = open_connection(self.path, synchronous)
        try:
            with transaction(conn, self.name, "checking the schema version", write=True):
                before, self.schema_version = ensure_schema(conn, self.name, self._now())
        except BaseException:
            conn.close()
            raise
        self._conn: sqlite3.Connection | None = conn
        #: The version the file was migrated from when it was opened, else ``None``.
        self.migrated_from = before if before is not None and before != self.schema_version else None

    def _now(self) -> str:
        return self._clock().astimezone(timezone.utc).isoformat(timespec="milliseconds")

    def _open(self, doing: str) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"{self.name}: {doing}: 사례기록부가 닫혀 있습니다 / the casebook is closed")
        return self._conn

    @contextmanager
    def _tx(self, doing: str, *, write: bool) -> Iterator[sqlite3.Connection]:
        """Hold the lock and run one transaction; yields the connection."""
        with self._lock:
            conn = self._open(doing)
            with transaction(conn, self.name, doing, write=write):
                yield conn

    def _no_learner(self, key: str) -> StoreError:
        return StoreError(f"{self.name}: '{key}' 학습자의 기록이 없습니다 / no learner named '{key}'")

    def _learner_id(self, conn: Any, key: str) -> int:
        found = learner_row(conn, key)
        if found is None:
            raise self._no_learner(key)
        return found[1]

    @staticmethod
    def _state(view_state: Any, where: str) -> Any:
        """``_KEEP``, ``None`` (clear) or the view state as checked JSON text."""
        if view_state is _KEEP or view_state is None:
            return view_state
        return _steps.to_json(view_state, f"{where}: view_state")

    def _require_session(self, conn: Any, session_id: int) -> None:
        if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
            raise StoreError(f"{self.name}: session {session_id}: 세션이 없습니다 / no such session")

    def _check_status(self, status: str) -> None:
        if status not in STATUSES:
            raise StoreError(f"{self.name}: status must be one of {', '.join(STATUSES)}, got {status!r}")

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has been called."""
        return self._conn is None

    def close(self) -> None:
        """Close the connection (committed work is already on disk). Safe to call twice."""
        with self._lock:
            if self._conn is not None:
                with store_errors(self.name, "closing"):
                    self._conn.close()
                self._conn = None

    def __enter__(self) -> Casebook:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else f"schema {self.schema_version}"
        return f"Casebook({str(self.path)!r}, {state})"

    def update_or_create_learner(
        self, name: str, *, student_number: str | None = None, class_label: str | None = None
    ) -> Learner:
        """The learner called ``name`` (compared after NFC and strip), created if new.

        A given ``student_number`` or ``class_label`` replaces the stored one; ``None`` keeps it.
        """
        key = normalize_name(name)
        number = normalize_name(student_number, "student number") if student_number else None
        label = normalize_name(class_label, "class label") if class_label else None
        with self._tx(f"saving learner '{key}'", write=True) as conn:
            conn.execute(
                "INSERT INTO learners (name, student_number, class_label, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET "
                "student_number = COALESCE(excluded.student_number, student_number), "
                "class_label = COALESCE(excluded.class_label, class_label)",
                (key, number, label, self._now()),
            )
            found = learner_row(conn, key)
        assert found is not None  # just written in the same transaction
        return found[0]

    def get_learner(self, name: str) -> Learner:
        """The learner called ``name``; :class:`StoreError` if there is none."""
        key = normalize_name(name)
        with self._tx(f"reading learner '{key}'", write=False) as conn:
            found = learner_row(conn, key)
        if found is None:
            raise self._no_learner(key)
        return found[0]

    def get_learners(self) -> list[Learner]:
        """Every learner in the casebook, by name."""
        with self._tx("listing learners", write=False) as conn:
            return select_learners(conn)

    def remove_learner(self, name: str) -> RemovedCounts:
        """Delete a learner and everything of theirs; returns how many rows went.

        Deleted rows are zeroed (``secure_delete``) and the write-ahead log is then emptied when
        no other notebook is reading, so the learner's words do not linger in the file.
        """
        key = normalize_name(name)
        with self._tx(f"removing learner '{key}'", write=True) as conn:
            learner_id = self._learner_id(conn, key)
            counts = count_session_rows(conn, "learner_id = ?", (learner_id,))
            conn.execute("DELETE FROM learners WHERE id = ?", (learner_id,))
        self.checkpoint()
        return dataclasses.replace(counts, learners=1)

    def add_session(
        self,
        learner: str,
        scenario_id: str,
        *,
        seed: int,
        lang: str = "ko",
        policy: str = "learner",
        scenario_digest: str | None = None,
        view_state: Mapping[str, Any] | None = None,
    ) -> int:
        """Start a case session (status ``active``) and return its id; the learner is created if new.

        ``policy`` is ``"learner"`` for a walkthrough driven by a student, else the built-in
        policy's name. Ids are never reused, even after a session is removed.
        """
        key = normalize_name(learner)
        check_session_fields(self.name, scenario_id, seed, lang, policy, scenario_digest)
        state = self._state(view_state, self.name)
        with self._tx(f"starting a session of '{key}'", write=True) as conn:
            now = self._now()
            conn.execute("INSERT OR IGNORE INTO learners (name, created_at) VALUES (?, ?)", (key, now))
            learner_id = self._learner_id(conn, key)
            cursor = conn.execute(
                "INSERT INTO sessions (learner_id, scenario_id, scenario_digest, seed, lang, policy, "
                "view_state, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)",
                (learner_id, scenario_id, scenario_digest, seed, lang, policy, state, now, now),
            )
            return int(cursor.lastrowid or 0)

    def get_session(self, session_id: int) -> SavedSession:
        """The whole session: header, steps with their entries, current score and its history."""
        with self._tx(f"reading session {session_id}", write=False) as conn:
            found = select_sessions(conn, self.name, {"s.id": session_id})
            if not found:
                raise StoreError(f"{self.name}: session {session_id}: 세션이 없습니다 / no such session")
            return load_session(conn, found[0], self.name)

    def get_sessions(
        self, learner: str | None = None, scenario_id: str | None = None, status: str | None = None
    ) -> list[SessionInfo]:
        """Session headers (no steps), oldest first, optionally only one learner's, scenario's, status's."""
        key = None if learner is None else normalize_name(learner)
        if status is not None:
            self._check_status(status)
        with self._tx("listing sessions", write=False) as conn:
            conditions = {"l.name": key, "s.scenario_id": scenario_id, "s.status": status}
            return select_sessions(conn, self.name, conditions)

    def latest_active_session(self, learner: str, scenario_id: str) -> SavedSession | None:
        """The learner's most recently saved active session of a scenario, to continue; else ``None``."""
        key = normalize_name(learner)
        with self._tx("looking for a session to continue", write=False) as conn:
            found = select_sessions(
                conn,
                self.name,
                {"l.name": key, "s.scenario_id": scenario_id, "s.status": "active"},
                order="s.updated_at DESC, s.id DESC",
            )
            return load_session(conn, found[0], self.name) if found else None

    def update_session(
        self, session_id: int, *, status: str | None = None, view_state: Mapping[str, Any] | None = _KEEP
    ) -> SessionInfo:
        """Change a session's status and/or view state (``view_state=None`` clears it)."""
        if status is not None:
            self._check_status(status)
        where = f"{self.name}: session {session_id}"
        state = self._state(view_state, where)
        with self._tx(f"updating session {session_id}", write=True) as conn:
            self._require_session(conn, session_id)
            conn.execute(
                "UPDATE sessions SET status = COALESCE(?, status), updated_at = ? WHERE id = ?",
                (status, self._now(), session_id),
            )
            if state is not _KEEP:
                conn.execute("UPDATE sessions SET view_state = ? WHERE id = ?", (state, session_id))
            return select_sessions(conn, self.name, {"s.id": session_id})[0]

    def remove_session(self, session_id: int) -> RemovedCounts:
        """Delete one session with its steps, entries and scores; returns how many rows went."""
        with self._tx(f"removing session {session_id}", write=True) as conn:
            self._require_session(conn, session_id)
            counts = count_session_rows(conn, "id = ?", (session_id,))
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        return counts

    def add_step(
        self,
        session_id: int,
        seq: int,
        step: Mapping[str, Any],
        entries: Iterable[Mapping[str, Any] | RecordEntry] = (),
        score: Mapping[str, Any] | None = None,
        *,
        view_state: Mapping[str, Any] | None = _KEEP,
    ) -> None:
        """Save one step of the decision log with its record entries and score, atomically.

        ``seq`` must be the session's next step (0, 1, 2, ...): if another notebook has written
        that step already, this raises :class:`StoreError` instead of interleaving. ``entries``
        are ``RecordEntry.to_dict()`` dicts (or entries); ``score`` is ``{"total": t, ...}``.
        ``view_state``, if given, is saved in the same transaction.
        """
        where = f"{self.name}: session {session_id}, step {seq}"
        if isinstance(seq, bool) or not isinstance(seq, int) or seq < 0:
            raise StoreError(f"{where}: seq must be a whole number >= 0")
        if not isinstance(step, Mapping):
            raise StoreError(f"{where}: a step is a dict, got {type(step).__name__}")
        # Everything is checked before the transaction, so the write lock is held briefly.
        step_json = _steps.to_json(step, where)
        rows = _steps.entry_rows(session_id, seq, entries, where)
        snapshot = None if score is None else _steps.score_parts(score, f"{where}: score")
        state = self._state(view_state, where)
        with self._tx(f"saving step {seq} of session {session_id}", write=True) as conn:
            self._require_session(conn, session_id)
            expected = conn.execute(
                "SELECT COALESCE(MAX(seq) + 1, 0) FROM steps WHERE session_id = ?", (session_id,)
            ).fetchone()[0]
            if seq != expected:
                raise StoreError(
                    f"{where}: 다음 단계 번호는 {expected}입니다. 다른 노트북이 같은 세션을 저장하고 있을 수 "
                    f"있습니다 / the next step is {expected}; another notebook may be saving this session too"
                )
            now = self._now()
            _steps.insert_step(conn, session_id, seq, step_json, now)
            _steps.insert_entries(conn, rows, where)
            _steps.insert_score(conn, session_id, seq, snapshot)
            conn.execute("UPDATE sessions SET updated_at = ? WHERE id = ?", (now, session_id))
            if state is not _KEEP:
                conn.execute("UPDATE sessions SET view_state = ? WHERE id = ?", (state, session_id))

    def integrity_check(self) -> list[str]:
        """Problems found in the file (empty list: sound).

        Runs SQLite's ``integrity_check`` and ``foreign_key_check``, and checks that every
        session's steps are numbered 0..n-1 without gaps. Each check is its own read (no
        enclosing transaction), so on a damaged file a check that fails is reported as a
        problem instead of aborting the others.
        """
        with self._lock, store_errors(self.name, "checking integrity"):
            return [f"{self.name}: {problem}" for problem in find_problems(self._open("checking integrity"))]

    def checkpoint(self) -> bool:
        """Copy the write-ahead log into the file and empty it; ``False`` if a reader kept it busy."""
        with self._lock, store_errors(self.name, "emptying the write-ahead log"):
            conn = self._open("emptying the write-ahead log")
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        return busy == 0

    def export_learner(self, name: str) -> dict[str, Any]:
        """All of one learner's data as a plain dict (what the casebook holds about them).

        Contains no machine paths: not the casebook's location, nothing but what was saved.
        """
        key = normalize_name(name)
        with self._tx(f"exporting learner '{key}'", write=False) as conn:
            learner = learner_row(conn, key)
            if learner is None:
                raise self._no_learner(key)
            sessions = [
                load_session(conn, info, self.name).to_dict()
                for info in select_sessions(conn, self.name, {"l.name": key})
            ]
        return {
            "format": "casekit.casebook.learner",
            "schema_version": SCHEMA_VERSION,
            "learner": learner[0].to_dict(),
            "sessions": sessions,
        }
