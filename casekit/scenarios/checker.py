"""Where problems are collected: the :class:`Checker` of one file, and message helpers.

Examples
--------
>>> checker = Checker("x.yaml", {("student",): 11})
>>> checker.missing(("student",), "age")
>>> [str(p) for p in checker.problems]
["x.yaml:11: student: missing required key 'age'"]
>>> suggest("agee", ["age", "sex"]), describe(None), describe([1])
(" (did you mean 'age'?)", 'nothing', 'a list')
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from ..domain.errors import Problem
from .yamlnodes import INVALID, FieldPath, format_path

__all__ = ["Checker", "describe", "suggest", "valid"]


def valid(value: Any) -> bool:
    """Whether ``value`` was read without a problem (is not ``INVALID``)."""
    return value is not INVALID


def describe(value: Any) -> str:
    """How a value appears in a message: ``'abc'``, ``3``, ``true``, ``nothing``, ``a list``."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def suggest(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or ``""`` when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class Checker:
    """Collects problems for one file; knows the line of every field path.

    Parameters
    ----------
    filename
        The file name to print in each problem.
    lines
        Field path → 1-based line, as :func:`~casekit.scenarios.yamlnodes.compose_document`
        gives it. A path without a line is reported at its nearest ancestor's line.
    """

    def __init__(
        self, filename: str, lines: Mapping[FieldPath, int], problems: list[Problem] | None = None
    ) -> None:
        self.filename = filename
        self.lines = lines
        self.problems: list[Problem] = problems if problems is not None else []

    def line(self, path: FieldPath) -> int | None:
        """The line of ``path`` or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)

    def report(self, path: FieldPath, message: str, line: int | None = None) -> None:
        """Record a problem at ``path`` (at ``line`` if given, else the path's line)."""
        where = line if line is not None else self.line(path)
        self.problems.append(Problem(self.filename, where, format_path(path), message))

    def missing(self, path: FieldPath, key: str, why: str = "") -> None:
        """Report a missing key at the line of the mapping that should hold it."""
        self.report(path, f"missing required key {key!r}{why}")
