"""Case files on disk: a versioned JSON envelope with a checksum over its content.

A case file is what leaves the learner's machine: one finished (or paused) case, its record,
its score and its feedback, written so an instructor can collect and compare it. Case records
must be kept like records (seed 001), so a case file carries a SHA-256 checksum over its
content: an edited or damaged submission is recognised, never silently graded.

The envelope::

    {"format": "casekit.casefile", "schema_version": 1, ..., "checksum": "sha256:<hex>"}

The checksum is taken over the *canonical* JSON of every key but ``checksum`` (sorted keys,
``ensure_ascii=False``, separators ``(",", ":")``, UTF-8), so re-indenting a file does not
break it but changing any value does. The checksum has no secret key: it catches damage and
hand edits, not a forger who recomputes it.

Reading a file that is not a good case file raises :class:`CaseFileError` (a
:class:`~casekit.domain.StoreError`) whose ``reason`` says what is wrong, for tools to act on:

=======================  ======================================================
reason                   meaning
=======================  ======================================================
``malformed``            not UTF-8, or not JSON
``truncated``            JSON that stops early (an interrupted copy or upload)
``foreign``              valid JSON, but not a casekit case file
``unsupported_version``  a schema version this casekit cannot read
``tampered``             the checksum does not match the content
``invalid``              a required field is missing or has the wrong type
=======================  ======================================================

Examples
--------
>>> doc = seal({"learner": "학생1", "seed": 3})
>>> doc["format"], doc["schema_version"], doc["checksum"][:7]
('casekit.casefile', 1, 'sha256:')
>>> verify_checksum(doc)
True
>>> try:
...     loads_case_file('{"format": "casekit.casefile", "schema_version": 1', name="a.case.json")
... except CaseFileError as exc:
...     print(exc.reason)
truncated
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..domain.errors import StoreError
from ..domain.records import RecordKind
from ..domain.vocabulary import Stage

__all__ = [
    "FORMAT",
    "SCHEMA_VERSION",
    "SUFFIX",
    "REASONS",
    "CaseFileError",
    "canonical_json",
    "content_checksum",
    "seal",
    "verify_checksum",
    "dumps_case_file",
    "write_case_file",
    "loads_case_file",
    "read_case_file",
    "validate_case_file",
    "file_stem",
]

#: The ``format`` value that marks a casekit case file.
FORMAT = "casekit.casefile"
#: The newest case-file schema version this casekit writes and reads.
SCHEMA_VERSION = 1
#: The file-name ending of case files (what ``casekit class-report`` collects).
SUFFIX = ".case.json"
#: Every ``CaseFileError.reason``, in the order a file is checked.
REASONS = ("malformed", "truncated", "foreign", "unsupported_version", "tampered", "invalid")

_FIRST_KEYS = ("format", "schema_version")
# The start of a JSON number: what is left when a file is cut in the middle of one.
_NUMBER_PREFIX = re.compile(r"-?[0-9]*\.?[0-9]*(?:[eE][+-]?[0-9]*)?")


class CaseFileError(StoreError):
    """A case file that cannot be used.

    Parameters
    ----------
    reason
        One of :data:`REASONS` (machine-readable).
    file
        The file as the caller named it (never resolved to an absolute path).
    field
        The field path that is wrong (``"record[3].day"``), or ``""``.
    message
        What is wrong, in words a student or instructor can act on.

    Examples
    --------
    >>> e = CaseFileError("invalid", "a.case.json", "seed", "must be a whole number")
    >>> str(e), e.reason
    ('a.case.json: seed: must be a whole number', 'invalid')
    """

    def __init__(self, reason: str, file: str, field: str, message: str) -> None:
        if reason not in REASONS:
            raise ValueError(f"unknown case-file problem {reason!r}: use one of {', '.join(REASONS)}")
        self.reason = reason
        self.file = file
        self.field = field
        self.message = message
        where = f"{file}: {field}:" if field else f"{file}:"
        super().__init__(f"{where} {message}")


# -- writing -------------------------------------------------------------------------------


def file_stem(name: str) -> str:
    """``name`` (a learner's name as typed) made safe as part of a file name.

    >>> file_stem("김 하늘/2반"), file_stem("../")
    ('김_하늘_2반', 'learner')
    """
    return re.sub(r"[^\w가-힣-]+", "_", name).strip("_") or "learner"


def canonical_json(value: Any) -> str:
    """The canonical JSON text of ``value``: sorted keys, no spaces, non-ASCII kept.

    NaN and infinities are refused (JSON has none), with ``ValueError``.

    Examples
    --------
    >>> canonical_json({"b": 1, "a": "사례"})
    '{"a":"사례","b":1}'
    """
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def content_checksum(doc: Mapping[str, Any]) -> str:
    """``"sha256:<hex>"`` over the canonical JSON of ``doc`` without its ``checksum`` key.

    Examples
    --------
    >>> content_checksum({"a": 1}) == content_checksum({"a": 1, "checksum": "x"})
    True
    """
    body = {k: v for k, v in doc.items() if k != "checksum"}
    return "sha256:" + hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def seal(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``doc`` in the case-file envelope, with a fresh checksum.

    ``format`` and ``schema_version`` come first and ``checksum`` last; the other keys keep
    their order. An existing checksum is replaced, so an edited document can be sealed again.
    A value JSON cannot hold (a set, NaN, an object) raises :class:`~casekit.domain.StoreError`.

    Examples
    --------
    >>> list(seal({"learner": "a"}))
    ['format', 'schema_version', 'learner', 'checksum']
    """
    body: dict[str, Any] = {"format": FORMAT, "schema_version": SCHEMA_VERSION}
    body.update((k, v) for k, v in doc.items() if k not in (*_FIRST_KEYS, "checksum"))
    try:
        checksum = content_checksum(body)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"case file: cannot be written as JSON: {exc}") from None
    body["checksum"] = checksum
    return body


