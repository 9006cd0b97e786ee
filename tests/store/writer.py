"""A writer process for the crash and concurrency tests (run as a script, never imported by pytest).

    python writer.py CASEBOOK append SESSION START COUNT [PAUSE_AT PAUSE_AFTER]
    python writer.py CASEBOOK race SESSION COUNT
    python writer.py CASEBOOK race-next SESSION COUNT
    python writer.py CASEBOOK migrate-pause

``append`` saves steps START..START+COUNT-1 and prints ``saved SEQ`` after each commit. With
PAUSE_AT, it stops forever inside the transaction of step PAUSE_AT, right after PAUSE_AFTER
(``step``, ``entries`` or ``score``) was written, and prints ``paused SEQ``. ``race`` tries
every seq 0..COUNT-1 in turn and prints a JSON summary of what it wrote and how often it
clashed; ``race-next`` instead asks the session for its next seq before each save, as a
notebook resuming a session would.
``migrate-pause`` opens a version-1 file and stops inside the migration transaction. With
``BIG_STEP=N``, step N carries 300 kB of text and the page cache is small, so uncommitted pages
reach the write-ahead log before the pause. A file
``go`` beside the casebook, if ``WAIT_FOR_GO`` is set, must exist before writing starts.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from casekit.domain.errors import StoreError  # noqa: E402
from casekit.store import Casebook  # noqa: E402
from casekit.store import casebook as casebook_module  # noqa: E402
from casekit.store import steps as steps_module  # noqa: E402
from tests.store.conftest import sample_entries  # noqa: E402


def step(seq: int) -> dict:
    data = {"kind": "act", "day": seq, "action": {"verb": "note", "args": {"text": f"단계 {seq}"}}}
    if os.environ.get("BIG_STEP") == str(seq):
        data["action"]["args"]["pad"] = "가" * 100_000  # 300 kB: more than the page cache holds
    return data


def pause_forever(label: str) -> None:
    print(label, flush=True)
    while True:
        time.sleep(60)


def pause_inside(seq_to_pause: int, after: str) -> None:
    """Wrap one of add_step's three writes so that step ``seq_to_pause`` stops after it."""
    name = {"step": "insert_step", "entries": "insert_entries", "score": "insert_score"}[after]
    original = getattr(steps_module, name)

    def wrapped(conn, *args, **kwargs):
        original(conn, *args, **kwargs)
        seq = args[1] if name != "insert_entries" else args[0][0][2]
        if seq == seq_to_pause:
            pause_forever(f"paused {seq}")

    setattr(steps_module, name, wrapped)


def wait_for_go(path: Path) -> None:
    if os.environ.get("WAIT_FOR_GO"):
        while not (path.parent / "go").exists():
            time.sleep(0.005)


def main(argv: list[str]) -> int:
    path, mode = Path(argv[0]), argv[1]
    if mode == "migrate-pause":
        original = casebook_module.ensure_schema

        def paused(conn, name, now):
            result = original(conn, name, now)
            pause_forever("paused migration")
            return result

        casebook_module.ensure_schema = paused
        Casebook(path)
        return 0
    session = int(argv[2])
    if mode == "append":
        start, count = int(argv[3]), int(argv[4])
        if len(argv) > 5:
            pause_inside(int(argv[5]), argv[6])
        with Casebook(path) as book:
            if os.environ.get("BIG_STEP"):
                # A small page cache makes SQLite spill uncommitted pages into the log.
                book._conn.execute("PRAGMA cache_size = -64")
            wait_for_go(path)
            for seq in range(start, start + count):
                book.add_step(session, seq, step(seq), sample_entries(seq), {"total": seq, "process": seq})
                print(f"saved {seq}", flush=True)
        return 0
    if mode in ("race", "race-next"):
        written, clashes, first = [], 0, ""
        with Casebook(path) as book:
            wait_for_go(path)
            seq, count = 0, int(argv[3])
            while seq < count:
                if mode == "race-next":  # as a notebook would: ask where the session is, then save
                    seq = book.get_session(session).next_seq
                    if seq >= count:
                        break
                try:
                    book.add_step(session, seq, step(seq), sample_entries(seq))
                    written.append(seq)
                except StoreError as exc:
                    if "the next step is" not in str(exc):
                        raise
                    clashes += 1
                    first = first or str(exc)
                seq += 1
        print(json.dumps({"written": written, "clashes": clashes, "first_clash": first}, ensure_ascii=False))
        return 0
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
