"""Two writer processes on one casebook: different sessions all land; the same session never interleaves."""

from __future__ import annotations

import json

from casekit.store import Casebook

from .conftest import sample_entries
from .test_crash_safety import start_writer


def _finish(proc) -> str:
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    return out


def test_two_writers_on_different_sessions(book_path):
    with Casebook(book_path) as book:
        sids = [book.add_session("김하늘", "s001", seed=1), book.add_session("Alex", "s001", seed=2)]
    procs = [start_writer(book_path, "append", sid, 0, 60, env={"WAIT_FOR_GO": "1"}) for sid in sids]
    (book_path.parent / "go").touch()  # both start writing together
    outputs = [_finish(p) for p in procs]
    assert outputs == ["".join(f"saved {i}\n" for i in range(60))] * 2
    with Casebook(book_path) as book:
        assert book.integrity_check() == []
        for sid in sids:
            saved = book.get_session(sid)
            assert [s.seq for s in saved.steps] == list(range(60))
            assert [e.to_dict() for e in saved.entries] == [e for i in range(60) for e in sample_entries(i)]
            assert saved.score.total == 59.0 and len(saved.score_history) == 60


def test_two_writers_on_the_same_session_clash_instead_of_interleaving(book_path):
    with Casebook(book_path) as book:
        sid = book.add_session("김하늘", "s001", seed=1)
    procs = [start_writer(book_path, "race", sid, 40, env={"WAIT_FOR_GO": "1"}) for _ in range(2)]
    (book_path.parent / "go").touch()
    first, second = (json.loads(_finish(p)) for p in procs)
    # Each step was written by exactly one writer; the other got a StoreError for it.
    assert sorted(first["written"] + second["written"]) == list(range(40))
    assert first["clashes"] + second["clashes"] == 40
    clash = first["first_clash"] or second["first_clash"]
    assert "another notebook may be saving this session too" in clash
    with Casebook(book_path) as book:
        assert book.integrity_check() == []
        saved = book.get_session(sid)
        assert [s.seq for s in saved.steps] == list(range(40))
        assert [e.seq for e in saved.entries] == list(range(80))


def test_two_notebooks_resuming_the_same_session_never_duplicate(book_path):
    """Each writer reads the next seq, then saves it: both may read the same one; one must lose."""
    with Casebook(book_path) as book:
        sid = book.add_session("김하늘", "s001", seed=1)
    procs = [start_writer(book_path, "race-next", sid, 60, env={"WAIT_FOR_GO": "1"}) for _ in range(2)]
    (book_path.parent / "go").touch()
    first, second = (json.loads(_finish(p)) for p in procs)
    assert sorted(first["written"] + second["written"]) == list(range(60))
    with Casebook(book_path) as book:
        assert book.integrity_check() == []
        saved = book.get_session(sid)
        assert [s.seq for s in saved.steps] == list(range(60))
        assert [e.to_dict() for e in saved.entries] == [e for i in range(60) for e in sample_entries(i)]


def test_one_casebook_shared_by_threads(book_path):
    """A widget callback thread and the kernel's thread may share one Casebook object."""
    import threading

    with Casebook(book_path) as book:
        sids = [book.add_session(f"학생{i}", "s001", seed=i) for i in range(4)]
        errors: list[BaseException] = []

        def write(sid: int) -> None:
            try:
                for seq in range(25):
                    book.add_step(sid, seq, {"kind": "wait", "days": seq}, score={"total": seq})
                    book.get_session(sid)
            except BaseException as exc:  # reported below; a thread's exception is otherwise lost
                errors.append(exc)

        threads = [threading.Thread(target=write, args=(sid,)) for sid in sids]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert [s.n_steps for s in book.get_sessions()] == [25] * 4
        assert book.integrity_check() == []
