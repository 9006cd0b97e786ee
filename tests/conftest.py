"""Shared test configuration and fixtures for the casekit suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Plots in tests draw off-screen. Set here only, never globally: notebook kernels and apps
# inherit MPLBACKEND, and with Agg their plots would vanish.
os.environ.setdefault("MPLBACKEND", "Agg")

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The root of the casekit checkout (where pyproject.toml lives)."""
    return REPO_ROOT
