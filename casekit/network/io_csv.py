"""Reading network files: ``nodes.csv`` and ``edges.csv`` → :class:`ResourceNetwork`.

The format is the contract of ARCHITECTURE.md ("Network files"). ``nodes.csv`` has the
columns ``id`` and ``kind`` (required), ``name``, ``setting``, ``sector``, ``domains``
(resources: the domains served, ``;``-separated; clients: their needs as
``domain:severity`` pairs) and ``capacity`` (resources, a whole number). ``edges.csv`` has
``source``, ``target`` and ``relation`` (required), ``strength``, ``stressful``, ``flow`` and
``weight``. Other columns are kept as attributes (strings), except the tie ratings ``trust``
and ``value``, which are read as numbers.

:func:`read_csv` reports every problem of both files at once in one
:class:`~casekit.domain.NetworkDataError`, one ``FILE:LINE: column: message`` per problem;
the rules themselves are the model's (:class:`ResourceNetwork` raises, the loader adds the
place). A file holding anything shaped like a resident registration number (주민등록번호) is
refused whatever else it holds (DOMAIN.md §7). :func:`~casekit.network.io_export.write_csv`
writes the files back.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> d = Path(tempfile.mkdtemp())
>>> _ = (d / "nodes.csv").write_text(
...     "id,kind,name,setting,sector,domains\\n"
...     "S1,client,김하늘,,,educational:3;economic:2\\n"
...     "wee,resource,Wee클래스,in_school,school,psychological\\n"
... )
>>> _ = (d / "edges.csv").write_text("source,target,relation,strength\\nS1,wee,link,tenuous\\n")
>>> net = read_csv(d / "nodes.csv", d / "edges.csv")
>>> net.needs("S1"), net.domains("wee")
({'economic': 2, 'educational': 3}, ('psychological',))
>>> _ = (d / "edges.csv").write_text("source,target,relation\\nS1,wee,lnk\\nS1,wea,link\\n")
>>> try:
...     read_csv(d)
... except NetworkDataError as exc:
...     for problem in exc.problems:
...         print(problem.line, problem.field, problem.message)
2 relation unknown relation 'lnk' (did you mean 'link'?); valid codes: link, coordination, relationship, referral, collaboration, informal
3 target no node with id 'wea' in nodes.csv (did you mean 'wee'?)
"""

from __future__ import annotations

import difflib
import math
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..domain.errors import NetworkDataError, Problem
from ..domain.vocabulary import Flow, NeedDomain, NodeKind, Relation, Sector, Setting, TieStrength
from ._csvtable import Row, Table, looks_like_rrn, read_table, scrub
from .model import ResourceNetwork, _code

__all__ = [
    "read_csv",
    "loads_csv",
    "NODE_COLUMNS",
    "TIE_COLUMNS",
    "RATING_COLUMNS",
    "TRUE_WORDS",
    "FALSE_WORDS",
]

PathLike = str | os.PathLike[str]
T = TypeVar("T")

#: The columns of ``nodes.csv``, in the order :func:`write_csv` writes them.
NODE_COLUMNS = ("id", "kind", "name", "setting", "sector", "domains", "capacity")
#: The columns of ``edges.csv``, in the order :func:`write_csv` writes them.
TIE_COLUMNS = ("source", "target", "relation", "strength", "stressful", "flow", "weight")
#: Tie ratings (as PARTNER surveys collect them) read as numbers when present.
RATING_COLUMNS = ("trust", "value")
#: Words read as true / false in the ``stressful`` column (case does not matter).
TRUE_WORDS = frozenset({"true", "1", "yes", "y", "예"})
FALSE_WORDS = frozenset({"false", "0", "no", "n", "아니오", "아니요"})

_NODE_REQUIRED = ("id", "kind")
_TIE_REQUIRED = ("source", "target", "relation")
_WHOLE = re.compile(r"[+-]?\d+")
_FAILED = object()
_SUGGEST_UP_TO = 2000


class _Reporter:
    """Collects the problems of one file and turns model errors into ``FILE:LINE: column`` ones."""

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.filename = filename
        self.problems = problems

    def add(self, line: int, column: str, message: str) -> None:
        self.problems.append(Problem(self.filename, line, column, message))

    def run(self, line: int, call: Callable[..., T], *args: Any, **kwargs: Any) -> T | object:
        """``call(*args, **kwargs)``, or ``_FAILED`` after reporting its ``NetworkDataError``."""
        try:
            return call(*args, **kwargs)
        except NetworkDataError as exc:
            for p in exc.problems:
                self.add(line, p.field, p.message)
            return _FAILED


