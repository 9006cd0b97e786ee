"""Read YAML into plain Python values and remember the line of every field.

PyYAML's ``safe_load`` forgets where values came from and silently keeps the last of two
equal keys. Scenario files are written by hand, so every problem must name its line: this
module composes the node tree with ``SafeLoader`` and walks it itself, building plain
values (``dict``, ``list``, ``str``, ``int``, ``float``, ``bool``, ``None``) and a map from
each field path to its 1-based line. Scalars are resolved by the loader's own constructor,
so ``3`` is an int, ``true`` a bool and ``~`` a null exactly as YAML says. Anchors,
aliases and merge keys (``<<``) work.

Examples
--------
>>> doc = compose_document("a: 1\\nb:\\n  - x\\n  - y\\n", "demo.yaml")
>>> doc.value
{'a': 1, 'b': ['x', 'y']}
>>> doc.lines[("b", 1)], format_path(("b", 1))
(4, 'b[1]')
>>> [str(p) for p in compose_document("a: 1\\na: 2\\n", "demo.yaml").problems]
['demo.yaml:2: a: duplicate key (first defined at line 1)']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..domain.errors import Problem

__all__ = ["INVALID", "Document", "FieldPath", "compose_document", "decode", "format_path"]

#: Where a value sits in a document: mapping keys and list indices from the top.
FieldPath = tuple[str | int, ...]

#: Documents with more nodes than this (after expanding aliases) are refused: a few
#: aliases can otherwise expand into billions of values ("billion laughs").
MAX_NODES = 200_000

_MERGE_TAG = "tag:yaml.org,2002:merge"
_MAP_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:omap")
_SEQ_TAGS = ("tag:yaml.org,2002:seq",)


class _Invalid:
    """Marks a value that was already reported as a problem, so nobody reports it again."""

    _instance: _Invalid | None = None

    def __new__(cls) -> _Invalid:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "INVALID"

    def __bool__(self) -> bool:
        return False


#: A value that could not be read; its problem has been reported.
INVALID: Any = _Invalid()


def format_path(path: Iterable[str | int]) -> str:
    """``("resources", 3, "domains", 1)`` → ``"resources[3].domains[1]"``.

    Examples
    --------
    >>> format_path(("student", "age")), format_path(()), format_path(("events", 0))
    ('student.age', '', 'events[0]')
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass
class Document:
    """A read YAML document: its value, the line of each field and what went wrong.

    ``value`` is ``None`` when the text could not be read at all (a syntax error, an empty
    file); ``lines`` maps a field path to the line of its key (mapping entries) or of the item
    itself (list items and the top level).
    """

    filename: str
    value: Any = None
    lines: dict[FieldPath, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line(self, path: FieldPath) -> int | None:
        """The line of ``path``, else of its nearest ancestor that has one."""
        path = tuple(path)
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]


