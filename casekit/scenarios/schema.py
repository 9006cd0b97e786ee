"""Declarative field specs that check plain YAML values and convert them.

A spec's :meth:`Spec.convert` takes a value read by :mod:`casekit.scenarios.yamlnodes`
and its field path, reports every problem it finds to a :class:`Checker`, and returns the
converted value (a :class:`~casekit.domain.Text`, an enum member, a tuple ...) or
:data:`~casekit.scenarios.yamlnodes.INVALID` when it cannot. A :class:`Record` checks a
mapping against its declared fields (missing required keys, unknown keys) and returns a
``dict`` with every declared field, defaults filled in, so later checks can read it safely.

Examples
--------
>>> from casekit.domain import NeedDomain
>>> checker = Checker("demo.yaml", {("domains", 1): 3})
>>> ListOf(Code(NeedDomain, "need domain")).convert(["economic", "econmic"], ("domains",), checker)
(NeedDomain.ECONOMIC, INVALID)
>>> print(checker.problems[0])  # doctest: +ELLIPSIS
demo.yaml:3: domains[1]: unknown need domain 'econmic' (did you mean 'economic'?); valid codes: economic, ...
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import Any

from ..domain.text import LANGUAGES, Text
from .checker import Checker, describe, suggest, valid
from .yamlnodes import INVALID, FieldPath

__all__ = [
    "Bool",
    "Code",
    "Field",
    "Id",
    "Int",
    "ListOf",
    "MapOf",
    "Number",
    "Record",
    "Spec",
    "Str",
    "TextSpec",
    "opt",
    "req",
]

_ID = re.compile(r"^[a-z0-9_-]{1,64}$")


class Spec:
    """Base class: check ``value`` at ``path`` and return it converted, or ``INVALID``."""

    #: What the spec expects, for messages: "expected {expects}, got ...".
    expects = "a value"

    def convert(self, value: Any, path: FieldPath, checker: Checker) -> Any:
        raise NotImplementedError

    def wrong_type(self, value: Any, path: FieldPath, checker: Checker, hint: str = "") -> Any:
        checker.report(path, f"expected {self.expects}, got {describe(value)}{hint}")
        return INVALID


class TextSpec(Spec):
    """Bilingual text ``{ko: ..., en: ...}``, both present and non-empty → :class:`Text`."""

    expects = "bilingual text {ko: ..., en: ...}"

    def convert(self, value: Any, path: FieldPath, checker: Checker) -> Any:
        if not isinstance(value, dict):
            return self.wrong_type(value, path, checker) if valid(value) else INVALID
        out: dict[str, str] = {}
        for key in value:
            if key not in LANGUAGES:
                checker.report(
                    (*path, key), f"unknown key{suggest(key, LANGUAGES)}; bilingual text has only ko and en"
                )
        for lang in LANGUAGES:
            if lang not in value:
                checker.missing(path, lang)
                continue
            text = value[lang]
            if not valid(text):
                continue
            if not isinstance(text, str):
                hint = "; put it in quotes" if isinstance(text, (int, float)) else ""
                checker.report((*path, lang), f"expected text, got {describe(text)}{hint}")
            elif not text.strip():
                checker.report((*path, lang), "text is empty")
            else:
                out[lang] = text.strip()
        if len(out) != len(LANGUAGES) or len(value) != len(LANGUAGES):
            return INVALID
        return Text(out["ko"], out["en"])


class Code(Spec):
    """One code of a vocabulary (an enum of :class:`~casekit.domain.Coded` or a list of codes).

    ``only`` narrows an enum to some of its codes; the member is returned.
    """

    def __init__(
        self,
        codes: type[Enum] | Sequence[str],
        label: str,
        only: Sequence[str] | None = None,
    ) -> None:
        self.enum = codes if isinstance(codes, type) else None
        all_codes = [m.value for m in codes] if isinstance(codes, type) else list(codes)  # type: ignore[union-attr]
        self.codes: tuple[str, ...] = tuple(c for c in all_codes if only is None or c in only)
        self.label = label
        self.expects = f"a {label} code"

    def convert(self, value: Any, path: FieldPath, checker: Checker) -> Any:
        if not valid(value):
            return INVALID
        listing = f"valid codes: {', '.join(self.codes)}"
        if not isinstance(value, str):
            return self.wrong_type(value, path, checker, f"; {listing}")
        if value not in self.codes:
            checker.report(path, f"unknown {self.label} {value!r}{suggest(value, self.codes)}; {listing}")
            return INVALID
        return self.enum(value) if self.enum is not None else value


class Int(Spec):
    """A whole number, optionally between ``min`` and ``max`` (inclusive)."""

    expects = "a whole number"

    def __init__(self, min: int | None = None, max: int | None = None) -> None:
        self.min = min
        self.max = max

    def convert(self, value: Any, path: FieldPath, checker: Checker) -> Any:
        if not valid(value):
            return INVALID
        if isinstance(value, bool) or not isinstance(value, int):
            return self.wrong_type(value, path, checker)
        return _in_range(value, self.min, self.max, path, checker)


class Number(Spec):
    """A finite number (int or float), optionally at least ``min``; returned as ``float``."""

    expects = "a number"

    def __init__(self, min: float | None = None) -> None:
        self.min = min

    def convert(self, value: Any, path: FieldPath, checker: Checker) -> Any:
        if not valid(value):
            return INVALID
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return self.wrong_type(value, path, checker)
        if not math.isfinite(value):
            checker.report(path, f"must be a finite number, got {describe(value)}")
            return INVALID
        checked = _in_range(value, self.min, None, path, checker)
        return float(checked) if valid(checked) else INVALID


def _in_range(value: Any, lo: float | None, hi: float | None, path: FieldPath, checker: Checker) -> Any:
    if lo is not None and hi is not None and not lo <= value <= hi:
        checker.report(path, f"must be between {lo} and {hi}, got {value}")
    elif lo is not None and value < lo:
        checker.report(path, f"must be at least {lo}, got {value}")
    elif hi is not None and value > hi:
        checker.report(path, f"must be at most {hi}, got {value}")
    else:
        return value
    return INVALID


class Bool(Spec):
    """``true`` or ``false``."""

    expects = "true or false"

    def convert(self, value: Any, path: FieldPath, checker: Checker) -> Any:
        if not valid(value):
            return INVALID
        return value if isinstance(value, bool) else self.wrong_type(value, path, checker)


class Str(Spec):
    """A plain string, optionally matching ``pattern`` (described by ``rule`` in messages)."""

    expects = "text"

    def __init__(self, pattern: str | None = None, rule: str = "") -> None:
        self.pattern = re.compile(pattern) if pattern else None
        self.rule = rule

    def convert(self, value: Any, path: FieldPath, checker: Checker) -> Any:
        if not valid(value):
            return INVALID
        if not isinstance(value, str):
            return self.wrong_type(value, path, checker)
        if self.pattern is not None and not self.pattern.match(value):
            checker.report(path, f"invalid value {value!r}: {self.rule}")
            return INVALID
        return value


class Id(Str):
    """A short id of ``a-z``, ``0-9``, ``-`` and ``_``."""

    expects = "an id (text of a-z, 0-9, '-' and '_')"

    def __init__(self) -> None:
        super().__init__()

    def convert(self, value: Any, path: FieldPath, checker: Checker) -> Any:
        if not valid(value):
            return INVALID
        if not isinstance(value, str):
            return self.wrong_type(
                value, path, checker, "; put it in quotes" if isinstance(value, int) else ""
            )
        if not _ID.match(value):
            checker.report(path, f"invalid id {value!r}: use 1-64 characters of a-z, 0-9, '-' and '_'")
            return INVALID
        return value


class ListOf(Spec):
    """A list of items of one spec → ``tuple`` (an invalid item stays as ``INVALID``).

    ``min_items`` is the least number of items; ``unique`` reports an item listed twice.
    """

    expects = "a list"

    def __init__(self, item: Spec, min_items: int = 0, unique: bool = False) -> None:
        self.item = item
        self.min_items = min_items
        self.unique = unique

    def convert(self, value: Any, path: FieldPath, checker: Checker) -> Any:
        if not valid(value):
            return INVALID
        if not isinstance(value, list):
            return self.wrong_type(value, path, checker)
        if len(value) < self.min_items:
            plural = "item" if self.min_items == 1 else "items"
            checker.report(path, f"needs at least {self.min_items} {plural}, got {len(value)}")
        items = tuple(self.item.convert(v, (*path, i), checker) for i, v in enumerate(value))
        if self.unique:
            seen: set[Any] = set()
            for i, item in enumerate(items):
                if valid(item) and item in seen:
                    checker.report((*path, i), f"{str(item)!r} is listed twice")
                seen.add(item)
        return items


class MapOf(Spec):
    """A mapping with keys checked by ``key`` and values by ``value`` → read-only mapping.

    ``complete`` lists keys that must all be present (e.g. all eight need domains);
    ``what`` names them in the message and ``hint`` ends it.
    """

    expects = "a mapping"

    def __init__(
        self, key: Spec, value: Spec, complete: Sequence[str] = (), what: str = "key", hint: str = ""
    ) -> None:
        self.key = key
        self.value = value
        self.complete = tuple(complete)
        self.what = what
        self.hint = hint

    def convert(self, value: Any, path: FieldPath, checker: Checker) -> Any:
        if not valid(value):
            return INVALID
        if not isinstance(value, dict):
            return self.wrong_type(value, path, checker)
        out: dict[Any, Any] = {}
        ok = True
        for k, v in value.items():
            key = self.key.convert(k, (*path, k), checker)
            item = self.value.convert(v, (*path, k), checker)
            if valid(key) and valid(item):
                out[key] = item
            else:
                ok = False
        absent = [c for c in self.complete if c not in value]
        if absent:
            names = ", ".join(repr(c) for c in absent)
            plural = "" if len(absent) == 1 else "s"
            every = f"give all {len(self.complete)} {self.what}s{self.hint}"
            checker.report(path, f"missing {self.what}{plural} {names}; {every}")
            ok = False
        if not ok:
            return INVALID
        if self.complete:  # keep the vocabulary's order, whatever the file's
            order = {c: i for i, c in enumerate(self.complete)}
            out = dict(sorted(out.items(), key=lambda kv: order.get(str(kv[0]), len(order))))
        return MappingProxyType(out)


@dataclass(frozen=True)
class Field:
    """A field of a :class:`Record`: its spec, whether it is required, its default."""

    spec: Spec
    required: bool = True
    default: Any = None


def req(spec: Spec) -> Field:
    """A required field."""
    return Field(spec, required=True)


def opt(spec: Spec, default: Any = None) -> Field:
    """An optional field with a default (``None`` unless given)."""
    return Field(spec, required=False, default=default)


class Record(Spec):
    """A mapping with declared fields → ``dict`` of every field (defaults filled in).

    Missing required fields and fields whose value is invalid are ``INVALID`` in the result.
    ``check`` is called with the result, the path and the checker for rules between fields.
    """

    expects = "a mapping"

    def __init__(
        self,
        fields: Mapping[str, Field],
        check: Callable[[dict[str, Any], FieldPath, Checker], None] | None = None,
    ) -> None:
        self.fields = dict(fields)
        self.check = check

    def convert(self, value: Any, path: FieldPath, checker: Checker) -> Any:
        if not valid(value):
            return INVALID
        if not isinstance(value, dict):
            return self.wrong_type(value, path, checker)
        for key in value:
            if key not in self.fields:
                hint = suggest(key, self.fields)
                rest = "" if hint else f"; valid keys: {', '.join(self.fields)}"
                checker.report((*path, key), f"unknown key{hint}{rest}")
        out: dict[str, Any] = {}
        for name, spec in self.fields.items():
            if name in value:
                out[name] = spec.spec.convert(value[name], (*path, name), checker)
            elif spec.required:
                checker.missing(path, name)
                out[name] = INVALID
            else:
                out[name] = spec.default
        if self.check is not None:
            self.check(out, path, checker)
        return out
