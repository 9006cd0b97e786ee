"""A damaged casebook file gives StoreError, never a raw sqlite3 (or other) exception."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.domain import StoreError
from casekit.store import Casebook

from ..mutations import truncate
from .conftest import sample_entries


def overwrite(data: bytes, i: int, junk: bytes) -> bytes:
    """Bytes at a position replaced, the size kept: damage inside one page."""
    k = i % len(data)
    return data[:k] + junk[: len(data) - k] + data[k + len(junk) :]


_TEMPLATE: list[bytes] = []  # built once per run


def _template(folder: Path) -> bytes:
    """A small casebook, fully checkpointed into the main file."""
    path = folder / "template.sqlite3"
    with Casebook(path) as book:
        for name in ("김하늘", "Alex"):
            sid = book.add_session(name, "s001", seed=1, view_state={"panel": "intake"})
            for seq in range(4):
                book.add_step(sid, seq, {"kind": "wait", "days": seq}, sample_entries(seq), {"total": seq})
        assert book.checkpoint()
    return path.read_bytes()


def _use_everything(path: Path) -> None:
    with Casebook(path) as book:
        book.integrity_check()
        for learner in book.get_learners():
            book.export_learner(learner.name)
        for info in book.get_sessions():
            book.get_session(info.id)
        sid = book.add_session("새 학생", "s002", seed=2)
        book.add_step(sid, 0, {"kind": "wait", "days": 1}, sample_entries(50))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    mutation=st.sampled_from([overwrite, truncate]),
    i=st.integers(min_value=0, max_value=2**20),
    junk=st.binary(min_size=1, max_size=64),
)
def test_damaged_file_gives_store_error_only(tmp_path_factory, mutation, i, junk):
    if not _TEMPLATE:
        _TEMPLATE.append(_template(tmp_path_factory.mktemp("template")))
    folder = tmp_path_factory.mktemp("damaged")
    path = folder / "casebook.sqlite3"
    path.write_bytes(mutation(_TEMPLATE[0], i, junk))
    try:
        _use_everything(path)
    except StoreError:
        pass  # the only acceptable failure
    finally:
        shutil.rmtree(folder)


def test_integrity_check_reports_a_damaged_page(tmp_path):
    data = bytearray(_template(tmp_path))
    page = 4096
    assert len(data) % page == 0 and len(data) // page > 3
    data[-page:] = bytes(page)  # the last page zeroed: the schema (page 1) is intact
    path = tmp_path / "casebook.sqlite3"
    path.write_bytes(bytes(data))
    with Casebook(path) as book:
        problems = book.integrity_check()
    assert problems and all(p.startswith("casebook.sqlite3: ") for p in problems)