def decode(data: bytes, filename: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 (with or without a byte-order mark) bytes as text, or a problem naming the line.

    Examples
    --------
    >>> decode(b"a: 1\\nb: \\xff\\n", "x.yaml")[1]
    [Problem('x.yaml:2: file is not valid UTF-8 (byte 0xff); save it as UTF-8, not CP949/EUC-KR')]
    """
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.start + 1].hex()
        return None, [
            Problem(
                filename,
                line,
                "",
                f"file is not valid UTF-8 (byte 0x{bad}); save it as UTF-8, not CP949/EUC-KR",
            )
        ]


#: libyaml's parser when PyYAML was built with it: about eight times faster on scenario files.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def compose_document(text: str, filename: str) -> Document:
    """Read one YAML document, collecting problems instead of raising."""
    if _FAST_LOADER is not None:
        doc = _compose(text, filename, _FAST_LOADER)
        if not doc.problems:
            return doc
    # Problems are always reported as the pure-Python parser words them.
    return _compose(text, filename, yaml.SafeLoader)


def _compose(text: str, filename: str, loader_class: type) -> Document:
    doc = Document(filename)
    loader: yaml.SafeLoader | None = None
    try:
        loader = loader_class(text)
        root = loader.get_single_node()
        if root is None:
            doc.problems.append(Problem(filename, 1, "", "file is empty"))
            return doc
        walker = _Walker(loader, doc)
        doc.value = walker.value(root, ())
    except yaml.MarkedYAMLError as exc:
        doc.problems.append(_syntax_problem(exc, filename))
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        doc.problems.append(
            Problem(
                filename, line, "", f"YAML syntax error: character U+{char:04X} is not allowed in YAML text"
            )
        )
    except yaml.YAMLError as exc:  # any other reader error: still the file's fault, at an unknown place
        doc.problems.append(Problem(filename, 1, "", f"YAML syntax error: {exc}"))
    except RecursionError:
        doc.problems.append(Problem(filename, 1, "", "YAML syntax error: the document is nested too deeply"))
    except _TooLarge:
        doc.problems.append(
            Problem(filename, 1, "", f"document expands to more than {MAX_NODES} values (too many aliases)")
        )
    finally:
        if loader is not None:
            loader.dispose()
    if doc.problems and doc.value is None:
        doc.lines.clear()
    return doc


def _syntax_problem(exc: yaml.MarkedYAMLError, filename: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else 1
    if (exc.context or "").startswith("expected a single document"):
        return Problem(
            filename, line, "", "YAML syntax error: a second document starts here; a scenario file holds one"
        )
    message = exc.problem or exc.context or "cannot read the file"
    if exc.context and exc.problem:
        where = ""
        if exc.context_mark is not None and exc.context_mark.line + 1 != line:
            where = f" on line {exc.context_mark.line + 1}"
        message = f"{message} ({exc.context}{where})"
    if "'\\t'" in message:
        message += "; indent with spaces, not tabs"
    elif "block" in message:  # PyYAML's words for a line indented differently from its neighbours
        message += "; check the indentation of this line and the one before"
    return Problem(filename, line, "", f"YAML syntax error: {message}")


class _TooLarge(Exception):
    """Raised inside the walker when aliases expand the document past ``MAX_NODES``."""


class _Walker:
    """Builds plain values from nodes, recording lines and problems in a :class:`Document`."""

    def __init__(self, loader: yaml.SafeLoader, doc: Document) -> None:
        self.loader = loader
        self.doc = doc
        self.count = 0
        self.active: set[int] = set()  # nodes being walked, to catch recursive aliases

    def problem(self, line: int, path: FieldPath, message: str) -> None:
        self.doc.problems.append(Problem(self.doc.filename, line, format_path(path), message))

    def value(self, node: Node, path: FieldPath, line: int | None = None) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        here = node.start_mark.line + 1
        self.doc.lines[path] = line if line is not None else here
        if id(node) in self.active:
            self.problem(here, path, "an alias refers to the mapping or list that contains it")
            return INVALID
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if node.tag not in _MAP_TAGS + _SEQ_TAGS:
            self.problem(here, path, f"unsupported YAML tag {node.tag!r}")
            return INVALID
        self.active.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self.mapping(node, path)
            return [self.value(item, (*path, i)) for i, item in enumerate(node.value)]
        finally:
            self.active.discard(id(node))

    def scalar(self, node: ScalarNode, path: FieldPath) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            reason = getattr(exc, "problem", None) or str(exc)
            self.problem(node.start_mark.line + 1, path, f"cannot read {node.value!r}: {reason}")
            return INVALID

    def mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        # Merged mappings (<<: *base) come first so that the keys written here override them.
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                for source in self.merge_sources(value_node, path):
                    merged = self.value(source, path, line=self.doc.lines[path])
                    if isinstance(merged, dict):
                        result.update(merged)
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                continue
            key_line = key_node.start_mark.line + 1
            key = self.key(key_node, path)
            if key is INVALID:
                continue
            if key in first_line:
                self.problem(
                    key_line, (*path, key), f"duplicate key (first defined at line {first_line[key]})"
                )
                continue
            first_line[key] = key_line
            result[key] = self.value(value_node, (*path, key), line=key_line)
        return result

    def merge_sources(self, node: Node, path: FieldPath) -> list[Node]:
        if isinstance(node, MappingNode):
            return [node]
        if isinstance(node, SequenceNode) and all(isinstance(n, MappingNode) for n in node.value):
            return list(reversed(node.value))  # earlier mappings win, so apply them last
        self.problem(node.start_mark.line + 1, path, "'<<' (merge) needs a mapping or a list of mappings")
        return []

    def key(self, node: Node, path: FieldPath) -> Any:
        line = node.start_mark.line + 1
        if not isinstance(node, ScalarNode):
            self.problem(line, path, "keys must be plain text, not a mapping or a list")
            return INVALID
        key = self.scalar(node, path)
        if key is INVALID or isinstance(key, str):
            return key
        shown = "null" if key is None else str(key).lower() if isinstance(key, bool) else str(key)
        self.problem(
            line, path, f"key {node.value!r} is not text (YAML reads it as {shown}); put it in quotes"
        )
        return INVALID
