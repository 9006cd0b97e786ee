"""Fixtures for the Casebook tests: a casebook in tmp_path with a clock that ticks one second."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from casekit.domain import Stage
from casekit.domain.records import RecordEntry, RecordKind
from casekit.store import Casebook

T0 = datetime(2026, 3, 2, 9, 0, 0, tzinfo=timezone.utc)


class TickingClock:
    """Returns 2026-03-02 09:00:00 UTC, then one second later on every call."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> datetime:
        self.calls += 1
        return T0 + timedelta(seconds=self.calls - 1)


def stamp(seconds: int) -> str:
    """The text the casebook stores for T0 + ``seconds``."""
    return (T0 + timedelta(seconds=seconds)).isoformat(timespec="milliseconds")


def sample_entries(step: int) -> list[dict]:
    """Two record entries for a step: a process note and a crisis (a sensitive kind)."""
    note = RecordEntry(2 * step, Stage.INTAKE, step, "김하늘", RecordKind.NOTE, {"step": step}, f"메모 {step}")
    crisis = RecordEntry(2 * step + 1, Stage.INTAKE, step, "sim", RecordKind.CRISIS, {"type": "income_loss"})
    return [note.to_dict(), crisis.to_dict()]


@pytest.fixture
def book_path(tmp_path: Path) -> Path:
    return tmp_path / "home" / "casebook.sqlite3"


@pytest.fixture
def book(book_path: Path):
    with Casebook(book_path, clock=TickingClock()) as opened:
        yield opened