def _read_bytes(path: Path, problems: list[Problem]) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(str(path), None, "", "no such file"))
    except IsADirectoryError:
        problems.append(Problem(str(path), None, "", "is a directory, not a CSV file"))
    except OSError as exc:
        problems.append(Problem(str(path), None, "", f"cannot read the file: {exc.strerror or exc}"))
    return None


def read_csv(nodes_path: PathLike, edges_path: PathLike | None = None) -> ResourceNetwork:
    """Load a network from ``nodes.csv`` and ``edges.csv``.

    Parameters
    ----------
    nodes_path
        The nodes file, or a directory holding ``nodes.csv`` and ``edges.csv``.
    edges_path
        The edges file (required unless ``nodes_path`` is a directory).

    Returns
    -------
    ResourceNetwork
        Nodes and ties in the order of the files.

    Raises
    ------
    NetworkDataError
        Listing every problem of both files, ``FILE:LINE: column: message`` each.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "nodes.csv").write_text("id,kind,주민번호\\nS1,client,900101-2345678\\n")
    >>> _ = (d / "edges.csv").write_text("source,target,relation\\n")
    >>> try:
    ...     read_csv(d / "nodes.csv", d / "edges.csv")
    ... except NetworkDataError as exc:
    ...     print(exc.problems[0].line, exc.problems[0].field, exc.problems[0].message)
    2 주민번호 looks like a resident registration number (주민등록번호); pseudonymize the file before loading it
    """
    nodes_file = Path(nodes_path)
    if edges_path is None:
        nodes_file, edges_file = nodes_file / "nodes.csv", nodes_file / "edges.csv"
    else:
        edges_file = Path(edges_path)
    problems: list[Problem] = []
    nodes_data = _read_bytes(nodes_file, problems)
    edges_data = _read_bytes(edges_file, problems)
    return _load(nodes_data, edges_data, str(nodes_file), str(edges_file), problems)


def loads_csv(
    nodes: bytes | str, edges: bytes | str, *, nodes_name: str = "nodes.csv", edges_name: str = "edges.csv"
) -> ResourceNetwork:
    """Load a network from the contents of ``nodes.csv`` and ``edges.csv`` (e.g. an upload).

    Bytes are decoded as :func:`read_csv` does; ``nodes_name`` and ``edges_name`` are the
    file names that problems print.

    Examples
    --------
    >>> net = loads_csv("id,kind\\ncm,case_manager\\n", b"source,target,relation\\n")
    >>> net.case_managers()
    ['cm']
    >>> try:
    ...     loads_csv(b"id,kind\\ncm,cas_manager\\n", b"", edges_name="ties.csv")
    ... except NetworkDataError as exc:
    ...     print(exc)
    nodes.csv:2: kind: unknown node kind 'cas_manager' (did you mean 'case_manager'?); valid codes: client, case_manager, resource
    ties.csv:1: the file is empty; its first line must name the columns: source, target, relation, strength, stressful, flow, weight, trust, value
    """
    nodes_data = nodes.encode("utf-8") if isinstance(nodes, str) else bytes(nodes)
    edges_data = edges.encode("utf-8") if isinstance(edges, str) else bytes(edges)
    return _load(nodes_data, edges_data, nodes_name, edges_name, [])


def _load(
    nodes_data: bytes | None,
    edges_data: bytes | None,
    nodes_name: str,
    edges_name: str,
    problems: list[Problem],
) -> ResourceNetwork:
    """The network of both files, or ``NetworkDataError`` with ``problems`` and every new one."""
    net = ResourceNetwork()
    ids: list[str] | None = None
    if nodes_data is not None:
        table = read_table(nodes_data, nodes_name, NODE_COLUMNS, _NODE_REQUIRED, problems)
        ids = _load_nodes(table, net, _Reporter(nodes_name, problems))
    if edges_data is not None:
        table = read_table(edges_data, edges_name, (*TIE_COLUMNS, *RATING_COLUMNS), _TIE_REQUIRED, problems)
        if table.usable:
            _load_ties(table, net, ids, os.path.basename(nodes_name), _Reporter(edges_name, problems))
    if problems:
        # File by file, line by line; messages quote cells, and none may repeat a resident
        # registration number.
        files = {
            name: i
            for i, name in enumerate(dict.fromkeys([nodes_name, edges_name, *(p.file for p in problems)]))
        }
        problems.sort(key=lambda p: (files[p.file], p.line or 0))
        raise NetworkDataError([Problem(p.file, p.line, scrub(p.field), scrub(p.message)) for p in problems])
    return net


