"""Fixtures for the scenario tests: the minimal scenario and edited copies of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from casekit.scenarios import ScenarioError, loads_scenario

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "minimal.yaml"


@pytest.fixture(scope="session")
def minimal_path() -> Path:
    """The minimal valid scenario file."""
    return MINIMAL


@pytest.fixture(scope="session")
def minimal_text() -> str:
    """The text of the minimal valid scenario file."""
    return MINIMAL.read_text(encoding="utf-8")


@pytest.fixture
def edited(minimal_text: str) -> Callable[..., str]:
    """The minimal scenario with each ``(old, new)`` replacement made; ``old`` must occur once."""

    def edit(*edits: tuple[str, str]) -> str:
        text = minimal_text
        for old, new in edits:
            assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in minimal.yaml"
            text = text.replace(old, new)
        return text

    return edit


@pytest.fixture
def problems(edited: Callable[..., str]) -> Callable[..., list[str]]:
    """Every problem line of the edited minimal scenario (read as ``minimal.yaml``)."""

    def check(*edits: tuple[str, str]) -> list[str]:
        try:
            loads_scenario(edited(*edits), "minimal.yaml")
        except ScenarioError as exc:
            assert str(exc) == "\n".join(str(p) for p in exc.problems)
            return [str(p) for p in exc.problems]
        return []

    return check
