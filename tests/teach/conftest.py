"""Fixtures for the teaching tools: finished runs and their case files, made once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from casekit.scenarios import get_scenario
from casekit.sim import run_case
from casekit.store.casefile import write_case_file
from casekit.teach.casefile import case_file_from_result


def case_doc(scenario_id: str, policy: str, seed: int, learner: str, **extra) -> dict:
    """The sealed case file of one run."""
    s = get_scenario(scenario_id)
    return case_file_from_result(run_case(s, policy, seed), s, learner=learner, **extra)


def put(root: Path, rel: str, doc: dict) -> Path:
    """Write ``doc`` as a case file at ``root/rel`` (folders made as needed)."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_case_file(doc, path)


@pytest.fixture(scope="session")
def self_harm_expert() -> dict:
    return case_doc("self-harm-screening", "expert", 1, "전문가")
