"""Steps, record entries and scores: checking them before a write, and reading them back.

The walkthrough's steps and view state are opaque to the casebook, but they must come back
exactly as they went in, or a resumed case would replay differently. So they are checked to
be plain JSON (text keys, finite numbers) before anything is written, and the message names
the field that is not.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from ..domain.errors import CasekitError, StoreError
from ..domain.records import RecordEntry, freeze
from .model import SavedStep, ScoreSnapshot

__all__ = [
    "to_json",
    "from_json",
    "entry_rows",
    "score_parts",
    "insert_step",
    "insert_entries",
    "insert_score",
    "load_steps",
    "load_scores",
]

#: A row of the ``entries`` table: session, seq, step, kind, day, sensitive, JSON.
EntryRow = tuple[int, int, int, str, int, int, str]


def _check_json(value: Any, path: str) -> str | None:
    """The first place in ``value`` that is not plain JSON, with what is wrong; else ``None``."""
    if value is None or isinstance(value, (str, bool, int)):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{path or 'value'}: {value} is not a finite number"
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                return f"{path or 'value'}: key {key!r} is not text (JSON keys are text)"
            problem = _check_json(item, f"{path}.{key}" if path else key)
            if problem:
                return problem
        return None
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            problem = _check_json(item, f"{path}[{i}]")
            if problem:
                return problem
        return None
    return f"{path or 'value'}: cannot store a {type(value).__name__}; use text, numbers, lists or dicts"


def to_json(value: Any, where: str) -> str:
    """``value`` as compact JSON text; :class:`StoreError` naming the field if it is not JSON.

    Examples
    --------
    >>> to_json({"kind": "wait", "days": 7}, "step 3")
    '{"kind":"wait","days":7}'
    >>> to_json({"kind": "act", "args": {"when": {1, 2}}}, "step 4")
    Traceback (most recent call last):
    ...
    casekit.domain.errors.StoreError: step 4: args.when: cannot store a set; use text, numbers, lists or dicts
    """
    problem = _check_json(value, "")
    if problem:
        raise StoreError(f"{where}: {problem}")
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def from_json(text: str, where: str) -> dict[str, Any]:
    """Parse a JSON object read from the file; :class:`StoreError` if the file was damaged.

    Everything the casebook stores as JSON (steps, entries, view states, score components)
    is an object, so anything else is damage too.
    """
    try:
        value = json.loads(text)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"{where}: damaged: not JSON ({exc})") from None
    if not isinstance(value, dict):
        raise StoreError(f"{where}: damaged: not a JSON object")
    return value


def entry_rows(
    session_id: int, step_seq: int, entries: Iterable[Mapping[str, Any] | RecordEntry], where: str
) -> list[EntryRow]:
    """Rows for the ``entries`` table: ``RecordEntry.to_dict()`` dicts (or entries) checked.

    An entry marked ``sensitive`` by its author stays marked even if its kind is not one of
    :data:`casekit.domain.records.SENSITIVE_KINDS`: the mark goes into its fields, so it
    survives the round trip.
    """
    rows = []
    for i, item in enumerate(entries):
        try:
            entry = item if isinstance(item, RecordEntry) else RecordEntry.from_dict(item)
        except (CasekitError, AttributeError) as exc:
            raise StoreError(f"{where}: entries[{i}]: not a record entry ({exc})") from None
        if isinstance(item, Mapping) and item.get("sensitive") and not entry.sensitive:
            entry = replace(entry, fields={**entry.fields, "sensitive": True})
        data = entry.to_dict()
        text = to_json(data, f"{where}: entries[{i}]")
        sensitive = int(entry.sensitive)
        rows.append((session_id, entry.seq, step_seq, entry.kind.value, entry.day, sensitive, text))
    return rows


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise StoreError(f"{where}: {value!r} is not a number")
    return float(value)


def score_parts(score: Mapping[str, Any], where: str) -> tuple[float, dict[str, float]]:
    """``(total, components)`` from ``{"total": t, "components": {...}}`` or the runner's flat form.

    Examples
    --------
    >>> score_parts({"total": 71.5, "process": 80, "crisis": 60}, "step 2: score")
    (71.5, {'process': 80.0, 'crisis': 60.0})
    >>> score_parts({"total": 71.5, "components": {"process": 80}}, "step 2: score")
    (71.5, {'process': 80.0})
    """
    if not isinstance(score, Mapping) or "total" not in score:
        raise StoreError(f"{where}: a score is a dict with a 'total' and its components")
    total = _number(score["total"], f"{where}.total")
    raw = score["components"] if isinstance(score.get("components"), Mapping) else score
    components = {
        str(k): _number(v, f"{where}.{k}") for k, v in raw.items() if k not in ("total", "components")
    }
    return total, components


def insert_step(conn: sqlite3.Connection, session_id: int, seq: int, step_json: str, now: str) -> None:
    """Write the step row (the first of :meth:`Casebook.add_step`'s three writes)."""
    conn.execute(
        "INSERT INTO steps (session_id, seq, step, created_at) VALUES (?, ?, ?, ?)",
        (session_id, seq, step_json, now),
    )


def insert_entries(conn: sqlite3.Connection, rows: list[EntryRow], where: str) -> None:
    """Write the step's record entries (the second write)."""
    for row in rows:
        try:
            conn.execute(
                "INSERT INTO entries (session_id, seq, step_seq, kind, day, sensitive, entry) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        except sqlite3.IntegrityError:
            raise StoreError(
                f"{where}: record entry {row[1]} is already saved in this session; entries are numbered once"
            ) from None


def insert_score(
    conn: sqlite3.Connection, session_id: int, seq: int, score: tuple[float, dict[str, float]] | None
) -> None:
    """Write the step's score snapshot, if any (the third write)."""
    if score is not None:
        conn.execute(
            "INSERT INTO scores (session_id, step_seq, total, components) VALUES (?, ?, ?, ?)",
            (session_id, seq, score[0], json.dumps(score[1], ensure_ascii=False)),
        )


def load_steps(conn: sqlite3.Connection, session_id: int, where: str) -> tuple[SavedStep, ...]:
    """Every step of a session in order, each with its record entries."""
    by_step: dict[int, list[RecordEntry]] = {}
    for step_seq, seq, text in conn.execute(
        "SELECT step_seq, seq, entry FROM entries WHERE session_id = ? ORDER BY seq", (session_id,)
    ):
        try:
            entry = RecordEntry.from_dict(from_json(text, f"{where}: entry {seq}"))
        except CasekitError as exc:
            raise StoreError(f"{where}: entry {seq}: cannot be read ({exc})") from None
        by_step.setdefault(step_seq, []).append(entry)
    return tuple(
        SavedStep(seq, freeze(from_json(text, f"{where}: step {seq}")), tuple(by_step.get(seq, ())), created)
        for seq, text, created in conn.execute(
            "SELECT seq, step, created_at FROM steps WHERE session_id = ? ORDER BY seq", (session_id,)
        )
    )


def load_scores(conn: sqlite3.Connection, session_id: int, where: str) -> tuple[ScoreSnapshot, ...]:
    """The session's score snapshots, oldest first (the last is the current score)."""
    return tuple(
        ScoreSnapshot(step_seq, total, from_json(components, f"{where}: score at step {step_seq}"))
        for step_seq, total, components in conn.execute(
            "SELECT step_seq, total, components FROM scores WHERE session_id = ? ORDER BY step_seq",
            (session_id,),
        )
    )
