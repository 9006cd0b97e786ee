"""Fixtures for the drawing tests: small hand-built networks with known ties, and helpers to
find artists by id and to save figures while recording warnings."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from casekit.network.model import ResourceNetwork


def build_tiny() -> ResourceNetwork:
    """A client tied by every kind of line the ecomap draws, one attribute at a time."""
    net = ResourceNetwork()
    net.add_client("S1", name="김하늘", school_level="middle", grade=2)
    net.add_client("S2", name="박지우")
    net.add_case_manager("cm", name="이수진")
    net.add_resource("home", name="담임교사", setting="in_school", sector="school", domains=["educational"])
    net.add_resource(
        "wee", name="Wee센터", setting="out_of_school", sector="public", domains=["psychological"]
    )
    net.add_resource(
        "center", name="지역아동센터", setting="out_of_school", sector="private", domains=["educational"]
    )
    net.add_resource("mom", name="어머니", setting="informal", sector="informal", domains=["welfare"])
    net.add_resource("dad", name="아버지", setting="informal", sector="informal", domains=["welfare"])
    net.add_tie("S1", "home", "link", strength="strong")
    net.add_tie("S1", "wee", "link", strength="tenuous", flow="to_source")
    net.add_tie("S1", "center", "link", strength="moderate", flow="both")
    # Written from the mother's end: flow to_target must point at the client.
    net.add_tie("mom", "S1", "informal", strength="strong", flow="to_target")
    net.add_tie("S1", "dad", "informal", strength="moderate", stressful=True)
    net.add_tie("S1", "S2", "informal")
    net.add_tie("cm", "S1", "relationship", flow="to_target")
    net.add_tie("cm", "home", "coordination")
    net.add_tie("cm", "wee", "coordination")
    net.add_tie("center", "wee", "referral")
    return net


@pytest.fixture
def tiny() -> ResourceNetwork:
    return build_tiny()


def _by_gid(fig, prefix: str) -> list:
    return [a for a in fig.findobj() if (a.get_gid() or "").startswith(prefix)]


@pytest.fixture
def by_gid():
    """``by_gid(fig, prefix)``: every artist of ``fig`` whose gid starts with ``prefix``."""
    return _by_gid


@pytest.fixture
def glyph_warnings_on_save(tmp_path: Path):
    """``glyph_warnings_on_save(fig, name)``: save ``fig`` as PNG under ``tmp_path`` and return
    the messages of the missing-glyph warnings raised while drawing it (none expected)."""

    def save(fig, name: str = "figure.png") -> list[str]:
        path = tmp_path / name
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig.savefig(path, dpi=60)
        assert path.stat().st_size > 0
        return [
            str(w.message) for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)
        ]

    return save
