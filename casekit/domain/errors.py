"""Errors casekit raises for bad input (ARCHITECTURE.md, "Errors").

Every error is a ``ValueError`` so callers that already catch bad values keep working, and
every message names the place: ``FILE:LINE: field.path: what is wrong`` for files, the stage
and the rule for cases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .vocabulary import Stage

__all__ = ["CasekitError", "CaseError", "ScenarioError", "NetworkDataError", "StoreError", "Problem"]


class CasekitError(ValueError):
    """Base class of every error casekit raises for bad input."""


class CaseError(CasekitError):
    """An action that the case-management process does not allow at this point.

    Parameters
    ----------
    stage
        The stage the case was at.
    rule
        The short code of the rule that was broken (see :mod:`casekit.domain.case`).
    ko, en
        What is wrong and what to do, in Korean and English.

    Examples
    --------
    >>> from casekit.domain import Stage
    >>> e = CaseError(Stage.INTAKE, "consent_to_services", "동의가 필요합니다.", "Consent is needed.")
    >>> str(e)
    'intake (접수): consent_to_services: 동의가 필요합니다. / Consent is needed.'
    """

    def __init__(self, stage: Stage | None, rule: str, ko: str, en: str) -> None:
        self.stage = stage
        self.rule = rule
        self.ko = ko
        self.en = en
        where = f"{stage.value} ({stage.ko})" if stage is not None else "case"
        super().__init__(f"{where}: {rule}: {ko} / {en}")

    def message(self, lang: str = "ko") -> str:
        """The explanation in one language, without the stage and rule prefix."""
        return self.ko if lang == "ko" else self.en


class Problem:
    """One problem found in a file: where it is and what is wrong."""

    __slots__ = ("field", "file", "line", "message")

    def __init__(self, file: str, line: int | None, field: str, message: str) -> None:
        self.file = file
        self.line = line
        self.field = field
        self.message = message

    def __str__(self) -> str:
        # A problem with no line (a missing file, a network built in code) omits it.
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"

    def __repr__(self) -> str:
        return f"Problem({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


class _FileError(CasekitError):
    """An error about a file, carrying every problem found, one line each."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ScenarioError(_FileError):
    """A scenario file that cannot be used; ``problems`` lists every problem found."""


class NetworkDataError(_FileError):
    """A network file (nodes.csv, edges.csv, GraphML) that cannot be used."""


class StoreError(CasekitError):
    """The casebook database cannot do what was asked."""
