"""The casebook's schema history and its migrations.

Every version ever shipped is kept here as the statements that create it (version 1) or
move a file from the previous version (later ones). A new file is built by running them all
in order, so a fresh casebook and a migrated one have the same schema by construction; an
old file runs only the ones it lacks, all in one transaction, so a migration interrupted by a
crash leaves the file at its old version.

History
-------
1. Learners (name as entered), case sessions (scenario, seed, language, status) and the
   ordered steps of each session (the walkthrough's decisions, as opaque JSON).
2. What resuming and grading need: record entries per step (with ``kind``, ``day`` and a
   ``sensitive`` flag as columns, for privacy-aware exports), score snapshots per step, the
   learner's optional student number and class label, and per session the scenario digest,
   the policy that drove it and the view state the widget restores.
"""

from __future__ import annotations

import sqlite3

from ..domain.errors import StoreError

__all__ = ["SCHEMA_VERSION", "V1_DDL", "MIGRATIONS", "read_schema_version", "ensure_schema"]

#: Statements that create a version-1 casebook (kept so old files can be tested and migrated).
V1_DDL: tuple[str, ...] = (
    """CREATE TABLE schema_version (
        version    INTEGER PRIMARY KEY,
        applied_at TEXT NOT NULL
    )""",
    """CREATE TABLE learners (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        name       TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE sessions (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        learner_id  INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
        scenario_id TEXT NOT NULL,
        seed        INTEGER NOT NULL,
        lang        TEXT NOT NULL CHECK (lang IN ('ko', 'en')),
        status      TEXT NOT NULL CHECK (status IN ('active', 'finished', 'abandoned')),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    )""",
    "CREATE INDEX sessions_by_learner ON sessions (learner_id, scenario_id, status)",
    """CREATE TABLE steps (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL CHECK (seq >= 0),
        step       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (session_id, seq)
    ) WITHOUT ROWID""",
)

_V2: tuple[str, ...] = (
    "ALTER TABLE learners ADD COLUMN student_number TEXT",
    "ALTER TABLE learners ADD COLUMN class_label TEXT",
    "ALTER TABLE sessions ADD COLUMN scenario_digest TEXT",
    "ALTER TABLE sessions ADD COLUMN policy TEXT NOT NULL DEFAULT 'learner'",
    "ALTER TABLE sessions ADD COLUMN view_state TEXT",
    # An entry belongs to the step that produced it: deleting the step deletes its entries.
    """CREATE TABLE entries (
        session_id INTEGER NOT NULL,
        seq        INTEGER NOT NULL CHECK (seq >= 0),
        step_seq   INTEGER NOT NULL,
        kind       TEXT NOT NULL,
        day        INTEGER NOT NULL,
        sensitive  INTEGER NOT NULL CHECK (sensitive IN (0, 1)),
        entry      TEXT NOT NULL,
        PRIMARY KEY (session_id, seq),
        FOREIGN KEY (session_id, step_seq) REFERENCES steps (session_id, seq) ON DELETE CASCADE
    ) WITHOUT ROWID""",
    "CREATE INDEX entries_by_step ON entries (session_id, step_seq)",
    # One row per scored step: the latest is the current score, the rest its history.
    """CREATE TABLE scores (
        session_id INTEGER NOT NULL,
        step_seq   INTEGER NOT NULL,
        total      REAL NOT NULL,
        components TEXT NOT NULL,
        PRIMARY KEY (session_id, step_seq),
        FOREIGN KEY (session_id, step_seq) REFERENCES steps (session_id, seq) ON DELETE CASCADE
    ) WITHOUT ROWID""",
)

#: ``MIGRATIONS[v]`` turns an empty file (v = 1) or a version ``v - 1`` file into version ``v``.
MIGRATIONS: dict[int, tuple[str, ...]] = {1: V1_DDL, 2: _V2}

#: The version this casekit writes.
SCHEMA_VERSION = max(MIGRATIONS)


def read_schema_version(conn: sqlite3.Connection, name: str) -> int | None:
    """The file's schema version, or ``None`` for an empty database.

    Raises :class:`StoreError` for an SQLite database that is not a casebook.

    Examples
    --------
    >>> import sqlite3
    >>> conn = sqlite3.connect(":memory:", isolation_level=None)
    >>> read_schema_version(conn, "x.sqlite3") is None
    True
    >>> _ = conn.execute("CREATE TABLE grades (x)")
    >>> read_schema_version(conn, "x.sqlite3")
    Traceback (most recent call last):
    ...
    casekit.domain.errors.StoreError: x.sqlite3: 사례기록부 파일이 아닙니다 / not a casebook: an SQLite database without a schema_version table
    """
    tables = {
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not row[0].startswith("sqlite_")
    }
    if not tables:
        return None
    if "schema_version" not in tables:
        raise StoreError(
            f"{name}: 사례기록부 파일이 아닙니다 / not a casebook: an SQLite database without a schema_version table"
        )
    version = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
    if not isinstance(version, int) or version < 1:
        raise StoreError(f"{name}: schema_version: 스키마 버전이 없습니다 / no valid version recorded ({version!r})")
    return version


def ensure_schema(conn: sqlite3.Connection, name: str, now: str) -> tuple[int | None, int]:
    """Bring the file to :data:`SCHEMA_VERSION`; returns ``(version before, version after)``.

    Run inside one write transaction (the caller's): a crash part-way leaves the old version.
    A file from a newer casekit is refused rather than guessed at.

    Examples
    --------
    >>> import sqlite3
    >>> conn = sqlite3.connect(":memory:", isolation_level=None)
    >>> ensure_schema(conn, "x.sqlite3", "2026-03-02T09:00:00+00:00")
    (None, 2)
    >>> ensure_schema(conn, "x.sqlite3", "2026-03-02T09:00:00+00:00")
    (2, 2)
    """
    before = read_schema_version(conn, name)
    if before is not None and before > SCHEMA_VERSION:
        raise StoreError(
            f"{name}: 스키마 버전 {before}: 더 새로운 casekit이 만든 사례기록부입니다. casekit을 업데이트하세요 / "
            f"schema version {before} is newer than this casekit understands (up to {SCHEMA_VERSION}); update casekit"
        )
    for version in range((before or 0) + 1, SCHEMA_VERSION + 1):
        for statement in MIGRATIONS[version]:
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", (version, now))
    return before, SCHEMA_VERSION
