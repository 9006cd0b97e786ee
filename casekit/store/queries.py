"""Reading learners and session headers, and counting what a removal will delete.

Plain functions over an open connection, called by :class:`casekit.store.Casebook` inside
its transactions.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ..domain.records import freeze
from .model import SavedSession, Learner, RemovedCounts, ScoreSnapshot, SessionInfo
from .steps import from_json, load_scores, load_steps

__all__ = [
    "learner_row",
    "select_learners",
    "select_sessions",
    "load_session",
    "count_session_rows",
    "find_problems",
]

_LEARNER = "SELECT name, student_number, class_label, created_at, id FROM learners"

# One row per session with its learner's name, its number of steps and its latest score.
_SESSION = """
SELECT s.id, l.name, s.scenario_id, s.scenario_digest, s.seed, s.lang, s.policy, s.status,
       s.created_at, s.updated_at, s.view_state,
       (SELECT COUNT(*) FROM steps t WHERE t.session_id = s.id),
       sc.step_seq, sc.total, sc.components
FROM sessions s
JOIN learners l ON l.id = s.learner_id
LEFT JOIN scores sc ON sc.session_id = s.id
    AND sc.step_seq = (SELECT MAX(step_seq) FROM scores m WHERE m.session_id = s.id)
"""


def learner_row(conn: sqlite3.Connection, name: str) -> tuple[Learner, int] | None:
    """The learner stored under the normalised ``name`` and its row id, or ``None``."""
    row = conn.execute(f"{_LEARNER} WHERE name = ?", (name,)).fetchone()
    return None if row is None else (Learner(*row[:4]), row[4])


def select_learners(conn: sqlite3.Connection) -> list[Learner]:
    """Every learner, by name."""
    return [Learner(*row[:4]) for row in conn.execute(f"{_LEARNER} ORDER BY name")]


def _session(row: tuple[Any, ...], where: str) -> SessionInfo:
    state = row[10]
    view_state = None if state is None else freeze(from_json(state, f"{where}: session {row[0]}: view state"))
    score = None
    if row[12] is not None:
        score = ScoreSnapshot(row[12], row[13], from_json(row[14], f"{where}: session {row[0]}: score"))
    return SessionInfo(*row[:10], view_state, row[11], score)


def select_sessions(
    conn: sqlite3.Connection, where: str, conditions: dict[str, Any], order: str = "s.id"
) -> list[SessionInfo]:
    """Session headers matching ``conditions`` (``{"l.name": ..., "s.status": ...}``; ``None`` = any).

    ``where`` names the casebook for messages; ``order`` is an SQL ORDER BY list.
    """
    used = {column: value for column, value in conditions.items() if value is not None}
    sql = _SESSION
    if used:
        sql += " WHERE " + " AND ".join(f"{column} = ?" for column in used)
    sql += f" ORDER BY {order}"
    return [_session(row, where) for row in conn.execute(sql, tuple(used.values()))]


def load_session(conn: sqlite3.Connection, info: SessionInfo, name: str) -> SavedSession:
    """The whole session for a header: its steps with their entries and its score history."""
    where = f"{name}: session {info.id}"
    steps = load_steps(conn, info.id, where)
    return SavedSession(**vars(info), steps=steps, score_history=load_scores(conn, info.id, where))


def count_session_rows(conn: sqlite3.Connection, condition: str, params: tuple[Any, ...]) -> RemovedCounts:
    """How many sessions match ``condition`` (SQL over ``sessions``), with their steps, entries, scores."""
    chosen = f"SELECT id FROM sessions WHERE {condition}"

    def count(table: str) -> int:
        sql = f"SELECT COUNT(*) FROM {table} WHERE session_id IN ({chosen})"
        return int(conn.execute(sql, params).fetchone()[0])

    sessions = int(conn.execute(f"SELECT COUNT(*) FROM sessions WHERE {condition}", params).fetchone()[0])
    return RemovedCounts(
        sessions=sessions, steps=count("steps"), entries=count("entries"), scores=count("scores")
    )


def find_problems(conn: sqlite3.Connection) -> list[str]:
    """SQLite's integrity and foreign-key checks, and sessions whose steps are not 0..n-1.

    A check that cannot even run on a damaged file reports that as its problem.
    """
    problems: list[str] = []

    def rows(sql: str) -> list[tuple[Any, ...]]:
        try:
            return conn.execute(sql).fetchall()
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            problems.append(f"damaged: {sql.split()[1] if sql.startswith('PRAGMA') else 'steps'}: {exc}")
            return []

    problems += [row[0] for row in rows("PRAGMA integrity_check") if row[0] != "ok"]
    problems += [
        f"{table} row {rowid}: refers to a missing {parent} row"
        for table, rowid, parent, _ in rows("PRAGMA foreign_key_check")
    ]
    problems += [
        f"session {sid}: steps are not numbered 0..{n - 1} ({n} steps, last {last})"
        for sid, n, last in rows(
            "SELECT session_id, COUNT(*), MAX(seq) FROM steps GROUP BY session_id "
            "HAVING MAX(seq) != COUNT(*) - 1"
        )
    ]
    return problems
