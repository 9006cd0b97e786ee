"""Reading one CSV file as a table of cells that know their line: decoding, header, privacy.

The network loader (:mod:`casekit.network.io_csv`) builds on this. Bytes are decoded as
UTF-8 (with or without a byte-order mark), else as CP949 (what Korean Excel writes for
"CSV (쉼표로 분리)"). Header names are stripped and matched case-insensitively to the known
columns. Every cell shaped like a resident registration number (주민등록번호) is reported,
without echoing it (DOMAIN.md §7).

Examples
--------
>>> problems = []
>>> table = read_table(b"ID,Kind,note\\nS1,client,\\n", "n.csv", ("id", "kind"), ("id",), problems)
>>> [(row.line, row.cells) for row in table.rows], table.extras, problems
([(2, {'id': 'S1', 'kind': 'client'})], ['note'], [])
>>> read_table("id\\n900101-1234567\\n".encode(), "n.csv", ("id",), ("id",), problems).rows[0].cells
{'id': '900101-1234567'}
>>> print(problems[0])
n.csv:2: id: looks like a resident registration number (주민등록번호); pseudonymize the file before loading it
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..domain.errors import Problem

__all__ = ["Row", "Table", "decode", "read_table", "looks_like_rrn", "scrub", "RRN_MESSAGE"]

_RRN_IN_CELL = re.compile(r"(?<!\d)\d{6}-[1-8]\d{6}(?!\d)")
_RRN_BARE = re.compile(r"\d{6}[1-8]\d{6}")
_RRN_ANYWHERE = re.compile(r"(?<!\d)\d{6}-?[1-8]\d{6}(?!\d)")

#: The message for a cell that looks like a resident registration number.
RRN_MESSAGE = (
    "looks like a resident registration number (주민등록번호); pseudonymize the file before loading it"
)


def looks_like_rrn(cell: str) -> bool:
    """Whether a cell looks like a Korean resident registration number (주민등록번호).

    ``YYMMDD-GNNNNNN`` anywhere in the cell, or a cell of exactly those 13 digits.

    Examples
    --------
    >>> looks_like_rrn("김하늘 900101-2345678"), looks_like_rrn("9001012345678")
    (True, True)
    >>> looks_like_rrn("010-1234-5678"), looks_like_rrn("900101-9345678"), looks_like_rrn("19001012345678")
    (False, False, False)
    """
    if len(cell) < 13:  # most cells: too short to hold one
        return False
    return bool(_RRN_IN_CELL.search(cell) or _RRN_BARE.fullmatch(cell.strip()))


def scrub(text: str) -> str:
    """``text`` with anything shaped like a resident registration number replaced.

    Examples
    --------
    >>> scrub("no node with id '9001012345678'")
    "no node with id '<주민등록번호>'"
    """
    return _RRN_ANYWHERE.sub("<주민등록번호>", text)


def decode(data: bytes, filename: str) -> tuple[str | None, list[Problem]]:
    """The text of a CSV file: UTF-8 (BOM or not), else CP949; or a problem naming the line.

    When neither encoding reads the bytes, the line reported is where the encoding that
    read furthest stopped: the stray byte, not the first Korean character of a CP949 file.

    Examples
    --------
    >>> decode("이름\\n".encode("cp949"), "n.csv")
    ('이름\\n', [])
    >>> decode(b"id\\nS1\\n\\xff\\n", "n.csv")[1]
    [Problem("n.csv:3: cannot decode byte 0xff: the file is neither UTF-8 nor CP949; save it as 'CSV UTF-8 (쉼표로 분리)'")]
    """
    furthest = 0
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return data.decode(encoding), []
        except UnicodeDecodeError as exc:
            furthest = max(furthest, exc.start)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        message = "the file is UTF-16 (Excel 'Unicode text'); save it as 'CSV UTF-8 (쉼표로 분리)'"
        return None, [Problem(filename, 1, "", message)]
    line = data.count(b"\n", 0, furthest) + 1
    byte = data[furthest : furthest + 1].hex()
    message = f"cannot decode byte 0x{byte}: the file is neither UTF-8 nor CP949; save it as 'CSV UTF-8 (쉼표로 분리)'"
    return None, [Problem(filename, line, "", message)]


@dataclass
class Row:
    """One data row: its first line in the file and its non-empty cells by column name."""

    line: int
    cells: dict[str, str]


@dataclass
class Table:
    """The rows of a file whose header was usable, and the names of its extra columns."""

    header_line: int = 1
    columns: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    usable: bool = True


def _records(text: str, filename: str, problems: list[Problem]) -> list[tuple[int, list[str]]]:
    """``(first line, cells)`` for every non-blank CSV record; stops at a record csv cannot read."""
    reader = csv.reader(io.StringIO(text, newline=""))
    out: list[tuple[int, list[str]]] = []
    previous = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return out
        except csv.Error as exc:
            problems.append(Problem(filename, previous + 1, "", f"cannot read this line as CSV: {exc}"))
            return out
        if "".join(cells).strip():
            out.append((previous + 1, cells))
        previous = reader.line_num


#: Stands for the name of a repeated column, whose cells are ignored (already reported).
_DUPLICATE = "\0duplicate"


def _header(
    cells: list[str], line: int, filename: str, known: Sequence[str], problems: list[Problem]
) -> list[str]:
    """Column names: known ones in their canonical spelling, others stripped."""
    canonical = {k.lower(): k for k in known}
    names: list[str] = []
    first: dict[str, int] = {}
    for i, raw in enumerate(cells, start=1):
        name = raw.strip()
        name = canonical.get(name.lower(), name)
        if name and name in first:
            message = f"column {name!r} appears twice (columns {first[name]} and {i}); keep one"
            problems.append(Problem(filename, line, name, message))
            name = _DUPLICATE
        elif name:
            first[name] = i
        names.append(name)
    return names


def read_table(
    data: bytes,
    filename: str,
    known: Sequence[str],
    required: Sequence[str],
    problems: list[Problem],
) -> Table:
    """Decode and split a CSV file, appending every problem of its shape to ``problems``.

    Rows with only empty cells are skipped; cells are stripped and empty ones left out of
    :attr:`Row.cells`; missing trailing cells count as empty. ``Table.usable`` is false when
    the rows cannot be read as records (no header, a required column missing). Cells that look
    like a resident registration number are reported in every case.
    """
    text, bad = decode(data, filename)
    problems.extend(bad)
    table = Table()
    if text is None:
        table.usable = False
        return table
    records = _records(text, filename, problems)
    if not records:
        message = f"the file is empty; its first line must name the columns: {', '.join(known)}"
        problems.append(Problem(filename, 1, "", message))
        table.usable = False
        return table
    table.header_line, head = records[0]
    names = _header(head, table.header_line, filename, known, problems)
    table.columns = names
    table.extras = [n for n in names if n and n != _DUPLICATE and n not in known]
    for column in required:
        if column not in names:
            found = ", ".join(n for n in names if n) or "nothing"
            hint = ""
            if len(head) == 1 and ("\t" in head[0] or ";" in head[0]):
                hint = "; the header looks separated by tabs or semicolons: save the file as CSV (commas)"
            message = f"missing required column; the header has: {found}{hint}"
            problems.append(Problem(filename, table.header_line, column, message))
            table.usable = False
    for i, cell in enumerate(head):
        if looks_like_rrn(cell):
            problems.append(Problem(filename, table.header_line, f"column {i + 1}", RRN_MESSAGE))
    for line, cells in records[1:]:
        row = Row(line, {})
        too_long = False
        for i, raw in enumerate(cells):
            value = raw.strip()
            if not value:
                continue
            name = names[i] if i < len(names) else ""
            label = name if name and name != _DUPLICATE else f"column {i + 1}"
            if looks_like_rrn(value):
                problems.append(Problem(filename, line, label, RRN_MESSAGE))
            if name == _DUPLICATE:
                continue
            if i >= len(names):
                if not too_long:
                    message = f"this row has {len(cells)} cells but the header names {len(names)} columns"
                    problems.append(Problem(filename, line, label, message))
                too_long = True
            elif not name:
                message = f"a value in a column without a name; name the column on line {table.header_line} or delete the value"
                problems.append(Problem(filename, line, label, message))
            else:
                row.cells[name] = value
        table.rows.append(row)
    return table
