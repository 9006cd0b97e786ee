"""Fixtures for domain tests; the helpers live in case_factory.py."""

from __future__ import annotations

import pytest

from casekit.domain import Case

from .case_factory import make_case


@pytest.fixture
def case() -> Case:
    return make_case()