def verify_checksum(doc: Mapping[str, Any]) -> bool:
    """Whether ``doc["checksum"]`` matches its content."""
    try:
        return doc.get("checksum") == content_checksum(doc)
    except (TypeError, ValueError):
        return False


def dumps_case_file(doc: Mapping[str, Any]) -> str:
    """The text of a case file: ``doc`` sealed, indented JSON, UTF-8 characters kept.

    Deterministic: the same document gives the same text, byte for byte, with one newline
    at the end. The checksum is recomputed (see :func:`seal`).

    Examples
    --------
    >>> print(dumps_case_file({"learner": "하늘"}).splitlines()[3])
      "learner": "하늘",
    """
    return json.dumps(seal(doc), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def write_case_file(doc: Mapping[str, Any], path: str | os.PathLike[str]) -> Path:
    """Write ``doc`` as a case file at ``path`` atomically; returns the path.

    The text goes to a temporary file in the same folder, is flushed to disk, then replaces
    ``path`` in one step (:func:`os.replace`): a reader or a crash never sees half a file.
    """
    target = Path(path)
    data = dumps_case_file(doc).encode("utf-8")
    # A plain exclusive open (not mkstemp, which makes the file private to its owner) so the
    # case file gets the usual permissions, e.g. for nbgrader to collect it.
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "xb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


# -- reading -------------------------------------------------------------------------------


def read_case_file(path: str | os.PathLike[str], *, name: str | None = None) -> dict[str, Any]:
    """Read and check the case file at ``path``; returns its content as a dict.

    ``name`` is how messages name the file (default: ``path`` as given), so a tool reporting
    on many submissions can name them by a relative path. Raises :class:`CaseFileError`
    (see :data:`REASONS`); a file that cannot be opened raises ``OSError`` as usual.
    """
    return loads_case_file(Path(path).read_bytes(), name=os.fspath(path) if name is None else name)


def loads_case_file(data: bytes | str, *, name: str = "<case file>") -> dict[str, Any]:
    """Parse and check case-file text (see :func:`read_case_file`).

    Examples
    --------
    >>> good = dumps_case_file({"learner": "a"}).replace('"a"', '"b"')
    >>> try:
    ...     loads_case_file(good, name="x.case.json")
    ... except CaseFileError as exc:
    ...     print(exc.reason)
    tampered
    """
    text = _decode(data, name)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _parse_error(text, exc, name) from None
    except RecursionError:
        raise CaseFileError("malformed", name, "", "nested too deeply to be a case file") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        what = "a JSON object" if isinstance(doc, dict) else f"JSON of type {type(doc).__name__}"
        raise CaseFileError(
            "foreign", name, "format", f"{what} without format {FORMAT!r}: not a casekit case file"
        )
    version = doc.get("schema_version")
    if not _is_int(version):
        raise CaseFileError("invalid", name, "schema_version", f"must be a whole number, got {version!r}")
    if version != SCHEMA_VERSION:
        raise CaseFileError(
            "unsupported_version",
            name,
            "schema_version",
            f"version {version} cannot be read by this casekit (it reads version {SCHEMA_VERSION}); "
            "update casekit or export the case again",
        )
    checksum = doc.get("checksum")
    if not isinstance(checksum, str) or not checksum.startswith("sha256:"):
        raise CaseFileError("invalid", name, "checksum", f"must be 'sha256:<hex>', got {checksum!r}")
    if not verify_checksum(doc):
        raise CaseFileError(
            "tampered",
            name,
            "checksum",
            "does not match the content: the file was changed after it was exported",
        )
    validate_case_file(doc, name=name)
    return doc


def _decode(data: bytes | str, name: str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        # A byte-order mark is tolerated: some Windows editors add one when saving.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaseFileError(
            "malformed", name, "", f"not UTF-8 text (byte {exc.start}): not a case file"
        ) from None


def _parse_error(text: str, exc: json.JSONDecodeError, name: str) -> CaseFileError:
    # JSON that stops early fails at its very end (possibly inside a cut number or literal),
    # or inside a string that is never closed; anything else is damage in the middle.
    end = len(text.rstrip())
    if not text.strip():
        return CaseFileError("truncated", name, "", "the file is empty")
    tail = text[exc.pos : end]
    cut_token = any(w.startswith(tail) for w in ("true", "false", "null")) or _NUMBER_PREFIX.fullmatch(tail)
    if text.lstrip()[0] in "{[" and (cut_token or exc.msg.startswith("Unterminated string")):
        return CaseFileError(
            "truncated", name, "", f"the JSON stops early (line {exc.lineno}): copy or export the file again"
        )
    return CaseFileError(
        "malformed", name, "", f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
    )


# -- the content's shape -------------------------------------------------------------------


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


_TYPES = {
    "str": (lambda v: isinstance(v, str), "text"),
    "str?": (lambda v: v is None or isinstance(v, str), "text or null"),
    "int": (_is_int, "a whole number"),
    "int?": (lambda v: v is None or _is_int(v), "a whole number or null"),
    "num": (_is_num, "a number"),
    "bool": (lambda v: isinstance(v, bool), "true or false"),
    "dict": (lambda v: isinstance(v, dict), "an object"),
    "list": (lambda v: isinstance(v, list), "a list"),
    "stage": (lambda v: v in Stage.codes(), "a stage code (" + ", ".join(Stage.codes()) + ")"),
    "kind": (lambda v: v in RecordKind.codes(), "a record kind code"),
}

#: Required top-level fields and their types; ``"?"`` marks ones that may be null.
_TOP = {
    "casekit_version": "str",
    "learner": "str",
    "scenario": "dict",
    "policy": "str",
    "seed": "int",
    "stages": "list",
    "stage_days": "dict",
    "record": "list",
    "crises": "list",
    "closed_reason": "str?",
    "score": "dict",
    "violations": "list",
    "needs_before": "dict",
    "needs_after": "dict",
}
_OPTIONAL = {"feedback": "list", "steps": "list", "created": "str"}
_ITEMS = {
    "scenario": {"id": "str", "title": "dict", "difficulty": "str"},
    "scenario.title": {"ko": "str", "en": "str"},
    "score": {"total": "num", "components": "dict"},
    "stages[]": {"stage": "stage", "day": "int"},
    "record[]": {
        "seq": "int",
        "stage": "stage",
        "day": "int",
        "author": "str",
        "kind": "kind",
        "fields": "dict",
        "note": "str",
        "sensitive": "bool",
    },
    "crises[]": {
        "id": "str",
        "type": "str",
        "day": "int",
        "intervened_day": "int?",
        "response_days": "int?",
        "window_days": "int",
    },
    "violations[]": {"day": "int", "verb": "str", "stage": "str", "rule": "str"},
    "feedback[]": {"stage": "str", "good": "list", "missing": "list"},
}
_NUMBER_MAPS = ("stage_days", "needs_before", "needs_after", "score.components")


def validate_case_file(doc: Mapping[str, Any], *, name: str = "<case file>") -> None:
    """Check that every required field of a case file is there with the right type.

    Raises :class:`CaseFileError` with reason ``invalid``, naming the first wrong field by
    its path (``record[12].day``). The checksum is not checked here.

    Examples
    --------
    >>> try:
    ...     validate_case_file({"learner": "a"}, name="a.case.json")
    ... except CaseFileError as exc:
    ...     print(exc)
    a.case.json: casekit_version: is missing
    """
    _check_fields(doc, _TOP, "", name, required=True)
    _check_fields(doc, _OPTIONAL, "", name, required=False)
    _check_fields(doc["scenario"], _ITEMS["scenario"], "scenario.", name, required=True)
    _check_fields(doc["scenario"]["title"], _ITEMS["scenario.title"], "scenario.title.", name, required=True)
    _check_fields(doc["score"], _ITEMS["score"], "score.", name, required=True)
    for path in _NUMBER_MAPS:
        head, _, tail = path.partition(".")
        mapping = doc[head][tail] if tail else doc[head]
        for key, value in mapping.items():
            if not _is_num(value):
                raise CaseFileError("invalid", name, f"{path}.{key}", f"must be a number, got {value!r}")
    for key in ("stages", "record", "crises", "violations", "feedback"):
        spec = _ITEMS[f"{key}[]"]
        for i, item in enumerate(doc.get(key) or ()):
            where = f"{key}[{i}]"
            if not isinstance(item, dict):
                raise CaseFileError("invalid", name, where, f"must be an object, got {type(item).__name__}")
            _check_fields(item, spec, f"{where}.", name, required=True)


def _check_fields(
    obj: Mapping[str, Any], spec: Mapping[str, str], prefix: str, name: str, *, required: bool
) -> None:
    for key, kind in spec.items():
        if key not in obj:
            if required:
                raise CaseFileError("invalid", name, prefix + key, "is missing")
            continue
        test, words = _TYPES[kind]
        if not test(obj[key]):
            raise CaseFileError("invalid", name, prefix + key, f"must be {words}, got {obj[key]!r:.60}")