# -- nodes -------------------------------------------------------------------------------------


def _load_nodes(table: Table, net: ResourceNetwork, report: _Reporter) -> list[str] | None:
    """Add the node rows to ``net``; the ids in the file, or ``None`` if it has no usable rows."""
    if not table.usable:
        return None
    if "needs" in (name.lower() for name in table.extras):
        message = "clients' needs go in the domains column as domain:severity pairs (e.g. educational:3;economic:2); rename or remove this column"
        report.add(table.header_line, "needs", message)
    if not table.rows:
        report.add(table.header_line, "", "no nodes: the file has a header but no rows below it")
        return None
    first_line: dict[str, int] = {}
    for row in table.rows:
        nid = row.cells.get("id", "")
        attrs = _node_attrs(row, report)
        if nid in first_line:
            report.add(row.line, "id", f"id {nid!r} is used twice (first on line {first_line[nid]})")
            continue
        if nid:
            first_line[nid] = row.line
        if attrs is not None:
            report.run(row.line, net.add_node, nid, row.cells["kind"], **attrs)
    return list(first_line)


def _node_attrs(row: Row, report: _Reporter) -> dict[str, Any] | None:
    """Keyword arguments for :meth:`ResourceNetwork.add_node` from one row, or ``None``."""
    cells, line = row.cells, row.line
    where = f"line {line}"
    before = len(report.problems)
    if not cells.get("id"):
        report.add(line, "id", "is empty; every node needs an id")
    kind: Any = _FAILED
    if not cells.get("kind"):
        report.add(line, "kind", f"is empty; valid codes: {', '.join(NodeKind.codes())}")
    else:
        kind = report.run(line, _code, NodeKind, cells["kind"], where, "kind")
    attrs: dict[str, Any] = {k: v for k, v in cells.items() if k not in NODE_COLUMNS}
    if "name" in cells:
        attrs["name"] = cells["name"]
    for column, cls in (("setting", Setting), ("sector", Sector)):
        if column in cells:
            attrs[column] = report.run(line, _code, cls, cells[column], where, column)
    domains, capacity = cells.get("domains", ""), cells.get("capacity", "")
    if kind == NodeKind.RESOURCE.value:
        attrs["domains"] = _served(domains, line, report)
        attrs["capacity"] = _capacity(capacity, line, report)
    elif kind == NodeKind.CLIENT.value:
        attrs["needs"] = _needs(domains, line, report)
    elif kind == NodeKind.CASE_MANAGER.value and domains:
        message = "a case manager has no domains; resources list the domains they serve, clients their needs"
        report.add(line, "domains", message)
    if kind in (NodeKind.CLIENT.value, NodeKind.CASE_MANAGER.value) and capacity:
        report.add(line, "capacity", f"only resources have a capacity, not a {kind}")
    return attrs if len(report.problems) == before else None


def _served(cell: str, line: int, report: _Reporter) -> list[str]:
    out = []
    for part in _parts(cell):
        if ":" in part:
            domain = part.split(":", 1)[0].strip()
            message = (
                f"a resource lists the domains it serves without severities: write {domain!r}, not {part!r}"
            )
            report.add(line, "domains", message)
        else:
            out.append(str(report.run(line, _code, NeedDomain, part, f"line {line}", "domains")))
    return out


