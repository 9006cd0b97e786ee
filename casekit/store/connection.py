"""Opening the casebook file: where it lives, connection settings, errors, transactions.

Settings every connection gets, and why:

- ``journal_mode=WAL``: readers never block the writer, so two notebooks can share one
  casebook, and a writer killed mid-transaction leaves only uncommitted frames in the
  write-ahead log, which the next opener discards.
- ``busy_timeout`` (5 s): a writer waits for the other notebook's transaction instead of
  failing at once; every write transaction starts with ``BEGIN IMMEDIATE`` so the wait
  happens at the start, where it is safe, never half-way through.
- ``foreign_keys=ON``: steps, entries and scores cannot outlive their session.
- ``synchronous=FULL``: each commit is flushed to the disk before :meth:`add_step` returns.
  In WAL mode ``NORMAL`` already survives a killed process; ``FULL`` also keeps the last
  committed action through a power cut or an OS crash (a laptop whose battery dies). Actions
  come at human speed, one commit per click, so one flush per commit costs nothing a learner
  notices.
- ``secure_delete=ON``: deleted rows are overwritten with zeros, so ``casekit forget`` does not
  leave a learner's words in free pages of the file.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..domain.errors import CasekitError, StoreError

__all__ = [
    "CASEBOOK_FILENAME",
    "BUSY_TIMEOUT_S",
    "default_casebook_path",
    "open_connection",
    "store_errors",
    "transaction",
]

CASEBOOK_FILENAME = "casebook.sqlite3"

#: How long a writer waits for another notebook's transaction before giving up.
BUSY_TIMEOUT_S = 5.0


def default_casebook_path() -> Path:
    """``$CASEKIT_HOME/casebook.sqlite3``, or ``~/.casekit/casebook.sqlite3`` without it.

    Examples
    --------
    >>> default_casebook_path().name
    'casebook.sqlite3'
    """
    home = os.environ.get("CASEKIT_HOME")
    folder = Path(home).expanduser() if home else Path.home() / ".casekit"
    return folder / CASEBOOK_FILENAME


def _explain(exc: sqlite3.Error) -> str:
    """What a student can do about an SQLite error, in Korean and English."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return (
            f"다른 노트북이 {BUSY_TIMEOUT_S:.0f}초 넘게 사례기록부를 쓰고 있습니다. 잠시 후 다시 시도하세요 / "
            f"another notebook has been writing for more than {BUSY_TIMEOUT_S:.0f} s; try again ({text})"
        )
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return f"사례기록부 파일이 아니거나 손상되었습니다 / not a casebook, or damaged ({text})"
    if "readonly" in text or "unable to open" in text:
        return f"파일을 열거나 쓸 수 없습니다 / cannot open or write the file ({text})"
    return text


@contextmanager
def store_errors(name: str, doing: str) -> Iterator[None]:
    """Turn ``sqlite3`` and OS errors raised inside into :class:`StoreError`.

    ``name`` is the casebook's file name and ``doing`` what was being done; both go first in
    the message so a student knows which file and which action failed.

    Examples
    --------
    >>> import sqlite3
    >>> with store_errors("casebook.sqlite3", "reading session 3"):
    ...     raise sqlite3.OperationalError("disk I/O error")
    Traceback (most recent call last):
    ...
    casekit.domain.errors.StoreError: casebook.sqlite3: reading session 3: disk I/O error
    """
    try:
        yield
    except CasekitError:
        raise
    except sqlite3.Error as exc:
        raise StoreError(f"{name}: {doing}: {_explain(exc)}") from exc
    except UnicodeDecodeError as exc:
        # A damaged file can hold bytes that are not UTF-8 where SQLite keeps text (even in
        # the text of its own error message).
        raise StoreError(f"{name}: {doing}: 사례기록부 파일이 손상되었습니다 / damaged: text that is not UTF-8") from exc
    except OSError as exc:
        raise StoreError(f"{name}: {doing}: {exc.strerror or exc}") from exc


def open_connection(path: Path, synchronous: str = "FULL") -> sqlite3.Connection:
    """An SQLite connection to ``path`` with the settings described in this module.

    The connection is in autocommit mode (``isolation_level=None``): every transaction is
    opened and closed explicitly with :func:`transaction`. Raises :class:`StoreError` if the
    file is not an SQLite database.
    """
    if synchronous.upper() not in ("NORMAL", "FULL", "EXTRA"):
        raise StoreError(f"{path.name}: synchronous must be NORMAL, FULL or EXTRA, got {synchronous!r}")
    with store_errors(path.name, "opening the casebook"):
        # One Casebook may be used from a widget callback thread; the facade serialises its
        # own calls with a lock, so SQLite's same-thread check would only get in the way.
        conn = sqlite3.connect(
            str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            # The first statement that reads the file: a file that is not SQLite fails here.
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA synchronous = {synchronous.upper()}")
            conn.execute("PRAGMA secure_delete = ON")
        except BaseException:
            conn.close()
            raise
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection, name: str, doing: str, *, write: bool) -> Iterator[None]:
    """One explicit transaction: ``BEGIN IMMEDIATE`` for writes, ``BEGIN`` for reads.

    Commits when the block ends, rolls back on any exception; SQLite errors become
    :class:`StoreError` naming the file and ``doing``. A read transaction gives one consistent
    snapshot even while another notebook writes.

    Examples
    --------
    >>> import sqlite3
    >>> conn = sqlite3.connect(":memory:", isolation_level=None)
    >>> with transaction(conn, "casebook.sqlite3", "adding a row", write=True):
    ...     _ = conn.execute("CREATE TABLE t (x INTEGER)")
    >>> conn.in_transaction
    False
    """
    with store_errors(name, doing):
        conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            # Also after a failed COMMIT (a full disk): the connection must not stay inside a
            # transaction. If the rollback fails too, the first error is the one to report.
            if conn.in_transaction:
                with suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise
