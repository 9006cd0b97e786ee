"""Load scenario files, validate them and find the bundled ones.

Every function reports *all* problems of a file at once, each as
``FILE:LINE: field.path: message``; :func:`load_scenario` raises them together in one
:class:`~casekit.domain.ScenarioError`, :func:`validate_paths` returns them.

Examples
--------
>>> try:
...     loads_scenario("id: [unclosed", "broken.yaml")
... except ScenarioError as exc:
...     print(exc)
broken.yaml:1: YAML syntax error: expected ',' or ']', but got '<stream end>' (while parsing a flow sequence)
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Union

from ..domain.errors import CasekitError, Problem, ScenarioError
from .build import build_checked
from .checker import Checker, describe, suggest
from .fields import SCENARIO
from .model import SCHEMA_VERSION, Scenario
from .yamlnodes import compose_document, decode

__all__ = [
    "bundled_dir",
    "bundled_scenarios",
    "expand_paths",
    "get_scenario",
    "load_scenario",
    "loads_scenario",
    "validate_paths",
]

PathLike = Union[str, "os.PathLike[str]"]


def _read(data: str | bytes, filename: str, source: str | None) -> tuple[Scenario | None, list[Problem]]:
    """The scenario in ``data`` and every problem found (the scenario is ``None`` if any)."""
    if isinstance(data, bytes):
        text, problems = decode(data, filename)
        if text is None:
            return None, problems
    else:
        text = data.removeprefix("\ufeff")
    doc = compose_document(text, filename)
    if doc.value is None and doc.problems:
        return None, doc.problems
    checker = Checker(filename, doc.lines, doc.problems)
    if not isinstance(doc.value, dict):
        what = describe(doc.value)
        checker.report((), f"a scenario file must be a mapping of keys (schema_version, id, ...), got {what}")
        return None, _in_file_order(checker.problems)
    version = doc.value.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        checker.report(
            ("schema_version",),
            f"version {version} is newer than this casekit reads ({SCHEMA_VERSION}); "
            "update casekit to use this file",
        )
        return None, _in_file_order(checker.problems)
    data_ = SCENARIO.convert(doc.value, (), checker)
    scenario = build_checked(data_, checker, source)
    return scenario, _in_file_order(checker.problems)


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: p.line if p.line is not None else 0)


def loads_scenario(text: str | bytes, filename: str = "<string>") -> Scenario:
    """The scenario written in ``text``; ``ScenarioError`` with every problem if it is not valid.

    ``filename`` is used in messages only; when it ends in ``.yaml`` the scenario ``id`` must
    match its stem.
    """
    scenario, problems = _read(text, filename, None)
    if problems or scenario is None:
        raise ScenarioError(problems)
    return scenario


def _read_file(path: Path) -> tuple[Scenario | None, list[Problem]]:
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(name, None, "", "no such file")]
    except IsADirectoryError:
        return None, [Problem(name, None, "", "is a directory, not a scenario file")]
    except OSError as exc:
        return None, [Problem(name, None, "", f"cannot read the file: {exc.strerror or exc}")]
    return _read(data, name, name)


def load_scenario(path: PathLike) -> Scenario:
    """Load the scenario file at ``path``; ``ScenarioError`` with every problem if it is not valid.

    Examples
    --------
    >>> load_scenario("no/such/file.yaml")
    Traceback (most recent call last):
    ...
    casekit.domain.errors.ScenarioError: no/such/file.yaml: no such file
    """
    scenario, problems = _read_file(Path(path))
    if problems or scenario is None:
        raise ScenarioError(problems)
    return scenario


def expand_paths(paths: Iterable[PathLike]) -> tuple[list[Path], list[Problem]]:
    """Scenario files named by ``paths`` (a directory means its ``*.yaml``) and problems finding them.

    A path that does not exist, and a directory without ``*.yaml`` files, is a problem.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(path.glob("*.yaml"))
            if not found:
                problems.append(Problem(str(path), None, "", "no scenario files (*.yaml) in this directory"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(str(path), None, "", "no such file or directory"))
    return files, problems


def validate_paths(paths: Iterable[PathLike]) -> list[Problem]:
    """Every problem in the scenario files at ``paths`` (files or directories); never raises for a bad file.

    Examples
    --------
    >>> [str(p) for p in validate_paths(["no/such/dir"])]
    ['no/such/dir: no such file or directory']
    """
    files, problems = expand_paths(paths)
    for f in files:
        problems.extend(_read_file(f)[1])
    return problems


def bundled_dir() -> Path:
    """Where the bundled scenarios are.

    ``casekit/_data/scenarios`` in an installed wheel, else ``data/scenarios`` of the checkout.
    """
    package = Path(__file__).resolve().parents[1]
    installed = package / "_data" / "scenarios"
    if installed.is_dir():
        return installed
    return package.parent / "data" / "scenarios"


@functools.lru_cache(maxsize=32)
def _bundled_one(directory: Path, scenario_id: str) -> Scenario | None:
    path = directory / f"{scenario_id}.yaml"
    if not path.is_file():
        return None
    scenario, problems = _read_file(path)
    return scenario if scenario is not None and not problems and scenario.id == scenario_id else None


@functools.lru_cache(maxsize=4)
def _bundled(directory: Path) -> tuple[Scenario, ...]:
    files = sorted(directory.glob("*.yaml"))
    scenarios: list[Scenario] = []
    problems: list[Problem] = []
    for f in files:
        scenario, found = _read_file(f)
        problems.extend(found)
        if scenario is not None:
            scenarios.append(scenario)
    if problems:
        raise ScenarioError(problems)
    return tuple(sorted(scenarios, key=lambda s: s.id))


def bundled_scenarios() -> list[Scenario]:
    """The bundled scenarios, sorted by id (read once per process).

    ``ScenarioError`` lists every problem if a bundled file is not valid.
    """
    return list(_bundled(bundled_dir()))


def get_scenario(id_or_path: PathLike) -> Scenario:
    """A bundled scenario by id, or the scenario file at a path.

    A string that names an existing file, or ends in ``.yaml``/``.yml``, or contains a path
    separator is a path; anything else is a bundled id. An unknown id raises
    :class:`~casekit.domain.CasekitError` listing the bundled ids.
    """
    text = os.fspath(id_or_path)
    if not isinstance(id_or_path, str) or _looks_like_path(text):
        return load_scenario(text)
    if _bundled.cache_info().currsize == 0:
        # Read only the one file a fresh process asks for (the usual <id>.yaml name); the
        # whole folder is read when the name does not match or once it is read anyway.
        one = _bundled_one(bundled_dir(), text)
        if one is not None:
            return one
    scenarios = bundled_scenarios()
    for s in scenarios:
        if s.id == text:
            return s
    ids = [s.id for s in scenarios]
    listing = ", ".join(ids) if ids else "none found in " + str(bundled_dir())
    raise CasekitError(f"unknown scenario {text!r}{suggest(text, ids)}; bundled scenarios: {listing}")


def _looks_like_path(text: str) -> bool:
    return text.endswith((".yaml", ".yml")) or "/" in text or os.sep in text or Path(text).is_file()