def _needs(cell: str, line: int, report: _Reporter) -> dict[str, int]:
    needs: dict[str, int] = {}
    for part in _parts(cell):
        domain, colon, severity = (s.strip() for s in part.partition(":"))
        if not colon:
            message = f"need {part!r} has no severity; write domain:severity, e.g. educational:3"
            report.add(line, "domains", message)
            continue
        code = report.run(line, _code, NeedDomain, domain, f"line {line}", "domains")
        if code is _FAILED:
            continue
        if code in needs:
            report.add(line, "domains", f"the need {code} is given twice")
        elif not _WHOLE.fullmatch(severity):
            message = f"severity of {code} must be a whole number 0-4, got {severity!r}"
            report.add(line, "domains", message)
        else:
            value = int(severity)
            # The model knows the scale; ask it rather than repeat it here.
            if report.run(line, ResourceNetwork._needs, {code: value}, f"line {line}") is not _FAILED:
                needs[str(code)] = value
    return needs


def _parts(cell: str) -> list[str]:
    return [p.strip() for p in cell.split(";") if p.strip()]


def _capacity(cell: str, line: int, report: _Reporter) -> int | None:
    if not cell:
        return None
    if not _WHOLE.fullmatch(cell):
        report.add(line, "capacity", f"must be a whole number >= 0, got {cell!r}")
        return None
    return int(cell)


def _number(cell: str, line: int, column: str, report: _Reporter) -> float | None:
    try:
        value = float(cell)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        report.add(line, column, f"must be a number, got {cell!r}")
        return None
    return value


# -- ties --------------------------------------------------------------------------------------


def _load_ties(
    table: Table, net: ResourceNetwork, ids: list[str] | None, nodes_name: str, report: _Reporter
) -> None:
    """Add the tie rows to ``net``; with ``ids`` ``None`` (no usable nodes file) check cells only.

    A tie to a node whose row had a problem is left out silently: that row is reported.
    """
    known = set(ids or ())
    # Suggestions cost a comparison with every id: offer them for networks a person types.
    choices = [i for i in ids or () if not looks_like_rrn(i)] if len(known) <= _SUGGEST_UP_TO else []
    first_line: dict[tuple[str, str, str], int] = {}
    for row in table.rows:
        kwargs = _tie_kwargs(row, report)
        if kwargs is None or ids is None:
            continue
        u, v, rel = row.cells["source"], row.cells["target"], kwargs.pop("relation")
        missing = False
        for end, column in ((u, "source"), (v, "target")):
            if end in net:
                continue
            missing = True
            if end not in known:
                message = f"no node with id {end!r} in {nodes_name}{_suggest(end, choices)}"
                report.add(row.line, column, message)
        if missing:
            continue
        seen = first_line.get((u, v, rel))
        if seen is None and not Relation(rel).directed:
            seen = first_line.get((v, u, rel))
        if seen is not None:
            message = f"the {rel} tie between {u!r} and {v!r} is given twice (first on line {seen})"
            report.add(row.line, "relation", message)
        elif report.run(row.line, net.add_tie, u, v, rel, **kwargs) is not _FAILED:
            first_line[u, v, rel] = row.line


def _tie_kwargs(row: Row, report: _Reporter) -> dict[str, Any] | None:
    """Keyword arguments for :meth:`ResourceNetwork.add_tie` (with ``relation``), or ``None``."""
    cells, line = row.cells, row.line
    where = f"line {line}"
    before = len(report.problems)
    for column in ("source", "target"):
        if not cells.get(column):
            report.add(line, column, "is empty; a tie needs a source and a target node id")
    kwargs: dict[str, Any] = {k: v for k, v in cells.items() if k not in TIE_COLUMNS}
    for column in RATING_COLUMNS:
        if column in kwargs:
            kwargs[column] = _number(kwargs[column], line, column, report)
    if not cells.get("relation"):
        report.add(line, "relation", f"is empty; valid codes: {', '.join(Relation.codes())}")
    else:
        kwargs["relation"] = report.run(line, _code, Relation, cells["relation"], where, "relation")
    for column, cls in (("strength", TieStrength), ("flow", Flow)):
        if column in cells:
            kwargs[column] = report.run(line, _code, cls, cells[column], where, column)
    if "stressful" in cells:
        word = cells["stressful"].lower()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            kwargs["stressful"] = word in TRUE_WORDS
        else:
            report.add(
                line,
                "stressful",
                f"must be true or false (also 1/0, yes/no, 예/아니오), got {cells['stressful']!r}",
            )
    if "weight" in cells:
        try:
            kwargs["weight"] = float(cells["weight"])
        except ValueError:
            report.add(line, "weight", f"must be a number >= 0, got {cells['weight']!r}")
    return kwargs if len(report.problems) == before else None


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
