"""The Casebook: learners' case sessions kept in an SQLite file on their own machine.

Layer ``store`` (ARCHITECTURE.md): imports only :mod:`casekit.domain` and the standard
library. :class:`Casebook` is the one facade; the walkthrough autosaves each action with
:meth:`Casebook.add_step` and resumes with :meth:`Casebook.latest_active_session`.

Examples
--------
>>> from casekit.store import Casebook, SCHEMA_VERSION
>>> SCHEMA_VERSION
2
"""

from __future__ import annotations

from .casebook import Casebook
from .casefile import (
    CaseFileError,
    dumps_case_file,
    loads_case_file,
    read_case_file,
    seal,
    verify_checksum,
    write_case_file,
)
from .connection import CASEBOOK_FILENAME, default_casebook_path
from .model import STATUSES, SavedSession, Learner, RemovedCounts, SavedStep, ScoreSnapshot, SessionInfo
from .schema import SCHEMA_VERSION, V1_DDL

__all__ = [
    "Casebook",
    "CaseFileError",
    "dumps_case_file",
    "loads_case_file",
    "read_case_file",
    "seal",
    "verify_checksum",
    "write_case_file",
    "SavedSession",
    "SessionInfo",
    "SavedStep",
    "ScoreSnapshot",
    "Learner",
    "RemovedCounts",
    "STATUSES",
    "SCHEMA_VERSION",
    "V1_DDL",
    "CASEBOOK_FILENAME",
    "default_casebook_path",
]
